//! The fields panel: the selected filing's facts by concept and period,
//! each with where it came from and its status, and in-place correction.
//! Below the table, the selected fact's full provenance.

use std::collections::HashMap;

use egui::{Align, Color32, Key, Layout, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use super::action::Action;
use crate::fact::{Fact, Period};
use crate::format::filing_style;
use crate::ledger::authority::Authority;
use crate::ledger::{Point, Status};
use crate::workbench::{entry, FactRef, Workbench};

const CORRECTED: Color32 = Color32::from_rgb(0, 110, 200);
const CONFLICT: Color32 = Color32::from_rgb(200, 40, 40);
const RESTATED: Color32 = Color32::from_rgb(150, 90, 0);
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

/// The listing of the selected document's facts, kept until the document
/// or the workbench changes (a large filing has thousands): one row per
/// concept, period and part of the company, led by the document's best
/// statement of it, with the others it makes of the same figure.
#[derive(Default)]
pub struct FieldsView {
    key: Option<(usize, u64)>,
    rows: Vec<Listed>,
    /// The row each fact is listed in.
    row_of: HashMap<usize, usize>,
}

/// One row: the fact it shows, and the document's other statements of the
/// same concept and period (the summary table, the prose, the tag).
struct Listed {
    lead: usize,
    others: Vec<usize>,
}

impl FieldsView {
    fn refresh(&mut self, workbench: &Workbench, document: usize) {
        let key = (document, workbench.revision());
        if self.key != Some(key) {
            self.rows = listed_facts(workbench, document);
            self.row_of = self
                .rows
                .iter()
                .enumerate()
                .flat_map(|(row, listed)| {
                    std::iter::once(listed.lead).chain(listed.others.iter().copied()).map(move |f| (f, row))
                })
                .collect();
            self.key = Some(key);
        }
    }

    fn leads(&self) -> Vec<usize> {
        self.rows.iter().map(|r| r.lead).collect()
    }

    /// The other statements listed with a fact's row.
    fn others_of(&self, fact: usize) -> &[usize] {
        self.row_of.get(&fact).map_or(&[], |&row| self.rows[row].others.as_slice())
    }
}

/// The facts of a document as listed: by concept (in the order of the
/// rules file), then by period; each concept, period and part of the
/// company once, led by the highest-ranking source (`ledger::authority`),
/// then the most precise.
fn listed_facts(workbench: &Workbench, document: usize) -> Vec<Listed> {
    let Some(extracted) = workbench.documents().get(document) else { return Vec::new() };
    let rules = workbench.extractor().rules();
    let rank = |concept: &str| rules.concepts.iter().position(|c| c.name == concept).unwrap_or(usize::MAX);
    let mut order: Vec<usize> = (0..extracted.facts.len()).collect();
    order.sort_by_key(|&i| {
        let f = &extracted.facts[i];
        (
            rank(&f.concept),
            &f.concept,
            std::cmp::Reverse(f.period.end()),
            f.period.months(),
            &f.dimensions,
            std::cmp::Reverse(Authority::of(f)),
            f.rounding,
        )
    });
    let same = |a: &Fact, b: &Fact| a.concept == b.concept && a.period == b.period && a.dimensions == b.dimensions;
    let mut rows: Vec<Listed> = Vec::new();
    for i in order {
        match rows.last_mut() {
            Some(row) if same(&extracted.facts[row.lead], &extracted.facts[i]) => row.others.push(i),
            _ => rows.push(Listed { lead: i, others: Vec::new() }),
        }
    }
    rows
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
    view.refresh(workbench, document);
    let order = view.leads();
    let order = order.as_slice();
    let rules = workbench.extractor().rules();
    if order.is_empty() {
        ui.weak("No financial fields were found in this filing.");
    }
    keyboard(ui, workbench, view, edit, actions);
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
        if let Some(&row) = workbench.selected_fact.and_then(|f| view.row_of.get(&f)) {
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
                let others = view.others_of(index);
                let selected = workbench.selected_fact;
                row.set_selected(selected == Some(index) || selected.is_some_and(|f| others.contains(&f)));
                let title = rules.concept(&fact.concept).map_or(fact.concept.as_str(), |r| r.title.as_str());
                let correction = workbench.correction_of(here);
                row.col(|ui| {
                    let part = fact.dimensions.iter().map(|(_, member)| member_name(member)).collect::<Vec<_>>();
                    let title = match part.is_empty() {
                        true => title.to_owned(),
                        false => format!("{title} · {}", part.join(", ")),
                    };
                    let axes =
                        fact.dimensions.iter().map(|(axis, member)| format!("\n{axis} = {member}")).collect::<String>();
                    ui.label(title).on_hover_text(format!("{}\n{}{axes}", fact.label, fact.concept));
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
                row.col(|ui| marks_ui(ui, workbench, here, others));
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
        let lead = view.row_of.get(&selected.fact).map(|&row| view.rows[row].lead);
        let listed_with: Vec<usize> = lead
            .into_iter()
            .chain(view.others_of(selected.fact).iter().copied())
            .filter(|&f| f != selected.fact)
            .collect();
        details_ui(ui, workbench, selected, &listed_with, edit, actions);
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

fn marks_ui(ui: &mut egui::Ui, workbench: &Workbench, here: FactRef, others: &[usize]) {
    let Some(fact) = workbench.fact(here) else { return };
    let places: Vec<String> = std::iter::once(here.fact)
        .chain(others.iter().copied())
        .filter_map(|i| workbench.fact(FactRef { document: here.document, fact: i }))
        .map(|f| format!("{} {}", f.signed_text(), f.place()))
        .collect();
    let sources = match others.len() {
        0 => fact.origin.label().to_owned(),
        n => format!("{} +{n}", fact.origin.label()),
    };
    ui.weak(sources).on_hover_text(places.join("\n"));
    let disagree = others
        .iter()
        .filter_map(|&i| workbench.fact(FactRef { document: here.document, fact: i }))
        .any(|o| !crate::amount::agree(o.value, o.rounding, fact.value, fact.rounding));
    if let Some(correction) = workbench.correction_of(here) {
        let mark = if workbench.needs_review(correction) { "corrected, review" } else { "corrected" };
        ui.colored_label(CORRECTED, mark).on_hover_text("corrected by hand");
    } else if disagree {
        ui.colored_label(CONFLICT, "differs")
            .on_hover_text(format!("this filing states it differently:\n{}", places.join("\n")));
    } else {
        match point_of(workbench, here) {
            Some(point) if point.status == Status::Conflict => {
                ui.colored_label(CONFLICT, "conflict")
                    .on_hover_text("sources of the same rank in one filing state a different value for this quarter");
            }
            Some(point) if point.status == Status::Restated => {
                let first = point.first_reported.as_ref().map_or(String::new(), |f| {
                    let from = f.sources.first().map_or(String::new(), |s| format!(" in {}", s.document));
                    format!("first reported as {}{from}; ", filing_style(f.value, fact.scale))
                });
                ui.colored_label(RESTATED, "restated")
                    .on_hover_text(format!("{first}the latest filing gives {}", filing_style(point.value, fact.scale)));
            }
            _ => {}
        }
    }
}

/// The quarterly point this fact feeds, if it feeds one: the point its
/// document and figure are a source of, else the point of its period.
fn point_of(workbench: &Workbench, here: FactRef) -> Option<&Point> {
    let key = workbench.key_of(here)?;
    let fact = workbench.fact(here)?;
    let document = &workbench.documents()[here.document].document.name;
    let series = workbench.series().iter().find(|s| s.company_key == key.company && s.concept == key.concept)?;
    let is_source = |p: &&Point| p.sources.iter().any(|s| &s.document == document && s.span == fact.span);
    series.points.iter().find(is_source).or_else(|| series.points.iter().find(|p| p.period == key.period))
}

/// A dimension member without its namespace and "Member" ("us-gaap:
/// ProductMember" → "Product").
fn member_name(member: &str) -> &str {
    let local = member.rsplit(':').next().unwrap_or(member);
    local.strip_suffix("Member").filter(|s| !s.is_empty()).unwrap_or(local)
}

/// The selected fact's provenance, its correction, and the document's
/// other statements of the same figure (each selects itself when clicked).
fn details_ui(
    ui: &mut egui::Ui,
    workbench: &Workbench,
    here: FactRef,
    also: &[usize],
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
        ui.label(format!("Printed {} {} of {}", fact.text, fact.place(), document.name));
        if !fact.column.is_empty() {
            ui.weak(format!("Column: {}", fact.column));
        }
        if let Some(note) = &fact.note {
            ui.weak(note);
        }
        for &other in also {
            let Some(stated) = workbench.fact(FactRef { document: here.document, fact: other }) else { continue };
            let text = format!("Also {} {}", stated.signed_text(), stated.place());
            if ui.link(text).on_hover_text("Show it in the filing").clicked() {
                actions.push(Action::SelectFact(FactRef { document: here.document, fact: other }));
            }
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
fn keyboard(
    ui: &mut egui::Ui,
    workbench: &Workbench,
    view: &FieldsView,
    edit: &Option<Edit>,
    actions: &mut Vec<Action>,
) {
    if edit.is_some() || ui.ctx().text_edit_focused() {
        return;
    }
    let Some(document) = workbench.selected_document else { return };
    let order = view.leads();
    let position = workbench.selected_fact.and_then(|f| view.row_of.get(&f).copied());
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
