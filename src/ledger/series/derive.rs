//! Deriving: a quarter no filing states, from the year-to-date figures
//! that surround it (Q2 = six months − Q1, Q3 = nine months − six, Q4 =
//! year − nine months). Both operands must be of one basis: as restated
//! when both were restated (or the unrestated one was stated again after
//! the restatement), as first reported when the restatement came after
//! the other operand was last stated. A derivation that would mix the
//! two is not made, and the missing quarter says why.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::group::Stated;
use super::reconcile::Reconciled;
use super::{agree, Correction, Derivation, Point, Status};
use crate::fact::Period;
use crate::fiscal::{FiscalCalendar, FiscalQuarter};

/// One figure a derivation subtracts, with where it was stated.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Operand {
    /// "6 months ended 2006-06-30", "Q1 2006".
    pub description: String,
    pub period: Period,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub value: rust_decimal::Decimal,
    pub document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filed: Option<NaiveDate>,
    /// "as reported", "as restated", or "as reported before a later
    /// restatement".
    pub basis: String,
    /// The analyst's value stands in for the filings'.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub corrected: bool,
}

/// The rounding of a point's value: its best source's.
fn rounding_of(point: &Point) -> rust_decimal::Decimal {
    point.sources.first().map_or(rust_decimal::Decimal::ZERO, |s| s.rounding)
}

/// A quarter derived from two year-to-date figures.
pub struct Derived {
    pub period: Period,
    pub derivation: Derivation,
}

impl Derived {
    /// Attaches the derivation to a quarter the filings state. Where the
    /// analyst corrected one of its figures and it no longer agrees with
    /// the stated value, the quarter is in conflict.
    pub fn check(self, point: &mut Point) {
        let disagrees = !agree(point.value, rounding_of(point), self.derivation.value, self.derivation.rounding);
        if disagrees && point.status == Status::Reported && self.derivation.operands.iter().any(|o| o.corrected) {
            point.status = Status::Conflict;
        }
        point.derivation = Some(self.derivation);
    }

    pub fn point(self, quarter: FiscalQuarter, label: String, correction: Option<Correction>) -> Point {
        Point {
            quarter: label,
            fiscal_quarter: quarter,
            period: self.period,
            value: correction.as_ref().map_or(self.derivation.value, |c| c.value),
            status: if correction.is_some() { Status::Corrected } else { Status::Derived },
            sources: Vec::new(),
            first_reported: None,
            derivation: Some(self.derivation),
            correction,
        }
    }
}

/// Derives a quarter from the year-to-date figure `total` ending on it and
/// the figure for the quarters before it; or says why it cannot.
pub fn derive(
    quarter: FiscalQuarter,
    total: &Reconciled,
    quarters: &BTreeMap<FiscalQuarter, Reconciled>,
    year_to_date: &BTreeMap<FiscalQuarter, Reconciled>,
    calendar: &FiscalCalendar,
) -> Result<Derived, String> {
    let earlier = quarter.previous().ok_or("the first quarter has no year-to-date figure before it")?;
    let before = if earlier.quarter == 1 { quarters.get(&earlier) } else { year_to_date.get(&earlier) };
    let before =
        before.ok_or_else(|| format!("not derived: no filing states {}", describe_wanted(earlier, calendar)))?;
    let unsettled = |r: &Reconciled| r.status == Status::Conflict && r.correction.is_none();
    if unsettled(total) || unsettled(before) {
        return Err("not derived: the figures it would come from are in conflict".to_owned());
    }
    let (total_stated, before_stated, as_of, basis) = basis(total, before)?;
    let operand = |reconciled: &Reconciled, stated: &Stated, of: FiscalQuarter| Operand {
        description: describe(&stated.period, of, calendar),
        period: stated.period,
        value: reconciled.correction.as_ref().map_or(stated.source.value, |c| c.value),
        document: stated.source.document.clone(),
        filed: stated.source.filed,
        basis: basis.clone(),
        corrected: reconciled.correction.is_some(),
    };
    let operands = vec![operand(total, &total_stated, quarter), operand(before, &before_stated, earlier)];
    let value = operands[0]
        .value
        .checked_sub(operands[1].value)
        .ok_or("not derived: the difference is too large to represent")?;
    let rounding = total_stated.source.rounding + before_stated.source.rounding;
    let start = before_stated.period.end().succ_opt().ok_or("not derived: no day after the earlier period")?;
    let period = Period::Duration { start, end: total_stated.period.end() };
    let formula = format!(
        "{} ({}) - {} ({})",
        operands[0].description, operands[0].value, operands[1].description, operands[1].value
    );
    Ok(Derived { period, derivation: Derivation { formula, value, rounding, as_of, operands } })
}

/// The two figures to subtract, of one basis, the date of that basis
/// and its name: as the latest filings state them unless one of the two
/// reflects a restatement the other may predate; then as the filings made
/// before that restatement stated them. An undated statement cannot be
/// placed before or after a restatement, so a restated pair with one is
/// not derived.
fn basis(total: &Reconciled, before: &Reconciled) -> Result<(Stated, Stated, Option<NaiveDate>, String), String> {
    let restated = total.is_restated() || before.is_restated();
    if restated && (total.has_undated() || before.has_undated()) {
        return Err("not derived: one of its figures was restated and a filing stating the other gives no date, so \
                    the two cannot be matched to one basis"
            .to_owned());
    }
    let mut dates: Vec<Option<NaiveDate>> = total.vintages.iter().chain(&before.vintages).map(|v| v.filed).collect();
    dates.sort_unstable_by(|a, b| b.cmp(a));
    dates.dedup();
    for (at, &date) in dates.iter().enumerate() {
        let (Some(total_stated), Some(before_stated)) = (total.as_of(date), before.as_of(date)) else { continue };
        let (t, b) = (total_stated.source.filed, before_stated.source.filed);
        if mixes(total, t, before, b) || mixes(before, b, total, t) {
            continue;
        }
        let basis = match (restated, at) {
            (false, _) => "as reported".to_owned(),
            (true, 0) => "as restated".to_owned(),
            (true, _) => "as reported before a later restatement".to_owned(),
        };
        return Ok((total_stated, before_stated, date, basis));
    }
    Err(format!(
        "not derived: {} and {} state its figures on different bases (one was restated after the other was last \
         stated)",
        total.latest().source.document,
        before.latest().source.document
    ))
}

/// True when `one`, as stated on `one_filed`, reflects a restatement that
/// `other`, as stated on `other_filed`, may predate: the restatement could
/// have come after `other_filed`, and `other` as stated reflects no
/// restatement of its own made in the same span of time (the same event
/// seen in both).
fn mixes(one: &Reconciled, one_filed: Option<NaiveDate>, other: &Reconciled, other_filed: Option<NaiveDate>) -> bool {
    let others = other.restatements();
    one.restatements().into_iter().any(|(after, by)| {
        let same_event = |&(other_after, other_by): &(Option<NaiveDate>, Option<NaiveDate>)| {
            other_by <= other_filed && other_after < by && after < other_by
        };
        by <= one_filed && other_filed < by && !others.iter().any(same_event)
    })
}

fn describe(period: &Period, quarter: FiscalQuarter, calendar: &FiscalCalendar) -> String {
    match period.months() {
        3 => calendar.quarter_label(quarter),
        12 => format!("year ended {}", period.end()),
        months => format!("{months} months ended {}", period.end()),
    }
}

fn describe_wanted(quarter: FiscalQuarter, calendar: &FiscalCalendar) -> String {
    match quarter.quarter {
        1 => calendar.quarter_label(quarter),
        q => format!("the {} months to the end of {}", 3 * q, calendar.quarter_label(quarter)),
    }
}
