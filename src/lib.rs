//! Exhibit: SEC filings to facts an analyst can trust.
//!
//! Data flows one way: [`ingest`] turns a path into documents of decoded
//! text and table structure, [`extract`] turns structure into facts with
//! provenance, [`ledger`] reconciles the facts of many filings (and the
//! user's corrections) into quarterly series, and [`report`] writes them out
//! for scripts. Nothing here knows about a window.

pub mod calendar;
pub mod cli;
pub mod extract;
pub mod fact;
pub mod ingest;
pub mod ledger;
pub mod report;
