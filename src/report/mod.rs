//! Views computed from what storage returns — coverage gaps and the like —
//! shared by the commands, the PDFs and the exports, so each rule has one home.

pub mod agenda;
pub mod audit;
pub mod calendar;
pub mod cohort;
pub mod coverage;
pub mod cpd;
pub mod gaps;
pub mod requirements;
pub mod stories;
