//! Export stage tests: the Wikidata profile.
