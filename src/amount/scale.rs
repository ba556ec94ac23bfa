//! The power of ten money is printed in, and the notes that state it:
//! "(IN $000S)", "(in thousands, except per share data)", "Dollars in
//! millions", "(000's omitted)". A note can exempt rows ("except net
//! income (loss)"), which are then printed in full units.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::pattern::words;

/// A power of ten: 3 for figures in thousands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Scale(i32);

/// The largest power of ten a decimal number holds.
const MAX_POWER: i32 = 28;

impl Scale {
    pub const UNITS: Scale = Scale(0);
    pub const THOUSANDS: Scale = Scale(3);
    pub const MILLIONS: Scale = Scale(6);
    pub const BILLIONS: Scale = Scale(9);

    pub const fn new(power: i32) -> Scale {
        Scale(power)
    }

    pub fn power(self) -> i32 {
        self.0
    }

    /// `value` × 10^power, or `None` when the result cannot be represented.
    pub fn apply(self, value: Decimal) -> Option<Decimal> {
        if self.0.abs() > MAX_POWER {
            return None;
        }
        let power = self.0.unsigned_abs();
        if self.0 >= 0 {
            value.checked_mul(Decimal::from_i128_with_scale(10i128.pow(power), 0))
        } else {
            value.checked_mul(Decimal::try_new(1, power).ok()?)
        }
    }

    /// `value` ÷ 10^power: a full-unit value as it is printed in this scale.
    pub fn unapply(self, value: Decimal) -> Option<Decimal> {
        Scale(self.0.checked_neg()?).apply(value)
    }

    /// How the power is named when money is stated: "thousand", "million".
    pub fn name(self) -> Option<&'static str> {
        match self.0 {
            3 => Some("thousand"),
            6 => Some("million"),
            9 => Some("billion"),
            _ => None,
        }
    }

    /// The power for a fact's provenance: negative powers (an inline XBRL
    /// `scale="-2"`) are kept as 0, since no money is printed in hundredths.
    pub fn recorded(self) -> u32 {
        u32::try_from(self.0).unwrap_or(0)
    }
}

/// What a scale note says: the scale, and the rows it exempts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleNote {
    pub scale: Scale,
    /// Lower-case phrases after "except", such as "net income (loss)";
    /// per-share and share rows need no exemption (they are never scaled).
    except: Vec<String>,
}

impl ScaleNote {
    /// The scale for a row: full units when the note exempts it.
    pub fn scale_for(&self, normalized_label: &str) -> Scale {
        if self.except.iter().any(|phrase| normalized_label.contains(phrase.as_str())) {
            Scale::UNITS
        } else {
            self.scale
        }
    }
}

static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"(?P<w>thousands|millions|billions)";
    words(&format!(
        r"(?i)\bin\s+(?:(?:u\.?s\.?\s*)?\$\s*|(?:u\.?s\.?\s+)?dollars\s+)?{word}\b|\b(?P<w2>thousands|millions|billions)\s+of\s+(?:u\.?s\.?\s+)?dollars\b|\$\s*(?P<w3>thousands|millions|billions)\b|\(\s*(?P<w4>thousands|millions|billions)\s*[),]|(?:\$\s*|\bin\s+\$?\s*|\(\s*\$?\s*)(?P<z>000)'?s?\b|\b(?P<z2>000)'?s\s+omitted\b|\(\s*\$\s*(?P<m>mm?|mn)\s*\)|\bin\s+(?:whole\s+)?(?P<units>dollars|u\.?s\.?\s+dollars)\b(?:\s*[,)]|\s*$|\s+except)"
    ))
    .expect("scale note pattern")
});
static EXCEPT: LazyLock<Regex> =
    LazyLock::new(|| words(r"(?i)\bexcept\s+(?:for\s+)?(?P<what>[^;\]]*)").expect("except pattern"));

/// The scale note in a piece of text, if it holds one.
pub fn note_in(text: &str) -> Option<ScaleNote> {
    let found = NOTE.captures(text)?;
    let named = |group: &str| found.name(group).map(|m| m.as_str().to_ascii_lowercase());
    let scale = if let Some(word) = named("w").or_else(|| named("w2")).or_else(|| named("w3")).or_else(|| named("w4")) {
        match word.as_str() {
            "thousands" => Scale::THOUSANDS,
            "millions" => Scale::MILLIONS,
            _ => Scale::BILLIONS,
        }
    } else if found.name("z").is_some() || found.name("z2").is_some() {
        Scale::THOUSANDS
    } else if found.name("m").is_some() {
        Scale::MILLIONS
    } else {
        Scale::UNITS
    };
    let after = &text[found.get(0).map_or(0, |m| m.end())..];
    let except = EXCEPT.captures(after).map(|c| exemptions(&c["what"])).unwrap_or_default();
    Some(ScaleNote { scale, except })
}

/// True when the text is a scale note and little else: a heading cell or
/// line such as "(Dollars in millions)", not a column heading that happens
/// to hold a "000" ("2000").
pub fn is_note(text: &str) -> bool {
    let trimmed = text.trim();
    if trimmed.len() > 120 {
        return false;
    }
    let Some(found) = NOTE.find(trimmed) else { return false };
    let after = &trimmed[found.end()..];
    let after = EXCEPT.find(after).map_or(after, |except| &after[..except.start()]);
    let rest = format!("{} {after}", &trimmed[..found.start()]).to_lowercase();
    let other_words: usize = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !NOTE_FILLERS.contains(w))
        .map(str::len)
        .sum();
    other_words <= 12
}

/// Words that may stand around a scale note without making it more.
const NOTE_FILLERS: [&str; 12] =
    ["dollars", "amounts", "in", "unaudited", "us", "u", "s", "expressed", "all", "are", "stated", "of"];

/// The rows an "except" clause exempts from the scale, as label phrases.
fn exemptions(clause: &str) -> Vec<String> {
    let clause = clause.trim_end_matches([')', '.', ' ']).to_lowercase();
    clause
        .split([',', ';'])
        .flat_map(|part| part.split(" and "))
        .map(|part| {
            let part = part.trim().trim_start_matches("for ").trim();
            let part = part
                .trim_end_matches(" data")
                .trim_end_matches(" amounts")
                .trim_end_matches(" information")
                .trim_end_matches(" figures")
                .trim();
            part.trim_end_matches(')').trim().to_owned()
        })
        .filter(|phrase| {
            !phrase.is_empty()
                && !phrase.contains("per share")
                && !phrase.contains("share")
                && !phrase.contains("percent")
                && !phrase.contains("ratio")
                && phrase != "as noted"
                && !phrase.starts_with("where")
                && !phrase.starts_with("as ")
                && !phrase.starts_with("otherwise")
        })
        .map(
            |phrase| {
                if phrase.ends_with(" (loss") || phrase.ends_with(" (deficit") {
                    format!("{phrase})")
                } else {
                    phrase
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(note: &str) -> Option<i32> {
        note_in(note).map(|n| n.scale.power())
    }

    #[test]
    fn notes_as_filings_write_them() {
        let cases = [
            ("(IN $000S)", Some(3)),
            ("(IN $000S EXCEPT PER SHARE DATA)", Some(3)),
            ("(in thousands, except per share data)", Some(3)),
            ("(in millions, except per share data)", Some(6)),
            ("US$ in 000s", Some(3)),
            ("Dollars in thousands", Some(3)),
            ("(Dollars in Millions)", Some(6)),
            ("(000's)", Some(3)),
            ("($000)", Some(3)),
            ("(000's omitted)", Some(3)),
            ("(In millions of U.S. dollars)", Some(6)),
            ("(thousands of dollars)", Some(3)),
            ("(Millions)", Some(6)),
            ("($ in billions)", Some(9)),
            ("($M)", Some(6)),
            ("Amounts in thousands", Some(3)),
            ("(in dollars, except share data)", Some(0)),
            ("(Unaudited)", None),
            ("2000", None),
            ("December 31, 2000", None),
            ("Three months ended 2000 1999", None),
        ];
        for (text, expected) in cases {
            assert_eq!(scale(text), expected, "{text}");
        }
    }

    #[test]
    fn exemptions_keep_the_rows_they_name_in_full_units() {
        let note = note_in("(in thousands, except net income (loss))").unwrap();
        assert_eq!(note.scale_for("net income (loss)"), Scale::UNITS);
        assert_eq!(note.scale_for("revenues"), Scale::THOUSANDS);
        let per_share = note_in("(In thousands, except per share amounts and share data)").unwrap();
        assert_eq!(per_share.scale_for("net loss"), Scale::THOUSANDS);
    }

    #[test]
    fn a_heading_that_is_only_a_note() {
        assert!(is_note("(Dollars in millions)"));
        assert!(is_note("(in thousands, except per share data)"));
        assert!(!is_note("2000"));
        assert!(!is_note("Three Months Ended June 30, 2000"));
    }
}
