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

/// One document of a filing: an exhibit file, or one `<DOCUMENT>` of a
/// submission. Spans of facts are byte offsets into `text`.
#[derive(Clone, Debug)]
pub struct Document {
    /// The file as the user named it.
    pub path: PathBuf,
    /// The document's own name: the file name, or a submission's `<FILENAME>`.
    pub name: String,
    pub form: Option<String>,
    pub company: Option<String>,
    pub cik: Option<String>,
    pub period_of_report: Option<NaiveDate>,
    /// Filing date, or the release's dateline when there is no header.
    pub date: Option<NaiveDate>,
    pub fiscal_year_end: Option<(u32, u32)>,
    pub markup: Markup,
    pub encoding: Encoding,
    /// Digest of the whole file's bytes, to notice when it changes on disk.
    pub digest: String,
    /// What a reader sees: the text itself, or an HTML document rendered.
    pub text: String,
    pub lines: LineIndex,
    /// The structure an HTML document's rendering recorded: its tables and
    /// inline XBRL, with spans into `text`. Text documents have none; their
    /// tables are found in the text.
    pub html: Option<HtmlStructure>,
    /// What reading the document left out or could not lay out, for
    /// extraction to report with its own warnings.
    pub warnings: Vec<crate::fact::Warning>,
}

/// Tables and inline XBRL of a rendered HTML document.
#[derive(Clone, Debug, Default)]
pub struct HtmlStructure {
    pub tables: Vec<text_table::TextTable>,
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

/// A document from its decoded body: HTML is rendered to readable text.
struct Particulars {
    name: String,
    form: Option<String>,
    company: Option<String>,
    cik: Option<String>,
    period_of_report: Option<NaiveDate>,
    date: Option<NaiveDate>,
    fiscal_year_end: Option<(u32, u32)>,
}

fn document(path: &Path, body: String, particulars: Particulars, encoding: Encoding, digest: String) -> Document {
    let markup = markup_of(&body);
    let (text, html, cover, warnings) = match markup {
        Markup::Html => {
            let rendered = html::render(&body);
            let structure =
                HtmlStructure { tables: rendered.tables, tagged: rendered.tagged, contexts: rendered.contexts };
            (rendered.text, Some(structure), rendered.cover, rendered.warnings)
        }
        Markup::Text => (body, None, html::Cover::default(), Vec::new()),
    };
    let Particulars { name, form, company, cik, period_of_report, date, fiscal_year_end } = particulars;
    let (form, company, cik) = (form.or(cover.form), company.or(cover.company), cik.or(cover.cik));
    let fiscal_year_end = fiscal_year_end.or(cover.fiscal_year_end);
    Document {
        path: path.to_owned(),
        name,
        form: form.or_else(|| metadata::exhibit_form(&text)),
        company: company.or_else(|| metadata::company_name(&text)),
        cik,
        period_of_report,
        date: date.or_else(|| metadata::dateline(&text)),
        fiscal_year_end,
        markup,
        encoding,
        digest,
        lines: LineIndex::new(&text),
        text,
        html,
        warnings,
    }
}

fn plain_document(path: &Path, name: String, text: String, encoding: Encoding, digest: String) -> Document {
    let particulars = Particulars {
        name,
        form: None,
        company: None,
        cik: None,
        period_of_report: None,
        date: None,
        fiscal_year_end: None,
    };
    document(path, text, particulars, encoding, digest)
}

fn split_submission(path: &Path, file_name: &str, text: &str, encoding: Encoding, digest: &str) -> Vec<Document> {
    let header = submission::parse_header(text);
    let blocks = submission::split_documents(text);
    blocks
        .into_iter()
        .enumerate()
        .map(|(i, block)| {
            let body = text[block.text].to_owned();
            let particulars = Particulars {
                name: block.filename.unwrap_or_else(|| format!("{file_name} #{}", i + 1)),
                form: block.form.or_else(|| header.form.clone()),
                company: header.company.clone(),
                cik: header.cik.clone(),
                period_of_report: header.period_of_report,
                date: header.filed,
                fiscal_year_end: header.fiscal_year_end,
            };
            let mut document = document(path, body, particulars, encoding, digest.to_owned());
            if let Some(named) = metadata::company_name(&document.text) {
                let same = header.company.as_deref().is_none_or(|h| company_key(h) == company_key(&named));
                if same {
                    document.company = Some(named);
                }
            }
            document
        })
        .collect()
}

fn markup_of(text: &str) -> Markup {
    let head = &text[..submission::floor_char_boundary(text, 4096)].to_ascii_lowercase();
    if head.contains("<html") || head.contains("<body") || head.contains("<div") || head.contains("<p ") {
        Markup::Html
    } else {
        Markup::Text
    }
}
