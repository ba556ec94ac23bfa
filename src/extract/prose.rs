//! Facts stated in sentences: "As of June 30, 2006, the Company's cash and
//! cash equivalents totaled $7.3 million." Only a sentence whose subject is
//! the concept itself, with a verb of amount, counts: "loss attributable to
//! common stockholders totaled", "cash and marketable securities totaled",
//! "deferred revenue of" and "increased approximately $0.5 million" yield
//! nothing. A prose fact is as precise as it is printed ($7.3 million means
//! 7,250,000 to 7,350,000).

use std::ops::Range;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::period::{prose_periods, PhrasePeriod};
use super::rules::{normalize_label, ConceptRule, PeriodKind, Rules};
use crate::fact::{Fact, Origin, Warning};
use crate::ingest::submission::floor_char_boundary;
use crate::ingest::Document;
use crate::pattern::words;
use crate::text::collapse_spaces;

const AMOUNT: &str = r"\$\s?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:\s+(?:million|billion|thousand))?";
static AMOUNT_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\$\s?(?P<number>[\d,]*(?:\.(?P<fraction>\d+))?)(?:\s+(?P<multiplier>million|billion|thousand))?$")
        .expect("amount parts")
});
static COMPARISON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*,?\s*(?:versus|vs\.|compared\s+(?:to|with)|and)\s+(?:approximately\s+|about\s+)?(?P<amount>{AMOUNT})\s+(?:for|in|during|at|as\s+of)\s"
    ))
    .expect("comparison")
});
/// "of" introduces the amount only after one of these ("reported a net loss of").
const REPORTING_VERBS: [&str; 5] = ["reported", "recorded", "posted", "incurred", "generated"];
static LEAD_IN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:(?:as\s+of|at|for|during|in)\s+)?(?:the\s+)?$").expect("lead-in"));
static TRAILING_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s+(?:for|in|during|at|as\s+of)\s").expect("trailing period"));

/// The sentence patterns of one concept, built from its prose subjects.
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
    rules
        .concepts
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.prose.is_empty())
        .map(|(concept, rule)| {
            let mut subjects: Vec<String> = rule.prose.iter().map(|s| regex::escape(s).replace("\\ ", r"\s+").replace(' ', r"\s+")).collect();
            subjects.sort_by_key(|s| std::cmp::Reverse(s.len()));
            let subject = subjects.join("|");
            let statement = words(&format!(
                r"(?i)(?:^|[,;]\s+|\b(?:the|its|our|their|total)\s+|\w['\u{{2019}}]s\s+|\b(?:reported|recorded|posted|incurred|generated)\s+(?:a\s+|total\s+)?)(?P<subject>{subject})\s+(?:(?:for|in|during)\s+(?P<gap>[^$;]{{0,80}}?)\s+)?(?P<verb>totaled|totalled|were|was|amounted\s+to|reached|of)\s+(?:approximately\s+|about\s+|roughly\s+)?(?P<amount>{AMOUNT})"
            ))
            .expect("prose statement pattern");
            ConceptPatterns { concept, statement }
        })
        .collect()
}

/// Facts stated in the prose of a document, outside its tables.
pub fn prose_facts(
    document: &Document,
    table_lines: &[Range<usize>],
    rules: &Rules,
    prose: &ProsePatterns,
    facts: &mut Vec<Fact>,
    warnings: &mut Vec<Warning>,
) {
    let fye_month = document.fiscal_year_end.map_or(12, |(m, _)| m);
    let mut context_year: Option<i32> = None;
    for paragraph in paragraphs(document, table_lines) {
        let text = &document.text[paragraph.clone()];
        for sentence in sentences(text) {
            let sentence_text = &text[sentence.clone()];
            let states_amounts = sentence_text.contains('$');
            if !states_amounts && !contains_ignore_case(sentence_text, "quarter") {
                continue;
            }
            let periods = prose_periods(sentence_text, fye_month);
            let sentence_year = periods.iter().find_map(|p| p.year).or(context_year);
            if states_amounts {
                let lower = collapse_spaces(&sentence_text.to_lowercase());
                for patterns in &prose.concepts {
                    let rule = &rules.concepts[patterns.concept];
                    if rule.prose.iter().any(|subject| lower.contains(subject.as_str())) {
                        let offset = paragraph.start + sentence.start;
                        statements(
                            document,
                            offset,
                            sentence_text,
                            &periods,
                            sentence_year,
                            fye_month,
                            rule,
                            &patterns.statement,
                            facts,
                            warnings,
                        );
                    }
                }
            }
            if let Some(year) = periods.iter().rev().find_map(|p| p.year) {
                context_year = Some(year);
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn statements(
    document: &Document,
    offset: usize,
    sentence: &str,
    periods: &[PhrasePeriod],
    year: Option<i32>,
    fye_month: u32,
    rule: &ConceptRule,
    statement: &Regex,
    facts: &mut Vec<Fact>,
    warnings: &mut Vec<Warning>,
) {
    for found in statement.captures_iter(sentence) {
        let (Some(subject), Some(amount), Some(verb)) =
            (found.name("subject"), found.name("amount"), found.name("verb"))
        else {
            continue;
        };
        let lead = sentence[found.get(0).map_or(0, |m| m.start())..subject.start()].to_lowercase();
        let reported = REPORTING_VERBS.iter().any(|v| lead.contains(v));
        if verb.as_str().eq_ignore_ascii_case("of") && !reported {
            continue;
        }
        let preceding = normalize_label(
            &sentence[floor_char_boundary(sentence, subject.start().saturating_sub(40))..subject.end()],
        );
        if rule.excludes(&preceding) {
            continue;
        }
        let complete = |p: &PhrasePeriod| year.map_or_else(|| p.clone(), |y| p.clone().with_year(y, fye_month));
        let stated = found
            .name("gap")
            .and_then(|gap| periods.iter().find(|p| p.range.start >= gap.start() && p.range.end <= gap.end()))
            .or_else(|| {
                TRAILING_PERIOD
                    .find(&sentence[amount.end()..])
                    .and_then(|_| periods.iter().find(|p| p.range.start > amount.end()))
            })
            .or_else(|| leading_period(sentence, periods, subject.start()))
            .map(complete);
        push_fact(document, offset, amount.range(), subject.as_str(), stated, rule, facts, warnings);
        if let Some(comparison) = COMPARISON.captures(&sentence[amount.end()..]) {
            let Some(other) = comparison.name("amount") else { continue };
            let other_range = amount.end() + other.start()..amount.end() + other.end();
            let other_period = periods.iter().find(|p| p.range.start >= other_range.end).map(complete);
            push_fact(document, offset, other_range, subject.as_str(), other_period, rule, facts, warnings);
        }
    }
}

fn contains_ignore_case(text: &str, word: &str) -> bool {
    text.as_bytes().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// A period phrase that opens the sentence and is closed by a comma before
/// the subject: "As of June 30, 2006, the Company's cash ...".
fn leading_period<'p>(sentence: &str, periods: &'p [PhrasePeriod], subject_start: usize) -> Option<&'p PhrasePeriod> {
    let first = periods.first()?;
    let opens = LEAD_IN.is_match(&sentence[..first.range.start]);
    let closed = sentence[first.range.end..].trim_start().starts_with(',');
    (opens && closed && first.range.end <= subject_start).then_some(first)
}

#[allow(clippy::too_many_arguments)]
fn push_fact(
    document: &Document,
    offset: usize,
    amount: Range<usize>,
    subject: &str,
    period: Option<PhrasePeriod>,
    rule: &ConceptRule,
    facts: &mut Vec<Fact>,
    warnings: &mut Vec<Warning>,
) {
    let span = [offset + amount.start, offset + amount.end];
    let printed = &document.text[span[0]..span[1]];
    let Some((value, rounding, scale)) = read_amount(printed) else {
        warnings.push(Warning::at(format!("{printed:?} could not be read as an amount"), span));
        return;
    };
    let Some((period, phrase)) = period.and_then(|p| p.period.map(|period| (period, p.phrase))) else {
        warnings.push(Warning::at(
            format!("{subject} {printed}: the sentence states no period that can be read, so the value is not taken"),
            span,
        ));
        return;
    };
    let fits = match rule.period {
        PeriodKind::Instant => period.is_instant(),
        PeriodKind::Duration => !period.is_instant(),
    };
    if !fits {
        return;
    }
    let value = if rule.label_is_negative(&normalize_label(subject)) { -value } else { value };
    facts.push(Fact {
        concept: rule.name.clone(),
        label: collapse_spaces(subject),
        period,
        value: value.normalize(),
        unit: rule.unit,
        origin: Origin::Prose,
        span,
        text: collapse_spaces(printed),
        column: phrase,
        scale,
        rounding,
        note: None,
        dimensions: Vec::new(),
    });
}

/// Reads "$7.3 million" as (7,300,000, rounding 50,000, scale 6).
fn read_amount(printed: &str) -> Option<(Decimal, Decimal, u32)> {
    let parts = AMOUNT_PARTS.captures(printed)?;
    let number = Decimal::from_str(&parts["number"].replace(',', "")).ok()?;
    let decimals = parts.name("fraction").map_or(0, |f| f.as_str().len() as u32);
    let scale = match parts.name("multiplier").map(|m| m.as_str().to_ascii_lowercase()) {
        Some(m) if m == "billion" => 9,
        Some(m) if m == "million" => 6,
        Some(_) => 3,
        None => 0,
    };
    let factor = Decimal::from(10u64.pow(scale));
    Some((number * factor, (factor * Decimal::new(5, decimals + 1)).normalize(), scale))
}

/// Paragraphs (runs of non-blank lines) outside tables, as byte ranges.
fn paragraphs(document: &Document, table_lines: &[Range<usize>]) -> Vec<Range<usize>> {
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
    use crate::fact::Period;
    use crate::ingest::{from_bytes, Document};
    use chrono::NaiveDate;

    fn document(text: &str) -> Document {
        from_bytes(std::path::Path::new("release.txt"), text.as_bytes()).unwrap().remove(0)
    }

    fn facts(text: &str) -> Vec<Fact> {
        let doc = document(text);
        let mut facts = Vec::new();
        let mut warnings = Vec::new();
        let rules = Rules::builtin();
        prose_facts(&doc, &[], rules, &ProsePatterns::new(rules), &mut facts, &mut warnings);
        facts
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn statements_of_the_samples() {
        let found = facts(
            "Revenues for the second quarter of 2006\ntotaled approximately $0.2 million. As of June 30, 2006, the Company's cash and\ncash equivalents totaled $7.3 million.\n\n\
Operating expenses for the second quarter totaled approximately $7.5 million\nversus $43.1 million for the first quarter of 2006.\n",
        );
        let summary: Vec<(String, String, Period)> =
            found.iter().map(|f| (f.concept.clone(), f.value.normalize().to_string(), f.period)).collect();
        assert_eq!(
            summary,
            vec![
                (
                    "Revenues".into(),
                    "200000".into(),
                    Period::Duration { start: date(2006, 4, 1), end: date(2006, 6, 30) }
                ),
                (
                    "CashAndCashEquivalentsAtCarryingValue".into(),
                    "7300000".into(),
                    Period::Instant { instant: date(2006, 6, 30) }
                ),
                (
                    "OperatingExpenses".into(),
                    "7500000".into(),
                    Period::Duration { start: date(2006, 4, 1), end: date(2006, 6, 30) }
                ),
                (
                    "OperatingExpenses".into(),
                    "43100000".into(),
                    Period::Duration { start: date(2006, 1, 1), end: date(2006, 3, 31) }
                ),
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
    fn reported_a_net_loss_of() {
        let found = facts("For the year ended December 31, 2006, Acme reported a net loss of $12.4 million.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value, Decimal::from(-12_400_000));
        assert_eq!(found[0].period, Period::Duration { start: date(2006, 1, 1), end: date(2006, 12, 31) });
    }
}
