//! The fact: one number a filing states, with the period it covers, its unit
//! and the exact characters it came from. Everything downstream (ledger,
//! chart, CLI) speaks in these terms, so they live apart from any one stage.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The stretch of time a fact covers: a duration for flows (net loss over a
/// quarter), an instant for balances (cash at a date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Period {
    Duration { start: NaiveDate, end: NaiveDate },
    Instant { instant: NaiveDate },
}

impl Period {
    /// A duration of `months` ending on `end`. A period ending on the last day
    /// of a month starts on the first day of a month ("three months ended
    /// June 30" is April 1 – June 30), otherwise on the day after the same
    /// date `months` earlier.
    pub fn months_ending(months: u32, end: NaiveDate) -> Period {
        let start = if is_month_end(end) {
            let first_of_month = end.with_day(1).unwrap_or(end);
            first_of_month.checked_sub_months(Months::new(months.saturating_sub(1))).unwrap_or(first_of_month)
        } else {
            end.checked_sub_months(Months::new(months)).and_then(|d| d.succ_opt()).unwrap_or(end)
        };
        Period::Duration { start, end }
    }

    /// A duration of `weeks` ending on `end`: start = end − 7·weeks + 1 day.
    pub fn weeks_ending(weeks: u32, end: NaiveDate) -> Period {
        let start = end - chrono::Duration::days(7 * i64::from(weeks) - 1);
        Period::Duration { start, end }
    }

    pub fn end(&self) -> NaiveDate {
        match *self {
            Period::Duration { end, .. } => end,
            Period::Instant { instant } => instant,
        }
    }

    pub fn is_instant(&self) -> bool {
        matches!(self, Period::Instant { .. })
    }

    /// Length in whole months (0 for an instant), rounding 13 weeks to 3.
    pub fn months(&self) -> u32 {
        match *self {
            Period::Instant { .. } => 0,
            Period::Duration { start, end } => {
                let days = (end - start).num_days() + 1;
                (days as f64 / 30.4375).round().max(0.0) as u32
            }
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Duration { start, end } => write!(f, "{start} – {end}"),
            Period::Instant { instant } => write!(f, "at {instant}"),
        }
    }
}

pub fn is_month_end(date: NaiveDate) -> bool {
    date.succ_opt().is_none_or(|next| next.month() != date.month())
}

/// What a value counts: money, money per share, or a number of shares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    #[serde(rename = "USD")]
    Usd,
    #[serde(rename = "USD/share")]
    UsdPerShare,
    #[serde(rename = "shares")]
    Shares,
}

impl Unit {
    /// Only money is printed in the table's scale; per-share amounts and
    /// share counts are always printed in full.
    pub fn takes_table_scale(self) -> bool {
        self == Unit::Usd
    }
}

/// Where in the document the fact was found; also its rank when several
/// places state the same quarter (inline XBRL over table over prose).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Prose,
    Table,
    Ixbrl,
}

impl Origin {
    /// How the origin is named to a reader.
    pub fn label(self) -> &'static str {
        match self {
            Origin::Prose => "prose",
            Origin::Table => "table",
            Origin::Ixbrl => "inline XBRL",
        }
    }
}

/// What a table is, decided before any row of it is taken: only the whole
/// company's statements and summaries state its totals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableRole {
    IncomeStatement,
    BalanceSheet,
    CashFlowStatement,
    EquityStatement,
    /// Selected financial data, a five- or ten-year summary.
    SelectedData,
    /// A 10-K's quarterly results (unaudited), one column per quarter.
    QuarterlyData,
    /// The highlights table of an earnings release.
    ReleaseSummary,
    /// A table whose kind its title does not say.
    Unclassified,
    /// Segments, geographies, products: parts of the company.
    Breakdown,
    /// A note's detail: fair value, debt, AOCI, share classes.
    Note,
    /// Non-GAAP or constant-currency reconciliations.
    NonGaap,
    ProForma,
    /// "As previously reported" and "adjustment" columns.
    Restatement,
    /// The statements of another entity: a co-registrant, a subsidiary, an
    /// acquired company, the parent company alone.
    OtherEntity,
}

impl TableRole {
    pub const ALL: [TableRole; 14] = [
        TableRole::IncomeStatement,
        TableRole::BalanceSheet,
        TableRole::CashFlowStatement,
        TableRole::EquityStatement,
        TableRole::SelectedData,
        TableRole::QuarterlyData,
        TableRole::ReleaseSummary,
        TableRole::Unclassified,
        TableRole::Breakdown,
        TableRole::Note,
        TableRole::NonGaap,
        TableRole::ProForma,
        TableRole::Restatement,
        TableRole::OtherEntity,
    ];

    /// How the role is named to a reader.
    pub fn label(self) -> &'static str {
        match self {
            TableRole::IncomeStatement => "income statement",
            TableRole::BalanceSheet => "balance sheet",
            TableRole::CashFlowStatement => "cash-flow statement",
            TableRole::EquityStatement => "statement of equity",
            TableRole::SelectedData => "selected financial data",
            TableRole::QuarterlyData => "quarterly data",
            TableRole::ReleaseSummary => "earnings-release summary",
            TableRole::Unclassified => "table",
            TableRole::Breakdown => "segment or product breakdown",
            TableRole::Note => "note table",
            TableRole::NonGaap => "non-GAAP reconciliation",
            TableRole::ProForma => "pro forma table",
            TableRole::Restatement => "restatement table",
            TableRole::OtherEntity => "another entity's statements",
        }
    }

    /// True for tables that state the whole company's own figures.
    pub fn states_company_totals(self) -> bool {
        matches!(
            self,
            TableRole::IncomeStatement
                | TableRole::BalanceSheet
                | TableRole::CashFlowStatement
                | TableRole::SelectedData
                | TableRole::QuarterlyData
                | TableRole::ReleaseSummary
                | TableRole::Unclassified
        )
    }

    /// True for the primary financial statements.
    pub fn is_primary_statement(self) -> bool {
        matches!(
            self,
            TableRole::IncomeStatement
                | TableRole::BalanceSheet
                | TableRole::CashFlowStatement
                | TableRole::EquityStatement
        )
    }
}

/// The table a fact was read from: what it is, and its title as printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSource {
    #[serde(rename = "table_role")]
    pub role: TableRole,
    #[serde(rename = "table_title")]
    pub title: String,
}

/// One extracted number with full provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub concept: String,
    /// The row label (tables) or the phrase that named it (prose).
    pub label: String,
    pub period: Period,
    /// Full units after scale: USD, USD/share or shares.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub value: Decimal,
    pub unit: Unit,
    pub origin: Origin,
    /// Byte range of the number in the document's text.
    pub span: [usize; 2],
    /// The number exactly as printed, e.g. `(7,321)` or `$7.3 million`.
    pub text: String,
    /// The column heading (tables) or the period phrase (prose).
    pub column: String,
    /// Power of ten the printed number was multiplied by (3 for thousands).
    pub scale: u32,
    /// Half the unit of the last printed digit, in full units: how far the
    /// true value may be from `value` (500 for a figure in thousands).
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub rounding: Decimal,
    /// Anything the extractor did beyond reading the number, said plainly.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
    /// Inline XBRL dimensions (axis, member) of a fact about a part of the
    /// company (a segment, an equity component); such facts stay out of the
    /// company's quarterly series.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub dimensions: Vec<(String, String)>,
    /// The table it was read from (table facts, and inline XBRL tags that
    /// sit in a table).
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub table: Option<TableSource>,
}

impl Fact {
    /// Where in its filing the figure is printed, in words: "in the
    /// Condensed Consolidated Statements of Operations (income statement),
    /// in millions", "in the text", "tagged in inline XBRL".
    pub fn place(&self) -> String {
        let table = self.table.as_ref().map(|t| match (t.title.trim(), t.role) {
            ("", TableRole::Unclassified) => "in a table".to_owned(),
            ("", role) => format!("in the {}", role.label()),
            (title, TableRole::Unclassified) => format!("in the table \"{title}\""),
            (title, role) => format!("in the {title} ({})", role.label()),
        });
        let place = match (self.origin, table) {
            (Origin::Prose, _) => "in the text".to_owned(),
            (Origin::Ixbrl, Some(table)) => format!("tagged in inline XBRL {table}"),
            (Origin::Ixbrl, None) => "tagged in inline XBRL".to_owned(),
            (Origin::Table, table) => table.unwrap_or_else(|| "in a table".to_owned()),
        };
        match self.scale {
            0 => place,
            power => format!("{place}, in {}s", crate::format::power_name(power)),
        }
    }

    /// The printed number with the sign its value carries, as a filing
    /// would print it: a loss printed without parentheses (its label or its
    /// inline XBRL `sign` says negative) is shown in parentheses, and an
    /// expense printed in parentheses but recorded positive without them.
    pub fn signed_text(&self) -> String {
        let printed_negative = self.text.contains('(') || self.text.starts_with(['-', '\u{2212}']);
        if self.value.is_sign_negative() && !self.value.is_zero() && !printed_negative {
            format!("({})", self.text)
        } else if self.value.is_sign_positive() && printed_negative {
            self.text.trim_start_matches(['(', '-', '\u{2212}']).trim_end_matches(')').to_owned()
        } else {
            self.text.clone()
        }
    }
}

/// Something the extractor saw but would not turn into a fact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub span: Option<[usize; 2]>,
}

impl Warning {
    pub fn new(message: impl Into<String>) -> Self {
        Warning { message: message.into(), span: None }
    }

    pub fn at(message: impl Into<String>, span: [usize; 2]) -> Self {
        Warning { message: message.into(), span: Some(span) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn three_months_ended_june_30_starts_april_1() {
        let p = Period::months_ending(3, date(2006, 6, 30));
        assert_eq!(p, Period::Duration { start: date(2006, 4, 1), end: date(2006, 6, 30) });
        assert_eq!(p.months(), 3);
    }

    #[test]
    fn year_ended_mid_month_starts_the_day_after() {
        let p = Period::months_ending(12, date(2006, 9, 15));
        assert_eq!(p, Period::Duration { start: date(2005, 9, 16), end: date(2006, 9, 15) });
    }

    #[test]
    fn the_shown_sign_follows_the_value() {
        let fact = |text: &str, value: i64| Fact {
            concept: "NetIncomeLoss".into(),
            label: "Net loss".into(),
            period: Period::months_ending(3, date(2006, 6, 30)),
            value: Decimal::from(value),
            unit: Unit::Usd,
            origin: Origin::Ixbrl,
            span: [0, 0],
            text: text.into(),
            column: String::new(),
            scale: 3,
            rounding: Decimal::from(500),
            note: None,
            dimensions: Vec::new(),
            table: None,
        };
        assert_eq!(fact("21,271", -21_271_000).signed_text(), "(21,271)", "a tag with sign=\"-\"");
        assert_eq!(fact("(7,321)", -7_321_000).signed_text(), "(7,321)");
        assert_eq!(fact("(8,250)", 8_250_000).signed_text(), "8,250", "an expense printed in parentheses");
        assert_eq!(fact("$7.3 million", -7_300_000).signed_text(), "($7.3 million)");
        assert_eq!(fact("\u{2014}", 0).signed_text(), "\u{2014}");
    }

    #[test]
    fn thirteen_weeks_counts_days() {
        let p = Period::weeks_ending(13, date(2006, 7, 1));
        assert_eq!(p, Period::Duration { start: date(2006, 4, 2), end: date(2006, 7, 1) });
        assert_eq!(p.months(), 3);
        assert_eq!(Period::weeks_ending(52, date(2006, 12, 30)).months(), 12);
    }
}
