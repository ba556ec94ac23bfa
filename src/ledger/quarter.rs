//! Fiscal quarters: which quarter a period ends in, given the company's
//! fiscal year end, and its label ("Q2 2006"). Periods of 13 or 52 weeks
//! end a few days off the month's end and are snapped to it.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::last_day_of_month;

const SNAP_DAYS: u32 = 7;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FiscalQuarter {
    pub year: i32,
    /// 1 to 4.
    pub quarter: u32,
}

impl FiscalQuarter {
    /// The fiscal quarter a date closes, if it closes one: the date (snapped
    /// to a month end) must fall three, six, nine or twelve months after the
    /// fiscal year end month.
    pub fn ending_on(date: NaiveDate, fiscal_year_end_month: u32) -> Option<FiscalQuarter> {
        let month_end = snap_to_month_end(date)?;
        let months_after = (month_end.month() + 12 - fiscal_year_end_month) % 12;
        if !months_after.is_multiple_of(3) {
            return None;
        }
        let quarter = if months_after == 0 { 4 } else { months_after / 3 };
        let year = if month_end.month() > fiscal_year_end_month { month_end.year() + 1 } else { month_end.year() };
        Some(FiscalQuarter { year, quarter })
    }

    pub fn previous(self) -> Option<FiscalQuarter> {
        (self.quarter > 1).then(|| FiscalQuarter { year: self.year, quarter: self.quarter - 1 })
    }

    pub fn label(self) -> String {
        format!("Q{} {}", self.quarter, self.year)
    }
}

impl std::fmt::Display for FiscalQuarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Q{} {}", self.quarter, self.year)
    }
}

/// The month end a date stands for: itself late in a month, the previous
/// month's end in the first week of the next.
fn snap_to_month_end(date: NaiveDate) -> Option<NaiveDate> {
    let this_month_end = last_day_of_month(date.year(), date.month())?;
    if this_month_end.day() - date.day() <= SNAP_DAYS {
        return Some(this_month_end);
    }
    if date.day() <= SNAP_DAYS {
        return date.with_day(1)?.pred_opt();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(y: i32, m: u32, d: u32, fye: u32) -> Option<String> {
        FiscalQuarter::ending_on(NaiveDate::from_ymd_opt(y, m, d).unwrap(), fye).map(FiscalQuarter::label)
    }

    #[test]
    fn calendar_quarters() {
        assert_eq!(q(2006, 6, 30, 12).as_deref(), Some("Q2 2006"));
        assert_eq!(q(2005, 12, 31, 12).as_deref(), Some("Q4 2005"));
        assert_eq!(q(2006, 3, 31, 12).as_deref(), Some("Q1 2006"));
        assert_eq!(q(2006, 5, 31, 12), None);
        assert_eq!(q(2006, 6, 15, 12), None);
    }

    #[test]
    fn fiscal_years_and_week_based_periods() {
        assert_eq!(q(2006, 9, 30, 6).as_deref(), Some("Q1 2007"));
        assert_eq!(q(2007, 6, 30, 6).as_deref(), Some("Q4 2007"));
        assert_eq!(q(2006, 7, 1, 12).as_deref(), Some("Q2 2006"), "13 weeks ended July 1");
        assert_eq!(q(2006, 12, 30, 12).as_deref(), Some("Q4 2006"), "52 weeks ended December 30");
    }
}
