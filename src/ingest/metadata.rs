//! What a plain exhibit says about itself when no submission header does:
//! the form ("EXHIBIT 99.1"), the company ("EpiCept Corporation (Nasdaq:
//! EPCT)") and the dateline date ("(AUGUST 2, 2006)").

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::calendar::{month_number, MONTH_PATTERN};
use crate::pattern::words;

const HEAD_BYTES: usize = 12_000;

static EXHIBIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*exhibit\s+(\d+(?:\.\d+)?)\s*$").expect("exhibit pattern"));
static COMPANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s\x22(])((?:[A-Z][\w&'-]*(?:[ \t]+|[ \t]*\r?\n[ \t]*)){0,4}?[A-Z][\w&'-]*),?\s+(Corporation|Incorporated|Inc\.?|Corp\.?|Company|Ltd\.?|Limited|plc|PLC|N\.V\.|S\.A\.|AG|LLC|L\.P\.|Holdings)\s*\(",
    )
    .expect("company pattern")
});
static REGISTRANT_CAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*\(?\s*exact\s+name\s+of\s+registrant").expect("registrant caption pattern"));
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    words(&format!(r"(?i)\b({MONTH_PATTERN})[ \t]+(\d{{1,2}}),[ \t]*(\d{{4}})\b")).expect("dateline pattern")
});

/// The form of an exhibit from its first lines ("EXHIBIT 99.1" → "EX-99.1").
pub fn exhibit_form(text: &str) -> Option<String> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .take(3)
        .find_map(|line| EXHIBIT.captures(line).map(|c| format!("EX-{}", &c[1])))
}

/// The company a press release is about: the first "Name Corporation (" in
/// its opening, where releases name the issuer before its ticker. A name
/// may wrap onto a second line but does not run across a blank line, nor
/// start inside a word ("10-Q"), nor take in a heading in capitals before
/// it ("RESULTS OF OPERATIONS The Clorox Company").
pub fn company_name(text: &str) -> Option<String> {
    let head = &text[..super::submission::floor_char_boundary(text, HEAD_BYTES)];
    let found = COMPANY.captures(head)?;
    let words: Vec<&str> = found[1].split_whitespace().collect();
    let shouting = |w: &str| w.len() > 1 && w.chars().all(|c| !c.is_lowercase());
    let heading_ends = (1..words.len()).rev().find(|&i| shouting(words[i - 1]) && !shouting(words[i])).unwrap_or(0);
    Some(format!("{} {}", words[heading_ends..].join(" "), &found[2]))
}

/// The registrant a report's cover page names: the line above "(Exact
/// name of registrant as specified in its charter)".
pub fn registrant_name(text: &str) -> Option<String> {
    let head = &text[..super::submission::floor_char_boundary(text, HEAD_BYTES)];
    let lines: Vec<&str> = head.lines().collect();
    let caption = lines.iter().position(|l| REGISTRANT_CAPTION.is_match(l))?;
    let name = lines[..caption].iter().rev().map(|l| l.trim()).find(|l| !l.is_empty())?;
    let name = name.trim_matches(|c: char| c == '-' || c == '_' || c.is_whitespace());
    (name.chars().any(char::is_alphabetic) && name.len() <= 120).then(|| name.to_owned())
}

/// The first written date in the opening of the text: a release's dateline.
pub fn dateline(text: &str) -> Option<NaiveDate> {
    let head = &text[..super::submission::floor_char_boundary(text, HEAD_BYTES)];
    DATELINE.captures_iter(head).find_map(|c| {
        let month = month_number(&c[1])?;
        NaiveDate::from_ymd_opt(c[3].parse().ok()?, month, c[2].parse().ok()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPENING: &str = "EXHIBIT 99.1\n   CONTACTS\n   EPICEPT CORPORATION\n\n\
ENGLEWOOD CLIFFS, NJ - (AUGUST 2, 2006) - EpiCept Corporation (Nasdaq and OMX\nStockholm: EPCT) today announced";

    #[test]
    fn release_opening_gives_form_company_and_date() {
        assert_eq!(exhibit_form(OPENING).as_deref(), Some("EX-99.1"));
        assert_eq!(company_name(OPENING).as_deref(), Some("EpiCept Corporation"));
        assert_eq!(dateline(OPENING), NaiveDate::from_ymd_opt(2006, 8, 2));
    }

    #[test]
    fn a_report_cover_names_its_registrant() {
        let cover = "FORM 10-K/A\n\n   COMMISSION FILE NO. 000-22513\n\n          AMAZON.COM, INC.\n   \
                     (EXACT NAME OF REGISTRANT AS SPECIFIED IN ITS CHARTER)\n";
        assert_eq!(registrant_name(cover).as_deref(), Some("AMAZON.COM, INC."));
        assert_eq!(registrant_name("Net sales rose."), None);
    }

    #[test]
    fn nothing_is_invented() {
        assert_eq!(exhibit_form("Dear shareholders"), None);
        assert_eq!(company_name("the company (the \"Company\")"), None);
        assert_eq!(
            company_name("FORM 10-Q\n\nLumeris Therapeutics, Inc. (Nasdaq: LMRX)").as_deref(),
            Some("Lumeris Therapeutics Inc."),
            "neither the form's letter nor the blank line joins the name"
        );
        assert_eq!(dateline("no dates here 2006"), None);
        assert_eq!(
            company_name("RESULTS OF OPERATIONS The Clorox Company (NYSE: CLX)").as_deref(),
            Some("The Clorox Company")
        );
        assert_eq!(company_name("NEWS RELEASE\nAcme Widgets Inc. (NYSE: ACM)").as_deref(), Some("Acme Widgets Inc."));
    }
}
