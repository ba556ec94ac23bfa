//! Words and amounts of one fixed-width line, with the character columns
//! they occupy. Column positions (not byte offsets) are what line a number
//! up under its heading, so tabs and multi-byte characters are counted as a
//! reader sees them.

use crate::amount::{self, Amount};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Amount(Amount),
    /// `--`, `-`, `—`, `n/a`, `NM`: no value in this cell.
    Nil,
    /// A dollar sign standing in a column of its own.
    Dollar,
    /// A footnote marker such as `<F1>` or `*`.
    Footnote,
    Word,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range within the line.
    pub start: usize,
    pub end: usize,
    /// Character columns (tabs to the next multiple of 8).
    pub start_col: usize,
    pub end_col: usize,
    /// Column just past the last digit, for right alignment: the closing
    /// parenthesis of a negative hangs past the column's edge.
    pub digits_end_col: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn is_cell(&self) -> bool {
        matches!(self.kind, TokenKind::Amount(_) | TokenKind::Nil)
    }
}

/// Splits a line into whitespace-separated tokens.
pub fn tokenize(line: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut col = 0;
    let mut current: Option<(usize, usize)> = None;
    for (i, ch) in line.char_indices() {
        if ch.is_whitespace() {
            if let Some((start, start_col)) = current.take() {
                tokens.push(make_token(&line[start..i], start, start_col, col));
            }
            col = if ch == '\t' { (col / 8 + 1) * 8 } else { col + 1 };
        } else {
            if current.is_none() {
                current = Some((i, col));
            }
            col += 1;
        }
    }
    if let Some((start, start_col)) = current {
        tokens.push(make_token(&line[start..], start, start_col, col));
    }
    tokens
}

/// Makes a token; an amount's range stops before a footnote marker glued
/// to it (`112,804<F1>`), so that the span is the number alone.
fn make_token(text: &str, start: usize, start_col: usize, end_col: usize) -> Token {
    let kind = classify(text);
    let (printed, trailing) = match kind {
        TokenKind::Amount(_) => {
            let printed = amount::without_footnote(text);
            (printed, printed.chars().rev().take_while(|c| !c.is_ascii_digit()).count())
        }
        _ => (text, 0),
    };
    let marker_cols = text[printed.len()..].chars().count();
    Token {
        start,
        end: start + printed.len(),
        start_col,
        end_col: end_col - marker_cols,
        digits_end_col: end_col - marker_cols - trailing,
        kind,
    }
}

/// What a single token is.
pub fn classify(text: &str) -> TokenKind {
    match text {
        "$" | "US$" => return TokenKind::Dollar,
        "-" | "--" | "---" | "\u{2014}" | "\u{2013}" | "\u{2014}\u{2014}" | "\u{2212}" | "n/a" | "N/A" | "NM"
        | "nm" | "n.m." | "N.M." => return TokenKind::Nil,
        "*" | "**" => return TokenKind::Footnote,
        _ => {}
    }
    if amount::is_footnote_marker(text) {
        return TokenKind::Footnote;
    }
    let can_open_amount =
        text.bytes().next().is_some_and(|b| b.is_ascii_digit() || matches!(b, b'$' | b'(' | b'-' | b'.' | b'U' | 0xE2));
    if !can_open_amount {
        return TokenKind::Word;
    }
    amount::figure(text).map_or(TokenKind::Word, TokenKind::Amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_columns_and_kinds() {
        let tokens = tokenize("Net loss\t  $ (7,321)   --  <F1>");
        let kinds: Vec<_> = tokens.iter().map(|t| t.kind).collect();
        assert!(matches!(kinds[2], TokenKind::Dollar));
        assert!(matches!(kinds[3], TokenKind::Amount(_)));
        assert!(matches!(kinds[4], TokenKind::Nil));
        assert!(matches!(kinds[5], TokenKind::Footnote));
        assert_eq!(tokens[2].start_col, 18, "the tab after column 8 advances to 16, then two spaces");
        assert_eq!(tokens[3].end_col - tokens[3].digits_end_col, 1, "closing parenthesis hangs");
        let glued = tokenize("Total  112,804<F1>");
        assert_eq!(&"Total  112,804<F1>"[glued[1].start..glued[1].end], "112,804");
        assert_eq!(glued[1].digits_end_col, 14);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let tokens = tokenize("\u{2014}  12");
        assert_eq!(tokens[1].start_col, 3);
        assert_eq!(tokens[1].start, 5);
    }
}
