//! The table stage. For every table, before any row is taken, it decides
//! what the table is (its title, its role), what scale its money is in
//! (its own note, or the last one the document stated), and what each
//! column holds (a period, a comparison, four trailing quarters). Then a
//! row whose label names a concept, in a table that states the company's
//! own figures, gives one fact per cell of a period column.
//!
//! A row with no label (or labelled just "Total") that closes a section
//! ("Operating expenses:" … its total) gives the section's concept, but
//! only in columns where its parts were checked to add up to it.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::calendar::Headings;
use super::findings::{Findings, Precision, Reading};
use super::footing::{self, Footing};
use super::period::{self, Column, Hints};
use super::roles;
use super::rules::{normalize_label, ConceptRule, PeriodKind};
use super::Context;
use crate::amount::{scale, Amount, Scale, ScaleNote};
use crate::fact::{Origin, Period, TableRole, TableSource};
use crate::format::filing_style;
use crate::ingest::text_table::{Cell, CellContent, RowKind, TextTable};
use crate::ingest::Document;
use crate::pattern::words;

/// Lines above a table read for its title.
const TITLE_LINES: usize = 6;
/// Title lines are short; a longer line is prose.
const TITLE_MAX_CHARS: usize = 110;

static YEAR_LABEL: LazyLock<Regex> =
    LazyLock::new(|| words(r"(?i)^(?:fiscal\s+(?:year\s+)?)?(?P<year>(?:19|20)\d{2})\s*:?$").expect("year label"));
static PER_SHARE: LazyLock<Regex> = LazyLock::new(|| {
    words(
        r"(?i)\bper\s+(?:common\s+|ordinary\s+|basic\s+|diluted\s+)?(?:share|unit)\b|\bearnings\s+per\b|\bloss\s+per\b",
    )
    .expect("per-share heading")
});
static CONSOLIDATED: LazyLock<Regex> =
    LazyLock::new(|| words(r"(?i)\bconsolidated\b|\bcombined\b").expect("consolidated"));
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    words(r"(?i)^\s*(?:note\s+\d+|item\s+\d+[a-z]?\.?|\d{1,2}\s*[.:\u{2014}\u{2013}-]\s*[a-z]|[a-z]\.\s+[a-z])")
        .expect("section heading")
});

/// What a table is, read once before its rows.
#[derive(Clone, Debug)]
pub struct Setting {
    pub source: TableSource,
    pub note: Option<ScaleNote>,
    pub columns: Vec<Column>,
    /// The year the table's label column states for its columns ("1999" at
    /// the left of the heading line).
    year: Option<i32>,
    /// The decimals most of the table's figures are printed with.
    usual_decimals: u32,
    /// A breakdown whose rows are the parts ("Revenues by Product"): its
    /// total rows are the whole company's.
    pub parts_in_rows: bool,
}

/// Reads every table of the document.
pub fn read(context: &Context, headings: &Headings, findings: &mut Findings) {
    let document = context.document;
    let mut columns_read: HashMap<(String, Hints), Column> = HashMap::new();
    for (table, setting) in document.tables.iter().zip(survey(context, headings, &mut columns_read)) {
        let footings = footing::footings(table, &setting.columns, context.rules);
        if setting.source.role.states_company_totals() || setting.parts_in_rows {
            let reading =
                TableReading { context, table, setting: &setting, footings: &footings, labels: RowLabels::of(table) };
            reading.rows(headings, &mut columns_read, findings);
        }
        findings.footings.extend(footings);
    }
}

/// What each table of the document is: its role and title, its scale
/// note, and what each column holds.
pub fn survey(
    context: &Context,
    headings: &Headings,
    columns_read: &mut HashMap<(String, Hints), Column>,
) -> Vec<Setting> {
    let document = context.document;
    let mut survey = Survey {
        context,
        headings,
        notes: standalone_notes(document),
        sections: section_lines(document),
        columns_read,
        previous: None,
        other_entity: false,
    };
    document.tables.iter().map(|table| survey.setting(table)).collect()
}

/// What the survey of a document's tables keeps from table to table.
struct Survey<'s, 'c> {
    context: &'s Context<'c>,
    headings: &'s Headings,
    /// Scale notes by line: standalone ones, and each table's own.
    notes: Vec<(usize, ScaleNote)>,
    sections: Vec<usize>,
    columns_read: &'s mut HashMap<(String, Hints), Column>,
    /// The table just read: where its body ended, and what it is.
    previous: Option<(usize, TableSource)>,
    /// Inside another entity's statements (a parent-company-only
    /// schedule, an acquired company's financial statements): the
    /// statements that follow are that entity's too, until a consolidated
    /// statement or a table of another kind.
    other_entity: bool,
}

impl Survey<'_, '_> {
    fn setting(&mut self, table: &TextTable) -> Setting {
        let context = self.context;
        let document = context.document;
        let line = |i: usize| document.lines.line(&document.text, i);
        let in_other_table = |i: usize| document.tables.iter().any(|t| t.lines.contains(&i));
        let top = table
            .context_lines
            .iter()
            .copied()
            .filter(|&i| !in_other_table(i))
            .chain([table.lines.start])
            .min()
            .unwrap_or(table.lines.start);
        let title_lines = lines_above(document, top, TITLE_LINES);
        let title_texts: Vec<&str> = title_lines.iter().map(|&i| line(i).trim()).filter(|l| !l.is_empty()).collect();
        let context_texts: Vec<&str> = table
            .context_lines
            .iter()
            .filter(|&&i| !in_other_table(i))
            .map(|&i| line(i).trim())
            .filter(|l| !is_prose(l))
            .collect();
        let title = title_texts.iter().chain(&context_texts).copied().collect::<Vec<_>>().join(" ");
        let section_heading = self.sections.iter().rev().find(|&&s| s < top).map_or("", |&s| line(s).trim());
        let section = format!("{section_heading} {}", lead_in(document, table.lines.start));
        let year = table.label_heading.split(" | ").find_map(year_label);
        let company = document.particulars.company.as_deref().unwrap_or("");
        let continued = self.continued(table, top);
        let provisional = match (&continued, roles::classify(&title, &section, &[], company)) {
            (Some(above), TableRole::Unclassified) => above.role,
            (_, role) => role,
        };
        let hints = Hints { year, dates_are_quarter_ends: provisional == TableRole::QuarterlyData };
        let over_labels = label_column_period(&table.label_heading);
        let columns: Vec<Column> = table
            .columns
            .iter()
            .map(|c| {
                let heading = with_label_period(over_labels, &c.heading);
                column(&heading, context, self.headings, hints, self.columns_read)
            })
            .collect();
        let period_headings: Vec<&str> = table
            .columns
            .iter()
            .zip(&columns)
            .filter(|(_, c)| matches!(c, Column::Period { .. }))
            .map(|(c, _)| c.heading.as_str())
            .collect();
        let classified = match roles::classify(&title, &section, &period_headings, company) {
            role if role.is_primary_statement() && self.other_entity && !CONSOLIDATED.is_match(&title) => {
                TableRole::OtherEntity
            }
            role => role,
        };
        self.other_entity = classified == TableRole::OtherEntity;
        let source = match continued {
            Some(above) if classified == TableRole::Unclassified => above,
            _ => {
                let nearest_first = || title_texts.iter().chain(&context_texts).rev();
                let shown_title = nearest_first()
                    .find(|t| roles::names(classified, t))
                    .or_else(|| {
                        nearest_first()
                            .find(|t| !scale::is_note(t) && t.chars().filter(|c| c.is_alphabetic()).count() > 3)
                    })
                    .map_or_else(String::new, |t| crate::text::collapse_spaces(t));
                TableSource { role: classified, title: shown_title }
            }
        };
        let parts_in_rows = source.role == TableRole::Breakdown
            && !roles::columns_name_categories(&period_headings)
            && !roles::columns_name_a_part(&period_headings, company);
        let carried = || self.notes.iter().rev().find(|(i, _)| *i < top).map(|(_, note)| note.clone());
        let note = table_note(table, document).or_else(carried);
        if let (Some(note), Some(&line)) = (&note, table.context_lines.last()) {
            let at = self.notes.partition_point(|(l, _)| *l <= line);
            self.notes.insert(at, (line, note.clone()));
        }
        self.previous = Some((table.lines.end, source.clone()));
        Setting { source, note, columns, year, usual_decimals: usual_decimals(table), parts_in_rows }
    }

    /// What the table just above is, when this one continues it: nothing
    /// but blank lines, tags and rules stand between them (a 10-K's
    /// quarterly data for two years, printed as two tables).
    fn continued(&self, table: &TextTable, top: usize) -> Option<TableSource> {
        let (above_end, above) = self.previous.as_ref()?;
        let document = self.context.document;
        let between = (*above_end..top.min(table.lines.start)).map(|i| document.lines.line(&document.text, i).trim());
        let only_layout = between.clone().all(|l| l.is_empty() || l.starts_with('<') || is_rule_line(l));
        (top >= *above_end && between.count() <= 8 && only_layout).then(|| above.clone())
    }
}

/// A line of dashes or equals signs.
fn is_rule_line(line: &str) -> bool {
    line.chars().all(|c| matches!(c, '-' | '=' | '_' | ' '))
}

/// Scale notes that stand on a line of their own ("(In millions, except
/// per share data)"), by line. Each, like a table's own note, holds for
/// the tables after it until another says otherwise.
pub fn standalone_notes(document: &Document) -> Vec<(usize, ScaleNote)> {
    let mut in_table = vec![false; document.lines.len()];
    for table in &document.tables {
        for line in table.lines.clone().chain(table.context_lines.iter().copied()) {
            if let Some(flag) = in_table.get_mut(line) {
                *flag = true;
            }
        }
    }
    (0..document.lines.len())
        .filter(|&i| !in_table[i])
        .filter_map(|i| {
            let line = document.lines.line(&document.text, i);
            scale::is_note(line).then(|| scale::note_in(line)).flatten().map(|note| (i, note))
        })
        .collect()
}

/// Lines that open a section ("NOTE 5. SEGMENT INFORMATION", "Item 6.
/// Selected Financial Data", "SEGMENT RESULTS"), outside tables: the last
/// one before a table names the section it sits in.
fn section_lines(document: &Document) -> Vec<usize> {
    let count = document.lines.len();
    let mut in_body = vec![false; count];
    for table in &document.tables {
        in_body[table.lines.start.min(count)..table.lines.end.min(count)].fill(true);
    }
    (0..document.lines.len())
        .filter(|&i| !in_body[i])
        .filter(|&i| {
            let line = document.lines.line(&document.text, i).trim();
            let numbered = SECTION.is_match(line);
            line.len() <= TITLE_MAX_CHARS && !line.ends_with(['.', ',', ';']) && (numbered || is_capitals_heading(line))
        })
        .collect()
}

/// A short line in capitals ("SEGMENT RESULTS"): a heading.
fn is_capitals_heading(line: &str) -> bool {
    let words = line.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=8).contains(&words) && line.len() <= 60 && letters.iter().all(|c| c.is_uppercase())
}

/// The table's own scale note: in its caption, its heading lines, the
/// lines just above it, or a row of its own that says only that (under
/// the headings, or as a footnote at the bottom).
fn table_note(table: &TextTable, document: &Document) -> Option<ScaleNote> {
    let line = |i: usize| document.lines.line(&document.text, i);
    let nearest_first = table.context_lines.iter().rev().map(|&i| line(i)).chain([table.label_heading.as_str()]);
    let heading_rows = table.rows.iter().filter(|r| r.kind == RowKind::Heading).map(|r| r.label.as_str());
    let note_rows = heading_rows.filter(|label| scale::is_note(label));
    nearest_first.chain(note_rows).find_map(scale::note_in)
}

/// Up to `count` non-blank title lines just above `top`, nearest last,
/// stopping at another table or at prose.
fn lines_above(document: &Document, top: usize, count: usize) -> Vec<usize> {
    let mut found = Vec::new();
    let mut i = top;
    while i > 0 && found.len() < count && top - i < count * 3 {
        i -= 1;
        if document.tables.iter().any(|t| t.lines.contains(&i)) {
            break;
        }
        let text = document.lines.line(&document.text, i).trim();
        if text.is_empty() {
            continue;
        }
        if text.starts_with("<PAGE") || text.starts_with('\u{c}') {
            break;
        }
        if is_prose(text) {
            break;
        }
        found.push(i);
    }
    found.reverse();
    found
}

/// The sentence that leads into a table ("The following table presents
/// the operating results of the Company's Same Park facilities ...:"):
/// a paragraph ending with a colon just above its headings.
fn lead_in(document: &Document, body_start: usize) -> String {
    let line = |i: usize| document.lines.line(&document.text, i).trim();
    let Some(last) = (body_start.saturating_sub(10)..body_start)
        .rev()
        .find(|&i| line(i).ends_with(':') && line(i).split_whitespace().count() > 6)
    else {
        return String::new();
    };
    let first = (last.saturating_sub(8)..=last).rev().take_while(|&i| !line(i).is_empty()).last().unwrap_or(last);
    (first..=last).map(line).collect::<Vec<_>>().join(" ")
}

/// A line of running text rather than a title: long, or a sentence's
/// worth of mostly lower-case words.
fn is_prose(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let lower = line.chars().filter(|c| c.is_lowercase()).count();
    line.chars().count() > TITLE_MAX_CHARS
        || (line.ends_with('.') && words > 6)
        || (words > 8 && lower * 10 > letters * 6)
}

fn column(
    heading: &str,
    context: &Context,
    headings: &Headings,
    hints: Hints,
    columns_read: &mut HashMap<(String, Hints), Column>,
) -> Column {
    if let Some(column) = columns_read.get(&(heading.to_owned(), hints)) {
        return *column;
    }
    let column = match headings.get(heading) {
        Some(phrase) => period::resolve(phrase, context.calendar, hints),
        None => period::column(heading, context.calendar, hints),
    };
    columns_read.insert((heading.to_owned(), hints), column);
    column
}

/// The period words a heading prints over the row labels ("THREE MONTHS
/// ENDED MARCH 31," over "2020" and "2019"): they hold for every column.
fn label_column_period(label_heading: &str) -> Option<&str> {
    label_heading.split(" | ").find(|piece| {
        let phrase = period::parse(piece);
        !phrase.comparison && (phrase.length.is_some() || phrase.end.is_some()) && year_label(piece).is_none()
    })
}

/// A column's heading with the period words printed over the row labels.
fn with_label_period(over_labels: Option<&str>, heading: &str) -> String {
    match over_labels {
        Some(words) if !heading.contains(words) => format!("{words} {heading}"),
        _ => heading.to_owned(),
    }
}

/// The year of a heading row of dates repeated in a table's body ("2001
/// MARCH 31 JUNE 30 SEPT. 30 DEC. 31"): the columns below take it.
fn dates_heading_year(label: &str) -> Option<i32> {
    let mut words = label.split_whitespace();
    let year = year_label(words.next()?)?;
    let rest_are_dates = words.all(|w| {
        let w = w.trim_end_matches([',', '.']);
        crate::calendar::month_number(w).is_some() || w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
    });
    rest_are_dates.then_some(year)
}

fn year_label(label: &str) -> Option<i32> {
    YEAR_LABEL.captures(label.trim()).and_then(|c| c["year"].parse().ok())
}

/// The number of decimals most figures of a table are printed with.
fn usual_decimals(table: &TextTable) -> u32 {
    let mut counts = [0usize; 4];
    for cell in table.rows.iter().flat_map(|r| r.cells.iter().flatten()) {
        if let CellContent::Amount(a) = cell.content {
            if !a.percent {
                counts[a.decimals.min(3) as usize] += 1;
            }
        }
    }
    (0..4).max_by_key(|&d| (counts[d], std::cmp::Reverse(d))).unwrap_or(0) as u32
}

/// What is known while walking down a table's rows.
struct Walk {
    year: Option<i32>,
    per_share: bool,
}

/// One table being read row by row: what it is, its footings, and its
/// rows' labels normalised once.
struct TableReading<'a, 'r> {
    context: &'a Context<'r>,
    table: &'a TextTable,
    setting: &'a Setting,
    footings: &'a [Footing],
    labels: RowLabels,
}

/// A table's row labels, normalised once, and how many stand above each
/// row: rules that depend on what a total includes ("Total costs and
/// expenses" under "Cost of sales") read them for every row.
struct RowLabels {
    labels: Vec<String>,
    /// For each row, how many labelled rows stand above it.
    above: Vec<usize>,
}

impl RowLabels {
    fn of(table: &TextTable) -> RowLabels {
        let mut labels = Vec::new();
        let mut above = Vec::with_capacity(table.rows.len());
        for row in &table.rows {
            above.push(labels.len());
            if !row.label.is_empty() {
                labels.push(normalize_label(&row.label));
            }
        }
        RowLabels { labels, above }
    }

    /// The labels of the rows above a row.
    fn above(&self, row: usize) -> &[String] {
        &self.labels[..self.above.get(row).copied().unwrap_or(self.labels.len())]
    }
}

/// A row with what holds for it.
struct RowSetting<'s, 'r> {
    columns: &'s [Column],
    per_share: bool,
    /// The concept the row's label names, if it has a label.
    rule: Option<&'r ConceptRule>,
}

impl<'r> TableReading<'_, 'r> {
    fn rows(&self, headings: &Headings, columns_read: &mut HashMap<(String, Hints), Column>, findings: &mut Findings) {
        let (context, table, setting) = (self.context, self.table, self.setting);
        let named = self.named_rows();
        let mut walk = Walk { year: setting.year, per_share: false };
        for (r, row) in table.rows.iter().enumerate() {
            match row.kind {
                RowKind::Heading => {
                    if let Some(year) = year_label(&row.label).or_else(|| dates_heading_year(&row.label)) {
                        walk.year = Some(year);
                    } else {
                        walk.per_share = PER_SHARE.is_match(&row.label);
                    }
                    continue;
                }
                RowKind::Rule => continue,
                RowKind::Values => {}
            }
            let columns: Vec<Column> = if walk.year == setting.year {
                setting.columns.clone()
            } else {
                let hints =
                    Hints { year: walk.year, dates_are_quarter_ends: setting.source.role == TableRole::QuarterlyData };
                let over_labels = label_column_period(&table.label_heading);
                table
                    .columns
                    .iter()
                    .map(|c| {
                        column(&with_label_period(over_labels, &c.heading), context, headings, hints, columns_read)
                    })
                    .collect()
            };
            let row_setting = RowSetting { columns: &columns, per_share: walk.per_share, rule: named[r] };
            self.row_facts(r, &row_setting, findings);
        }
    }

    /// The concept each labelled row of a table names: by its label and the
    /// rows above it, or as the only line of its kind in the table ("Rental
    /// income" where no row reads "Total revenues").
    fn named_rows(&self) -> Vec<Option<&'r ConceptRule>> {
        let (rules, table) = (self.context.rules, self.table);
        let mut named: Vec<Option<&ConceptRule>> = table
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| match row.kind {
                RowKind::Values if !row.label.is_empty() => {
                    rules.concept_for_row(&normalize_label(&row.label), self.labels.above(r))
                }
                _ => None,
            })
            .collect();
        let sole: Vec<(usize, &ConceptRule)> = table
            .rows
            .iter()
            .enumerate()
            .filter(|(r, row)| row.kind == RowKind::Values && named[*r].is_none() && !row.label.is_empty())
            .filter_map(|(r, row)| rules.concept_as_sole_line(&normalize_label(&row.label)).map(|rule| (r, rule)))
            .collect();
        for &(r, rule) in &sole {
            let alone = sole.iter().filter(|(_, other)| other.name == rule.name).count() == 1;
            let named_elsewhere = named.iter().flatten().any(|other| other.name == rule.name);
            if alone && !named_elsewhere {
                named[r] = Some(rule);
            }
        }
        named
    }

    fn row_facts(&self, index: usize, row_setting: &RowSetting<'_, 'r>, findings: &mut Findings) {
        let (context, table, setting, footings) = (self.context, self.table, self.setting, self.footings);
        let row = &table.rows[index];
        let section_total =
            |cell: &Cell| footings.iter().find(|f| f.is_section_total() && f.span == [cell.span.start, cell.span.end]);
        let bare_total = row.label.is_empty() || normalize_label(&row.label) == "total";
        let (shown_label, label, rule) = if bare_total {
            let Some(section) = row.cells.iter().flatten().find_map(section_total).map(|f| f.section.clone()) else {
                return;
            };
            let label = normalize_label(&section);
            let rule = context.rules.concept_for_section(&label, self.labels.above(index));
            (section, label, rule)
        } else {
            (row.label.clone(), normalize_label(&row.label), row_setting.rule)
        };
        let Some(rule) = rule else { return };
        if !setting.source.role.states_company_totals() && !label.starts_with("total") {
            return;
        }
        let amounts: Vec<Amount> = row
            .cells
            .iter()
            .flatten()
            .filter_map(|c| match c.content {
                CellContent::Amount(a) if !a.percent => Some(a),
                _ => None,
            })
            .collect();
        let money = rule.unit.takes_table_scale();
        if money && (row_setting.per_share || looks_per_share(&amounts, setting)) {
            return;
        }
        let printed_negative = !amounts.is_empty() && amounts.iter().all(|a| a.value < Decimal::ZERO);
        let scale = match (&setting.note, money) {
            (Some(note), true) => note.scale_for(&label),
            _ => Scale::UNITS,
        };
        for (c, cell) in row.cells.iter().enumerate() {
            let Some(cell) = cell else { continue };
            let span = [cell.span.start, cell.span.end];
            let amount = match cell.content {
                CellContent::Amount(a) if !a.percent => a,
                _ => continue,
            };
            let period = match row_setting.columns[c] {
                Column::Period { period, balance_date } => match (rule.period, period) {
                    (PeriodKind::Instant, Period::Instant { .. }) => period,
                    (PeriodKind::Instant, _) => match balance_date {
                        Some(instant) => Period::Instant { instant },
                        None => continue,
                    },
                    (PeriodKind::Duration, Period::Duration { .. }) => period,
                    (PeriodKind::Duration, _) => continue,
                },
                Column::Comparison | Column::Trailing(_) => continue,
                Column::Unreadable => {
                    let heading = &table.columns[c].heading;
                    let why = if heading.is_empty() {
                        "its column has no heading that states a period".to_owned()
                    } else {
                        format!("its column heading {heading:?} states no period")
                    };
                    findings.warn(format!("{shown_label} {}: {why}, so the value is not taken", cell.text), Some(span));
                    continue;
                }
            };
            let mut note = None;
            if bare_total {
                let Some(footing) = section_total(cell) else { continue };
                let Some(checked) = section_total_note(footing, cell, rule, findings) else { continue };
                note = Some(checked);
            }
            let (amount, sign_note) = signed(rule, &label, amount, printed_negative);
            let note = match (note, sign_note) {
                (Some(total), Some(sign)) => Some(format!("{total}; {sign}")),
                (total, sign) => total.or(sign),
            };
            findings.record(Reading {
                rule,
                label: shown_label.clone(),
                period,
                amount,
                scale,
                precision: Precision::AsPrinted,
                origin: Origin::Table,
                span: Some(span),
                text: cell.text.clone(),
                column: column_words(&table.columns[c].heading, row_setting.columns[c], setting.year),
                note,
                dimensions: Vec::new(),
                table: Some(setting.source.clone()),
            });
        }
    }
}

/// A money row printed like per-share figures: every figure with two or
/// more decimals, in a table whose figures are mostly whole.
fn looks_per_share(amounts: &[Amount], setting: &Setting) -> bool {
    !amounts.is_empty()
        && setting.usual_decimals < 2
        && amounts.iter().all(|a| a.decimals >= 2)
        && amounts.iter().all(|a| a.value.abs() < Decimal::from(1000))
}

/// A column's heading as provenance: with the year its rows state, when
/// the heading itself names none.
fn column_words(heading: &str, column: Column, table_year: Option<i32>) -> String {
    let year = match column {
        Column::Period { period, .. } => Some(chrono::Datelike::year(&period.end())),
        _ => table_year,
    };
    match year {
        Some(year) if !heading.contains(&year.to_string()) && !heading.chars().any(|c| c.is_ascii_digit()) => {
            format!("{heading} {year}").trim().to_owned()
        }
        _ => heading.to_owned(),
    }
}

/// For a cell of an unlabeled total row: the provenance note when the rows
/// above it add up to it, or else a warning on the cell and `None`.
fn section_total_note(footing: &Footing, cell: &Cell, rule: &ConceptRule, findings: &mut Findings) -> Option<String> {
    if !footing.adds_up {
        let sum = filing_style(footing.sum, 0);
        let message = format!(
            "{} {}: its parts add up to {sum}, so it is not taken as {}",
            footing.total_name(),
            cell.text,
            rule.title
        );
        findings.warn(message, Some(footing.span));
        return None;
    }
    let which = if footing.total_label.is_empty() { "unlabeled total row" } else { "total row" };
    Some(format!(
        "the {which} under the heading {:?}, taken because the {} rows above it add up to it ({})",
        footing.section,
        footing.parts.len(),
        footing.parts.join(" + ")
    ))
}

/// Applies the sign conventions: a "Net loss" or "deficit" printed without
/// parentheses is negative; an expense row printed wholly in parentheses
/// is positive.
fn signed(rule: &ConceptRule, label: &str, amount: Amount, row_printed_negative: bool) -> (Amount, Option<String>) {
    if rule.label_is_negative(label) && amount.value > Decimal::ZERO {
        let note = format!("printed without a sign; negative because the label {label:?} names a loss or deficit");
        return (Amount { value: -amount.value, ..amount }, Some(note));
    }
    if rule.positive && row_printed_negative && amount.value < Decimal::ZERO {
        let note = "printed in parentheses; expenses are recorded as positive amounts".to_owned();
        return (Amount { value: -amount.value, ..amount }, Some(note));
    }
    (amount, None)
}
