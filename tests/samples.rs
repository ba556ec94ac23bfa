//! The bundled EpiCept releases against `assets/samples/expected-facts.json`
//! and the quarterly series table of the extraction contract.

mod common;

use std::path::{Path, PathBuf};

use exhibit::extract::{ExtractedDocument, Extractor, Rules};
use exhibit::fact::{Origin, Period};
use exhibit::ledger::{Ledger, Series, Status};
use rust_decimal::Decimal;
use serde_json::Value;

const SCORED: [&str; 4] = ["NetIncomeLoss", "CashAndCashEquivalentsAtCarryingValue", "OperatingExpenses", "Revenues"];

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples")
}

fn expected() -> Value {
    let text = std::fs::read_to_string(samples_dir().join("expected-facts.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn extract(file: &str) -> ExtractedDocument {
    let mut documents = Extractor::builtin().extract_path(&samples_dir().join(file)).unwrap();
    assert_eq!(documents.len(), 1);
    documents.remove(0)
}

fn decimal(value: &Value) -> Decimal {
    value.to_string().parse().unwrap()
}

/// Does an extracted fact answer an expected one?
fn answers(expected: &Value, fact: &exhibit::fact::Fact) -> bool {
    let months = expected["months"].as_u64().unwrap() as u32;
    let end = expected["end"].as_str().unwrap();
    let origin = match expected["where"].as_str().unwrap() {
        "table" => Origin::Table,
        _ => Origin::Prose,
    };
    let tolerance = expected.get("tolerance").map_or(Decimal::ZERO, decimal);
    fact.concept == expected["concept"].as_str().unwrap()
        && fact.period.end().to_string() == end
        && fact.period.months() == months
        && fact.period.is_instant() == (months == 0)
        && fact.origin == origin
        && (fact.value - decimal(&expected["value"])).abs() <= tolerance
}

#[test]
fn every_expected_fact_is_found_and_nothing_else_of_the_scored_concepts() {
    for filing in expected()["filings"].as_array().unwrap() {
        let file = filing["file"].as_str().unwrap();
        let document = extract(file);
        assert_eq!(document.document.particulars.company.as_deref(), filing["company"].as_str(), "{file}");
        let wanted = filing["facts"].as_array().unwrap();
        for expected in wanted {
            assert!(
                document.facts.iter().any(|f| answers(expected, f)),
                "{file}: no fact for {expected}\nfound: {:#?}",
                document
                    .facts
                    .iter()
                    .filter(|f| f.concept == expected["concept"].as_str().unwrap())
                    .collect::<Vec<_>>()
            );
        }
        for fact in document.facts.iter().filter(|f| SCORED.contains(&f.concept.as_str())) {
            assert!(wanted.iter().any(|e| answers(e, fact)), "{file}: unexpected {fact:#?}");
        }
    }
}

#[test]
fn provenance_points_at_the_printed_number() {
    let document = extract("epicept-2006-08-02-q2-2006-results.txt");
    let quarter = Period::Duration {
        start: chrono::NaiveDate::from_ymd_opt(2006, 4, 1).unwrap(),
        end: chrono::NaiveDate::from_ymd_opt(2006, 6, 30).unwrap(),
    };
    let net_loss = document.facts.iter().find(|f| f.concept == "NetIncomeLoss" && f.period == quarter).unwrap();
    assert_eq!(&document.document.text[net_loss.span[0]..net_loss.span[1]], "(7,321)");
    assert_eq!(net_loss.text, "(7,321)");
    assert_eq!(net_loss.label, "Net loss");
    assert_eq!(net_loss.column, "THREE MONTHS ENDED JUNE 30, 2006");
    assert_eq!(net_loss.scale, 3);
    assert_eq!(net_loss.value, Decimal::from(-7_321_000));

    let eps =
        document.facts.iter().find(|f| f.concept == "EarningsPerShareBasicAndDiluted" && f.period == quarter).unwrap();
    assert_eq!(eps.value, Decimal::new(-30, 2), "per-share amounts are not scaled");
    assert_eq!(eps.scale, 0);
    let shares = document
        .facts
        .iter()
        .find(|f| f.concept == "WeightedAverageNumberOfSharesOutstandingBasicAndDiluted" && f.period == quarter)
        .unwrap();
    assert_eq!(shares.value, Decimal::from(24_525_026), "share counts are not scaled");

    for fact in &document.facts {
        let printed: String =
            document.document.text[fact.span[0]..fact.span[1]].split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(printed, fact.text, "{fact:?}");
    }
}

#[test]
fn footings_of_the_operating_expenses_add_up() {
    for file in ["epicept-2006-05-23-q1-2006-results.txt", "epicept-2006-08-02-q2-2006-results.txt"] {
        let document = extract(file);
        assert!(!document.footings.is_empty(), "{file}");
        for footing in &document.footings {
            assert!(footing.adds_up, "{file}: {footing:?}");
            assert_eq!(footing.total_label, "Total operating expenses");
            assert_eq!(footing.parts.len(), 3);
        }
    }
}

fn all_samples_ledger() -> Ledger {
    let mut ledger = Ledger::new();
    for filing in expected()["filings"].as_array().unwrap() {
        ledger.add(Extractor::builtin().extract_path(&samples_dir().join(filing["file"].as_str().unwrap())).unwrap());
    }
    ledger
}

fn point<'a>(series: &'a [Series], concept: &str, quarter: &str) -> Option<&'a exhibit::ledger::Point> {
    series
        .iter()
        .find(|s| s.concept == concept && s.company == "EpiCept Corporation")?
        .points
        .iter()
        .find(|p| p.quarter == quarter)
}

#[test]
fn the_series_table_of_the_contract() {
    let ledger = all_samples_ledger();
    let series = ledger.series(Rules::builtin());
    let thousands = |v: i64| Decimal::from(v * 1000);
    // (concept, quarter, value in thousands, status, derived too)
    let table: [(&str, &str, i64, Status, bool); 10] = [
        ("NetIncomeLoss", "Q1 2005", -1_586, Status::Reported, false),
        ("NetIncomeLoss", "Q2 2005", -3_111, Status::Reported, true),
        ("NetIncomeLoss", "Q1 2006", -47_626, Status::Reported, false),
        ("NetIncomeLoss", "Q2 2006", -7_321, Status::Reported, true),
        ("OperatingExpenses", "Q1 2005", 1_486, Status::Reported, false),
        ("OperatingExpenses", "Q2 2005", 3_210, Status::Reported, true),
        ("OperatingExpenses", "Q1 2006", 43_087, Status::Reported, false),
        ("OperatingExpenses", "Q2 2006", 7_543, Status::Reported, true),
        ("CashAndCashEquivalentsAtCarryingValue", "Q4 2005", 403, Status::Reported, false),
        ("CashAndCashEquivalentsAtCarryingValue", "Q1 2006", 11_508, Status::Reported, false),
    ];
    for (concept, quarter, value, status, derived) in table {
        let p = point(&series, concept, quarter).unwrap_or_else(|| panic!("{concept} {quarter} missing"));
        assert_eq!(p.value, thousands(value), "{concept} {quarter}");
        assert_eq!(p.status, status, "{concept} {quarter}");
        assert_eq!(p.derivation.is_some(), derived, "{concept} {quarter}");
        if let Some(d) = &p.derivation {
            assert_eq!(d.value, thousands(value), "{concept} {quarter} derived: {}", d.formula);
        }
    }
    let cash = point(&series, "CashAndCashEquivalentsAtCarryingValue", "Q2 2006").unwrap();
    assert_eq!(cash.value, thousands(7_329));
    assert_eq!(cash.status, Status::Reported);
    assert_eq!(
        cash.sources.iter().map(|s| s.origin).collect::<Vec<_>>(),
        vec![Origin::Table, Origin::Prose],
        "$7.3 million agrees with 7,329"
    );
    let opex = point(&series, "OperatingExpenses", "Q2 2006").unwrap();
    assert!(opex.sources.iter().any(|s| s.origin == Origin::Prose && s.text == "$7.5 million"));
    let opex_q1 = point(&series, "OperatingExpenses", "Q1 2006").unwrap();
    assert!(opex_q1.sources.iter().any(|s| s.text == "$43.1 million"));

    let net_loss_quarters = common::quarters(&series, "NetIncomeLoss");
    assert_eq!(
        net_loss_quarters,
        ["Q1 2005", "Q2 2005", "Q1 2006", "Q2 2006"],
        "missing quarters are absent, never zero"
    );

    let checks = ledger.checks(&series, Rules::builtin());
    assert!(checks.iter().all(|c| c.passes), "{:#?}", checks.iter().filter(|c| !c.passes).collect::<Vec<_>>());
    assert!(checks.iter().any(|c| c.description.contains("NetIncomeLoss Q2 2006")));
}

#[test]
fn a_correction_overrides_keeps_the_original_and_survives_re_extraction() {
    let mut ledger = all_samples_ledger();
    let rules = Rules::builtin();
    let series = ledger.series(rules);
    let cash = point(&series, "CashAndCashEquivalentsAtCarryingValue", "Q2 2006").unwrap();
    let key = exhibit::ledger::FactKey {
        company: "epicept".into(),
        concept: "CashAndCashEquivalentsAtCarryingValue".into(),
        period: cash.period,
    };
    let correction =
        ledger.apply_correction(key.clone(), Decimal::from(7_400_000), Some("per 10-Q".into()), None).clone();
    assert_eq!(correction.original, Some(Decimal::from(7_329_000)));

    let series = ledger.series(rules);
    let corrected = point(&series, "CashAndCashEquivalentsAtCarryingValue", "Q2 2006").unwrap();
    assert_eq!(corrected.value, Decimal::from(7_400_000));
    assert_eq!(corrected.status, Status::Corrected);
    assert_eq!(corrected.extracted_value(), Some(Decimal::from(7_329_000)));
    assert_eq!(corrected.correction.as_ref().unwrap().note.as_deref(), Some("per 10-Q"));

    let saved = serde_json::to_string(ledger.corrections()).unwrap();
    let mut reopened = all_samples_ledger();
    reopened.replace_corrections(serde_json::from_str(&saved).unwrap());
    reopened
        .add(Extractor::builtin().extract_path(&samples_dir().join("epicept-2006-08-02-q2-2006-results.txt")).unwrap());
    let series = reopened.series(rules);
    assert_eq!(
        point(&series, "CashAndCashEquivalentsAtCarryingValue", "Q2 2006").unwrap().value,
        Decimal::from(7_400_000)
    );

    assert!(reopened.revert_correction(&key).is_some());
    let series = reopened.series(rules);
    let reverted = point(&series, "CashAndCashEquivalentsAtCarryingValue", "Q2 2006").unwrap();
    assert_eq!((reverted.value, reverted.status), (Decimal::from(7_329_000), Status::Reported));
    assert!(reopened.corrections().is_empty());
}

#[test]
fn correcting_a_year_to_date_figure_moves_the_derived_quarter() {
    let mut ledger = all_samples_ledger();
    let six_months = Period::Duration {
        start: chrono::NaiveDate::from_ymd_opt(2006, 1, 1).unwrap(),
        end: chrono::NaiveDate::from_ymd_opt(2006, 6, 30).unwrap(),
    };
    let key =
        exhibit::ledger::FactKey { company: "epicept".into(), concept: "NetIncomeLoss".into(), period: six_months };
    ledger.apply_correction(key, Decimal::from(-56_000_000), None, None);
    let series = ledger.series(Rules::builtin());
    let q2 = point(&series, "NetIncomeLoss", "Q2 2006").unwrap();
    assert_eq!(q2.derivation.as_ref().unwrap().value, Decimal::from(-8_374_000));
    assert_eq!(q2.status, Status::Conflict, "reported (7,321) no longer agrees with the corrected half-year");
}
