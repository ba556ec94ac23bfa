//! The last stage: what the other stages found, settled within the
//! document. One printed figure is one fact (a tagged table cell is the
//! tag's fact, with the table's provenance). In an inline XBRL document
//! the tagged facts without dimensions are the filer's own word: an
//! untagged table figure for the same concept and period is not a second
//! fact, and where it disagrees inside a primary statement the analyst is
//! told. Where a document labels a concept several ways for one period
//! and one label is preferred ("Net income attributable to <Company>"
//! over the consolidated "Net income"), the others yield.

use std::collections::{HashMap, HashSet};

use super::findings::Findings;
use super::rules::{normalize_label, Rules};
use crate::amount::agree;
use crate::fact::{Fact, Origin, Period};

pub fn settle(rules: &Rules, findings: &mut Findings) {
    tags_over_cells(findings);
    keep_preferred_labels(rules, &mut findings.facts);
}

/// Table facts printed where an inline XBRL tag is printed become the
/// tag's (which takes their table's provenance); other table facts for a
/// concept and period the tags state are dropped, with a warning where
/// they disagree inside a primary statement.
fn tags_over_cells(findings: &mut Findings) {
    let tagged: Vec<usize> = (0..findings.facts.len())
        .filter(|&i| findings.facts[i].origin == Origin::Ixbrl && findings.facts[i].dimensions.is_empty())
        .collect();
    if tagged.is_empty() {
        return;
    }
    let mut stated: HashMap<(String, Period), Vec<usize>> = HashMap::new();
    for &i in &tagged {
        let fact = &findings.facts[i];
        stated.entry((fact.concept.clone(), fact.period)).or_default().push(i);
    }
    let mut cells_by_start: HashMap<usize, usize> = HashMap::new();
    for (i, fact) in findings.facts.iter().enumerate() {
        if fact.origin == Origin::Table {
            cells_by_start.insert(fact.span[0], i);
        }
    }
    let mut dropped: HashSet<usize> = HashSet::new();
    let mut warnings = Vec::new();
    let mut provenance = Vec::new();
    for &t in &tagged {
        let tag = &findings.facts[t];
        if tag.span == [0, 0] {
            continue;
        }
        let cell = (tag.span[0].saturating_sub(2)..=tag.span[0]).rev().find_map(|start| cells_by_start.get(&start));
        let Some(&c) = cell.filter(|&&c| findings.facts[c].span[1] >= tag.span[1]) else { continue };
        let printed = &findings.facts[c];
        if !agree(tag.value, tag.rounding, printed.value, printed.rounding) {
            let message = format!(
                "{} {}: the table reads {} but its inline XBRL tag says {}",
                printed.label, printed.text, printed.value, tag.value
            );
            warnings.push((message, printed.span));
        }
        provenance.push((t, printed.table.clone()));
        dropped.insert(c);
    }
    for (t, table) in provenance {
        if findings.facts[t].table.is_none() {
            findings.facts[t].table = table;
        }
    }
    for (i, fact) in findings.facts.iter().enumerate() {
        if fact.origin != Origin::Table || dropped.contains(&i) {
            continue;
        }
        let Some(tags) = stated.get(&(fact.concept.clone(), fact.period)) else { continue };
        dropped.insert(i);
        let agrees = tags.iter().any(|&t| {
            let tag = &findings.facts[t];
            agree(tag.value, tag.rounding, fact.value, fact.rounding)
        });
        let in_statement = fact.table.as_ref().is_some_and(|t| t.role.is_primary_statement());
        if !agrees && in_statement {
            let tag = &findings.facts[tags[0]];
            warnings.push((
                format!(
                    "{} {}: the table reads {} but the filing's inline XBRL states {} for this period",
                    fact.label, fact.text, fact.value, tag.value
                ),
                fact.span,
            ));
        }
    }
    for (message, span) in warnings {
        findings.warn(message, Some(span));
    }
    let mut index = 0;
    findings.facts.retain(|_| {
        let keep = !dropped.contains(&index);
        index += 1;
        keep
    });
}

/// Where a document labels a concept several ways for one period and a
/// label is preferred, drops the table and prose facts of the others.
/// Inline XBRL facts are the filing's own word and stay.
fn keep_preferred_labels(rules: &Rules, facts: &mut Vec<Fact>) {
    let is_preferred = |f: &Fact| {
        rules
            .concept(&f.concept)
            .is_some_and(|r| r.prefers_labels() && r.label_is_preferred(&normalize_label(&f.label)))
    };
    let preferred_facts: Vec<bool> = facts.iter().map(is_preferred).collect();
    let preferred: HashSet<(&str, Period)> =
        facts.iter().zip(&preferred_facts).filter(|(_, &is)| is).map(|(f, _)| (f.concept.as_str(), f.period)).collect();
    if preferred.is_empty() {
        return;
    }
    let kept: Vec<bool> = facts
        .iter()
        .zip(&preferred_facts)
        .map(|(f, &is)| f.origin == Origin::Ixbrl || is || !preferred.contains(&(f.concept.as_str(), f.period)))
        .collect();
    let mut kept = kept.into_iter();
    facts.retain(|_| kept.next().unwrap_or(true));
}
