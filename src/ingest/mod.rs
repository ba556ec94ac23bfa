//! Ingest: from a path to documents of decoded text with a line model.
//!
//! This is the only stage that touches the file system. It refuses what is
//! not a filing with a reason a person can act on, decodes old encodings,
//! and splits full EDGAR submissions into their documents. It never writes.

pub mod decode;
pub mod html;
pub mod lines;
pub mod metadata;
pub mod read;
pub mod submission;
pub mod text_table;
pub mod token;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::ledger::company::company_key;

pub use decode::Encoding;
pub use lines::LineIndex;

/// Files larger than this are refused: the largest EDGAR submissions with
/// exhibits run to tens of megabytes, and a bigger file is not a filing.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file could not be taken in; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: cannot be read: {source}")]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: the file is {size} bytes, over the {limit}-byte limit for a filing")]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{path}: not a text filing (binary content)")]
    Binary { path: PathBuf },
    #[error("{path}: not a regular file ({kind}); only files are read")]
    NotAFile { path: PathBuf, kind: &'static str },
    /// A bug met while reading this file; the other files are not affected.
    #[error("{path}: Exhibit failed on this file ({message}); please report it with the file")]
    Failed { path: PathBuf, message: String },
}

impl IngestError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            IngestError::Unreadable { path, .. }
            | IngestError::Empty { path }
            | IngestError::TooLarge { path, .. }
            | IngestError::Binary { path }
            | IngestError::NotAFile { path, .. }
            | IngestError::Failed { path, .. } => path,
        }
    }
}

/// How the document's text is marked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Markup {
    Text,
    Html,
}

/// What a document says about itself and its filer: from a submission's
/// header, an inline XBRL cover page, or the text's own opening.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Particulars {
    pub form: Option<String>,
    pub company: Option<String>,
    pub cik: Option<String>,
    /// The end of the period the filing reports on (`CONFORMED PERIOD OF
    /// REPORT`, `dei:DocumentPeriodEndDate`).
    pub period_of_report: Option<NaiveDate>,
    /// Filing date, or the release's dateline when there is no header.
    pub date: Option<NaiveDate>,
    /// Month and day of the fiscal year end (`FISCAL YEAR END: 0926`).
    pub fiscal_year_end: Option<(u32, u32)>,
    /// The document's own name for the fiscal year of its period of
    /// report (`dei:DocumentFiscalYearFocus`).
    pub fiscal_year_focus: Option<i32>,
}

/// One document of a filing, normalized whatever its format: an exhibit
/// file, or one `<DOCUMENT>` of a submission, as text with its lines, its
/// tables and its inline XBRL. Spans of facts are byte offsets into `text`.
#[derive(Clone, Debug)]
pub struct Document {
    /// The file as the user named it.
    pub path: PathBuf,
    /// The document's own name: the file name, or a submission's `<FILENAME>`.
    pub name: String,
    pub particulars: Particulars,
    pub markup: Markup,
    pub encoding: Encoding,
    /// Digest of the whole file's bytes, to notice when it changes on disk.
    pub digest: String,
    /// What a reader sees: the text itself, or an HTML document rendered.
    pub text: String,
    pub lines: LineIndex,
    /// Every table, typed in the text or laid out from HTML, in the order
    /// of the text, with spans into `text`.
    pub tables: Vec<text_table::TextTable>,
    /// The inline XBRL numbers and contexts of an HTML document that has them.
    pub ixbrl: Option<InlineXbrl>,
    /// What reading the document left out or could not lay out, for
    /// extraction to report with its own warnings.
    pub warnings: Vec<crate::fact::Warning>,
}

/// The inline XBRL of a document: its numbers, with their place in the
/// text where shown, and the contexts that give them periods.
#[derive(Clone, Debug, Default)]
pub struct InlineXbrl {
    pub tagged: Vec<html::Tagged>,
    pub contexts: std::collections::HashMap<String, html::Context>,
}

/// Reads a file and splits it into documents.
pub fn load(path: &Path) -> Result<Vec<Document>, IngestError> {
    let bytes = read::read_filing(path)?;
    from_bytes(path, &bytes)
}

/// Splits bytes already in memory into documents, as `load` does for a file.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Vec<Document>, IngestError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty { path: path.to_owned() });
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge { path: path.to_owned(), size: bytes.len() as u64, limit: MAX_FILE_BYTES });
    }
    if decode::looks_binary(bytes) {
        return Err(IngestError::Binary { path: path.to_owned() });
    }
    let (text, encoding) = decode::decode(bytes);
    let digest = digest(bytes);
    let file_name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    if submission::is_submission(&text) {
        Ok(split_submission(path, &file_name, &text, encoding, &digest))
    } else {
        Ok(vec![plain_document(path, file_name, text, encoding, digest)])
    }
}

/// A digest of a file's content (XXH3, 64 bits, in hex): enough to see
/// that a filing changed, not a security measure. Stable across versions,
/// since workspaces keep it.
pub fn digest(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// A document from its decoded body: HTML is rendered to readable text,
/// and the tables of either kind are found. What the body says about
/// itself fills in what the submission's header left open.
fn document(
    path: &Path,
    name: String,
    body: String,
    given: Particulars,
    encoding: Encoding,
    digest: String,
) -> Document {
    let markup = markup_of(&body);
    let (text, lines, tables, ixbrl, cover, warnings) = match markup {
        Markup::Html => {
            let rendered = html::render(&body);
            let has_ixbrl = !rendered.tagged.is_empty() || !rendered.contexts.is_empty();
            let ixbrl = has_ixbrl.then_some(InlineXbrl { tagged: rendered.tagged, contexts: rendered.contexts });
            let lines = LineIndex::new(&rendered.text);
            let mut warnings = rendered.warnings;
            let mut tables = rendered.tables;
            tables.extend(typed_tables_in_html(&rendered.text, &lines, &rendered.typed_lines, &tables, &mut warnings));
            tables.sort_by_key(|t| t.lines.start);
            (rendered.text, lines, tables, ixbrl, rendered.cover, warnings)
        }
        Markup::Text => {
            let lines = LineIndex::new(&body);
            let mut warnings = Vec::new();
            let tables = text_table::find_tables(&body, &lines, &mut warnings);
            (body, lines, tables, None, html::Cover::default(), warnings)
        }
    };
    let particulars = Particulars {
        form: given.form.or(cover.form).or_else(|| metadata::exhibit_form(&text)),
        company: given
            .company
            .or(cover.company)
            .or_else(|| metadata::registrant_name(&text))
            .or_else(|| metadata::company_name(&text)),
        cik: given.cik.or(cover.cik),
        period_of_report: given.period_of_report.or(cover.period_of_report),
        date: given.date.or_else(|| metadata::dateline(&text)),
        fiscal_year_end: given.fiscal_year_end.or(cover.fiscal_year_end),
        fiscal_year_focus: given.fiscal_year_focus.or(cover.fiscal_year_focus),
    };
    Document {
        path: path.to_owned(),
        name,
        particulars,
        markup,
        encoding,
        digest,
        lines,
        text,
        tables,
        ixbrl,
        warnings,
    }
}

/// Typed tables an HTML document holds as text: inside `<pre>`, or in
/// lines padded with no-break spaces, wherever no HTML table stands.
fn typed_tables_in_html(
    text: &str,
    lines: &LineIndex,
    typed_lines: &[usize],
    html_tables: &[text_table::TextTable],
    warnings: &mut Vec<crate::fact::Warning>,
) -> Vec<text_table::TextTable> {
    if typed_lines.is_empty() {
        return Vec::new();
    }
    let typed = |line: usize| typed_lines.binary_search(&line).is_ok() || lines.line(text, line).trim().is_empty();
    let overlaps_html = |t: &text_table::TextTable| {
        html_tables.iter().any(|h| h.lines.start < t.lines.end && t.lines.start < h.lines.end)
    };
    text_table::find_tables(text, lines, warnings)
        .into_iter()
        .filter(|t| t.lines.clone().all(typed) && !overlaps_html(t))
        .collect()
}

fn plain_document(path: &Path, name: String, text: String, encoding: Encoding, digest: String) -> Document {
    document(path, name, text, Particulars::default(), encoding, digest)
}

fn split_submission(path: &Path, file_name: &str, text: &str, encoding: Encoding, digest: &str) -> Vec<Document> {
    let header = submission::parse_header(text);
    let blocks = submission::split_documents(text);
    blocks
        .into_iter()
        .enumerate()
        .map(|(i, block)| {
            let body = text[block.text].to_owned();
            let name = block.filename.unwrap_or_else(|| format!("{file_name} #{}", i + 1));
            let given = Particulars {
                form: block.form.or_else(|| header.form.clone()),
                company: header.company.clone(),
                cik: header.cik.clone(),
                period_of_report: header.period_of_report,
                date: header.filed,
                fiscal_year_end: header.fiscal_year_end,
                fiscal_year_focus: None,
            };
            let mut document = document(path, name, body, given, encoding, digest.to_owned());
            if let Some(other) = other_filer_named(&header, &document.text) {
                document.particulars.company = Some(other.company.clone());
                document.particulars.cik = other.cik.clone();
                document.particulars.fiscal_year_end = other.fiscal_year_end.or(document.particulars.fiscal_year_end);
            } else if let (Some(named), Some(filer)) = (metadata::company_name(&document.text), &header.company) {
                if company_key(filer) == company_key(&named) {
                    document.particulars.company = Some(named);
                }
            }
            document
        })
        .collect()
}

/// The filer a document of a multi-registrant filing is about, when its
/// cover names one other than the first-named filer.
fn other_filer_named<'h>(header: &'h submission::SubmissionHeader, text: &str) -> Option<&'h submission::Filer> {
    let named = company_key(&metadata::registrant_name(text)?);
    let (first, others) = header.filers.split_first()?;
    if company_key(&first.company) == named {
        return None;
    }
    others.iter().find(|f| company_key(&f.company) == named)
}

fn markup_of(text: &str) -> Markup {
    let head = &text[..submission::floor_char_boundary(text, 4096)].to_ascii_lowercase();
    if head.contains("<html") || head.contains("<body") || head.contains("<div") || head.contains("<p ") {
        Markup::Html
    } else {
        Markup::Text
    }
}
