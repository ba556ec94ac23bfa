//! Footings: the parts of a table section should add up to its total
//! (General and administrative + Research and development + Acquired
//! in-process R&D = Total operating expenses). A footing that fails points
//! the analyst at a misread number or a typo in the filing.

use rust_decimal::Decimal;
use serde::Serialize;

use super::period::Column;
use super::rules::{normalize_label, Rules};
use crate::ingest::text_table::{CellContent, RowKind, TextTable};

/// One column of one section checked against its total row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Footing {
    /// The section's heading as printed, without its colon.
    pub section: String,
    /// The total row's label; empty for a total row with no label.
    pub total_label: String,
    pub column: String,
    pub parts: Vec<String>,
    /// Sum of the parts, as printed (before the table's scale).
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub sum: Decimal,
    /// The total as printed.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub total: Decimal,
    /// Span of the total's printed value.
    pub span: [usize; 2],
    pub adds_up: bool,
}

impl Footing {
    /// True for a section's total that names no concept of its own: a row
    /// with no label, or labelled just "Total".
    pub fn is_section_total(&self) -> bool {
        is_bare_total(&self.total_label)
    }

    /// How the total is called in a check or a note.
    pub fn total_name(&self) -> String {
        if self.total_label.is_empty() {
            format!("Unlabeled total of {}", self.section)
        } else {
            self.total_label.clone()
        }
    }
}

/// Checks every section that opens with a heading ending in ':' and closes
/// with a row labelled "Total …" that names the section ("Operating
/// expenses:" … "Total operating expenses"), and every section whose
/// heading a concept lists under `sections` that closes with a row of
/// figures and no label (the filing's own total, printed under a rule) and
/// adds up in at least one column.
/// Columns of changes or percentages (`Column::Comparison`) are never
/// footed: their parts need not add up.
/// Sections without such a heading (the "selected data" of a press release
/// lists only some lines), and totals that reach beyond their section
/// ("Total costs and expenses" including cost of sales printed above the
/// heading), are not checked.
pub fn footings(table: &TextTable, columns: &[Column], rules: &Rules) -> Vec<Footing> {
    let mut found = Vec::new();
    let rows = &table.rows;
    for (h, heading) in rows.iter().enumerate() {
        if heading.kind != RowKind::Heading {
            continue;
        }
        let section = &rows[h + 1..];
        let Some(total_at) = section.iter().position(|r| {
            r.kind == RowKind::Heading
                || (r.kind == RowKind::Values && (r.label.is_empty() || r.label.to_lowercase().starts_with("total")))
        }) else {
            continue;
        };
        let total = &section[total_at];
        let parts: Vec<_> = section[..total_at].iter().filter(|r| r.kind == RowKind::Values).collect();
        let section_name = normalize_label(&heading.label);
        let closes_its_section = if is_bare_total(&total.label) {
            rules.lists_section(&section_name)
        } else {
            heading.label.ends_with(':') && normalize_label(&total.label).contains(&section_name)
        };
        if total.kind != RowKind::Values || parts.len() < 2 || !closes_its_section {
            continue;
        }
        let mut section_footings = Vec::new();
        for (c, column) in table.columns.iter().enumerate() {
            if matches!(columns.get(c), Some(Column::Comparison)) {
                continue;
            }
            let Some(total_cell) = &total.cells[c] else { continue };
            let CellContent::Amount(total_amount) = total_cell.content else { continue };
            let sum: Decimal = parts
                .iter()
                .filter_map(|r| match r.cells[c].as_ref().map(|cell| cell.content) {
                    Some(CellContent::Amount(a)) => Some(a.value),
                    _ => None,
                })
                .sum();
            let last_digit = Decimal::new(1, total_amount.decimals);
            let tolerance = last_digit * Decimal::from(parts.len()) / Decimal::TWO;
            section_footings.push(Footing {
                section: heading.label.trim_end_matches(':').trim().to_owned(),
                total_label: total.label.clone(),
                column: column.heading.clone(),
                parts: parts.iter().map(|r| r.label.clone()).collect(),
                sum,
                total: total_amount.value,
                span: [total_cell.span.start, total_cell.span.end],
                adds_up: (sum - total_amount.value).abs() <= tolerance,
            });
        }
        // A row with no label that adds up in no column is likely not the
        // section's total at all (a row that runs on past the section), so
        // it raises no alarm; one that adds up somewhere is, and its other
        // columns are checked.
        let unlabeled_and_adds_up_nowhere = total.label.is_empty() && section_footings.iter().all(|f| !f.adds_up);
        if !unlabeled_and_adds_up_nowhere {
            found.extend(section_footings);
        }
    }
    found
}

/// A total row that names no concept of its own: no label, or "Total".
fn is_bare_total(label: &str) -> bool {
    label.is_empty() || normalize_label(label) == "total"
}
