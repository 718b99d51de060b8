//! Parse stage: what a table column means, from its header wording and its content.

/// The meaning of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnKind {
    Ordinal,
    Portrait,
    Name,
    Start,
    End,
    /// A whole term of office in one cell (`1945–1953`).
    Range,
    Duration,
    Rank,
    /// Body terms (`5th Central Committee`), a rowspan column.
    Term,
    Party,
    BirthYear,
    PartyJoinYear,
    BirthPlace,
    Gender,
    /// Anything else: kept raw under its header (or `columnN` when unnamed).
    Other,
}
