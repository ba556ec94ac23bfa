//! What an analyst types when correcting a value: "(7,400)", "7.4 million",
//! "-7400000", "$7,400". A bare number is read in the fact's own scale (a
//! table in thousands), unless it was plainly typed in full units: of the
//! two readings, the one nearer the value being corrected is taken.

use rust_decimal::Decimal;

use crate::amount::{self, Scale};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("type a number, such as (7,400), 7.4 million or -7400000")]
    Empty,
    #[error("{0:?} is not a number; type something like (7,400), 7.4 million or -7400000")]
    NotANumber(String),
    #[error("{0:?} is too large a number to keep")]
    TooLarge(String),
}

/// Reads an entry as a value in full units.
pub fn parse_entry(entry: &str, scale: u32, current: Decimal) -> Result<Decimal, EntryError> {
    let text = entry.trim();
    if text.is_empty() {
        return Err(EntryError::Empty);
    }
    let stated = amount::stated(text).ok_or_else(|| EntryError::NotANumber(text.to_owned()))?;
    let too_large = || EntryError::TooLarge(text.to_owned());
    let value = match stated.multiplier {
        Some(multiplier) => stated.amount.in_units(multiplier).ok_or_else(too_large)?,
        None => {
            let scale = i32::try_from(scale).map(Scale::new).map_err(|_| too_large())?;
            nearer_reading(stated.amount.value, scale, current).ok_or_else(too_large)?
        }
    };
    Ok(value.normalize())
}

/// Of "in the fact's scale" and "in full units", the reading whose size is
/// nearer the current value's; `None` when the scaled reading cannot be
/// represented.
fn nearer_reading(number: Decimal, scale: Scale, current: Decimal) -> Option<Decimal> {
    let scaled = scale.apply(number)?;
    if scale == Scale::UNITS || current.is_zero() || number.is_zero() {
        return Some(scaled);
    }
    let distance = |candidate: Decimal| {
        let ratio = (candidate.abs() / current.abs()).to_string().parse::<f64>().unwrap_or(f64::MAX);
        ratio.log10().abs()
    };
    Some(if distance(number) < distance(scaled) { number } else { scaled })
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

    #[test]
    fn numbers_too_large_to_keep_are_refused() {
        let nines = "9".repeat(29);
        assert!(matches!(read(&nines), Err(EntryError::NotANumber(_))), "29 digits are not a figure");
        let largest = "79,228,162,514,264,337,593,543,950,335";
        assert!(matches!(read(largest), Err(EntryError::TooLarge(_))), "in thousands it overflows");
        assert!(matches!(read(&format!("{largest} million")), Err(EntryError::TooLarge(_))));
        assert_eq!(parse_entry(largest, 0, Decimal::ONE).map(|v| v.to_string()), Ok(largest.replace(',', "")));
    }
}
