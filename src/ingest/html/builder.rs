//! Builds readable text from HTML's inline and block content: white space
//! collapses as a browser would, blocks start new lines (paragraphs leave a
//! blank line), and long lines wrap at a word boundary. Wrapping replaces a
//! space by a line break, so byte offsets taken earlier stay valid.

/// Lines longer than this wrap.
pub const WRAP_COLUMNS: usize = 100;

#[derive(Default)]
pub struct TextBuilder {
    out: String,
    space_pending: bool,
    /// No-break spaces before the next word: a browser never collapses them.
    kept_spaces: usize,
    breaks_pending: usize,
    line_start: usize,
    lines: usize,
    /// Lines laid out with runs of no-break spaces, as text imitating a
    /// typed table does.
    aligned_lines: Vec<usize>,
}

/// A run of no-break spaces this long lines text up in columns.
const ALIGNING_SPACES: usize = 2;

impl TextBuilder {
    pub fn text(&mut self, text: &str) {
        let mut rest = text;
        while !rest.is_empty() {
            let word_start = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
            if word_start > 0 {
                let gap = &rest[..word_start];
                let kept = gap.chars().filter(|&c| c == '\u{a0}').count();
                self.kept_spaces += kept;
                self.space_pending = kept < gap.chars().count() || self.space_pending;
            }
            rest = &rest[word_start..];
            if rest.is_empty() {
                break;
            }
            let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            self.settle();
            self.out.push_str(&rest[..word_end]);
            rest = &rest[word_end..];
        }
    }

    /// A line break inside one cell's content (`<br>` in a heading cell).
    pub fn cell_break(&mut self) {
        self.space_pending = false;
        self.kept_spaces = 0;
        self.out.push('\n');
    }

    /// Text kept exactly as written, line breaks and all (inside `<pre>`).
    pub fn preformatted(&mut self, text: &str) {
        let mut pieces = text.split('\n');
        if let Some(first) = pieces.next() {
            self.settle_breaks();
            self.out.push_str(first);
        }
        for piece in pieces {
            self.out.push('\n');
            self.lines += 1;
            self.line_start = self.out.len();
            self.out.push_str(piece);
        }
    }

    /// Text kept as written (a table line).
    pub fn raw_line(&mut self, line: &str) {
        self.block(false);
        self.settle();
        self.out.push_str(line);
        self.lines += line.matches('\n').count();
        self.block(false);
    }

    /// Ends the current line; `blank` leaves an empty line after it.
    pub fn block(&mut self, blank: bool) {
        if !self.out.is_empty() {
            self.breaks_pending = self.breaks_pending.max(if blank { 2 } else { 1 });
        }
        self.space_pending = false;
        self.kept_spaces = 0;
    }

    /// Where the next visible character will go (a pending space is
    /// written first, so the position is that of the character itself).
    pub fn position(&mut self) -> usize {
        self.settle();
        self.out.len()
    }

    /// The length written so far (the end of what was just written).
    pub fn len_written(&self) -> usize {
        self.out.len()
    }

    /// Text already written.
    pub fn written(&self, range: std::ops::Range<usize>) -> &str {
        &self.out[range]
    }

    /// The index of the line the next visible character will go on.
    pub fn line(&mut self) -> usize {
        self.settle_breaks();
        self.lines
    }

    pub fn finish(mut self) -> String {
        self.wrap_current_line();
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out
    }

    /// The text so far, for a cell's content: no trailing break.
    pub fn into_inline(self) -> String {
        self.out
    }

    /// The lines laid out with runs of no-break spaces.
    pub fn aligned_lines(&self) -> &[usize] {
        &self.aligned_lines
    }

    fn settle(&mut self) {
        self.settle_breaks();
        let kept = std::mem::take(&mut self.kept_spaces);
        if kept >= ALIGNING_SPACES && self.aligned_lines.last() != Some(&self.lines) {
            self.aligned_lines.push(self.lines);
        }
        let spaces = kept + usize::from(self.space_pending);
        if self.out.len() > self.line_start || kept > 0 {
            self.out.extend(std::iter::repeat_n(' ', spaces));
        }
        self.space_pending = false;
    }

    fn settle_breaks(&mut self) {
        if self.breaks_pending == 0 {
            return;
        }
        self.kept_spaces = 0;
        self.wrap_current_line();
        let trailing = self.out.chars().rev().take_while(|&c| c == '\n').count();
        for _ in trailing..self.breaks_pending {
            self.out.push('\n');
            self.lines += 1;
        }
        self.breaks_pending = 0;
        self.space_pending = false;
        self.line_start = self.out.len();
    }

    fn wrap_current_line(&mut self) {
        let line = &self.out[self.line_start..];
        if line.len() <= WRAP_COLUMNS || line.chars().count() <= WRAP_COLUMNS || line.contains("  ") {
            return;
        }
        let line = self.out.split_off(self.line_start);
        let mut wrapped = String::with_capacity(line.len());
        let mut column = 0;
        let mut last_space: Option<(usize, usize)> = None;
        for c in line.chars() {
            if c == ' ' {
                last_space = Some((wrapped.len(), column));
            }
            wrapped.push(c);
            column += 1;
            if column > WRAP_COLUMNS {
                if let Some((at, at_column)) = last_space.take() {
                    wrapped.replace_range(at..at + 1, "\n");
                    self.lines += 1;
                    column -= at_column + 1;
                }
            }
        }
        self.out.push_str(&wrapped);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_collapses_and_blocks_break_lines() {
        let mut b = TextBuilder::default();
        b.text("  Net   loss\n for the ");
        b.text("quarter ");
        b.block(true);
        b.text("Next paragraph");
        assert_eq!(b.finish(), "Net loss for the quarter\n\nNext paragraph\n");
    }

    #[test]
    fn no_break_spaces_are_kept_and_pre_text_stays_as_written() {
        let mut b = TextBuilder::default();
        b.text("Net\u{a0}sales\u{a0}\u{a0}\u{a0}\u{a0}1,234");
        b.block(false);
        b.preformatted("Revenue      $  12\nNet loss        (5)");
        let text = b.finish();
        assert_eq!(text, "Net sales    1,234\nRevenue      $  12\nNet loss        (5)\n");
    }

    #[test]
    fn long_lines_wrap_without_moving_offsets() {
        let mut b = TextBuilder::default();
        let words: Vec<String> = (0..40).map(|i| format!("word{i}")).collect();
        b.text(&words.join(" "));
        let at = b.position();
        b.text(" $7.3");
        let text = b.finish();
        assert!(text.lines().all(|l| l.chars().count() <= WRAP_COLUMNS));
        assert_eq!(&text[at + 1..at + 5], "$7.3");
    }
}
