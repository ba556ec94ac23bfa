//! Quarterly series: one value per company, concept and fiscal quarter.
//!
//! A quarter's value is reported (a three-month duration or an instant at
//! the quarter's end), derived (six months − Q1, nine − six, year − nine),
//! or corrected by hand. When several places state it, inline XBRL ranks
//! over tables over prose; values that agree within their printed rounding
//! are one value with several sources ($7.3 million and 7,329 thousand),
//! values that do not are a conflict for the analyst to resolve.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::corrections::{Correction, FactKey};
use super::quarter::FiscalQuarter;
pub use crate::amount::agree;
use crate::fact::{Fact, Origin, Period};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Reported,
    Derived,
    Corrected,
    Conflict,
}

/// One place a quarter's value was stated.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    pub document: String,
    pub origin: Origin,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub value: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub rounding: Decimal,
    pub span: [usize; 2],
    pub text: String,
    pub label: String,
}

/// How a quarter follows from year-to-date figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Derivation {
    /// e.g. "6 months ended 2006-06-30 (-54947000) - Q1 2006 (-47626000)".
    pub formula: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub value: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub rounding: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    pub quarter: String,
    #[serde(skip)]
    pub fiscal_quarter: FiscalQuarter,
    pub period: Period,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub value: Decimal,
    pub status: Status,
    pub sources: Vec<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derivation: Option<Derivation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
}

impl Point {
    /// The value before any hand correction.
    pub fn extracted_value(&self) -> Option<Decimal> {
        self.sources.first().map(|s| s.value).or(self.derivation.as_ref().map(|d| d.value))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    pub company: String,
    #[serde(skip)]
    pub company_key: String,
    pub concept: String,
    pub points: Vec<Point>,
}

/// A fact as the ledger sees it: with the document it is from.
pub struct Entry<'a> {
    pub document: &'a str,
    pub fact: &'a Fact,
}

/// What is known of one concept of one company.
pub struct ConceptFacts<'a> {
    pub company: String,
    pub company_key: String,
    pub concept: String,
    pub additive: bool,
    pub fiscal_year_end_month: u32,
    pub entries: Vec<Entry<'a>>,
}

fn source(entry: &Entry) -> Source {
    Source {
        document: entry.document.to_owned(),
        origin: entry.fact.origin,
        value: entry.fact.value,
        rounding: entry.fact.rounding,
        span: entry.fact.span,
        text: entry.fact.text.clone(),
        label: entry.fact.label.clone(),
    }
}

/// The sources of one period, best first: origin rank, then precision.
fn ranked(mut sources: Vec<Source>) -> Vec<Source> {
    sources.sort_by(|a, b| b.origin.cmp(&a.origin).then(a.rounding.cmp(&b.rounding)));
    sources
}

/// Best value of each period, with corrections in force.
struct Stated {
    period: Period,
    value: Decimal,
    rounding: Decimal,
}

pub fn build(facts: &ConceptFacts, correction_for: &dyn Fn(&FactKey) -> Option<Correction>) -> Series {
    let fye = facts.fiscal_year_end_month;
    let key_of =
        |period: Period| FactKey { company: facts.company_key.clone(), concept: facts.concept.clone(), period };
    let mut by_period: BTreeMap<Period, Vec<Source>> = BTreeMap::new();
    let mut quarter_periods: BTreeMap<FiscalQuarter, Vec<Period>> = BTreeMap::new();
    for entry in &facts.entries {
        by_period.entry(entry.fact.period).or_default().push(source(entry));
    }
    let stated = |period: Period, sources: &[Source]| -> Stated {
        match correction_for(&key_of(period)) {
            Some(c) => Stated { period, value: c.value, rounding: Decimal::ZERO },
            None => Stated { period, value: sources[0].value, rounding: sources[0].rounding },
        }
    };
    // A quarter may be stated with periods a few days apart (13 weeks to
    // March 30 in a table, "the first quarter" in prose): one quarter.
    let mut stated_quarters: BTreeMap<FiscalQuarter, Vec<(Period, Source)>> = BTreeMap::new();
    let mut year_to_date: BTreeMap<FiscalQuarter, Stated> = BTreeMap::new();
    for (period, sources) in by_period {
        let sources = ranked(sources);
        let Some(fq) = FiscalQuarter::ending_on(period.end(), fye) else { continue };
        match period.months() {
            0 | 3 => stated_quarters.entry(fq).or_default().extend(sources.into_iter().map(|s| (period, s))),
            months if facts.additive && months == 3 * fq.quarter => {
                year_to_date.entry(fq).or_insert_with(|| stated(period, &sources));
            }
            _ => {}
        }
    }
    let mut quarters: BTreeMap<FiscalQuarter, (Period, Vec<Source>)> = BTreeMap::new();
    for (fq, mut stated) in stated_quarters {
        stated.sort_by(|(_, a), (_, b)| b.origin.cmp(&a.origin).then(a.rounding.cmp(&b.rounding)));
        quarter_periods.insert(fq, stated.iter().map(|(p, _)| *p).collect());
        quarters.insert(fq, (stated[0].0, stated.into_iter().map(|(_, s)| s).collect()));
    }
    let mut points: BTreeMap<FiscalQuarter, Point> = BTreeMap::new();
    for (&fq, (period, sources)) in &quarters {
        let correction = quarter_periods[&fq].iter().find_map(|p| correction_for(&key_of(*p)));
        let (best, others) = sources.split_first().expect("a period has at least one source");
        let disagreeing = others.iter().any(|s| !agree(best.value, best.rounding, s.value, s.rounding));
        let status = if correction.is_some() {
            Status::Corrected
        } else if disagreeing {
            Status::Conflict
        } else {
            Status::Reported
        };
        points.insert(
            fq,
            Point {
                quarter: fq.label(),
                fiscal_quarter: fq,
                period: *period,
                value: correction.as_ref().map_or(best.value, |c| c.value),
                status,
                sources: sources.clone(),
                derivation: None,
                correction,
            },
        );
    }
    if facts.additive {
        for (&fq, total) in &year_to_date {
            let Some(previous_fq) = fq.previous() else { continue };
            let previous = if previous_fq.quarter == 1 {
                quarters.get(&previous_fq).map(|(period, sources)| stated(*period, sources))
            } else {
                year_to_date.get(&previous_fq).map(|s| Stated {
                    period: s.period,
                    value: s.value,
                    rounding: s.rounding,
                })
            };
            let Some(previous) = previous else { continue };
            let derivation = Derivation {
                formula: format!(
                    "{} ({}) - {} ({})",
                    describe(&total.period, fq),
                    total.value,
                    describe(&previous.period, previous_fq),
                    previous.value
                ),
                value: total.value - previous.value,
                rounding: total.rounding + previous.rounding,
            };
            let Some(start) = previous.period.end().succ_opt() else { continue };
            let period = Period::Duration { start, end: total.period.end() };
            match points.get_mut(&fq) {
                Some(point) => {
                    let best = &point.sources[0];
                    if point.status == Status::Reported
                        && !agree(best.value, best.rounding, derivation.value, derivation.rounding)
                    {
                        point.status = Status::Conflict;
                    }
                    point.derivation = Some(derivation);
                }
                None => {
                    let correction = correction_for(&key_of(period));
                    points.insert(
                        fq,
                        Point {
                            quarter: fq.label(),
                            fiscal_quarter: fq,
                            period,
                            value: correction.as_ref().map_or(derivation.value, |c| c.value),
                            status: if correction.is_some() { Status::Corrected } else { Status::Derived },
                            sources: Vec::new(),
                            derivation: Some(derivation),
                            correction,
                        },
                    );
                }
            }
        }
    }
    Series {
        company: facts.company.clone(),
        company_key: facts.company_key.clone(),
        concept: facts.concept.clone(),
        points: points.into_values().collect(),
    }
}

fn describe(period: &Period, fq: FiscalQuarter) -> String {
    match period.months() {
        3 => fq.label(),
        12 => format!("year ended {}", period.end()),
        months => format!("{months} months ended {}", period.end()),
    }
}
