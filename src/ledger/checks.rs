//! The checks an analyst sees: a table's parts add up to its total, a
//! reported quarter agrees with the year-to-date figures around it (as
//! the filings of the derivation's basis state it), a year's four quarters
//! add up to the year, and, flagged for review, a
//! figure whose sign goes against its concept's nature or that jumps a
//! thousandfold from the quarter before (a scale read wrong).

use rust_decimal::Decimal;
use serde::Serialize;

use super::series::{agree, Point, Series};
use crate::extract::{ExtractedDocument, Rules};
use crate::fiscal::FiscalQuarter;

/// A quarter this many times larger (or smaller) than the one before, and
/// no more than `JUMP_HIGH` times, looks like a figure read in the wrong
/// scale (thousands for millions).
const JUMP_LOW: i64 = 500;
const JUMP_HIGH: i64 = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// Parts of a table section against its total row.
    Footing,
    /// A reported quarter against year-to-date minus the quarters before.
    Quarters,
    /// The four quarters of a fiscal year against the year.
    QuarterSum,
    /// A figure whose concept is never negative (revenue, an expense,
    /// cash) that is.
    Sign,
    /// A quarter about a thousand times the one before, or a thousandth.
    Jump,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    pub kind: CheckKind,
    pub passes: bool,
    pub description: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub expected: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub actual: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<[usize; 2]>,
}

pub fn footing_checks(documents: &[ExtractedDocument]) -> impl Iterator<Item = Check> + '_ {
    documents.iter().flat_map(|d| {
        d.footings.iter().map(|f| Check {
            kind: CheckKind::Footing,
            passes: f.adds_up,
            description: format!("{} = {} ({})", f.total_name(), f.parts.join(" + "), f.column),
            expected: f.total,
            actual: f.sum,
            document: Some(d.document.name.clone()),
            span: Some(f.span),
        })
    })
}

/// Where a point's value was stated, for a check to point at.
fn stated_at(point: &Point) -> (Option<String>, Option<[usize; 2]>) {
    point.sources.first().map_or((None, None), |s| (Some(s.document.clone()), Some(s.span)))
}

pub fn quarter_checks(series: &[Series]) -> impl Iterator<Item = Check> + '_ {
    series.iter().flat_map(|s| {
        s.points.iter().filter_map(move |p| {
            let derivation = p.derivation.as_ref()?;
            let reported = p.stated_as_of(derivation.as_of)?;
            Some(Check {
                kind: CheckKind::Quarters,
                passes: agree(reported.value, reported.rounding, derivation.value, derivation.rounding),
                description: format!("{} {} {}: reported = {}", s.company, s.concept, p.quarter, derivation.formula),
                expected: reported.value,
                actual: derivation.value,
                document: Some(reported.document.clone()),
                span: Some(reported.span),
            })
        })
    })
}

/// Q1 + Q2 + Q3 + Q4 against the fiscal year, for flows, where the year
/// and all four quarters are known and Q4 was not itself derived from the
/// year (which would make the check say nothing).
pub fn year_checks(series: &[Series]) -> impl Iterator<Item = Check> + '_ {
    series.iter().flat_map(|s| {
        s.years.iter().filter_map(move |(&year, total)| {
            let quarters: Vec<&Point> = (1..=4)
                .map(|quarter| s.points.iter().find(|p| p.fiscal_quarter == FiscalQuarter { year, quarter }))
                .collect::<Option<_>>()?;
            if quarters[3].sources.is_empty() && quarters[3].correction.is_none() {
                return None;
            }
            let sum: Decimal = quarters.iter().map(|p| p.value).sum();
            let rounding = quarters.iter().map(|p| p.sources.first().map_or(Decimal::ZERO, |s| s.rounding)).sum();
            let names: Vec<&str> = quarters.iter().map(|p| p.quarter.as_str()).collect();
            Some(Check {
                kind: CheckKind::QuarterSum,
                passes: agree(total.value, total.rounding, sum, rounding),
                description: format!("{} {} fiscal year {year} = {}", s.company, s.concept, names.join(" + ")),
                expected: total.value,
                actual: sum,
                document: Some(total.document.clone()),
                span: Some(total.span),
            })
        })
    })
}

/// Figures to review: a negative value of a concept that is never
/// negative, and a thousandfold jump between adjacent quarters. Only
/// what fails is listed.
pub fn review_checks<'s>(series: &'s [Series], rules: &'s Rules) -> impl Iterator<Item = Check> + 's {
    series.iter().flat_map(move |s| {
        let never_negative = rules.concept(&s.concept).is_some_and(|r| r.never_negative());
        let signs = s.points.iter().filter(move |p| never_negative && p.value.is_sign_negative()).map(move |p| {
            let (document, span) = stated_at(p);
            Check {
                kind: CheckKind::Sign,
                passes: false,
                description: format!(
                    "{} {} {}: negative, which this concept never is",
                    s.company, s.concept, p.quarter
                ),
                expected: Decimal::ZERO,
                actual: p.value,
                document,
                span,
            }
        });
        let jumps = s.points.windows(2).filter_map(move |pair| {
            let (before, after) = (&pair[0], &pair[1]);
            let adjacent = before.fiscal_quarter.next() == after.fiscal_quarter;
            (adjacent && is_scale_jump(before.value, after.value)).then(|| {
                let (document, span) = stated_at(after);
                Check {
                    kind: CheckKind::Jump,
                    passes: false,
                    description: format!(
                        "{} {} {}: about a thousand times {} (or a thousandth); is its scale right?",
                        s.company, s.concept, after.quarter, before.quarter
                    ),
                    expected: before.value,
                    actual: after.value,
                    document,
                    span,
                }
            })
        });
        signs.chain(jumps)
    })
}

/// Two figures of one sign, one between 500 and 2,000 times the other.
fn is_scale_jump(a: Decimal, b: Decimal) -> bool {
    if a.is_zero() || b.is_zero() || a.is_sign_negative() != b.is_sign_negative() {
        return false;
    }
    let (small, large) = if a.abs() < b.abs() { (a.abs(), b.abs()) } else { (b.abs(), a.abs()) };
    let ratio = large.checked_div(small).unwrap_or(Decimal::MAX);
    ratio >= Decimal::from(JUMP_LOW) && ratio <= Decimal::from(JUMP_HIGH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thousandfold_jump_is_a_scale_read_wrong() {
        assert!(is_scale_jump(Decimal::from(7_321), Decimal::from(7_500_000)));
        assert!(is_scale_jump(Decimal::from(-7_321_000), Decimal::from(-7_400)));
        assert!(!is_scale_jump(Decimal::from(7_321), Decimal::from(9_000)), "ordinary growth");
        assert!(!is_scale_jump(Decimal::from(-10), Decimal::from(9_000)), "a loss turning to profit");
        assert!(!is_scale_jump(Decimal::ZERO, Decimal::from(9_000)));
    }
}
