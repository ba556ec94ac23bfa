//! Facts from inline XBRL: each `ix:nonFraction` whose concept Exhibit
//! knows, with its context's period, its scale, sign and stated precision.
//! They are the filer's own word for the document's figures. A document
//! whose tags point to contexts it does not hold (a secondary document of
//! an inline XBRL set, with no `ix:header`) gives no tagged facts: its
//! figures are read from its tables instead, and the analyst is told once.

use super::findings::{Findings, Precision, Reading};
use super::Context;
use crate::amount::{self, Scale};
use crate::fact::Origin;

pub fn read(context: &Context, findings: &mut Findings) {
    let Some(ixbrl) = &context.document.ixbrl else { return };
    let mut without_context = 0;
    for tag in &ixbrl.tagged {
        let local = tag.name.rsplit(':').next().unwrap_or(&tag.name);
        let Some(rule) = context.rules.concept(local) else { continue };
        let span = tag.span.as_ref().map(|s| [s.start, s.end]);
        let Some(tag_context) = ixbrl.contexts.get(&tag.context) else {
            without_context += 1;
            continue;
        };
        let Some(period) = tag_context.period else {
            findings.warn(format!("{} {}: its context {:?} states no period", tag.name, tag.text, tag.context), span);
            continue;
        };
        let Some(mut shown) = amount::ixbrl(&tag.text, tag.format.as_deref()) else {
            let message = format!("{} {:?} cannot be read as a number in format {:?}", tag.name, tag.text, tag.format);
            findings.warn(message, span);
            continue;
        };
        if tag.negative {
            shown.value = -shown.value;
        }
        let precision = match tag.decimals.as_deref().map(str::trim) {
            Some(d) if d.eq_ignore_ascii_case("inf") => Precision::Exact,
            Some(d) => d.parse::<i32>().map_or(Precision::Exact, |d| Precision::LastDigit(d.saturating_neg())),
            None => Precision::Exact,
        };
        let note = span.is_none().then(|| {
            "not shown as a figure of its own (hidden in the filing, or inside a table cell that is not one \
             figure), so it has no place in the text"
                .to_owned()
        });
        findings.record(Reading {
            rule,
            label: tag.row_label.clone().unwrap_or_else(|| rule.title.clone()),
            period,
            amount: shown,
            scale: Scale::new(tag.scale),
            precision,
            origin: Origin::Ixbrl,
            span,
            text: tag.text.clone(),
            column: tag.column_heading.clone().unwrap_or_else(|| tag.context.clone()),
            note,
            dimensions: tag_context.dimensions.clone(),
            table: None,
        });
    }
    if without_context > 0 {
        findings.warn(
            format!(
                "{without_context} inline XBRL tags of known concepts refer to contexts this document does not \
                 hold (it is part of a set whose header is elsewhere), so their figures are read from the tables"
            ),
            None,
        );
    }
}
