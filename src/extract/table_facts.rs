//! Facts from text tables: a row whose label names a concept, in a column
//! whose heading states a period, gives one fact per cell. A row with no
//! label that closes a section ("Operating expenses:" … its unlabeled
//! total) gives the section's concept, but only in columns where its parts
//! were checked to add up to it.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::footing::Footing;
use super::period::heading_period;
use super::rules::{normalize_label, ConceptRule, PeriodKind, Rules};
use super::scale::scale_of;
use crate::fact::{Fact, Origin, Period, Warning};
use crate::format::filing_style;
use crate::ingest::text_table::{Cell, CellContent, RowKind, TextTable};
use crate::ingest::Document;

/// `known_headings` keeps the period of every column heading read so far
/// in the document: a report repeats its few headings over many tables.
pub fn table_facts(
    document: &Document,
    table: &TextTable,
    rules: &Rules,
    footings: &[Footing],
    known_headings: &mut HashMap<String, Option<Period>>,
    facts: &mut Vec<Fact>,
    warnings: &mut Vec<Warning>,
) {
    let scale = scale_of(table.context_lines.iter().map(|&l| document.lines.line(&document.text, l))).unwrap_or(0);
    let periods: Vec<Option<Period>> = table
        .columns
        .iter()
        .map(|c| match known_headings.get(&c.heading) {
            Some(&period) => period,
            None => *known_headings.entry(c.heading.clone()).or_insert_with(|| heading_period(&c.heading)),
        })
        .collect();
    for row in table.rows.iter().filter(|r| r.kind == RowKind::Values) {
        let section_total = |cell: &Cell| {
            footings.iter().find(|f| f.total_label.is_empty() && f.span == [cell.span.start, cell.span.end])
        };
        // An unlabeled section total is labelled by its section's heading.
        let (shown_label, label, rule) = if row.label.is_empty() {
            let Some(section) = row.cells.iter().flatten().find_map(section_total).map(|f| f.section.clone()) else {
                continue;
            };
            let label = normalize_label(&section);
            let rule = rules.concept_for_section(&label);
            (section, label, rule)
        } else {
            let label = normalize_label(&row.label);
            let rule = rules.concept_for_label(&label);
            (row.label.clone(), label, rule)
        };
        let Some(rule) = rule else { continue };
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
                    .push(Warning::at(format!("{shown_label} {}: {why}, so the value is not taken", cell.text), span));
                continue;
            };
            if !period_fits(rule, &period) {
                continue;
            }
            let mut checked_total = None;
            if row.label.is_empty() {
                let Some(footing) = section_total(cell) else { continue };
                let Some(note) = section_total_note(footing, cell, rule, warnings) else { continue };
                checked_total = Some(note);
            }
            let applied_scale = if rule.unit.takes_table_scale() { scale } else { 0 };
            let factor = Decimal::from(10u64.pow(applied_scale));
            let (value, sign_note) = signed(rule, &label, printed * factor, printed_negative);
            let note = match (checked_total, sign_note) {
                (Some(total), Some(sign)) => Some(format!("{total}; {sign}")),
                (total, sign) => total.or(sign),
            };
            facts.push(Fact {
                concept: rule.name.clone(),
                label: shown_label.clone(),
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

/// For a cell of an unlabeled total row: the provenance note when the rows
/// above it add up to it, or else a warning on the cell and `None`.
fn section_total_note(
    footing: &Footing,
    cell: &Cell,
    rule: &ConceptRule,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    if !footing.adds_up {
        let sum = filing_style(footing.sum, 0);
        let message = format!(
            "{} {}: its parts add up to {sum}, so it is not taken as {}",
            footing.total_name(),
            cell.text,
            rule.title
        );
        warnings.push(Warning::at(message, footing.span));
        return None;
    }
    Some(format!(
        "the unlabeled total row under the heading {:?}, taken because the {} rows above it add up to it ({})",
        footing.section,
        footing.parts.len(),
        footing.parts.join(" + ")
    ))
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
