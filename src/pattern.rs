//! Regular expressions over filing text, with ASCII word boundaries.
//!
//! A Unicode `\b` makes the regex engine leave its fast DFA for a slower one
//! whenever the text holds a character outside ASCII, and filings are full
//! of em dashes, curly quotes and no-break spaces. The words the patterns
//! look for ("ended", "June", "thousands") are ASCII, so an ASCII boundary
//! finds the same matches, faster.

use regex::Regex;

/// Compiles `pattern` with every `\b` made an ASCII word boundary.
pub fn words(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&ascii_boundaries(pattern))
}

fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str(r"(?-u:\b)"),
            Some(escaped) => {
                out.push('\\');
                out.push(escaped);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_word_boundaries_change() {
        assert_eq!(ascii_boundaries(r"\bend(ed)?\b"), r"(?-u:\b)end(ed)?(?-u:\b)");
        assert_eq!(ascii_boundaries(r"a\\b\d"), r"a\\b\d", "an escaped backslash before b is a literal");
    }

    #[test]
    fn boundaries_still_hold_beside_non_ascii_text() {
        let ended = words(r"(?i)\bended\b").unwrap();
        assert!(ended.is_match("quarter ended\u{2014}June 30"));
        assert!(!ended.is_match("unended"));
    }
}
