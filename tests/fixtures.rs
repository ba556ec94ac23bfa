//! Filings in the other shapes real EDGAR text takes, each with the facts
//! it must yield (and, for the concepts named, no others).

use std::path::{Path, PathBuf};

mod common;

use common::{period, quarters};
use exhibit::extract::{ExtractedDocument, Rules};
use exhibit::fact::{Origin, Period};
use exhibit::ingest::Encoding;
use exhibit::ledger::{Ledger, Status};
use rust_decimal::Decimal;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn extract_all(name: &str) -> Vec<ExtractedDocument> {
    common::extract_file(&fixture(name))
}

fn extract(name: &str) -> ExtractedDocument {
    common::extract_one(&fixture(name))
}

/// Asserts the document's facts of the concepts named are exactly these.
fn assert_facts(document: &ExtractedDocument, expected: &[(&str, &str, &str)]) {
    let expected: Vec<(String, Period, Decimal)> =
        expected.iter().map(|(c, p, v)| (c.to_string(), period(p), v.parse().unwrap())).collect();
    let concepts: Vec<&str> = expected.iter().map(|(c, _, _)| c.as_str()).collect();
    let mut found: Vec<(String, Period, Decimal)> = document
        .facts
        .iter()
        .filter(|f| concepts.contains(&f.concept.as_str()))
        .map(|f| (f.concept.clone(), f.period, f.value))
        .collect();
    let mut expected = expected;
    found.sort();
    expected.sort();
    assert_eq!(found, expected, "{}", document.document.name);
    for fact in &document.facts {
        let printed = &document.document.text[fact.span[0]..fact.span[1]];
        assert_eq!(printed, fact.text, "span of {fact:?}");
    }
}

#[test]
fn full_submission_with_two_documents_and_a_june_fiscal_year() {
    let documents = extract_all("submission-two-documents.txt");
    assert_eq!(documents.len(), 2);
    let (cover, release) = (&documents[0].document, &documents[1].document);
    assert_eq!((cover.name.as_str(), cover.particulars.form.as_deref()), ("d8k.txt", Some("8-K")));
    assert!(documents[0].facts.is_empty());
    assert_eq!((release.name.as_str(), release.particulars.form.as_deref()), ("dex991.txt", Some("EX-99.1")));
    assert_eq!(release.particulars.company.as_deref(), Some("Palo Verde Instruments Inc."));
    assert_eq!(release.particulars.cik.as_deref(), Some("0000912345"));
    assert_eq!(release.particulars.fiscal_year_end, Some((6, 30)));
    assert_eq!(release.particulars.date, "2006-10-26".parse().ok());
    assert!(release.text.starts_with("\nEXHIBIT 99.1"), "the document's text is its <TEXT> body");
    assert_facts(
        &documents[1],
        &[
            ("Revenues", "2006-07-01..2006-09-30", "12480000"),
            ("Revenues", "2005-07-01..2005-09-30", "10915000"),
            ("OperatingExpenses", "2006-07-01..2006-09-30", "11020000"),
            ("OperatingExpenses", "2005-07-01..2005-09-30", "10233000"),
            ("NetIncomeLoss", "2006-07-01..2006-09-30", "1022000"),
            ("NetIncomeLoss", "2005-07-01..2005-09-30", "431000"),
        ],
    );
    let mut ledger = Ledger::new();
    ledger.add(documents);
    let series = ledger.series(Rules::builtin());
    let net_income = series.iter().find(|s| s.concept == "NetIncomeLoss").unwrap();
    let quarters: Vec<&str> = net_income.points.iter().map(|p| p.quarter.as_str()).collect();
    assert_eq!(
        quarters,
        ["Q1 FY2006", "Q1 FY2007"],
        "September closes the first quarter of a fiscal year ending the next June, named by that year"
    );
    assert_eq!(net_income.fiscal_year_end, "--06-30");
}

#[test]
fn windows_1252_with_an_em_dash_and_a_curly_apostrophe() {
    let document = extract("windows-1252.txt");
    assert_eq!(document.document.encoding, Encoding::Windows1252);
    assert_facts(
        &document,
        &[
            ("CashAndCashEquivalentsAtCarryingValue", "2006-03-31", "5210000"),
            ("CashAndCashEquivalentsAtCarryingValue", "2005-12-31", "6877000"),
            ("StockholdersEquity", "2006-03-31", "8115000"),
            ("StockholdersEquity", "2005-12-31", "8950000"),
        ],
    );
    let equity = document.facts.iter().find(|f| f.concept == "StockholdersEquity").unwrap();
    assert_eq!(equity.label, "Total stockholders\u{2019} equity");
    assert_eq!(document.facts.iter().filter(|f| f.text == "\u{2014}").count(), 0, "restricted cash is not cash");
}

#[test]
fn a_profitable_company_reporting_in_millions() {
    let document = extract("millions-profitable.txt");
    assert_facts(
        &document,
        &[
            ("Revenues", "2006-10-01..2006-12-31", "1245600000"),
            ("Revenues", "2005-10-01..2005-12-31", "1102300000"),
            ("OperatingExpenses", "2006-10-01..2006-12-31", "1010200000"),
            ("OperatingExpenses", "2005-10-01..2005-12-31", "925700000"),
            ("NetIncomeLoss", "2006-10-01..2006-12-31", "158400000"),
            ("NetIncomeLoss", "2005-10-01..2005-12-31", "121900000"),
            ("EarningsPerShareBasicAndDiluted", "2006-10-01..2006-12-31", "2.31"),
            ("EarningsPerShareBasicAndDiluted", "2005-10-01..2005-12-31", "1.79"),
        ],
    );
    let revenue = document.facts.iter().find(|f| f.concept == "Revenues").unwrap();
    assert_eq!((revenue.scale, revenue.rounding), (6, Decimal::from(50_000)), "1,245.6 million is ±0.05 million");
    assert_eq!(
        document.document.particulars.date, None,
        "a release without a dateline has no date, not a table's date"
    );
}

#[test]
fn thirteen_and_fifty_two_week_periods() {
    let document = extract("weeks.txt");
    assert_facts(
        &document,
        &[
            ("NetIncomeLoss", "2006-10-01..2006-12-30", "6120000"),
            ("NetIncomeLoss", "2005-10-02..2005-12-31", "5377000"),
            ("NetIncomeLoss", "2006-01-01..2006-12-30", "18944000"),
            ("NetIncomeLoss", "2005-01-02..2005-12-31", "16205000"),
        ],
    );
    let mut ledger = Ledger::new();
    ledger.add([document]);
    let series = ledger.series(Rules::builtin());
    let quarters = quarters(&series, "NetIncomeLoss");
    assert_eq!(quarters, ["Q4 2005", "Q4 2006"], "13 weeks ended December 30 is the fourth quarter");
}

#[test]
fn nine_month_columns_and_unscaled_per_share_rows() {
    let document = extract("nine-months-per-share.txt");
    assert_facts(
        &document,
        &[
            ("NetIncomeLoss", "2006-07-01..2006-09-30", "-6511000"),
            ("NetIncomeLoss", "2005-07-01..2005-09-30", "-4840000"),
            ("NetIncomeLoss", "2006-01-01..2006-09-30", "-18270000"),
            ("NetIncomeLoss", "2005-01-01..2005-09-30", "-14515000"),
            ("EarningsPerShareBasicAndDiluted", "2006-07-01..2006-09-30", "-0.21"),
            ("EarningsPerShareBasicAndDiluted", "2005-07-01..2005-09-30", "-0.19"),
            ("EarningsPerShareBasicAndDiluted", "2006-01-01..2006-09-30", "-0.61"),
            ("EarningsPerShareBasicAndDiluted", "2005-01-01..2005-09-30", "-0.58"),
            ("WeightedAverageNumberOfSharesOutstandingBasicAndDiluted", "2006-07-01..2006-09-30", "31004118"),
            ("WeightedAverageNumberOfSharesOutstandingBasicAndDiluted", "2005-07-01..2005-09-30", "25873440"),
            ("WeightedAverageNumberOfSharesOutstandingBasicAndDiluted", "2006-01-01..2006-09-30", "29954003"),
            ("WeightedAverageNumberOfSharesOutstandingBasicAndDiluted", "2005-01-01..2005-09-30", "25011876"),
        ],
    );
    assert_eq!(document.footings.len(), 4);
    assert!(document.footings.iter().all(|f| f.adds_up));
}

#[test]
fn a_year_column_and_a_nine_month_column_derive_the_fourth_quarter() {
    let mut ledger = Ledger::new();
    ledger.add([extract("nine-months-per-share.txt"), extract("blue-heron-year.txt")]);
    let series = ledger.series(Rules::builtin());
    let net_loss = series.iter().find(|s| s.concept == "NetIncomeLoss").unwrap();
    let q4 = net_loss.points.iter().find(|p| p.quarter == "Q4 2006").unwrap();
    assert_eq!(q4.status, Status::Derived);
    assert_eq!(q4.value, Decimal::from(-6_730_000), "(25,000) − (18,270)");
    assert_eq!(q4.period, period("2006-10-01..2006-12-31"));
    assert!(q4.sources.is_empty());
    assert!(q4.derivation.as_ref().unwrap().formula.contains("year ended 2006-12-31"));
}

#[test]
fn wrapped_labels_footnotes_and_noncontrolling_interests() {
    let document = extract("wrapped-labels-spill.txt");
    assert_facts(
        &document,
        &[
            ("Revenues", "2006-04-01..2006-06-30", "104227000"),
            ("Revenues", "2005-04-01..2005-06-30", "98115000"),
            ("OperatingExpenses", "2006-04-01..2006-06-30", "112804000"),
            ("OperatingExpenses", "2005-04-01..2005-06-30", "101990000"),
            ("NetIncomeLoss", "2006-04-01..2006-06-30", "-8577000"),
            ("NetIncomeLoss", "2005-04-01..2005-06-30", "-3875000"),
        ],
    );
    let opex = document.facts.iter().find(|f| f.concept == "OperatingExpenses").unwrap();
    assert_eq!(opex.label, "Total operating costs and expenses");
    assert_eq!(opex.text, "112,804", "the footnote marker is not part of the number");
    let net_loss = document.facts.iter().find(|f| f.concept == "NetIncomeLoss").unwrap();
    assert_eq!(net_loss.label, "Net loss attributable to Northwind Semiconductor Corporation");
}

#[test]
fn untagged_tables_and_the_cash_flow_trap() {
    let document = extract("untagged-cash-flow-trap.txt");
    assert_facts(
        &document,
        &[
            ("CashAndCashEquivalentsAtCarryingValue", "2006-09-30", "22015000"),
            ("CashAndCashEquivalentsAtCarryingValue", "2005-12-31", "18440000"),
            ("Assets", "2006-09-30", "140778000"),
            ("Assets", "2005-12-31", "131006000"),
        ],
    );
}

#[test]
fn misleading_prose_yields_nothing() {
    let document = extract("misleading-prose.txt");
    assert!(document.facts.is_empty(), "{:#?}", document.facts);
}

#[test]
fn expenses_printed_in_parentheses_are_positive_with_a_note() {
    let document = extract("expenses-in-parentheses.txt");
    assert_facts(
        &document,
        &[
            ("OperatingExpenses", "2006-04-01..2006-06-30", "8250000"),
            ("OperatingExpenses", "2005-04-01..2005-06-30", "7900000"),
            ("NetIncomeLoss", "2006-04-01..2006-06-30", "1150000"),
            ("NetIncomeLoss", "2005-04-01..2005-06-30", "200000"),
        ],
    );
    assert!(document.facts.iter().filter(|f| f.concept == "OperatingExpenses").all(|f| f.note.is_some()));
}

#[test]
fn columns_without_a_period_give_warnings_with_spans_not_guesses() {
    let document = extract("no-period-heading.txt");
    assert!(document.facts.is_empty());
    assert_eq!(document.warnings.len(), 4);
    let first = &document.warnings[0];
    let span = first.span.unwrap();
    assert_eq!(&document.document.text[span[0]..span[1]], "(1,250)");
    assert!(first.message.contains("Actual"), "{}", first.message);
}

#[test]
fn crlf_line_endings_and_tab_aligned_columns() {
    let document = extract("crlf-tabs.txt");
    assert_facts(
        &document,
        &[
            ("Revenues", "2006-01-01..2006-03-31", "4410000"),
            ("Revenues", "2005-01-01..2005-03-31", "3905000"),
            ("NetIncomeLoss", "2006-01-01..2006-03-31", "-710000"),
            ("NetIncomeLoss", "2005-01-01..2005-03-31", "-965000"),
        ],
    );
}

#[test]
fn a_later_release_with_another_value_restates_the_quarter_and_agreeing_ones_are_one_value() {
    let mut ledger = Ledger::new();
    ledger.add([extract("conflict-restated.txt"), extract("conflict-first.txt")]);
    let series = ledger.series(Rules::builtin());
    let net_loss = series.iter().find(|s| s.concept == "NetIncomeLoss" && s.company == "Sonora Devices Inc.").unwrap();
    let q2_2006 = net_loss.points.iter().find(|p| p.quarter == "Q2 2006").unwrap();
    assert_eq!((q2_2006.status, q2_2006.value), (Status::Restated, Decimal::from(-2_610_000)), "the latest");
    let first = q2_2006.first_reported.as_ref().expect("the first value is kept");
    assert_eq!(first.value, Decimal::from(-2_450_000));
    assert_eq!(first.sources[0].document, "conflict-first.txt");
    let q2_2005 = net_loss.points.iter().find(|p| p.quarter == "Q2 2005").unwrap();
    assert_eq!((q2_2005.status, q2_2005.sources.len()), (Status::Reported, 2));
    assert!(q2_2005.sources.iter().all(|s| s.origin == Origin::Table));
}

#[test]
fn two_tables_of_one_release_that_disagree_are_a_conflict() {
    let mut ledger = Ledger::new();
    ledger.add([extract("conflict-same-release.txt")]);
    let series = ledger.series(Rules::builtin());
    let net_loss = series.iter().find(|s| s.concept == "NetIncomeLoss").unwrap();
    let q2_2006 = net_loss.points.iter().find(|p| p.quarter == "Q2 2006").unwrap();
    assert_eq!(q2_2006.status, Status::Conflict);
    let values: Vec<Decimal> = q2_2006.sources.iter().map(|s| s.value).collect();
    assert!(values.contains(&Decimal::from(-2_450_000)) && values.contains(&Decimal::from(-2_540_000)));
}

#[test]
fn an_unlabeled_total_under_a_rule_in_a_typed_table() {
    let document = extract("unlabeled-total.txt");
    assert_facts(
        &document,
        &[
            ("OperatingExpenses", "2024-01-01..2024-03-31", "11500000"),
            ("ResearchAndDevelopmentExpense", "2024-01-01..2024-03-31", "8400000"),
            ("ResearchAndDevelopmentExpense", "2023-01-01..2023-03-31", "7100000"),
            ("NetIncomeLoss", "2024-01-01..2024-03-31", "-10402000"),
            ("NetIncomeLoss", "2023-01-01..2023-03-31", "-9210000"),
        ],
    );
    let total = document.facts.iter().find(|f| f.concept == "OperatingExpenses").unwrap();
    assert!(total.note.as_deref().unwrap().contains("the 2 rows above it add up to it"), "{:?}", total.note);
    assert!(
        document.warnings.iter().any(|w| w.message.starts_with("Unlabeled total of Operating expenses 10,150")),
        "{:?}",
        document.warnings
    );
}

#[test]
fn one_rule_under_both_group_headings_leaves_each_group_its_columns() {
    let document = extract("rule-under-both-groups.txt");
    assert_facts(
        &document,
        &[
            ("Revenues", "1998-07-01..1998-09-30", "53698000"),
            ("Revenues", "1997-07-01..1997-09-30", "17887000"),
            ("Revenues", "1998-01-01..1998-09-30", "157103000"),
            ("Revenues", "1997-01-01..1997-09-30", "41747000"),
            ("NetIncomeLoss", "1998-07-01..1998-09-30", "-15171000"),
            ("NetIncomeLoss", "1997-07-01..1997-09-30", "-3647000"),
            ("NetIncomeLoss", "1998-01-01..1998-09-30", "-38119000"),
            ("NetIncomeLoss", "1997-01-01..1997-09-30", "-9212000"),
        ],
    );
}

#[test]
fn an_amendment_without_its_header_names_its_registrant_and_its_quarters() {
    let documents = extract_all("amendment-quarterly-results.txt");
    let document = &documents[0];
    let particulars = &document.document.particulars;
    assert_eq!(particulars.form.as_deref(), Some("10-K/A"), "the <TYPE> of a document block");
    assert_eq!(particulars.company.as_deref(), Some("LARKSPUR OUTFITTERS, INC."), "the cover's registrant");
    assert_facts(
        document,
        &[
            ("Revenues", "1999-10-01..1999-12-31", "76042000"),
            ("Revenues", "1999-07-01..1999-09-30", "55777000"),
            ("Revenues", "1999-04-01..1999-06-30", "54377000"),
            ("Revenues", "1999-01-01..1999-03-31", "43643000"),
            ("NetIncomeLoss", "1999-10-01..1999-12-31", "-23213000"),
            ("NetIncomeLoss", "1999-07-01..1999-09-30", "-17080000"),
            ("NetIncomeLoss", "1999-04-01..1999-06-30", "-13008000"),
            ("NetIncomeLoss", "1999-01-01..1999-03-31", "-6667000"),
        ],
    );
}

#[test]
fn a_multi_registrant_filing_belongs_to_the_registrant_its_cover_names_first() {
    let documents = extract_all("multi-registrant.txt");
    let particulars = &documents[0].document.particulars;
    assert_eq!(particulars.company.as_deref(), Some("PARENT ENERGY CORP"), "not the subsidiary filed first");
    assert_eq!(particulars.cik.as_deref(), Some("0000000022"));
    assert_facts(
        &documents[0],
        &[
            ("NetIncomeLoss", "2006-01-01..2006-12-31", "742000000"),
            ("NetIncomeLoss", "2005-01-01..2005-12-31", "690000000"),
        ],
    );
}
