//! Scale notes: "(IN $000S)", "(in thousands, except per share data)",
//! "(in millions)". The power of ten a table's money figures are printed in.

use std::sync::LazyLock;

use regex::Regex;

use crate::pattern::words;

static SCALES: LazyLock<[(Regex, u32); 3]> = LazyLock::new(|| {
    let re = |p: &str| words(p).expect("scale pattern");
    [
        (re(r"(?i)\bin\s+billions\b|\bbillions\s+of\s+(u\.s\.\s+)?dollars\b|\$\s*billions\b"), 9),
        (re(r"(?i)\bin\s+millions\b|\bmillions\s+of\s+(u\.s\.\s+)?dollars\b|\$\s*millions\b|\(\s*\$\s*m\s*\)"), 6),
        (
            re(
                r"(?i)\bin\s+thousands\b|\bthousands\s+of\s+(u\.s\.\s+)?dollars\b|\$\s*000'?s\b|\bin\s+000'?s\b|\(\s*000'?s?\s*\)|\b000'?s\s+omitted\b|\$\s*thousands\b",
            ),
            3,
        ),
    ]
});

/// The scale a note states, searching the given lines nearest-first (the
/// last line is the one closest to the numbers).
pub fn scale_of<'a>(lines: impl DoubleEndedIterator<Item = &'a str>) -> Option<u32> {
    lines.rev().find_map(|line| SCALES.iter().find(|(re, _)| re.is_match(line)).map(|(_, power)| *power))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(note: &str) -> Option<u32> {
        scale_of([note].into_iter())
    }

    #[test]
    fn notes_as_filings_write_them() {
        assert_eq!(scale("(IN $000S)"), Some(3));
        assert_eq!(scale("(IN $000S EXCEPT PER SHARE DATA)"), Some(3));
        assert_eq!(scale("(in thousands, except per share data)"), Some(3));
        assert_eq!(scale("(in millions, except per share data)"), Some(6));
        assert_eq!(scale("US$ in 000s"), Some(3));
        assert_eq!(scale("Dollars in thousands"), Some(3));
        assert_eq!(scale("(Unaudited)"), None);
    }

    #[test]
    fn the_nearest_note_wins() {
        assert_eq!(scale_of(["(in millions)", "(in thousands)"].into_iter()), Some(3));
    }
}
