//! A company's fiscal calendar, as its filings state it: when the fiscal
//! year ends, whether the company keeps 52/53-week years, which calendar
//! year names a fiscal year, and the exact period ends the filings print.
//! Column headings and phrases that name only a year or a quarter
//! ("1997", "4TH QTR 1993", "Q1 2020", "the second quarter of fiscal
//! 2023") resolve through it to real dates, and the ledger files each
//! period under its fiscal quarter with it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};

use crate::calendar::last_day_of_month;
use crate::fact::Period;

/// How far a 52/53-week period end may lie from the month end it stands
/// for (the Saturday nearest December 31 can be January 3 or December 28).
pub const WEEK_SLACK_DAYS: i64 = 7;

/// What is known of one company's fiscal calendar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FiscalCalendar {
    /// Month and day the fiscal year nominally ends.
    year_end: Option<(u32, u32)>,
    week_based: bool,
    /// A fiscal year is named by the calendar year its nominal end falls
    /// in, plus this (−1 for a retailer's "fiscal 2023" ending in January
    /// 2024).
    label_offset: i32,
    /// True once a document has said how it names its fiscal years.
    labelled: bool,
    /// Fiscal year ends stated exactly, by fiscal year.
    year_ends: BTreeMap<i32, NaiveDate>,
    /// Quarters stated with their exact periods, by fiscal year and quarter.
    quarters: BTreeMap<(i32, u32), Period>,
    /// Period ends printed in dated headings and phrases.
    ends: BTreeSet<NaiveDate>,
    /// Periods stated exactly (a quarter's weeks, an inline XBRL context),
    /// by their end and length in months: where each starts.
    starts: BTreeMap<(NaiveDate, u32), NaiveDate>,
}

/// A fiscal quarter: the fiscal year it belongs to, by its label, and its
/// number (1 to 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct FiscalQuarter {
    pub year: i32,
    pub quarter: u32,
}

impl FiscalQuarter {
    /// The quarter before, within the same fiscal year.
    pub fn previous(self) -> Option<FiscalQuarter> {
        (self.quarter > 1).then(|| FiscalQuarter { year: self.year, quarter: self.quarter - 1 })
    }

    /// The quarter after, into the next fiscal year after a fourth.
    pub fn next(self) -> FiscalQuarter {
        match self.quarter {
            4 => FiscalQuarter { year: self.year + 1, quarter: 1 },
            q => FiscalQuarter { year: self.year, quarter: q + 1 },
        }
    }
}

impl std::fmt::Display for FiscalQuarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Q{} {}", self.quarter, self.year)
    }
}

/// The month end a date stands for: itself late in a month, the month
/// before's end early in the next (a 52/53-week year ending January 2
/// stands for December 31); `None` mid-month.
pub fn nominal_month_end(date: NaiveDate) -> Option<NaiveDate> {
    let this_month_end = last_day_of_month(date.year(), date.month())?;
    if (this_month_end - date).num_days() <= WEEK_SLACK_DAYS {
        return Some(this_month_end);
    }
    if i64::from(date.day()) <= WEEK_SLACK_DAYS {
        return date.with_day(1)?.pred_opt();
    }
    None
}

impl FiscalCalendar {
    /// A calendar whose year ends on this month and day.
    pub fn ending(month: u32, day: u32) -> FiscalCalendar {
        FiscalCalendar { year_end: Some((month, day)), ..FiscalCalendar::default() }
    }

    pub fn year_end(&self) -> Option<(u32, u32)> {
        self.year_end
    }

    /// The month the fiscal year ends in: as stated, else as the stated
    /// year ends show, else December.
    pub fn year_end_month(&self) -> u32 {
        let nominal_month = |(month, day): (u32, u32)| {
            let date = NaiveDate::from_ymd_opt(2001, month, day)?;
            nominal_month_end(date).map(|end| end.month())
        };
        self.year_end
            .and_then(nominal_month)
            .or_else(|| self.year_ends.values().next().and_then(|d| nominal_month_end(*d)).map(|d| d.month()))
            .unwrap_or(12)
    }

    pub fn is_week_based(&self) -> bool {
        self.week_based
    }

    pub fn label_offset(&self) -> i32 {
        self.label_offset
    }

    /// Sets the nominal year end, unless one is known already.
    pub fn learn_year_end_date(&mut self, month: u32, day: u32) {
        if self.year_end.is_none() && NaiveDate::from_ymd_opt(2000, month, day).is_some() {
            self.year_end = Some((month, day));
        }
    }

    pub fn learn_week_based(&mut self) {
        self.week_based = true;
    }

    /// Takes in what another filing of the same company says of its
    /// calendar: `self` is the later filing's, whose year end wins.
    /// Which calendar year names a fiscal year is not taken: the ledger
    /// names every fiscal year by the year it ends in.
    pub fn absorb(&mut self, earlier: &FiscalCalendar) {
        self.year_end = self.year_end.or(earlier.year_end);
        self.week_based |= earlier.week_based;
        self.ends.extend(earlier.ends.iter().copied());
        let end_year = |calendar: &FiscalCalendar, label: i32| label - calendar.label_offset;
        for (&label, &date) in &earlier.year_ends {
            self.year_ends.entry(end_year(earlier, label) + self.label_offset).or_insert(date);
        }
        for (&(label, quarter), &period) in &earlier.quarters {
            self.quarters.entry((end_year(earlier, label) + self.label_offset, quarter)).or_insert(period);
        }
        for (&key, &start) in &earlier.starts {
            self.starts.entry(key).or_insert(start);
        }
    }

    /// The same calendar with every fiscal year named by the calendar year
    /// its nominal end falls in, as the ledger names them.
    pub fn named_by_end_year(&self) -> FiscalCalendar {
        let shift = |label: i32| label - self.label_offset;
        FiscalCalendar {
            label_offset: 0,
            labelled: true,
            year_ends: self.year_ends.iter().map(|(&label, &date)| (shift(label), date)).collect(),
            quarters: self.quarters.iter().map(|(&(label, q), &period)| ((shift(label), q), period)).collect(),
            ..self.clone()
        }
    }

    /// A quarter's label: "Q2 2006" for a calendar year, "Q1 FY2025"
    /// where the fiscal year ends in another month.
    pub fn quarter_label(&self, quarter: FiscalQuarter) -> String {
        if self.year_end_month() == 12 {
            format!("Q{} {}", quarter.quarter, quarter.year)
        } else {
            format!("Q{} FY{}", quarter.quarter, quarter.year)
        }
    }

    /// The day a fiscal quarter ends, when the calendar knows its year.
    pub fn quarter_end(&self, quarter: FiscalQuarter) -> Option<NaiveDate> {
        self.quarter_period(quarter.year, quarter.quarter).map(|p| p.end())
    }

    /// The calendar quarter a fiscal quarter ends in ("Q3 2024" for
    /// Oracle's Q1 FY2025, ended August 31, 2024); the fiscal label when
    /// its end is not known.
    pub fn calendar_quarter_label(&self, quarter: FiscalQuarter) -> String {
        let Some(end) = self.quarter_end(quarter) else { return self.quarter_label(quarter) };
        let month_end = nominal_month_end(end).unwrap_or(end);
        format!("Q{} {}", (month_end.month() - 1) / 3 + 1, month_end.year())
    }

    /// A period stated exactly, whose start another heading of the same
    /// length and end leaves unsaid (an inline XBRL context's 13 weeks for
    /// an untagged "Three Months Ended July 31, 2022").
    pub fn learn_period(&mut self, period: Period) {
        self.learn_end(period.end());
        if let Period::Duration { start, end } = period {
            self.starts.entry((end, period.months())).or_insert(start);
        }
    }

    /// A printed period end.
    pub fn learn_end(&mut self, date: NaiveDate) {
        self.ends.insert(date);
        if nominal_month_end(date).is_none_or(|m| m != date) {
            self.week_based = true;
        }
    }

    /// A fiscal year's exact end; its label, when not stated, follows from
    /// the date.
    pub fn learn_fiscal_year_end(&mut self, label: Option<i32>, date: NaiveDate) {
        self.learn_end(date);
        if self.year_end.is_none() {
            if let Some(month_end) = nominal_month_end(date) {
                self.year_end = Some((month_end.month(), month_end.day()));
            }
        }
        if let Some(label) = label.filter(|_| !self.labelled) {
            self.learn_label(label, date);
        }
        let label = label.unwrap_or_else(|| self.fiscal_year_of(date));
        self.year_ends.entry(label).or_insert(date);
    }

    /// A quarter stated with its exact period.
    pub fn learn_quarter(&mut self, label: i32, quarter: u32, period: Period) {
        self.learn_period(period);
        self.quarters.entry((label, quarter)).or_insert(period);
        if quarter == 4 {
            self.year_ends.entry(label).or_insert(period.end());
        }
    }

    /// A document's own name for the fiscal year holding `date`
    /// (`dei:DocumentFiscalYearFocus` beside `dei:DocumentPeriodEndDate`):
    /// fixes which calendar year names a fiscal year.
    pub fn learn_label(&mut self, label: i32, date: NaiveDate) {
        let unlabelled = FiscalCalendar { label_offset: 0, ..self.clone() };
        self.label_offset = label - unlabelled.fiscal_year_of(date);
        self.labelled = true;
    }

    /// The fiscal year holding a date, by its label.
    pub fn fiscal_year_of(&self, date: NaiveDate) -> i32 {
        let month_end = nominal_month_end(date).unwrap_or(date);
        let end_month = self.year_end_month();
        let year_of_end = if month_end.month() <= end_month { month_end.year() } else { month_end.year() + 1 };
        year_of_end + self.label_offset
    }

    /// The fiscal quarter a period ending on `date` closes, if it closes one.
    pub fn quarter_ending(&self, date: NaiveDate) -> Option<FiscalQuarter> {
        let month_end = nominal_month_end(date)?;
        let months_after = (month_end.month() + 12 - self.year_end_month()) % 12;
        if !months_after.is_multiple_of(3) {
            return None;
        }
        let quarter = if months_after == 0 { 4 } else { months_after / 3 };
        Some(FiscalQuarter { year: self.fiscal_year_of(month_end), quarter })
    }

    /// The exact end of a fiscal year: as stated, else its nominal date
    /// moved to a printed period end within a week of it.
    pub fn year_end_of(&self, label: i32) -> Option<NaiveDate> {
        if let Some(date) = self.year_ends.get(&label) {
            return Some(*date);
        }
        let month_end = last_day_of_month(label - self.label_offset, self.year_end_month())?;
        let stated = self.year_end.and_then(|(month, day)| {
            (month_end.year() - 1..=month_end.year() + 1)
                .filter_map(|year| {
                    let last = last_day_of_month(year, month)?;
                    NaiveDate::from_ymd_opt(year, month, day.min(last.day()))
                })
                .min_by_key(|date| (*date - month_end).num_days().abs())
        });
        Some(self.printed_end_near(stated.unwrap_or(month_end)))
    }

    /// The twelve months of a fiscal year.
    pub fn year_period(&self, label: i32) -> Option<Period> {
        let end = self.year_end_of(label)?;
        Some(self.period_ending(12, end))
    }

    /// The period of a fiscal quarter: as stated; else, for a 52/53-week
    /// year, the same quarter of another year moved by whole years of 52
    /// weeks; else three months ending on the quarter's nominal end (moved
    /// to a printed end within a week of it).
    pub fn quarter_period(&self, label: i32, quarter: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        if let Some(period) = self.quarters.get(&(label, quarter)) {
            return Some(*period);
        }
        if self.week_based {
            let other = self.quarters.iter().find(|((_, q), _)| *q == quarter);
            if let Some((&(other_label, _), &Period::Duration { start, end })) = other {
                let shift = Duration::weeks(52 * i64::from(label - other_label));
                return Some(Period::Duration { start: start + shift, end: end + shift });
            }
        }
        if quarter == 4 {
            return self.year_end_of(label).map(|end| self.period_ending(3, end));
        }
        let year_end = self.year_end_of(label)?;
        let nominal_year_end = nominal_month_end(year_end).unwrap_or(year_end);
        let mut month = nominal_year_end.month() as i32 - 3 * (4 - quarter as i32);
        let mut year = nominal_year_end.year();
        while month <= 0 {
            month += 12;
            year -= 1;
        }
        let nominal = last_day_of_month(year, month as u32)?;
        Some(self.period_ending(3, self.printed_end_near(nominal)))
    }

    /// A quarter of the fiscal year that ends on `year_end` ("YEAR ENDED
    /// DECEMBER 31, 1999 / SECOND QUARTER": April to June 1999).
    pub fn quarter_of_year_ending(&self, year_end: NaiveDate, quarter: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let nominal = nominal_month_end(year_end).unwrap_or(year_end);
        let months_before = 3 * (4 - quarter);
        let month_index = nominal.year() * 12 + nominal.month() as i32 - 1 - months_before as i32;
        let end = last_day_of_month(month_index.div_euclid(12), month_index.rem_euclid(12) as u32 + 1)?;
        let end = if quarter == 4 { year_end } else { self.printed_end_near(end) };
        Some(self.period_ending(3, end))
    }

    /// A period of `months` ending on `end`: as stated, when a period of
    /// that length and end was; else counted in weeks (13 to a
    /// quarter) when the end is not a month end.
    pub fn period_ending(&self, months: u32, end: NaiveDate) -> Period {
        if let Some(&start) = self.starts.get(&(end, months)) {
            return Period::Duration { start, end };
        }
        if crate::fact::is_month_end(end) {
            Period::months_ending(months, end)
        } else {
            Period::weeks_ending(months * 13 / 3, end)
        }
    }

    /// The month end a month names ("December 2004"), moved to a printed
    /// period end within a week of it for a 52/53-week filer.
    pub fn month_end(&self, year: i32, month: u32) -> Option<NaiveDate> {
        last_day_of_month(year, month).map(|end| self.printed_end_near(end))
    }

    /// A printed period end within a week of `date`, or `date` itself.
    fn printed_end_near(&self, date: NaiveDate) -> NaiveDate {
        let slack = Duration::days(WEEK_SLACK_DAYS);
        self.ends
            .range(date - slack..=date + slack)
            .min_by_key(|d| (**d - date).num_days().abs())
            .copied()
            .unwrap_or(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn calendar_years() {
        let calendar = FiscalCalendar::ending(12, 31);
        assert_eq!(calendar.quarter_ending(date(2006, 6, 30)), Some(FiscalQuarter { year: 2006, quarter: 2 }));
        assert_eq!(calendar.quarter_ending(date(2006, 5, 31)), None);
        assert_eq!(calendar.quarter_period(2020, 1), Some(Period::months_ending(3, date(2020, 3, 31))));
        assert_eq!(calendar.year_period(1997), Some(Period::months_ending(12, date(1997, 12, 31))));
    }

    #[test]
    fn a_june_year_names_its_quarters_by_the_year_it_ends() {
        let calendar = FiscalCalendar::ending(6, 30);
        assert_eq!(calendar.quarter_ending(date(2006, 9, 30)), Some(FiscalQuarter { year: 2007, quarter: 1 }));
        assert_eq!(calendar.quarter_ending(date(2007, 6, 30)), Some(FiscalQuarter { year: 2007, quarter: 4 }));
        assert_eq!(calendar.quarter_period(2007, 1), Some(Period::months_ending(3, date(2006, 9, 30))));
        assert_eq!(calendar.year_end_of(2022), Some(date(2022, 6, 30)));
    }

    #[test]
    fn week_based_years_take_their_printed_ends() {
        let mut calendar = FiscalCalendar::ending(12, 30);
        calendar.learn_quarter(1993, 4, Period::months_ending(3, date(1994, 1, 1)));
        calendar.learn_quarter(1992, 4, Period::months_ending(3, date(1993, 1, 2)));
        assert_eq!(calendar.year_end_of(1993), Some(date(1994, 1, 1)), "the 1993 fourth quarter's end");
        assert_eq!(calendar.fiscal_year_of(date(1994, 1, 1)), 1993);
        assert_eq!(calendar.quarter_ending(date(1993, 1, 2)), Some(FiscalQuarter { year: 1992, quarter: 4 }));

        let mut kroger = FiscalCalendar::ending(12, 30);
        kroger.learn_quarter(2000, 1, Period::weeks_ending(16, date(2000, 5, 20)));
        assert_eq!(kroger.quarter_period(2000, 1).map(|p| p.months()), Some(4));
        assert_eq!(
            kroger.quarter_period(1999, 1).map(|p| p.end()),
            Some(date(1999, 5, 22)),
            "the same sixteen weeks a year of 52 weeks earlier"
        );
    }

    #[test]
    fn a_retailer_names_its_year_by_the_year_it_starts() {
        let mut calendar = FiscalCalendar::ending(1, 28);
        calendar.learn_label(2023, date(2023, 7, 30));
        assert_eq!(calendar.label_offset(), -1);
        assert_eq!(calendar.fiscal_year_of(date(2023, 7, 30)), 2023);
        assert_eq!(calendar.quarter_ending(date(2023, 7, 30)), Some(FiscalQuarter { year: 2023, quarter: 2 }));
        assert_eq!(calendar.year_end_of(2023), Some(date(2024, 1, 28)));
    }

    #[test]
    fn a_year_ending_early_in_a_month_ends_the_month_before() {
        let calendar = FiscalCalendar::ending(1, 2);
        assert_eq!(calendar.year_end_month(), 12);
        assert_eq!(calendar.fiscal_year_of(date(2000, 5, 20)), 2000);
        assert_eq!(calendar.year_end_of(2000), Some(date(2001, 1, 2)));
    }

    #[test]
    fn a_stated_label_names_the_years() {
        let mut home_depot = FiscalCalendar::default();
        home_depot.learn_fiscal_year_end(Some(2022), date(2023, 1, 29));
        assert_eq!(home_depot.label_offset(), -1);
        assert_eq!(home_depot.quarter_ending(date(2023, 7, 30)), Some(FiscalQuarter { year: 2023, quarter: 2 }));
    }

    #[test]
    fn a_company_calendar_names_years_by_the_year_they_end() {
        let mut later = FiscalCalendar::ending(1, 28);
        later.learn_label(2023, date(2023, 7, 30));
        let mut earlier = FiscalCalendar::default();
        earlier.learn_fiscal_year_end(Some(2021), date(2022, 1, 30));
        later.absorb(&earlier);
        let named = later.named_by_end_year();
        assert_eq!(named.year_end_of(2022), Some(date(2022, 1, 30)), "fiscal 2021 ends in January 2022");
        let quarter = named.quarter_ending(date(2023, 7, 30)).unwrap();
        assert_eq!(named.quarter_label(quarter), "Q2 FY2024");
        assert_eq!(FiscalCalendar::ending(12, 31).quarter_label(quarter), "Q2 2024");
        assert_eq!(named.calendar_quarter_label(quarter), "Q3 2023", "ended July 30, 2023");
        let oracle = FiscalCalendar::ending(5, 31);
        let q1 = FiscalQuarter { year: 2025, quarter: 1 };
        assert_eq!(
            (oracle.quarter_label(q1), oracle.calendar_quarter_label(q1)),
            ("Q1 FY2025".into(), "Q3 2024".into())
        );
    }

    #[test]
    fn a_quarter_of_a_year_named_by_its_end() {
        let calendar = FiscalCalendar::default();
        let second = calendar.quarter_of_year_ending(date(1999, 12, 31), 2);
        assert_eq!(second, Some(Period::months_ending(3, date(1999, 6, 30))));
        let oracle_first = calendar.quarter_of_year_ending(date(2025, 5, 31), 1);
        assert_eq!(oracle_first, Some(Period::months_ending(3, date(2024, 8, 31))));
    }

    #[test]
    fn a_stated_period_gives_its_start_to_headings_of_its_length_and_end() {
        let mut home_depot = FiscalCalendar::default();
        let thirteen_weeks = Period::Duration { start: date(2022, 5, 2), end: date(2022, 7, 31) };
        home_depot.learn_period(thirteen_weeks);
        assert_eq!(home_depot.period_ending(3, date(2022, 7, 31)), thirteen_weeks);
        assert_eq!(home_depot.period_ending(6, date(2022, 7, 31)), Period::months_ending(6, date(2022, 7, 31)));
    }

    #[test]
    fn printed_ends_fix_nominal_dates() {
        let mut dell = FiscalCalendar::default();
        dell.learn_fiscal_year_end(Some(2006), date(2006, 2, 3));
        dell.learn_end(date(2005, 1, 28));
        assert!(dell.is_week_based());
        assert_eq!(dell.year_end_month(), 1, "February 3 stands for the end of January");
        assert_eq!(dell.year_end_of(2006), Some(date(2006, 2, 3)));
        assert_eq!(dell.year_end_of(2005), Some(date(2005, 1, 28)));
        assert_eq!(dell.quarter_period(2006, 4).map(|p| p.end()), Some(date(2006, 2, 3)));
    }
}
