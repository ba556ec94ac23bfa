//! `exhibit extract` as scripts use it: the JSON and CSV shapes, exit codes,
//! and a batch that carries on past files it cannot read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn exhibit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_exhibit")).args(args).output().unwrap()
}

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples").join(name).display().to_string()
}

fn samples() -> Vec<String> {
    let mut paths: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.display().to_string())
        .collect();
    paths.sort();
    paths
}

#[test]
fn json_follows_the_contract() {
    let files = samples();
    let args: Vec<&str> = ["extract"].into_iter().chain(files.iter().map(String::as_str)).collect();
    let output = exhibit(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let documents = json["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 5);
    assert_eq!(documents[0]["file"], files[0].as_str(), "the path as given");
    let q2 = documents.iter().find(|d| d["file"].as_str().unwrap().contains("q2-2006")).unwrap();
    assert_eq!(q2["company"], "EpiCept Corporation");
    assert_eq!(q2["form"], "EX-99.1");
    assert_eq!(q2["warnings"], Value::Array(vec![]));
    let net_loss = q2["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["concept"] == "NetIncomeLoss" && f["period"]["start"] == "2006-04-01")
        .unwrap();
    assert_eq!(net_loss["label"], "Net loss");
    assert_eq!(net_loss["period"]["end"], "2006-06-30");
    assert_eq!(net_loss["value"].as_i64(), Some(-7_321_000), "a JSON number in full units");
    assert_eq!(net_loss["unit"], "USD");
    assert_eq!(net_loss["origin"], "table");
    assert_eq!(net_loss["text"], "(7,321)");
    let span: Vec<usize> = net_loss["span"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
    let text = std::fs::read_to_string(sample("epicept-2006-08-02-q2-2006-results.txt")).unwrap();
    assert_eq!(&text[span[0]..span[1]], "(7,321)");
    let cash = q2["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["concept"] == "CashAndCashEquivalentsAtCarryingValue")
        .unwrap();
    assert_eq!(cash["period"], serde_json::json!({"instant": "2006-06-30"}));
    let eps =
        q2["facts"].as_array().unwrap().iter().find(|f| f["concept"] == "EarningsPerShareBasicAndDiluted").unwrap();
    assert_eq!((eps["value"].as_f64(), eps["unit"].as_str()), (Some(-0.3), Some("USD/share")));

    let series = json["series"].as_array().unwrap();
    let net_loss_series = series.iter().find(|s| s["concept"] == "NetIncomeLoss").unwrap();
    assert_eq!(net_loss_series["company"], "EpiCept Corporation");
    let point = net_loss_series["points"].as_array().unwrap().iter().find(|p| p["quarter"] == "Q2 2006").unwrap();
    assert_eq!(point["value"].as_i64(), Some(-7_321_000));
    assert_eq!(point["status"], "reported");
    assert_eq!(point["period"], serde_json::json!({"start": "2006-04-01", "end": "2006-06-30"}));
    assert!(!point["sources"].as_array().unwrap().is_empty());
    assert!(json["checks"].as_array().unwrap().iter().all(|c| c["passes"] == true));
}

#[test]
fn csv_has_one_row_per_fact() {
    let output = exhibit(&["extract", "--format", "csv", &sample("epicept-2006-05-23-q1-2006-results.txt")]);
    assert!(output.status.success());
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[4], "concept");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 23);
    let net_loss = rows.iter().find(|r| &r[4] == "NetIncomeLoss" && &r[6] == "2006-01-01").unwrap();
    assert_eq!((&net_loss[7], &net_loss[9], &net_loss[14]), ("2006-03-31", "-47626000", "(47,626)"));
}

#[test]
fn one_bad_file_is_reported_and_the_others_still_extracted() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.path().join("scan.pdf");
    std::fs::write(&binary, b"%PDF-1.4\x00\x01\x02\x03").unwrap();
    let missing: PathBuf = dir.path().join("missing.txt");
    let good = sample("epicept-2006-08-02-q2-2006-results.txt");
    let args = ["extract", empty.to_str().unwrap(), &good, binary.to_str().unwrap(), missing.to_str().unwrap()];
    let output = exhibit(&args);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("{}: the file is empty", empty.display())), "{stderr}");
    assert!(stderr.contains(&format!("{}: not a text filing (binary content)", binary.display())), "{stderr}");
    assert!(stderr.contains(&format!("{}: cannot be read", missing.display())), "{stderr}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let documents = json["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 4, "every file has its entry, in the order given");
    assert!(documents[0]["warnings"][0]["message"].as_str().unwrap().contains("empty"));
    assert_eq!(documents[1]["facts"].as_array().unwrap().len(), 42, "38 from tables, 4 from prose");
    assert!(documents[2]["facts"].as_array().unwrap().is_empty());
}

/// Runs exhibit, failing the test if it has not finished within `secs`.
fn exhibit_within(args: &[&str], secs: u64) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_exhibit"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("exhibit {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A FIFO would block the read until a writer came, and a device never
/// ends: both are named with what they are, and the rest of the batch goes on.
#[cfg(unix)]
#[test]
fn a_fifo_and_a_device_are_refused_by_name_without_waiting() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("release.txt");
    let name = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo");
    let good = sample("epicept-2006-08-02-q2-2006-results.txt");
    let output = exhibit_within(&["extract", fifo.to_str().unwrap(), "/dev/zero", &good], 60);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("{}: not a regular file (a named pipe)", fifo.display())), "{stderr}");
    assert!(stderr.contains("/dev/zero: not a regular file (a device)"), "{stderr}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["documents"][2]["facts"].as_array().unwrap().len(), 42, "the good file is still extracted");
}

/// A reader that stops reading (`| head`) ended the run with "Broken pipe"
/// and exit 2, a usage error; it is a normal end.
#[test]
fn a_reader_that_stops_reading_is_a_normal_end() {
    let many: Vec<String> = std::iter::repeat_n(samples(), 20).flatten().collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_exhibit"))
        .arg("extract")
        .args(&many)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(exhibit(&["extract"]).status.code(), Some(2));
    assert_eq!(exhibit(&["extract", "--format", "xml", "a.txt"]).status.code(), Some(2));
    assert_eq!(exhibit(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_user_rules_file_extends_the_labels() {
    let dir = tempfile::tempdir().unwrap();
    let filing = dir.path().join("release.txt");
    std::fs::write(
        &filing,
        "                                    THREE MONTHS ENDED JUNE 30,\n                                       2006         2005\n\n\
Net shortfall                          (1,250)        (900)\nOther line                               10           20\n",
    )
    .unwrap();
    let builtin = exhibit(&["extract", filing.to_str().unwrap()]);
    let json: Value = serde_json::from_slice(&builtin.stdout).unwrap();
    assert!(json["documents"][0]["facts"].as_array().unwrap().is_empty());

    let rules = dir.path().join("concepts.toml");
    let shipped = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/concepts.toml")).unwrap();
    std::fs::write(
        &rules,
        shipped.replacen("\"net loss\", \"net income\",", "\"net loss\", \"net income\", \"net shortfall\",", 1),
    )
    .unwrap();
    let extended = exhibit(&["--concepts", rules.to_str().unwrap(), "extract", filing.to_str().unwrap()]);
    assert!(extended.status.success(), "{}", String::from_utf8_lossy(&extended.stderr));
    let json: Value = serde_json::from_slice(&extended.stdout).unwrap();
    let facts = json["documents"][0]["facts"].as_array().unwrap();
    assert_eq!(facts.len(), 2);
    assert_eq!(facts[0]["concept"], "NetIncomeLoss");
    assert_eq!(facts[0]["value"].as_i64(), Some(-1250));

    std::fs::write(&rules, "not = [toml").unwrap();
    let broken = exhibit(&["--concepts", rules.to_str().unwrap(), "extract", filing.to_str().unwrap()]);
    assert_eq!(broken.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(stderr.starts_with(&format!("exhibit: {}: the concept rules cannot be read", rules.display())), "{stderr}");
    assert_eq!(stderr.matches("TOML parse error").count(), 1, "said once: {stderr}");
}

/// Found by the fuzz harness: rules whose prose patterns, combined, are too
/// large to compile ended Exhibit with a panic; it is an error in the file.
#[test]
fn rules_too_large_to_compile_are_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("huge.toml");
    let shipped = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/concepts.toml")).unwrap();
    let subjects: Vec<String> = (0..20_000).map(|i| format!("\"net loss of segment {i} in the period\"")).collect();
    let huge = shipped.replacen("prose = [\"net loss\",", &format!("prose = [{},", subjects.join(", ")), 1);
    std::fs::write(&rules, huge).unwrap();
    let output =
        exhibit(&["--concepts", rules.to_str().unwrap(), "extract", &sample("epicept-2006-08-02-q2-2006-results.txt")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!("exhibit: {}: the concept rules cannot be used: ", rules.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn chart_saves_png_and_svg_headless() {
    let dir = tempfile::tempdir().unwrap();
    let files = samples();
    for (name, size) in [("chart.png", None), ("small.png", Some("800x450")), ("chart.svg", None)] {
        let out = dir.path().join(name);
        let mut args: Vec<&str> = vec!["chart", "--out", out.to_str().unwrap()];
        if let Some(size) = size {
            args.extend(["--size", size]);
        }
        args.extend(files.iter().map(String::as_str));
        let output = exhibit(&args);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        if name.ends_with(".svg") {
            let svg = std::fs::read_to_string(&out).unwrap();
            assert!(svg.contains("EpiCept Corporation") && svg.contains("Cash and cash equivalents"));
        } else {
            let (width, height) = image::image_dimensions(&out).unwrap();
            assert_eq!((width, height), if size.is_some() { (800, 450) } else { (1600, 900) });
        }
    }
    let wrong = exhibit(&["chart", "--out", dir.path().join("chart.gif").to_str().unwrap(), &files[0]]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains(".png or .svg"));
    let nothing = exhibit(&[
        "chart",
        "--out",
        dir.path().join("none.png").to_str().unwrap(),
        &sample("epicept-2006-10-04-litigation-settlement.txt"),
    ]);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("no quarterly figures"));
}

/// With only unreadable files, `chart` exited 2 (a usage error) where the
/// README says 1; each file is named once, and no image is written.
#[test]
fn chart_of_only_unreadable_files_exits_1_naming_each() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.png");
    let missing = dir.path().join("missing.txt");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let output =
        exhibit(&["chart", "--out", out.to_str().unwrap(), missing.to_str().unwrap(), empty.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches(&missing.display().to_string()).count(), 1, "{stderr}");
    assert_eq!(stderr.matches(&empty.display().to_string()).count(), 1, "{stderr}");
    assert!(stderr.ends_with("exhibit: no quarterly figures were found in the files given\n"), "{stderr}");
    assert!(!out.exists());
}
