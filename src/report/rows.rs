//! The CSV rows of the facts and of the series, each from one derive so
//! that a header and its values cannot drift apart. Units, origins and
//! statuses are named as the JSON names them.

use serde::Serialize;

use super::DocumentReport;
use crate::fact::{Fact, Origin, Period, TableRole, Unit};
use crate::ledger::{Point, Series, Status};

#[derive(Serialize)]
pub struct FactRow<'a> {
    file: &'a str,
    document: &'a str,
    company: &'a str,
    form: &'a str,
    concept: &'a str,
    label: &'a str,
    start: String,
    end: String,
    instant: String,
    value: String,
    unit: Unit,
    origin: Origin,
    span_start: usize,
    span_end: usize,
    text: &'a str,
    column: &'a str,
    scale: u32,
    rounding: String,
    /// "axis=member" pairs of a fact about a part of the company.
    dimensions: String,
    table_role: Option<TableRole>,
    table_title: &'a str,
}

impl<'a> FactRow<'a> {
    pub fn new(document: &'a DocumentReport, fact: &'a Fact) -> FactRow<'a> {
        let [start, end, instant] = period_columns(&fact.period);
        FactRow {
            file: &document.file,
            document: &document.document,
            company: document.company.as_deref().unwrap_or(""),
            form: document.form.as_deref().unwrap_or(""),
            concept: &fact.concept,
            label: &fact.label,
            start,
            end,
            instant,
            value: fact.value.to_string(),
            unit: fact.unit,
            origin: fact.origin,
            span_start: fact.span[0],
            span_end: fact.span[1],
            text: &fact.text,
            column: &fact.column,
            scale: fact.scale,
            rounding: fact.rounding.to_string(),
            dimensions: fact
                .dimensions
                .iter()
                .map(|(axis, member)| format!("{axis}={member}"))
                .collect::<Vec<_>>()
                .join("; "),
            table_role: fact.table.as_ref().map(|t| t.role),
            table_title: fact.table.as_ref().map_or("", |t| t.title.as_str()),
        }
    }
}

#[derive(Serialize)]
pub struct PointRow<'a> {
    company: &'a str,
    concept: &'a str,
    quarter: &'a str,
    start: String,
    end: String,
    instant: String,
    value: String,
    status: Status,
    /// A restated quarter's value as first reported.
    first_reported: String,
    original: String,
    note: String,
    sources: String,
    derivation: String,
}

impl<'a> PointRow<'a> {
    pub fn new(series: &'a Series, point: &'a Point) -> PointRow<'a> {
        let [start, end, instant] = period_columns(&point.period);
        let correction = point.correction.as_ref();
        let sources: Vec<String> =
            point.sources.iter().map(|s| format!("{} {} {}", s.document, s.authority.label(), s.text)).collect();
        PointRow {
            company: &series.company,
            concept: &series.concept,
            quarter: &point.quarter,
            start,
            end,
            instant,
            value: point.value.to_string(),
            status: point.status,
            first_reported: point.first_reported.as_ref().map(|f| f.value.to_string()).unwrap_or_default(),
            original: correction.and_then(|c| c.original).map(|o| o.to_string()).unwrap_or_default(),
            note: correction.and_then(|c| c.note.clone()).unwrap_or_default(),
            sources: sources.join("; "),
            derivation: point.derivation.as_ref().map(|d| d.formula.clone()).unwrap_or_default(),
        }
    }
}

/// A period as CSV columns: start, end, instant (the unused ones empty).
fn period_columns(period: &Period) -> [String; 3] {
    match period {
        Period::Duration { start, end } => [start.to_string(), end.to_string(), String::new()],
        Period::Instant { instant } => [String::new(), String::new(), instant.to_string()],
    }
}
