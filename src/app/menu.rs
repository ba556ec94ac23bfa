//! The menu bar and the keyboard shortcuts it lists.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::action::Action;
use crate::workbench::Workbench;

const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const SAVE_CHART: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
const SAVE_WORKSPACE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const REDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);

/// Shortcuts that work wherever the focus is (longest chords first, so
/// Ctrl+Shift+Z is not taken for Ctrl+Z).
pub fn shortcuts(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let pressed = |ui: &mut egui::Ui, shortcut: &KeyboardShortcut| ui.input_mut(|i| i.consume_shortcut(shortcut));
    if pressed(ui, &SAVE_WORKSPACE) {
        actions.push(Action::SaveWorkspaceDialog);
    }
    if pressed(ui, &REDO) || pressed(ui, &REDO_Y) {
        actions.push(Action::Redo);
    }
    let typing = ui.ctx().text_edit_focused();
    if !typing && pressed(ui, &UNDO) {
        actions.push(Action::Undo);
    }
    if pressed(ui, &OPEN) {
        actions.push(Action::OpenDialog);
    }
    if pressed(ui, &SAVE_CHART) {
        actions.push(Action::SaveChartDialog);
    }
    if pressed(ui, &QUIT) {
        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

pub fn menu_ui(ui: &mut egui::Ui, workbench: &Workbench, actions: &mut Vec<Action>) {
    let shortcut = |s: &KeyboardShortcut| ui.ctx().format_shortcut(s);
    let (open, save_chart, save_workspace, undo, redo, quit) = (
        shortcut(&OPEN),
        shortcut(&SAVE_CHART),
        shortcut(&SAVE_WORKSPACE),
        shortcut(&UNDO),
        shortcut(&REDO),
        shortcut(&QUIT),
    );
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.add(egui::Button::new("Open filings…").shortcut_text(&open)).clicked() {
                actions.push(Action::OpenDialog);
            }
            if ui.button("Open samples").clicked() {
                actions.push(Action::OpenSamples);
            }
            ui.menu_button("Open recent", |ui| {
                if workbench.recent().is_empty() {
                    ui.weak("nothing yet");
                }
                for path in workbench.recent() {
                    if ui.button(path.display().to_string()).clicked() {
                        actions.push(Action::OpenPaths(vec![path.clone()]));
                    }
                }
            });
            let selected_path =
                workbench.selected_document.and_then(|d| workbench.documents().get(d)).map(|d| d.document.path.clone());
            if ui.add_enabled(selected_path.is_some(), egui::Button::new("Close this filing")).clicked() {
                actions.extend(selected_path.map(Action::CloseFile));
            }
            ui.separator();
            if ui.add(egui::Button::new("Save chart image…").shortcut_text(&save_chart)).clicked() {
                actions.push(Action::SaveChartDialog);
            }
            if ui.button("Export quarterly series (CSV)…").clicked() {
                actions.push(Action::ExportSeriesDialog);
            }
            if ui.button("Export facts (CSV)…").clicked() {
                actions.push(Action::ExportFactsDialog);
            }
            ui.separator();
            if ui.button("Open workspace…").clicked() {
                actions.push(Action::OpenWorkspaceDialog);
            }
            if ui.add(egui::Button::new("Save workspace as…").shortcut_text(&save_workspace)).clicked() {
                actions.push(Action::SaveWorkspaceDialog);
            }
            ui.separator();
            if ui.add(egui::Button::new("Quit").shortcut_text(&quit)).clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button("Edit", |ui| {
            if ui.add_enabled(workbench.can_undo(), egui::Button::new("Undo correction").shortcut_text(&undo)).clicked()
            {
                actions.push(Action::Undo);
            }
            if ui.add_enabled(workbench.can_redo(), egui::Button::new("Redo correction").shortcut_text(&redo)).clicked()
            {
                actions.push(Action::Redo);
            }
            ui.separator();
            let selected = workbench.selected();
            if ui
                .add_enabled(selected.is_some(), egui::Button::new("Correct selected value").shortcut_text("Enter"))
                .clicked()
            {
                actions.extend(selected.map(Action::BeginEdit));
            }
            let corrected = selected.filter(|&s| workbench.correction_of(s).is_some());
            if ui.add_enabled(corrected.is_some(), egui::Button::new("Revert selected value")).clicked() {
                actions.extend(corrected.map(Action::Revert));
            }
        });
        ui.menu_button("Help", |ui| {
            ui.label("Ctrl+O open · Ctrl+F find in filing (Enter/F3 next, Shift+Enter previous)");
            ui.label("Up/Down move through fields · Enter or double-click correct · Escape cancel");
            ui.label("Ctrl+Z undo · Ctrl+Shift+Z redo · Ctrl+S save chart image");
            ui.label("Drop filings onto the window to open them.");
        });
    });
}
