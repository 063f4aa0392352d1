//! Extraction of entities, roles, quotes, counts and events.
//!
//! Not filled yet: the entities issue brings mentions, entities and roles;
//! the quotes issue brings quotes, counts and events. The contract is fixed:
//! a pure function of one article that reads only original paragraphs, does
//! no I/O and cannot fail.
