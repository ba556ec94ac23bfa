//! HTML filings as readable text. The document is rendered the way a reader
//! sees it (hidden parts such as `display:none` and `ix:header` left out,
//! paragraphs wrapped, tables laid out as aligned columns), and as it is
//! rendered every table cell and every inline XBRL number records where it
//! landed, so provenance and highlighting work exactly as for text filings.
//! Whatever the markup, the work stays in proportion to it: nesting is
//! bounded as the document is parsed (`parse`), walks keep their own stack
//! (`walk`), and what is left out for it is said in `Rendered::warnings`.

mod builder;
mod ixbrl;
mod parse;
mod table;
mod walk;

use std::ops::Range;

use scraper::{ElementRef, Html};

use super::text_table::TextTable;
use crate::fact::Warning;
use builder::TextBuilder;
pub use ixbrl::{Context, Cover, Tagged};
use walk::{walk, Visit};

/// Tables nested in the cells of tables deeper than this are shown as
/// plain text rather than laid out (each level lays out the one inside).
const MAX_TABLE_NESTING: usize = 16;

/// What rendering an HTML document gives.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub text: String,
    pub tables: Vec<TextTable>,
    /// Inline XBRL numbers, with their place in `text` when shown.
    pub tagged: Vec<Tagged>,
    pub contexts: std::collections::HashMap<String, Context>,
    pub cover: Cover,
    /// What the rendering left out or could not lay out, in words.
    pub warnings: Vec<Warning>,
    /// Lines written as the markup laid them out (inside `<pre>`, or
    /// lined up with runs of no-break spaces): typed tables may stand there.
    pub typed_lines: Vec<usize>,
}

pub fn render(source: &str) -> Rendered {
    let parsed = parse::parse(source);
    let document = parsed.html;
    let mut walker = Walker::default();
    walker.children(document.root_element());
    let mut typed_lines = std::mem::take(&mut walker.preformatted_lines);
    typed_lines.extend_from_slice(walker.out.aligned_lines());
    typed_lines.sort_unstable();
    typed_lines.dedup();
    let text = walker.out.finish();
    let contexts = ixbrl::contexts(&document);
    let cover = ixbrl::cover(&document);
    let mut tagged = walker.tagged;
    tagged.extend(hidden_tags(&document));
    let mut warnings = Vec::new();
    if parsed.tags_cut > 0 {
        warnings.push(Warning::new(format!(
            "HTML nested more than {} elements deep: the {} tags below that were left out (the text inside them is \
             kept)",
            parse::MAX_DEPTH,
            parsed.tags_cut
        )));
    }
    if walker.tables_flattened > 0 {
        warnings.push(Warning::new(format!(
            "tables nested more than {MAX_TABLE_NESTING} deep in table cells are shown as plain text ({} of them); no \
             figures are read from them",
            walker.tables_flattened
        )));
    }
    warnings.extend(walker.warnings);
    Rendered { text, tables: walker.tables, tagged, contexts, cover, warnings, typed_lines }
}

/// Inline XBRL numbers a reader does not see (in `ix:hidden`, or under
/// `display:none`): facts all the same, with no place in the text. One
/// pass over the document, keeping whether each open element is hidden.
fn hidden_tags(document: &Html) -> Vec<Tagged> {
    let mut found = Vec::new();
    let mut hidden: Vec<bool> = Vec::new();
    walk(document.root_element(), |visit| {
        match visit {
            Visit::Enter(element) => {
                let is = is_hidden(&element) || hidden.last().copied().unwrap_or(false);
                if is && element.value().name() == "ix:nonfraction" {
                    found.push(Tagged::hidden(&element));
                }
                hidden.push(is);
            }
            Visit::Leave(_) => {
                hidden.pop();
            }
            Visit::Text(_) => {}
        }
        true
    });
    found
}

/// Elements that start a new line; those marked true leave a blank line.
fn block_kind(name: &str) -> Option<bool> {
    match name {
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "blockquote" | "ul" | "ol" | "pre" | "hr" => {
            Some(true)
        }
        "div" | "br" | "li" | "tr" | "section" | "article" | "center" | "dt" | "dd" | "caption" | "header"
        | "footer" => Some(false),
        _ => None,
    }
}

/// Parts of a document a reader does not see.
fn is_hidden(element: &ElementRef) -> bool {
    let name = element.value().name();
    if matches!(name, "head" | "script" | "style" | "title" | "ix:header" | "ix:hidden" | "noscript" | "template") {
        return true;
    }
    element.value().attr("style").is_some_and(|style| {
        let mentions_none = style.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"none"));
        mentions_none && {
            let compact: String = style.chars().filter(|c| !c.is_whitespace()).collect();
            compact.to_ascii_lowercase().contains("display:none")
        }
    })
}

#[derive(Default)]
struct Walker {
    out: TextBuilder,
    tables: Vec<TextTable>,
    tagged: Vec<Tagged>,
    warnings: Vec<Warning>,
    /// Tables being laid out around the element being walked.
    tables_open: usize,
    tables_flattened: usize,
    /// Where the text of each open inline XBRL tag began.
    tag_starts: Vec<usize>,
    /// Where each open `<pre>` began, by line.
    pre_starts: Vec<usize>,
    /// The lines written inside `<pre>`.
    preformatted_lines: Vec<usize>,
}

impl Walker {
    fn children(&mut self, element: ElementRef) {
        walk(element, |visit| match visit {
            Visit::Enter(child) => self.enter(child),
            Visit::Text(text) => {
                if self.pre_starts.is_empty() {
                    self.out.text(text);
                } else {
                    self.out.preformatted(text);
                }
                true
            }
            Visit::Leave(child) => {
                self.leave(child);
                true
            }
        });
    }

    /// Starts an element; false when its content is not to be walked.
    fn enter(&mut self, element: ElementRef) -> bool {
        if is_hidden(&element) {
            return false;
        }
        let name = element.value().name();
        if name == "table" {
            if self.tables_open < MAX_TABLE_NESTING {
                self.out.block(true);
                self.tables_open += 1;
                table::render_table(self, element);
                self.tables_open -= 1;
                self.out.block(true);
                return false;
            }
            self.tables_flattened += 1;
        }
        if name == "ix:nonfraction" {
            let start = self.out.position();
            self.tag_starts.push(start);
            return true;
        }
        if let Some(blank) = block_kind(name) {
            self.out.block(blank);
        }
        if name == "pre" {
            let start = self.out.line();
            self.pre_starts.push(start);
        }
        true
    }

    fn leave(&mut self, element: ElementRef) {
        let name = element.value().name();
        if name == "ix:nonfraction" {
            self.end_tag(&element);
            return;
        }
        if name == "pre" {
            if let Some(start) = self.pre_starts.pop() {
                let end = self.out.line();
                self.preformatted_lines.extend(start..=end);
            }
        }
        if let Some(blank) = block_kind(name) {
            self.out.block(blank);
        }
    }

    /// Records the inline XBRL tag whose text ends here.
    fn end_tag(&mut self, element: &ElementRef) {
        let Some(start) = self.tag_starts.pop() else { return };
        let end = self.out.len_written();
        let tag = self.tag(element, start..end);
        self.tagged.push(tag);
    }
}

/// A cell's content as text (one line but for `<br>` breaks), with the
/// inline XBRL numbers in it.
fn inline_text(element: ElementRef) -> (String, Vec<Tagged>) {
    let mut walker = Walker::default();
    walk(element, |visit| match visit {
        Visit::Enter(child) => walker.enter_inline(child),
        Visit::Text(text) => {
            walker.out.text(text);
            true
        }
        Visit::Leave(child) => {
            if child.value().name() == "ix:nonfraction" {
                walker.end_tag(&child);
            }
            true
        }
    });
    (walker.out.into_inline(), walker.tagged)
}

impl Walker {
    /// A tag shown at `span`: its text is what the reader sees there.
    /// A tag whose text had to be cut is no figure of its own: it keeps no
    /// place in the text, whose span would not read back as its text.
    fn tag(&self, element: &ElementRef, span: Range<usize>) -> Tagged {
        let written = self.out.written(span.clone());
        let shown = ixbrl::tag_text([written]);
        if shown.is_empty() {
            Tagged::hidden(element)
        } else if written.len() > ixbrl::MAX_TAG_TEXT {
            Tagged { span: None, ..Tagged::shown(element, shown, span) }
        } else {
            Tagged::shown(element, shown, span)
        }
    }

    /// Like `enter`, but block elements only add a space: a cell is one line.
    fn enter_inline(&mut self, element: ElementRef) -> bool {
        if is_hidden(&element) {
            return false;
        }
        match element.value().name() {
            "ix:nonfraction" => {
                let start = self.out.position();
                self.tag_starts.push(start);
            }
            "br" => {
                self.out.cell_break();
                return false;
            }
            name => {
                if block_kind(name).is_some() {
                    self.out.text(" ");
                }
            }
        }
        true
    }
}
