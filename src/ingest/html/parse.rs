//! Parsing HTML into a tree in time linear in the input, whatever its
//! nesting. html5ever follows the HTML standard, and the standard's tree
//! building scans the stack of open elements on every `<div>` (for an open
//! `<p>`) and re-creates unclosed formatting elements (`<b>`, `<font>`) on
//! every block, so 40,000 nested `<div>`s take seconds and a few kilobytes
//! of `<div><b id=…>x</div>` make millions of nodes. Between the tokenizer
//! and the tree builder, this stage:
//!
//! - turns formatting elements into `<span>`s: they change how text looks,
//!   never what it says, and a span keeps their attributes (a hidden
//!   `<font style="display:none">` stays hidden);
//! - leaves out start tags nested deeper than [`MAX_DEPTH`] elements (and
//!   their end tags), keeping the text inside them, and says how many.
//!
//! Depth is counted over elements whose end tag closes them; those the
//! parser closes by itself (`<p>`, `<li>`, `<td>`…) and void ones (`<br>`)
//! never pile up. A document nested less deeply reaches the tree builder
//! exactly as written, formatting elements aside.

use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{LocalName, TokenizerResult};
use scraper::{Html, HtmlTreeSink};

/// How deep elements may nest; Chromium's parser stops at the same depth.
pub const MAX_DEPTH: usize = 512;

/// A parsed document, and how many tags were left out for nesting too deep.
pub struct Parsed {
    pub html: Html,
    pub tags_cut: usize,
}

pub fn parse(source: &str) -> Parsed {
    let builder = TreeBuilder::new(HtmlTreeSink::new(Html::new_document()), TreeBuilderOpts::default());
    let tokenizer = Tokenizer::new(Limited { builder, nesting: RefCell::default() }, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    // The tokenizer stops at each script and each charset declaration, as a
    // browser would to run it or start again; neither matters here.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let tags_cut = tokenizer.sink.nesting.borrow().cut;
    Parsed { html: tokenizer.sink.builder.sink.finish(), tags_cut }
}

/// The tree builder behind the nesting limit.
struct Limited<Handle, Sink> {
    builder: TreeBuilder<Handle, Sink>,
    nesting: RefCell<Nesting>,
}

impl<Handle: Clone, Sink: TreeSink<Handle = Handle>> TokenSink for Limited<Handle, Sink> {
    type Handle = Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        match token {
            Token::TagToken(mut tag) => {
                if is_formatting(&tag.name) {
                    tag.name = LocalName::from("span");
                }
                let kept = match tag.kind {
                    TagKind::StartTag => self.nesting.borrow_mut().open(&tag.name, tag.self_closing),
                    TagKind::EndTag => self.nesting.borrow_mut().close(&tag.name),
                };
                if kept {
                    self.builder.process_token(Token::TagToken(tag), line_number)
                } else {
                    TokenSinkResult::Continue
                }
            }
            other => self.builder.process_token(other, line_number),
        }
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// The elements open as the tags tell it, and the start tags left out.
#[derive(Default)]
struct Nesting {
    open: Vec<LocalName>,
    /// Inside `<svg>` or `<math>`, where `<x/>` closes itself.
    foreign: usize,
    /// Start tags left out and not yet matched by an end tag, by name.
    cut_open: HashMap<LocalName, usize>,
    cut: usize,
}

impl Nesting {
    /// Whether a start tag goes on to the tree builder.
    fn open(&mut self, name: &LocalName, self_closing: bool) -> bool {
        if !closes_by_end_tag(name) || (self_closing && self.foreign > 0) {
            return true;
        }
        if self.open.len() >= MAX_DEPTH {
            *self.cut_open.entry(name.clone()).or_default() += 1;
            self.cut += 1;
            return false;
        }
        if is_foreign_root(name) {
            self.foreign += 1;
        }
        self.open.push(name.clone());
        true
    }

    /// Whether an end tag goes on: not when it closes a start tag left out.
    fn close(&mut self, name: &LocalName) -> bool {
        if let Some(count) = self.cut_open.get_mut(name).filter(|count| **count > 0) {
            *count -= 1;
            return false;
        }
        if let Some(at) = self.open.iter().rposition(|open| open == name) {
            self.foreign -= self.open[at..].iter().filter(|n| is_foreign_root(n)).count();
            self.open.truncate(at);
        }
        true
    }
}

fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small" | "strike" | "strong" | "tt" | "u"
    )
}

fn is_foreign_root(name: &str) -> bool {
    matches!(name, "svg" | "math")
}

/// Elements that stay open until their end tag: not void, and not closed
/// by the parser when a sibling starts or their parent ends.
fn closes_by_end_tag(name: &str) -> bool {
    !matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "image"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dd"
            | "dt"
            | "td"
            | "th"
            | "tr"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "colgroup"
            | "option"
            | "optgroup"
            | "rb"
            | "rp"
            | "rt"
            | "rtc"
            | "html"
            | "head"
            | "body"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of_deepest(html: &Html) -> usize {
        html.tree.nodes().map(|n| n.ancestors().count()).max().unwrap_or(0)
    }

    #[test]
    fn a_document_within_the_limit_is_parsed_as_written() {
        let source = "<html><body><div><p>Net <b>loss</b><p>again<table><tr><td>1<td>2</table></div></body></html>";
        let parsed = parse(source);
        assert_eq!(parsed.tags_cut, 0);
        let text: String = parsed.html.root_element().text().collect();
        assert_eq!(text, "Net lossagain12");
        assert_eq!(
            parsed.html.root_element().html(),
            Html::parse_document(&source.replace("<b>", "<span>").replace("</b>", "</span>")).root_element().html()
        );
    }

    #[test]
    fn tags_below_the_limit_are_left_out_and_their_text_kept() {
        let source = format!("{}deep{}after", "<div>".repeat(2000), "</div>".repeat(2000));
        let parsed = parse(&source);
        assert_eq!(parsed.tags_cut, 2000 - MAX_DEPTH);
        assert!(depth_of_deepest(&parsed.html) < MAX_DEPTH + 8);
        let text: String = parsed.html.root_element().text().collect();
        assert_eq!(text, "deepafter");
    }

    #[test]
    fn unclosed_formatting_elements_are_not_created_again_in_every_block() {
        let source: String = (0..2000).map(|i| format!("<div><b id={i}>x</div>")).collect();
        let parsed = parse(&source);
        assert!(parsed.html.tree.nodes().count() < 20_000, "{} nodes", parsed.html.tree.nodes().count());
        let hidden = parse("<font style=\"display:none\">secret</font>shown");
        let span = hidden
            .html
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
            .find(|e| e.value().name() == "span");
        assert_eq!(span.and_then(|s| s.value().attr("style")), Some("display:none"));
    }

    #[test]
    fn self_closing_svg_elements_do_not_count_as_open() {
        let source = format!("<svg>{}</svg><div>kept</div>", "<path d=\"M0\"/>".repeat(3 * MAX_DEPTH));
        assert_eq!(parse(&source).tags_cut, 0);
    }
}
