//! Tables in fixed-width EDGAR text, with or without `<TABLE>` tags.
//!
//! Typewritten tables right-align their numbers, so columns are found where
//! the digits of many rows end, not from `<C>` markers (numbers spill past
//! those). Headings are stacked over several lines and one heading may span
//! several columns; each column takes, from every heading line, the piece of
//! text nearest to it. Labels that wrap onto a second line are joined.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::lines::LineIndex;
use super::token::{tokenize, Amount, Token, TokenKind};
use crate::fact::Warning;
use crate::pattern::words;
use crate::text::collapse_spaces;

/// A table: its columns with their stacked headings, and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct TextTable {
    /// Lines the table's body occupies.
    pub lines: Range<usize>,
    /// Lines that may carry the table's scale note: the caption, the
    /// heading lines and the few lines just above the table.
    pub context_lines: Vec<usize>,
    pub columns: Vec<TableColumn>,
    pub rows: Vec<TableRow>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableColumn {
    /// The heading lines over this column, joined: "THREE MONTHS ENDED JUNE 30, 2006".
    pub heading: String,
    pub left_col: usize,
    pub right_col: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// A label with no values, such as "Operating expenses:".
    Heading,
    Values,
    /// A line of dashes or equals signs under a group of rows.
    Rule,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub line: usize,
    pub label: String,
    pub kind: RowKind,
    /// One entry per column.
    pub cells: Vec<Option<Cell>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Byte range of the printed value in the document's text.
    pub span: Range<usize>,
    pub text: String,
    pub content: CellContent,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellContent {
    Amount(Amount),
    Nil,
}

/// The shape of one line, decided once.
#[derive(Clone, Debug)]
enum Shape {
    Blank,
    Rule,
    TableOpen,
    TableClose,
    Caption,
    Marker,
    OtherTag,
    /// A label followed by values; `split` is the index of the first value token.
    Data {
        tokens: Vec<Token>,
        split: usize,
    },
    Text {
        indent: usize,
        len: usize,
    },
}

impl Shape {
    fn is_labelled_data(&self) -> bool {
        matches!(self, Shape::Data { split, .. } if *split > 0)
    }
}

const MAX_GAP_LINES: usize = 2;
const MAX_HEADING_LINES: usize = 6;
const CONTEXT_LINES_ABOVE: usize = 4;
const HEADER_MIN_INDENT: usize = 16;
const HEADING_TEXT_MAX_LEN: usize = 72;

/// Tables wider than this are not read: placing a row's figures under the
/// columns takes time in proportion to both, and no statement is so wide.
/// HTML tables count their grid, spacer cells included.
pub const MAX_TABLE_COLUMNS: usize = 200;

/// Lines longer than this (in bytes) are not taken for table rows, so a
/// document that is one enormous line is not split into words.
const MAX_ROW_BYTES: usize = 1 << 20;

/// Finds every table in a document's text; tables too wide to read are
/// left out with a warning.
pub fn find_tables(text: &str, lines: &LineIndex, warnings: &mut Vec<Warning>) -> Vec<TextTable> {
    let shapes: Vec<Shape> = (0..lines.len()).map(|i| shape_of(lines.line(text, i))).collect();
    let mut tables = Vec::new();
    let mut i = 0;
    while i < shapes.len() {
        match &shapes[i] {
            Shape::TableOpen => {
                let close = (i + 1..shapes.len())
                    .find(|&j| matches!(shapes[j], Shape::TableClose | Shape::TableOpen))
                    .unwrap_or(shapes.len());
                match tagged_table(text, lines, &shapes, i, close) {
                    Some(Ok(table)) => tables.push(table),
                    Some(Err(warning)) => warnings.push(warning),
                    None => {}
                }
                i = close + usize::from(matches!(shapes.get(close), Some(Shape::TableClose)));
            }
            shape if shape.is_labelled_data() => {
                let end = untagged_block_end(&shapes, i);
                let labelled = (i..end).filter(|&j| shapes[j].is_labelled_data()).count();
                if labelled >= 2 {
                    match untagged_table(text, lines, &shapes, i, end) {
                        Some(Ok(table)) => tables.push(table),
                        Some(Err(warning)) => warnings.push(warning),
                        None => {}
                    }
                }
                i = end.max(i + 1);
            }
            _ => i += 1,
        }
    }
    tables
}

fn shape_of(line: &str) -> Shape {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Shape::Blank;
    }
    if trimmed.starts_with('<') {
        let upper = trimmed.get(..trimmed.len().min(10)).unwrap_or("").to_ascii_uppercase();
        if upper.starts_with("<TABLE") {
            return Shape::TableOpen;
        }
        if upper.starts_with("</TABLE") {
            return Shape::TableClose;
        }
        if upper.starts_with("<CAPTION") {
            return Shape::Caption;
        }
        if upper.starts_with("<S>") {
            return Shape::Marker;
        }
        if upper.starts_with("<PAGE")
            || upper.starts_with("</CAPTION")
            || upper.starts_with("<FN")
            || upper.starts_with("</FN")
        {
            return Shape::OtherTag;
        }
    }
    if is_rule(trimmed) {
        return Shape::Rule;
    }
    let text = Shape::Text { indent: indent_cols(line), len: trimmed.len() };
    if line.len() > MAX_ROW_BYTES || !could_be_row(trimmed) {
        return text;
    }
    let tokens = tokenize(line);
    match value_split(&tokens) {
        Some(split) if !(split == 0 && is_year_line(&tokens)) => Shape::Data { tokens, split },
        _ => text,
    }
}

/// A cheap screen before tokenizing: a row of values ends in something a
/// value can end with, and has a gap of two spaces (or a tab) somewhere.
fn could_be_row(trimmed: &str) -> bool {
    let ends_like_value = trimmed.chars().next_back().is_some_and(|c| {
        c.is_ascii_digit() || matches!(c, ')' | '-' | '>' | '*' | '%' | '\u{2014}' | '\u{2013}' | '\u{2212}')
    });
    ends_like_value && (trimmed.contains("  ") || trimmed.contains('\t'))
}

/// Leading white space in character columns, tabs to the next multiple of 8.
fn indent_cols(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).fold(0, |col, c| if c == '\t' { (col / 8 + 1) * 8 } else { col + 1 })
}

fn is_rule(trimmed: &str) -> bool {
    trimmed.bytes().all(|b| matches!(b, b'-' | b'=' | b'_' | b' '))
        && (trimmed.contains("---") || trimmed.contains("===") || trimmed.contains("___"))
}

/// Where the values of a line begin: the first token of its trailing run of
/// amounts, nils, dollar signs and footnotes that stands two or more spaces
/// after the label (so "Notes due 2010   1,234" keeps 2010 in its label).
fn value_split(tokens: &[Token]) -> Option<usize> {
    let mut run_start = tokens.len();
    while run_start > 0 && tokens[run_start - 1].kind != TokenKind::Word {
        run_start -= 1;
    }
    let split = (run_start..tokens.len()).find(|&b| b == 0 || tokens[b].start_col >= tokens[b - 1].end_col + 2)?;
    tokens[split..].iter().any(Token::is_cell).then_some(split)
}

/// A heading line of years ("2006      2005") rather than a row of values.
fn is_year_line(tokens: &[Token]) -> bool {
    tokens.iter().all(|t| match t.kind {
        TokenKind::Amount(a) => a.decimals == 0 && t.end - t.start == 4 && (1900..2100).contains(&a.value.mantissa()),
        TokenKind::Footnote | TokenKind::Dollar => true,
        _ => false,
    })
}

/// The line after the last data line of an untagged block that starts at
/// `start`: data lines with at most two other lines (blank, rules, short
/// headings and wrapped labels) between them.
fn untagged_block_end(shapes: &[Shape], start: usize) -> usize {
    let mut last = start;
    let mut gap = 0;
    for (j, shape) in shapes.iter().enumerate().skip(start + 1) {
        match shape {
            Shape::Data { .. } => {
                last = j;
                gap = 0;
                continue;
            }
            Shape::Blank | Shape::Rule | Shape::OtherTag => {}
            Shape::Text { len, .. } if *len <= HEADING_TEXT_MAX_LEN => {}
            _ => break,
        }
        gap += 1;
        if gap > MAX_GAP_LINES {
            break;
        }
    }
    last + 1
}

/// A table found, or why one that was found is not read.
type Found = Option<Result<TextTable, Warning>>;

fn tagged_table(text: &str, lines: &LineIndex, shapes: &[Shape], open: usize, close: usize) -> Found {
    let inside = open + 1..close;
    let marker = inside.clone().find(|&j| matches!(shapes[j], Shape::Marker));
    let first_data = inside.clone().find(|&j| matches!(shapes[j], Shape::Data { .. }))?;
    let header_start = inside.clone().find(|&j| matches!(shapes[j], Shape::Caption)).map_or(open + 1, |c| c + 1);
    let (header_end, body_start) = match marker {
        Some(m) if m < first_data => (m, m + 1),
        _ => (first_data, first_data),
    };
    let header_lines: Vec<usize> =
        (header_start..header_end).filter(|&j| matches!(shapes[j], Shape::Text { .. })).collect();
    let mut context_lines = lines_above(shapes, open, CONTEXT_LINES_ABOVE);
    context_lines.extend(&header_lines);
    build_table(text, lines, shapes, &header_lines, body_start..close, context_lines)
}

fn untagged_table(text: &str, lines: &LineIndex, shapes: &[Shape], start: usize, end: usize) -> Found {
    let mut header_lines = Vec::new();
    let mut blanks = 0;
    let mut j = start;
    while j > 0 && header_lines.len() < MAX_HEADING_LINES {
        j -= 1;
        match shapes[j] {
            Shape::Blank if blanks < MAX_GAP_LINES => blanks += 1,
            Shape::Rule => {}
            Shape::Text { indent, .. } if indent >= HEADER_MIN_INDENT => {
                header_lines.push(j);
                blanks = 0;
            }
            _ => break,
        }
    }
    header_lines.reverse();
    let top = header_lines.first().copied().unwrap_or(start);
    let mut context_lines = lines_above(shapes, top, CONTEXT_LINES_ABOVE);
    context_lines.extend(&header_lines);
    build_table(text, lines, shapes, &header_lines, start..end, context_lines)
}

/// Up to `count` non-blank lines just above `line`.
fn lines_above(shapes: &[Shape], line: usize, count: usize) -> Vec<usize> {
    let mut found: Vec<usize> =
        (line.saturating_sub(count + 2)..line).filter(|&j| !matches!(shapes[j], Shape::Blank)).collect();
    if found.len() > count {
        found.drain(..found.len() - count);
    }
    found
}

fn build_table(
    text: &str,
    lines: &LineIndex,
    shapes: &[Shape],
    header_lines: &[usize],
    body: Range<usize>,
    context_lines: Vec<usize>,
) -> Found {
    let mut columns = find_columns(&shapes[body.clone()]);
    if columns.is_empty() {
        return None;
    }
    let widest_row = shapes[body.clone()]
        .iter()
        .map(|shape| match shape {
            Shape::Data { tokens, split } => tokens[*split..].iter().filter(|t| t.is_cell()).count(),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    let width = columns.len().max(widest_row);
    if width > MAX_TABLE_COLUMNS {
        let span = [lines.start(body.start), lines.range(text, body.end - 1).end];
        let message = format!(
            "lines {}-{}: a table {width} columns wide, more than the {MAX_TABLE_COLUMNS} Exhibit reads; no figures \
             are read from it",
            body.start + 1,
            body.end
        );
        return Some(Err(Warning::at(message, span)));
    }
    for &h in header_lines {
        assign_heading_line(&mut columns, lines.line(text, h));
    }
    let rows = build_rows(text, lines, shapes, body.clone(), &columns);
    Some(Ok(TextTable { lines: body, context_lines, columns, rows }))
}

/// How far apart the digit ends of one column may stray: typed tables keep
/// columns eight or more characters apart, misaligned rows a few.
const COLUMN_EDGE_SLACK: usize = 4;

/// Columns are where the digits of the body's amounts end, grouped when
/// within a few characters of each other.
fn find_columns(body: &[Shape]) -> Vec<TableColumn> {
    let mut edges: Vec<(usize, usize)> = body
        .iter()
        .filter_map(|shape| match shape {
            Shape::Data { tokens, split } => Some(&tokens[*split..]),
            _ => None,
        })
        .flatten()
        .filter(|t| matches!(t.kind, TokenKind::Amount(_)))
        .map(|t| (t.digits_end_col, t.start_col))
        .collect();
    edges.sort_unstable();
    let mut columns = Vec::new();
    let mut group: Vec<(usize, usize)> = Vec::new();
    for edge in edges {
        if group.last().is_some_and(|&(last, _)| edge.0 > last + COLUMN_EDGE_SLACK) {
            columns.push(column_of(&group));
            group.clear();
        }
        group.push(edge);
    }
    if !group.is_empty() {
        columns.push(column_of(&group));
    }
    columns
}

fn column_of(group: &[(usize, usize)]) -> TableColumn {
    let mut best = (0, group[0].0);
    let mut run = 0;
    for (i, &(edge, _)) in group.iter().enumerate() {
        run = if i > 0 && group[i - 1].0 == edge { run + 1 } else { 1 };
        if run > best.0 {
            best = (run, edge);
        }
    }
    let left_col = group.iter().map(|&(_, start)| start).min().unwrap_or(best.1);
    TableColumn { heading: String::new(), left_col, right_col: best.1 }
}

/// A piece of heading text: words separated by single spaces.
struct Segment {
    start_col: usize,
    end_col: usize,
    text: String,
}

fn segments(line: &str) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    if line.len() > MAX_ROW_BYTES {
        return segments;
    }
    for token in tokenize(line) {
        let word = &line[token.start..token.end];
        match segments.last_mut() {
            Some(last) if token.start_col < last.end_col + 2 => {
                last.text.push(' ');
                last.text.push_str(word);
                last.end_col = token.end_col;
            }
            _ => segments.push(Segment { start_col: token.start_col, end_col: token.end_col, text: word.to_owned() }),
        }
    }
    segments
}

const MAX_HEADING_DISTANCE: usize = 40;

/// Heading text that reaches this far left of the first column, and does
/// not speak of periods, is the table's centred title ("SELECTED BALANCE
/// SHEET DATA"), not a column heading.
const TITLE_OVERHANG_COLS: usize = 8;

/// Heading text about periods: dates, years, "months ended", "as of".
static PERIOD_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    words(r"(?i)\d|\b(end(ed|ing)|months?|weeks?|years?|quarters?|fiscal|as of|periods?|jan|feb|mar|apr|may|june?|july?|aug|sept?|oct|nov|dec)\b")
        .expect("period words")
});

/// Gives each column the segment of this heading line nearest to it, so a
/// heading centred over two columns lands on both.
fn assign_heading_line(columns: &mut [TableColumn], line: &str) {
    let label_area_end = columns[0].left_col.saturating_sub(TITLE_OVERHANG_COLS);
    let is_title = |s: &Segment| s.start_col < label_area_end && !PERIOD_WORDS.is_match(&s.text);
    let segments: Vec<Segment> = segments(line)
        .into_iter()
        .filter(|s| !s.text.starts_with('<') && !is_scale_note(&s.text) && !is_title(s))
        .collect();
    for column in columns.iter_mut() {
        let center = (column.left_col + column.right_col) / 2;
        let nearest = segments
            .iter()
            .map(|s| (distance(center, s.start_col, s.end_col), s))
            .filter(|(d, _)| *d <= MAX_HEADING_DISTANCE)
            .min_by_key(|(d, _)| *d);
        if let Some((_, segment)) = nearest {
            if !column.heading.is_empty() {
                column.heading.push(' ');
            }
            column.heading.push_str(&segment.text);
        }
    }
}

pub(crate) fn is_scale_note(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("000") || lower.contains("thousand") || lower.contains("million") || lower.contains("except per")
}

fn distance(point: usize, start: usize, end: usize) -> usize {
    if point < start {
        start - point
    } else if point >= end {
        point + 1 - end
    } else {
        0
    }
}

fn build_rows(
    text: &str,
    lines: &LineIndex,
    shapes: &[Shape],
    body: Range<usize>,
    columns: &[TableColumn],
) -> Vec<TableRow> {
    let mut rows = Vec::new();
    let mut pending: Option<(usize, usize, String)> = None;
    let heading_row =
        |line: usize, label: String| TableRow { line, label, kind: RowKind::Heading, cells: vec![None; columns.len()] };
    for j in body {
        let line = lines.line(text, j);
        match &shapes[j] {
            Shape::Blank | Shape::Rule => {
                if let Some((l, _, label)) = pending.take() {
                    rows.push(heading_row(l, label));
                }
                if matches!(shapes[j], Shape::Rule) {
                    rows.push(TableRow {
                        line: j,
                        label: String::new(),
                        kind: RowKind::Rule,
                        cells: vec![None; columns.len()],
                    });
                }
            }
            Shape::Text { indent, .. } => {
                let words = collapse_spaces(line);
                match pending.take() {
                    Some((l, i, label)) if starts_lowercase(&words) => {
                        pending = Some((l, i, format!("{label} {words}")))
                    }
                    previous => {
                        if let Some((l, _, label)) = previous {
                            rows.push(heading_row(l, label));
                        }
                        if words.ends_with(':') {
                            rows.push(heading_row(j, words));
                        } else {
                            pending = Some((j, *indent, words));
                        }
                    }
                }
            }
            Shape::Data { tokens, split } => {
                let own_label = tokens.get(..*split).map_or(String::new(), |label| {
                    label
                        .first()
                        .map_or(String::new(), |first| collapse_spaces(&line[first.start..label[label.len() - 1].end]))
                });
                let indent = tokens.first().map_or(0, |t| t.start_col);
                let label = match pending.take() {
                    Some((_, pending_indent, previous))
                        if own_label.is_empty() || starts_lowercase(&own_label) || indent > pending_indent =>
                    {
                        format!("{previous} {own_label}").trim_end().to_owned()
                    }
                    Some((l, _, previous)) => {
                        rows.push(heading_row(l, previous));
                        own_label
                    }
                    None => own_label,
                };
                let cells = place_cells(&tokens[*split..], columns, lines.start(j), line);
                rows.push(TableRow { line: j, label, kind: RowKind::Values, cells });
            }
            _ => {}
        }
    }
    if let Some((l, _, label)) = pending {
        rows.push(heading_row(l, label));
    }
    rows
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

const SKIP_COST: usize = 1000;

/// Places a row's values under columns, keeping their left-to-right order
/// and minimising how far each sits from its column (a small dynamic
/// programme: rows have a handful of values).
fn place_cells(values: &[Token], columns: &[TableColumn], line_start: usize, line: &str) -> Vec<Option<Cell>> {
    let cells: Vec<&Token> = values.iter().filter(|t| t.is_cell()).collect();
    let (n, m) = (cells.len(), columns.len());
    let cost = |t: &Token, c: &TableColumn| match t.kind {
        TokenKind::Amount(_) => t.digits_end_col.abs_diff(c.right_col),
        _ => ((t.start_col + t.end_col) / 2).abs_diff((c.left_col + c.right_col).div_ceil(2)),
    };
    let mut best = vec![vec![usize::MAX / 2; m + 1]; n + 1];
    best[0].fill(0);
    for i in 1..=n {
        best[i][0] = best[i - 1][0] + SKIP_COST;
        for j in 1..=m {
            let place = best[i - 1][j - 1] + cost(cells[i - 1], &columns[j - 1]);
            best[i][j] = place.min(best[i][j - 1]).min(best[i - 1][j] + SKIP_COST);
        }
    }
    let mut placed = vec![None; m];
    let (mut i, mut j) = (n, m);
    while i > 0 {
        if j > 0 && best[i][j] == best[i][j - 1] {
            j -= 1;
        } else if j > 0 && best[i][j] == best[i - 1][j - 1] + cost(cells[i - 1], &columns[j - 1]) {
            let token = cells[i - 1];
            let content = match token.kind {
                TokenKind::Amount(amount) => CellContent::Amount(amount),
                _ => CellContent::Nil,
            };
            placed[j - 1] = Some(Cell {
                span: line_start + token.start..line_start + token.end,
                text: line[token.start..token.end].to_owned(),
                content,
            });
            i -= 1;
            j -= 1;
        } else {
            i -= 1;
        }
    }
    placed
}
