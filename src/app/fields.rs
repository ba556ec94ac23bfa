//! The fields panel: the selected filing's facts by concept and period,
//! each with where it came from and its status, and in-place correction.
//! Below the table, the selected fact's full provenance.

use egui::{Align, Color32, Key, Layout, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use super::action::Action;
use crate::fact::{Fact, Period};
use crate::format::{filing_style, power_name};
use crate::ledger::Status;
use crate::workbench::{entry, FactRef, Workbench};

const CORRECTED: Color32 = Color32::from_rgb(0, 110, 200);
const CONFLICT: Color32 = Color32::from_rgb(200, 40, 40);
const ROW_HEIGHT: f32 = 24.0;

/// A value being corrected: the entry and note as typed so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub fact: FactRef,
    pub entry: String,
    pub note: String,
    pub error: Option<String>,
    pub focus: bool,
}

/// The listing order of the selected document's facts, kept until the
/// document or the workbench changes (a large filing has thousands).
#[derive(Default)]
pub struct FieldsView {
    key: Option<(usize, u64)>,
    order: Vec<usize>,
}

impl FieldsView {
    fn order(&mut self, workbench: &Workbench, document: usize) -> &[usize] {
        let key = (document, workbench.revision());
        if self.key != Some(key) {
            self.order = listed_facts(workbench, document);
            self.key = Some(key);
        }
        &self.order
    }
}

/// The facts of a document in the order they are listed: by concept (in
/// the order of the rules file), then by period.
fn listed_facts(workbench: &Workbench, document: usize) -> Vec<usize> {
    let Some(extracted) = workbench.documents().get(document) else { return Vec::new() };
    let rules = workbench.extractor().rules();
    let rank = |concept: &str| rules.concepts.iter().position(|c| c.name == concept).unwrap_or(usize::MAX);
    let mut order: Vec<usize> = (0..extracted.facts.len()).collect();
    order.sort_by_key(|&i| {
        let f = &extracted.facts[i];
        (rank(&f.concept), std::cmp::Reverse(f.period.end()), f.period.months(), f.origin)
    });
    order
}

pub fn fields_ui(
    ui: &mut egui::Ui,
    view: &mut FieldsView,
    workbench: &Workbench,
    edit: &mut Option<Edit>,
    scroll_to_selected: bool,
    actions: &mut Vec<Action>,
) {
    let Some(document) = workbench.selected_document else { return };
    let Some(extracted) = workbench.documents().get(document) else { return };
    let order = view.order(workbench, document);
    let rules = workbench.extractor().rules();
    if order.is_empty() {
        ui.weak("No financial fields were found in this filing.");
    }
    keyboard(ui, workbench, order, edit, actions);
    ui.style_mut().interaction.selectable_labels = false;
    let details_height = 150.0;
    let table_height = (ui.available_height() - details_height).max(120.0);
    let mut table = TableBuilder::new(ui)
        .id_salt(("fields", document))
        .striped(true)
        .sense(Sense::click())
        .max_scroll_height(table_height)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::initial(150.0).at_least(90.0).clip(true).resizable(true))
        .column(Column::initial(118.0).at_least(80.0).clip(true).resizable(true))
        .column(Column::initial(96.0).at_least(80.0))
        .column(Column::auto().at_least(70.0));
    if scroll_to_selected {
        if let Some(row) = workbench.selected_fact.and_then(|f| order.iter().position(|&i| i == f)) {
            table = table.scroll_to_row(row, Some(Align::Center));
        }
    }
    table
        .header(20.0, |mut header| {
            for title in ["Field", "Period", "Value", "From"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, order.len(), |mut row| {
                let index = order[row.index()];
                let fact = &extracted.facts[index];
                let here = FactRef { document, fact: index };
                row.set_selected(workbench.selected() == Some(here));
                let title = rules.concept(&fact.concept).map_or(fact.concept.as_str(), |r| r.title.as_str());
                let correction = workbench.correction_of(here);
                row.col(|ui| {
                    ui.label(title).on_hover_text(format!("{}\n{}", fact.label, fact.concept));
                });
                row.col(|ui| {
                    ui.label(period_label(&fact.period));
                });
                row.col(|ui| match edit.as_mut().filter(|e| e.fact == here) {
                    Some(editing) => entry_ui(ui, editing, actions),
                    None => {
                        let text = match correction {
                            Some(c) => RichText::new(filing_style(c.value, fact.scale)).color(CORRECTED).strong(),
                            None => RichText::new(fact.signed_text()).monospace(),
                        };
                        ui.label(text);
                    }
                });
                row.col(|ui| marks_ui(ui, workbench, here, fact));
                let response = row.response();
                if response.double_clicked() {
                    actions.push(Action::BeginEdit(here));
                } else if response.clicked() {
                    actions.push(Action::SelectFact(here));
                }
            });
        });
    ui.separator();
    ui.style_mut().interaction.selectable_labels = true;
    if let Some(selected) = workbench.selected().filter(|s| s.document == document) {
        details_ui(ui, workbench, selected, edit, actions);
    } else if !order.is_empty() {
        ui.weak("Select a field to see where it came from; double-click its value to correct it.");
    }
}

fn entry_ui(ui: &mut egui::Ui, editing: &mut Edit, actions: &mut Vec<Action>) {
    let width = ui.available_width();
    let field = ui.name_inputs("Corrected value", |ui| {
        ui.add(egui::TextEdit::singleline(&mut editing.entry).desired_width(width))
    });
    if std::mem::take(&mut editing.focus) {
        field.request_focus();
    }
    if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
        actions.push(Action::CommitEdit {
            fact: editing.fact,
            entry: editing.entry.clone(),
            note: editing.note.clone(),
        });
    }
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        actions.push(Action::CancelEdit);
    }
}

fn marks_ui(ui: &mut egui::Ui, workbench: &Workbench, here: FactRef, fact: &Fact) {
    ui.weak(fact.origin.label()).on_hover_text(format!("read from the filing's {}", fact.origin.label()));
    if let Some(correction) = workbench.correction_of(here) {
        let mark = if workbench.needs_review(correction) { "corrected, review" } else { "corrected" };
        ui.colored_label(CORRECTED, mark).on_hover_text("corrected by hand");
    } else if point_status(workbench, here) == Some(Status::Conflict) {
        ui.colored_label(CONFLICT, "conflict").on_hover_text("other filings state a different value for this quarter");
    }
}

/// The status of the quarterly point this fact feeds, if it feeds one.
fn point_status(workbench: &Workbench, here: FactRef) -> Option<Status> {
    let key = workbench.key_of(here)?;
    let series = workbench.series().iter().find(|s| s.company_key == key.company && s.concept == key.concept)?;
    series.points.iter().find(|p| p.period == key.period).map(|p| p.status)
}

fn details_ui(
    ui: &mut egui::Ui,
    workbench: &Workbench,
    here: FactRef,
    edit: &mut Option<Edit>,
    actions: &mut Vec<Action>,
) {
    let Some(fact) = workbench.fact(here) else { return };
    let document = &workbench.documents()[here.document].document;
    egui::ScrollArea::vertical().id_salt("fact-details").auto_shrink([true, true]).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.strong(&fact.label);
            ui.label(format!("· {}", period_label(&fact.period)));
        });
        let scale = match fact.scale {
            0 => String::new(),
            power => format!(", in {}s", power_name(power)),
        };
        ui.label(format!("Printed {} in the {} of {}{scale}", fact.text, fact.origin.label(), document.name));
        if !fact.column.is_empty() {
            ui.weak(format!("Column: {}", fact.column));
        }
        if let Some(note) = &fact.note {
            ui.weak(note);
        }
        match edit.as_mut().filter(|e| e.fact == here) {
            Some(editing) => editing_ui(ui, editing, fact, actions),
            None => correction_ui(ui, workbench, here, fact, actions),
        }
    });
}

fn editing_ui(ui: &mut egui::Ui, editing: &mut Edit, fact: &Fact, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let label = ui.label("Note");
        let note = ui
            .add(egui::TextEdit::singleline(&mut editing.note).hint_text("why (optional)").desired_width(180.0))
            .labelled_by(label.id);
        if note.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            actions.push(Action::CommitEdit {
                fact: editing.fact,
                entry: editing.entry.clone(),
                note: editing.note.clone(),
            });
        }
        if ui.button("Save").on_hover_text("Enter").clicked() {
            actions.push(Action::CommitEdit {
                fact: editing.fact,
                entry: editing.entry.clone(),
                note: editing.note.clone(),
            });
        }
        if ui.button("Cancel").on_hover_text("Escape").clicked() {
            actions.push(Action::CancelEdit);
        }
    });
    match (&editing.error, entry::parse_entry(&editing.entry, fact.scale, fact.value)) {
        (Some(error), _) => {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        (None, Ok(value)) => {
            ui.weak(format!("= {} {}", filing_style(value, 0), unit_name(fact)));
        }
        (None, Err(_)) => {
            ui.weak("Type the value as the filing would print it: (7,400), 7.4 million, -7400000");
        }
    }
}

fn correction_ui(ui: &mut egui::Ui, workbench: &Workbench, here: FactRef, fact: &Fact, actions: &mut Vec<Action>) {
    match workbench.correction_of(here) {
        Some(correction) => {
            let original = correction.original.map_or("no value".to_owned(), |o| filing_style(o, fact.scale));
            ui.colored_label(
                CORRECTED,
                format!(
                    "Corrected to {} (was {original}) on {}",
                    filing_style(correction.value, fact.scale),
                    correction.at.format("%b %-d, %Y %H:%M UTC")
                ),
            );
            if let Some(note) = &correction.note {
                ui.label(format!("Note: {note}"));
            }
            if workbench.needs_review(correction) {
                ui.colored_label(CONFLICT, "The filing has changed on disk since this correction: review it.");
            }
            ui.horizontal(|ui| {
                if ui.button("Edit correction").clicked() {
                    actions.push(Action::BeginEdit(here));
                }
                if ui.button("Revert to the filing's value").clicked() {
                    actions.push(Action::Revert(here));
                }
            });
        }
        None => {
            if ui.button("Correct this value…").on_hover_text("Enter, or double-click the value").clicked() {
                actions.push(Action::BeginEdit(here));
            }
        }
    }
}

/// Arrow keys move through the fields; Enter or F2 corrects the selected one.
fn keyboard(ui: &mut egui::Ui, workbench: &Workbench, order: &[usize], edit: &Option<Edit>, actions: &mut Vec<Action>) {
    if edit.is_some() || ui.ctx().text_edit_focused() {
        return;
    }
    let Some(document) = workbench.selected_document else { return };
    let position = workbench.selected_fact.and_then(|f| order.iter().position(|&i| i == f));
    let (down, up, enter) = ui.input_mut(|i| {
        let down = i.consume_key(egui::Modifiers::NONE, Key::ArrowDown);
        let up = i.consume_key(egui::Modifiers::NONE, Key::ArrowUp);
        let enter = i.key_pressed(Key::Enter) || i.consume_key(egui::Modifiers::NONE, Key::F2);
        (down, up, enter)
    });
    let next = match (position, down, up) {
        (None, true, _) => Some(0),
        (Some(p), true, _) => Some((p + 1).min(order.len().saturating_sub(1))),
        (Some(p), _, true) => Some(p.saturating_sub(1)),
        _ => None,
    };
    if let Some(next) = next.filter(|&n| n < order.len()) {
        actions.push(Action::SelectFact(FactRef { document, fact: order[next] }));
    }
    if enter {
        if let Some(selected) = workbench.selected() {
            actions.push(Action::BeginEdit(selected));
        }
    }
}

fn unit_name(fact: &Fact) -> &'static str {
    match fact.unit {
        crate::fact::Unit::Usd => "USD",
        crate::fact::Unit::UsdPerShare => "USD per share",
        crate::fact::Unit::Shares => "shares",
    }
}

/// "3M to Jun 30, 2006", "at Jun 30, 2006".
pub fn period_label(period: &Period) -> String {
    match period {
        Period::Instant { instant } => format!("at {}", instant.format("%b %-d, %Y")),
        Period::Duration { end, .. } => format!("{}M to {}", period.months(), end.format("%b %-d, %Y")),
    }
}
