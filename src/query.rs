//! Query stage: the stored-query catalog (`queries/*.rq`), safe parameters, W3C result formats.
