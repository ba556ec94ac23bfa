//! HTML filings as readable text. The document is rendered the way a reader
//! sees it (hidden parts such as `display:none` and `ix:header` left out,
//! paragraphs wrapped, tables laid out as aligned columns), and as it is
//! rendered every table cell and every inline XBRL number records where it
//! landed, so provenance and highlighting work exactly as for text filings.

mod builder;
mod ixbrl;
mod table;

use std::ops::Range;

use scraper::{ElementRef, Html, Node};

use super::text_table::TextTable;
use crate::text::collapse_spaces;
use builder::TextBuilder;
pub use ixbrl::{Context, Cover, Tagged};

/// What rendering an HTML document gives.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub text: String,
    pub tables: Vec<TextTable>,
    /// Inline XBRL numbers, with their place in `text` when shown.
    pub tagged: Vec<Tagged>,
    pub contexts: std::collections::HashMap<String, Context>,
    pub cover: Cover,
}

pub fn render(source: &str) -> Rendered {
    let document = Html::parse_document(source);
    let mut walker = Walker::default();
    walker.children(document.root_element());
    let text = walker.out.finish();
    let contexts = ixbrl::contexts(&document);
    let cover = ixbrl::cover(&document);
    let mut tagged = walker.tagged;
    tagged.extend(hidden_tags(&document));
    Rendered { text, tables: walker.tables, tagged, contexts, cover }
}

/// Inline XBRL numbers a reader does not see (in `ix:hidden`, or under
/// `display:none`): facts all the same, with no place in the text.
fn hidden_tags(document: &Html) -> Vec<Tagged> {
    document
        .tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "ix:nonfraction")
        .filter(|e| e.ancestors().filter_map(ElementRef::wrap).any(|a| is_hidden(&a)))
        .map(|e| Tagged::hidden(&e))
        .collect()
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
}

impl Walker {
    fn children(&mut self, element: ElementRef) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.out.text(text),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef) {
        if is_hidden(&element) {
            return;
        }
        let name = element.value().name();
        if name == "table" {
            self.out.block(true);
            table::render_table(self, element);
            self.out.block(true);
            return;
        }
        if name == "ix:nonfraction" {
            let start = self.out.position();
            self.children(element);
            let end = self.out.len_written();
            self.tagged.push(self.tag(&element, start..end));
            return;
        }
        let block = block_kind(name);
        if let Some(blank) = block {
            self.out.block(blank);
        }
        self.children(element);
        if let Some(blank) = block {
            self.out.block(blank);
        }
    }
}

/// A cell's content as text (one line but for `<br>` breaks), with the
/// inline XBRL numbers in it.
fn inline_text(element: ElementRef) -> (String, Vec<Tagged>) {
    let mut walker = Walker::default();
    walker.children_inline(element);
    let text = walker.out.into_inline();
    (text, walker.tagged)
}

impl Walker {
    /// A tag shown at `span`: its text is what the reader sees there.
    fn tag(&self, element: &ElementRef, span: Range<usize>) -> Tagged {
        let shown = collapse_spaces(self.out.written(span.clone()));
        if shown.is_empty() {
            Tagged::hidden(element)
        } else {
            Tagged::shown(element, shown, span)
        }
    }

    /// Like `children`, but block elements only add a space: a cell is one line.
    fn children_inline(&mut self, element: ElementRef) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.out.text(text),
                Node::Element(_) => {
                    let Some(child) = ElementRef::wrap(child) else { continue };
                    if is_hidden(&child) {
                        continue;
                    }
                    if child.value().name() == "ix:nonfraction" {
                        let start = self.out.position();
                        self.children_inline(child);
                        let end = self.out.len_written();
                        self.tagged.push(self.tag(&child, start..end));
                    } else if child.value().name() == "br" {
                        self.out.cell_break();
                    } else {
                        if block_kind(child.value().name()).is_some() {
                            self.out.text(" ");
                        }
                        self.children_inline(child);
                    }
                }
                _ => {}
            }
        }
    }
}
