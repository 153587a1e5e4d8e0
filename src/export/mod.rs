//! Writing portfolio data out in other formats. Renderers return strings or
//! bytes; commands decide where they go.

pub mod case;
pub mod folio_json;
pub mod json_resume;
pub mod markdown;
