//! Extraction speed: the five samples together (target under 5 ms on one
//! core), throughput on a 20 MB corpus of text filings made from the samples
//! and fixtures with their figures varied (target 50 MB/s on one core), the
//! same corpus as a batch on one thread and on every core, and 2 MB HTML
//! reports loaded, rendered and extracted (target under 100 ms on one core;
//! 20 MB/s): a 10-Q with inline XBRL in today's markup, and the small HTML
//! fixtures back to back as a denser case. And hostile shapes, to show the
//! time grows in proportion to the input: nested `<div>`s and inline XBRL
//! tags 10,000 to 80,000 deep, and tables of 25,000 to 100,000 columns.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use exhibit::extract::Extractor;
use exhibit::ingest;
use rayon::prelude::*;

const CORPUS_BYTES: usize = 20 * 1024 * 1024;

fn files_in(dir: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

/// A copy of a filing with every figure that is not a year changed, so the
/// corpus is not one text repeated.
fn varied(bytes: &[u8], copy: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_inclusive(char::is_whitespace).enumerate() {
        let core = word.trim_end();
        let is_year = core.len() == 4 && (core.starts_with("19") || core.starts_with("20"));
        if is_year {
            out.push_str(word);
            continue;
        }
        out.extend(word.chars().map(|c| match c.to_digit(10) {
            Some(d) => char::from_digit((d + (copy + i) as u32) % 10, 10).unwrap_or(c),
            None => c,
        }));
    }
    out.into_bytes()
}

fn corpus() -> Vec<(PathBuf, Vec<u8>)> {
    let originals: Vec<_> = files_in("assets/samples").into_iter().chain(files_in("tests/fixtures")).collect();
    let mut corpus = Vec::new();
    let mut total = 0;
    let mut copy = 0;
    while total < CORPUS_BYTES {
        for (path, bytes) in &originals {
            let document = varied(bytes, copy);
            total += document.len();
            corpus.push((path.clone(), document));
        }
        copy += 1;
    }
    corpus
}

fn extract_all(files: &[(PathBuf, Vec<u8>)]) -> usize {
    files
        .iter()
        .map(|(path, bytes)| {
            ingest::from_bytes(path, bytes)
                .map_or(0, |docs| docs.into_iter().map(|d| Extractor::builtin().extract(d).facts.len()).sum())
        })
        .sum()
}

fn benches(c: &mut Criterion) {
    let samples = files_in("assets/samples");
    let mut group = c.benchmark_group("samples");
    group.throughput(Throughput::Bytes(samples.iter().map(|(_, b)| b.len() as u64).sum()));
    group.bench_function("five samples, one core", |b| b.iter(|| extract_all(&samples)));
    group.finish();

    let corpus = corpus();
    let corpus_bytes: u64 = corpus.iter().map(|(_, b)| b.len() as u64).sum();
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(corpus_bytes));
    group.bench_function(format!("{} filings, {:.1} MB, one core", corpus.len(), corpus_bytes as f64 / 1e6), |b| {
        b.iter(|| extract_all(&corpus))
    });
    for threads in [1, std::thread::available_parallelism().map_or(1, |n| n.get())] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        group.bench_with_input(BenchmarkId::new("batch", format!("{threads} threads")), &threads, |b, _| {
            b.iter(|| pool.install(|| corpus.par_chunks(16).map(extract_all).sum::<usize>()))
        });
    }
    group.finish();
}

fn html_fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html").join(name)).unwrap()
}

/// Repeats `body` after `head` until the document passes 2 MB.
fn two_megabytes(head: &str, bodies: &[&str]) -> Vec<u8> {
    let mut html = String::from(head);
    let mut copy = 0;
    while html.len() < 2 * 1024 * 1024 {
        html.push_str(bodies[copy % bodies.len()]);
        copy += 1;
    }
    html.push_str("</body></html>");
    html.into_bytes()
}

/// A 2 MB quarterly report as filed today: the Workiva-style 10-Q fixture
/// (inline XBRL header once, then statements and notes with styled spans in
/// every cell) with its statements and notes repeated, as a long 10-Q has
/// dozens of tables.
fn ten_q_report() -> Vec<u8> {
    let report = html_fixture("report-10q.htm");
    let split = report.find("</ix:header></div>").unwrap() + "</ix:header></div>".len();
    let end = report.rfind("</body>").unwrap();
    two_megabytes(&report[..split], &[&report[split..end]])
}

/// A harder 2 MB: the small HTML fixtures back to back (a table every few
/// hundred bytes, with little markup around each figure).
fn dense_report() -> Vec<u8> {
    let body = |name: &str| {
        let text = html_fixture(name);
        let start = text.find("<body>").map_or(0, |i| i + "<body>".len());
        let end = text.rfind("</body>").unwrap_or(text.len());
        text[start..end].to_owned()
    };
    let header = html_fixture("ixbrl-report.htm");
    let header = &header[..header.find("<body>").unwrap() + "<body>".len()];
    let parts = [body("release-modern.htm"), body("ixbrl-report.htm"), body("no-total-opex.htm")];
    two_megabytes(header, &parts.iter().map(String::as_str).collect::<Vec<_>>())
}

fn html_benches(c: &mut Criterion) {
    for (name, report) in [("10-Q with inline XBRL", ten_q_report()), ("dense fixtures", dense_report())] {
        let mut group = c.benchmark_group("html");
        group.sample_size(20);
        group.throughput(Throughput::Bytes(report.len() as u64));
        group.bench_function(format!("{:.1} MB {name}, one core", report.len() as f64 / 1e6), |b| {
            b.iter(|| extract_all(&[(PathBuf::from("report.htm"), report.clone())]))
        });
        group.finish();
    }
}

/// A document of `depth` nested `open`/`close` pairs around a figure.
fn nested(open: &str, close: &str, depth: usize) -> Vec<u8> {
    let context = "<xbrli:context id=\"c\"><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate>\
        <xbrli:endDate>2024-03-31</xbrli:endDate></xbrli:period></xbrli:context>";
    format!("<html><body>{context}<p>Net loss {}1,234{}</p></body></html>", open.repeat(depth), close.repeat(depth))
        .into_bytes()
}

fn wide_text_table(columns: usize) -> Vec<u8> {
    let row = |label: &str, figure: &str| format!("{label:<30}{}\n", format!("{figure:>8}").repeat(columns));
    format!("{}{}{}", row("", "2006"), row("Net loss", "(1,234)"), row("Total operating expenses", "5,678"))
        .into_bytes()
}

fn wide_html_table(columns: usize) -> Vec<u8> {
    let row = |label: &str, figure: &str| {
        format!("<tr><td>{label}</td>{}</tr>", format!("<td>{figure}</td>").repeat(columns))
    };
    format!("<html><body><table>{}{}</table></body></html>", row("", "2024"), row("Net loss", "(1,234)")).into_bytes()
}

fn hostile_benches(c: &mut Criterion) {
    let ix = "<ix:nonFraction name=\"us-gaap:NetIncomeLoss\" contextRef=\"c\">";
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    for depth in [10_000, 20_000, 40_000, 80_000] {
        for (name, document) in
            [("nested div", nested("<div>", "</div>", depth)), ("nested ix", nested(ix, "</ix:nonFraction>", depth))]
        {
            group.throughput(Throughput::Elements(depth as u64));
            group.bench_with_input(BenchmarkId::new(name, depth), &document, |b, document| {
                b.iter(|| extract_all(&[(PathBuf::from("nested.htm"), document.clone())]))
            });
        }
    }
    for columns in [25_000, 50_000, 100_000] {
        for (name, path, document) in [
            ("text table columns", "wide.txt", wide_text_table(columns)),
            ("html table columns", "wide.htm", wide_html_table(columns)),
        ] {
            group.throughput(Throughput::Elements(columns as u64));
            group.bench_with_input(BenchmarkId::new(name, columns), &document, |b, document| {
                b.iter(|| extract_all(&[(PathBuf::from(path), document.clone())]))
            });
        }
    }
    group.finish();
}

criterion_group!(extraction, benches, html_benches, hostile_benches);
criterion_main!(extraction);
