//! HTML tables, laid out as aligned text columns with their structure kept.
//!
//! Filings split a figure over several cells (`$` in one, `(15,612` in the
//! next, `)` in a third) and pad with empty spacer columns; headings span
//! columns with `colspan` and stack over several rows. The cells of a row
//! are merged into values, values are gathered into columns by their place
//! in the grid, and each column takes the header cells above it. The result
//! is the same `TextTable` the text extractor reads, with spans into the
//! rendered text. Digits align on the column's right edge and a closing
//! parenthesis hangs past it, as in a typeset statement.

use std::borrow::Cow;
use std::ops::Range;

use scraper::ElementRef;

use super::ixbrl::Tagged;
use super::{inline_text, Walker};
use crate::amount::scale;
use crate::fact::Warning;
use crate::ingest::text_table::{
    Cell, CellContent, RowKind, TableColumn, TableRow, TextTable, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS,
};
use crate::ingest::token::{classify, TokenKind};
use crate::text::collapse_spaces;

/// Labels longer than this push their row's values right rather than
/// widening every row.
const LABEL_WIDTH_CAP: usize = 64;
const COLUMN_GAP: usize = 3;
/// Rows with text above the first row of figures that give the columns
/// their headings; rows further up are written as they come.
const MAX_HEADING_ROWS: usize = 6;

/// Where the heading rows above the first row of figures begin: at most
/// `MAX_HEADING_ROWS` rows with text, however many empty spacer rows
/// stand between them.
fn heading_rows_start(above_first_data: &[Row]) -> usize {
    let mut with_text = 0;
    for (i, row) in above_first_data.iter().enumerate().rev() {
        if !row.is_empty {
            with_text += 1;
            if with_text > MAX_HEADING_ROWS {
                return i + 1;
            }
        }
    }
    0
}

struct HtmlCell<'a> {
    text: String,
    tagged: Vec<Tagged>,
    grid: usize,
    colspan: usize,
    element: ElementRef<'a>,
}

/// A row's content once split cells are merged.
#[derive(Default)]
struct Row {
    label: String,
    values: Vec<Value>,
    is_empty: bool,
}

struct Value {
    grid: usize,
    /// As shown: `(15,612)`, `7,329`, `—`.
    text: String,
    content: CellContent,
    tagged: Vec<(Tagged, Range<usize>)>,
}

pub fn render_table(walker: &mut Walker, table: ElementRef) {
    let mut grid = cells_of(table);
    let single_column = grid.iter().all(|row| row.iter().filter(|c| !c.text.trim().is_empty()).count() <= 1);
    if single_column {
        for row in &grid {
            for cell in row {
                walker.out.block(false);
                walker.children(cell.element);
                walker.out.block(false);
            }
        }
        return;
    }
    let width = grid.iter().filter_map(|row| row.last()).map(|c| c.grid + c.colspan).max().unwrap_or(0);
    let too_large = if width > MAX_TABLE_COLUMNS {
        Some(format!("{width} columns wide, more than the {MAX_TABLE_COLUMNS}"))
    } else if grid.len() > MAX_TABLE_ROWS {
        Some(format!("{} rows long, more than the {MAX_TABLE_ROWS}", grid.len()))
    } else {
        None
    };
    if let Some(size) = too_large {
        let line = walker.out.line() + 1;
        walker.warnings.push(Warning::new(format!(
            "line {line}: a table {size} Exhibit lays out, is shown as text; no figures are read from it"
        )));
        write_plain(walker, &grid);
        keep_unplaced_tags(walker, &mut grid, &mut []);
        return;
    }
    let caption = table
        .children()
        .filter_map(ElementRef::wrap)
        .find(|c| c.value().name() == "caption")
        .map(|c| inline_text(c).0.trim().to_owned())
        .filter(|c| !c.is_empty());
    let mut rows: Vec<Row> = grid.iter_mut().map(|cells| merge(cells)).collect();
    let first_data = rows.iter().position(is_data_row);
    let Some(first_data) = first_data else {
        write_plain(walker, &grid);
        keep_unplaced_tags(walker, &mut grid, &mut rows);
        return;
    };
    let headings_from = heading_rows_start(&rows[..first_data]);
    let header_rows = &grid[headings_from..first_data];
    let columns = value_columns(&rows[first_data..], width);
    let column_of_grid = column_of_grid(&columns, width);
    let label_heading = label_heading(&grid[..first_data]);
    let headings: Vec<String> = columns.iter().map(|grids| heading_of(header_rows, grids)).collect();
    let label_width =
        rows[first_data..].iter().map(|r| r.label.chars().count()).max().unwrap_or(0).min(LABEL_WIDTH_CAP) + COLUMN_GAP;
    let mut widths = vec![4; columns.len()];
    for value in rows[first_data..].iter().flat_map(|r| &r.values) {
        if let Some(column) = column_of_grid[value.grid] {
            widths[column] = widths[column].max(value.text.chars().count());
        }
    }
    for cell in header_rows.iter().flatten() {
        let under = columns_under(cell, &columns, 0);
        if let [column] = under[..] {
            let longest = cell.text.split('\n').map(|l| collapse_spaces(l).chars().count()).max().unwrap_or(0);
            widths[column] = widths[column].max(longest);
        }
    }
    for width in &mut widths {
        *width += COLUMN_GAP;
    }
    widen_for_group_headings(header_rows, &columns, &mut widths);
    let right_edges: Vec<usize> = widths
        .iter()
        .scan(label_width, |edge, w| {
            *edge += w;
            Some(*edge)
        })
        .collect();

    let context_start = walker.out.line().saturating_sub(3);
    if let Some(caption) = &caption {
        walker.out.raw_line(caption);
    }
    write_plain(walker, &grid[..headings_from]);
    for cells in header_rows {
        for line in header_lines(cells, &columns, &right_edges, &widths) {
            if !line.trim().is_empty() {
                walker.out.raw_line(&line);
            }
        }
    }
    let body_start = walker.out.line();
    let mut table_rows = Vec::new();
    for row in &mut rows[first_data..] {
        if row.is_empty {
            continue;
        }
        let line_index = walker.out.line();
        let line_start = walker.out.position();
        let mut line = row.label.clone();
        let mut line_chars = line.chars().count();
        let mut cells: Vec<Option<Cell>> = vec![None; columns.len()];
        for value in &mut row.values {
            let Some(column) = column_of_grid[value.grid] else { continue };
            let hanging = value.text.chars().rev().take_while(|c| matches!(c, ')' | '%')).count();
            let value_chars = value.text.chars().count();
            let gap = if line_chars == 0 { 0 } else { 2 };
            let start_col = right_edges[column].saturating_sub(value_chars - hanging).max(line_chars + gap);
            line.extend(std::iter::repeat_n(' ', start_col - line_chars));
            let byte_start = line_start + line.len();
            line.push_str(&value.text);
            line_chars = start_col + value_chars;
            let span = byte_start..byte_start + value.text.len();
            let content = value.content;
            for (mut tag, within) in value.tagged.drain(..) {
                tag.span = Some(byte_start + within.start..byte_start + within.end);
                tag.row_label = Some(row.label.clone());
                tag.column_heading = Some(headings[column].clone());
                walker.tagged.push(tag);
            }
            cells[column] = Some(Cell { span, text: value.text.clone(), content });
        }
        walker.out.raw_line(&line);
        let kind = if row.values.is_empty() { RowKind::Heading } else { RowKind::Values };
        table_rows.push(TableRow { line: line_index, label: row.label.clone(), kind, cells });
    }
    let body_end = walker.out.line();
    let columns = headings
        .into_iter()
        .zip(right_edges.iter().zip(&widths))
        .map(|(heading, (&right, &width))| TableColumn {
            heading,
            left_col: right + COLUMN_GAP - width,
            right_col: right,
        })
        .collect();
    walker.tables.push(TextTable {
        lines: body_start..body_end,
        context_lines: (context_start..body_start).collect(),
        columns,
        rows: table_rows,
        label_heading,
    });
    keep_unplaced_tags(walker, &mut grid, &mut rows);
}

/// Rows written as they come, their cells' text three spaces apart: rows
/// the table layout does not take.
fn write_plain(walker: &mut Walker, rows: &[Vec<HtmlCell>]) {
    for row in rows {
        let line: Vec<&str> = row.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect();
        walker.out.raw_line(&line.join("   "));
    }
}

/// Inline XBRL tags the table did not lay out as a figure (in a label or
/// heading cell, or in a cell that is not one figure) are still the
/// filing's facts: they are kept, with no place in the text.
fn keep_unplaced_tags(walker: &mut Walker, grid: &mut [Vec<HtmlCell>], rows: &mut [Row]) {
    let in_cells = grid.iter_mut().flatten().flat_map(|cell| cell.tagged.drain(..));
    let in_values =
        rows.iter_mut().flat_map(|row| &mut row.values).flat_map(|value| value.tagged.drain(..).map(|(tag, _)| tag));
    for mut tag in in_cells.chain(in_values).collect::<Vec<_>>() {
        tag.span = None;
        walker.tagged.push(tag);
    }
}

/// The cells of every row, with their place in the column grid.
fn cells_of(table: ElementRef<'_>) -> Vec<Vec<HtmlCell<'_>>> {
    let mut rows = Vec::new();
    collect_rows(table, &mut rows);
    rows
}

fn collect_rows<'a>(element: ElementRef<'a>, rows: &mut Vec<Vec<HtmlCell<'a>>>) {
    for child in element.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => {
                let mut grid = 0;
                let mut cells = Vec::new();
                for cell in
                    child.children().filter_map(ElementRef::wrap).filter(|c| matches!(c.value().name(), "td" | "th"))
                {
                    if super::is_hidden(&cell) {
                        continue;
                    }
                    let colspan = cell
                        .value()
                        .attr("colspan")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1usize)
                        .clamp(1, 100);
                    let (text, tagged) = inline_text(cell);
                    cells.push(HtmlCell { text, tagged, grid, colspan, element: cell });
                    grid += colspan;
                }
                rows.push(cells);
            }
            "thead" | "tbody" | "tfoot" => collect_rows(child, rows),
            _ => {}
        }
    }
}

/// What a cell's text is as a figure, if it is one.
fn cell_content(text: &str) -> Option<CellContent> {
    match classify(text) {
        TokenKind::Amount(amount) => Some(CellContent::Amount(amount)),
        TokenKind::Nil => Some(CellContent::Nil),
        _ => None,
    }
}

/// Merges a row's cells: `$`, `(` and `)` standing alone join the figure
/// beside them; the first text that is not a figure is the label.
fn merge(cells: &mut [HtmlCell]) -> Row {
    let mut row = Row { is_empty: cells.iter().all(|c| c.text.trim().is_empty()), ..Row::default() };
    if let Some(year) = lone_year_label(cells) {
        row.label = year;
        return row;
    }
    let mut prefix = String::new();
    for cell in cells {
        let text = cell.text.trim();
        if is_plain_words(text) {
            if row.values.is_empty() && row.label.is_empty() {
                row.label = collapse_spaces(text);
            }
            continue;
        }
        let compact = compact_figure(text);
        match compact.as_ref() {
            "" => continue,
            "$" | "US$" => continue,
            "(" | "$(" | "($" => {
                prefix = "(".into();
                continue;
            }
            ")" | ")%" | "%" => {
                if let Some(last) = row.values.last_mut() {
                    last.text.push_str(&compact);
                    last.content = cell_content(&last.text).unwrap_or(last.content);
                }
                continue;
            }
            _ => {}
        }
        let figure = compact.trim_start_matches('$');
        let shown = format!("{prefix}{figure}");
        let opens_split_figure = shown.starts_with('(') && !shown.ends_with(')');
        let content =
            cell_content(&shown).or_else(|| opens_split_figure.then(|| cell_content(&format!("{shown})"))).flatten());
        if let Some(content) = content {
            let mut tagged = Vec::new();
            for mut tag in std::mem::take(&mut cell.tagged) {
                let printed = compact_figure(&tag.text).trim_start_matches('$').to_owned();
                match shown.find(&printed) {
                    Some(at) => {
                        let within = at..at + printed.len();
                        tag.text = printed;
                        tagged.push((tag, within));
                    }
                    None => cell.tagged.push(tag),
                }
            }
            row.values.push(Value { grid: cell.grid, text: shown, content, tagged });
            prefix.clear();
        } else if row.values.is_empty() && row.label.is_empty() {
            row.label = collapse_spaces(text);
        }
    }
    row
}

/// A row that holds only a year in its first cell ("2008", "Fiscal 2008:")
/// names the year of the rows below it.
fn lone_year_label(cells: &[HtmlCell]) -> Option<String> {
    let mut filled = cells.iter().filter(|c| !c.text.trim().is_empty());
    let first = filled.next()?;
    if filled.next().is_some() || first.grid != cells.first()?.grid {
        return None;
    }
    let text = collapse_spaces(&first.text);
    let digits = text.trim_start_matches("Fiscal ").trim_start_matches("fiscal ").trim_end_matches(':');
    let is_year = digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits.starts_with("19") || digits.starts_with("20"));
    is_year.then_some(text)
}

/// A cell's text as a figure is printed: white space collapsed, and gone
/// beside `$`, `(`, `)` and `%` (`$ (15,612 )` is `$(15,612)`). Space between
/// two runs of digits stays, so `2024 2024` never reads as one number.
fn compact_figure(text: &str) -> Cow<'_, str> {
    if !text.contains(char::is_whitespace) {
        return Cow::Borrowed(text);
    }
    let collapsed = collapse_spaces(text);
    let chars: Vec<char> = collapsed.chars().collect();
    let compact = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            let beside_mark = c == ' '
                && (matches!(chars[i - 1], '$' | '(') || matches!(chars.get(i + 1), Some(')' | '%' | '$' | '(')));
            !beside_mark
        })
        .map(|(_, &c)| c)
        .collect();
    Cow::Owned(compact)
}

/// Text that can be neither a figure nor one of the marks that stand in
/// cells of their own (`$`, `(`, `)`, a dash): no digit, and longer than
/// any mark. Most cells are labels, and this spares them the figure reader.
fn is_plain_words(text: &str) -> bool {
    text.len() > 8 && !text.bytes().any(|b| b.is_ascii_digit())
}

/// A row of figures with a label, that is not a heading row of years.
fn is_data_row(row: &Row) -> bool {
    let is_year = |text: &str| {
        text.len() == 4
            && (text.starts_with("19") || text.starts_with("20"))
            && text.bytes().all(|b| b.is_ascii_digit())
    };
    !row.label.is_empty() && row.values.iter().any(|v| !is_year(&v.text))
}

/// The grid positions of each value column: positions next to each other
/// that no row fills both of are one column (a spacer or `$` cell shifted
/// the figure in some rows). A column is a run of positions, so a position
/// joins the column before it unless some row has a value at it and
/// another within that column: one pass over the rows finds, for each
/// position, the rightmost value left of it in any row.
fn value_columns(rows: &[Row], width: usize) -> Vec<Vec<usize>> {
    let mut filled = vec![false; width];
    let mut nearest_left: Vec<Option<usize>> = vec![None; width];
    for row in rows {
        let mut positions: Vec<usize> = row.values.iter().map(|v| v.grid).collect();
        positions.sort_unstable();
        positions.dedup();
        for (i, &grid) in positions.iter().enumerate() {
            filled[grid] = true;
            if let Some(&left) = i.checked_sub(1).and_then(|j| positions.get(j)) {
                nearest_left[grid] = nearest_left[grid].max(Some(left));
            }
        }
    }
    let mut columns: Vec<Vec<usize>> = Vec::new();
    for grid in (0..width).filter(|&g| filled[g]) {
        match columns.last_mut() {
            Some(column)
                if grid == column[column.len() - 1] + 1 && nearest_left[grid].is_none_or(|left| left < column[0]) =>
            {
                column.push(grid)
            }
            _ => columns.push(vec![grid]),
        }
    }
    columns
}

/// The value column of each grid position, if any.
fn column_of_grid(columns: &[Vec<usize>], width: usize) -> Vec<Option<usize>> {
    let mut of = vec![None; width];
    for (column, grids) in columns.iter().enumerate() {
        for &grid in grids {
            of[grid] = Some(column);
        }
    }
    of
}

/// What the header rows print over the row labels: the first cell of each
/// ("(in millions)", or a year that holds for every column).
fn label_heading(header_rows: &[Vec<HtmlCell>]) -> String {
    let cells = header_rows.iter().filter_map(|row| row.first()).filter(|c| c.grid == 0 && c.colspan == 1);
    let mut seen = std::collections::HashSet::new();
    let mut parts: Vec<String> = Vec::new();
    for text in cells.map(|c| collapse_spaces(&c.text)) {
        if !text.is_empty() && seen.insert(text.clone()) {
            parts.push(text);
        }
    }
    parts.join(" | ")
}

/// The header cells above a column, top to bottom.
fn heading_of(header_rows: &[Vec<HtmlCell>], grids: &[usize]) -> String {
    let covers = |cell: &HtmlCell, g: usize| cell.grid <= g && g < cell.grid + cell.colspan;
    let mut parts: Vec<&str> = Vec::new();
    for row in header_rows {
        let usable = |c: &&HtmlCell| !c.text.trim().is_empty() && !scale::is_note(c.text.trim());
        let exact = row.iter().filter(usable).find(|c| grids.iter().any(|&g| covers(c, g)));
        let near = || {
            row.iter()
                .filter(usable)
                .find(|c| grids.iter().any(|&g| covers(c, g.saturating_sub(1)) || covers(c, g + 1)))
        };
        if let Some(cell) = exact.or_else(near) {
            if cell.grid > 0 || cell.colspan > 1 {
                parts.push(cell.text.trim());
            }
        }
    }
    collapse_spaces(&parts.join(" "))
}

/// The value columns with a grid position under `cell`, or within `slack`
/// positions of it.
fn columns_under(cell: &HtmlCell, columns: &[Vec<usize>], slack: usize) -> Vec<usize> {
    (0..columns.len())
        .filter(|&i| columns[i].iter().any(|&g| cell.grid <= g + slack && g < cell.grid + cell.colspan + slack))
        .collect()
}

/// Widens the first of the columns a heading cell spans ("Three Months
/// Ended June 30," over two years) until the heading fits over them.
fn widen_for_group_headings(header_rows: &[Vec<HtmlCell>], columns: &[Vec<usize>], widths: &mut [usize]) {
    for cell in header_rows.iter().flatten() {
        let spanned = columns_under(cell, columns, 0);
        let (Some(&first), Some(&last)) = (spanned.first(), spanned.last()) else { continue };
        if first == last {
            continue;
        }
        let text_width = cell.text.split('\n').map(|l| collapse_spaces(l).chars().count()).max().unwrap_or(0);
        let span: usize = widths[first..=last].iter().sum::<usize>() - COLUMN_GAP;
        widths[first] += text_width.saturating_sub(span);
    }
}

/// One header row laid out over the value columns it covers: over one
/// column flush right like its figures, over several centred; a cell
/// broken over lines (`March 30,<br>2024`) stacks, bottom-aligned.
fn header_lines(cells: &[HtmlCell], columns: &[Vec<usize>], right_edges: &[usize], widths: &[usize]) -> Vec<String> {
    let stacked: Vec<Vec<String>> =
        cells.iter().map(|c| c.text.split('\n').map(collapse_spaces).filter(|l| !l.is_empty()).collect()).collect();
    let height = stacked.iter().map(Vec::len).max().unwrap_or(0);
    (0..height)
        .map(|row| {
            let mut line: Vec<char> = Vec::new();
            for (cell, lines) in cells.iter().zip(&stacked) {
                let Some(text) = (row + lines.len()).checked_sub(height).and_then(|i| lines.get(i)) else { continue };
                // The columns the cell spans; failing those, a column beside
                // it (a heading cell set over the `$` cell of its figures).
                let spanned = columns_under(cell, columns, 0);
                let covered = if spanned.is_empty() { columns_under(cell, columns, 1) } else { spanned };
                let width = text.chars().count();
                let start = match (covered.first(), covered.last()) {
                    (Some(&first), Some(&last)) => {
                        let left = (right_edges[first] + COLUMN_GAP).saturating_sub(widths[first]);
                        let span = right_edges[last] - left;
                        if first == last || width >= span {
                            right_edges[last].saturating_sub(width)
                        } else {
                            left + (span - width) / 2
                        }
                    }
                    _ => 0,
                };
                let start = start.max(line.iter().rposition(|c| *c != ' ').map_or(0, |p| p + 1 + COLUMN_GAP));
                line.resize(start, ' ');
                line.extend(text.chars());
            }
            line.into_iter().collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_join_their_figure_but_two_figures_stay_apart() {
        assert_eq!(compact_figure("$ ( 15,612 )"), "$(15,612)");
        assert_eq!(compact_figure("12.5 %"), "12.5%");
        assert_eq!(compact_figure("2024 2024"), "2024 2024");
        assert_eq!(compact_figure("7,321"), "7,321");
    }
}
