//! Facts stated in sentences: "As of June 30, 2006, the Company's cash and
//! cash equivalents totaled $7.3 million." Only a sentence whose subject is
//! the concept itself, with a verb of amount, counts: "loss attributable to
//! common stockholders totaled", "cash and marketable securities totaled",
//! "deferred revenue of" and "increased approximately $0.5 million" yield
//! nothing. A prose fact is as precise as it is printed ($7.3 million means
//! 7,250,000 to 7,350,000).
//!
//! A figure takes the period its sentence states for it: before its
//! subject ("Fourth quarter net earnings"), between subject and verb
//! ("Revenues for 1994 were"), after it ("… in the second quarter of
//! fiscal 2023"), or opening the sentence ("As of June 30, 2006, …"). A
//! comparison ("versus $53.1 million in 1992's fourth quarter", "compared
//! with $931 million in the same period a year ago") is a second figure
//! with its own period, and never lends that period to the first.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::Datelike;
use regex::Regex;

use super::findings::{Findings, Precision, Reading};
use super::period::{prose_periods, PhrasePeriod};
use super::rules::{normalize_label, ConceptRule, PeriodKind, Rules};
use super::Context;
use crate::amount::{self, Scale};
use crate::fact::{Origin, Period};
use crate::fiscal::FiscalCalendar;
use crate::ingest::submission::floor_char_boundary;
use crate::pattern::words;
use crate::text::collapse_spaces;

const AMOUNT: &str = r"(?:\(\s?\$\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:million|billion|thousand))?\s?\)|\$\s?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:\s+(?:million|billion|thousand))?)";
/// A comparison and its figure: "versus a net loss of $5.9 million",
/// "compared with $931 million", "from $22.1 billion", "and were $670.7
/// million". The words between may only restate the subject.
static COMPARISON: LazyLock<Regex> = LazyLock::new(|| {
    words(&format!(
        r"(?i)\b(?:(?:versus|vs\.?|compared\s+(?:to|with)|from|over)\s+(?P<between>(?:[a-z'\u{{2019}}]+\s+){{0,5}}?)|and\s+(?:(?:was|were)\s+)?)(?:approximately\s+|about\s+)?(?P<amount>{AMOUNT})"
    ))
    .expect("comparison")
});
/// Words that may stand between a comparison word and its figure besides
/// the subject's own.
const COMPARED_FILLERS: [&str; 12] =
    ["a", "an", "the", "of", "its", "their", "our", "total", "net", "consolidated", "reported", "same"];
/// "the same period a year ago", "the prior year": the main figure's
/// period, a year earlier.
static YEAR_AGO: LazyLock<Regex> = LazyLock::new(|| {
    words(r"(?i)\b(?:same\s+(?:period|quarter)\s+(?:a\s+year\s+ago|last\s+year|of\s+(?:the\s+)?(?:prior|previous)\s+year|in\s+(?:the\s+)?(?:prior|previous)\s+year)|a\s+year\s+ago|year[\s-]ago|(?:prior|previous|last)\s+year'?s?)\b")
        .expect("year ago")
});
/// "the same period in 2013": the year the period ends in, not a fiscal
/// year's name.
static SAME_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| words(r"(?i)\bsame\s+(?:period|quarter|months)\b").expect("same period"));

/// "of" introduces the amount only after one of these ("reported a net loss of").
const REPORTING_VERBS: [&str; 7] = ["reported", "recorded", "posted", "incurred", "generated", "had", "achieved"];
static LEAD_IN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:(?:as\s+of|at|for|during|in)\s+)?(?:the\s+)?$").expect("lead-in"));
static TRAILING_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:\([^)]{0,40}\)\s*)?(?:for|in|during|at|as\s+of|through)\s").expect("trailing period")
});

/// The sentence pattern of one concept, built from its prose subjects.
struct ConceptPatterns {
    /// Index of the concept in the rules.
    concept: usize,
    statement: Regex,
}

/// Sentence patterns for every concept with prose subjects, compiled once.
pub struct ProsePatterns {
    concepts: Vec<ConceptPatterns>,
}

impl ProsePatterns {
    pub fn new(rules: &Rules) -> ProsePatterns {
        ProsePatterns { concepts: patterns(rules) }
    }
}

fn patterns(rules: &Rules) -> Vec<ConceptPatterns> {
    let year = r"(?:19|20)\d{2}";
    let pre = format!(
        r"(?P<pre>(?:{year}(?:'s)?\s+|(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter\s+(?:{year}\s+)?|full[\s-]+year\s+(?:{year}\s+)?|fiscal\s+(?:year\s+)?{year}\s+)*)"
    );
    rules
        .concepts
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.prose.is_empty())
        .map(|(concept, rule)| {
            let mut subjects: Vec<String> = rule.prose.iter().map(|s| regex::escape(s).replace(' ', r"\s+")).collect();
            subjects.sort_by_key(|s| std::cmp::Reverse(s.len()));
            let subject = subjects.join("|");
            let statement = words(&format!(
                r"(?i)(?:^|[,;]\s+|\b(?:the|its|our|their|total|consolidated)\s+|\w['\u{{2019}}]s\s+|\b(?:reported|recorded|posted|incurred|generated|had|achieved)\s+(?:an?\s+|total\s+)?){pre}(?P<subject>{subject})\s+(?:(?:for|in|during)\s+(?P<gap>[^$;]{{0,80}}?)\s+)?(?P<verb>totaled|totalled|were|was|amounted\s+to|reached|of|(?:increased|decreased|rose|fell|grew|declined)\b[^;]{{0,60}}?\bto)\s+(?:approximately\s+|about\s+|roughly\s+|nearly\s+)?(?P<amount>{AMOUNT})"
            ))
            .expect("prose statement pattern");
            ConceptPatterns { concept, statement }
        })
        .collect()
}

/// Facts stated in the prose of a document, outside its tables.
pub fn read(context: &Context, prose: &ProsePatterns, findings: &mut Findings) {
    let document = context.document;
    let table_lines: Vec<Range<usize>> = document.tables.iter().map(|t| t.lines.clone()).collect();
    let document_year = current_fiscal_year(context, findings);
    let notes = super::tables::standalone_notes(document);
    let mut mentioned_year: Option<i32> = None;
    for paragraph in paragraphs(document, &table_lines) {
        let text = &document.text[paragraph.clone()];
        for sentence in sentences(text) {
            let sentence_text = &text[sentence.clone()];
            if !sentence_text.contains('$') {
                continue;
            }
            let periods = prose_periods(sentence_text);
            let stated_year = periods
                .iter()
                .filter(|p| !follows_comparison(sentence_text, p.range.start))
                .find_map(|p| p.phrase.year.or(end_year(p)));
            let year = stated_year.or(document_year).or(mentioned_year);
            let lower = collapse_spaces(&sentence_text.to_lowercase());
            for patterns in &prose.concepts {
                let rule = &context.rules.concepts[patterns.concept];
                if rule.prose.iter().any(|subject| lower.contains(subject.as_str())) {
                    let offset = paragraph.start + sentence.start;
                    let line = document.lines.line_of(offset);
                    let bare_scale = notes.iter().rev().find(|(l, _)| *l < line).map_or(Scale::UNITS, |(_, n)| n.scale);
                    let sentence = Sentence { offset, text: sentence_text, periods: &periods, year, bare_scale };
                    statements(context, &sentence, rule, &patterns.statement, findings);
                }
            }
            if let Some(year) = periods.iter().rev().find_map(|p| p.phrase.year.or(end_year(p))) {
                mentioned_year = Some(year);
            }
        }
    }
}

/// True when a period phrase belongs to a comparison ("a 17 percent
/// increase over fourth quarter 1993"): its year is not the sentence's.
fn follows_comparison(sentence: &str, start: usize) -> bool {
    let before = &sentence[floor_char_boundary(sentence, start.saturating_sub(48))..start];
    COMPARED_BEFORE.is_match(before)
}

static COMPARED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    words(r"(?i)\b(?:over|versus|vs\.?|compared\s+(?:to|with)|from|than|against)\s+(?:[a-z$.,%\d']+\s+){0,5}$")
        .expect("comparison before a period")
});

fn end_year(phrase: &PhrasePeriod) -> Option<i32> {
    match phrase.phrase.end {
        Some(super::period::End::Date(date)) => Some(date.year()),
        _ => None,
    }
}

/// The fiscal year the document reports on: that of its period of report
/// (for a 10-K or 10-Q; an 8-K's is the date of its event), else of the
/// latest period its tables state.
fn current_fiscal_year(context: &Context, findings: &Findings) -> Option<i32> {
    let particulars = &context.document.particulars;
    let periodic = particulars.form.as_deref().is_some_and(|f| f.starts_with("10-"));
    let latest = particulars
        .period_of_report
        .filter(|_| periodic)
        .or_else(|| findings.facts.iter().filter(|f| f.origin == Origin::Table).map(|f| f.period.end()).max())?;
    Some(context.calendar.fiscal_year_of(latest))
}

/// One sentence and what it says about periods.
struct Sentence<'s> {
    /// Byte offset of the sentence in the document's text.
    offset: usize,
    text: &'s str,
    periods: &'s [PhrasePeriod],
    /// The year a phrase without one stands in.
    year: Option<i32>,
    /// The scale a figure without a multiplier word is in: the document's
    /// own note ("Dollars in millions") standing before the sentence.
    bare_scale: Scale,
}

fn statements(context: &Context, sentence: &Sentence, rule: &ConceptRule, statement: &Regex, findings: &mut Findings) {
    let calendar = context.calendar;
    let text = sentence.text;
    for found in statement.captures_iter(text) {
        let (Some(subject), Some(amount), Some(verb)) =
            (found.name("subject"), found.name("amount"), found.name("verb"))
        else {
            continue;
        };
        let lead = text[found.get(0).map_or(0, |m| m.start())..subject.start()].to_lowercase();
        let reported = REPORTING_VERBS.iter().any(|v| lead.contains(v));
        if verb.as_str().eq_ignore_ascii_case("of") && !reported {
            continue;
        }
        let preceding =
            normalize_label(&text[floor_char_boundary(text, subject.start().saturating_sub(40))..subject.end()]);
        if rule.excludes(&preceding) {
            continue;
        }
        let period_of = |p: &PhrasePeriod| p.period(calendar, sentence.year);
        let before_subject = found
            .name("pre")
            .filter(|pre| !pre.as_str().trim().is_empty())
            .and_then(|pre| sentence.periods.iter().find(|p| p.range.start >= pre.start() && p.range.end <= pre.end()));
        let gap_period = found
            .name("gap")
            .and_then(|gap| sentence.periods.iter().find(|p| p.range.start >= gap.start() && p.range.end <= gap.end()));
        if let Some(gap) = found.name("gap") {
            if names_a_part(&text[gap.range()], gap.start(), gap_period) {
                continue;
            }
        }
        let in_gap = || gap_period;
        let after_amount = || {
            TRAILING_PERIOD
                .find(&text[amount.end()..])
                .and_then(|m| sentence.periods.iter().find(|p| p.range.start >= amount.end() + m.start()))
        };
        let stated = before_subject
            .or_else(in_gap)
            .or_else(after_amount)
            .or_else(|| leading_period(text, sentence.periods, subject.start()))
            .and_then(period_of);
        let comparison = comparison(sentence, subject.as_str(), amount.end(), stated, calendar);
        let main_period = stated.or_else(|| {
            let (_, compared) = comparison.as_ref()?;
            shift_years(compared.as_ref()?, -1, calendar)
        });
        let figure = Figure { range: amount.range(), subject: subject.as_str(), period: main_period };
        push_fact(context, sentence, &figure, rule, findings);
        if let Some((range, period)) = comparison {
            let figure = Figure { range, subject: subject.as_str(), period };
            push_fact(context, sentence, &figure, rule, findings);
        }
    }
}

/// The figure a comparison sets beside the main one, and its period:
/// as stated after it, or the main figure's period a year earlier.
fn comparison(
    sentence: &Sentence,
    subject: &str,
    after: usize,
    main: Option<Period>,
    calendar: &FiscalCalendar,
) -> Option<(Range<usize>, Option<Period>)> {
    let text = sentence.text;
    let rest = &text[after..];
    let clause_end = rest.find([';']).unwrap_or(rest.len());
    let found = COMPARISON.captures(&rest[..clause_end])?;
    let amount = found.name("amount")?;
    let restates_subject = found.name("between").is_none_or(|between| {
        let subject = subject.to_lowercase();
        between.as_str().split_whitespace().all(|word| {
            let word = word.to_lowercase();
            COMPARED_FILLERS.contains(&word.as_str()) || subject.split_whitespace().any(|s| s == word)
        })
    });
    if !restates_subject {
        return None;
    }
    let range = after + amount.start()..after + amount.end();
    let following = &text[range.end..];
    let next_figure = following.find('$').map_or(text.len(), |i| range.end + i);
    let stated =
        sentence.periods.iter().find(|p| p.range.start >= range.end && p.range.start < next_figure).and_then(|p| {
            let only_a_year = p.phrase.year.is_some()
                && p.phrase.quarter.is_none()
                && p.phrase.end.is_none()
                && p.phrase.length.is_none();
            match main {
                Some(main) if only_a_year => {
                    let same_period = SAME_PERIOD.is_match(&text[range.end..p.range.end]);
                    let main_year = if same_period { main.end().year() } else { calendar.fiscal_year_of(main.end()) };
                    shift_years(&main, main_year - p.phrase.year?, calendar)
                }
                _ => p.period(calendar, sentence.year.map(|y| y - 1)),
            }
        });
    let end = range.end;
    let year_ago = || {
        let window = &text[end..next_figure.min(end + 80)];
        YEAR_AGO.is_match(window).then(|| main.and_then(|m| shift_years(&m, 1, calendar))).flatten()
    };
    Some((range, stated.or_else(year_ago)))
}

/// A period moved `years` fiscal years earlier: the same quarter, half or
/// year of the earlier fiscal year.
fn shift_years(period: &Period, years: i32, calendar: &FiscalCalendar) -> Option<Period> {
    let months = period.months();
    let quarter = calendar.quarter_ending(period.end())?;
    let end = calendar.quarter_period(quarter.year - years, quarter.quarter)?.end();
    Some(match period {
        Period::Instant { .. } => Period::Instant { instant: end },
        Period::Duration { .. } => calendar.period_ending(months, end),
    })
}

/// True when the words between a subject and its verb, besides the
/// period, name a part of the company ("total revenue for NAU for the
/// three months ended ..."): the figure is not the company's.
fn names_a_part(gap: &str, gap_start: usize, period: Option<&PhrasePeriod>) -> bool {
    let outside = match period {
        Some(p) => format!("{} {}", &gap[..p.range.start - gap_start], &gap[p.range.end - gap_start..]),
        None => gap.to_owned(),
    };
    outside.split_whitespace().any(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        !word.is_empty() && !GAP_FILLERS.contains(&word.as_str())
    })
}

/// Words that may stand beside a period between a subject and its verb.
const GAP_FILLERS: [&str; 14] =
    ["the", "for", "in", "during", "of", "our", "its", "and", "fiscal", "year", "quarter", "period", "ended", "total"];

/// A period phrase that opens the sentence and is closed by a comma before
/// the subject: "As of June 30, 2006, the Company's cash ...".
fn leading_period<'p>(sentence: &str, periods: &'p [PhrasePeriod], subject_start: usize) -> Option<&'p PhrasePeriod> {
    let first = periods.first()?;
    let opens = LEAD_IN.is_match(&sentence[..first.range.start]);
    let closed = sentence[first.range.end..].trim_start().starts_with(',');
    (opens && closed && first.range.end <= subject_start).then_some(first)
}

/// A figure found in a sentence: where it is, what it is of, and when.
struct Figure<'s> {
    range: Range<usize>,
    subject: &'s str,
    period: Option<Period>,
}

fn push_fact(context: &Context, sentence: &Sentence, figure: &Figure, rule: &ConceptRule, findings: &mut Findings) {
    let text = &context.document.text;
    let span = [sentence.offset + figure.range.start, sentence.offset + figure.range.end];
    let printed = &text[span[0]..span[1]];
    let Some(stated) = amount::stated(&printed.replace(['\n', '\r'], " ")) else {
        findings.warn(format!("{printed:?} could not be read as an amount"), Some(span));
        return;
    };
    let Some(period) = figure.period else {
        findings.warn(
            format!(
                "{} {}: the sentence states no period that can be read, so the value is not taken",
                figure.subject,
                collapse_spaces(printed)
            ),
            Some(span),
        );
        return;
    };
    let fits = match rule.period {
        PeriodKind::Instant => period.is_instant(),
        PeriodKind::Duration => !period.is_instant(),
    };
    if !fits {
        return;
    }
    let mut amount = stated.amount;
    let negative_label = rule.label_is_negative(&normalize_label(figure.subject));
    if negative_label && amount.value.is_sign_positive() {
        amount.value = -amount.value;
    }
    findings.record(Reading {
        rule,
        label: collapse_spaces(figure.subject),
        period,
        amount,
        scale: stated.multiplier.unwrap_or(sentence.bare_scale),
        precision: Precision::AsPrinted,
        origin: Origin::Prose,
        span: Some(span),
        text: collapse_spaces(printed),
        column: String::new(),
        note: None,
        dimensions: Vec::new(),
        table: None,
    });
}

/// Paragraphs (runs of non-blank lines) outside tables, as byte ranges.
fn paragraphs(document: &crate::ingest::Document, table_lines: &[Range<usize>]) -> Vec<Range<usize>> {
    let lines = &document.lines;
    let mut in_tables = vec![false; lines.len()];
    for table in table_lines {
        in_tables[table.start.min(lines.len())..table.end.min(lines.len())].fill(true);
    }
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for (i, &in_table) in in_tables.iter().enumerate() {
        let range = lines.range(&document.text, i);
        let blank = document.text[range.clone()].trim().is_empty() || in_table;
        if blank {
            if let Some(s) = start.take() {
                found.push(s..end);
            }
        } else {
            start.get_or_insert(range.start);
            end = range.end;
        }
    }
    if let Some(s) = start {
        found.push(s..end);
    }
    found
}

/// Sentences of a paragraph: ends at '.', '!' or '?' followed by white
/// space and a capital letter or quote ("$7.3 million." ends one; "7.3" does not).
fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if j > i + 1 && (j == bytes.len() || bytes[j].is_ascii_uppercase() || bytes[j] == b'"') {
                found.push(start..i + 1);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < bytes.len() {
        found.push(start..bytes.len());
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::fact::Fact;
    use crate::ingest::from_bytes;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    fn facts(text: &str) -> Vec<Fact> {
        let document = from_bytes(std::path::Path::new("release.txt"), text.as_bytes()).unwrap().remove(0);
        Extractor::builtin().extract(document).facts.into_iter().filter(|f| f.origin == Origin::Prose).collect()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn summary(found: &[Fact]) -> Vec<(String, String, NaiveDate, u32)> {
        found.iter().map(|f| (f.concept.clone(), f.value.to_string(), f.period.end(), f.period.months())).collect()
    }

    fn fact(concept: &str, value: &str, end: NaiveDate, months: u32) -> (String, String, NaiveDate, u32) {
        (concept.to_owned(), value.to_owned(), end, months)
    }

    #[test]
    fn statements_of_the_samples() {
        let found = facts(
            "Revenues for the second quarter of 2006\ntotaled approximately $0.2 million. As of June 30, 2006, the Company's cash and\ncash equivalents totaled $7.3 million.\n\n\
Operating expenses for the second quarter totaled approximately $7.5 million\nversus $43.1 million for the first quarter of 2006.\n",
        );
        assert_eq!(
            summary(&found),
            [
                fact("Revenues", "200000", date(2006, 6, 30), 3),
                fact("CashAndCashEquivalentsAtCarryingValue", "7300000", date(2006, 6, 30), 0),
                fact("OperatingExpenses", "7500000", date(2006, 6, 30), 3),
                fact("OperatingExpenses", "43100000", date(2006, 3, 31), 3),
            ]
        );
        assert_eq!(found[1].text, "$7.3 million");
        assert_eq!(found[1].rounding, Decimal::from(50_000));
    }

    #[test]
    fn traps_yield_nothing() {
        let found = facts(
            "For the first quarter of 2006, EpiCept's loss attributable to common\nshareholders totaled $56.6 million. The Company's cash and marketable securities at March 31, 2006 totaled\napproximately $15.5 million. \
The Company recognized deferred revenue of approximately $0.3 million during the three months ended March 31, 2006. \
EpiCept also recognized revenue of $19,000 in royalties during the three month period ended March 31, 2006. \
Research and development expense in the second quarter increased approximately $0.5 million compared to the first quarter of 2006. \
The increase in operating expenses was $2.0 million for the first quarter of 2006.",
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn periods_before_the_subject_and_comparisons_of_other_years() {
        let found = facts(
            "After the extraordinary item, net earnings in the 1993 fourth quarter were $82.7 million.\n\n\
Sales totaled $5.4 billion, compared to $5.7 billion in 1992's fourth quarter.\n\n\
Kroger had a 1993 net loss of $12.2 million, versus a net loss of $5.9 million in 1992.\n\n\
Fourth quarter 1994 net earnings were $84.2 million.\n\n\
Revenues for 1994 were $3.77 billion, a 21 percent increase over $3.12 billion reported for 1993.\n",
        );
        assert_eq!(
            summary(&found),
            [
                fact("NetIncomeLoss", "82700000", date(1993, 12, 31), 3),
                fact("Revenues", "5400000000", date(1993, 12, 31), 3),
                fact("Revenues", "5700000000", date(1992, 12, 31), 3),
                fact("NetIncomeLoss", "-12200000", date(1993, 12, 31), 12),
                fact("NetIncomeLoss", "-5900000", date(1992, 12, 31), 12),
                fact("NetIncomeLoss", "84200000", date(1994, 12, 31), 3),
                fact("Revenues", "3770000000", date(1994, 12, 31), 12),
                fact("Revenues", "3120000000", date(1993, 12, 31), 12),
            ]
        );
    }

    #[test]
    fn a_year_ago_and_amounts_reached_by_increasing() {
        let found = facts(
            "Net income for the first six months of 2000 was $2,049 million, compared with $1,815 million in the same period a year ago.\n\n\
Total operating expenses for the six months ended June 30, 1999 increased $20.3 million, or 4.6% to $457.7 million.\n",
        );
        assert_eq!(
            summary(&found),
            [
                fact("NetIncomeLoss", "2049000000", date(2000, 6, 30), 6),
                fact("NetIncomeLoss", "1815000000", date(1999, 6, 30), 6),
                fact("OperatingExpenses", "457700000", date(1999, 6, 30), 6),
            ]
        );
    }

    #[test]
    fn reported_a_net_loss_of() {
        let found = facts("For the year ended December 31, 2006, Acme reported a net loss of $12.4 million.");
        assert_eq!(summary(&found), [fact("NetIncomeLoss", "-12400000", date(2006, 12, 31), 12)]);
    }
}
