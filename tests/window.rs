//! The workbench window, driven headless with egui_kittest: open filings,
//! select, correct, undo, redo, restart, save the chart. Dialogs are never
//! opened; tests apply the actions the dialogs would send.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use exhibit::app::{Action, AppOptions, ExhibitApp};
use exhibit::ledger::Status;
use rust_decimal::Decimal;

const CASH: &str = "CashAndCashEquivalentsAtCarryingValue";

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
}

fn window(workspace: &Path, files: Vec<PathBuf>) -> Harness<'static, ExhibitApp> {
    let options = AppOptions { files, workspace: workspace.to_owned(), ..AppOptions::default() };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_max_steps(64)
        .build_eframe(move |cc| ExhibitApp::new(cc, options));
    settle(&mut harness);
    harness
}

/// Steps until background loading is done and the window is still.
fn settle(harness: &mut Harness<'static, ExhibitApp>) {
    let deadline = Instant::now() + Duration::from_secs(20);
    harness.step();
    while harness.state().is_loading() {
        assert!(Instant::now() < deadline, "loading did not finish");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    harness.run();
}

fn apply(harness: &mut Harness<'static, ExhibitApp>, action: Action) {
    harness.state_mut().queue(action);
    harness.run();
    settle(harness);
}

/// The chart's point for a concept and quarter: (value, status).
fn chart_point(harness: &mut Harness<'static, ExhibitApp>, concept: &str, quarter: &str) -> Option<(Decimal, Status)> {
    let model = harness.state_mut().chart_model()?.clone();
    let series = model.series.iter().find(|s| s.concept == concept)?;
    series.points.iter().find(|p| p.quarter == quarter).map(|p| (p.value, p.status))
}

fn select_q2_release(harness: &mut Harness<'static, ExhibitApp>) {
    harness.get_by_label_contains("Aug 2, 2006").click();
    harness.run();
    let state = harness.state();
    let selected = state.workbench().selected_document.unwrap();
    assert_eq!(state.workbench().documents()[selected].document.name, "epicept-2006-08-02-q2-2006-results.txt");
}

/// Clicks the Q2 2006 cash value, presses Enter, types `entry` over the
/// value in the editor and presses Enter, as an analyst would.
fn correct_q2_cash(harness: &mut Harness<'static, ExhibitApp>, entry: &str) {
    harness.get_by_label("7,329").click();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Corrected value").focus();
    harness.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    harness.get_by_role_and_label(Role::TextInput, "Corrected value").type_text(entry);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

#[test]
fn the_analysts_day_open_select_correct_undo_redo_restart_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("workspace.json");
    let mut harness = window(&workspace, Vec::new());
    harness.get_by_label("Open samples");
    apply(&mut harness, Action::OpenPaths(samples()));
    assert_eq!(harness.state().workbench().documents().len(), 5);
    assert!(harness.query_by_label("Open samples").is_none(), "the start screen gives way to the filings");

    select_q2_release(&mut harness);

    harness.get_all_by_label("(7,321)").next().expect("the net loss row").click();
    harness.run();
    assert_eq!(harness.state().selected_text(), Some("(7,321)"), "the text view's selection is the printed net loss");
    let selected = harness.state().workbench().selected().unwrap();
    assert_eq!(harness.state().workbench().fact(selected).unwrap().concept, "NetIncomeLoss");

    assert_eq!(chart_point(&mut harness, CASH, "Q2 2006"), Some((Decimal::from(7_329_000), Status::Reported)));
    correct_q2_cash(&mut harness, "7,400");
    assert_eq!(
        chart_point(&mut harness, CASH, "Q2 2006"),
        Some((Decimal::from(7_400_000), Status::Corrected)),
        "the chart follows at once"
    );
    let correction = harness.state().workbench().corrections().next().unwrap().clone();
    assert_eq!(correction.original, Some(Decimal::from(7_329_000)), "the original stays on record");
    harness.get_by_label_contains("Corrected to 7,400 (was 7,329)");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        chart_point(&mut harness, CASH, "Q2 2006"),
        Some((Decimal::from(7_329_000), Status::Reported)),
        "undone"
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(
        chart_point(&mut harness, CASH, "Q2 2006"),
        Some((Decimal::from(7_400_000), Status::Corrected)),
        "redone"
    );
    drop(harness);

    let mut restarted = window(&workspace, Vec::new());
    assert_eq!(restarted.state().workbench().documents().len(), 5, "the open filings come back");
    assert_eq!(
        chart_point(&mut restarted, CASH, "Q2 2006"),
        Some((Decimal::from(7_400_000), Status::Corrected)),
        "the correction survives"
    );
    let kept = restarted.state().workbench().corrections().next().unwrap().clone();
    assert_eq!((kept.original, kept.at), (correction.original, correction.at));

    let png = dir.path().join("chart.png");
    apply(&mut restarted, Action::SaveChart(png.clone()));
    let image = image::open(&png).unwrap().to_rgb8();
    assert_eq!(image.dimensions(), (1600, 900));
    let colored = image.pixels().filter(|p| p.0 != [255, 255, 255]).count();
    assert!(colored > 1600 * 900 / 100, "the image is not blank: {colored} coloured pixels");
    let orange = image.pixels().filter(|p| p.0 == [213, 94, 0]).count();
    assert!(orange > 100, "the net income line is drawn in its colour");

    let svg = dir.path().join("chart.svg");
    apply(&mut restarted, Action::SaveChart(svg.clone()));
    let text = std::fs::read_to_string(&svg).unwrap();
    for name in
        ["Net income (loss)", "Cash and cash equivalents", "Operating expenses", "EpiCept Corporation", "Q2 2006"]
    {
        assert!(text.contains(name), "the SVG names {name}");
    }
}

#[test]
fn an_invalid_entry_is_refused_with_a_message_and_escape_cancels() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(&dir.path().join("workspace.json"), samples());
    select_q2_release(&mut harness);
    correct_q2_cash(&mut harness, "seven thousand");
    assert!(harness.state().edit().and_then(|e| e.error.clone()).is_some_and(|e| e.contains("not a number")));
    harness.get_by_label_contains("is not a number");
    assert_eq!(harness.state().workbench().corrections().count(), 0);
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().edit().is_none());
    assert_eq!(chart_point(&mut harness, CASH, "Q2 2006"), Some((Decimal::from(7_329_000), Status::Reported)));
}

#[test]
fn entries_are_read_in_the_facts_scale_with_a_note_and_revert_restores() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(&dir.path().join("workspace.json"), samples());
    select_q2_release(&mut harness);
    let (document, fact) = {
        let workbench = harness.state().workbench();
        let document = workbench.selected_document.unwrap();
        let fact =
            workbench.documents()[document].facts.iter().position(|f| f.concept == CASH && f.text == "7,329").unwrap();
        (document, fact)
    };
    let here = exhibit::workbench::FactRef { document, fact };
    for (entry, expected) in [("(7,400)", -7_400_000), ("7.4 million", 7_400_000), ("-7400000", -7_400_000)] {
        apply(&mut harness, Action::CommitEdit { fact: here, entry: entry.into(), note: "per the 10-Q".into() });
        assert_eq!(harness.state().workbench().value_of(here), Some(Decimal::from(expected)), "{entry}");
    }
    assert_eq!(harness.state().workbench().correction_of(here).unwrap().note.as_deref(), Some("per the 10-Q"));
    apply(&mut harness, Action::Revert(here));
    assert_eq!(chart_point(&mut harness, CASH, "Q2 2006"), Some((Decimal::from(7_329_000), Status::Reported)));
}

#[test]
fn a_bad_file_shows_its_name_and_reason_and_the_rest_load() {
    let dir = tempfile::tempdir().unwrap();
    let scan = dir.path().join("scanned-release.pdf");
    std::fs::write(&scan, b"%PDF-1.4\x00\x00binary").unwrap();
    let mut files = samples();
    files.push(scan);
    let harness = window(&dir.path().join("workspace.json"), files);
    assert_eq!(harness.state().workbench().documents().len(), 5);
    harness.get_by_label("scanned-release.pdf");
    harness.get_by_label("not a text filing (binary content)");
}

#[test]
fn an_unreadable_workspace_is_set_aside_and_the_program_starts() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("workspace.json");
    std::fs::write(&workspace, "{ this is not a workspace").unwrap();
    let harness = window(&workspace, Vec::new());
    harness.get_by_label("Open samples");
    let banner = harness.state().banner();
    assert!(banner.len() == 1 && banner[0].contains("workspace.json") && banner[0].contains("kept as"), "{banner:?}");
    harness.get_by_label(&banner[0]);
    let aside: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("unreadable"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read_to_string(&aside[0]).unwrap(), "{ this is not a workspace", "kept untouched");
}

#[test]
fn a_correction_whose_filing_changed_on_disk_is_kept_and_marked_for_review() {
    let dir = tempfile::tempdir().unwrap();
    let filing = dir.path().join("q2.txt");
    std::fs::copy(&samples()[1], &filing).unwrap();
    let workspace = dir.path().join("workspace.json");
    let mut harness = window(&workspace, vec![filing.clone()]);
    let here = {
        let workbench = harness.state().workbench();
        let fact = workbench.documents()[0].facts.iter().position(|f| f.concept == CASH && f.text == "7,329").unwrap();
        exhibit::workbench::FactRef { document: 0, fact }
    };
    apply(&mut harness, Action::CommitEdit { fact: here, entry: "7,400".into(), note: String::new() });
    drop(harness);
    let mut text = std::fs::read_to_string(&filing).unwrap();
    text.push_str("\nRestated.\n");
    std::fs::write(&filing, text).unwrap();

    let mut reopened = window(&workspace, Vec::new());
    let correction = reopened.state().workbench().corrections().next().unwrap().clone();
    assert!(reopened.state().workbench().needs_review(&correction));
    assert_eq!(
        chart_point(&mut reopened, CASH, "Q2 2006").map(|p| p.0),
        Some(Decimal::from(7_400_000)),
        "kept in force"
    );
    apply(&mut reopened, Action::SelectFact(here));
    reopened.get_by_label_contains("changed on disk");
}

#[test]
fn find_steps_through_matches() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(&dir.path().join("workspace.json"), samples());
    select_q2_release(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Find").type_text("net loss");
    harness.run();
    harness.get_by_label("1 of 2");
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("2 of 2");
    harness.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    harness.run();
    harness.get_by_label("1 of 2");
}

#[test]
fn series_can_be_hidden_and_the_saved_image_follows() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(&dir.path().join("workspace.json"), samples());
    harness.get_by_role_and_label(Role::CheckBox, "Operating expenses").click();
    harness.run();
    let shown: Vec<String> = harness.state_mut().chart_model().unwrap().series.iter().map(|s| s.name.clone()).collect();
    assert_eq!(shown, ["Net income (loss)", "Cash and cash equivalents"]);
    let svg = dir.path().join("chart.svg");
    apply(&mut harness, Action::SaveChart(svg.clone()));
    assert!(!std::fs::read_to_string(&svg).unwrap().contains("Operating expenses"));
}

#[test]
fn files_named_relative_to_the_current_folder_are_remembered_absolutely() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("workspace.json");
    let relative = PathBuf::from("assets/samples/epicept-2006-08-02-q2-2006-results.txt");
    assert!(relative.is_relative() && relative.exists(), "tests run from the package folder");
    drop(window(&workspace, vec![relative]));
    let saved = exhibit::workbench::workspace::Workspace::load(&workspace).unwrap().unwrap().workspace;
    assert_eq!(saved.files.len(), 1);
    assert!(saved.files[0].is_absolute() && saved.files[0].exists(), "{:?}", saved.files);
    let reopened = window(&workspace, Vec::new());
    assert_eq!(reopened.state().workbench().documents().len(), 1);
    assert!(reopened.state().workbench().failures().is_empty());
}

#[test]
fn series_and_facts_export_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(&dir.path().join("workspace.json"), samples());
    let series = dir.path().join("series.csv");
    let facts = dir.path().join("facts.csv");
    apply(&mut harness, Action::ExportSeries(series.clone()));
    apply(&mut harness, Action::ExportFacts(facts.clone()));
    let series = std::fs::read_to_string(series).unwrap();
    assert!(
        series.lines().any(
            |l| l.starts_with("EpiCept Corporation,NetIncomeLoss,Q2 2006,2006-04-01,2006-06-30,,-7321000,reported")
        ),
        "{series}"
    );
    assert_eq!(std::fs::read_to_string(facts).unwrap().lines().count(), 1 + 23 + 42);
}

#[test]
fn html_filings_show_signed_values_and_an_unlabeled_total_says_where_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let html = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let files = vec![html.join("report-10q.htm"), html.join("unlabeled-total.htm")];
    let mut harness = window(&dir.path().join("workspace.json"), files);

    let state = harness.state();
    let opened = state.workbench().selected_document.unwrap();
    assert_eq!(state.workbench().documents()[opened].document.name, "report-10q.htm", "the latest filing opens");
    harness.get_by_label("2 documents · 0 corrections");
    harness.get_by_label("· 1 of 6 checks fails");
    harness.get_by_label_contains("11 facts · 1 warning");
    assert_eq!(
        harness.get_all_by_label("(21,271)").count(),
        1,
        "the tagged cell is one fact, the inline XBRL tag's (sign=\"-\"), read as a loss"
    );

    harness.get_by_label_contains("May 8, 2024").click();
    harness.run();
    harness.get_by_label("11,500").click();
    harness.run();
    assert_eq!(harness.state().selected_text(), Some("11,500"), "the text jumps to the unlabeled total");
    let selected = harness.state().workbench().selected().unwrap();
    assert_eq!(harness.state().workbench().fact(selected).unwrap().concept, "OperatingExpenses");
    harness.get_by_label_contains("unlabeled total row under the heading \"Operating expenses\"");
}

/// The Q2 release's cash figure, 7,329, in the window's one document.
fn q2_cash(harness: &Harness<'static, ExhibitApp>) -> exhibit::workbench::FactRef {
    let workbench = harness.state().workbench();
    let document = workbench.documents().iter().position(|d| d.document.name.contains("q2-2006")).unwrap();
    let fact =
        workbench.documents()[document].facts.iter().position(|f| f.concept == CASH && f.text == "7,329").unwrap();
    exhibit::workbench::FactRef { document, fact }
}

fn correct(harness: &mut Harness<'static, ExhibitApp>, entry: &str) {
    let fact = q2_cash(harness);
    apply(harness, Action::CommitEdit { fact, entry: entry.into(), note: String::new() });
}

fn saved(workspace: &Path) -> exhibit::workbench::workspace::Loaded {
    exhibit::workbench::workspace::Workspace::load(workspace).unwrap().unwrap()
}

fn saved_cash(workspace: &Path) -> Vec<Decimal> {
    saved(workspace).workspace.corrections.iter().map(|c| c.value).collect()
}

/// A workspace that parses but holds corrections of ±7.9e28 panicked at
/// every start and was never set aside; paths in it could climb out of its
/// folder or name a device. Those entries are now left out, each with its
/// reason, the file is copied aside as it was, and the rest loads.
#[test]
fn a_poisoned_workspace_loads_what_it_can_and_keeps_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("review");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(dir.path().join("outside.txt"), "Net loss (1,000)\n").unwrap();
    let workspace = folder.join("workspace.json");
    let mut harness = window(&workspace, vec![samples()[1].clone()]);
    correct(&mut harness, "7,400");
    drop(harness);

    let mut json: serde_json::Value = serde_json::from_slice(&std::fs::read(&workspace).unwrap()).unwrap();
    let entries = json["corrections"]["entries"].as_array_mut().unwrap();
    for (concept, value) in
        [("NetIncomeLoss", "79228162514264337593543950335"), ("OperatingExpenses", "-79228162514264337593543950335")]
    {
        let mut poisoned = entries[0].clone();
        poisoned["key"]["concept"] = concept.into();
        poisoned["value"] = serde_json::from_str(value).unwrap();
        entries.push(poisoned);
    }
    entries.push("not a correction".into());
    let files = json["files"].as_array_mut().unwrap();
    files.push("../outside.txt".into());
    files.push("/dev/zero".into());
    std::fs::write(&workspace, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    let as_written = std::fs::read(&workspace).unwrap();

    let harness = window(&workspace, Vec::new());
    let workbench = harness.state().workbench();
    assert_eq!(workbench.documents().len(), 1, "the filing loads");
    assert_eq!(workbench.corrections().map(|c| c.value).collect::<Vec<_>>(), [Decimal::from(7_400_000)]);
    let banner = harness.state().banner();
    assert_eq!(banner.len(), 1, "{banner:?}");
    assert!(banner[0].starts_with("5 entries of "), "{}", banner[0]);
    assert!(
        banner[0].contains(
            "correction 2 (NetIncomeLoss of epicept, at 2006-06-30): 79228162514264337593543950335 is larger than any \
             figure a filing states (at most 10^18); and 2 more."
        ),
        "{}",
        banner[0]
    );
    harness.get_by_label(&banner[0]);
    harness.get_by_label("outside.txt");
    harness.get_by_label("refused: its path leaves the workspace's folder");
    harness.get_by_label("zero");
    harness.get_by_label("refused: not a regular file (a device)");
    let copies: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("entries-left-out"))
        .collect();
    assert_eq!(copies.len(), 1);
    assert_eq!(std::fs::read(&copies[0]).unwrap(), as_written, "kept byte for byte");
    assert!(banner[0].contains(&copies[0].display().to_string()), "the banner says where");
    drop(harness);
    let now = saved(&workspace);
    assert!(now.refused.is_empty(), "{:?}", now.refused);
    assert_eq!(now.workspace.files.len(), 1);
    assert_eq!(saved_cash(&workspace), [Decimal::from(7_400_000)]);
}

/// The first window's next save silently removed a second window's
/// corrections. The second window on a workspace now only reads it, says
/// so, and can keep its work in a file of its own.
#[test]
fn a_second_window_on_a_workspace_only_reads_it_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("workspace.json");
    let mut first = window(&workspace, vec![samples()[1].clone()]);
    let mut second = window(&workspace, Vec::new());
    assert_eq!(second.state().workbench().documents().len(), 1, "the second window shows the workspace");
    assert!(first.state().banner().is_empty());
    let banner = second.state().banner();
    assert!(banner[0].contains("is open in another Exhibit window"), "{banner:?}");
    second.get_by_label(&banner[0]);

    correct(&mut first, "7,400");
    correct(&mut second, "7,500");
    second.get_by_label("Changes made in this window are not saved.");
    correct(&mut first, "7,401");
    assert_eq!(saved_cash(&workspace), [Decimal::from(7_401_000)], "the first window's, and only it, is saved");

    let mine = dir.path().join("mine.json");
    apply(&mut second, Action::SaveWorkspace(mine.clone()));
    assert!(second.state().banner().is_empty(), "saving resumes in the file chosen");
    assert_eq!(saved_cash(&mine), [Decimal::from(7_500_000)]);
    correct(&mut second, "7,502");
    assert_eq!(saved_cash(&mine), [Decimal::from(7_502_000)]);
    assert_eq!(saved_cash(&workspace), [Decimal::from(7_401_000)]);

    drop(first);
    let third = window(&workspace, Vec::new());
    assert!(third.state().banner().is_empty(), "the workspace is free once its window closes");
}

/// When moving an unreadable workspace aside failed (here, a name too long
/// to take the suffix), it was overwritten with an empty one. It is now
/// never written; the window says so until another file is chosen.
#[test]
fn a_workspace_that_cannot_be_set_aside_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join(format!("{}.json", "w".repeat(240)));
    std::fs::write(&workspace, "{ broken").unwrap();
    let mut harness = window(&workspace, vec![samples()[1].clone()]);
    let banner = harness.state().banner();
    assert!(banner[0].contains("could not be moved aside") && banner[0].contains("does not save to it"), "{banner:?}");
    harness.get_by_label(&banner[0]);
    correct(&mut harness, "7,400");
    assert_eq!(std::fs::read_to_string(&workspace).unwrap(), "{ broken", "not written over");
    harness.get_by_label("Changes made in this window are not saved.");

    let other = dir.path().join("other.json");
    apply(&mut harness, Action::SaveWorkspace(other.clone()));
    assert!(harness.state().banner().is_empty());
    correct(&mut harness, "7,401");
    assert_eq!(saved_cash(&other), [Decimal::from(7_401_000)]);
    assert_eq!(std::fs::read_to_string(&workspace).unwrap(), "{ broken");
}

/// Temporary files of saves a crash interrupted were left behind; the
/// window that holds the workspace removes them (and nothing else).
#[test]
fn temporary_files_of_interrupted_saves_are_removed_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("workspace.json");
    drop(window(&workspace, vec![samples()[1].clone()]));
    let leftover = dir.path().join(".workspace.json.Xy12ab.saving");
    let unrelated = dir.path().join(".other.json.Xy12ab.saving");
    std::fs::write(&leftover, "{ \"version\": 1, \"fil").unwrap();
    std::fs::write(&unrelated, "not ours").unwrap();
    let harness = window(&workspace, Vec::new());
    assert!(!leftover.exists());
    assert!(unrelated.exists());
    assert_eq!(harness.state().workbench().documents().len(), 1);
}

/// Saving waited for the first load to finish, so a file that never
/// finished (or panicked) turned saving off for the session.
#[test]
fn changes_are_saved_while_files_are_still_loading() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("workspace.json");
    drop(window(&workspace, samples()));
    let options = AppOptions { workspace: workspace.clone(), ..AppOptions::default() };
    let mut harness =
        Harness::builder().with_size(egui::vec2(1366.0, 768.0)).build_eframe(move |cc| ExhibitApp::new(cc, options));
    harness.state_mut().queue(Action::ToggleSeries("OperatingExpenses".into()));
    harness.step();
    let now = saved(&workspace).workspace;
    assert_eq!(now.hidden_series, ["OperatingExpenses"], "saved at once");
    assert_eq!(now.files.len(), 5, "with every file, loaded or not");
}

/// A workspace listing 200,000 missing files froze the window (each
/// failure went through the whole list, and each was laid out).
#[test]
fn a_workspace_of_200000_missing_files_opens_and_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("workspace.json");
    let files: Vec<String> = (0..200_000).map(|i| format!("missing/{i}.txt")).collect();
    let json = serde_json::json!({ "version": 1, "files": files, "corrections": { "entries": [] } });
    std::fs::write(&workspace, serde_json::to_vec(&json).unwrap()).unwrap();
    let started = Instant::now();
    let harness = window(&workspace, Vec::new());
    assert_eq!(harness.state().workbench().failures().len(), 200_000);
    harness.get_by_label("and 199900 more");
    assert!(started.elapsed() < Duration::from_secs(60), "a hang guard: {:?}", started.elapsed());
}

/// A submission of 300,000 documents laid out a label for each of them in
/// every frame (1.7 s a frame, optimised); only the rows in sight are now.
#[test]
fn a_submission_of_100000_documents_keeps_the_window_responsive() {
    let dir = tempfile::tempdir().unwrap();
    let submission = dir.path().join("submission.txt");
    let mut text = String::from("<SEC-DOCUMENT>\n<SEC-HEADER>\nCOMPANY CONFORMED NAME: EPICEPT CORP\n</SEC-HEADER>\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "<DOCUMENT>\n<TYPE>EX-99\n<FILENAME>d{i}.txt\n<TEXT>\nItem {i}\n</TEXT>\n</DOCUMENT>\n"
        ));
    }
    std::fs::write(&submission, text).unwrap();
    let mut harness = window(&dir.path().join("workspace.json"), vec![submission]);
    assert_eq!(harness.state().workbench().documents().len(), 100_000);
    let started = Instant::now();
    for _ in 0..5 {
        harness.step();
    }
    let frame = started.elapsed() / 5;
    assert!(frame < Duration::from_millis(500), "a frame takes {frame:?}");
    let laid_out = harness.get_all_by_label("EX-99 · no date\n0 facts").count();
    assert!((10..100).contains(&laid_out), "only the rows in sight: {laid_out}");
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

#[test]
fn a_restated_quarter_shows_both_values_and_the_chart_can_show_it_as_first_reported() {
    let dir = tempfile::tempdir().unwrap();
    let files = vec![fixture("conflict-first.txt"), fixture("conflict-restated.txt")];
    let mut harness = window(&dir.path().join("workspace.json"), files);
    let net = "NetIncomeLoss";
    assert_eq!(chart_point(&mut harness, net, "Q2 2006"), Some((Decimal::from(-2_610_000), Status::Restated)));
    let model = harness.state_mut().chart_model().unwrap().clone();
    let detail = &model.series[0].points.iter().find(|p| p.quarter == "Q2 2006").unwrap().detail;
    assert!(detail.contains("first reported as (2,450)"), "{detail}");
    harness.get_by_label_contains("Nov 1, 2006").click();
    harness.run();
    let marks = harness.query_all_by_label("restated").count();
    assert_eq!(marks, 2, "the chart's key and the fields list's mark of the restated quarter");
    harness.get_by_role_and_label(Role::CheckBox, "As first reported").click();
    harness.run();
    assert_eq!(chart_point(&mut harness, net, "Q2 2006"), Some((Decimal::from(-2_450_000), Status::Restated)));
    assert!(harness.state().workbench().workspace().as_first_reported, "the switch is kept in the workspace");
}

#[test]
fn fiscal_quarters_are_named_by_the_year_they_end_and_can_be_named_by_calendar_quarter() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(&dir.path().join("workspace.json"), vec![fixture("submission-two-documents.txt")]);
    assert_eq!(harness.state_mut().chart_model().unwrap().quarters.first().map(String::as_str), Some("Q1 FY2006"));
    harness.get_by_role_and_label(Role::CheckBox, "Calendar quarters").click();
    harness.run();
    assert_eq!(harness.state_mut().chart_model().unwrap().quarters.first().map(String::as_str), Some("Q3 2005"));
}

#[test]
fn a_figure_stated_in_a_table_and_in_prose_is_one_row_that_lists_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(&dir.path().join("workspace.json"), samples());
    select_q2_release(&mut harness);
    assert!(harness.query_by_label("$7.3 million").is_none(), "the prose statement of cash is not a row of its own");
    harness.get_by_label("7,329").click();
    harness.run();
    let provenance = "Printed 7,329 in the SELECTED CONSOLIDATED BALANCE SHEET DATA (balance sheet), in thousands";
    assert!(harness.query_by_label_contains(provenance).is_some(), "the provenance line names the table");
    let also = harness.get_by_label_contains("Also $7.3 million in the text");
    also.click();
    harness.run();
    let state = harness.state();
    let selected = state.workbench().fact(state.workbench().selected().unwrap()).unwrap();
    assert_eq!((selected.concept.as_str(), selected.text.as_str()), (CASH, "$7.3 million"));
}
