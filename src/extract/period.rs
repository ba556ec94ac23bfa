//! Periods from words: column headings ("THREE MONTHS ENDED JUNE 30, 2006",
//! "13 WEEKS ENDED JULY 1, 2006", "DECEMBER 31, 2005") and prose phrases
//! ("the second quarter of 2006", "as of June 30, 2006").

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::pattern::words;
use crate::text::collapse_spaces;

use crate::calendar::{last_day_of_month, month_number, parse_year, MONTH_PATTERN};
use crate::fact::Period;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    words(&format!(r"(?i)\b(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}})\b(?:\s*,\s*|\s+)?(?P<year>\d{{4}})?"))
        .expect("date pattern")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| words(r"\b(19|20)\d{2}\b").expect("year pattern"));
static MONTHS: LazyLock<Regex> =
    LazyLock::new(|| words(r"(?i)\b(?P<n>three|six|nine|twelve|\d{1,2})[\s-]+months?\b").expect("months pattern"));
static WEEKS: LazyLock<Regex> = LazyLock::new(|| {
    words(r"(?i)\b(?P<n>\d{1,2}|thirteen|fourteen|twenty-six|twenty-seven|thirty-nine|forty|fifty-two|fifty-three)[\s-]+weeks?\b")
        .expect("weeks pattern")
});
static YEAR_ENDED: LazyLock<Regex> =
    LazyLock::new(|| words(r"(?i)\b(fiscal\s+)?years?\s+end(ed|ing)\b").expect("year-ended pattern"));
static QUARTER_ENDED: LazyLock<Regex> =
    LazyLock::new(|| words(r"(?i)\bquarters?\s+end(ed|ing)\b").expect("quarter-ended pattern"));
static ENDED: LazyLock<Regex> = LazyLock::new(|| words(r"(?i)\bend(ed|ing)\b|\bperiods?\b").expect("ended pattern"));

fn number_word(word: &str) -> Option<u32> {
    let n = match word.to_ascii_lowercase().as_str() {
        "three" => 3,
        "six" => 6,
        "nine" => 9,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "twenty-six" => 26,
        "twenty-seven" => 27,
        "thirty-nine" => 39,
        "forty" => 40,
        "fifty-two" => 52,
        "fifty-three" => 53,
        digits => return digits.parse().ok(),
    };
    Some(n)
}

/// The last full date written in the text; a year standing elsewhere in
/// the text completes a month and day written without one ("JUNE 30," over
/// "2006").
fn last_date(text: &str) -> Option<NaiveDate> {
    let found = DATE.captures_iter(text).last()?;
    let month = month_number(&found["month"])?;
    let day: u32 = found["day"].parse().ok()?;
    let year = match found.name("year") {
        Some(y) => parse_year(y.as_str())?,
        None => YEAR.find_iter(text).last().and_then(|y| parse_year(y.as_str()))?,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The period a column heading states, or `None` when it does not say
/// plainly (a heading that says "ended" without a length is not guessed).
pub fn heading_period(heading: &str) -> Option<Period> {
    let end = last_date(heading)?;
    if let Some(found) = WEEKS.captures(heading) {
        return Some(Period::weeks_ending(number_word(&found["n"])?, end));
    }
    if let Some(found) = MONTHS.captures(heading) {
        let months = number_word(&found["n"])?;
        return (1..=24).contains(&months).then(|| Period::months_ending(months, end));
    }
    if YEAR_ENDED.is_match(heading) {
        return Some(Period::months_ending(12, end));
    }
    if QUARTER_ENDED.is_match(heading) {
        return Some(Period::months_ending(3, end));
    }
    if ENDED.is_match(heading) {
        return None;
    }
    Some(Period::Instant { instant: end })
}

static QUARTER_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    words(
        r"(?i)\b(?P<end>(?:the\s+)?end\s+of\s+)?(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>(?:19|20)\d{2})\b)?",
    )
    .expect("quarter phrase")
});
static DATED_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    words(&format!(
        r"(?i)\b(?:(?P<n>three|six|nine|twelve|\d{{1,2}})[\s-]+months?(?:\s+period)?|(?P<year>(?:fiscal\s+)?year)|(?P<quarter>quarter)|(?P<asof>as\s+of|at))\s+(?:ended\s+|ending\s+)?{MONTH_PATTERN}\s+\d{{1,2}},?\s+\d{{4}}"
    ))
    .expect("dated phrase")
});

/// A period phrase found in prose, with where it stands in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhrasePeriod {
    pub range: std::ops::Range<usize>,
    pub period: Option<Period>,
    /// The year the phrase states, when it states one.
    pub year: Option<i32>,
    pub phrase: String,
    quarter: Option<u32>,
    at_end: bool,
}

impl PhrasePeriod {
    /// Completes a quarter phrase written without a year ("the second
    /// quarter") with the year the text around it is about.
    pub fn with_year(mut self, year: i32, fiscal_year_end_month: u32) -> PhrasePeriod {
        if self.period.is_none() {
            if let Some(q) = self.quarter {
                self.period = quarter_period(q, year, fiscal_year_end_month, self.at_end);
            }
        }
        self
    }
}

fn quarter_period(q: u32, fiscal_year: i32, fye_month: u32, at_end: bool) -> Option<Period> {
    let months_after_fye = 3 * q;
    let raw_month = fye_month + months_after_fye;
    let (month, year) = if raw_month > 12 { (raw_month - 12, fiscal_year) } else { (raw_month, fiscal_year - 1) };
    let end = last_day_of_month(year, month)?;
    Some(if at_end { Period::Instant { instant: end } } else { Period::months_ending(3, end) })
}

/// Every period phrase in a piece of prose, in order.
pub fn prose_periods(text: &str, fiscal_year_end_month: u32) -> Vec<PhrasePeriod> {
    let mut found: Vec<PhrasePeriod> = DATED_PHRASE
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let end = last_date(whole.as_str())?;
            let period = if c.name("asof").is_some() {
                Period::Instant { instant: end }
            } else if let Some(n) = c.name("n") {
                Period::months_ending(number_word(n.as_str())?, end)
            } else if c.name("year").is_some() {
                Period::months_ending(12, end)
            } else {
                Period::months_ending(3, end)
            };
            Some(PhrasePeriod {
                range: whole.range(),
                period: Some(period),
                year: Some(end.year()),
                phrase: collapse_spaces(whole.as_str()),
                quarter: None,
                at_end: false,
            })
        })
        .collect();
    for c in QUARTER_PHRASE.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        if found.iter().any(|p| p.range.start < whole.end() && whole.start() < p.range.end) {
            continue;
        }
        let q = match c["q"].to_ascii_lowercase().as_str() {
            "first" | "1st" => 1,
            "second" | "2nd" => 2,
            "third" | "3rd" => 3,
            _ => 4,
        };
        let year = c.name("year").and_then(|y| parse_year(y.as_str()));
        let at_end = c.name("end").is_some();
        found.push(PhrasePeriod {
            range: whole.range(),
            period: year.and_then(|y| quarter_period(q, y, fiscal_year_end_month, at_end)),
            year,
            phrase: collapse_spaces(whole.as_str()),
            quarter: Some(q),
            at_end,
        });
    }
    found.sort_by_key(|p| p.range.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn duration(s: NaiveDate, e: NaiveDate) -> Option<Period> {
        Some(Period::Duration { start: s, end: e })
    }

    #[test]
    fn stacked_headings() {
        assert_eq!(heading_period("THREE MONTHS ENDED JUNE 30, 2006"), duration(date(2006, 4, 1), date(2006, 6, 30)));
        assert_eq!(heading_period("SIX MONTHS ENDED JUNE 30, 2005"), duration(date(2005, 1, 1), date(2005, 6, 30)));
        assert_eq!(
            heading_period("Nine Months Ended September 30, 2006"),
            duration(date(2006, 1, 1), date(2006, 9, 30))
        );
        assert_eq!(heading_period("YEAR ENDED DECEMBER 31, 2005"), duration(date(2005, 1, 1), date(2005, 12, 31)));
        assert_eq!(heading_period("Quarter Ended March 31, 2006"), duration(date(2006, 1, 1), date(2006, 3, 31)));
        assert_eq!(heading_period("13 Weeks Ended July 1, 2006"), duration(date(2006, 4, 2), date(2006, 7, 1)));
        assert_eq!(heading_period("52 weeks ended December 30, 2006"), duration(date(2006, 1, 1), date(2006, 12, 30)));
        assert_eq!(heading_period("JUNE 30, 2006"), Some(Period::Instant { instant: date(2006, 6, 30) }));
        assert_eq!(heading_period("DECEMBER 31, 2005"), Some(Period::Instant { instant: date(2005, 12, 31) }));
    }

    #[test]
    fn headings_that_do_not_say_are_not_guessed() {
        assert_eq!(heading_period("2006"), None);
        assert_eq!(heading_period("Period ended June 30, 2006"), None);
        assert_eq!(heading_period("% Change"), None);
    }

    #[test]
    fn prose_phrases() {
        let text = "Operating expenses for the second quarter totaled $7.5 million versus $43.1 million for the first quarter of 2006.";
        let found = prose_periods(text, 12);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].period, None, "no year stated");
        assert_eq!(found[0].clone().with_year(2006, 12).period, duration(date(2006, 4, 1), date(2006, 6, 30)));
        assert_eq!(found[1].period, duration(date(2006, 1, 1), date(2006, 3, 31)));

        let found = prose_periods("As of June 30, 2006, the Company's cash", 12);
        assert_eq!(found[0].period, Some(Period::Instant { instant: date(2006, 6, 30) }));

        let found = prose_periods("during the three months ended March 31, 2006", 12);
        assert_eq!(found[0].period, duration(date(2006, 1, 1), date(2006, 3, 31)));
    }

    #[test]
    fn fiscal_quarters_follow_the_fiscal_year_end() {
        let found = prose_periods("the first quarter of fiscal 2007", 6);
        assert_eq!(found[0].period, duration(date(2006, 7, 1), date(2006, 9, 30)));
        let found = prose_periods("the fourth quarter of fiscal 2007", 6);
        assert_eq!(found[0].period, duration(date(2007, 4, 1), date(2007, 6, 30)));
    }
}
