//! Figures as filings print them, and the powers of ten they are printed in.
//!
//! Every reader of a number goes through here: a table cell ("(7,321)",
//! "$1,234.5", "12%"), a sentence ("$7.3 million"), an inline XBRL tag in
//! its format ("1.234,5"), and what an analyst types ("7.4m"). A figure
//! keeps what its printing says about precision (its decimals), and all
//! arithmetic on it is checked: a figure too large to represent is refused
//! (`None`), never wrapped and never a panic.

pub mod scale;

use std::str::FromStr;

use rust_decimal::Decimal;

pub use scale::{Scale, ScaleNote};

/// A figure as printed: `(7,321)`, `$1,234.5`, `-0.30`, `12%`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    /// Signed value as printed, before any scale.
    pub value: Decimal,
    /// Digits after the decimal point as printed.
    pub decimals: u32,
    pub percent: bool,
}

impl Amount {
    /// The value in full units, once printed in `scale`; `None` when it
    /// cannot be represented.
    pub fn in_units(self, scale: Scale) -> Option<Decimal> {
        scale.apply(self.value)
    }

    /// Half the unit of the last printed digit, in full units: how far the
    /// true value may lie from the printed one (500 for "7,321" in
    /// thousands, 50,000 for "7.3" in millions).
    pub fn rounding(self, scale: Scale) -> Option<Decimal> {
        half_unit(scale.power().checked_sub(i32::try_from(self.decimals).ok()?)?)
    }
}

/// Two statements of one figure agree when they differ by no more than
/// the rounding of the less precise ($7.3 million agrees with 7,329
/// thousand).
pub fn agree(a: Decimal, a_rounding: Decimal, b: Decimal, b_rounding: Decimal) -> bool {
    (a - b).abs() <= a_rounding.max(b_rounding)
}

/// Half of 10^`last_digit_power`: the rounding of a figure whose last
/// printed digit stands for that power of ten.
pub fn half_unit(last_digit_power: i32) -> Option<Decimal> {
    let five = Decimal::from(5);
    Scale::new(last_digit_power.checked_sub(1)?).apply(five).map(|d| d.normalize())
}

/// Reads one printed figure of a table cell; `None` for anything that is
/// not exactly one figure (or one too large to represent).
pub fn figure(text: &str) -> Option<Amount> {
    let mut s = without_footnote(text);
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
    let (magnitude, decimals) = grouped_number(s)?;
    Some(Amount { value: if negative { -magnitude } else { magnitude }, decimals, percent })
}

/// Digits with thousands separators in the right places (or none), and an
/// optional fraction: "1,234.5", ".30", "7400000".
fn grouped_number(s: &str) -> Option<(Decimal, u32)> {
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
    let decimals = u32::try_from(fraction.map_or(0, str::len)).ok()?;
    (decimals <= MAX_DECIMALS).then_some((magnitude, decimals))
}

/// Figures with more decimals than this cannot carry their rounding (half
/// the last digit needs one decimal more than a decimal number holds).
const MAX_DECIMALS: u32 = 27;

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

/// A footnote marker such as `<F1>`.
pub fn is_footnote_marker(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() > 3
        && bytes[0] == b'<'
        && bytes[1].eq_ignore_ascii_case(&b'F')
        && bytes[bytes.len() - 1] == b'>'
        && bytes[2..bytes.len() - 1].iter().all(u8::is_ascii_digit)
}

/// The figure without a footnote marker glued to it (`112,804<F1>`,
/// `95,643(1)`, `.19(a)`); a figure in parentheses of its own (`(1)`)
/// keeps them.
pub fn without_footnote(text: &str) -> &str {
    if text.ends_with('>') {
        return match text.rfind('<') {
            Some(at) if at > 0 && is_footnote_marker(&text[at..]) => &text[..at],
            _ => text,
        };
    }
    if let Some(at) = text.strip_suffix(')').and_then(|inner| inner.rfind('(')) {
        let marker = &text[at + 1..text.len() - 1];
        let short_mark = (1..=2).contains(&marker.len())
            && (marker.bytes().all(|b| b.is_ascii_digit())
                || (marker.len() == 1 && marker.bytes().all(|b| b.is_ascii_lowercase())));
        let glued_to_a_figure = text[..at].bytes().last().is_some_and(|b| b.is_ascii_digit() || b == b'%');
        if short_mark && glued_to_a_figure {
            return &text[..at];
        }
    }
    text
}

/// A figure as a sentence or an analyst states it, with the word that
/// multiplies it: "$7.3 million", "($3,718,000)", "7.4m", "$2.07 billion".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stated {
    pub amount: Amount,
    /// The power a multiplier word gives ("million": 6); `None` when the
    /// figure stands alone.
    pub multiplier: Option<Scale>,
}

impl Stated {
    /// The value in full units when the figure stands alone in `scale`.
    pub fn in_units(self, scale_when_bare: Scale) -> Option<Decimal> {
        self.amount.in_units(self.multiplier.unwrap_or(scale_when_bare))
    }
}

/// Reads a stated figure: an optional sign or parentheses, an optional
/// dollar sign, the number, and an optional multiplier word.
pub fn stated(text: &str) -> Option<Stated> {
    let lower = text.trim().to_lowercase();
    let (body, by_parens) = match lower.strip_prefix('(') {
        Some(inner) => (inner.strip_suffix(')')?.trim(), true),
        None => (lower.as_str(), false),
    };
    let (body, by_sign) = match body.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (rest.trim_start(), true),
        None => (body, false),
    };
    if by_parens && by_sign {
        return None;
    }
    let body = body.strip_prefix("us$").or_else(|| body.strip_prefix('$')).unwrap_or(body).trim_start();
    let split = body.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(body.len());
    let (digits, word) = body.split_at(split);
    let multiplier = match word.trim() {
        "" => None,
        "k" | "thousand" | "thousands" => Some(Scale::THOUSANDS),
        "m" | "mm" | "mn" | "million" | "millions" => Some(Scale::MILLIONS),
        "b" | "bn" | "billion" | "billions" => Some(Scale::BILLIONS),
        _ => return None,
    };
    let (magnitude, decimals) = grouped_number(digits)?;
    let value = if by_parens || by_sign { -magnitude } else { magnitude };
    Some(Stated { amount: Amount { value, decimals, percent: false }, multiplier })
}

/// A number as an inline XBRL format shows it: `num-dot-decimal` (the
/// default, "1,234.5"), `num-comma-decimal` ("1.234,5"), and the dashes of
/// `fixed-zero` / `zerodash`. The magnitude only: a tag's sign is its own.
pub fn ixbrl(text: &str, format: Option<&str>) -> Option<Amount> {
    let format = format.unwrap_or("").to_ascii_lowercase();
    let trimmed = text.trim();
    let is_dash = trimmed.chars().all(|c| matches!(c, '-' | '\u{2014}' | '\u{2013}' | ' '));
    if format.contains("zero") || (is_dash && !trimmed.is_empty()) {
        return Some(Amount { value: Decimal::ZERO, decimals: 0, percent: false });
    }
    let comma_decimal = format.contains("comma");
    let mut digits = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        match c {
            ' ' | '\u{a0}' => {}
            ',' if comma_decimal => digits.push('.'),
            '.' if comma_decimal => {}
            ',' => {}
            c => digits.push(c),
        }
    }
    if !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') || digits.matches('.').count() > 1 {
        return None;
    }
    let decimals = u32::try_from(digits.split_once('.').map_or(0, |(_, f)| f.len())).ok()?;
    let value = Decimal::from_str(&digits).ok()?;
    (decimals <= MAX_DECIMALS).then_some(Amount { value, decimals, percent: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A figure read back as (value, decimals, percent).
    type Read = Option<(String, u32, bool)>;

    fn read(text: &str) -> Read {
        figure(text).map(|a| (a.value.to_string(), a.decimals, a.percent))
    }

    #[test]
    fn figures_in_cells() {
        let cases = [
            ("(7,321)", Some(("-7321", 0, false))),
            ("$1,234.5", Some(("1234.5", 1, false))),
            ("$(0.30)", Some(("-0.30", 2, false))),
            ("(.30)", Some(("-0.30", 2, false))),
            ("-4,830", Some(("-4830", 0, false))),
            ("24,525,026", Some(("24525026", 0, false))),
            ("1,234<F1>", Some(("1234", 0, false))),
            ("95,643(1)", Some(("95643", 0, false))),
            ("12.5%", Some(("12.5", 1, true))),
            ("\u{2212}12", Some(("-12", 0, false))),
            ("866-425-6195", None),
            ("10-Q", None),
            ("2006.", None),
            ("1,23", None),
            ("12,3456", None),
            ("(IN", None),
            ("-(5)", None),
            ("(1)", Some(("-1", 0, false))),
            ("79,228,162,514,264,337,593,543,950,336", None),
            ("0.00000000000000000000000000001", None),
        ];
        for (text, expected) in cases {
            let expected: Read = expected.map(|(v, d, p): (&str, u32, bool)| (v.to_owned(), d, p));
            assert_eq!(read(text), expected, "{text}");
        }
    }

    #[test]
    fn scales_and_rounding() {
        let cell = figure("7,321").unwrap();
        assert_eq!(cell.in_units(Scale::THOUSANDS), Some(Decimal::from(7_321_000)));
        assert_eq!(cell.rounding(Scale::THOUSANDS), Some(Decimal::from(500)));
        let tenth = figure("7.3").unwrap();
        assert_eq!(tenth.rounding(Scale::MILLIONS), Some(Decimal::from(50_000)));
        assert_eq!(figure("0.31").unwrap().rounding(Scale::UNITS), Some(Decimal::new(5, 3)));
    }

    #[test]
    fn figures_too_large_are_refused_not_wrapped() {
        let huge = figure("79,228,162,514,264,337,593,543,950,335").unwrap();
        assert_eq!(huge.in_units(Scale::MILLIONS), None);
        assert_eq!(huge.in_units(Scale::UNITS), Some(huge.value));
        let many_decimals = figure("0.000000000000000000000000001").unwrap();
        assert_eq!(many_decimals.decimals, 27);
        assert_eq!(many_decimals.rounding(Scale::UNITS), Some(Decimal::new(5, 28)));
        assert_eq!(many_decimals.rounding(Scale::new(-2)), None);
        assert_eq!(figure("0.0000000000000000000000000001"), None, "28 decimals");
        assert_eq!(Scale::new(40).apply(Decimal::ONE), None);
        assert_eq!(Scale::new(-40).apply(Decimal::ONE), None);
    }

    #[test]
    fn stated_figures() {
        let read = |t: &str| stated(t).and_then(|s| s.in_units(Scale::UNITS));
        assert_eq!(read("$7.3 million"), Some(Decimal::from(7_300_000)));
        assert_eq!(stated("$7.3 million").unwrap().amount.rounding(Scale::MILLIONS), Some(Decimal::from(50_000)));
        assert_eq!(read("($3,718,000)"), Some(Decimal::from(-3_718_000)));
        assert_eq!(read("$2.07 billion"), Some(Decimal::from(2_070_000_000)));
        assert_eq!(read("7.4m"), Some(Decimal::from(7_400_000)));
        assert_eq!(read("-7400000"), Some(Decimal::from(-7_400_000)));
        assert_eq!(read("US$ 19,000"), Some(Decimal::from(19_000)));
        for nonsense in ["", "seven", "7,400 apples", "((7)", "-(7)", "1.2.3", "$", ",5", "7,40"] {
            assert_eq!(stated(nonsense), None, "{nonsense}");
        }
        let huge = stated("79,228,162,514,264,337,593,543,950,335 million").unwrap();
        assert_eq!(huge.in_units(Scale::UNITS), None);
    }

    #[test]
    fn inline_xbrl_formats() {
        let value = |t: &str, f: Option<&str>| ixbrl(t, f).map(|a| a.value);
        assert_eq!(value("7,321", None), Some(Decimal::from(7321)));
        assert_eq!(value("1.234,5", Some("ixt:num-comma-decimal")), Some(Decimal::new(12345, 1)));
        assert_eq!(value("\u{2014}", Some("ixt:fixed-zero")), Some(Decimal::ZERO));
        assert_eq!(value("-", None), Some(Decimal::ZERO));
        assert_eq!(value("n/a", None), None);
        assert_eq!(value("1.2.3", None), None);
        assert_eq!(ixbrl("0.25", None).map(|a| a.decimals), Some(2));
    }
}
