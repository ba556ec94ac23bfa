//! The line model of a document's text: where each line starts, so that a
//! byte span maps to a line and column and a line is found without scanning.

/// Byte offsets of line starts in one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    text_len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        if starts.last() == Some(&text.len()) && starts.len() > 1 {
            starts.pop();
        }
        LineIndex { starts, text_len: text.len() }
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text_len == 0
    }

    /// Byte range of line `i` without its line ending (`\n` or `\r\n`).
    pub fn range(&self, text: &str, i: usize) -> std::ops::Range<usize> {
        let start = self.starts[i];
        let mut end = self.starts.get(i + 1).copied().unwrap_or(self.text_len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    pub fn line<'t>(&self, text: &'t str, i: usize) -> &'t str {
        &text[self.range(text, i)]
    }

    pub fn start(&self, i: usize) -> usize {
        self.starts[i]
    }

    /// The line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_offsets_round_trip() {
        let text = "one\r\ntwo\n\nfour";
        let index = LineIndex::new(text);
        assert_eq!(index.len(), 4);
        assert_eq!(index.line(text, 0), "one");
        assert_eq!(index.line(text, 1), "two");
        assert_eq!(index.line(text, 2), "");
        assert_eq!(index.line(text, 3), "four");
        assert_eq!(index.line_of(text.find("four").unwrap()), 3);
        assert_eq!(index.line_of(1), 0);
    }

    #[test]
    fn trailing_newline_adds_no_line() {
        let text = "a\nb\n";
        assert_eq!(LineIndex::new(text).len(), 2);
    }
}
