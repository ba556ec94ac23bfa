//! What an analyst types when correcting a value: "(7,400)", "7.4 million",
//! "-7400000", "$7,400". A bare number is read in the fact's own scale (a
//! table in thousands), unless it was plainly typed in full units: of the
//! two readings, the one nearer the value being corrected is taken.

use std::str::FromStr;

use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("type a number, such as (7,400), 7.4 million or -7400000")]
    Empty,
    #[error("{0:?} is not a number; type something like (7,400), 7.4 million or -7400000")]
    NotANumber(String),
}

/// Reads an entry as a value in full units.
pub fn parse_entry(entry: &str, scale: u32, current: Decimal) -> Result<Decimal, EntryError> {
    let text = entry.trim();
    if text.is_empty() {
        return Err(EntryError::Empty);
    }
    let not_a_number = || EntryError::NotANumber(text.to_owned());
    let lower = text.to_lowercase();
    let (body, negative_by_parens) = match lower.strip_prefix('(') {
        Some(inner) => (inner.strip_suffix(')').ok_or_else(not_a_number)?.trim().to_owned(), true),
        None => (lower.clone(), false),
    };
    let (body, negative_by_sign) = match body.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (rest.trim_start().to_owned(), true),
        None => (body, false),
    };
    if negative_by_parens && negative_by_sign {
        return Err(not_a_number());
    }
    let body = body.trim_start_matches("us$").trim_start_matches('$').trim();
    let split = body.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(body.len());
    let (digits, suffix) = body.split_at(split);
    let multiplier = match suffix.trim() {
        "" => None,
        "k" | "thousand" | "thousands" => Some(3),
        "m" | "mm" | "mn" | "million" | "millions" => Some(6),
        "b" | "bn" | "billion" | "billions" => Some(9),
        _ => return Err(not_a_number()),
    };
    if digits.is_empty() || digits.starts_with(',') || digits.matches('.').count() > 1 {
        return Err(not_a_number());
    }
    let magnitude = Decimal::from_str(&digits.replace(',', "")).map_err(|_| not_a_number())?;
    let signed = if negative_by_parens || negative_by_sign { -magnitude } else { magnitude };
    let value = match multiplier {
        Some(power) => signed * Decimal::from(10u64.pow(power)),
        None => nearer_reading(signed, scale, current),
    };
    Ok(value.normalize())
}

/// Of "in the fact's scale" and "in full units", the reading whose size is
/// nearer the current value's.
fn nearer_reading(number: Decimal, scale: u32, current: Decimal) -> Decimal {
    let scaled = number * Decimal::from(10u64.pow(scale));
    if scale == 0 || current.is_zero() || number.is_zero() {
        return scaled;
    }
    let distance = |candidate: Decimal| {
        let ratio = (candidate.abs() / current.abs()).to_string().parse::<f64>().unwrap_or(f64::MAX);
        ratio.log10().abs()
    };
    if distance(number) < distance(scaled) {
        number
    } else {
        scaled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(entry: &str) -> Result<Decimal, EntryError> {
        parse_entry(entry, 3, Decimal::from(7_329_000))
    }

    #[test]
    fn entries_an_analyst_types() {
        assert_eq!(read("7,400"), Ok(Decimal::from(7_400_000)), "in the table's thousands");
        assert_eq!(read("(7,400)"), Ok(Decimal::from(-7_400_000)));
        assert_eq!(read("7.4 million"), Ok(Decimal::from(7_400_000)));
        assert_eq!(read("$7.4m"), Ok(Decimal::from(7_400_000)));
        assert_eq!(read("-7400000"), Ok(Decimal::from(-7_400_000)), "plainly in full units");
        assert_eq!(read("7400000"), Ok(Decimal::from(7_400_000)));
        assert_eq!(read(" 7,400.5 "), Ok(Decimal::from(7_400_500)));
        assert_eq!(parse_entry("(0.31)", 0, Decimal::new(-30, 2)), Ok(Decimal::new(-31, 2)));
    }

    #[test]
    fn nonsense_is_refused_with_a_message() {
        for entry in ["", "seven", "7,400 apples", "((7)", "-(7)", "1.2.3", "$", ",5"] {
            let error = read(entry).unwrap_err();
            assert!(!error.to_string().is_empty(), "{entry}");
        }
    }
}
