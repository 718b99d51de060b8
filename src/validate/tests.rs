//! Validate stage: unit tests, one per constraint kind and check.
