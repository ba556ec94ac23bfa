//! Numbers as a filing prints them: thousands separators, negatives in
//! parentheses ("(7,321)"), in a stated power of ten.

use rust_decimal::Decimal;

use crate::amount::Scale;

/// `value` divided by 10^`power`, with separators and parentheses; decimals
/// are kept as far as they carry information. A power the value cannot be
/// divided by shows the value in full units.
pub fn filing_style(value: Decimal, power: u32) -> String {
    let scale = i32::try_from(power).map_or(Scale::UNITS, Scale::new);
    let scaled = scale.unapply(value).unwrap_or(value).normalize();
    let text = scaled.abs().to_string();
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if let Some(fraction) = fraction {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    if scaled.is_sign_negative() && !scaled.is_zero() {
        format!("({grouped})")
    } else {
        grouped
    }
}

/// The name of a power of ten as money is stated: "thousand", "million".
pub fn power_name(power: u32) -> &'static str {
    match i32::try_from(power).ok().and_then(|p| Scale::new(p).name()) {
        Some(name) => name,
        None if power == 0 => "",
        None => "×10ⁿ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_printed() {
        assert_eq!(filing_style(Decimal::from(-7_321_000), 3), "(7,321)");
        assert_eq!(filing_style(Decimal::from(24_525_026), 0), "24,525,026");
        assert_eq!(filing_style(Decimal::from(7_300_000), 6), "7.3");
        assert_eq!(filing_style(Decimal::new(-30, 2), 0), "(0.3)");
        assert_eq!(filing_style(Decimal::ZERO, 3), "0");
        assert_eq!(filing_style(Decimal::from(403_000), 3), "403");
        assert_eq!(filing_style(Decimal::from(403), 40), "403", "a power no decimal holds");
    }
}
