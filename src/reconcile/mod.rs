//! Reconcile stage: names for unnamed holders, succession.
