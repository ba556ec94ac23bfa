//! The series built from synthetic facts: each rule of grouping,
//! reconciling and deriving on the smallest case that shows it.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::extract::Rules;
use crate::fact::{Origin, Period, TableRole, TableSource, Unit};

const NET: &str = "NetIncomeLoss";

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a test date")
}

/// A fact of `months` ending `end`, printed in thousands unless `rounding`
/// says otherwise.
fn fact(months: u32, end: &str, value: i64, origin: Origin, role: Option<TableRole>) -> Fact {
    Fact {
        concept: NET.to_owned(),
        label: "Net income".to_owned(),
        period: Period::months_ending(months, date(end)),
        value: Decimal::from(value),
        unit: Unit::Usd,
        origin,
        span: [0, 1],
        text: value.to_string(),
        column: String::new(),
        scale: 3,
        rounding: Decimal::from(500),
        note: None,
        dimensions: Vec::new(),
        table: role.map(|role| TableSource { role, title: String::new() }),
    }
}

fn statement(months: u32, end: &str, value: i64) -> Fact {
    fact(months, end, value, Origin::Table, Some(TableRole::IncomeStatement))
}

/// Facts with the filing (document name, filing date) each is from.
struct Filings(Vec<(String, Option<NaiveDate>, Fact)>);

impl Filings {
    fn new() -> Filings {
        Filings(Vec::new())
    }

    fn add(mut self, document: &str, filed: Option<&str>, fact: Fact) -> Filings {
        self.0.push((document.to_owned(), filed.map(date), fact));
        self
    }

    fn series(&self) -> Series {
        self.series_with(&|_| None)
    }

    fn series_with(&self, correction_for: &dyn Fn(&FactKey) -> Option<Correction>) -> Series {
        let facts = ConceptFacts {
            company: "Acme Widgets Inc.".to_owned(),
            company_key: "acme widgets".to_owned(),
            keys: vec!["acme widgets".to_owned()],
            concept: NET.to_owned(),
            additive: true,
            calendar: FiscalCalendar::ending(12, 31),
            entries: self.0.iter().map(|(document, filed, fact)| Entry { document, filed: *filed, fact }).collect(),
        };
        build(&facts, correction_for)
    }
}

fn point<'s>(series: &'s Series, quarter: &str) -> &'s Point {
    series.points.iter().find(|p| p.quarter == quarter).unwrap_or_else(|| panic!("no point {quarter}: {series:#?}"))
}

#[test]
fn statements_agreeing_within_rounding_are_one_point_with_every_source() {
    let mut prose = fact(3, "2006-03-31", 7_300_000, Origin::Prose, None);
    prose.rounding = Decimal::from(50_000);
    let series = Filings::new()
        .add("q1.txt", Some("2006-05-10"), statement(3, "2006-03-31", 7_321_000))
        .add("q1.txt", Some("2006-05-10"), prose)
        .add("release.txt", Some("2006-05-02"), fact(3, "2006-03-31", 7_321_000, Origin::Table, None))
        .series();
    let q1 = point(&series, "Q1 2006");
    assert_eq!((q1.status, q1.value), (Status::Reported, Decimal::from(7_321_000)), "the most precise figure");
    assert_eq!(q1.sources.len(), 3);
    assert_eq!(q1.sources[0].authority, Authority::Statement, "the best source first");
    assert!(q1.first_reported.is_none());
}

#[test]
fn the_higher_source_of_one_filing_gives_the_value_without_conflict() {
    let series = Filings::new()
        .add("10q.txt", Some("2006-05-10"), statement(3, "2006-03-31", 7_321_000))
        .add("10q.txt", Some("2006-05-10"), fact(3, "2006-03-31", 7_500_000, Origin::Table, None))
        .series();
    let q1 = point(&series, "Q1 2006");
    assert_eq!((q1.status, q1.value), (Status::Reported, Decimal::from(7_321_000)));
}

#[test]
fn sources_of_one_rank_and_filing_that_disagree_are_a_conflict() {
    let series = Filings::new()
        .add("10q.txt", Some("2006-05-10"), statement(3, "2006-03-31", 7_321_000))
        .add("10q.txt", Some("2006-05-10"), statement(3, "2006-03-31", 7_500_000))
        .series();
    assert_eq!(point(&series, "Q1 2006").status, Status::Conflict);
}

#[test]
fn a_later_filing_with_another_value_restates_the_quarter_and_keeps_the_first() {
    let series = Filings::new()
        .add("10k-2005.txt", Some("2006-02-01"), statement(12, "2005-12-31", 100_000))
        .add("10k-2006.txt", Some("2007-02-01"), statement(12, "2005-12-31", 120_000))
        .add("10k-2005.txt", Some("2006-02-01"), statement(3, "2005-12-31", 30_000))
        .add("10k-2006.txt", Some("2007-02-01"), statement(3, "2005-12-31", 35_000))
        .series();
    let q4 = point(&series, "Q4 2005");
    assert_eq!((q4.status, q4.value), (Status::Restated, Decimal::from(35_000)), "the latest is shown");
    let first = q4.first_reported.as_ref().expect("the first value is kept");
    assert_eq!(first.value, Decimal::from(30_000));
    assert_eq!(first.sources[0].document, "10k-2005.txt");
    let as_first = series.as_first_reported();
    assert_eq!(point(&as_first, "Q4 2005").value, Decimal::from(30_000));
}

#[test]
fn each_quarter_is_derived_from_the_year_to_date_figures_around_it() {
    let series = Filings::new()
        .add("q1.txt", Some("2006-05-01"), statement(3, "2006-03-31", 10_000))
        .add("q2.txt", Some("2006-08-01"), statement(6, "2006-06-30", 25_000))
        .add("q3.txt", Some("2006-11-01"), statement(9, "2006-09-30", 45_000))
        .add("10k.txt", Some("2007-02-01"), statement(12, "2006-12-31", 70_000))
        .series();
    let values: Vec<(&str, Status, Decimal)> =
        series.points.iter().map(|p| (p.quarter.as_str(), p.status, p.value)).collect();
    assert_eq!(
        values,
        vec![
            ("Q1 2006", Status::Reported, Decimal::from(10_000)),
            ("Q2 2006", Status::Derived, Decimal::from(15_000)),
            ("Q3 2006", Status::Derived, Decimal::from(20_000)),
            ("Q4 2006", Status::Derived, Decimal::from(25_000)),
        ]
    );
    let q4 = point(&series, "Q4 2006").derivation.as_ref().expect("a derivation");
    let operands: Vec<(&str, &str)> = q4.operands.iter().map(|o| (o.document.as_str(), o.basis.as_str())).collect();
    assert_eq!(operands, vec![("10k.txt", "as reported"), ("q3.txt", "as reported")]);
    assert_eq!(q4.rounding, Decimal::from(1000), "both operands' rounding");
    assert_eq!(point(&series, "Q4 2006").period, Period::months_ending(3, date("2006-12-31")));
}

#[test]
fn a_quarter_without_the_figures_to_derive_it_is_a_gap_that_says_why() {
    let series = Filings::new()
        .add("q1.txt", Some("2006-05-01"), statement(3, "2006-03-31", 10_000))
        .add("10k.txt", Some("2007-02-01"), statement(12, "2006-12-31", 70_000))
        .series();
    let quarters: Vec<&str> = series.points.iter().map(|p| p.quarter.as_str()).collect();
    assert_eq!(quarters, vec!["Q1 2006"], "Q4 needs the nine months");
    assert!(series.gaps.is_empty(), "nothing lies between the points");
    let with_q3 = Filings::new()
        .add("q1.txt", Some("2006-05-01"), statement(3, "2006-03-31", 10_000))
        .add("q3.txt", Some("2006-11-01"), statement(3, "2006-09-30", 20_000))
        .add("10k.txt", Some("2007-02-01"), statement(12, "2006-12-31", 70_000))
        .series();
    let gap = &with_q3.gaps[0];
    assert_eq!(gap.quarter, "Q2 2006");
    assert!(gap.reason.contains("no open filing states it"), "{}", gap.reason);
}

#[test]
fn a_derivation_takes_both_figures_from_before_a_restatement_of_one() {
    let series = Filings::new()
        .add("q3-2005.txt", Some("2005-11-01"), statement(9, "2005-09-30", 45_000))
        .add("10k-2005.txt", Some("2006-02-01"), statement(12, "2005-12-31", 70_000))
        .add("10k-2006.txt", Some("2007-02-01"), statement(12, "2005-12-31", 80_000))
        .series();
    let q4 = point(&series, "Q4 2005");
    assert_eq!((q4.status, q4.value), (Status::Derived, Decimal::from(25_000)), "70,000 − 45,000, not 80,000 − 45,000");
    let derivation = q4.derivation.as_ref().unwrap();
    assert_eq!(derivation.operands[0].document, "10k-2005.txt");
    assert_eq!(derivation.operands[0].basis, "as reported before a later restatement");
}

#[test]
fn a_derivation_takes_both_restated_figures_when_the_other_was_stated_again_after() {
    let series = Filings::new()
        .add("q3-2005.txt", Some("2005-11-01"), statement(9, "2005-09-30", 45_000))
        .add("10k-2005.txt", Some("2006-02-01"), statement(12, "2005-12-31", 70_000))
        .add("q3-2006.txt", Some("2006-11-01"), statement(9, "2005-09-30", 50_000))
        .add("10k-2006.txt", Some("2007-02-01"), statement(12, "2005-12-31", 80_000))
        .series();
    let derivation = point(&series, "Q4 2005").derivation.clone().unwrap();
    assert_eq!(derivation.value, Decimal::from(30_000));
    assert!(derivation.operands.iter().all(|o| o.basis == "as restated"), "{derivation:?}");
}

#[test]
fn a_derivation_that_would_mix_bases_is_refused_and_the_gap_says_why() {
    let series = Filings::new()
        .add("q1.txt", Some("2005-05-01"), statement(3, "2005-03-31", 10_000))
        .add("release.txt", None, statement(6, "2005-06-30", 25_000))
        .add("q3.txt", Some("2005-11-01"), statement(9, "2005-09-30", 45_000))
        .add("q3-2006.txt", Some("2006-11-01"), statement(9, "2005-09-30", 50_000))
        .add("10k.txt", Some("2006-02-01"), statement(3, "2005-12-31", 20_000))
        .series();
    assert_eq!(point(&series, "Q2 2005").status, Status::Derived, "neither of its figures was restated");
    let gap = series.gaps.iter().find(|g| g.quarter == "Q3 2005").expect("Q3 is missing");
    assert!(gap.reason.contains("cannot be matched to one basis"), "{}", gap.reason);
}

#[test]
fn a_correction_overrides_everything_and_keeps_the_original() {
    let filings = Filings::new().add("10q.txt", Some("2006-05-10"), statement(3, "2006-03-31", 7_321_000)).add(
        "10q.txt",
        Some("2006-05-10"),
        statement(3, "2006-03-31", 7_500_000),
    );
    let corrected = |value: i64| {
        move |key: &FactKey| {
            (key.period == Period::months_ending(3, date("2006-03-31"))).then(|| Correction {
                key: key.clone(),
                value: Decimal::from(value),
                original: Some(Decimal::from(7_321_000)),
                note: Some("checked".to_owned()),
                at: chrono::Utc::now(),
                source: None,
            })
        }
    };
    let resolved = filings.series_with(&corrected(7_500_000));
    let q1 = point(&resolved, "Q1 2006");
    assert_eq!((q1.status, q1.value), (Status::Resolved, Decimal::from(7_500_000)), "one of the conflict's values");
    let overridden = filings.series_with(&corrected(7_000_000));
    let q1 = point(&overridden, "Q1 2006");
    assert_eq!((q1.status, q1.value), (Status::Corrected, Decimal::from(7_000_000)));
    assert_eq!(q1.extracted_value(), Some(Decimal::from(7_321_000)), "the original stays on record");
}

#[test]
fn the_series_names_its_fiscal_year_end() {
    let series = Filings::new().add("q1.txt", Some("2006-05-10"), statement(3, "2006-03-31", 1_000)).series();
    assert_eq!(series.fiscal_year_end, "--12-31");
}

#[test]
fn the_four_quarters_are_checked_against_the_year_they_make() {
    let quarters = |q4: i64| {
        Filings::new()
            .add("q1.txt", Some("2006-05-01"), statement(3, "2006-03-31", 10_000_000))
            .add("q2.txt", Some("2006-08-01"), statement(3, "2006-06-30", 15_000_000))
            .add("q3.txt", Some("2006-11-01"), statement(3, "2006-09-30", 20_000_000))
            .add("10k.txt", Some("2007-02-01"), statement(3, "2006-12-31", q4))
            .add("10k.txt", Some("2007-02-01"), statement(12, "2006-12-31", 70_000_000))
            .series()
    };
    let checks: Vec<_> = crate::ledger::checks::year_checks(&[quarters(25_000_000)]).collect();
    assert_eq!(checks.len(), 1);
    assert!(checks[0].passes, "{:?}", checks[0]);
    assert!(checks[0].description.contains("Q1 2006 + Q2 2006 + Q3 2006 + Q4 2006"), "{}", checks[0].description);
    let off: Vec<_> = crate::ledger::checks::year_checks(&[quarters(27_000_000)]).collect();
    assert!(!off[0].passes);
    assert_eq!((off[0].expected, off[0].actual), (Decimal::from(70_000_000), Decimal::from(72_000_000)));
}

#[test]
fn negative_revenue_and_a_thousandfold_jump_are_flagged_for_review() {
    let mut revenue = Filings::new()
        .add("q1.txt", Some("2006-05-01"), statement(3, "2006-03-31", 7_321_000))
        .add("q2.txt", Some("2006-08-01"), statement(3, "2006-06-30", 7_400))
        .add("q3.txt", Some("2006-11-01"), statement(3, "2006-09-30", -5_000))
        .series();
    revenue.concept = "Revenues".to_owned();
    let flagged: Vec<_> = crate::ledger::checks::review_checks(std::slice::from_ref(&revenue), Rules::builtin())
        .map(|c| (c.kind, c.actual))
        .collect();
    use crate::ledger::checks::CheckKind;
    assert_eq!(flagged, vec![(CheckKind::Sign, Decimal::from(-5_000)), (CheckKind::Jump, Decimal::from(7_400))]);
    revenue.concept = NET.to_owned();
    let net: Vec<_> = crate::ledger::checks::review_checks(&[revenue], Rules::builtin()).map(|c| c.kind).collect();
    assert_eq!(net, vec![CheckKind::Jump], "net income may be negative");
}

#[test]
fn a_figure_stated_while_the_other_may_already_have_been_restated_is_not_mixed_with_it() {
    let series = Filings::new()
        .add("q2-1997.txt", Some("1997-08-14"), statement(6, "1997-06-30", -9_743_000))
        .add("q1-1998.txt", Some("1998-05-15"), statement(3, "1997-03-31", -3_038_000))
        .add("q2-1998.txt", Some("1998-08-14"), statement(6, "1997-06-30", -9_743_000))
        .add("10ka-1999.txt", Some("1999-12-31"), statement(3, "1997-03-31", -3_220_000))
        .series();
    let q2 = point(&series, "Q2 1997");
    let derivation = q2.derivation.as_ref().unwrap();
    assert_eq!(q2.value, Decimal::from(-6_705_000), "{}", derivation.formula);
    assert_eq!(derivation.operands[1].document, "q1-1998.txt", "Q1 as first reported");
    assert_eq!(derivation.as_of, Some(date("1998-08-14")));
}
