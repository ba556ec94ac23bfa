//! The chart model: what the quarterly chart draws, decided once, so the
//! window (egui_plot) and the saved image (plotters) show the same thing.
//!
//! Quarters run without holes from the first to the last known one; a
//! quarter with no value is a gap in its line, never a zero.

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::extract::Rules;
use crate::fiscal::FiscalQuarter;
use crate::format::{filing_style, power_name};
use crate::ledger::{Series, Status};

/// Colours of the charted series in order, chosen to stay apart for
/// readers with the common colour-vision deficiencies.
const PALETTE: [[u8; 3]; 6] =
    [[213, 94, 0], [0, 114, 178], [0, 158, 115], [204, 121, 167], [230, 159, 0], [86, 180, 233]];

/// How a point's status is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// Filled circle.
    Reported,
    /// Hollow circle.
    Derived,
    /// Filled square.
    Corrected,
    /// Cross.
    Conflict,
    /// Filled diamond.
    Restated,
    /// Hollow square.
    Resolved,
}

impl Marker {
    /// Every marker, in the order the key lists them.
    pub const ALL: [Marker; 6] =
        [Marker::Reported, Marker::Restated, Marker::Derived, Marker::Conflict, Marker::Resolved, Marker::Corrected];

    fn of(status: Status) -> Marker {
        match status {
            Status::Reported => Marker::Reported,
            Status::Derived => Marker::Derived,
            Status::Corrected => Marker::Corrected,
            Status::Conflict => Marker::Conflict,
            Status::Restated => Marker::Restated,
            Status::Resolved => Marker::Resolved,
        }
    }

    /// What the key calls it: the status it marks.
    pub fn name(self) -> &'static str {
        Status::ALL.into_iter().find(|&s| Marker::of(s) == self).map_or("", Status::label)
    }
}

/// How the chart names quarters and which values it draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChartOptions {
    /// Name quarters by the calendar quarter they end in ("Q3 2024")
    /// rather than the company's fiscal quarter ("Q1 FY2025").
    pub calendar_quarters: bool,
    /// Draw restated quarters as they were first reported.
    pub as_first_reported: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartPoint {
    /// Index of the quarter on the x axis.
    pub x: usize,
    pub quarter: String,
    pub value: Decimal,
    /// The value in the chart's money unit, for drawing.
    pub y: f64,
    pub status: Status,
    pub marker: Marker,
    /// Value, status and where it came from, for hover text.
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartSeries {
    /// The charted concept whose place the series takes (and whose switch
    /// shows or hides it): its own, or the one it stands in for.
    pub concept: String,
    pub name: String,
    pub color: [u8; 3],
    pub points: Vec<ChartPoint>,
}

impl ChartSeries {
    /// Runs of points in consecutive quarters: each is drawn as one line.
    pub fn runs(&self) -> Vec<&[ChartPoint]> {
        let mut runs = Vec::new();
        let mut start = 0;
        for i in 1..=self.points.len() {
            if i == self.points.len() || self.points[i].x != self.points[i - 1].x + 1 {
                runs.push(&self.points[start..i]);
                start = i;
            }
        }
        runs.retain(|r| !r.is_empty());
        runs
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartModel {
    pub company: String,
    pub title: String,
    /// Labels of the x axis, one per quarter ("Q2 2006").
    pub quarters: Vec<String>,
    /// Money is drawn in 10^power USD.
    pub power: u32,
    /// "USD thousands".
    pub unit_label: String,
    pub series: Vec<ChartSeries>,
}

impl ChartModel {
    /// The chart of one company: its charted concepts that `shown` keeps.
    /// `None` when the company has nothing to chart.
    pub fn build(
        series: &[Series],
        company_key: &str,
        rules: &Rules,
        shown: &dyn Fn(&str) -> bool,
        options: ChartOptions,
    ) -> Option<ChartModel> {
        let first_reported: Vec<Series>;
        let series = if options.as_first_reported {
            first_reported =
                series.iter().filter(|s| s.company_key == company_key).map(Series::as_first_reported).collect();
            &first_reported[..]
        } else {
            series
        };
        let of_company = |concept: &str| {
            series.iter().find(|s| s.company_key == company_key && s.concept == concept && !s.points.is_empty())
        };
        let charted: Vec<(usize, &str, &Series, String)> = rules
            .concepts
            .iter()
            .filter(|rule| rule.charted)
            .enumerate()
            .filter(|(_, rule)| shown(&rule.name))
            .filter_map(|(i, rule)| match of_company(&rule.name) {
                Some(found) => Some((i, rule.name.as_str(), found, rule.title.clone())),
                None => rules.stand_ins(&rule.name).find_map(|stand_in| {
                    let title = format!("{} (no {} total printed)", stand_in.title, rule.title.to_lowercase());
                    Some((i, rule.name.as_str(), of_company(&stand_in.name)?, title))
                }),
            })
            .collect();
        let company_series = series.iter().find(|s| s.company_key == company_key)?;
        let company = company_series.company.clone();
        let calendar = &company_series.calendar;
        let label = |quarter: FiscalQuarter| {
            if options.calendar_quarters {
                calendar.calendar_quarter_label(quarter)
            } else {
                calendar.quarter_label(quarter)
            }
        };
        let all_points = || charted.iter().flat_map(|(_, _, s, _)| s.points.iter());
        let first = all_points().map(|p| p.fiscal_quarter).min();
        let last = all_points().map(|p| p.fiscal_quarter).max();
        let quarters = match (first, last) {
            (Some(first), Some(last)) => quarter_range(first, last),
            _ => Vec::new(),
        };
        let largest = all_points().map(|p| p.value.abs()).max().unwrap_or_default();
        let power = money_power(largest);
        let divisor = Decimal::from(10u64.pow(power));
        let series = charted
            .iter()
            .map(|(i, slot, s, title)| ChartSeries {
                concept: slot.to_string(),
                name: title.clone(),
                color: PALETTE[i % PALETTE.len()],
                points: s
                    .points
                    .iter()
                    .filter_map(|p| {
                        let x = quarters.iter().position(|q| *q == p.fiscal_quarter)?;
                        let quarter = label(p.fiscal_quarter);
                        let ended = p.period.end();
                        Some(ChartPoint {
                            detail: detail(title, p, &quarter, ended, power),
                            x,
                            quarter,
                            value: p.value,
                            y: (p.value / divisor).to_f64().unwrap_or(0.0),
                            status: p.status,
                            marker: Marker::of(p.status),
                        })
                    })
                    .collect(),
            })
            .collect();
        Some(ChartModel {
            title: format!("{company}: quarterly results"),
            company,
            quarters: quarters.iter().map(|&q| label(q)).collect(),
            power,
            unit_label: format!("USD {}s", power_name(power)),
            series,
        })
    }

    /// The lowest and highest value drawn, always spanning zero.
    pub fn y_range(&self) -> (f64, f64) {
        let ys = self.series.iter().flat_map(|s| s.points.iter().map(|p| p.y));
        let (low, high) = ys.fold((0.0_f64, 0.0_f64), |(lo, hi), y| (lo.min(y), hi.max(y)));
        let pad = ((high - low) * 0.08).max(1.0);
        (if low < 0.0 { low - pad } else { 0.0 }, if high > 0.0 { high + pad } else { 0.0 })
    }
}

fn quarter_range(first: FiscalQuarter, last: FiscalQuarter) -> Vec<FiscalQuarter> {
    let mut quarters = vec![first];
    while let Some(&q) = quarters.last() {
        if q >= last {
            break;
        }
        quarters.push(q.next());
    }
    quarters
}

/// Thousands, millions or billions, whichever keeps the largest value
/// between 1 and 999,999 on the axis.
fn money_power(largest: Decimal) -> u32 {
    if largest >= Decimal::from(10_000_000_000u64) {
        9
    } else if largest >= Decimal::from(10_000_000u64) {
        6
    } else {
        3
    }
}

fn detail(title: &str, point: &crate::ledger::Point, quarter: &str, ended: NaiveDate, power: u32) -> String {
    let status = point.status.label();
    let mut lines = vec![format!(
        "{title}, {quarter} (ended {}): {} {} USD ({status})",
        ended.format("%B %-d, %Y"),
        filing_style(point.value, power),
        power_name(power)
    )];
    if let Some(correction) = &point.correction {
        let original = correction.original.map_or("no value".to_owned(), |o| filing_style(o, power));
        lines.push(format!("was {original}{}", correction.note.as_ref().map_or(String::new(), |n| format!(": {n}"))));
    }
    match &point.first_reported {
        Some(first) if first.value == point.value => lines.push("as first reported; a later filing restated it".into()),
        Some(first) => lines.push(format!("first reported as {}", filing_style(first.value, power))),
        None => {}
    }
    for source in &point.sources {
        lines.push(format!("{} ({}): {}", source.document, source.authority.label(), source.text));
    }
    if let Some(derivation) = &point.derivation {
        lines.push(format!("derived: {}", derivation.formula));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;

    use super::*;
    use crate::fact::Period;
    use crate::fiscal::FiscalCalendar;
    use crate::ledger::series::FirstReported;
    use crate::ledger::Point;

    fn point(year: i32, quarter: u32, end: (i32, u32, u32), value: i64, status: Status) -> Point {
        let end = NaiveDate::from_ymd_opt(end.0, end.1, end.2).unwrap();
        Point {
            quarter: format!("Q{quarter} {year}"),
            fiscal_quarter: FiscalQuarter { year, quarter },
            period: Period::months_ending(3, end),
            value: Decimal::from(value),
            status,
            sources: Vec::new(),
            first_reported: (status == Status::Restated)
                .then(|| FirstReported { value: Decimal::from(value - 1_000_000), sources: Vec::new() }),
            derivation: None,
            correction: None,
        }
    }

    fn series(concept: &str, calendar: FiscalCalendar, points: Vec<Point>) -> Series {
        Series {
            company: "Acme Widgets Inc.".to_owned(),
            company_key: "acme widgets".to_owned(),
            concept: concept.to_owned(),
            fiscal_year_end: String::new(),
            calendar,
            points,
            gaps: Vec::new(),
            years: BTreeMap::new(),
        }
    }

    #[test]
    fn costs_and_expenses_stand_in_for_operating_expenses_and_say_so() {
        let calendar = FiscalCalendar::ending(12, 31);
        let costs = series(
            "CostsAndExpenses",
            calendar.clone(),
            vec![point(2006, 1, (2006, 3, 31), 9_000_000, Status::Reported)],
        );
        let model = ChartModel::build(&[costs], "acme widgets", Rules::builtin(), &|_| true, ChartOptions::default())
            .expect("a chart");
        let drawn = &model.series[0];
        assert_eq!(drawn.concept, "OperatingExpenses", "it takes operating expenses' place and switch");
        assert_eq!(drawn.name, "Costs and expenses (no operating expenses total printed)");
        let opex = series(
            "OperatingExpenses",
            calendar.clone(),
            vec![point(2006, 1, (2006, 3, 31), 4_000_000, Status::Reported)],
        );
        let costs =
            series("CostsAndExpenses", calendar, vec![point(2006, 1, (2006, 3, 31), 9_000_000, Status::Reported)]);
        let model =
            ChartModel::build(&[opex, costs], "acme widgets", Rules::builtin(), &|_| true, ChartOptions::default())
                .expect("a chart");
        let names: Vec<&str> = model.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Operating expenses"], "never both, never mixed");
    }

    #[test]
    fn quarters_are_named_fiscal_or_calendar_and_restated_points_can_be_drawn_as_first_reported() {
        let oracle = FiscalCalendar::ending(5, 31);
        let net = series(
            "NetIncomeLoss",
            oracle,
            vec![
                point(2025, 1, (2024, 8, 31), 3_000_000, Status::Restated),
                point(2025, 2, (2024, 11, 30), 4_000_000, Status::Reported),
            ],
        );
        let build = |options| {
            ChartModel::build(std::slice::from_ref(&net), "acme widgets", Rules::builtin(), &|_| true, options)
        };
        let fiscal = build(ChartOptions::default()).unwrap();
        assert_eq!(fiscal.quarters, ["Q1 FY2025", "Q2 FY2025"]);
        assert_eq!(fiscal.series[0].points[0].marker, Marker::Restated);
        assert!(
            fiscal.series[0].points[0].detail.contains("ended August 31, 2024"),
            "{}",
            fiscal.series[0].points[0].detail
        );
        assert!(
            fiscal.series[0].points[0].detail.contains("first reported as"),
            "{}",
            fiscal.series[0].points[0].detail
        );
        let calendar = build(ChartOptions { calendar_quarters: true, as_first_reported: false }).unwrap();
        assert_eq!(calendar.quarters, ["Q3 2024", "Q4 2024"]);
        let first = build(ChartOptions { calendar_quarters: false, as_first_reported: true }).unwrap();
        assert_eq!(first.series[0].points[0].value, Decimal::from(2_000_000));
        assert_eq!(first.series[0].points[0].marker, Marker::Restated, "still marked restated");
        assert!(first.series[0].points[0].detail.contains("as first reported"));
    }
}
