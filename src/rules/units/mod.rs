//! Units: a unit slip a relation proves (U001), a budget line implausible in 元 among 万元
//! (U003).
pub mod implausible_magnitude;
pub mod unit_scale;
