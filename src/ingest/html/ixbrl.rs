//! Inline XBRL as it appears in the markup: `ix:nonFraction` numbers with
//! their attributes, and the `xbrli:context` elements that give each its
//! period and dimensions. Turning them into facts is extraction's job.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use scraper::{ElementRef, Html};

use crate::fact::Period;
use crate::ingest::submission::floor_char_boundary;
use crate::text::collapse_spaces;

/// The most of a tag's text that is kept, in bytes: a figure is short, and
/// a tag wrapped around a whole document (or thousands of tags nested in
/// one another) must not copy the document once per tag.
pub const MAX_TAG_TEXT: usize = 256;

/// One `ix:nonFraction`: its attributes and the text it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagged {
    /// The concept, e.g. `us-gaap:NetIncomeLoss`.
    pub name: String,
    pub context: String,
    pub unit: Option<String>,
    pub decimals: Option<String>,
    pub scale: i32,
    pub negative: bool,
    pub format: Option<String>,
    /// The number as shown, e.g. `7,321`.
    pub text: String,
    /// Where it was shown in the rendered text; `None` when hidden.
    pub span: Option<Range<usize>>,
    /// The table row and column it sits in, when it sits in a table.
    pub row_label: Option<String>,
    pub column_heading: Option<String>,
}

impl Tagged {
    /// A tag the reader does not see: its text is the element's own.
    pub fn hidden(element: &ElementRef) -> Tagged {
        Tagged { span: None, ..Tagged::shown(element, tag_text(element.text()), 0..0) }
    }

    /// A tag shown as `text` at `span` of the rendered text.
    pub fn shown(element: &ElementRef, text: String, span: Range<usize>) -> Tagged {
        let attr = |name: &str| element.value().attr(name).map(str::to_owned);
        Tagged {
            name: attr("name").unwrap_or_default(),
            context: attr("contextref").unwrap_or_default(),
            unit: attr("unitref"),
            decimals: attr("decimals"),
            scale: attr("scale").and_then(|s| s.trim().parse().ok()).unwrap_or(0),
            negative: attr("sign").is_some_and(|s| s.trim() == "-"),
            format: attr("format"),
            text,
            span: Some(span),
            row_label: None,
            column_heading: None,
        }
    }
}

/// A tag's text from its pieces, white space collapsed; past
/// [`MAX_TAG_TEXT`] bytes it is cut, and ends in `…` to say so.
pub fn tag_text<'a>(pieces: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = String::new();
    for piece in pieces {
        if text.len() + piece.len() > MAX_TAG_TEXT {
            text.push_str(&piece[..floor_char_boundary(piece, MAX_TAG_TEXT - text.len())]);
            return format!("{}\u{2026}", collapse_spaces(&text));
        }
        text.push_str(piece);
    }
    collapse_spaces(&text)
}

/// What a context says: the period, and the dimensions (axis, member) of a
/// fact about a segment rather than the whole entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    pub period: Option<Period>,
    pub dimensions: Vec<(String, String)>,
}

/// Every `xbrli:context` of the document by id, hidden ones included (they
/// live in `ix:header`).
pub fn contexts(document: &Html) -> HashMap<String, Context> {
    let mut found = HashMap::new();
    for node in document.tree.nodes() {
        let Some(element) = ElementRef::wrap(node) else { continue };
        if !matches!(element.value().name(), "xbrli:context" | "context") {
            continue;
        }
        let Some(id) = element.value().attr("id") else { continue };
        let mut context = Context::default();
        let (mut start, mut end, mut instant) = (None, None, None);
        for descendant in element.descendants() {
            let Some(child) = ElementRef::wrap(descendant) else { continue };
            let text = || child.text().collect::<String>().trim().to_owned();
            let date = || NaiveDate::parse_from_str(text().get(..10).unwrap_or(""), "%Y-%m-%d").ok();
            match child.value().name() {
                "xbrli:startdate" | "startdate" => start = date(),
                "xbrli:enddate" | "enddate" => end = date(),
                "xbrli:instant" | "instant" => instant = date(),
                "xbrldi:explicitmember" | "explicitmember" => {
                    context.dimensions.push((child.value().attr("dimension").unwrap_or_default().to_owned(), text()))
                }
                "xbrldi:typedmember" | "typedmember" => {
                    context.dimensions.push((child.value().attr("dimension").unwrap_or_default().to_owned(), text()))
                }
                _ => {}
            }
        }
        context.period = match (start, end, instant) {
            (_, _, Some(instant)) => Some(Period::Instant { instant }),
            (Some(start), Some(end), None) => Some(Period::Duration { start, end }),
            _ => None,
        };
        found.insert(id.to_owned(), context);
    }
    found
}

/// What an inline XBRL filing says about itself in its `dei:` cover facts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cover {
    pub form: Option<String>,
    pub company: Option<String>,
    pub cik: Option<String>,
    /// `dei:DocumentPeriodEndDate`.
    pub period_of_report: Option<NaiveDate>,
    /// Month and day (`dei:CurrentFiscalYearEndDate`, written `--12-31`).
    pub fiscal_year_end: Option<(u32, u32)>,
    /// `dei:DocumentFiscalYearFocus`: the filer's name for the fiscal year.
    pub fiscal_year_focus: Option<i32>,
}

/// The cover facts of the document, hidden ones included.
pub fn cover(document: &Html) -> Cover {
    let mut cover = Cover::default();
    for node in document.tree.nodes() {
        let Some(element) = ElementRef::wrap(node) else { continue };
        if element.value().name() != "ix:nonnumeric" {
            continue;
        }
        let text = || Some(collapse_spaces(&element.text().collect::<String>())).filter(|t| !t.is_empty());
        match element.value().attr("name").unwrap_or_default() {
            "dei:DocumentType" => cover.form = cover.form.take().or_else(text),
            "dei:EntityRegistrantName" => cover.company = cover.company.take().or_else(text),
            "dei:EntityCentralIndexKey" => cover.cik = cover.cik.take().or_else(text),
            "dei:DocumentFiscalYearFocus" => {
                cover.fiscal_year_focus = cover.fiscal_year_focus.or_else(|| text().and_then(|t| t.trim().parse().ok()))
            }
            "dei:DocumentPeriodEndDate" => {
                cover.period_of_report = cover.period_of_report.or_else(|| text().and_then(|t| written_date(&t)))
            }
            "dei:CurrentFiscalYearEndDate" => {
                cover.fiscal_year_end = cover.fiscal_year_end.or_else(|| text().and_then(|t| month_day(&t)))
            }
            _ => {}
        }
    }
    cover
}

/// A cover date as filers write it: "June 30, 2023" or "2023-06-30".
fn written_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(text, "%B %d, %Y")).ok()
}

/// `--12-31` as (12, 31).
fn month_day(text: &str) -> Option<(u32, u32)> {
    let (month, day) = text.trim_start_matches('-').split_once('-')?;
    let (month, day) = (month.parse().ok()?, day.parse().ok()?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((month, day))
}
