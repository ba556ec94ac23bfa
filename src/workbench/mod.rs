//! The state of an analyst's session, without any window: the open
//! filings and what failed to open, which document and fact are selected,
//! the corrections with their undo history, and the series and checks they
//! give. The window draws this; tests drive it directly.

pub mod entry;
pub mod history;
pub mod workspace;
pub mod workspace_file;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::chart::ChartOptions;
use crate::extract::{ExtractedDocument, Extractor};
use crate::fact::Fact;
use crate::ingest::IngestError;
use crate::ledger::corrections::value_problem;
use crate::ledger::{Check, Correction, CorrectionSource, FactKey, Ledger, Series};
use history::{Change, History};
use workspace::{Refused, Workspace};

const RECENT_FILES: usize = 10;

/// A file that could not be opened, and why, in words for the analyst.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadFailure {
    pub path: PathBuf,
    pub reason: String,
    /// Refused by the workspace that listed it: never opened, and left out
    /// of the workspace when it is saved.
    pub refused: bool,
}

/// The result of loading one file.
pub type Loaded = (PathBuf, Result<Vec<ExtractedDocument>, IngestError>);

/// A fact of an open document: indices into `documents()` and its facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FactRef {
    pub document: usize,
    pub fact: usize,
}

pub struct Workbench {
    extractor: &'static Extractor,
    ledger: Ledger,
    series: Vec<Series>,
    checks: Vec<Check>,
    history: History,
    /// The files of the session in the order they were asked for, open,
    /// still loading, or failed: what the workspace lists.
    files: Vec<PathBuf>,
    listed: HashSet<PathBuf>,
    failures: Vec<LoadFailure>,
    recent: Vec<PathBuf>,
    /// Charted concepts turned off by the analyst.
    pub hidden_series: Vec<String>,
    /// How the chart names quarters and which values it draws.
    pub chart_options: ChartOptions,
    pub selected_document: Option<usize>,
    pub selected_fact: Option<usize>,
    /// Bumped whenever what the chart or the fields show may have changed.
    revision: u64,
}

impl Default for Workbench {
    fn default() -> Self {
        Workbench::new(Extractor::builtin())
    }
}

impl Workbench {
    pub fn new(extractor: &'static Extractor) -> Workbench {
        Workbench {
            extractor,
            ledger: Ledger::new(),
            series: Vec::new(),
            checks: Vec::new(),
            history: History::default(),
            files: Vec::new(),
            listed: HashSet::new(),
            failures: Vec::new(),
            recent: Vec::new(),
            hidden_series: Vec::new(),
            chart_options: ChartOptions::default(),
            selected_document: None,
            selected_fact: None,
            revision: 0,
        }
    }

    pub fn extractor(&self) -> &'static Extractor {
        self.extractor
    }

    /// Lists files about to be loaded, so the workspace keeps them while
    /// they load (and after, should they never finish).
    pub fn expect(&mut self, paths: &[PathBuf]) {
        for path in paths {
            self.list(path);
        }
        self.revision += 1;
    }

    fn list(&mut self, path: &Path) {
        if self.listed.insert(path.to_owned()) {
            self.files.push(path.to_owned());
        }
    }

    /// Takes in the results of loading files: their documents, or why
    /// they failed. The series are worked out once for the lot.
    pub fn add_loaded(&mut self, arrived: Vec<Loaded>) {
        let paths: HashSet<&PathBuf> = arrived.iter().map(|(path, _)| path).collect();
        self.failures.retain(|f| !paths.contains(&f.path));
        for (path, result) in arrived {
            self.list(&path);
            match result {
                Ok(documents) => {
                    self.ledger.add(documents);
                    self.remember(&path);
                }
                Err(error) => {
                    self.failures.push(LoadFailure { path, reason: reason_of(&error), refused: false });
                }
            }
        }
        if self.selected_document.is_none() && !self.ledger.documents().is_empty() {
            self.selected_document = Some(0);
        }
        self.refresh();
    }

    /// Lists the files a workspace named that it refused, with the reason.
    pub fn refuse(&mut self, refused: &[Refused]) {
        for entry in refused {
            if let Some(path) = &entry.file {
                let reason = format!("refused: {}", entry.reason);
                self.failures.push(LoadFailure { path: path.clone(), reason, refused: true });
            }
        }
        self.revision += 1;
    }

    fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT_FILES);
    }

    /// Closes every document of a file; its corrections stay on record.
    pub fn close_file(&mut self, path: &Path) {
        self.ledger.remove_file(path);
        self.failures.retain(|f| f.path != path);
        self.files.retain(|p| p != path);
        self.listed.remove(path);
        self.selected_document = (!self.ledger.documents().is_empty()).then_some(0);
        self.selected_fact = None;
        self.refresh();
    }

    pub fn documents(&self) -> &[ExtractedDocument] {
        self.ledger.documents()
    }

    pub fn failures(&self) -> &[LoadFailure] {
        &self.failures
    }

    /// Forgets the files that could not be opened.
    pub fn dismiss_failures(&mut self) {
        let failed: HashSet<PathBuf> = self.failures.drain(..).map(|f| f.path).collect();
        self.files.retain(|p| !failed.contains(p));
        self.listed.retain(|p| !failed.contains(p));
        self.revision += 1;
    }

    pub fn recent(&self) -> &[PathBuf] {
        &self.recent
    }

    pub fn series(&self) -> &[Series] {
        &self.series
    }

    pub fn checks(&self) -> &[Check] {
        &self.checks
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn selected(&self) -> Option<FactRef> {
        Some(FactRef { document: self.selected_document?, fact: self.selected_fact? })
    }

    pub fn select_document(&mut self, document: usize) {
        if document < self.documents().len() && self.selected_document != Some(document) {
            self.selected_document = Some(document);
            self.selected_fact = None;
        }
    }

    pub fn select_fact(&mut self, fact: FactRef) {
        if self.fact(fact).is_some() {
            self.selected_document = Some(fact.document);
            self.selected_fact = Some(fact.fact);
        }
    }

    /// Selects the most recent filing that has figures (a results release
    /// rather than a news item), or the first document if none has.
    pub fn select_latest_with_facts(&mut self) {
        let documents = self.documents();
        let latest = (0..documents.len())
            .filter(|&i| !documents[i].facts.is_empty())
            .max_by_key(|&i| (documents[i].document.particulars.date, std::cmp::Reverse(i)))
            .or((!documents.is_empty()).then_some(0));
        if latest != self.selected_document {
            self.selected_document = latest;
            self.selected_fact = None;
        }
    }

    pub fn fact(&self, fact: FactRef) -> Option<&Fact> {
        self.documents().get(fact.document)?.facts.get(fact.fact)
    }

    /// The company of the selected document, for the chart.
    pub fn selected_company(&self) -> Option<String> {
        self.company_of(self.selected_document?)
    }

    /// The company an open document is of (its identity in the ledger).
    pub fn company_of(&self, document: usize) -> Option<String> {
        Some(self.ledger.company_of(self.documents().get(document)?))
    }

    /// The name to show for a company.
    pub fn company_name(&self, company: &str) -> &str {
        self.ledger.companies().name(company)
    }

    pub fn key_of(&self, fact: FactRef) -> Option<FactKey> {
        let document = self.documents().get(fact.document)?;
        Some(self.ledger.key_of(document, document.facts.get(fact.fact)?))
    }

    pub fn correction_of(&self, fact: FactRef) -> Option<&Correction> {
        self.ledger.corrections().get(&self.key_of(fact)?)
    }

    /// The value in force for a fact: its correction's, or the printed one.
    pub fn value_of(&self, fact: FactRef) -> Option<Decimal> {
        self.correction_of(fact).map(|c| c.value).or_else(|| self.fact(fact).map(|f| f.value))
    }

    /// Corrects a fact's value; returns false when there is no such fact,
    /// or the value is not one a filing could state (`value_problem`).
    pub fn correct(&mut self, fact: FactRef, value: Decimal, note: Option<String>) -> bool {
        let Some(key) = self.key_of(fact) else { return false };
        if value_problem(value).is_some() {
            return false;
        }
        let document = &self.documents()[fact.document].document;
        let source = CorrectionSource { path: document.path.clone(), digest: document.digest.clone() };
        let before = self.ledger.corrections().get(&key).cloned();
        let after = Some(self.ledger.apply_correction(key.clone(), value, note, Some(source)).clone());
        self.history.record(Change { key, before, after });
        self.refresh();
        true
    }

    /// Withdraws a fact's correction; returns false when it had none.
    pub fn revert(&mut self, fact: FactRef) -> bool {
        let Some(key) = self.key_of(fact) else { return false };
        let Some(before) = self.ledger.revert_correction(&key) else { return false };
        self.history.record(Change { key, before: Some(before), after: None });
        self.refresh();
        true
    }

    pub fn undo(&mut self) -> bool {
        let Some(change) = self.history.undo().cloned() else { return false };
        self.ledger.restore_correction(&change.key, change.before);
        self.refresh();
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(change) = self.history.redo().cloned() else { return false };
        self.ledger.restore_correction(&change.key, change.after);
        self.refresh();
        true
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    pub fn corrections(&self) -> impl Iterator<Item = &Correction> {
        self.ledger.corrections().iter()
    }

    /// A correction made against a file that has since changed on disk.
    pub fn needs_review(&self, correction: &Correction) -> bool {
        let Some(source) = &correction.source else { return false };
        self.documents().iter().any(|d| d.document.path == source.path && d.document.digest != source.digest)
    }

    pub fn toggle_series(&mut self, concept: &str) {
        match self.hidden_series.iter().position(|c| c == concept) {
            Some(at) => {
                self.hidden_series.remove(at);
            }
            None => self.hidden_series.push(concept.to_owned()),
        }
        self.revision += 1;
    }

    /// Switches the chart between fiscal and calendar quarters.
    pub fn toggle_calendar_quarters(&mut self) {
        self.chart_options.calendar_quarters = !self.chart_options.calendar_quarters;
        self.revision += 1;
    }

    /// Switches the chart between the latest values and the values as
    /// first reported.
    pub fn toggle_as_first_reported(&mut self) {
        self.chart_options.as_first_reported = !self.chart_options.as_first_reported;
        self.revision += 1;
    }

    pub fn is_shown(&self, concept: &str) -> bool {
        !self.hidden_series.iter().any(|c| c == concept)
    }

    /// What is saved between runs. Files that failed to open stay listed
    /// until the analyst dismisses them, so a file on a drive that is not
    /// mounted today is not forgotten; files still loading are listed too.
    pub fn workspace(&self) -> Workspace {
        Workspace {
            version: workspace::VERSION,
            files: self.files.clone(),
            corrections: self.ledger.corrections().clone(),
            recent: self.recent.clone(),
            hidden_series: self.hidden_series.clone(),
            calendar_quarters: self.chart_options.calendar_quarters,
            as_first_reported: self.chart_options.as_first_reported,
        }
    }

    /// Takes a workspace's corrections and settings; its files are loaded
    /// by the caller (in the background) and arrive through `add_loaded`.
    pub fn adopt(&mut self, workspace: &Workspace) {
        self.ledger.replace_corrections(workspace.corrections.clone());
        self.recent = workspace.recent.clone();
        self.hidden_series = workspace.hidden_series.clone();
        self.chart_options = ChartOptions {
            calendar_quarters: workspace.calendar_quarters,
            as_first_reported: workspace.as_first_reported,
        };
        self.history = History::default();
        self.refresh();
    }

    /// Closes everything, as before opening another workspace.
    pub fn clear(&mut self) {
        let revision = self.revision + 1;
        *self = Workbench { recent: std::mem::take(&mut self.recent), revision, ..Workbench::new(self.extractor) };
    }

    fn refresh(&mut self) {
        self.series = self.ledger.series(self.extractor.rules());
        self.checks = self.ledger.checks(&self.series, self.extractor.rules());
        if self.selected_document.is_some_and(|d| d >= self.documents().len()) {
            self.selected_document = None;
            self.selected_fact = None;
        }
        self.revision += 1;
    }
}

fn reason_of(error: &IngestError) -> String {
    let full = error.to_string();
    let path = error.path().display().to_string();
    full.strip_prefix(&path).map_or(full.clone(), |rest| rest.trim_start_matches(": ").to_owned())
}
