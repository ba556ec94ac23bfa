//! HTML filings: rendered to text with tables as aligned columns, facts
//! from their tables, prose and inline XBRL, with spans into that text.

use std::path::{Path, PathBuf};

mod common;

use common::period;
use exhibit::extract::{ExtractedDocument, Extractor, Rules};
use exhibit::fact::{Fact, Origin, Period};
use exhibit::ingest::{self, Encoding, Markup};
use exhibit::ledger::{Ledger, Status};
use rust_decimal::Decimal;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html").join(name)
}

fn extract_all(name: &str) -> Vec<ExtractedDocument> {
    common::extract_file(&fixture(name))
}

fn extract(name: &str) -> ExtractedDocument {
    common::extract_one(&fixture(name))
}

fn find<'a>(document: &'a ExtractedDocument, concept: &str, when: &str, origin: Origin) -> &'a Fact {
    let when = period(when);
    document
        .facts
        .iter()
        .find(|f| f.concept == concept && f.period == when && f.origin == origin)
        .unwrap_or_else(|| panic!("no {origin:?} {concept} for {when:?} in {:#?}", document.facts))
}

fn values(document: &ExtractedDocument, concept: &str, origin: Origin) -> Vec<(Period, Decimal)> {
    let mut found: Vec<_> = document
        .facts
        .iter()
        .filter(|f| f.concept == concept && f.origin == origin)
        .map(|f| (f.period, f.value))
        .collect();
    found.sort();
    found
}

/// Every fact shown in the text spans exactly its printed number.
fn assert_spans(document: &ExtractedDocument) {
    for fact in &document.facts {
        if fact.span == [0, 0] {
            assert!(fact.note.as_deref().is_some_and(|n| n.contains("hidden")), "{fact:?}");
            continue;
        }
        assert_eq!(&document.document.text[fact.span[0]..fact.span[1]], fact.text, "{fact:?}");
    }
}

#[test]
fn a_modern_release_renders_as_readable_text_with_aligned_columns() {
    let document = extract("release-modern.htm");
    assert_eq!(document.document.markup, Markup::Html);
    let text = &document.document.text;
    assert!(
        text.contains("Mesquite Foods Corporation (NYSE: MQF) today reported"),
        "entities decoded, white space collapsed"
    );
    assert!(!text.contains("999.9"), "display:none is left out");
    assert!(!text.contains("font-size"), "styles are not text");
    assert!(text.lines().all(|l| l.chars().count() <= 110), "paragraphs wrap");
    let row = |label: &str| text.lines().find(|l| l.starts_with(label)).unwrap().to_owned();
    let net_sales = row("Net sales ");
    let other = row("Other expense, net");
    let end_of = |line: &str, value: &str| line.find(value).unwrap() + value.len();
    assert_eq!(
        end_of(&net_sales, "612.4") + 1,
        end_of(&other, "(15.6)"),
        "figures right-aligned, the parenthesis hanging"
    );
    assert!(text.contains("March 30,") && text.contains("13 Weeks Ended"));
    assert_spans(&document);
}

#[test]
fn modern_labels_periods_and_split_cells() {
    let document = extract("release-modern.htm");
    let quarter = "2023-12-31..2024-03-30";
    assert_eq!(document.document.particulars.company.as_deref(), Some("Mesquite Foods Corporation"));
    assert_eq!(
        find(&document, "Revenues", quarter, Origin::Table).value,
        Decimal::from(612_400_000),
        "Net sales, in millions"
    );
    assert_eq!(find(&document, "Revenues", quarter, Origin::Table).label, "Net sales");
    assert_eq!(
        find(&document, "CostsAndExpenses", quarter, Origin::Table).value,
        Decimal::from(521_300_000),
        "Total costs and expenses under Cost of sales is the total of costs and expenses"
    );
    assert!(document.facts.iter().all(|f| f.concept != "OperatingExpenses"), "it is not an operating-expense total");
    assert_eq!(
        values(&document, "NetIncomeLoss", Origin::Table),
        vec![
            (period("2023-01-01..2023-04-01"), Decimal::from(47_100_000)),
            (period(quarter), Decimal::from(41_800_000))
        ],
        "the company's net income, not the consolidated line"
    );
    assert_eq!(
        find(&document, "EarningsPerShareBasicAndDiluted", quarter, Origin::Table).value,
        Decimal::new(62, 2),
        "per share not scaled"
    );
    assert_eq!(
        values(&document, "CashAndCashEquivalentsAtCarryingValue", Origin::Table),
        vec![
            (period("2023-04-01"), Decimal::from(71_300_000)),
            (period("2023-12-30"), Decimal::from(102_500_000)),
            (period("2024-03-30"), Decimal::from(88_000_000)),
        ],
        "a balance sheet with three dates"
    );
    assert!(document.footings.is_empty(), "Total costs and expenses reaches beyond its section: not footed");
    let prose = find(&document, "Revenues", quarter, Origin::Prose);
    assert_eq!(prose.value, Decimal::from(612_400_000), "the first quarter of 2024 is the one the table dates");
    let mut ledger = Ledger::new();
    ledger.add([document]);
    let series = ledger.series(Rules::builtin());
    let revenue = series.iter().find(|s| s.concept == "Revenues").unwrap();
    let q1 = revenue.points.iter().find(|p| p.quarter == "Q1 2024").unwrap();
    assert_eq!(
        (q1.status, q1.sources.len()),
        (Status::Reported, 2),
        "13 weeks to March 30 and the first quarter are one quarter"
    );
}

#[test]
fn inline_xbrl_facts_with_contexts_scale_sign_dimensions_and_hidden_facts() {
    let document = extract("ixbrl-report.htm");
    let quarter = "2024-01-01..2024-03-31";
    let net_loss = find(&document, "NetIncomeLoss", quarter, Origin::Ixbrl);
    assert_eq!(net_loss.value, Decimal::from(-12_700_000), "sign=\"-\" and scale=\"6\"");
    assert_eq!((net_loss.scale, net_loss.rounding), (6, Decimal::from(50_000)), "decimals=\"-5\"");
    assert_eq!(net_loss.label, "Net loss", "matched to its table row");
    assert_eq!(net_loss.column, "Three Months Ended March 31, 2024");
    assert_eq!(&document.document.text[net_loss.span[0]..net_loss.span[1]], "12.7");
    assert!(
        document.facts.iter().all(|f| f.origin != Origin::Table || f.concept != "NetIncomeLoss"),
        "the tagged cell is one fact, the tag's"
    );
    let table = net_loss.table.as_ref().expect("the tag keeps its table's provenance");
    assert!(table.role.states_company_totals(), "{table:?}");
    assert_eq!(
        find(&document, "CashAndCashEquivalentsAtCarryingValue", "2024-03-31", Origin::Ixbrl).value,
        Decimal::from(64_800_000)
    );
    let segment: Vec<&Fact> = document.facts.iter().filter(|f| !f.dimensions.is_empty()).collect();
    assert_eq!(segment.len(), 1);
    assert_eq!(
        segment[0].dimensions,
        vec![("us-gaap:StatementBusinessSegmentsAxis".to_owned(), "bry:DevicesMember".to_owned())]
    );
    let hidden: Vec<&Fact> = document.facts.iter().filter(|f| f.span == [0, 0]).collect();
    assert_eq!(hidden.len(), 1);
    assert_eq!((hidden[0].concept.as_str(), hidden[0].value), ("Revenues", Decimal::from(250_000_000)));
    assert!(!document.document.text.contains("c-q1"), "ix:header is hidden");
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
    assert_spans(&document);

    let mut ledger = Ledger::new();
    ledger.add([document]);
    let series = ledger.series(Rules::builtin());
    let revenue = series.iter().find(|s| s.concept == "Revenues").unwrap();
    let q1 = revenue.points.iter().find(|p| p.quarter == "Q1 2024").unwrap();
    assert_eq!(q1.value, Decimal::from(250_000_000), "the segment's 180.2 stays out of the series");
    assert_eq!(q1.sources[0].origin, Origin::Ixbrl, "inline XBRL ranks first");
}

#[test]
fn a_table_value_that_disagrees_with_its_tag_is_a_warning() {
    let source = std::fs::read_to_string(fixture("ixbrl-report.htm")).unwrap();
    let tampered = source
        .replace(">262.7</ix:nonFraction>", ">262.7</ix:nonFraction><span style=\"display:none\"></span>")
        .replace(
            "<td>Total operating expenses</td><td><ix:nonFraction",
            "<td>Total operating expenses</td><td>1<ix:nonFraction",
        );
    let documents = exhibit::ingest::from_bytes(Path::new("tampered.htm"), tampered.as_bytes()).unwrap();
    let document = Extractor::builtin().extract(documents.into_iter().next().unwrap());
    let warning = document.warnings.iter().find(|w| w.message.contains("inline XBRL tag")).expect("a warning");
    let span = warning.span.unwrap();
    assert_eq!(&document.document.text[span[0]..span[1]], "1262.7");
}

#[test]
fn no_total_row_means_no_operating_expenses_fact() {
    let document = extract("no-total-opex.htm");
    assert!(document.facts.iter().all(|f| f.concept != "OperatingExpenses"), "never a sum of our own making");
    assert_eq!(
        find(&document, "Revenues", "2024-01-01..2024-03-31", Origin::Table).value,
        Decimal::from(1_250_000),
        "Sales, net of returns; US$ in 000s"
    );
    assert_eq!(
        find(&document, "NetIncomeLoss", "2024-01-01..2024-03-31", Origin::Table).value,
        Decimal::from(-10_010_000),
        "(10,010 and ) in two cells"
    );
    assert_eq!(
        values(&document, "NetIncomeLoss", Origin::Table).len(),
        2,
        "the line after preferred accretion is not net income"
    );
    assert_spans(&document);
}

#[test]
fn a_workiva_style_ten_q_with_styled_spans_in_every_cell() {
    let document = extract("report-10q.htm");
    let filing = &document.document.particulars;
    assert_eq!(
        (filing.form.as_deref(), filing.company.as_deref(), filing.cik.as_deref(), filing.fiscal_year_end),
        (Some("10-Q"), Some("Lumeris Therapeutics, Inc."), Some("0001765432"), Some((12, 31))),
        "from the hidden dei: cover facts"
    );
    let text = &document.document.text;
    assert!(!text.contains("0001765432"), "the hidden cover facts are not shown");
    let net_loss_line = text.lines().find(|l| l.starts_with("Net loss")).unwrap();
    assert_eq!(
        net_loss_line.split_whitespace().collect::<Vec<_>>(),
        ["Net", "loss", "(21,271)", "(18,117)", "(41,842)", "(35,824)"],
        "$, ( and ) in cells of their own join their figures"
    );
    let lines: Vec<&str> = text.lines().collect();
    let groups = lines.iter().position(|l| l.contains("Three Months Ended June 30,")).unwrap();
    let (group_line, years) = (lines[groups], lines[groups + 1]);
    let digits_end = |line: &str, figure: &str| line.find(figure).unwrap() + figure.trim_end_matches(')').len();
    assert_eq!(
        [digits_end(years, "2024"), digits_end(years, "2023")],
        [digits_end(net_loss_line, "(21,271)"), digits_end(net_loss_line, "(18,117)")],
        "each year flush right over its figures"
    );
    assert!(
        group_line.find("Six Months").unwrap() > digits_end(net_loss_line, "(18,117)"),
        "each group heading over its own two columns:\n{group_line}\n{years}"
    );
    for (when, value) in [
        ("2024-04-01..2024-06-30", -21_271_000),
        ("2023-04-01..2023-06-30", -18_117_000),
        ("2024-01-01..2024-06-30", -41_842_000),
        ("2023-01-01..2023-06-30", -35_824_000),
    ] {
        let tagged = find(&document, "NetIncomeLoss", when, Origin::Ixbrl);
        assert_eq!(tagged.value, Decimal::from(value), "{when}");
        assert_eq!(tagged.label, "Net loss", "the tag takes its row's label");
        let same_period = |f: &&Fact| f.concept == "NetIncomeLoss" && f.period == period(when);
        assert_eq!(document.facts.iter().filter(same_period).count(), 1, "one fact per figure: {when}");
    }
    assert_eq!(
        values(&document, "CashAndCashEquivalentsAtCarryingValue", Origin::Ixbrl),
        vec![(period("2023-12-31"), Decimal::from(188_902_000)), (period("2024-06-30"), Decimal::from(152_341_000))]
    );
    assert_eq!(
        find(&document, "OperatingExpenses", "2024-01-01..2024-06-30", Origin::Ixbrl).column,
        "Six Months Ended June 30, 2024",
        "a heading spanning seven grid columns over two years"
    );
    assert!(document.warnings.is_empty(), "every cell agrees with its tag: {:?}", document.warnings);
    assert_eq!(document.footings.iter().filter(|f| f.adds_up).count(), 4, "{:?}", document.footings);
    assert_spans(&document);
}

#[test]
fn scale_notes_in_a_caption_a_header_cell_and_a_first_row() {
    let document = extract("scale-in-table.htm");
    assert_eq!(
        find(&document, "NetIncomeLoss", "2024-01-01..2024-03-31", Origin::Table).value,
        Decimal::from(-1_234_000),
        "<caption>(in thousands)</caption>"
    );
    assert_eq!(
        find(&document, "CashAndCashEquivalentsAtCarryingValue", "2024-03-31", Origin::Table).value,
        Decimal::from(12_500_000),
        "(In millions) in the corner header cell"
    );
    let opex = find(&document, "OperatingExpenses", "2023-10-01..2024-03-31", Origin::Table);
    assert_eq!(
        (opex.value, opex.column.as_str()),
        (Decimal::from(4_321_000), "Six Months Ended March 31, 2024"),
        "(Dollars in thousands, …) in the table's first row, not taken as a heading"
    );
    assert_eq!(
        find(&document, "EarningsPerShareBasicAndDiluted", "2023-10-01..2024-03-31", Origin::Table).value,
        Decimal::new(-12, 2),
        "per share amounts are not scaled"
    );
    assert_spans(&document);
}

#[test]
fn an_unlabeled_total_under_operating_expenses_is_taken_only_where_its_parts_add_up() {
    let document = extract("unlabeled-total.htm");
    let total = find(&document, "OperatingExpenses", "2024-01-01..2024-03-31", Origin::Table);
    assert_eq!(total.value, Decimal::from(11_500_000), "8,400 + 3,100 in thousands");
    assert_eq!(total.label, "Operating expenses", "named by the heading it closes");
    let note = total.note.as_deref().unwrap();
    assert!(note.contains("unlabeled total row") && note.contains("Research and development + General"), "{note}");
    assert_eq!(
        values(&document, "OperatingExpenses", Origin::Table).len(),
        1,
        "2023 prints 10,150 over parts of 10,050: not taken"
    );
    let refused = document.warnings.iter().find(|w| w.message.contains("10,150")).expect("a warning on 10,150");
    assert!(refused.message.contains("add up to 10,050"), "{}", refused.message);
    let span = refused.span.unwrap();
    assert_eq!(&document.document.text[span[0]..span[1]], "10,150");
    let footed: Vec<bool> = document.footings.iter().map(|f| f.adds_up).collect();
    assert_eq!(footed, [true, false], "both columns are checks an analyst sees");
    assert_spans(&document);
}

#[test]
fn a_row_with_no_label_that_adds_up_nowhere_is_not_taken_for_a_total() {
    let html = "<html><body><p>(in thousands)</p><table>\
        <tr><th></th><th>Three Months Ended March 31, 2024</th><th>Three Months Ended March 31, 2023</th></tr>\
        <tr><td>Grant revenue</td><td>640</td><td>515</td></tr>\
        <tr><td>Operating expenses:</td><td></td><td></td></tr>\
        <tr><td>Research and development</td><td>8,400</td><td>7,100</td></tr>\
        <tr><td>General and administrative</td><td>3,100</td><td>2,950</td></tr>\
        <tr><td>Loss from operations</td><td>(10,860)</td><td>(9,535)</td></tr>\
        <tr><td></td><td>12</td><td>14</td></tr>\
        </table></body></html>";
    let document = ingest::from_bytes(Path::new("runs-on.htm"), html.as_bytes()).unwrap().remove(0);
    let document = Extractor::builtin().extract(document);
    assert!(document.facts.iter().all(|f| f.concept != "OperatingExpenses"), "{:?}", document.facts);
    assert!(document.footings.is_empty(), "no false alarm: {:?}", document.footings);
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
}

#[test]
fn html_and_text_documents_inside_one_submission() {
    let documents = extract_all("submission-html-and-text.txt");
    assert_eq!(documents.len(), 2);
    let (html, text) = (&documents[0], &documents[1]);
    assert_eq!((html.document.markup, html.document.particulars.form.as_deref()), (Markup::Html, Some("10-Q")));
    assert_eq!((text.document.markup, text.document.particulars.form.as_deref()), (Markup::Text, Some("EX-99.1")));
    assert_eq!(html.document.particulars.fiscal_year_end, Some((9, 28)));
    let quarter = "2024-03-31..2024-06-29";
    assert_eq!(
        find(html, "Revenues", quarter, Origin::Table).value,
        Decimal::from(84_120_000),
        "Total net revenue, dollars in thousands"
    );
    assert_eq!(
        find(html, "NetIncomeLoss", "2023-10-01..2024-06-29", Origin::Table).value,
        Decimal::from(6_777_000),
        "39 weeks"
    );
    assert_eq!(find(text, "NetIncomeLoss", quarter, Origin::Table).value, Decimal::from(3_011_000));
    assert_spans(html);
    assert_spans(text);
    let mut ledger = Ledger::new();
    ledger.add(documents);
    let series = ledger.series(Rules::builtin());
    let net_income = series.iter().find(|s| s.concept == "NetIncomeLoss").unwrap();
    let q3 = net_income
        .points
        .iter()
        .find(|p| p.quarter == "Q3 FY2024")
        .expect("June closes the third quarter of a year ending in September");
    assert_eq!((q3.value, q3.sources.len()), (Decimal::from(3_011_000), 2));
}

#[test]
fn a_declared_windows_1252_charset_and_nbsp() {
    let document = extract("windows-1252.htm");
    assert_eq!(document.document.encoding, Encoding::Windows1252);
    assert!(document.document.text.contains("Caddo Lake Energy Corp. (NYSE: CLE) \u{2013} first quarter"));
    assert_eq!(
        find(&document, "CashAndCashEquivalentsAtCarryingValue", "2024-03-31", Origin::Table).value,
        Decimal::from(14_220_000)
    );
    assert!(
        document.facts.iter().all(|f| f.text != "\u{2014}"),
        "an em dash is no value: {:?}",
        document.facts.iter().filter(|f| f.text == "\u{2014}").collect::<Vec<_>>()
    );
    assert_spans(&document);
}
