//! The filings list: open documents grouped by company, in date order, each
//! with its form, date and how many facts and warnings it has; files that
//! could not be opened are listed with their reason.

use std::collections::BTreeMap;

use super::action::Action;
use super::counted;
use crate::ledger::company::company_key;
use crate::ledger::company_name;
use crate::workbench::Workbench;

pub fn filings_ui(ui: &mut egui::Ui, workbench: &Workbench, actions: &mut Vec<Action>) {
    let mut companies: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (i, extracted) in workbench.documents().iter().enumerate() {
        let name = company_name(extracted);
        companies.entry(company_key(&name)).or_insert_with(|| (name, Vec::new())).1.push(i);
    }
    egui::ScrollArea::vertical().id_salt("filings").auto_shrink([true, true]).show(ui, |ui| {
        for (name, mut indices) in companies.into_values() {
            indices.sort_by_key(|&i| {
                (workbench.documents()[i].document.date, workbench.documents()[i].document.name.clone())
            });
            ui.add_space(4.0);
            ui.strong(name);
            for i in indices {
                let extracted = &workbench.documents()[i];
                let document = &extracted.document;
                let selected = workbench.selected_document == Some(i);
                let date = document.date.map_or_else(|| "no date".to_owned(), |d| d.format("%b %-d, %Y").to_string());
                let form = document.form.as_deref().unwrap_or("filing");
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
        }
        failures_ui(ui, workbench, actions);
    });
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
        let name = failure
            .path
            .file_name()
            .map_or_else(|| failure.path.display().to_string(), |n| n.to_string_lossy().into_owned());
        ui.label(egui::RichText::new(name).strong()).on_hover_text(failure.path.display().to_string());
        ui.label(egui::RichText::new(&failure.reason).small());
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
