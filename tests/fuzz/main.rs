//! The fuzz harness: inputs of real structure (text tables, submissions,
//! HTML, inline XBRL with its contexts, workspace files, concept rules,
//! correction entries) are mutated and run through every parser in this
//! process, each case under a time and a memory bound.
//!
//! `cargo test` runs it for 20 seconds from a fixed seed. For a longer run:
//!
//! ```text
//! EXHIBIT_FUZZ_SECS=1800 EXHIBIT_FUZZ_SEED=7 cargo test --release --test fuzz -- --nocapture
//! ```
//!
//! A panic fails the run, as does a case over its time or memory bound;
//! the input is saved under `target/tmp/fuzz-findings/`. Panics in the
//! arithmetic on figures (overflow, issue 11 item 1, being rewritten
//! elsewhere) are counted and listed apart, and do not fail the run.

mod budget;
mod mutate;
mod targets;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mutate::{Rng, HTML_PIECES, TEXT_PIECES};
use targets::{Corpus, Kind, KINDS};

#[global_allocator]
static ALLOCATOR: budget::Counting = budget::Counting;

/// A case may take this long before it counts as a hang.
const CASE_LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 20 });

/// A case may use this much memory, plus `MEMORY_PER_INPUT_BYTE` for each
/// byte of its input (HTML becomes a tree, text tables rows of tokens).
const MEMORY_FLOOR: usize = 256 << 20;
const MEMORY_PER_INPUT_BYTE: usize = 256;

struct Case {
    number: u64,
    kind: Kind,
    input: Vec<u8>,
}

struct Outcome {
    number: u64,
    kind: Kind,
    input: Vec<u8>,
    panic: Option<String>,
    peak_bytes: usize,
    took: Duration,
}

thread_local! {
    static IS_WORKER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The message and place of the worker's last panic.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

#[derive(Default)]
struct Findings {
    cases: BTreeMap<Kind, u64>,
    /// By place: how many, and the first input.
    panics: BTreeMap<String, (u64, u64, Kind, Vec<u8>)>,
    arithmetic: BTreeMap<String, (u64, u64, Kind, Vec<u8>)>,
    hangs: Vec<(u64, Kind)>,
    over_memory: Vec<(u64, Kind, usize, usize)>,
    slowest: (Duration, u64, Kind, usize),
    most_memory: (usize, u64, Kind, usize),
}

#[test]
fn fuzz() {
    let secs: u64 = std::env::var("EXHIBIT_FUZZ_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let seed: u64 = std::env::var("EXHIBIT_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(11);
    let scratch = tempfile::tempdir().unwrap();
    install_panic_hook();
    let corpus = Arc::new(Corpus::load(scratch.path()));
    let findings = run(Duration::from_secs(secs), seed, corpus, scratch.path());
    print(&findings, secs, seed);
    let saved = save_findings(&findings);
    assert!(
        findings.panics.is_empty() && findings.hangs.is_empty() && findings.over_memory.is_empty(),
        "the fuzz run found problems; inputs saved in {}",
        saved.display()
    );
}

fn run(duration: Duration, seed: u64, corpus: Arc<Corpus>, scratch: &Path) -> Findings {
    let (cases, outcomes) = start_worker(corpus.clone(), scratch.to_owned());
    let mut rng = Rng::new(seed);
    let mut findings = Findings::default();
    let started = Instant::now();
    let mut number = 0;
    while started.elapsed() < duration {
        let kind = KINDS[(number % KINDS.len() as u64) as usize];
        let input = next_input(&mut rng, kind, &corpus);
        cases.send(Case { number, kind, input: input.clone() }).unwrap();
        match outcomes.recv_timeout(CASE_LIMIT) {
            Ok(outcome) => record(&mut findings, outcome),
            Err(_) => {
                // The worker is stuck in this case; no later case can run.
                findings.hangs.push((number, kind));
                findings.panics.entry(format!("hang ({kind:?})")).or_insert((1, number, kind, input));
                break;
            }
        }
        number += 1;
    }
    findings
}

fn next_input(rng: &mut Rng, kind: Kind, corpus: &Corpus) -> Vec<u8> {
    let inputs = corpus.inputs(kind);
    let input = rng.pick(inputs).clone();
    match kind {
        Kind::Text => mutate::mutate(rng, &input, TEXT_PIECES, &corpus.text),
        Kind::Html => mutate::mutate(rng, &input, HTML_PIECES, &corpus.html),
        Kind::Workspace => mutate::mutate_workspace(rng, &input, &corpus.text),
        Kind::Rules => {
            mutate::mutate(rng, &input, &["(", ")", "[", "]", "\\", "*", "{100000}", "\"", "=", "\n"], &corpus.rules)
        }
        Kind::Entry => {
            let mut entries: Vec<String> = Vec::new();
            for _ in 0..1 + rng.below(8) {
                let piece = if rng.chance(2) { rng.pick(mutate::ENTRIES) } else { rng.pick(mutate::EXTREME_NUMBERS) };
                entries.push(piece.to_string());
            }
            mutate::mutate(rng, entries.join("\n").as_bytes(), mutate::ENTRIES, &[])
        }
    }
}

fn start_worker(corpus: Arc<Corpus>, scratch: PathBuf) -> (Sender<Case>, Receiver<Outcome>) {
    let (case_sender, cases) = channel::<Case>();
    let (outcome_sender, outcomes) = channel();
    std::thread::Builder::new()
        .name("fuzz-worker".into())
        .stack_size(8 << 20)
        .spawn(move || {
            IS_WORKER.with(|w| w.set(true));
            for case in cases {
                let base = budget::start();
                let started = Instant::now();
                let result = std::panic::catch_unwind(|| {
                    targets::run(case.kind, &case.input, &corpus, &scratch, case.number);
                });
                let took = started.elapsed();
                let peak_bytes = budget::peak_since(base);
                let panic = result.err().map(|_| LAST_PANIC.lock().unwrap().take().unwrap_or_default());
                let outcome =
                    Outcome { number: case.number, kind: case.kind, input: case.input, panic, peak_bytes, took };
                if outcome_sender.send(outcome).is_err() {
                    return;
                }
            }
        })
        .unwrap();
    (case_sender, outcomes)
}

/// Panics on the worker are recorded, not printed; others as usual.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if IS_WORKER.with(|w| w.get()) {
            let place = exhibit_frame()
                .or_else(|| info.location().map(|l| format!("{}:{}", l.file(), l.line())))
                .unwrap_or_default();
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let first_line = message.lines().next().unwrap_or_default().to_owned();
            *LAST_PANIC.lock().unwrap() = Some(format!("{place}: {first_line}"));
        } else {
            default(info);
        }
    }));
}

/// Where in Exhibit's own code a panic happened: the innermost frame of
/// the backtrace in `src/`, even when the panic itself is in a dependency
/// (`rust_decimal` refusing a scale) or the standard library.
fn exhibit_frame() -> Option<String> {
    let trace = std::backtrace::Backtrace::force_capture().to_string();
    trace
        .lines()
        .filter_map(|line| line.trim().strip_prefix("at "))
        .filter(|at| {
            !["/rustc/", ".cargo/registry", "tests/fuzz/", "src/isolate.rs"].iter().any(|skip| at.contains(skip))
        })
        .find_map(|at| {
            at.find("src/").map(|i| at[i..].rsplit_once(':').map_or(at[i..].to_owned(), |(place, _)| place.to_owned()))
        })
}

/// Arithmetic on figures that overflows or loses its scale: issue 11
/// item 1, rewritten on main.
fn is_arithmetic(panic: &str) -> bool {
    let lower = panic.to_lowercase();
    lower.contains("overflow") || lower.contains("exceeds the maximum precision")
}

fn record(findings: &mut Findings, outcome: Outcome) {
    let Outcome { number, kind, input, panic, peak_bytes, took } = outcome;
    *findings.cases.entry(kind).or_default() += 1;
    if took > findings.slowest.0 {
        findings.slowest = (took, number, kind, input.len());
    }
    if peak_bytes > findings.most_memory.0 {
        findings.most_memory = (peak_bytes, number, kind, input.len());
    }
    if peak_bytes > MEMORY_FLOOR + MEMORY_PER_INPUT_BYTE * input.len() {
        findings.over_memory.push((number, kind, peak_bytes, input.len()));
        findings.panics.entry(format!("over memory ({kind:?})")).or_insert((0, number, kind, input.clone())).0 += 1;
    }
    if let Some(panic) = panic {
        let list = if is_arithmetic(&panic) { &mut findings.arithmetic } else { &mut findings.panics };
        list.entry(panic).or_insert((0, number, kind, input)).0 += 1;
    }
}

fn print(findings: &Findings, secs: u64, seed: u64) {
    let total: u64 = findings.cases.values().sum();
    println!("fuzz: {secs} s from seed {seed}: {total} cases {:?}", findings.cases);
    println!(
        "  panics: {}, hangs: {}, over memory: {}",
        findings.panics.len(),
        findings.hangs.len(),
        findings.over_memory.len()
    );
    for (place, (count, number, kind, input)) in &findings.panics {
        println!("  PANIC {place} ×{count} (first: case {number}, {kind:?}, {} bytes)", input.len());
    }
    let (took, number, kind, len) = findings.slowest;
    println!("  slowest case: {took:?} (case {number}, {kind:?}, {len} bytes)");
    let (peak, number, kind, len) = findings.most_memory;
    println!("  most memory: {} MB (case {number}, {kind:?}, {len} bytes)", peak >> 20);
    println!("  arithmetic panics (issue 11 item 1, another branch): {}", findings.arithmetic.len());
    for (place, (count, number, kind, input)) in &findings.arithmetic {
        println!("    {place} ×{count} (first: case {number}, {kind:?}, {} bytes)", input.len());
    }
}

/// Writes the first input of each finding to `fuzz-findings`; returns it.
fn save_findings(findings: &Findings) -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-findings");
    let _ = std::fs::create_dir_all(&folder);
    let all = findings.panics.iter().map(|f| ("panic", f)).chain(findings.arithmetic.iter().map(|f| ("arithmetic", f)));
    for (what, (_, (_, number, kind, input))) in all {
        let _ = std::fs::write(folder.join(format!("{what}-{kind:?}-case-{number}.bin")), input);
    }
    folder
}
