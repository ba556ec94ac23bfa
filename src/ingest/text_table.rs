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
use super::token::{tokenize, Token, TokenKind};
use crate::amount::{scale, Amount};
use crate::calendar::month_number;
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
    /// What the heading lines print over the row labels, piece by piece
    /// between " | " ("REVENUES:", "(in millions)", or a year that holds
    /// for every column: "1999").
    pub label_heading: String,
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
/// The longest text line inside an untagged table: a heading or a part of
/// a wrapped label, never a line of prose.
const LABEL_TEXT_MAX_LEN: usize = 48;
/// Text lines between two rows of figures: a label wrapped over three
/// lines and the heading above it.
const MAX_LABEL_LINES: usize = 3;

/// Tables wider than this are not read: placing a row's figures under the
/// columns takes time in proportion to both, and no statement is so wide.
/// HTML tables count their grid, spacer cells included.
pub const MAX_TABLE_COLUMNS: usize = 200;

/// Tables longer than this are not read either: naming a row's concept
/// looks at the rows above it. Statements run to a hundred rows or so.
pub const MAX_TABLE_ROWS: usize = 2_000;

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
                tables.extend(tagged_tables(text, lines, &shapes, i, close, warnings));
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
        Some(split) if !(is_date_line(&tokens, line) || split == 0 && is_year_line(&tokens)) => {
            Shape::Data { tokens, split }
        }
        _ => text,
    }
}

/// A cheap screen before tokenizing: a row of values ends in something a
/// value can end with, and has a gap of two spaces (or a tab) somewhere.
fn could_be_row(trimmed: &str) -> bool {
    let ends_like_value = trimmed.chars().next_back().is_some_and(|c| {
        c.is_ascii_digit() || matches!(c, ')' | '-' | '>' | '*' | '%' | '\u{2014}' | '\u{2013}' | '\u{2212}')
    });
    let ends_like_nil = ["n/a", "N/A", "NM", "nm", "n.m.", "N.M."].iter().any(|nil| trimmed.ends_with(nil));
    (ends_like_value || ends_like_nil) && (trimmed.contains("  ") || trimmed.contains('\t'))
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

/// A heading line of dates repeated inside a table ("2001   MARCH 31
/// JUNE 30   SEPT. 30   DEC. 31"): years, month names and days only.
fn is_date_line(tokens: &[Token], line: &str) -> bool {
    let mut months = 0;
    let only_dates = tokens.iter().all(|t| match t.kind {
        TokenKind::Amount(a) => {
            a.decimals == 0 && !a.percent && (a.value.mantissa() <= 31 || (1900..2100).contains(&a.value.mantissa()))
        }
        TokenKind::Word => {
            let word = line[t.start..t.end].trim_end_matches([',', '.']);
            let is_month = month_number(word).is_some() && word.len() >= 3;
            months += usize::from(is_month);
            is_month
        }
        TokenKind::Footnote => true,
        _ => false,
    });
    only_dates && months >= 2
}

/// The line after the last data line of an untagged block that starts at
/// `start`: data lines with at most two blank lines or rules, and a few
/// short lines (headings, labels wrapped over three lines), between them.
fn untagged_block_end(shapes: &[Shape], start: usize) -> usize {
    let mut last = start;
    let (mut blanks, mut texts) = (0, 0);
    for (j, shape) in shapes.iter().enumerate().skip(start + 1) {
        match shape {
            Shape::Data { .. } => {
                last = j;
                (blanks, texts) = (0, 0);
            }
            Shape::Blank | Shape::Rule | Shape::OtherTag => blanks += 1,
            Shape::Text { len, .. } if *len <= LABEL_TEXT_MAX_LEN => texts += 1,
            _ => break,
        }
        if blanks > MAX_GAP_LINES || texts > MAX_LABEL_LINES {
            break;
        }
    }
    last + 1
}

/// The tables of one `<TABLE>` block: one per `<CAPTION>`, since a block
/// may stack several tables with headings of their own ("1999 MARCH 31
/// JUNE 30 …" and then "2000 MARCH 31 …").
fn tagged_tables(
    text: &str,
    lines: &LineIndex,
    shapes: &[Shape],
    open: usize,
    close: usize,
    warnings: &mut Vec<Warning>,
) -> Vec<TextTable> {
    let captions: Vec<usize> = (open + 1..close).filter(|&j| matches!(shapes[j], Shape::Caption)).collect();
    let starts: Vec<usize> = match captions.len() {
        0 | 1 => vec![open + 1],
        _ => std::iter::once(open + 1).chain(captions[1..].iter().copied()).collect(),
    };
    let mut tables = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(close);
        match tagged_table(text, lines, shapes, open, start..end) {
            Some(Ok(table)) => tables.push(table),
            Some(Err(warning)) => warnings.push(warning),
            None => {}
        }
    }
    tables
}

/// A table found, or why one that was found is not read.
type Found = Option<Result<TextTable, Warning>>;

fn tagged_table(text: &str, lines: &LineIndex, shapes: &[Shape], open: usize, inside: Range<usize>) -> Found {
    let marker = inside.clone().find(|&j| matches!(shapes[j], Shape::Marker));
    let header_start = inside.clone().find(|&j| matches!(shapes[j], Shape::Caption)).map_or(inside.start, |c| c + 1);
    let (header_end, body_start) = match marker {
        Some(m) if m >= header_start => (m, m + 1),
        _ => {
            let first_data = inside.clone().find(|&j| matches!(shapes[j], Shape::Data { .. }))?;
            (first_data, first_data)
        }
    };
    let header_lines: Vec<usize> = (header_start..header_end)
        .filter(|&j| matches!(shapes[j], Shape::Text { .. } | Shape::Rule | Shape::Data { .. }))
        .collect();
    let mut context_lines = lines_above(shapes, open, CONTEXT_LINES_ABOVE);
    context_lines.extend(&header_lines);
    build_table(text, lines, shapes, &header_lines, body_start..inside.end, context_lines)
}

fn untagged_table(text: &str, lines: &LineIndex, shapes: &[Shape], start: usize, end: usize) -> Found {
    let start = first_body_line(text, lines, shapes, start);
    let mut header_lines = Vec::new();
    let mut blanks = 0;
    let mut j = start;
    while j > 0 && header_lines.len() < MAX_HEADING_LINES {
        j -= 1;
        match shapes[j] {
            Shape::Blank if blanks < MAX_GAP_LINES => blanks += 1,
            Shape::Rule => header_lines.push(j),
            Shape::Text { indent, .. } if indent >= HEADER_MIN_INDENT => {
                header_lines.push(j);
                blanks = 0;
            }
            _ => break,
        }
    }
    while header_lines.last().is_some_and(|&j| matches!(shapes[j], Shape::Rule)) {
        header_lines.pop();
    }
    header_lines.reverse();
    let top = header_lines.first().copied().unwrap_or(start);
    let mut context_lines = lines_above(shapes, top, CONTEXT_LINES_ABOVE);
    context_lines.extend(&header_lines);
    build_table(text, lines, shapes, &header_lines, start..end, context_lines)
}

/// Longest line above a table's first row of figures that can be one of
/// its section headings ("Revenues", "ASSETS", "Current assets").
const SECTION_HEADING_MAX_LEN: usize = 60;

/// Where an untagged table's body begins: its first row of figures, or the
/// section headings just above it, which belong to the body (and may be
/// separated from each other by one blank line).
fn first_body_line(text: &str, lines: &LineIndex, shapes: &[Shape], start: usize) -> usize {
    let mut top = start;
    let mut k = start;
    let mut blank_crossed = false;
    while k > 0 {
        match shapes[k - 1] {
            Shape::Text { indent, len } if indent < HEADER_MIN_INDENT && len <= SECTION_HEADING_MAX_LEN => {
                let line = lines.line(text, k - 1).trim_end();
                if line.ends_with(['.', ',', ';']) {
                    break;
                }
                k -= 1;
                top = k;
                blank_crossed = false;
            }
            Shape::Blank if !blank_crossed && top == k => {
                k -= 1;
                blank_crossed = true;
            }
            _ => break,
        }
    }
    top
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
    let too_large = if width > MAX_TABLE_COLUMNS {
        Some(format!("{width} columns wide, more than the {MAX_TABLE_COLUMNS}"))
    } else if body.len() > MAX_TABLE_ROWS {
        Some(format!("{} lines long, more than the {MAX_TABLE_ROWS}", body.len()))
    } else {
        None
    };
    if let Some(size) = too_large {
        let span = [lines.start(body.start), lines.range(text, body.end - 1).end];
        let message =
            format!("lines {}-{}: a table {size} Exhibit reads; no figures are read from it", body.start + 1, body.end);
        return Some(Err(Warning::at(message, span)));
    }
    let heading_lines: Vec<&str> =
        header_lines.iter().filter(|&&h| !matches!(shapes[h], Shape::Rule)).map(|&h| lines.line(text, h)).collect();
    let extents = heading_extents(&columns, &heading_lines);
    let mut walk = HeadingWalk { columns: &columns, extents: &extents, lines: Vec::new(), label_heading: Vec::new() };
    let last_heading = header_lines.iter().rposition(|&h| !matches!(shapes[h], Shape::Rule));
    for (k, &h) in header_lines.iter().enumerate() {
        match shapes[h] {
            Shape::Rule if last_heading.is_some_and(|last| k < last) => walk.rule(lines.line(text, h)),
            Shape::Rule => {}
            _ => walk.line(lines.line(text, h)),
        }
    }
    let (headings, label_heading) = walk.finish();
    for (column, heading) in columns.iter_mut().zip(headings) {
        column.heading = heading;
    }
    let rows = build_rows(text, lines, shapes, body.clone(), &columns);
    Some(Ok(TextTable { lines: body, context_lines, columns, rows, label_heading }))
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

/// The pieces of a heading line: words one space apart belong together,
/// except that a new date or year after a year starts a piece of its own
/// ("June 30, 1999 Dec. 31, 1998" heads two columns).
fn segments(line: &str) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    if line.len() > MAX_ROW_BYTES {
        return segments;
    }
    for token in tokenize(line) {
        let word = &line[token.start..token.end];
        match segments.last_mut() {
            Some(last) if token.start_col < last.end_col + 2 && !starts_another_date(&last.text, word) => {
                last.text.push(' ');
                last.text.push_str(word);
                last.end_col = token.end_col;
            }
            _ => segments.push(Segment { start_col: token.start_col, end_col: token.end_col, text: word.to_owned() }),
        }
    }
    segments
}

/// Where each column's heading stands: its figures, widened by its own
/// piece of the lowest heading line that heads the columns one by one (the
/// years under a heading centred over two columns), so a heading above
/// lands on the columns it spans and not on their neighbours.
fn heading_extents(columns: &[TableColumn], heading_lines: &[&str]) -> Vec<(usize, usize)> {
    let pieces_of = |line: &&str| -> Vec<Segment> {
        segments(line).into_iter().filter(|s| !scale::is_note(&s.text) && !is_rule(&s.text)).collect()
    };
    let leaves = heading_lines.iter().rev().map(pieces_of).find(|pieces| pieces.len() * 2 >= columns.len());
    let leaves = leaves.unwrap_or_default();
    let center = |c: &TableColumn| (c.left_col + c.right_col) / 2;
    let nearest_column =
        |s: &Segment| (0..columns.len()).rev().min_by_key(|&i| distance(center(&columns[i]), s.start_col, s.end_col));
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let own = leaves
                .iter()
                .filter(|s| distance(center(c), s.start_col, s.end_col) <= MAX_HEADING_DISTANCE)
                .filter(|s| nearest_column(s) == Some(i))
                .min_by_key(|s| distance(center(c), s.start_col, s.end_col));
            own.map_or((c.left_col, c.right_col), |s| (c.left_col.min(s.start_col), c.right_col.max(s.end_col)))
        })
        .collect()
}

/// True when `word` opens a second date or year after a piece that ends
/// in a year.
fn starts_another_date(piece: &str, word: &str) -> bool {
    let is_year = |w: &str| {
        let w = w.trim_end_matches([',', ')']);
        w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.bytes().all(|b| b.is_ascii_digit())
    };
    piece.split_whitespace().last().is_some_and(is_year) && (is_year(word) || month_number(word).is_some())
}

/// A row label as a reader sees it: single spaces, without the dot leaders
/// that run to the figures ("Net income............").
fn label_text(text: &str) -> String {
    let collapsed = collapse_spaces(text);
    let without_leaders = LEADERS.replace_all(&collapsed, "");
    without_leaders.trim().to_owned()
}

static LEADERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\s*\.){3,}\s*$|(?:\s*\.){4,}").expect("dot leaders"));

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

/// The columns each piece of a heading line heads, walking the lines top
/// down: a piece that lies alone within a group heading of the line above
/// ("JUNE 30," under "THREE MONTHS ENDED") heads that group's columns; any
/// other piece heads the columns it stands over, or, standing over none,
/// the nearest columns that nothing on its line stands over, and a piece
/// set off-centre toward such a column ("QUARTER ENDED" centred over two
/// columns but overlapping one) heads it too. A rule drawn under a heading
/// across several columns makes the pieces above it head all of them.
struct HeadingWalk<'c> {
    columns: &'c [TableColumn],
    extents: &'c [(usize, usize)],
    /// Each heading line's pieces, with the columns each heads.
    lines: Vec<Vec<(Segment, Vec<usize>)>>,
    label_heading: Vec<String>,
}

impl HeadingWalk<'_> {
    /// True when a piece stands over a column's extent (both half open),
    /// or ends just where the column's figures begin: headings are typed a
    /// little left of right-aligned figures, never right of them.
    fn overlaps(s: &Segment, &(left, right): &(usize, usize)) -> bool {
        s.start_col < right && s.end_col >= left
    }

    fn line(&mut self, line: &str) {
        let columns = self.columns;
        let label_area_end = columns[0].left_col.saturating_sub(TITLE_OVERHANG_COLS);
        let is_title = |s: &Segment| s.start_col < label_area_end && !PERIOD_WORDS.is_match(&s.text);
        let (over_labels, pieces): (Vec<Segment>, Vec<Segment>) = segments(line)
            .into_iter()
            .filter(|s| !s.text.starts_with('<') && !scale::is_note(&s.text) && !is_title(s))
            .partition(|s| s.end_col <= label_area_end && !is_rule(&s.text));
        self.label_heading.extend(over_labels.into_iter().map(|s| s.text));
        let above: &[(Segment, Vec<usize>)] = self.lines.last().map_or(&[], Vec::as_slice);
        let within = |piece: &Segment, parent: &Segment| {
            parent.start_col <= piece.start_col + 1 && piece.end_col <= parent.end_col + 1
        };
        let mut headed: Vec<Vec<usize>> = pieces
            .iter()
            .map(|piece| {
                let group = above.iter().find(|(parent, cols)| {
                    cols.len() > 1 && within(piece, parent) && pieces.iter().filter(|p| within(p, parent)).count() == 1
                });
                match group {
                    Some((_, cols)) => cols.clone(),
                    None => (0..columns.len()).filter(|&c| Self::overlaps(piece, &self.extents[c])).collect(),
                }
            })
            .collect();
        let group_mates = |a: usize, b: usize| above.iter().any(|(_, cols)| cols.contains(&a) && cols.contains(&b));
        let extent_centre = |c: usize| (self.extents[c].0 + self.extents[c].1) as f64 / 2.0;
        let leans_toward = |piece: &Segment, cols: &[usize], c: usize| {
            let heads = cols.iter().map(|&o| extent_centre(o)).sum::<f64>() / cols.len() as f64;
            let lean = (piece.start_col + piece.end_col) as f64 / 2.0 - heads;
            let toward = extent_centre(c) - heads;
            lean * toward > 0.0 && lean.abs() * 4.0 >= toward.abs()
        };
        for (c, column) in columns.iter().enumerate() {
            if headed.iter().any(|cols| cols.contains(&c)) {
                continue;
            }
            let center = (column.left_col + column.right_col) / 2;
            let nearest = (0..pieces.len())
                .filter(|&p| {
                    headed[p].is_empty()
                        || headed[p].iter().all(|&other| group_mates(other, c))
                        || leans_toward(&pieces[p], &headed[p], c)
                })
                .map(|p| (distance(center, pieces[p].start_col, pieces[p].end_col), p))
                .filter(|(d, _)| *d <= MAX_HEADING_DISTANCE)
                .min_by_key(|(d, _)| *d);
            if let Some((_, p)) = nearest {
                headed[p].push(c);
            }
        }
        self.lines.push(pieces.into_iter().zip(headed).collect());
    }

    /// A rule under headings, with headings below it: each run of dashes
    /// that spans several columns makes the pieces above it head all of
    /// those columns. A rule drawn from the labels across the table is its
    /// border, a run under several headings of one line underlines them
    /// all, and a rule under the last heading line is the separator from
    /// the figures: none of these groups columns.
    fn rule(&mut self, line: &str) {
        let label_area_end = self.columns[0].left_col.saturating_sub(TITLE_OVERHANG_COLS);
        for (start_col, end_col) in dash_runs(line).into_iter().filter(|&(start, _)| start >= label_area_end) {
            let spanned: Vec<usize> = (0..self.columns.len())
                .filter(|&c| (start_col..end_col).contains(&((self.extents[c].0 + self.extents[c].1) / 2)))
                .collect();
            let under = |piece: &Segment| {
                (start_col..end_col).contains(&((piece.start_col + piece.end_col) / 2)) && !compares(piece)
            };
            let under_several = self.lines.iter().any(|pieces| pieces.iter().filter(|(p, _)| under(p)).count() > 1);
            if spanned.len() < 2 || under_several {
                continue;
            }
            for (piece, cols) in self.lines.iter_mut().flatten() {
                if under(piece) && cols.iter().all(|c| spanned.contains(c)) {
                    *cols = spanned.clone();
                    piece.start_col = piece.start_col.min(start_col);
                    piece.end_col = piece.end_col.max(end_col);
                }
            }
        }
    }

    /// Each column's heading, top to bottom, and what stands over the labels.
    fn finish(self) -> (Vec<String>, String) {
        let mut headings = vec![String::new(); self.columns.len()];
        for (piece, cols) in self.lines.iter().flatten() {
            for &c in cols {
                if !headings[c].is_empty() {
                    headings[c].push(' ');
                }
                headings[c].push_str(&piece.text);
            }
        }
        (headings, self.label_heading.join(" | "))
    }
}

/// A heading piece that names a comparison column, never a group of periods.
fn compares(piece: &Segment) -> bool {
    piece.text.contains('%') || COMPARISON_WORD.is_match(&piece.text)
}

/// A heading that names a comparison column, never a group of periods.
static COMPARISON_WORD: LazyLock<Regex> =
    LazyLock::new(|| words(r"(?i)^(?:percent|change|chg|increase|decrease|variance)\b").expect("comparison word"));

/// The character columns each run of dashes (or equals signs, or
/// underscores) of a rule line covers.
fn dash_runs(line: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    for (col, c) in line.chars().enumerate() {
        match (matches!(c, '-' | '=' | '_'), start) {
            (true, None) => start = Some(col),
            (false, Some(s)) => {
                runs.push((s, col));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, line.chars().count()));
    }
    runs
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
    for j in body.clone() {
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
                let words = label_text(line);
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
                        .map_or(String::new(), |first| label_text(&line[first.start..label[label.len() - 1].end]))
                });
                let indent = tokens.first().map_or(0, |t| t.start_col);
                let label = match pending.take() {
                    Some((_, pending_indent, previous))
                        if own_label.is_empty()
                            || starts_lowercase(&own_label)
                            || previous.ends_with([',', '-'])
                            || (indent > pending_indent && !opens_section(shapes, j, body.end, indent)) =>
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

/// True when the data line `j` and the line after it both stand indented
/// to `indent` or deeper: the line above them is their section's heading
/// ("Revenues" over "  Local service", "  Interstate network access"), not
/// the first half of a wrapped label.
fn opens_section(shapes: &[Shape], j: usize, end: usize, indent: usize) -> bool {
    let next = (j + 1..end).find(|&k| !matches!(shapes[k], Shape::Blank));
    match next.map(|k| &shapes[k]) {
        Some(Shape::Data { tokens, .. }) => tokens.first().is_some_and(|t| t.start_col >= indent),
        _ => false,
    }
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
