//! Extraction: from a document's structure to facts with provenance.
//!
//! Tables give most facts; prose gives the figures a release states in
//! sentences. Every fact records the span of its number so the text view
//! can show where it came from. Nothing is guessed: what cannot be read
//! with confidence becomes a warning with its span.

pub mod footing;
pub mod ixbrl;
pub mod period;
pub mod prose;
pub mod rules;
pub mod scale;
pub mod table_facts;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use std::collections::{HashMap, HashSet};

use crate::fact::{Fact, Origin, Period, Warning};
use crate::ingest::{self, text_table, Document, IngestError};
pub use footing::Footing;
use prose::ProsePatterns;
pub use rules::Rules;

/// A document with everything extracted from it.
#[derive(Clone, Debug)]
pub struct ExtractedDocument {
    pub document: Document,
    pub facts: Vec<Fact>,
    pub warnings: Vec<Warning>,
    pub footings: Vec<Footing>,
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
        let mut facts = Vec::new();
        let mut warnings = document.warnings.clone();
        let mut footings = Vec::new();
        let found;
        let tables: &[text_table::TextTable] = match &document.html {
            Some(html) => &html.tables,
            None => {
                found = text_table::find_tables(&document.text, &document.lines, &mut warnings);
                &found
            }
        };
        let mut known_headings = HashMap::new();
        for table in tables {
            let table_footings = footing::footings(table, &self.rules);
            table_facts::table_facts(
                &document,
                table,
                &self.rules,
                &table_footings,
                &mut known_headings,
                &mut facts,
                &mut warnings,
            );
            footings.extend(table_footings);
        }
        let table_lines: Vec<_> = tables.iter().map(|t| t.lines.clone()).collect();
        prose::prose_facts(&document, &table_lines, &self.rules, &self.prose, &mut facts, &mut warnings);
        if let Some(html) = &document.html {
            ixbrl::ixbrl_facts(html, &self.rules, &mut facts, &mut warnings);
            ixbrl::check_cells_against_tags(&facts, &mut warnings);
        }
        self.keep_preferred_labels(&mut facts);
        ExtractedDocument { document, facts, warnings, footings }
    }

    /// Where a document labels a concept several ways for one period and a
    /// label is preferred ("Net income attributable to <Company>" over the
    /// consolidated "Net income"), drops the table and prose facts of the
    /// others. Inline XBRL facts are the filing's own word and stay.
    fn keep_preferred_labels(&self, facts: &mut Vec<Fact>) {
        let is_preferred = |f: &Fact| {
            self.rules
                .concept(&f.concept)
                .is_some_and(|r| r.prefers_labels() && r.label_is_preferred(&rules::normalize_label(&f.label)))
        };
        let preferred_facts: Vec<bool> = facts.iter().map(is_preferred).collect();
        let preferred: HashSet<(&str, Period)> = facts
            .iter()
            .zip(&preferred_facts)
            .filter(|(_, &is)| is)
            .map(|(f, _)| (f.concept.as_str(), f.period))
            .collect();
        if preferred.is_empty() {
            return;
        }
        let kept: Vec<bool> = facts
            .iter()
            .zip(&preferred_facts)
            .map(|(f, &is)| f.origin == Origin::Ixbrl || is || !preferred.contains(&(f.concept.as_str(), f.period)))
            .collect();
        let mut kept = kept.into_iter();
        facts.retain(|_| kept.next().unwrap_or(true));
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
