//! Exhibit: SEC filings to facts an analyst can trust.
//!
//! Data flows one way: [`ingest`] turns a path into documents of decoded
//! text and table structure, [`extract`] turns structure into facts with
//! provenance, [`ledger`] reconciles the facts of many filings (and the
//! user's corrections) into quarterly series, and [`report`] writes them out
//! for scripts. [`chart`] turns series into what is drawn, and saves it as
//! an image; [`workbench`] is the state of an analyst's session (open
//! filings, selection, corrections with undo). Only [`app`] knows about a
//! window.

pub mod amount;
pub mod app;
pub mod atomic;
pub mod calendar;
pub mod chart;
pub mod cli;
pub mod extract;
pub mod fact;
pub mod fiscal;
pub mod format;
pub mod ingest;
pub mod isolate;
pub mod ledger;
pub mod pattern;
pub mod report;
pub mod text;
pub mod workbench;
