//! Words and amounts of one fixed-width line, with the character columns
//! they occupy. Column positions (not byte offsets) are what line a number
//! up under its heading, so tabs and multi-byte characters are counted as a
//! reader sees them.

use std::str::FromStr;

use rust_decimal::Decimal;

/// A printed amount: `(7,321)`, `$1,234.5`, `-0.30`, `12%`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    /// Signed value as printed, before any table scale.
    pub value: Decimal,
    /// Digits after the decimal point as printed.
    pub decimals: u32,
    pub percent: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Amount(Amount),
    /// `--`, `-`, `—`: nothing (zero) in this cell.
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
            let printed = strip_footnote(text);
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
        "-" | "--" | "---" | "\u{2014}" | "\u{2013}" | "\u{2014}\u{2014}" | "\u{2212}" => return TokenKind::Nil,
        "*" | "**" => return TokenKind::Footnote,
        _ => {}
    }
    if is_footnote(text) {
        return TokenKind::Footnote;
    }
    let can_open_amount =
        text.bytes().next().is_some_and(|b| b.is_ascii_digit() || matches!(b, b'$' | b'(' | b'-' | b'.' | b'U' | 0xE2));
    if !can_open_amount {
        return TokenKind::Word;
    }
    parse_amount(text).map_or(TokenKind::Word, TokenKind::Amount)
}

fn is_footnote(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() > 3
        && bytes[0] == b'<'
        && bytes[1].eq_ignore_ascii_case(&b'F')
        && bytes[bytes.len() - 1] == b'>'
        && bytes[2..bytes.len() - 1].iter().all(u8::is_ascii_digit)
}

/// Reads one printed amount; `None` for anything that is not exactly one.
pub fn parse_amount(text: &str) -> Option<Amount> {
    let mut s = strip_footnote(text);
    let mut negative = false;
    s = s.strip_prefix("US$").or_else(|| s.strip_prefix('$')).unwrap_or(s);
    if let Some(inner) = s.strip_prefix('(') {
        negative = true;
        s = inner.strip_suffix(')').unwrap_or(inner);
        s = s.strip_prefix('$').unwrap_or(s);
    }
    let percent = s.ends_with('%');
    s = s.strip_suffix('%').unwrap_or(s);
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        if negative {
            return None;
        }
        negative = true;
        s = rest.strip_prefix('$').unwrap_or(rest);
    }
    let (whole, fraction) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    if !valid_whole(whole) || fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    if whole.is_empty() && fraction.is_none() {
        return None;
    }
    let digits: String = s.chars().filter(|&c| c != ',').collect();
    let digits = if digits.starts_with('.') { format!("0{digits}") } else { digits };
    let magnitude = Decimal::from_str(&digits).ok()?;
    Some(Amount {
        value: if negative { -magnitude } else { magnitude },
        decimals: fraction.map_or(0, |f| f.len() as u32),
        percent,
    })
}

fn strip_footnote(text: &str) -> &str {
    if !text.ends_with('>') {
        return text;
    }
    match text.rfind('<') {
        Some(at) if at > 0 && is_footnote(&text[at..]) => &text[..at],
        _ => text,
    }
}

/// Digits with thousands separators in the right places, or plain digits.
fn valid_whole(whole: &str) -> bool {
    if whole.is_empty() {
        return true;
    }
    let groups: Vec<&str> = whole.split(',').collect();
    if groups.len() == 1 {
        return whole.len() <= 15 && whole.bytes().all(|b| b.is_ascii_digit());
    }
    let first_ok = (1..=3).contains(&groups[0].len());
    first_ok && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) && groups[1..].iter().all(|g| g.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Option<(String, u32)> {
        parse_amount(text).map(|a| (a.value.to_string(), a.decimals))
    }

    #[test]
    fn amounts_as_printed() {
        assert_eq!(amount("(7,321)"), Some(("-7321".into(), 0)));
        assert_eq!(amount("$1,234.5"), Some(("1234.5".into(), 1)));
        assert_eq!(amount("$(0.30)"), Some(("-0.30".into(), 2)));
        assert_eq!(amount("(.30)"), Some(("-0.30".into(), 2)));
        assert_eq!(amount("-4,830"), Some(("-4830".into(), 0)));
        assert_eq!(amount("24,525,026"), Some(("24525026".into(), 0)));
        assert_eq!(amount("1,234<F1>"), Some(("1234".into(), 0)));
        assert!(parse_amount("12.5%").unwrap().percent);
    }

    #[test]
    fn things_that_are_not_amounts() {
        for text in ["866-425-6195", "10-Q", "2006.", "1,23", "12,3456", "(IN", "$000S)", "3I", ".", "(", "()", "-(5)"]
        {
            assert_eq!(parse_amount(text), None, "{text}");
        }
    }

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
