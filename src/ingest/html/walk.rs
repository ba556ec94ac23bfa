//! Walking a subtree in document order without recursion: a document
//! nested thousands deep would overflow the stack of a recursive walk. The
//! walk keeps one frame per open element, each holding the next child to
//! visit, so it needs no more memory than the tree is deep.

use scraper::{ElementRef, Node};

/// What the walk meets, in document order.
pub enum Visit<'a> {
    /// An element; the visitor answers whether to walk its content.
    Enter(ElementRef<'a>),
    Text(&'a str),
    /// The end of an element whose content was walked.
    Leave(ElementRef<'a>),
}

/// Visits the content of `root` (not `root` itself).
pub fn walk<'a>(root: ElementRef<'a>, mut visit: impl FnMut(Visit<'a>) -> bool) {
    let mut open = vec![(None::<ElementRef<'a>>, root.first_child())];
    while let Some((element, next)) = open.last_mut() {
        let Some(node) = next.take() else {
            if let Some(element) = *element {
                visit(Visit::Leave(element));
            }
            open.pop();
            continue;
        };
        *next = node.next_sibling();
        match node.value() {
            Node::Text(text) => {
                visit(Visit::Text(text));
            }
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(node) {
                    if visit(Visit::Enter(child)) {
                        open.push((Some(child), child.first_child()));
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visits_in_document_order_and_skips_what_the_visitor_declines() {
        let html = scraper::Html::parse_fragment("<p>a<b>b<i>c</i></b><s>skipped</s>d</p>");
        let mut seen = Vec::new();
        walk(html.root_element(), |visit| match visit {
            Visit::Enter(e) => {
                seen.push(format!("<{}>", e.value().name()));
                e.value().name() != "s"
            }
            Visit::Text(t) => {
                seen.push(t.to_owned());
                true
            }
            Visit::Leave(e) => {
                seen.push(format!("</{}>", e.value().name()));
                true
            }
        });
        assert_eq!(seen.concat(), "<p>a<b>b<i>c</i></b><s>d</p>");
    }

    #[test]
    fn a_tree_deeper_than_any_stack_is_walked() {
        let html = scraper::Html::parse_fragment(&format!("{}x", "<b>".repeat(100_000)));
        let mut entered = 0;
        walk(html.root_element(), |visit| {
            entered += usize::from(matches!(visit, Visit::Enter(_)));
            true
        });
        assert_eq!(entered, 100_000);
    }
}
