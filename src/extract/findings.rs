//! The sink every extraction stage writes into, and the one place where a
//! figure a stage has read becomes a fact: its value in full units, its
//! rounding and its scale are computed here and nowhere else. A figure
//! that cannot be represented becomes a warning naming it, never a fact
//! with a wrapped value.

use rust_decimal::Decimal;

use super::footing::Footing;
use super::rules::ConceptRule;
use crate::amount::{half_unit, Amount, Scale};
use crate::fact::{Fact, Origin, Period, TableSource, Warning};

/// What a document's extraction found so far.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    pub facts: Vec<Fact>,
    pub warnings: Vec<Warning>,
    pub footings: Vec<Footing>,
}

/// How precise a reading is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// As printed: half the last printed digit, in the reading's scale.
    AsPrinted,
    /// Rounded to 10^n in full units (inline XBRL `decimals="-n"`).
    LastDigit(i32),
    /// Stated exactly (inline XBRL `decimals="INF"`).
    Exact,
}

/// A figure a stage has read and placed: a concept, a period, and where
/// it was printed. Its sign is final (a loss is negative).
#[derive(Clone, Debug)]
pub struct Reading<'r> {
    pub rule: &'r ConceptRule,
    pub label: String,
    pub period: Period,
    pub amount: Amount,
    /// The power of ten the printed figure is in.
    pub scale: Scale,
    pub precision: Precision,
    pub origin: Origin,
    /// Where the figure is printed; `None` when it is not shown as a figure
    /// of its own.
    pub span: Option<[usize; 2]>,
    pub text: String,
    pub column: String,
    pub note: Option<String>,
    pub dimensions: Vec<(String, String)>,
    pub table: Option<TableSource>,
}

impl Findings {
    pub fn warn(&mut self, message: impl Into<String>, span: Option<[usize; 2]>) {
        self.warnings.push(Warning { message: message.into(), span });
    }

    /// Records a reading as a fact; returns false (and warns) when its
    /// value or rounding cannot be represented.
    pub fn record(&mut self, reading: Reading) -> bool {
        let value = reading.amount.in_units(reading.scale);
        let rounding = match reading.precision {
            Precision::AsPrinted => reading.amount.rounding(reading.scale),
            Precision::LastDigit(power) => half_unit(power),
            Precision::Exact => Some(Decimal::ZERO),
        };
        let (Some(value), Some(rounding)) = (value, rounding) else {
            let message = format!(
                "{} {}: the figure is too large or too precise to represent in full units, so it is not taken",
                reading.label, reading.text
            );
            self.warn(message, reading.span);
            return false;
        };
        self.facts.push(Fact {
            concept: reading.rule.name.clone(),
            label: reading.label,
            period: reading.period,
            value: value.normalize(),
            unit: reading.rule.unit,
            origin: reading.origin,
            span: reading.span.unwrap_or([0, 0]),
            text: reading.text,
            column: reading.column,
            scale: reading.scale.recorded(),
            rounding,
            note: reading.note,
            dimensions: reading.dimensions,
            table: reading.table,
        });
        true
    }
}
