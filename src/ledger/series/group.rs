//! Grouping: each statement of a concept filed under the fiscal quarter
//! its period closes, as a quarter (three months, or a balance at the
//! quarter's end) or as a year-to-date figure (six, nine or twelve months
//! to the quarter's end) that a missing quarter can be derived from.

use std::collections::BTreeMap;

use super::{ConceptFacts, Source};
use crate::fact::Period;
use crate::fiscal::FiscalQuarter;
use crate::ledger::authority::Authority;

/// One statement of a figure: for which period, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Stated {
    pub period: Period,
    pub source: Source,
}

/// The statements of one concept, by fiscal quarter.
#[derive(Default)]
pub struct Grouped {
    pub quarters: BTreeMap<FiscalQuarter, Vec<Stated>>,
    pub year_to_date: BTreeMap<FiscalQuarter, Vec<Stated>>,
}

pub fn group(facts: &ConceptFacts) -> Grouped {
    let mut grouped = Grouped::default();
    for entry in &facts.entries {
        let fact = entry.fact;
        let Some(quarter) = facts.calendar.quarter_ending(fact.period.end()) else { continue };
        let source = Source {
            document: entry.document.to_owned(),
            filed: entry.filed,
            origin: fact.origin,
            authority: Authority::of(fact),
            value: fact.value,
            rounding: fact.rounding,
            span: fact.span,
            text: fact.text.clone(),
            label: fact.label.clone(),
        };
        let stated = Stated { period: fact.period, source };
        match fact.period.months() {
            0 | 3 => grouped.quarters.entry(quarter).or_default().push(stated),
            months if facts.additive && quarter.quarter > 1 && months == 3 * quarter.quarter => {
                grouped.year_to_date.entry(quarter).or_default().push(stated)
            }
            _ => {}
        }
    }
    grouped
}
