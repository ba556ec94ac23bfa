//! Hostile input: whatever bytes arrive, ingest and extraction return facts
//! or errors, never a panic, and every span they report lies on the text.
//! Case counts are fixed so the run is bounded in CI.

use std::path::Path;

use exhibit::extract::Extractor;
use exhibit::fact::Origin;
use exhibit::ingest::{self, IngestError, MAX_FILE_BYTES};
use exhibit::ledger::Ledger;
use proptest::prelude::*;

const SAMPLES: [&str; 2] = ["epicept-2006-08-02-q2-2006-results.txt", "epicept-2006-05-23-q1-2006-results.txt"];

fn sample_bytes(index: usize) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples").join(SAMPLES[index])).unwrap()
}

/// Extracts, reconciles, and checks every span against the text.
fn extract_and_check(bytes: &[u8]) {
    let documents = match ingest::from_bytes(Path::new("hostile.txt"), bytes) {
        Ok(documents) => documents,
        Err(IngestError::Empty { .. } | IngestError::Binary { .. }) => return,
        Err(other) => panic!("unexpected error {other}"),
    };
    let extracted: Vec<_> = documents.into_iter().map(|d| Extractor::builtin().extract(d)).collect();
    for document in &extracted {
        let text = &document.document.text;
        for fact in &document.facts {
            let [start, end] = fact.span;
            if fact.span == [0, 0] && fact.note.as_deref().is_some_and(|n| n.contains("hidden")) {
                continue;
            }
            assert!(start < end && end <= text.len(), "span {start}..{end} outside a text of {}", text.len());
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            let printed: String = text[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(printed, fact.text);
        }
        for warning in &document.warnings {
            if let Some([start, end]) = warning.span {
                assert!(
                    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
                );
            }
        }
    }
    let mut ledger = Ledger::new();
    ledger.add(extracted);
    let series = ledger.series(exhibit::extract::Rules::builtin());
    ledger.checks(&series, exhibit::extract::Rules::builtin());
}

/// Bytes that matter to the parsers, so mutations hit interesting paths.
fn interesting_byte() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        Just(b" ".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"(".to_vec()),
        Just(b")".to_vec()),
        Just(b",".to_vec()),
        Just(b"$".to_vec()),
        Just(b"--".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"\x97".to_vec()),
        Just("\u{2014}".as_bytes().to_vec()),
        Just(b"<TABLE>\n".to_vec()),
        Just(b"</TABLE>\n".to_vec()),
        Just(b"<S>  <C>  <C>\n".to_vec()),
        Just(b"<DOCUMENT>\n<TEXT>\n".to_vec()),
        Just(b"<SEC-DOCUMENT>\n".to_vec()),
        Just(b"THREE MONTHS ENDED JUNE 30,".to_vec()),
        Just(b"   2006   2005\n".to_vec()),
        Just(b"Net loss   (1,234)   (99)\n".to_vec()),
        Just(b"$7.3 million".to_vec()),
        Just(b"9".to_vec()),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Replace(usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), interesting_byte()).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), 1usize..200).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), interesting_byte()).prop_map(|(at, b)| Mutation::Replace(at, b)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Insert(at, b) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            Mutation::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at.min(bytes.len())..end);
            }
            Mutation::Replace(at, b) => {
                let at = at % len;
                let end = (at + b.len()).min(bytes.len());
                bytes.splice(at.min(bytes.len())..end, b.iter().copied());
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        extract_and_check(&bytes);
    }

    #[test]
    fn arbitrary_table_like_lines_never_panic(lines in proptest::collection::vec(proptest::collection::vec(interesting_byte(), 0..12), 0..60)) {
        let bytes: Vec<u8> = lines.into_iter().flat_map(|line| line.into_iter().flatten().chain([b'\n'])).collect();
        extract_and_check(&bytes);
    }
}

/// Found by `arbitrary_html_never_panics`: two figures in one tagged cell
/// once read as one number, 20,242,024, whose span did not read back.
#[test]
fn two_figures_in_one_tagged_cell_are_not_one_number() {
    let html = "<html><body><ix:header><ix:hidden></ix:hidden></ix:header>\
        <xbrli:context id=\"c\"><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate>\
        <xbrli:endDate>2024-03-31</xbrli:endDate></xbrli:period></xbrli:context>\
        <table><tr><th></th><th>Three Months Ended March 31, 2024</th></tr>\
        <tr><td>Net loss</td><td>(1,234)</td></tr>\
        <tr><td>Revenues</td><td><ix:nonFraction name=\"us-gaap:Revenues\" contextRef=\"c\">2024 2024</ix:nonFraction></td></tr>\
        </table></body></html>";
    extract_and_check(html.as_bytes());
    let document =
        Extractor::builtin().extract(ingest::from_bytes(Path::new("t.htm"), html.as_bytes()).unwrap().remove(0));
    assert!(document.facts.iter().all(|f| f.origin != Origin::Table || f.concept != "Revenues"), "no table figure");
    let tagged = document.facts.iter().find(|f| f.concept == "Revenues").expect("the tag is still a fact");
    assert_eq!((tagged.origin, tagged.span), (Origin::Ixbrl, [0, 0]), "kept, with no place in the text");
    assert!(tagged.note.as_deref().unwrap().contains("not one figure"));
}

/// Found by the fuzz harness: a tag shown over more than 256 bytes keeps
/// only the start of its text, so its span did not read back as its text;
/// it now has no place in the text, like a tag that is not one figure.
#[test]
fn a_tag_whose_text_is_cut_has_no_span() {
    let html = format!(
        "<html><body><xbrli:context id=\"c\"><xbrli:period><xbrli:instant>2024-03-31</xbrli:instant></xbrli:period>\
         </xbrli:context><p>Cash <ix:nonFraction name=\"us-gaap:CashAndCashEquivalentsAtCarryingValue\" \
         contextRef=\"c\" format=\"ixt:fixed-zero\">{}</ix:nonFraction></p></body></html>",
        "and cash equivalents were $64.8 million ".repeat(10)
    );
    extract_and_check(html.as_bytes());
    let document =
        Extractor::builtin().extract(ingest::from_bytes(Path::new("t.htm"), html.as_bytes()).unwrap().remove(0));
    let tag = &document.document.ixbrl.as_ref().unwrap().tagged[0];
    assert!(tag.span.is_none() && tag.text.ends_with('\u{2026}'), "{tag:?}");
}

/// Pieces of HTML filings, so random documents hit the renderer's paths.
fn html_piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("<table>"), Just("</table>"), Just("<tr>"), Just("</tr>"), Just("<td>"), Just("</td>"), Just("<th colspan=\"3\">"),
        Just("<td colspan=\"2\">"), Just("<td colspan=\"0\">"), Just("<td colspan=\"99999\">"), Just("$"), Just("(1,234"), Just(")"),
        Just("7,321"), Just("&#8212;"), Just("&nbsp;"), Just("<br/>"), Just("<p>"), Just("</p>"), Just("Net loss"),
        Just("Three Months Ended June 30,"), Just("2024"), Just("(in millions)"), Just("<div style=\"display:none\">"),
        Just("</div>"), Just("<ix:nonFraction name=\"us-gaap:NetIncomeLoss\" contextRef=\"c\" scale=\"6\" sign=\"-\">"),
        Just("<ix:nonFraction name=\"us-gaap:Revenues\" contextRef=\"missing\" scale=\"-40\" decimals=\"x\">"),
        Just("</ix:nonFraction>"), Just("<ix:header><ix:hidden>"), Just("</ix:hidden></ix:header>"),
        Just("<xbrli:context id=\"c\"><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>2024-03-31</xbrli:endDate></xbrli:period></xbrli:context>"),
        Just("\u{e9}\u{2014}\u{20ac}"), Just(" "), Just("\n"), Just("<script>x</script>"), Just("<table><tr><td>nested"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_html_never_panics(pieces in proptest::collection::vec(html_piece(), 0..120)) {
        let html = format!("<html><body>{}</body></html>", pieces.concat());
        extract_and_check(html.as_bytes());
    }

    #[test]
    fn mutated_samples_never_panic(sample in 0usize..2, mutations in proptest::collection::vec(mutation(), 1..24)) {
        extract_and_check(&mutate(sample_bytes(sample), &mutations));
    }
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let error = ingest::load(&path).unwrap_err();
    assert!(matches!(error, IngestError::TooLarge { .. }));
    let message = error.to_string();
    assert!(message.starts_with(&path.display().to_string()) && message.contains("limit"), "{message}");
}

#[test]
fn empty_whitespace_and_binary_files_get_clear_errors() {
    let path = Path::new("blank.txt");
    for (bytes, expected) in [
        (&b""[..], "blank.txt: the file is empty"),
        (b"  \r\n\n ", "blank.txt: the file is empty"),
        (b"GIF89a\x00\x00\x01", "blank.txt: not a text filing (binary content)"),
    ] {
        assert_eq!(ingest::from_bytes(path, bytes).unwrap_err().to_string(), expected);
    }
}

#[test]
fn input_files_are_never_modified() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples").join(SAMPLES[0]);
    let before = (std::fs::read(&path).unwrap(), std::fs::metadata(&path).unwrap().modified().unwrap());
    Extractor::builtin().extract_path(&path).unwrap();
    let after = (std::fs::read(&path).unwrap(), std::fs::metadata(&path).unwrap().modified().unwrap());
    assert_eq!(before, after);
}

/// Extracts a document made in the test, failing if it takes longer than
/// `secs` (a guard against a hang, far above what it takes).
fn extract_within(name: &str, text: String, secs: u64) -> exhibit::extract::ExtractedDocument {
    let name = name.to_owned();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut documents = ingest::from_bytes(Path::new(&name), text.as_bytes()).unwrap();
        let _ = sender.send(Extractor::builtin().extract(documents.remove(0)));
    });
    receiver.recv_timeout(std::time::Duration::from_secs(secs)).expect("extraction finished in time")
}

fn warnings_of(document: &exhibit::extract::ExtractedDocument) -> Vec<&str> {
    document.warnings.iter().map(|w| w.message.as_str()).collect()
}

/// 40,000 nested `<div>`s overflowed the stack and took time quadratic in
/// the depth; the tags below 512 are now left out with a warning, their
/// text kept.
#[test]
fn deeply_nested_divs_are_cut_with_a_warning_and_their_text_kept() {
    let depth = 100_000;
    let html = format!(
        "<html><body>{}<p>The text deep inside is kept.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let document = extract_within("nested.htm", html, 60);
    assert_eq!(
        warnings_of(&document),
        [format!(
            "HTML nested more than 512 elements deep: the {} tags below that were left out (the text inside them is \
             kept)",
            depth - 512
        )]
    );
    assert!(document.document.text.contains("The text deep inside is kept."));
}

/// 50,000 nested `ix:nonFraction`s overflowed the stack; hidden, they took
/// 90 s and 1 GB, each tag copying the text of all the tags inside it.
#[test]
fn deeply_nested_inline_xbrl_is_cut_with_a_warning_shown_or_hidden() {
    let depth = 50_000;
    let context = "<xbrli:context id=\"c\"><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate>\
        <xbrli:endDate>2024-03-31</xbrli:endDate></xbrli:period></xbrli:context>";
    let tag = "<ix:nonFraction name=\"us-gaap:NetIncomeLoss\" contextRef=\"c\" unitRef=\"usd\">";
    let nested = format!("{}1,234{}", tag.repeat(depth), "</ix:nonFraction>".repeat(depth));
    for (name, body) in [
        ("shown.htm", format!("<p>Net loss {nested}</p>")),
        ("hidden.htm", format!("<ix:header><ix:hidden>{nested}</ix:hidden></ix:header><p>Net loss</p>")),
    ] {
        let html = format!("<html><body>{context}{body}</body></html>");
        let document = extract_within(name, html, 60);
        let warnings = warnings_of(&document);
        assert!(warnings[0].starts_with("HTML nested more than 512 elements deep: the "), "{name}: {warnings:?}");
        let tags = &document.document.ixbrl.as_ref().unwrap().tagged;
        assert!(!tags.is_empty() && tags.len() <= 512, "{name}: {} tags kept", tags.len());
        assert!(tags.iter().all(|t| t.text == "1,234"), "{name}: each tag reads its figure");
    }
}

/// A text table of 100,000 columns took over 6 GB before aborting: wider
/// than 200 columns, a table is now skipped with a warning.
#[test]
fn a_text_table_of_100000_columns_is_skipped_with_a_warning() {
    let columns = 100_000;
    let row = |label: &str, figure: &str| format!("{label:<30}{}\n", format!("{figure:>8}").repeat(columns));
    let text = format!("{}{}{}", row("", "2006"), row("Net loss", "(1,234)"), row("Total operating expenses", "5,678"));
    let document = extract_within("wide.txt", text, 120);
    assert_eq!(
        warnings_of(&document),
        ["lines 2-3: a table 100000 columns wide, more than the 200 Exhibit reads; no figures are read from it"]
    );
    assert!(document.facts.is_empty());
}

/// Naming a row's concept looks at the rows above it, so a table of
/// 10,000 rows took seconds, and longer ones minutes: past 2,000 rows a
/// table is skipped with a warning.
#[test]
fn a_text_table_of_10000_rows_is_skipped_with_a_warning() {
    let mut text = String::from("                                 THREE MONTHS ENDED JUNE 30,\n                                    2006         2005\n");
    for _ in 0..10_000 {
        text.push_str("Net loss                       (1,234)        (99)\n");
    }
    let document = extract_within("long.txt", text, 60);
    assert_eq!(
        warnings_of(&document),
        ["lines 3-10002: a table 10000 lines long, more than the 2000 Exhibit reads; no figures are read from it"]
    );
    assert!(document.facts.is_empty());
}

/// Each table laid out in a table's cell lays out the one inside it, so
/// past 16 levels tables are shown as plain text, with a warning.
#[test]
fn tables_nested_in_tables_past_16_levels_are_shown_as_text_with_a_warning() {
    let depth = 40;
    let html = format!(
        "<html><body>{}<p>Innermost text</p>{}</body></html>",
        "<table><tr><td>".repeat(depth),
        "</td></tr></table>".repeat(depth)
    );
    let document = extract_within("nested-tables.htm", html, 60);
    assert_eq!(
        warnings_of(&document),
        [format!(
            "tables nested more than 16 deep in table cells are shown as plain text ({} of them); no figures are read \
             from them",
            depth - 16
        )]
    );
    assert!(document.document.text.contains("Innermost text"));
}

/// An HTML table of 100,000 columns took over 90 s: wider than 200
/// columns, it is shown as text with a warning.
#[test]
fn an_html_table_of_100000_columns_is_shown_as_text_with_a_warning() {
    let columns = 100_000;
    let row = |label: &str, figure: &str| {
        format!("<tr><td>{label}</td>{}</tr>", format!("<td>{figure}</td>").repeat(columns))
    };
    let html = format!(
        "<html><body><table>{}{}{}</table></body></html>",
        row("", "2024"),
        row("Net loss", "(1,234)"),
        row("Total operating expenses", "5,678")
    );
    let document = extract_within("wide.htm", html, 120);
    assert_eq!(
        warnings_of(&document),
        ["line 1: a table 100001 columns wide, more than the 200 Exhibit lays out, is shown as text; no figures are read from it"]
    );
    assert!(document.facts.is_empty());
    assert!(document.document.text.contains("Net loss   (1,234)   (1,234)"));
}

/// A submission of 300,000 `<DOCUMENT>`s: the ledger looked for each
/// document among all those before it, quadratic in their number.
#[test]
fn a_submission_of_300000_documents_is_taken_in_linear_time() {
    let count = 300_000;
    let mut text = String::from("<SEC-DOCUMENT>\n<SEC-HEADER>\nCOMPANY CONFORMED NAME: EPICEPT CORP\n</SEC-HEADER>\n");
    for i in 0..count {
        text.push_str(&format!(
            "<DOCUMENT>\n<TYPE>EX-99\n<FILENAME>d{i}.txt\n<TEXT>\nItem {i}\n</TEXT>\n</DOCUMENT>\n"
        ));
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let documents = ingest::from_bytes(Path::new("huge-submission.txt"), text.as_bytes()).unwrap();
        let extracted: Vec<_> = documents.into_iter().map(|d| Extractor::builtin().extract(d)).collect();
        let mut ledger = Ledger::new();
        ledger.add(extracted.clone());
        ledger.add(extracted);
        let _ = sender.send(ledger.documents().len());
    });
    let held = receiver.recv_timeout(std::time::Duration::from_secs(120)).expect("finished in time");
    assert_eq!(held, count, "adding the same documents again replaces them");
}

/// The saving side of `.ci/kill-save-loop`: saves the workspace in
/// `EXHIBIT_KILL_DIR` over and over, each time with all 300 corrections
/// set to the next generation's value, until the script kills it.
#[test]
#[ignore = "run by .ci/kill-save-loop, which kills it"]
fn saves_in_a_loop_until_killed() {
    use exhibit::workbench::workspace_file::WorkspaceFile;
    let path = Path::new(&std::env::var("EXHIBIT_KILL_DIR").unwrap()).join("workspace.json");
    let mut file = WorkspaceFile::open(&path).file;
    let mut workspace =
        exhibit::workbench::workspace::Workspace::load(&path).unwrap().map(|l| l.workspace).unwrap_or_default();
    let key = |i: u32| exhibit::ledger::FactKey {
        company: "epicept".into(),
        concept: format!("Concept{i}"),
        period: exhibit::fact::Period::Instant { instant: chrono::NaiveDate::from_ymd_opt(2006, 6, 30).unwrap() },
    };
    for generation in 1u32.. {
        let mut corrections = exhibit::ledger::Corrections::default();
        for i in 0..300 {
            corrections.apply(exhibit::ledger::Correction {
                key: key(i),
                value: rust_decimal::Decimal::from(generation),
                original: Some(rust_decimal::Decimal::from(i)),
                note: Some(format!("generation {generation}, correction {i}")),
                at: chrono::Utc::now(),
                source: None,
            });
        }
        workspace.corrections = corrections;
        workspace.version = exhibit::workbench::workspace::VERSION;
        file.save(&workspace).unwrap();
    }
}

/// The checking side of `.ci/kill-save-loop`: the workspace a killed
/// save left is whole (one generation throughout, nothing refused or set
/// aside), and opening it removes the temporary files the kill left.
#[test]
#[ignore = "run by .ci/kill-save-loop after each kill"]
fn the_killed_workspace_is_whole() {
    use exhibit::workbench::workspace_file::WorkspaceFile;
    let dir = std::path::PathBuf::from(std::env::var("EXHIBIT_KILL_DIR").unwrap());
    let path = dir.join("workspace.json");
    let leftovers = || {
        std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".saving"))
            .count()
    };
    let left = leftovers();
    let opened = WorkspaceFile::open(&path);
    assert!(opened.notices.is_empty() && opened.refused.is_empty(), "{:?} {:?}", opened.notices, opened.refused);
    let Some(workspace) = opened.workspace else {
        println!("kill before the first save: no workspace yet; {left} temporary files removed");
        return;
    };
    let values: std::collections::BTreeSet<_> = workspace.corrections.iter().map(|c| c.value).collect();
    assert_eq!((workspace.corrections.len(), values.len()), (300, 1), "one whole generation");
    assert_eq!(leftovers(), 0, "temporary files of the killed save are removed");
    println!("workspace whole: generation {}; {left} temporary files removed", values.first().unwrap());
}
