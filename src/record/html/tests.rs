//! Parse stage (HTML) tests: each mapping rule on a small snippet, line numbers, no
//! panic on any input, and the real pages against their flattened records.

use super::*;
