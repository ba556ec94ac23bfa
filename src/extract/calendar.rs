//! The first stage: a document's fiscal calendar, read once before any
//! table. It comes from the submission header (`FISCAL YEAR END: 0926`,
//! `CONFORMED PERIOD OF REPORT`), the inline XBRL cover (`dei:`), the
//! sentences that state it ("the 16-week first quarter ended May 20,
//! 2000", "fiscal year ended September 26, 1997", "52-53 week"), the
//! periods of its inline XBRL contexts, and the
//! dated column headings of the statements themselves ("4TH QUARTER 1993
//! 1/1/94", "Fiscal Year Ended February 3, 2006").

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::period::{self, End, Length, Phrase};
use crate::calendar::{month_number, MONTH_PATTERN};
use crate::fact::Period;
use crate::fiscal::FiscalCalendar;
use crate::ingest::Document;
use crate::pattern::words;

/// Every distinct column heading of a document, read once.
pub type Headings = HashMap<String, Phrase>;

static STATED: LazyLock<Regex> = LazyLock::new(|| {
    let date = format!(r"(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d{{2}})");
    words(&format!(
        r"(?i)\b(?:(?P<weeks>\d{{1,2}}|thirteen|fourteen|sixteen|twelve)[\s-]+weeks?\s+)?(?:(?P<q>first|second|third|fourth)\s+(?:fiscal\s+)?quarter|(?P<fiscal>fiscal)\s+(?:year\s+)?(?P<fy>(?:19|20)\d{{2}})(?:\s+fiscal\s+years?)?|(?:fiscal\s+)?(?P<year_word>years?))(?:\s+of\s+(?:fiscal\s+)?(?P<qfy>(?:19|20)\d{{2}}))?\s*,?\s+(?:ended|ending|ends)\s+(?:on\s+)?{date}"
    ))
    .expect("stated periods")
});
static WEEK_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    words(r"(?i)\b5[23][\s-]*(?:/|or|-)?\s*5[23][\s-]+weeks?\b|\b5[23][\s-]+weeks?\b|\bfifty-(?:two|three)[\s-]+weeks?\b|\b(?:saturday|sunday|friday)\s+(?:nearest|closest)\b")
        .expect("52/53-week years")
});

/// Reads what a document says about its fiscal calendar, and every column
/// heading it has, once.
pub fn read(document: &Document) -> (FiscalCalendar, Headings) {
    let mut calendar = FiscalCalendar::default();
    let particulars = &document.particulars;
    if let Some((month, day)) = particulars.fiscal_year_end {
        calendar.learn_year_end_date(month, day);
    }
    if WEEK_YEARS.is_match(&document.text) {
        calendar.learn_week_based();
    }
    learn_from_sentences(&mut calendar, &document.text);
    for context in document.ixbrl.iter().flat_map(|x| x.contexts.values()) {
        if let Some(period @ Period::Duration { .. }) = context.period {
            calendar.learn_period(period);
        }
    }
    let headings = headings(document);
    for phrase in headings.values() {
        learn_from_heading(&mut calendar, phrase);
    }
    if let Some(date) = particulars.period_of_report {
        let annual = particulars.form.as_deref().is_some_and(|f| f.to_ascii_uppercase().starts_with("10-K"));
        if annual {
            calendar.learn_fiscal_year_end(particulars.fiscal_year_focus, date);
        } else {
            calendar.learn_end(date);
        }
        if let Some(label) = particulars.fiscal_year_focus {
            calendar.learn_label(label, date);
        }
    }
    (calendar, headings)
}

fn headings(document: &Document) -> Headings {
    let mut headings = Headings::new();
    for table in &document.tables {
        for column in &table.columns {
            if !headings.contains_key(&column.heading) {
                headings.insert(column.heading.clone(), period::parse(&column.heading));
            }
        }
    }
    headings
}

/// A dated heading teaches the calendar its ends: a fiscal year's
/// ("Fiscal Year Ended February 3, 2006"), a named quarter's ("4TH
/// QUARTER 1993 1/1/94"), or just a printed period end.
fn learn_from_heading(calendar: &mut FiscalCalendar, phrase: &Phrase) {
    let Some(End::Date(end)) = phrase.end else { return };
    if phrase.comparison {
        return;
    }
    if matches!(phrase.length, Some(Length::Weeks(_))) {
        calendar.learn_week_based();
    }
    match (phrase.quarter, phrase.year, phrase.length) {
        (Some(quarter), Some(label), _) => {
            calendar.learn_quarter(label, quarter, calendar.period_ending(3, end));
        }
        (None, _, Some(Length::Months(12))) if phrase.year_words => calendar.learn_fiscal_year_end(phrase.year, end),
        (None, _, Some(Length::Weeks(52 | 53))) => calendar.learn_fiscal_year_end(phrase.year, end),
        (_, _, Some(_)) => calendar.learn_end(end),
        _ if phrase.ended => calendar.learn_end(end),
        _ => {}
    }
}

/// Sentences that state a quarter's or a year's end.
fn learn_from_sentences(calendar: &mut FiscalCalendar, text: &str) {
    for found in STATED.captures_iter(text) {
        let (Some(month), Ok(day), Ok(year)) =
            (month_number(&found["month"]), found["day"].parse::<u32>(), found["year"].parse::<i32>())
        else {
            continue;
        };
        let Some(end) = NaiveDate::from_ymd_opt(year, month, day) else { continue };
        let weeks = found.name("weeks").and_then(|w| week_count(w.as_str()));
        if let Some(q) = found.name("q") {
            let quarter = match q.as_str().to_ascii_lowercase().as_str() {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                _ => 4,
            };
            let period = match weeks {
                Some(weeks) => Period::weeks_ending(weeks, end),
                None => calendar.period_ending(3, end),
            };
            if weeks.is_some() {
                calendar.learn_week_based();
            }
            let label = found.name("qfy").and_then(|y| y.as_str().parse().ok());
            let label = label.unwrap_or_else(|| calendar.fiscal_year_of(end));
            calendar.learn_quarter(label, quarter, period);
        } else if found.name("fiscal").is_some() || found.name("year_word").is_some() {
            let label = found.name("fy").and_then(|y| y.as_str().parse().ok());
            calendar.learn_fiscal_year_end(label, end);
        }
    }
}

fn week_count(word: &str) -> Option<u32> {
    match word.to_ascii_lowercase().as_str() {
        "twelve" => Some(12),
        "thirteen" => Some(13),
        "fourteen" => Some(14),
        "sixteen" => Some(16),
        digits => digits.parse().ok().filter(|n| (1..=60).contains(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn sentences_state_quarters_and_years() {
        let mut calendar = FiscalCalendar::ending(12, 30);
        learn_from_sentences(
            &mut calendar,
            "Kroger reported results for the 16-week first quarter ended May 20, 2000. For the fiscal year \
             ended September 26, 1997, sales rose.",
        );
        assert_eq!(calendar.quarter_period(2000, 1), Some(Period::weeks_ending(16, date(2000, 5, 20))));
        assert!(calendar.is_week_based());
        let mut retailer = FiscalCalendar::default();
        learn_from_sentences(&mut retailer, "fiscal 2022 Fiscal year ended January 29, 2023 fiscal 2023 Fiscal year");
        assert_eq!(retailer.year_end_of(2022), Some(date(2023, 1, 29)));
        assert_eq!(retailer.label_offset(), -1);
    }

    #[test]
    fn dated_headings_state_year_ends() {
        let mut calendar = FiscalCalendar::ending(12, 30);
        learn_from_heading(&mut calendar, &period::parse("4TH QUARTER 1993 1/1/94"));
        assert_eq!(calendar.year_end_of(1993), Some(date(1994, 1, 1)));
        assert_eq!(calendar.year_period(1993).map(|p| p.end()), Some(date(1994, 1, 1)));
        let mut dell = FiscalCalendar::default();
        learn_from_heading(&mut dell, &period::parse("Fiscal Year Ended February 3, 2006"));
        assert_eq!(dell.year_end_of(2006), Some(date(2006, 2, 3)));
        assert_eq!(dell.quarter_period(2006, 4).map(|p| p.end()), Some(date(2006, 2, 3)));
    }
}
