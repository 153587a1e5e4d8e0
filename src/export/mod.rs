//! Writing portfolio data out in other formats. Renderers return strings or
//! bytes; commands decide where they go.

pub mod case;
pub mod csv;
pub mod folio_json;
pub mod ics;
pub mod json_resume;
pub mod markdown;
