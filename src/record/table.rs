//! Parse stage: table.
