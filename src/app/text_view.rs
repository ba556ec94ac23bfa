//! The filing's text, in a monospace view that keeps text tables aligned.
//!
//! Only the visible lines are laid out (a filing can be megabytes), each
//! as a small layout job with its highlights: every extracted value, the
//! selected one strongly, and search matches. Clicking a highlighted value
//! selects its fact; selecting a fact scrolls its line into view. A line
//! longer than `ROW_BYTES` (a filing that is one 100 MB line) is shown over
//! several rows, so that no frame lays out more than a screenful.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Key, KeyboardShortcut, Modifiers, Sense, TextStyle};

use super::action::Action;
use crate::extract::ExtractedDocument;
use crate::workbench::FactRef;

const FACT_BACKGROUND: Color32 = Color32::from_rgb(255, 236, 150);
const SELECTED_BACKGROUND: Color32 = Color32::from_rgb(255, 150, 40);
const MATCH_BACKGROUND: Color32 = Color32::from_rgb(180, 215, 255);
const CURRENT_MATCH_BACKGROUND: Color32 = Color32::from_rgb(90, 150, 255);
const TEXT_COLOR: Color32 = Color32::from_rgb(20, 20, 20);
const CONTEXT_LINES_ABOVE: usize = 6;
/// Room kept right of a revealed value, so that it is seen whole; the view
/// scrolls sideways only as far as that needs, keeping row labels in sight.
const VALUE_WIDTH_CHARS: usize = 16;
/// The most of one line a row shows; the rest follows on the next rows.
/// Typed tables are a few hundred characters wide and stay on one row.
const ROW_BYTES: usize = 2000;
/// Search stops counting here, so that a one-letter search of a huge
/// filing does not hold millions of matches.
const MAX_MATCHES: usize = 100_000;

/// What the view keeps between frames.
#[derive(Default)]
pub struct TextView {
    /// The document whose highlight index is built.
    document: Option<(usize, u64)>,
    /// The rows the document's text is shown in.
    rows: Rows,
    /// Fact spans sorted by start: (start, end, fact index).
    spans: Vec<(usize, usize, usize)>,
    /// Scroll to this byte offset on the next frame.
    scroll_to: Option<usize>,
    pub search: Search,
}

#[derive(Default)]
pub struct Search {
    pub open: bool,
    pub query: String,
    searched: String,
    searched_document: Option<usize>,
    pub matches: Vec<Range<usize>>,
    pub current: usize,
    focus: bool,
}

impl TextView {
    /// Brings a byte offset of the current document into view next frame.
    pub fn reveal(&mut self, offset: usize) {
        self.scroll_to = Some(offset);
    }

    pub fn open_search(&mut self) {
        self.search.open = true;
        self.search.focus = true;
    }

    fn index(&mut self, index: usize, revision: u64, document: &ExtractedDocument) {
        if self.document == Some((index, revision)) {
            return;
        }
        self.rows = Rows::new(&document.document.text, &document.document.lines);
        self.document = Some((index, revision));
        self.spans = document.facts.iter().enumerate().map(|(i, f)| (f.span[0], f.span[1], i)).collect();
        self.spans.sort_unstable();
    }

    fn update_matches(&mut self, index: usize, text: &str) {
        let search = &mut self.search;
        if search.searched == search.query && search.searched_document == Some(index) {
            return;
        }
        search.searched = search.query.clone();
        search.searched_document = Some(index);
        search.current = 0;
        search.matches = find_all(text, &search.query);
    }

    fn step_match(&mut self, forward: bool) {
        let count = self.search.matches.len();
        if count == 0 {
            return;
        }
        self.search.current =
            if forward { (self.search.current + 1) % count } else { (self.search.current + count - 1) % count };
        self.scroll_to = Some(self.search.matches[self.search.current].start);
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        index: usize,
        revision: u64,
        document: &ExtractedDocument,
        selected: Option<usize>,
        actions: &mut Vec<Action>,
    ) {
        self.index(index, revision, document);
        let text = &document.document.text;
        if ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F))) {
            self.open_search();
        }
        self.search_bar_ui(ui, index, text);
        let font = TextStyle::Monospace.resolve(ui.style());
        let row_height = ui.fonts_mut(|f| f.row_height(&font));
        let mut area = egui::ScrollArea::both().id_salt(("text", index)).auto_shrink(false);
        if let Some(offset) = self.scroll_to.take() {
            let line = self.rows.row_of(offset);
            let start = self.rows.spans[line].start;
            let column = text.get(start..offset.min(text.len())).map_or(0, |s| s.chars().count());
            let char_width = ui.fonts_mut(|f| f.glyph_width(&font, '0'));
            let x = ((column + VALUE_WIDTH_CHARS) as f32 * char_width - ui.available_width()).max(0.0);
            area = area.scroll_offset(egui::vec2(x, line.saturating_sub(CONTEXT_LINES_ABOVE) as f32 * row_height));
        }
        let selected_span = selected.and_then(|f| document.facts.get(f)).map(|f| f.span[0]..f.span[1]);
        let current_match = self.search.matches.get(self.search.current).cloned();
        ui.spacing_mut().item_spacing.y = 0.0;
        area.show_rows(ui, row_height, self.rows.spans.len(), |ui, rows| {
            for row in rows {
                let range = self.rows.spans[row].clone();
                let job = self.line_job(text, range.clone(), &font, selected_span.as_ref(), current_match.as_ref());
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                let (rect, response) =
                    ui.allocate_exact_size(egui::vec2(galley.size().x.max(1.0), row_height), Sense::click());
                ui.painter().galley(rect.min, galley.clone(), TEXT_COLOR);
                if response.clicked() {
                    if let Some(pointer) = response.interact_pointer_pos() {
                        let cursor = galley.cursor_from_pos(pointer - rect.min);
                        let line_text = &text[range.clone()];
                        let byte = range.start
                            + line_text.char_indices().nth(cursor.index.0).map_or(line_text.len(), |(b, _)| b);
                        if let Some(fact) = self.fact_at(byte) {
                            actions.push(Action::SelectFact(FactRef { document: index, fact }));
                        }
                    }
                }
            }
        });
    }

    fn fact_at(&self, byte: usize) -> Option<usize> {
        let after = self.spans.partition_point(|&(start, _, _)| start <= byte);
        self.spans[..after].iter().rev().find(|&&(start, end, _)| start <= byte && byte < end).map(|&(_, _, f)| f)
    }

    fn search_bar_ui(&mut self, ui: &mut egui::Ui, index: usize, text: &str) {
        if !self.search.open {
            return;
        }
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.search.query)
                        .desired_width(220.0)
                        .hint_text("text in this filing"),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.search.focus) {
                field.request_focus();
            }
            self.update_matches(index, text);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            let shift = ui.input(|i| i.modifiers.shift);
            if enter || ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F3)) {
                self.step_match(!shift);
                field.request_focus();
            }
            if ui.input_mut(|i| i.consume_key(Modifiers::SHIFT, Key::F3)) {
                self.step_match(false);
            }
            if ui.button("Previous").on_hover_text("Previous match (Shift+Enter, Shift+F3)").clicked() {
                self.step_match(false);
            }
            if ui.button("Next").on_hover_text("Next match (Enter, F3)").clicked() {
                self.step_match(true);
            }
            let count = self.search.matches.len();
            if self.search.query.is_empty() {
                ui.weak("type to search");
            } else if count == 0 {
                ui.colored_label(ui.visuals().error_fg_color, "no matches");
            } else {
                ui.label(format!("{} of {count}", self.search.current + 1));
            }
            if ui.button("Close").on_hover_text("Close search (Escape)").clicked()
                || (field.has_focus() && ui.input(|i| i.key_pressed(Key::Escape)))
            {
                self.search.open = false;
            }
        });
    }

    /// One line as a layout job: runs of text with their highlight.
    fn line_job(
        &self,
        text: &str,
        line: Range<usize>,
        font: &FontId,
        selected: Option<&Range<usize>>,
        current_match: Option<&Range<usize>>,
    ) -> LayoutJob {
        let mut marks: Vec<(Range<usize>, Color32)> = Vec::new();
        let first = self.spans.partition_point(|&(_, end, _)| end <= line.start);
        for &(start, end, _) in self.spans[first..].iter().take_while(|&&(start, _, _)| start < line.end) {
            if end > line.start {
                marks.push((start.max(line.start)..end.min(line.end), FACT_BACKGROUND));
            }
        }
        let first_match = self.search.matches.partition_point(|m| m.end <= line.start);
        for found in self.search.matches[first_match..].iter().take_while(|m| m.start < line.end) {
            let color = if Some(found) == current_match { CURRENT_MATCH_BACKGROUND } else { MATCH_BACKGROUND };
            marks.push((found.start.max(line.start)..found.end.min(line.end), color));
        }
        if let Some(span) = selected.filter(|s| s.start < line.end && s.end > line.start) {
            marks.push((span.start.max(line.start)..span.end.min(line.end), SELECTED_BACKGROUND));
        }
        let mut job = LayoutJob::default();
        let plain = TextFormat { font_id: font.clone(), color: TEXT_COLOR, ..TextFormat::default() };
        let mut at = line.start;
        let mut column = 0;
        let mut boundaries: Vec<usize> = marks.iter().flat_map(|(r, _)| [r.start, r.end]).chain([line.end]).collect();
        boundaries.sort_unstable();
        boundaries.dedup();
        boundaries.retain(|&b| b > line.start);
        for boundary in boundaries {
            let piece = &text[at..boundary];
            let background = marks.iter().rev().find(|(r, _)| r.start <= at && at < r.end).map(|(_, c)| *c);
            let format = match background {
                Some(color) => TextFormat { background: color, ..plain.clone() },
                None => plain.clone(),
            };
            job.append(&expand_tabs(piece, &mut column), 0.0, format);
            at = boundary;
        }
        job.wrap.max_width = f32::INFINITY;
        job
    }
}

/// Tabs to spaces up to the next multiple of 8, as the table parser counts.
fn expand_tabs(piece: &str, column: &mut usize) -> String {
    let mut out = String::with_capacity(piece.len());
    for c in piece.chars() {
        if c == '\t' {
            let next = (*column / 8 + 1) * 8;
            out.extend(std::iter::repeat_n(' ', next - *column));
            *column = next;
        } else {
            out.push(c);
            *column += 1;
        }
    }
    out
}

/// Every case-insensitive occurrence of `query` in `text`, as byte ranges.
fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let pattern = regex::RegexBuilder::new(&regex::escape(query)).case_insensitive(true).build();
    pattern.map(|p| p.find_iter(text).map(|m| m.range()).take(MAX_MATCHES).collect()).unwrap_or_default()
}

/// The rows the text is shown in: each line, or for a line longer than
/// `ROW_BYTES`, pieces of it cut at character boundaries.
#[derive(Default)]
struct Rows {
    spans: Vec<Range<usize>>,
}

impl Rows {
    fn new(text: &str, lines: &crate::ingest::LineIndex) -> Rows {
        let mut spans = Vec::with_capacity(lines.len());
        for line in 0..lines.len() {
            let range = lines.range(text, line);
            let mut start = range.start;
            while range.end - start > ROW_BYTES {
                let end = crate::ingest::submission::floor_char_boundary(text, start + ROW_BYTES);
                let end =
                    if end > start { end } else { start + text[start..].chars().next().map_or(1, char::len_utf8) };
                spans.push(start..end);
                start = end;
            }
            spans.push(start..range.end);
        }
        Rows { spans }
    }

    /// The row holding byte `offset`.
    fn row_of(&self, offset: usize) -> usize {
        self.spans.partition_point(|r| r.start <= offset).saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_is_case_insensitive_and_literal() {
        assert_eq!(find_all("Net loss (7,321) NET LOSS", "net loss"), vec![0..8, 17..25]);
        assert_eq!(find_all("a (b) c", "(b)"), vec![2..5]);
        assert!(find_all("abc", "").is_empty());
    }

    #[test]
    fn a_click_inside_a_highlighted_value_finds_its_fact() {
        let view = TextView { spans: vec![(10, 17, 4), (30, 35, 0), (32, 34, 7)], ..TextView::default() };
        assert_eq!(view.fact_at(10), Some(4));
        assert_eq!(view.fact_at(16), Some(4));
        assert_eq!(view.fact_at(17), None, "spans end before their last byte");
        assert_eq!(view.fact_at(5), None);
        assert_eq!(view.fact_at(33), Some(7), "the innermost value wins");
        assert_eq!(view.fact_at(31), Some(0));
    }

    /// A filing of one 100 MB line was laid out whole in every frame (4.5 GB,
    /// and not shown after a minute); it is shown in rows of `ROW_BYTES`.
    #[test]
    fn a_huge_line_is_shown_in_rows_cut_at_character_boundaries() {
        let text = "\u{20ac}".repeat(5 * ROW_BYTES / 3) + "\nshort\n";
        let lines = crate::ingest::LineIndex::new(&text);
        let rows = Rows::new(&text, &lines);
        assert_eq!(rows.spans.len(), 6 + 1, "9,999 bytes in rows of 1,998 (666 three-byte characters), then \"short\"");
        assert!(rows.spans.iter().all(|r| r.len() <= ROW_BYTES && text.is_char_boundary(r.start)));
        assert_eq!(&text[rows.spans[6].clone()], "short");
        assert_eq!(rows.row_of(ROW_BYTES + 1), 1);
        assert_eq!(rows.row_of(text.len() - 2), 6);
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        let mut column = 3;
        assert_eq!(expand_tabs("a\tb", &mut column), "a    b");
        assert_eq!(column, 9);
    }
}
