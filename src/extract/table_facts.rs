//! Facts from text tables: a row whose label names a concept, in a column
//! whose heading states a period, gives one fact per cell.

use rust_decimal::Decimal;

use super::period::heading_period;
use super::rules::{normalize_label, ConceptRule, PeriodKind, Rules};
use super::scale::scale_of;
use crate::fact::{Fact, Origin, Period, Warning};
use crate::ingest::text_table::{CellContent, RowKind, TextTable};
use crate::ingest::Document;

pub fn table_facts(
    document: &Document,
    table: &TextTable,
    rules: &Rules,
    facts: &mut Vec<Fact>,
    warnings: &mut Vec<Warning>,
) {
    let scale = scale_of(table.context_lines.iter().map(|&l| document.lines.line(&document.text, l))).unwrap_or(0);
    let periods: Vec<Option<Period>> = table.columns.iter().map(|c| heading_period(&c.heading)).collect();
    for row in table.rows.iter().filter(|r| r.kind == RowKind::Values) {
        let label = normalize_label(&row.label);
        let Some(rule) = rules.concept_for_label(&label) else { continue };
        let printed_negative = row
            .cells
            .iter()
            .flatten()
            .filter_map(|c| match c.content {
                CellContent::Amount(a) => Some(a.value),
                CellContent::Nil => None,
            })
            .all(|v| v < Decimal::ZERO);
        for (c, cell) in row.cells.iter().enumerate() {
            let Some(cell) = cell else { continue };
            let span = [cell.span.start, cell.span.end];
            let (printed, decimals) = match cell.content {
                CellContent::Amount(a) if a.percent => continue,
                CellContent::Amount(a) => (a.value, a.decimals),
                CellContent::Nil => (Decimal::ZERO, 0),
            };
            let Some(period) = periods[c] else {
                let heading = &table.columns[c].heading;
                let why = if heading.is_empty() {
                    "its column has no heading that states a period".to_owned()
                } else {
                    format!("its column heading {heading:?} states no period")
                };
                warnings
                    .push(Warning::at(format!("{} {}: {why}, so the value is not taken", row.label, cell.text), span));
                continue;
            };
            if !period_fits(rule, &period) {
                continue;
            }
            let applied_scale = if rule.unit.takes_table_scale() { scale } else { 0 };
            let factor = Decimal::from(10u64.pow(applied_scale));
            let (value, note) = signed(rule, &label, printed * factor, printed_negative);
            facts.push(Fact {
                concept: rule.name.clone(),
                label: row.label.clone(),
                period,
                value: value.normalize(),
                unit: rule.unit,
                origin: Origin::Table,
                span,
                text: cell.text.clone(),
                column: table.columns[c].heading.clone(),
                scale: applied_scale,
                rounding: (factor * Decimal::new(5, decimals + 1)).normalize(),
                note,
                dimensions: Vec::new(),
            });
        }
    }
}

fn period_fits(rule: &ConceptRule, period: &Period) -> bool {
    match rule.period {
        PeriodKind::Instant => period.is_instant(),
        PeriodKind::Duration => !period.is_instant(),
    }
}

/// Applies the sign conventions: a "Net loss" or "deficit" printed without
/// parentheses is negative; an expense row printed wholly in parentheses
/// is positive.
fn signed(rule: &ConceptRule, label: &str, value: Decimal, row_printed_negative: bool) -> (Decimal, Option<String>) {
    if rule.label_is_negative(label) && value > Decimal::ZERO {
        return (
            -value,
            Some(format!("printed without a sign; negative because the label {label:?} names a loss or deficit")),
        );
    }
    if rule.positive && row_printed_negative && value < Decimal::ZERO {
        return (-value, Some("printed in parentheses; expenses are recorded as positive amounts".to_owned()));
    }
    (value, None)
}
