//! Writing portfolio data out in other formats. Renderers return strings or
//! bytes; commands decide where they go.

pub mod case;
