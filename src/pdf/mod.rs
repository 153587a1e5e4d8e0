//! PDF documents: a layout engine (`layout`), the embedded fonts (`fonts`),
//! right-to-left scripts (`scripts`),
//! the step to PDF bytes (`render`) and the four documents (`documents`),
//! which are thin descriptions on top of the engine.

pub mod blocks;
mod catalog;
pub mod documents;
pub mod fonts;
pub mod layout;
pub mod render;
pub mod scripts;
pub mod structure;
pub mod tag_tree;
pub mod wrap;
pub mod wrap_rich;
