//! Integration tests: the real server over real HTTP on an ephemeral loopback port, with a
//! temporary SQLite file. The contract's scenarios are numbered as in
//! membership-semantics.md section 5.

mod concurrency;
mod harness;
mod inprocess;
mod invite;
mod join;
mod lifecycle;
mod process;
