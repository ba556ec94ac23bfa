//! The filings list: open documents grouped by company, in date order, each
//! with its form, date and how many facts and warnings it has; files that
//! could not be opened are listed with their reason. Only the rows in sight
//! are laid out.

use std::collections::BTreeMap;

use super::action::Action;
use super::counted;
use crate::workbench::Workbench;

/// The list as rows, worked out again only when the workbench changes:
/// a submission of 300,000 documents is grouped and sorted once, and only
/// the rows in sight are laid out.
#[derive(Default)]
pub struct FilingsView {
    revision: Option<u64>,
    rows: Vec<Row>,
}

enum Row {
    Company(String),
    Document(usize),
    FailuresHeading,
    Failure(usize),
    MoreFailures(usize),
    Dismiss,
}

fn rows_of(workbench: &Workbench) -> Vec<Row> {
    let mut companies: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for i in 0..workbench.documents().len() {
        let company = workbench.company_of(i).unwrap_or_default();
        let name = workbench.company_name(&company).to_owned();
        companies.entry(company).or_insert_with(|| (name, Vec::new())).1.push(i);
    }
    let mut rows = Vec::with_capacity(workbench.documents().len() + companies.len());
    let mut companies: Vec<(String, Vec<usize>)> = companies.into_values().collect();
    companies.sort_by_key(|(name, _)| name.to_lowercase());
    for (name, mut indices) in companies {
        let documents = workbench.documents();
        indices.sort_by(|&a, &b| {
            let key = |i: usize| (documents[i].document.particulars.date, &documents[i].document.name);
            key(a).cmp(&key(b))
        });
        rows.push(Row::Company(name));
        rows.extend(indices.into_iter().map(Row::Document));
    }
    let failures = workbench.failures().len();
    if failures > 0 {
        rows.push(Row::FailuresHeading);
        rows.extend((0..failures.min(LISTED_FAILURES)).map(Row::Failure));
        if failures > LISTED_FAILURES {
            rows.push(Row::MoreFailures(failures - LISTED_FAILURES));
        }
        rows.push(Row::Dismiss);
    }
    rows
}

pub fn filings_ui(ui: &mut egui::Ui, view: &mut FilingsView, workbench: &Workbench, actions: &mut Vec<Action>) {
    if view.revision != Some(workbench.revision()) {
        view.rows = rows_of(workbench);
        view.revision = Some(workbench.revision());
    }
    let row_height = 2.0 * ui.text_style_height(&egui::TextStyle::Body) + 2.0 * ui.spacing().button_padding.y;
    egui::ScrollArea::vertical().id_salt("filings").auto_shrink([true, true]).show_rows(
        ui,
        row_height,
        view.rows.len(),
        |ui, shown| {
            for row in &view.rows[shown] {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(ui.available_width(), row_height), egui::Sense::hover());
                ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| row_ui(ui, row, workbench, actions));
            }
        },
    );
}

fn row_ui(ui: &mut egui::Ui, row: &Row, workbench: &Workbench, actions: &mut Vec<Action>) {
    match *row {
        Row::Company(ref name) => {
            ui.add_space(ui.available_height() - ui.text_style_height(&egui::TextStyle::Body) - 2.0);
            ui.strong(name);
        }
        Row::Document(i) => {
            let extracted = &workbench.documents()[i];
            let document = &extracted.document;
            let selected = workbench.selected_document == Some(i);
            let date =
                document.particulars.date.map_or_else(|| "no date".to_owned(), |d| d.format("%b %-d, %Y").to_string());
            let form = document.particulars.form.as_deref().unwrap_or("filing");
            let counts = match extracted.warnings.len() {
                0 => counted(extracted.facts.len(), "fact"),
                n => format!("{} · {}", counted(extracted.facts.len(), "fact"), counted(n, "warning")),
            };
            let label = format!("{form} · {date}\n{counts}");
            let response = ui.selectable_label(selected, label).on_hover_text(format!(
                "{}\n{}",
                document.name,
                document.path.display()
            ));
            if response.clicked() {
                actions.push(Action::SelectDocument(i));
            }
            response.context_menu(|ui| {
                if ui.button("Close this file").clicked() {
                    actions.push(Action::CloseFile(document.path.clone()));
                }
            });
        }
        Row::FailuresHeading => {
            ui.add_space(ui.available_height() - ui.text_style_height(&egui::TextStyle::Body) - 2.0);
            ui.colored_label(ui.visuals().error_fg_color, "Could not open");
        }
        Row::Failure(i) => failure_ui(ui, &workbench.failures()[i]),
        Row::MoreFailures(more) => {
            ui.weak(format!("and {more} more"));
        }
        Row::Dismiss => {
            if ui.small_button("Dismiss").clicked() {
                actions.push(Action::DismissMessages);
            }
        }
    }
}

fn failure_ui(ui: &mut egui::Ui, failure: &crate::workbench::LoadFailure) {
    let name = failure
        .path
        .file_name()
        .map_or_else(|| failure.path.display().to_string(), |n| n.to_string_lossy().into_owned());
    ui.label(egui::RichText::new(name).strong()).on_hover_text(failure.path.display().to_string());
    ui.label(egui::RichText::new(&failure.reason).small());
}

/// Files listed one by one under "Could not open"; the rest are counted,
/// so that a workspace of 200,000 missing files does not lay out as many
/// labels every frame.
const LISTED_FAILURES: usize = 100;

/// The files that could not be opened, with their reasons.
pub fn failures_ui(ui: &mut egui::Ui, workbench: &Workbench, actions: &mut Vec<Action>) {
    let failures = workbench.failures();
    if failures.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.separator();
    ui.colored_label(ui.visuals().error_fg_color, "Could not open");
    for failure in failures.iter().take(LISTED_FAILURES) {
        failure_ui(ui, failure);
    }
    if let Some(more) = failures.len().checked_sub(LISTED_FAILURES).filter(|&n| n > 0) {
        ui.weak(format!("and {more} more"));
    }
    if ui.small_button("Dismiss").clicked() {
        actions.push(Action::DismissMessages);
    }
}

/// What the window shows before any filing is open.
pub fn start_ui(ui: &mut egui::Ui, workbench: &Workbench, actions: &mut Vec<Action>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.22);
        ui.heading("Exhibit");
        ui.label("Open SEC filings to read them beside the figures extracted from them.");
        ui.add_space(16.0);
        if ui
            .add(egui::Button::new("Open filings…").min_size(egui::vec2(180.0, 32.0)))
            .on_hover_text("Ctrl+O")
            .clicked()
        {
            actions.push(Action::OpenDialog);
        }
        ui.add_space(6.0);
        if ui
            .add(egui::Button::new("Open samples").min_size(egui::vec2(180.0, 32.0)))
            .on_hover_text("Five EpiCept press releases from 2006")
            .clicked()
        {
            actions.push(Action::OpenSamples);
        }
        ui.add_space(12.0);
        ui.weak("or drop filings (.txt, .htm) onto this window");
        let recent: Vec<_> = workbench.recent().iter().filter(|p| p.exists()).take(5).collect();
        if !recent.is_empty() {
            ui.add_space(16.0);
            ui.label("Recent");
            for path in recent {
                let name =
                    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                if ui.link(name).on_hover_text(path.display().to_string()).clicked() {
                    actions.push(Action::OpenPaths(vec![path.clone()]));
                }
            }
        }
    });
}
