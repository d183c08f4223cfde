//! Duplicates: one metric stated twice with two values (D001), a figure of a report's data that
//! its text states otherwise (D002), one document number cited with two amounts (D003).
pub mod conflicting_duplicate;
pub mod cross_source_mismatch;
pub mod source_document_conflict;
