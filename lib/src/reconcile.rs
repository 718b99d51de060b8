//! Reconcile stage: succession per position across every record of the store
//! (`across`). Within one record, names for unnamed holders (infobox, prose), the
//! alias table and succession order are part of extraction (`crate::extract`); their
//! names stay here for callers.

mod across;

/// Within-record reconciling moved to [`crate::extract`]; kept here for callers.
pub use crate::extract::{
    apply_infobox, apply_prose, clues, succession_order, AliasError, Aliases, Anchor, Clue,
    InfoboxHolders, NameSource, TenureDraft,
};
/// The succession graph's name lives in [`crate::names`]; kept here for callers.
pub use crate::names::succession_graph;
pub use across::{
    feeds_succession, feeds_succession_ref, plan_succession, plan_succession_of, SuccessionInputs,
    SuccessionPlan,
};
