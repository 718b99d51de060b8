//! Export stage: Turtle, N-Triples, N-Quads, TriG; sorted and byte-stable.
