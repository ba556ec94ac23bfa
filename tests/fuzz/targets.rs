//! What each case runs: every parser Exhibit has, from the bytes of a file
//! to what is saved and drawn, with the checks that hold for any input
//! (spans lie on the text; what a workspace saves, it reads back whole).

use std::path::{Path, PathBuf};

use exhibit::chart::{ChartModel, ChartOptions};
use exhibit::extract::{ExtractedDocument, Extractor, Rules};
use exhibit::ingest;
use exhibit::ledger::Ledger;
use exhibit::report::Report;
use exhibit::workbench::workspace::Workspace;
use exhibit::workbench::workspace_file::WorkspaceFile;
use exhibit::workbench::{entry, Workbench};
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Text filings and full submissions.
    #[default]
    Text,
    /// HTML exhibits and inline XBRL reports.
    Html,
    Workspace,
    /// Concept rules files (`--concepts`).
    Rules,
    /// What an analyst types into the correction editor.
    Entry,
}

pub const KINDS: [Kind; 5] = [Kind::Text, Kind::Html, Kind::Workspace, Kind::Rules, Kind::Entry];

/// The real inputs cases are made from.
pub struct Corpus {
    pub text: Vec<Vec<u8>>,
    pub html: Vec<Vec<u8>>,
    pub workspace: Vec<Vec<u8>>,
    pub rules: Vec<Vec<u8>>,
    /// The samples, extracted, to set beside what a case extracts.
    pub samples: Vec<ExtractedDocument>,
}

fn files_in(folder: &Path, extension: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    paths.sort();
    paths
}

impl Corpus {
    pub fn load(scratch: &Path) -> Corpus {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |paths: Vec<PathBuf>| paths.into_iter().map(|p| std::fs::read(p).unwrap()).collect::<Vec<_>>();
        let samples_dir = root.join("assets/samples");
        let mut text = read(files_in(&samples_dir, "txt"));
        text.extend(read(files_in(&root.join("tests/fixtures"), "txt")));
        let mut html = read(files_in(&root.join("tests/fixtures/html"), "htm"));
        html.extend(read(files_in(&root.join("tests/fixtures/html"), "txt")));
        let samples: Vec<ExtractedDocument> =
            files_in(&samples_dir, "txt").iter().flat_map(|p| Extractor::builtin().extract_path(p).unwrap()).collect();
        Corpus {
            text,
            html,
            workspace: vec![workspace_with_corrections(scratch, &samples)],
            rules: read(vec![root.join("assets/concepts.toml")]),
            samples,
        }
    }

    pub fn inputs(&self, kind: Kind) -> &[Vec<u8>] {
        match kind {
            Kind::Text | Kind::Entry => &self.text,
            Kind::Html => &self.html,
            Kind::Workspace => &self.workspace,
            Kind::Rules => &self.rules,
        }
    }
}

/// A workspace as the window saves it: the samples open, by relative and
/// absolute paths, a correction of each sample's first figures, a hidden series.
fn workspace_with_corrections(scratch: &Path, samples: &[ExtractedDocument]) -> Vec<u8> {
    let mut workbench = Workbench::default();
    let loaded = samples.iter().map(|d| (d.document.path.clone(), Ok(vec![d.clone()]))).collect();
    workbench.add_loaded(loaded);
    for document in 0..workbench.documents().len() {
        for fact in 0..workbench.documents()[document].facts.len().min(3) {
            let at = exhibit::workbench::FactRef { document, fact };
            let value = workbench.value_of(at).unwrap() + Decimal::ONE;
            workbench.correct(at, value, Some("checked against the 10-Q".into()));
        }
    }
    workbench.toggle_series("OperatingExpenses");
    let path = scratch.join("corpus-workspace.json");
    workbench.workspace().save(&path).unwrap();
    std::fs::read(&path).unwrap()
}

/// Runs one case; a broken invariant panics, as a bug would.
pub fn run(kind: Kind, input: &[u8], corpus: &Corpus, scratch: &Path, case: u64) {
    match kind {
        Kind::Text => filing(input, "case.txt", corpus, case),
        Kind::Html => filing(input, "case.htm", corpus, case),
        Kind::Workspace => workspace(input, corpus, scratch),
        Kind::Rules => rules(input, corpus),
        Kind::Entry => {
            let text = String::from_utf8_lossy(input);
            for line in text.lines().take(50) {
                for scale in [0, 3, 6] {
                    let _ = entry::parse_entry(line, scale, Decimal::from(-7_321_000));
                }
            }
        }
    }
}

fn filing(input: &[u8], name: &str, corpus: &Corpus, case: u64) {
    let Ok(documents) = ingest::from_bytes(Path::new(name), input) else { return };
    let extracted: Vec<ExtractedDocument> = documents.into_iter().map(|d| Extractor::builtin().extract(d)).collect();
    for document in &extracted {
        check_spans(document);
    }
    let mut ledger = Ledger::new();
    ledger.add(corpus.samples.iter().cloned());
    ledger.add(extracted);
    let series = ledger.series(Rules::builtin());
    let checks = ledger.checks(&series, Rules::builtin());
    let report = Report::of_documents(ledger.documents(), &series, &checks);
    let mut out = Vec::new();
    report.write_json(&mut out).unwrap();
    report.write_csv(&mut out).unwrap();
    report.write_series_csv(&mut out).unwrap();
    for company in series.iter().map(|s| s.company_key.clone()).collect::<std::collections::BTreeSet<_>>() {
        if let Some(model) = ChartModel::build(&series, &company, Rules::builtin(), &|_| true, ChartOptions::default())
        {
            model.y_range();
            if case.is_multiple_of(16) {
                exhibit::chart::image::render_svg(&model, (400, 300)).unwrap();
            }
        }
    }
}

/// Spans lie on the text and read back as the fact's printed figure.
fn check_spans(document: &ExtractedDocument) {
    let text = &document.document.text;
    for fact in &document.facts {
        if fact.span == [0, 0] && fact.note.is_some() {
            continue;
        }
        let [start, end] = fact.span;
        assert!(start < end && end <= text.len(), "span {start}..{end} outside a text of {}", text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "span {start}..{end} splits a character");
        let printed: String = text[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(printed, fact.text, "span {start}..{end}");
    }
    for warning in &document.warnings {
        if let Some([start, end]) = warning.span {
            assert!(start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end));
        }
    }
}

/// Opens the workspace as a window would, takes the samples in beside
/// it, saves, and reads back what was saved: whole, nothing refused.
fn workspace(input: &[u8], corpus: &Corpus, scratch: &Path) {
    let folder = scratch.join("workspace");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("workspace.json");
    std::fs::write(&path, input).unwrap();
    let opened = WorkspaceFile::open(&path);
    let mut file = opened.file;
    let mut workbench = Workbench::default();
    workbench.refuse(&opened.refused);
    if let Some(workspace) = &opened.workspace {
        workbench.adopt(workspace);
        workbench.expect(&workspace.files);
    }
    let loaded = corpus.samples.iter().map(|d| (d.document.path.clone(), Ok(vec![d.clone()]))).collect();
    workbench.add_loaded(loaded);
    for company in workbench.series().iter().map(|s| s.company_key.clone()).collect::<std::collections::BTreeSet<_>>() {
        ChartModel::build(
            workbench.series(),
            &company,
            Rules::builtin(),
            &|c| workbench.is_shown(c),
            workbench.chart_options,
        );
    }
    let saved = workbench.workspace();
    if file.save(&saved).is_ok() && file.saving() == &exhibit::workbench::workspace_file::Saving::On {
        let again = Workspace::load(&path).unwrap().expect("what was saved is there");
        assert!(again.refused.is_empty(), "what was saved reads back whole: {:?}", again.refused);
        assert_eq!(again.workspace.corrections, saved.corrections);
    }
}

/// Rules as `--concepts` takes them: what cannot be used is an error.
fn rules(input: &[u8], corpus: &Corpus) {
    let Ok(extractor) = exhibit::cli::extractor_for(&String::from_utf8_lossy(input)) else { return };
    for sample in corpus.samples.iter().take(2) {
        extractor.extract(sample.document.clone());
    }
}
