//! The window's speed, driven headless through egui_kittest:
//! - the CPU time of a frame (egui pass plus tessellation) while scrolling
//!   a 5 MB filing with all its highlights (target under 8 ms);
//! - the time from start with the five samples to the chart drawn
//!   (target under 300 ms).
//!
//! Run with `cargo bench --bench window`. Figures are printed, not asserted.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use exhibit::app::{AppOptions, ExhibitApp};

const FILING_BYTES: usize = 5 * 1024 * 1024;
const SCROLL_FRAMES: usize = 300;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples").join(name)
}

/// A 5 MB filing: the Q2 release's text repeated, tables and all.
fn large_filing(dir: &Path) -> PathBuf {
    let release = std::fs::read_to_string(sample("epicept-2006-08-02-q2-2006-results.txt")).unwrap();
    let mut text = String::with_capacity(FILING_BYTES + release.len());
    while text.len() < FILING_BYTES {
        text.push_str(&release);
    }
    let path = dir.join("large-filing.txt");
    std::fs::write(&path, text).unwrap();
    path
}

fn start(dir: &Path, files: Vec<PathBuf>) -> Harness<'static, ExhibitApp> {
    let options = AppOptions { files, workspace: dir.join("workspace.json"), ..AppOptions::default() };
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_max_steps(1_000)
        .build_eframe(move |cc| ExhibitApp::new(cc, options))
}

/// One frame as the app would draw it: the egui pass and tessellation.
fn frame(harness: &mut Harness<'static, ExhibitApp>) -> Duration {
    let started = Instant::now();
    harness.step();
    let output = harness.output();
    let primitives = harness.ctx.tessellate(output.shapes.clone(), output.pixels_per_point);
    std::hint::black_box(primitives);
    started.elapsed()
}

fn wait_until_loaded(harness: &mut Harness<'static, ExhibitApp>) {
    while harness.state().is_loading() {
        std::thread::sleep(Duration::from_millis(1));
        harness.step();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn scrolling_a_large_filing() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_filing(dir.path());
    let size_mb = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;
    let mut harness = start(dir.path(), vec![path]);
    wait_until_loaded(&mut harness);
    for _ in 0..10 {
        frame(&mut harness);
    }
    let facts = harness.state().workbench().documents()[0].facts.len();
    let lines = harness.state().workbench().documents()[0].document.lines.len();
    harness.hover_at(egui::pos2(500.0, 200.0));
    let mut times = Vec::with_capacity(SCROLL_FRAMES);
    for _ in 0..SCROLL_FRAMES {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, -12.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        times.push(frame(&mut harness));
    }
    times.sort();
    println!(
        "scrolling a {size_mb:.1} MB filing ({lines} lines, {facts} highlighted facts), {SCROLL_FRAMES} frames: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3,
    );
}

fn start_to_chart() {
    let names = [
        "epicept-2006-05-23-q1-2006-results.txt",
        "epicept-2006-08-02-q2-2006-results.txt",
        "epicept-2006-09-05-lidopain-trial-results.txt",
        "epicept-2006-10-04-litigation-settlement.txt",
        "epicept-2006-10-09-ceplene-maa-filing.txt",
    ];
    let mut times = Vec::new();
    for _ in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let started = Instant::now();
        let mut harness = start(dir.path(), names.iter().map(|n| sample(n)).collect());
        wait_until_loaded(&mut harness);
        frame(&mut harness);
        let drawn = harness.state_mut().chart_model().is_some_and(|m| m.series.len() == 3);
        times.push(started.elapsed());
        assert!(drawn, "the chart is drawn");
    }
    times.sort();
    println!(
        "start with the five samples to the chart drawn, 20 starts: median {:.1} ms, max {:.1} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3,
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    scrolling_a_large_filing();
    start_to_chart();
}
