//! Extraction: from a document's structure to facts with provenance.
//!
//! Extraction is a chain of stages over one normalized document, each
//! writing into one sink ([`Findings`]) through one fact constructor:
//! the fiscal calendar is read first, then the tables (what each is, its
//! scale and columns, then its rows), the prose, the inline XBRL, and at
//! last the cross-checks that settle them within the document. Nothing is
//! guessed: what cannot be read with confidence becomes a warning with
//! its span.

pub mod calendar;
pub mod findings;
pub mod footing;
pub mod ixbrl;
pub mod period;
pub mod prose;
pub mod reconcile;
pub mod roles;
pub mod rules;
pub mod tables;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::fact::{Fact, Warning};
use crate::fiscal::FiscalCalendar;
use crate::ingest::{self, Document, IngestError};
pub use findings::Findings;
pub use footing::Footing;
use prose::ProsePatterns;
pub use rules::Rules;

/// A document with everything extracted from it.
#[derive(Clone, Debug)]
pub struct ExtractedDocument {
    pub document: Document,
    /// The fiscal calendar the document states.
    pub calendar: FiscalCalendar,
    pub facts: Vec<Fact>,
    pub warnings: Vec<Warning>,
    pub footings: Vec<Footing>,
}

/// What every stage reads: the document, the label rules, and the fiscal
/// calendar the document states.
pub struct Context<'a> {
    pub document: &'a Document,
    pub rules: &'a Rules,
    pub calendar: &'a FiscalCalendar,
}

/// The label rules and what is compiled from them, built once and shared
/// by every extraction.
pub struct Extractor {
    rules: Rules,
    prose: ProsePatterns,
}

impl Extractor {
    pub fn new(rules: Rules) -> Extractor {
        let prose = ProsePatterns::new(&rules);
        Extractor { rules, prose }
    }

    /// The extractor with the rules shipped in `assets/concepts.toml`.
    pub fn builtin() -> &'static Extractor {
        static BUILTIN: std::sync::LazyLock<Extractor> = std::sync::LazyLock::new(|| {
            Extractor::new(Rules::parse(rules::DEFAULT_RULES).expect("the shipped concept rules are valid"))
        });
        &BUILTIN
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    pub fn extract(&self, document: Document) -> ExtractedDocument {
        let (calendar, headings) = calendar::read(&document);
        let context = Context { document: &document, rules: &self.rules, calendar: &calendar };
        let mut findings = Findings { warnings: document.warnings.clone(), ..Findings::default() };
        tables::read(&context, &headings, &mut findings);
        prose::read(&context, &self.prose, &mut findings);
        ixbrl::read(&context, &mut findings);
        reconcile::settle(&self.rules, &mut findings);
        let Findings { facts, warnings, footings } = findings;
        ExtractedDocument { document, calendar, facts, warnings, footings }
    }

    /// Reads a file and extracts every document in it.
    /// A panic while doing so becomes the file's error.
    pub fn extract_path(&self, path: &Path) -> Result<Vec<ExtractedDocument>, IngestError> {
        crate::isolate::isolated(|| Ok(ingest::load(path)?.into_iter().map(|d| self.extract(d)).collect()))
            .unwrap_or_else(|message| Err(IngestError::Failed { path: path.to_owned(), message }))
    }

    /// Extracts many files on all cores; each file's result stands alone, so
    /// one bad file does not stop the others. Results keep the input order.
    pub fn extract_paths(&self, paths: &[PathBuf]) -> Vec<(PathBuf, Result<Vec<ExtractedDocument>, IngestError>)> {
        paths.par_iter().map(|p| (p.clone(), self.extract_path(p))).collect()
    }
}
