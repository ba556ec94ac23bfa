//! Reconciling: the statements of one period, however many filings and
//! places make them, become one value. Statements that agree within their
//! printed rounding are one value with all their sources (the most
//! precise gives the figure). Within one filing the highest-ranking
//! source gives the value, and only sources of that rank that disagree
//! are a conflict. A later filing that states another value restates the
//! period: the latest value is shown, the first kept.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::group::Stated;
use super::{agree, Correction, FirstReported, Point, Source, Status};
use crate::fact::Period;
use crate::fiscal::FiscalQuarter;

/// What one filing (one filing date) says of a period.
#[derive(Clone, Debug)]
pub struct Vintage {
    pub filed: Option<NaiveDate>,
    /// The filing's best statement: the highest rank, then the most precise.
    pub best: Stated,
    /// Sources of the best one's rank that disagree with it.
    pub in_conflict: bool,
}

/// The statements of one period, settled.
#[derive(Clone, Debug)]
pub struct Reconciled {
    pub period: Period,
    pub value: Decimal,
    pub status: Status,
    /// Every statement, best first.
    pub sources: Vec<(Source, Period)>,
    /// The filings, oldest first.
    pub vintages: Vec<Vintage>,
    /// The analyst's value for the period, over all of them.
    pub correction: Option<Correction>,
}

pub fn reconcile(mut stated: Vec<Stated>) -> Reconciled {
    stated.sort_by(|a, b| {
        (a.source.filed, std::cmp::Reverse(a.source.authority), a.source.rounding).cmp(&(
            b.source.filed,
            std::cmp::Reverse(b.source.authority),
            b.source.rounding,
        ))
    });
    let mut vintages: Vec<Vintage> = Vec::new();
    for group in stated.chunk_by(|a, b| a.source.filed == b.source.filed) {
        let best = &group[0];
        let in_conflict = group
            .iter()
            .any(|s| s.source.authority == best.source.authority && !agree_sources(&s.source, &best.source));
        vintages.push(Vintage { filed: best.source.filed, best: best.clone(), in_conflict });
    }
    let latest = vintages.last().expect("a period has at least one statement");
    let status = if latest.in_conflict {
        Status::Conflict
    } else if vintages.iter().any(|v| !agree_sources(&v.best.source, &latest.best.source)) {
        Status::Restated
    } else {
        Status::Reported
    };
    let shown = if status == Status::Conflict {
        latest.best.clone()
    } else {
        let agreeing = stated.iter().filter(|s| agree_sources(&s.source, &latest.best.source));
        agreeing
            .min_by(|a, b| a.source.rounding.cmp(&b.source.rounding).then(b.source.filed.cmp(&a.source.filed)))
            .cloned()
            .unwrap_or_else(|| latest.best.clone())
    };
    stated.sort_by(|a, b| {
        (std::cmp::Reverse(a.source.authority), std::cmp::Reverse(a.source.filed), a.source.rounding).cmp(&(
            std::cmp::Reverse(b.source.authority),
            std::cmp::Reverse(b.source.filed),
            b.source.rounding,
        ))
    });
    Reconciled {
        period: shown.period,
        value: shown.source.value,
        status,
        sources: stated.into_iter().map(|s| (s.source, s.period)).collect(),
        vintages,
        correction: None,
    }
}

fn agree_sources(a: &Source, b: &Source) -> bool {
    agree(a.value, a.rounding, b.value, b.rounding)
}

impl Reconciled {
    /// True when a later filing stated another value than an earlier one.
    pub fn is_restated(&self) -> bool {
        self.vintages.windows(2).any(|pair| !agree_sources(&pair[0].best.source, &pair[1].best.source))
    }

    /// Each restatement, as the span of time it happened in: after the
    /// last filing that stated the old value, no later than the first that
    /// stated the new one.
    pub fn restatements(&self) -> Vec<(Option<NaiveDate>, Option<NaiveDate>)> {
        self.vintages
            .windows(2)
            .filter(|pair| !agree_sources(&pair[0].best.source, &pair[1].best.source))
            .map(|pair| (pair[0].filed, pair[1].filed))
            .collect()
    }

    /// What the filings made up to a date said: the latest filing's
    /// value, in the most precise of the statements up to then that agree
    /// with it ("$43.1 million" in a later release stands for the 43,087
    /// printed before).
    pub fn as_of(&self, date: Option<NaiveDate>) -> Option<Stated> {
        let latest = &self.vintages.iter().rev().find(|v| v.filed <= date)?.best;
        let agreeing = self.sources.iter().filter(|(s, _)| s.filed <= date && agree_sources(s, &latest.source));
        let (source, period) =
            agreeing.min_by(|a, b| a.0.rounding.cmp(&b.0.rounding).then(b.0.filed.cmp(&a.0.filed)))?;
        Some(Stated { period: *period, source: source.clone() })
    }

    /// True when some filing stating the period gives no date.
    pub fn has_undated(&self) -> bool {
        self.vintages.iter().any(|v| v.filed.is_none())
    }

    /// The value as first reported.
    pub fn first(&self) -> &Stated {
        &self.vintages[0].best
    }

    /// The value as last reported.
    pub fn latest(&self) -> &Stated {
        &self.vintages.last().expect("a period has at least one statement").best
    }

    /// The point this period makes in a series.
    pub fn point(&self, quarter: FiscalQuarter, label: String) -> Point {
        let correction = self.correction.clone();
        let first_reported = (self.status == Status::Restated).then(|| {
            let first = &self.first().source;
            let sources = self
                .sources
                .iter()
                .filter(|(s, _)| s.filed == first.filed && agree_sources(s, first))
                .map(|(s, _)| s.clone())
                .collect();
            FirstReported { value: first.value, sources }
        });
        let status = match (&correction, self.status) {
            (None, status) => status,
            (Some(c), Status::Conflict) if self.sources.iter().any(|(s, _)| s.value == c.value) => Status::Resolved,
            (Some(_), _) => Status::Corrected,
        };
        Point {
            quarter: label,
            fiscal_quarter: quarter,
            period: self.period,
            value: correction.as_ref().map_or(self.value, |c| c.value),
            status,
            sources: self.sources.iter().map(|(s, _)| s.clone()).collect(),
            first_reported,
            derivation: None,
            correction,
        }
    }
}
