//! Arithmetic rules: ratios, sums, shares, changes.
pub mod ratio_mismatch; pub mod ratio_rounding; pub mod sum_mismatch; pub mod share_sum; pub mod change_mismatch;
