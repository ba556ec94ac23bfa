//! Quarterly series: one value per company, concept and fiscal quarter.
//!
//! A series is built in three steps, each in its own module: the facts
//! are grouped by the fiscal quarter their period closes (`group`), the
//! statements of one period are reconciled into one value (`reconcile`:
//! agreeing within rounding, restated by a later filing, or in conflict),
//! and the quarters no filing states are derived from year-to-date
//! figures of one basis (`derive`). A hand correction overrides all of it
//! and keeps the original on record.

mod derive;
mod group;
mod reconcile;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::authority::Authority;
use super::corrections::{Correction, FactKey};
pub use crate::amount::agree;
use crate::fact::{Fact, Origin, Period};
use crate::fiscal::{FiscalCalendar, FiscalQuarter};
pub use derive::Operand;
use group::Stated;
use reconcile::Reconciled;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Stated by the filings, which agree.
    Reported,
    /// Derived from year-to-date figures.
    Derived,
    /// Corrected by hand.
    Corrected,
    /// Sources of the same rank in the same filing disagree.
    Conflict,
    /// A later filing states another value than the first one did; the
    /// latest is shown, the first kept.
    Restated,
    /// A conflict the analyst settled by choosing one of its values.
    Resolved,
}

impl Status {
    pub const ALL: [Status; 6] =
        [Status::Reported, Status::Derived, Status::Corrected, Status::Conflict, Status::Restated, Status::Resolved];

    /// How the status is named to a reader.
    pub fn label(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Derived => "derived",
            Status::Corrected => "corrected",
            Status::Conflict => "conflict",
            Status::Restated => "restated",
            Status::Resolved => "resolved",
        }
    }
}

/// One place a quarter's value was stated.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    pub document: String,
    /// When the filing was made (or the release dated), when it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filed: Option<NaiveDate>,
    pub origin: Origin,
    pub authority: Authority,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub value: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub rounding: Decimal,
    pub span: [usize; 2],
    pub text: String,
    pub label: String,
}

/// The value a restated quarter had when it was first reported.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FirstReported {
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub value: Decimal,
    pub sources: Vec<Source>,
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
    /// The filing date of its basis: both figures as the filings made up
    /// to then stated them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    /// The two figures subtracted, with where each was stated.
    pub operands: Vec<Operand>,
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
    pub first_reported: Option<FirstReported>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derivation: Option<Derivation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
}

impl Point {
    /// What the filings made up to a date (every filing, for an undated
    /// basis) said of the quarter: the latest filing's best source.
    pub fn stated_as_of(&self, date: Option<NaiveDate>) -> Option<&Source> {
        let latest = self.sources.iter().filter(|s| s.filed <= date || date.is_none()).map(|s| s.filed).max()?;
        self.sources.iter().find(|s| s.filed == latest)
    }

    /// The value before any hand correction.
    pub fn extracted_value(&self) -> Option<Decimal> {
        match (&self.correction, self.status) {
            (None, _) => Some(self.value),
            (Some(correction), _) => correction.original,
        }
        .or_else(|| self.derivation.as_ref().map(|d| d.value))
    }
}

/// A fiscal year's total of a flow, as the filings state it: what its
/// quarters are checked against.
#[derive(Clone, Debug, PartialEq)]
pub struct YearTotal {
    pub value: Decimal,
    pub rounding: Decimal,
    pub document: String,
    pub span: [usize; 2],
}

/// A quarter inside a series' span that has no value, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub quarter: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    pub company: String,
    /// The company's identity: "cik 320193", or its name reduced.
    #[serde(skip)]
    pub company_key: String,
    pub concept: String,
    /// The fiscal year end the quarters are counted from, as XBRL writes
    /// it ("--12-31").
    pub fiscal_year_end: String,
    /// The calendar the quarters were counted by, to name them.
    #[serde(skip)]
    pub calendar: FiscalCalendar,
    pub points: Vec<Point>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<Gap>,
    /// Each fiscal year's total, by the calendar year it ends in.
    #[serde(skip)]
    pub years: BTreeMap<i32, YearTotal>,
}

impl Series {
    /// The series as its quarters were first reported: restated points
    /// take their first-reported value (and stay marked restated).
    pub fn as_first_reported(&self) -> Series {
        let mut first = self.clone();
        for point in &mut first.points {
            if let (Some(reported), None) = (&point.first_reported, &point.correction) {
                point.value = reported.value;
            }
        }
        first
    }
}

/// A fact as the ledger sees it: with the document and the filing date it
/// is from.
pub struct Entry<'a> {
    pub document: &'a str,
    pub filed: Option<NaiveDate>,
    pub fact: &'a Fact,
}

/// What is known of one concept of one company.
pub struct ConceptFacts<'a> {
    pub company: String,
    pub company_key: String,
    /// Every key the company's corrections may be filed under.
    pub keys: Vec<String>,
    pub concept: String,
    pub additive: bool,
    /// The company's fiscal calendar, naming each fiscal year by the
    /// calendar year it ends in.
    pub calendar: FiscalCalendar,
    pub entries: Vec<Entry<'a>>,
}

pub fn build(facts: &ConceptFacts, correction_for: &dyn Fn(&FactKey) -> Option<Correction>) -> Series {
    let calendar = &facts.calendar;
    let grouped = group::group(facts);
    let correction_of = |periods: &mut dyn Iterator<Item = Period>| {
        let periods: Vec<Period> = periods.collect();
        facts.keys.iter().find_map(|company| {
            periods.iter().find_map(|&period| {
                correction_for(&FactKey { company: company.clone(), concept: facts.concept.clone(), period })
            })
        })
    };
    let settle = |statements: BTreeMap<FiscalQuarter, Vec<Stated>>| -> BTreeMap<FiscalQuarter, Reconciled> {
        statements
            .into_iter()
            .map(|(fq, stated)| {
                let mut reconciled = reconcile::reconcile(stated);
                reconciled.correction =
                    correction_of(&mut reconciled.sources.iter().map(|s| s.1).chain([reconciled.period]));
                (fq, reconciled)
            })
            .collect()
    };
    let quarters = settle(grouped.quarters);
    let year_to_date = settle(grouped.year_to_date);
    let mut points: BTreeMap<FiscalQuarter, Point> =
        quarters.iter().map(|(&fq, reconciled)| (fq, reconciled.point(fq, calendar.quarter_label(fq)))).collect();
    let mut refused = BTreeMap::new();
    if facts.additive {
        for (&fq, total) in &year_to_date {
            let derived = derive::derive(fq, total, &quarters, &year_to_date, calendar);
            match (points.get_mut(&fq), derived) {
                (Some(point), Ok(derived)) => derived.check(point),
                (Some(_), Err(_)) => {}
                (None, Ok(derived)) => {
                    let correction = correction_of(&mut std::iter::once(derived.period));
                    points.insert(fq, derived.point(fq, calendar.quarter_label(fq), correction));
                }
                (None, Err(reason)) => {
                    refused.insert(fq, reason);
                }
            }
        }
    }
    let years = year_totals(&year_to_date, &points);
    let gaps = gaps(&points, refused, calendar);
    Series {
        company: facts.company.clone(),
        company_key: facts.company_key.clone(),
        concept: facts.concept.clone(),
        fiscal_year_end: fiscal_year_end(calendar),
        calendar: calendar.clone(),
        points: points.into_values().collect(),
        gaps,
        years,
    }
}

/// Each fiscal year's total on the basis its quarters are shown on: as
/// the filings stated it up to the last filing that states one of them.
fn year_totals(
    year_to_date: &BTreeMap<FiscalQuarter, Reconciled>,
    points: &BTreeMap<FiscalQuarter, Point>,
) -> BTreeMap<i32, YearTotal> {
    let mut years = BTreeMap::new();
    for (fq, total) in year_to_date.iter().filter(|(fq, _)| fq.quarter == 4) {
        if total.status == Status::Conflict && total.correction.is_none() {
            continue;
        }
        let quarters = points.range(FiscalQuarter { year: fq.year, quarter: 1 }..=*fq).map(|(_, p)| p);
        let last_stated = quarters
            .map(|p| p.sources.iter().map(|s| s.filed).max().or(p.derivation.as_ref().map(|d| d.as_of)).flatten())
            .max()
            .flatten();
        let Some(stated) = total.as_of(last_stated.or(total.latest().source.filed)) else { continue };
        let value = total.correction.as_ref().map_or(stated.source.value, |c| c.value);
        let (document, span) = (stated.source.document, stated.source.span);
        years.insert(fq.year, YearTotal { value, rounding: stated.source.rounding, document, span });
    }
    years
}

/// "--12-31", "--09-26".
fn fiscal_year_end(calendar: &FiscalCalendar) -> String {
    let (month, day) = calendar.year_end().unwrap_or((12, 31));
    format!("--{month:02}-{day:02}")
}

/// The quarters between a series' first and last point that have none.
fn gaps(
    points: &BTreeMap<FiscalQuarter, Point>,
    mut refused: BTreeMap<FiscalQuarter, String>,
    calendar: &FiscalCalendar,
) -> Vec<Gap> {
    let (Some(&first), Some(&last)) = (points.keys().next(), points.keys().next_back()) else { return Vec::new() };
    let mut gaps = Vec::new();
    let mut quarter = first;
    while quarter < last {
        if !points.contains_key(&quarter) {
            let reason = refused
                .remove(&quarter)
                .unwrap_or_else(|| "no open filing states it, nor the year-to-date figures to derive it".to_owned());
            gaps.push(Gap { quarter: calendar.quarter_label(quarter), reason });
        }
        quarter = quarter.next();
    }
    gaps
}

#[cfg(test)]
mod tests;
