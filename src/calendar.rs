//! Month names and written dates as filings spell them ("JUNE 30, 2006",
//! "Dec. 31, 2005", "September 2006"), shared by ingest (datelines) and
//! extraction (column headings, prose periods).

use chrono::NaiveDate;

/// A regex fragment matching a month name or its abbreviation.
pub const MONTH_PATTERN: &str = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)";

/// The month number of a name such as "June", "SEPT." or "dec".
pub fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    let month = match prefix {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(month)
}

pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

/// A plausible filing year as printed (four digits, 1900–2099).
pub fn parse_year(text: &str) -> Option<i32> {
    let year: i32 = text.parse().ok()?;
    (text.len() == 4 && (1900..2100).contains(&year)).then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_number("JUNE"), Some(6));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("dec"), Some(12));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Monday"), None);
    }

    #[test]
    fn last_days() {
        assert_eq!(last_day_of_month(2008, 2), NaiveDate::from_ymd_opt(2008, 2, 29));
        assert_eq!(last_day_of_month(2006, 12), NaiveDate::from_ymd_opt(2006, 12, 31));
    }
}
