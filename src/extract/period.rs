//! Periods from words, one grammar for column headings ("THREE MONTHS
//! ENDED JUNE 30, 2006", "4TH QTR 1993", "12/31/94 (6)", "Q1 2020",
//! "March 28, 2005 (Date of Inception) to September 30, 2008") and for
//! the period phrases of prose ("the 1993 fourth quarter", "the first six
//! months of 2000", "fiscal 1997").
//!
//! Reading is in two steps. `parse` says what the words state (a date, a
//! length, a quarter's name, a year) without knowing the company; the
//! fiscal calendar can learn from that. `resolve` then turns it into a
//! period through the calendar, or says why it cannot.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::calendar::{month_number, MONTH_PATTERN};
use crate::fact::Period;
use crate::fiscal::FiscalCalendar;
use crate::pattern::words;

/// Where a period ends, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Date(NaiveDate),
    /// A month and day whose year is written elsewhere ("JUNE 30," over "2006").
    MonthDay(u32, u32),
    /// A month without a day ("December 2004").
    Month(i32, u32),
}

/// How long a period is, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    Months(u32),
    Weeks(u32),
}

/// What a heading or phrase says about a period, before the calendar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Phrase {
    /// "% change", "Change", "% of revenue", "Increase (decrease)".
    pub comparison: bool,
    /// "Trailing four quarters", "last twelve months".
    pub trailing: bool,
    pub start: Option<NaiveDate>,
    pub end: Option<End>,
    pub length: Option<Length>,
    /// A quarter named by its number: "4TH QTR", "Q1", "3Q21".
    pub quarter: Option<u32>,
    /// A year standing alone: "1997", "fiscal 2006", the year of "Q1 2020".
    pub year: Option<i32>,
    /// "ended", "ending", "period": a duration whose length must be stated.
    pub ended: bool,
    /// "as of", "at": a balance at a date.
    pub instant: bool,
    /// "year ended", "fiscal year", "full year": a fiscal year, not any
    /// twelve months.
    pub year_words: bool,
}

impl Phrase {
    /// True when the words state nothing about a period.
    pub fn is_empty(&self) -> bool {
        self.end.is_none() && self.length.is_none() && self.quarter.is_none() && self.year.is_none()
    }
}

/// What a column holds, once its heading is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// Amounts for a period. `balance_date` is the date a balance in this
    /// column is at: the period's end for an instant or a year-only
    /// heading, none for a dated duration.
    Period { period: Period, balance_date: Option<NaiveDate> },
    /// Differences or shares of a total, not amounts for a period.
    Comparison,
    /// The four quarters to a date: twelve months that are not a fiscal year.
    Trailing(Period),
    /// No period can be read.
    Unreadable,
}

/// What the table around a heading adds to it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Hints {
    /// A year stated for the column's rows elsewhere (on a row of its own,
    /// or in the label column of the heading).
    pub year: Option<i32>,
    /// In a table of quarterly data, a date is the end of a quarter.
    pub dates_are_quarter_ends: bool,
}

const NUMBER_WORDS: &str = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|twenty-six|twenty-seven|thirty-nine|forty|fifty-two|fifty-three";

static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<f\d+>|\(\s*[a-z0-9]\s*\)|\(\s*\d{1,2}\s*\)|\*+").expect("footnote marks"));
static COMPARISON: LazyLock<Regex> = LazyLock::new(|| {
    words(r"(?i)%|\bpercent(age)?s?\b|\bpct\b|\bchanges?\b|\bchg\b|\bincrease\b|\bdecrease\b|\binc\.?\s*\(\s*dec\.?\s*\)|\bvariance\b|\bvs\.?(\s|$)|\bversus\b|\bfav(orable)?\b|\bunfav(orable)?\b|\bgrowth\b|\bdifference\b|\bbetter\b|\bworse\b")
        .expect("comparison words")
});
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    words(r"(?i)\btrailing\b|\blast\s+twelve\s+months\b|\bttm\b|\bltm\b|\brolling\s+(four|4)\s+quarters\b")
        .expect("trailing words")
});
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    words(&format!(
        r"(?i)\b(?P<month>{MONTH_PATTERN})\s*(?P<day>\d{{1,2}})\b(?:\s*,\s*|\s+)?(?P<year>(?:19|20)\d{{2}}\b)?"
    ))
    .expect("date pattern")
});
static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| words(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})\b").expect("numeric date"));
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    words(&format!(r"(?i)\b(?P<month>{MONTH_PATTERN})\s*,?\s+(?P<year>(?:19|20)\d{{2}})\b")).expect("month and year")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| words(r"\b(?:19|20)\d{2}\b").expect("year"));
static SHORT_YEAR: LazyLock<Regex> = LazyLock::new(|| words(r"(?i)(?:\bfy|')(?P<y>\d{2})\b").expect("short year"));
static RANGE: LazyLock<Regex> = LazyLock::new(|| words(r"(?i)\s(?:to|through|thru|-|–|—)\s").expect("range words"));
static WEEKS: LazyLock<Regex> =
    LazyLock::new(|| words(&format!(r"(?i)\b(?P<n>\d{{1,2}}|{NUMBER_WORDS})[\s-]+weeks?\b")).expect("weeks"));
static MONTHS: LazyLock<Regex> =
    LazyLock::new(|| words(&format!(r"(?i)\b(?P<n>\d{{1,2}}|{NUMBER_WORDS})[\s-]+months?\b")).expect("months"));
static QUARTERS_COUNT: LazyLock<Regex> =
    LazyLock::new(|| words(r"(?i)\b(?P<n>4|four|2|two|3|three)\s+quarters\b").expect("quarters count"));
static YEAR_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    words(r"(?i)\byears?\s+end(ed|ing)\b|\bfiscal\s+years?\b|\bfull\s+year\b|\bannual\b|\byear\s+to\s+date\b|\bytd\b|\byear\b")
        .expect("year words")
});
static FISCAL_YEAR_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    words(r"(?i)\byears?\s+end(ed|ing)\b|\bfiscal\s+(years?|(19|20)\d{2})\b|\bfull\s+year\b|\bannual\b")
        .expect("fiscal year words")
});
static HALF_WORDS: LazyLock<Regex> =
    LazyLock::new(|| words(r"(?i)\b(first|second)\s+half\b|\bhalf[\s-]+year\b").expect("half words"));
static QUARTER_ENDED: LazyLock<Regex> =
    LazyLock::new(|| words(r"(?i)\bquarters?\s+end(ed|ing)\b|\bquarterly\b").expect("quarter-ended"));
static QUARTER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    words(r"(?i)\b(?P<w>first|second|third|fourth)\s+(?:fiscal\s+)?(?:quarter|qtr)s?\b|\b(?P<n>[1-4])\s*(?:st|nd|rd|th)\s*(?:fiscal\s+)?(?:quarter|qtr)s?\b|\bq(?P<q>[1-4])\b|\b(?P<qq>[1-4])q(?P<yy>\d{2}|\d{4})?\b|\bquarter\s+(?P<qn>[1-4])\b")
        .expect("quarter names")
});
static ENDED: LazyLock<Regex> =
    LazyLock::new(|| words(r"(?i)\bend(ed|ing)\b|\bperiods?\b|\bthrough\b").expect("ended"));
static AS_OF: LazyLock<Regex> = LazyLock::new(|| words(r"(?i)\bas\s+of\b|\bat\b").expect("as of"));

fn number(word: &str) -> Option<u32> {
    let n = match word.to_ascii_lowercase().as_str() {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
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

fn year_of(text: &str) -> Option<i32> {
    let year: i32 = text.parse().ok()?;
    match text.len() {
        4 => (1900..2100).contains(&year).then_some(year),
        2 => Some(if year < 70 { 2000 + year } else { 1900 + year }),
        _ => None,
    }
}

/// The dates written in a text, in order, with where each stands.
fn dates(text: &str) -> Vec<(std::ops::Range<usize>, End)> {
    let mut found: Vec<(std::ops::Range<usize>, End)> = Vec::new();
    for c in FULL_DATE.captures_iter(text) {
        let (Some(whole), Some(month)) = (c.get(0), month_number(&c["month"])) else { continue };
        let Ok(day) = c["day"].parse::<u32>() else { continue };
        let end = match c.name("year").and_then(|y| year_of(y.as_str())) {
            Some(year) => match NaiveDate::from_ymd_opt(year, month, day) {
                Some(date) => End::Date(date),
                None => continue,
            },
            None if (1..=31).contains(&day) => End::MonthDay(month, day),
            None => continue,
        };
        found.push((whole.range(), end));
    }
    for c in NUMERIC_DATE.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let (Ok(m), Ok(d), Some(y)) = (c["m"].parse(), c["d"].parse(), year_of(&c["y"])) else { continue };
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
            found.push((whole.range(), End::Date(date)));
        }
    }
    for c in MONTH_YEAR.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        if found.iter().any(|(r, _)| r.start < whole.end() && whole.start() < r.end) {
            continue;
        }
        let (Some(month), Some(year)) = (month_number(&c["month"]), year_of(&c["year"])) else { continue };
        found.push((whole.range(), End::Month(year, month)));
    }
    found.sort_by_key(|(r, _)| r.start);
    found
}

/// What the words of a heading or phrase say about a period.
pub fn parse(text: &str) -> Phrase {
    let cleaned = FOOTNOTE.replace_all(text, " ");
    let text = cleaned.as_ref();
    let mut phrase = Phrase {
        comparison: COMPARISON.is_match(text),
        trailing: TRAILING.is_match(text),
        ended: ENDED.is_match(text),
        instant: AS_OF.is_match(text),
        year_words: FISCAL_YEAR_WORDS.is_match(text),
        ..Phrase::default()
    };
    let found = dates(text);
    if let Some((range, end)) = found.last() {
        phrase.end = Some(*end);
        if let Some((start_range, start)) = found.iter().rev().nth(1) {
            let between = &text[start_range.end..range.start];
            if RANGE.is_match(&format!(" {} ", between.trim_start_matches([',', ' ']))) || between.contains("to ") {
                phrase.start = match (*start, *end) {
                    (End::Date(date), _) => Some(date),
                    (End::MonthDay(m, d), End::Date(last)) => NaiveDate::from_ymd_opt(last.year(), m, d),
                    _ => None,
                };
            }
        }
    }
    let outside_dates = |at: usize| found.iter().all(|(r, _)| !(r.start <= at && at < r.end));
    phrase.year = YEAR
        .find_iter(text)
        .filter(|m| outside_dates(m.start()))
        .last()
        .and_then(|m| year_of(m.as_str()))
        .or_else(|| SHORT_YEAR.captures(text).and_then(|c| year_of(&c["y"])));
    if let Some(c) = QUARTER_NAME.captures(text) {
        let quarter = if let Some(w) = c.name("w") {
            match w.as_str().to_ascii_lowercase().as_str() {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                _ => 4,
            }
        } else {
            ["n", "q", "qq", "qn"].iter().find_map(|g| c.name(g)).and_then(|m| m.as_str().parse().ok()).unwrap_or(0)
        };
        phrase.quarter = (1..=4).contains(&quarter).then_some(quarter);
        if let Some(yy) = c.name("yy") {
            phrase.year = phrase.year.or_else(|| year_of(yy.as_str()));
        }
    }
    phrase.length = if let Some(c) = WEEKS.captures(text) {
        number(&c["n"]).filter(|n| (1..=60).contains(n)).map(Length::Weeks)
    } else if let Some(c) = MONTHS.captures(text) {
        number(&c["n"]).filter(|n| (1..=24).contains(n)).map(Length::Months)
    } else if let Some(c) = QUARTERS_COUNT.captures(text) {
        number(&c["n"]).map(|n| Length::Months(3 * n))
    } else if HALF_WORDS.is_match(text) {
        Some(Length::Months(6))
    } else if phrase.quarter.is_some() || QUARTER_ENDED.is_match(text) {
        Some(Length::Months(3))
    } else if YEAR_WORDS.is_match(text) {
        Some(Length::Months(12))
    } else {
        None
    };
    phrase
}

/// The column a heading makes, through the fiscal calendar.
pub fn resolve(phrase: &Phrase, calendar: &FiscalCalendar, hints: Hints) -> Column {
    if phrase.comparison {
        return Column::Comparison;
    }
    let year = phrase.year.or(hints.year);
    let end = match phrase.end {
        Some(End::Date(date)) => Some(date),
        Some(End::MonthDay(month, day)) => year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)),
        Some(End::Month(y, month)) => calendar.month_end(y, month),
        None => None,
    };
    let period = match (phrase.start, end, phrase.length, phrase.quarter) {
        (Some(start), Some(end), _, _) if start < end => Some(Period::Duration { start, end }),
        (_, Some(end), _, Some(quarter)) if phrase.year_words => calendar.quarter_of_year_ending(end, quarter),
        (_, Some(end), Some(Length::Weeks(weeks)), _) => Some(Period::weeks_ending(weeks, end)),
        (_, Some(end), Some(Length::Months(months)), _) => Some(calendar.period_ending(months, end)),
        (_, None, _, Some(quarter)) => year.and_then(|y| calendar.quarter_period(y, quarter)),
        (_, None, Some(Length::Months(months)), None) if months % 3 == 0 && months < 12 => year
            .and_then(|y| calendar.quarter_period(y, months / 3))
            .map(|quarter| calendar.period_ending(months, quarter.end())),
        (_, None, Some(Length::Months(12)), None) => year.and_then(|y| calendar.year_period(y)),
        (_, None, _, None) if phrase.end.is_none() && !phrase.ended && !phrase.instant => {
            let alone = phrase.length.is_none();
            return match year.filter(|_| alone && phrase.year.is_some()).and_then(|y| calendar.year_period(y)) {
                Some(period) => Column::Period { period, balance_date: Some(period.end()) },
                None => Column::Unreadable,
            };
        }
        (_, Some(end), None, None) if hints.dates_are_quarter_ends => Some(calendar.period_ending(3, end)),
        (_, Some(end), None, None) if !phrase.ended => {
            return Column::Period { period: Period::Instant { instant: end }, balance_date: Some(end) };
        }
        _ => None,
    };
    match period {
        Some(period) if phrase.trailing => Column::Trailing(period),
        Some(period) => Column::Period { period, balance_date: None },
        None => Column::Unreadable,
    }
}

/// A column heading read at once: `parse` then `resolve`.
pub fn column(heading: &str, calendar: &FiscalCalendar, hints: Hints) -> Column {
    resolve(&parse(heading), calendar, hints)
}

static PROSE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let date = format!(r"{MONTH_PATTERN}\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}");
    let quarter = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter";
    let length = format!(r"(?:\d{{1,2}}|{NUMBER_WORDS})[\s-]+(?:months?|weeks?)");
    words(&format!(
        r"(?i)\b(?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?(?:(?:{length}|(?:fiscal\s+)?years?|(?:fiscal\s+)?quarters?|{quarter}|periods?)(?:\s+period)?\s+(?:ended|ending)\s+{date}|(?:as\s+of|at)\s+{date}|(?:(?:19|20)\d{{2}}(?:'s)?\s+)?(?:first|second|third|fourth|final|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter(?:\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?)?(?:19|20)\d{{2}}\b)?|(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter\s+of\s+fiscal\s+(?:19|20)\d{{2}}|(?:first\s+)?(?:six|nine|three)\s+months\s+of\s+(?:fiscal\s+)?(?:19|20)\d{{2}}|(?:first|second)\s+half\s+of\s+(?:fiscal\s+)?(?:19|20)\d{{2}}|(?:full[\s-]+)?(?:fiscal\s+)?(?:year\s+)?(?:19|20)\d{{2}})"
    ))
    .expect("prose period phrase")
});

/// A period phrase found in prose, with where it stands in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhrasePeriod {
    pub range: std::ops::Range<usize>,
    pub phrase: Phrase,
    /// The words as written, white space collapsed.
    pub words: String,
    /// "the end of the second quarter": a balance at the quarter's end.
    pub at_end: bool,
}

impl PhrasePeriod {
    /// The period, completed with a year the text around it states when
    /// the phrase names none ("the second quarter").
    pub fn period(&self, calendar: &FiscalCalendar, context_year: Option<i32>) -> Option<Period> {
        let mut phrase = self.phrase.clone();
        if self.words.to_ascii_lowercase().contains("final quarter") {
            phrase.quarter = Some(4);
            phrase.length = Some(Length::Months(3));
        }
        let hints = Hints { year: context_year, dates_are_quarter_ends: false };
        let period = match resolve(&phrase, calendar, hints) {
            Column::Period { period, .. } => period,
            _ => return None,
        };
        Some(if self.at_end { Period::Instant { instant: period.end() } } else { period })
    }
}

/// Every period phrase in a piece of prose, in order.
pub fn prose_periods(text: &str) -> Vec<PhrasePeriod> {
    PROSE_PHRASE
        .find_iter(text)
        .map(|m| {
            let words = crate::text::collapse_spaces(m.as_str());
            let lower = words.to_ascii_lowercase();
            PhrasePeriod {
                range: m.range(),
                phrase: parse(&words),
                at_end: lower.starts_with("end of") || lower.starts_with("the end of"),
                words,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn read(heading: &str) -> Column {
        column(heading, &FiscalCalendar::ending(12, 31), Hints::default())
    }

    fn duration(heading: &str) -> Option<(NaiveDate, u32)> {
        match read(heading) {
            Column::Period { period: p @ Period::Duration { .. }, .. } => Some((p.end(), p.months())),
            _ => None,
        }
    }

    #[test]
    fn headings_with_lengths_and_dates() {
        let cases = [
            ("THREE MONTHS ENDED JUNE 30, 2006", Some((date(2006, 6, 30), 3))),
            ("SIX MONTHS ENDED JUNE 30, 2005", Some((date(2005, 6, 30), 6))),
            ("Nine Months Ended September 30, 2006", Some((date(2006, 9, 30), 9))),
            ("YEAR ENDED DECEMBER 31, 2005", Some((date(2005, 12, 31), 12))),
            ("Quarter Ended March 31, 2006", Some((date(2006, 3, 31), 3))),
            ("13 Weeks Ended July 1, 2006", Some((date(2006, 7, 1), 3))),
            ("16 weeks ended May 20, 2000", Some((date(2000, 5, 20), 4))),
            ("3 MONTHS ENDED 12/31/94 (6)", Some((date(1994, 12, 31), 3))),
            ("12 MONTHS ENDED 12/31/93", Some((date(1993, 12, 31), 12))),
            ("3 Months Ended December 2004", Some((date(2004, 12, 31), 3))),
            ("Fiscal Year Ended February 3, 2006", Some((date(2006, 2, 3), 12))),
            ("4TH QUARTER 1993 1/1/94", Some((date(1994, 1, 1), 3))),
            ("4TH QTR 1993", Some((date(1993, 12, 31), 3))),
            ("1ST QTR 1994", Some((date(1994, 3, 31), 3))),
            ("First Quarter 1999", Some((date(1999, 3, 31), 3))),
            ("Q1 2020", Some((date(2020, 3, 31), 3))),
            ("3Q21", Some((date(2021, 9, 30), 3))),
            ("4Q 2021", Some((date(2021, 12, 31), 3))),
            ("Fiscal Year 2006 4th Quarter", Some((date(2006, 12, 31), 3))),
            ("4 QUARTERS 1993", Some((date(1993, 12, 31), 12))),
            ("Full Year 2021", Some((date(2021, 12, 31), 12))),
            ("March 28, 2005 (Date of Inception) to September 30, 2008", Some((date(2008, 9, 30), 42))),
            ("Predecessor July 1 to July 21, 2023", Some((date(2023, 7, 21), 1))),
            ("Successor Period from July 22, 2023 through September 30, 2023", Some((date(2023, 9, 30), 2))),
        ];
        for (heading, expected) in cases {
            assert_eq!(duration(heading), expected, "{heading}");
        }
    }

    #[test]
    fn years_alone_take_the_fiscal_year_end() {
        let calendar = FiscalCalendar::ending(9, 30);
        let column = column("1997", &calendar, Hints::default());
        assert_eq!(
            column,
            Column::Period {
                period: Period::months_ending(12, date(1997, 9, 30)),
                balance_date: Some(date(1997, 9, 30))
            }
        );
        assert_eq!(read("2000"), read("2000"), "2000 is a year, not a scale note");
        assert!(matches!(read("2000"), Column::Period { period, .. } if period.end() == date(2000, 12, 31)));
    }

    #[test]
    fn instants_comparisons_and_what_is_not_guessed() {
        assert_eq!(
            read("JUNE 30, 2006"),
            Column::Period {
                period: Period::Instant { instant: date(2006, 6, 30) },
                balance_date: Some(date(2006, 6, 30))
            }
        );
        assert_eq!(read("% Change"), Column::Comparison);
        assert_eq!(read("% CHG FROM 4TH QTR 1993"), Column::Comparison);
        assert_eq!(read("% of Net Sales"), Column::Comparison);
        assert_eq!(read("Increase (Decrease)"), Column::Comparison);
        assert_eq!(read("Inc (Dec)"), Column::Comparison);
        assert!(matches!(read("13 WEEKS ENDED DEC. 30, 2006"), Column::Period { .. }), "Dec. is December");
        assert_eq!(read("Period ended June 30, 2006"), Column::Unreadable);
        assert_eq!(read("Amortized Cost"), Column::Unreadable);
        assert!(
            matches!(read("Trailing Four Quarters Ended August 31, 2024"), Column::Trailing(p) if p.months() == 12)
        );
    }

    #[test]
    fn a_quarter_under_the_year_it_belongs_to() {
        assert_eq!(duration("YEAR ENDED DECEMBER 31, 1999 SECOND QUARTER"), Some((date(1999, 6, 30), 3)));
        assert_eq!(duration("YEAR ENDED DECEMBER 31, 1999 FOURTH QUARTER"), Some((date(1999, 12, 31), 3)));
    }

    #[test]
    fn a_year_row_or_quarterly_table_completes_a_heading() {
        let calendar = FiscalCalendar::ending(12, 31);
        let hints = Hints { year: Some(2008), dates_are_quarter_ends: true };
        assert!(matches!(
            column("Three Months Ended Sept. 30", &calendar, hints),
            Column::Period { period, .. } if period == Period::months_ending(3, date(2008, 9, 30))
        ));
        assert!(matches!(
            column("June 30", &calendar, hints),
            Column::Period { period, .. } if period == Period::months_ending(3, date(2008, 6, 30))
        ));
        assert_eq!(column("June 30", &calendar, Hints::default()), Column::Unreadable);
    }

    #[test]
    fn prose_phrases() {
        let calendar = FiscalCalendar::ending(12, 31);
        let periods = |text: &str| -> Vec<Option<Period>> {
            prose_periods(text).iter().map(|p| p.period(&calendar, Some(2006))).collect()
        };
        assert_eq!(periods("for the second quarter of 2006"), [Some(Period::months_ending(3, date(2006, 6, 30)))]);
        assert_eq!(periods("As of June 30, 2006"), [Some(Period::Instant { instant: date(2006, 6, 30) })]);
        assert_eq!(
            periods("during the three months ended March 31, 2006"),
            [Some(Period::months_ending(3, date(2006, 3, 31)))]
        );
        assert_eq!(periods("in the 1993 fourth quarter"), [Some(Period::months_ending(3, date(1993, 12, 31)))]);
        assert_eq!(periods("the first six months of 2000"), [Some(Period::months_ending(6, date(2000, 6, 30)))]);
        assert_eq!(periods("for fiscal 1997"), [Some(Period::months_ending(12, date(1997, 12, 31)))]);
        assert_eq!(periods("for the second quarter"), [Some(Period::months_ending(3, date(2006, 6, 30)))]);
        let june = FiscalCalendar::ending(6, 30);
        let fiscal = prose_periods("the first quarter of fiscal 2007");
        assert_eq!(fiscal[0].period(&june, None), Some(Period::months_ending(3, date(2006, 9, 30))));
    }
}
