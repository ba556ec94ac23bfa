//! EDGAR full submissions: a `<SEC-HEADER>` with the filer's particulars
//! followed by several `<DOCUMENT>` blocks (the 8-K, its exhibits, …). Each
//! block becomes a document of its own so that its text and spans stand
//! alone, as they do for a single exhibit file.

use chrono::NaiveDate;

/// What the `<SEC-HEADER>` says about the filer and the filing. `company`,
/// `cik` and `fiscal_year_end` are the first-named filer's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubmissionHeader {
    pub company: Option<String>,
    pub cik: Option<String>,
    /// Every filer, in the order named: a filing made for several
    /// registrants (a holding company and its subsidiaries) names each.
    pub filers: Vec<Filer>,
    pub form: Option<String>,
    pub period_of_report: Option<NaiveDate>,
    pub filed: Option<NaiveDate>,
    /// Month and day of the fiscal year end (`FISCAL YEAR END: 1231`).
    pub fiscal_year_end: Option<(u32, u32)>,
}

/// One registrant a submission is filed for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filer {
    pub company: String,
    pub cik: Option<String>,
    pub fiscal_year_end: Option<(u32, u32)>,
}

/// One `<DOCUMENT>` block: its tags and the byte range of its `<TEXT>` body
/// in the submission's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubmissionDocument {
    pub form: Option<String>,
    pub filename: Option<String>,
    pub description: Option<String>,
    pub text: std::ops::Range<usize>,
}

pub fn is_submission(text: &str) -> bool {
    let head = &text[..floor_char_boundary(text, 4096)];
    let headed = head.contains("<SEC-DOCUMENT>") || head.contains("<SEC-HEADER>") || head.contains("<IMS-HEADER>");
    headed || opens_with_document_block(head)
}

/// A submission's documents copied without its header: a `<DOCUMENT>`
/// line followed by its `<TYPE>` among the first lines.
fn opens_with_document_block(head: &str) -> bool {
    let mut lines = head.lines().map(str::trim).filter(|l| !l.is_empty()).take(6);
    lines.by_ref().any(|l| l == "<DOCUMENT>") && lines.next().is_some_and(|l| l.starts_with("<TYPE>"))
}

pub fn parse_header(text: &str) -> SubmissionHeader {
    let end = text.find("</SEC-HEADER>").or_else(|| text.find("<DOCUMENT>")).unwrap_or(text.len());
    let mut header = SubmissionHeader::default();
    for line in text[..end].lines() {
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match key.trim() {
            "COMPANY CONFORMED NAME" => {
                header.filers.push(Filer { company: value.to_owned(), ..Filer::default() });
                header.company.get_or_insert_with(|| value.to_owned());
            }
            "CENTRAL INDEX KEY" => {
                if let Some(filer) = header.filers.last_mut().filter(|f| f.cik.is_none()) {
                    filer.cik = Some(value.to_owned());
                }
                header.cik.get_or_insert_with(|| value.to_owned());
            }
            "CONFORMED SUBMISSION TYPE" => header.form = Some(value.to_owned()),
            "CONFORMED PERIOD OF REPORT" => header.period_of_report = compact_date(value),
            "FILED AS OF DATE" => header.filed = compact_date(value),
            "FISCAL YEAR END" => {
                if let Some(filer) = header.filers.last_mut().filter(|f| f.fiscal_year_end.is_none()) {
                    filer.fiscal_year_end = month_day(value);
                }
                if header.fiscal_year_end.is_none() {
                    header.fiscal_year_end = month_day(value);
                }
            }
            _ => {}
        }
    }
    header
}

/// Finds every `<DOCUMENT>` block; a block without `</TEXT>` runs to the
/// end of its document (truncated submissions are common in the wild).
pub fn split_documents(text: &str) -> Vec<SubmissionDocument> {
    let mut documents = Vec::new();
    let mut cursor = 0;
    while let Some(found) = text[cursor..].find("<DOCUMENT>") {
        let start = cursor + found + "<DOCUMENT>".len();
        let end = text[start..].find("</DOCUMENT>").map_or(text.len(), |e| start + e);
        let block = &text[start..end];
        let tag = |name: &str| tag_value(block, name);
        let body_start = block.find("<TEXT>").map_or(0, |i| i + "<TEXT>".len());
        let body_end = block[body_start..].find("</TEXT>").map_or(block.len(), |e| body_start + e);
        documents.push(SubmissionDocument {
            form: tag("TYPE"),
            filename: tag("FILENAME"),
            description: tag("DESCRIPTION"),
            text: start + body_start..start + body_end,
        });
        cursor = end;
    }
    documents
}

fn tag_value(block: &str, name: &str) -> Option<String> {
    let head = &block[..block.find("<TEXT>").unwrap_or(block.len())];
    let opening = format!("<{name}>");
    let at = head.find(&opening)? + opening.len();
    let value = head[at..].lines().next()?.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

fn compact_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.get(..8)?, "%Y%m%d").ok()
}

fn month_day(value: &str) -> Option<(u32, u32)> {
    let digits = value.get(..4)?;
    let month = digits.get(..2)?.parse().ok()?;
    let day = digits.get(2..)?.parse().ok()?;
    NaiveDate::from_ymd_opt(2000, month, day).map(|_| (month, day))
}

pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUBMISSION: &str = "<SEC-DOCUMENT>0001.txt : 20060802\n<SEC-HEADER>0001.hdr.sgml : 20060802\n\
ACCESSION NUMBER:\t\t0001\nCONFORMED SUBMISSION TYPE:\t8-K\nCONFORMED PERIOD OF REPORT:\t20060802\n\
FILED AS OF DATE:\t\t20060803\nFILER:\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tEPICEPT CORP\n\
\t\tCENTRAL INDEX KEY:\t\t\t0001027915\n\t\tFISCAL YEAR END:\t\t\t0630\n</SEC-HEADER>\n\
<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>d8k.txt\n<TEXT>\nItem 2.02\n</TEXT>\n</DOCUMENT>\n\
<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>dex991.txt\n<DESCRIPTION>PRESS RELEASE\n<TEXT>\nNet loss\n</TEXT>\n</DOCUMENT>\n";

    /// Slicing the value at byte 2 panicked when a multi-byte character
    /// straddled it.
    #[test]
    fn a_fiscal_year_end_with_a_multi_byte_character_is_not_read() {
        assert_eq!(month_day("0630"), Some((6, 30)));
        assert_eq!(month_day("0\u{e9}0"), None);
        assert_eq!(month_day("\u{20ac}1"), None);
        let header = parse_header("<SEC-HEADER>\nFISCAL YEAR END:\t0\u{e9}0\n</SEC-HEADER>\n");
        assert_eq!(header.fiscal_year_end, None);
    }

    #[test]
    fn a_document_block_without_its_header_is_a_submission() {
        assert!(is_submission("[excerpt]\n<DOCUMENT>\n<TYPE>10-K/A\n<SEQUENCE>1\n<TEXT>\nFORM 10-K/A\n"));
        assert!(!is_submission("The <DOCUMENT> tag opens a document.\n<TYPE>\n"));
    }

    #[test]
    fn every_filer_of_a_multi_registrant_filing_is_kept() {
        let header = parse_header(
            "<SEC-HEADER>\nFILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\tSUB POWER CO\n\
             \t\tCENTRAL INDEX KEY:\t0000000011\n\t\tFISCAL YEAR END:\t1231\nFILER:\n\tCOMPANY DATA:\n\
             \t\tCOMPANY CONFORMED NAME:\tPARENT ENERGY CORP\n\t\tCENTRAL INDEX KEY:\t0000000022\n</SEC-HEADER>\n",
        );
        assert_eq!((header.company.as_deref(), header.cik.as_deref()), (Some("SUB POWER CO"), Some("0000000011")));
        let parent = &header.filers[1];
        assert_eq!((parent.company.as_str(), parent.cik.as_deref()), ("PARENT ENERGY CORP", Some("0000000022")));
    }

    #[test]
    fn header_fields_are_read() {
        assert!(is_submission(SUBMISSION));
        let header = parse_header(SUBMISSION);
        assert_eq!(header.company.as_deref(), Some("EPICEPT CORP"));
        assert_eq!(header.cik.as_deref(), Some("0001027915"));
        assert_eq!(header.form.as_deref(), Some("8-K"));
        assert_eq!(header.period_of_report, NaiveDate::from_ymd_opt(2006, 8, 2));
        assert_eq!(header.filed, NaiveDate::from_ymd_opt(2006, 8, 3));
        assert_eq!(header.fiscal_year_end, Some((6, 30)));
    }

    #[test]
    fn documents_are_split_with_their_tags_and_bodies() {
        let documents = split_documents(SUBMISSION);
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[1].form.as_deref(), Some("EX-99.1"));
        assert_eq!(documents[1].filename.as_deref(), Some("dex991.txt"));
        assert_eq!(documents[1].description.as_deref(), Some("PRESS RELEASE"));
        assert_eq!(SUBMISSION[documents[1].text.clone()].trim(), "Net loss");
        assert_eq!(SUBMISSION[documents[0].text.clone()].trim(), "Item 2.02");
    }

    #[test]
    fn truncated_block_runs_to_the_end() {
        let documents = split_documents("<DOCUMENT>\n<TYPE>EX-99\n<TEXT>\nNet loss (5)");
        assert_eq!(documents.len(), 1);
        assert_eq!(documents[0].form.as_deref(), Some("EX-99"));
    }
}
