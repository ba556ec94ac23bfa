//! Facts from inline XBRL: each `ix:nonFraction` whose concept Exhibit
//! knows, with its context's period, its scale, sign and stated precision.
//! They are the document's authoritative figures; a table cell that shows a
//! different number than its tag is reported.

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::rules::Rules;
use crate::fact::{Fact, Origin, Period, Warning};
use crate::ingest::HtmlStructure;

pub fn ixbrl_facts(structure: &HtmlStructure, rules: &Rules, facts: &mut Vec<Fact>, warnings: &mut Vec<Warning>) {
    for tag in &structure.tagged {
        let local = tag.name.rsplit(':').next().unwrap_or(&tag.name);
        let Some(rule) = rules.concept(local) else { continue };
        let span = tag.span.as_ref().map(|s| [s.start, s.end]);
        let at = |message: String| match span {
            Some(span) => Warning::at(message, span),
            None => Warning::new(message),
        };
        let Some(context) = structure.contexts.get(&tag.context) else {
            warnings
                .push(at(format!("{} {}: its context {:?} is not in the document", tag.name, tag.text, tag.context)));
            continue;
        };
        let Some(period) = context.period else {
            warnings.push(at(format!("{} {}: its context {:?} states no period", tag.name, tag.text, tag.context)));
            continue;
        };
        let Some(shown) = read_number(&tag.text, tag.format.as_deref()) else {
            warnings
                .push(at(format!("{} {:?} cannot be read as a number in format {:?}", tag.name, tag.text, tag.format)));
            continue;
        };
        let scale = tag.scale.clamp(-20, 20);
        let factor = if scale >= 0 { Decimal::from(10u64.pow(scale as u32)) } else { Decimal::new(1, (-scale) as u32) };
        let magnitude = shown.abs() * factor;
        let value = if tag.negative { -magnitude } else { magnitude };
        let rounding = match tag.decimals.as_deref().map(str::trim) {
            Some("INF") | Some("inf") => Decimal::ZERO,
            Some(d) => match d.parse::<i32>() {
                Ok(d) if d >= 0 => Decimal::new(5, d as u32 + 1),
                Ok(d) => Decimal::from(5) * Decimal::from(10u64.pow((-d - 1).clamp(0, 18) as u32)),
                Err(_) => Decimal::ZERO,
            },
            None => Decimal::ZERO,
        };
        let note = span.is_none().then(|| {
            "not shown as a figure of its own (hidden in the filing, or inside a table cell that is not one \
             figure), so it has no place in the text"
                .to_owned()
        });
        facts.push(Fact {
            concept: rule.name.clone(),
            label: tag.row_label.clone().unwrap_or_else(|| rule.title.clone()),
            period,
            value: value.normalize(),
            unit: rule.unit,
            origin: Origin::Ixbrl,
            span: span.unwrap_or([0, 0]),
            text: tag.text.clone(),
            column: tag.column_heading.clone().unwrap_or_else(|| tag.context.clone()),
            scale: scale.max(0) as u32,
            rounding: rounding.normalize(),
            note,
            dimensions: context.dimensions.clone(),
        });
    }
}

/// A number as an inline XBRL format shows it: `num-dot-decimal` (the
/// default, "1,234.5"), `num-comma-decimal` ("1.234,5"), and the dashes
/// of `fixed-zero` / `zerodash`.
fn read_number(text: &str, format: Option<&str>) -> Option<Decimal> {
    let format = format.unwrap_or("").to_ascii_lowercase();
    let trimmed = text.trim();
    let is_dash = trimmed.chars().all(|c| matches!(c, '-' | '\u{2014}' | '\u{2013}' | ' '));
    if format.contains("zero") || format.contains("zerodash") || (is_dash && !trimmed.is_empty()) {
        return Some(Decimal::ZERO);
    }
    let digits: String = if format.contains("comma") {
        trimmed.chars().filter(|c| !matches!(c, '.' | ' ' | '\u{a0}')).map(|c| if c == ',' { '.' } else { c }).collect()
    } else {
        trimmed.chars().filter(|c| !matches!(c, ',' | ' ' | '\u{a0}')).collect()
    };
    Decimal::from_str(&digits).ok()
}

/// Warns where a table cell shows another number than the tag inside it.
pub fn check_cells_against_tags(facts: &[Fact], warnings: &mut Vec<Warning>) {
    let mut cells: HashMap<(&str, Period), Vec<&Fact>> = HashMap::new();
    for fact in facts.iter().filter(|f| f.origin == Origin::Table) {
        cells.entry((fact.concept.as_str(), fact.period)).or_default().push(fact);
    }
    for tagged in facts.iter().filter(|f| f.origin == Origin::Ixbrl && f.span != [0, 0] && f.dimensions.is_empty()) {
        let Some(candidates) = cells.get(&(tagged.concept.as_str(), tagged.period)) else { continue };
        let Some(cell) = candidates.iter().find(|f| f.span[0] <= tagged.span[0] && tagged.span[1] <= f.span[1]) else {
            continue;
        };
        if (cell.value - tagged.value).abs() > cell.rounding.max(tagged.rounding) {
            warnings.push(Warning::at(
                format!(
                    "{} {}: the table reads {} but its inline XBRL tag says {}",
                    cell.label, cell.text, cell.value, tagged.value
                ),
                cell.span,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(read_number("7,321", None), Some(Decimal::from(7321)));
        assert_eq!(read_number("1.234,5", Some("ixt:num-comma-decimal")), Some(Decimal::new(12345, 1)));
        assert_eq!(read_number("\u{2014}", Some("ixt:fixed-zero")), Some(Decimal::ZERO));
        assert_eq!(read_number("-", None), Some(Decimal::ZERO));
        assert_eq!(read_number("n/a", None), None);
    }
}
