//! The workbench window. Panels draw the [`Workbench`] and emit
//! [`Action`]s; `apply` carries them out in one place at the end of the
//! frame. Loading, extraction and file dialogs run off the UI thread and
//! report back over channels. The workspace is saved after every change,
//! whether or not files are still loading; when it cannot be (another
//! window holds it, or it could not be set aside), a banner says why.

pub mod action;
mod chart_view;
mod dialogs;
mod fields;
mod filings;
mod loader;
mod menu;
mod samples;
mod text_view;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};

pub use action::Action;
use dialogs::{Dialog, Dialogs};
pub use fields::Edit;
use fields::FieldsView;
use loader::Loader;
use text_view::TextView;

use crate::chart::ChartModel;
use crate::extract::Extractor;
use crate::format::filing_style;
use crate::ledger::corrections::value_problem;
use crate::report::Report;
use crate::workbench::workspace::{self, Refused, Workspace};
use crate::workbench::workspace_file::{Opened, Saving, WorkspaceFile};
use crate::workbench::{entry, Workbench};

/// How the window starts.
#[derive(Clone)]
pub struct AppOptions {
    /// Filings named on the command line.
    pub files: Vec<PathBuf>,
    /// Where the workspace is kept between runs.
    pub workspace: PathBuf,
    /// The label rules extraction uses.
    pub extractor: &'static Extractor,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions { files: Vec::new(), workspace: workspace::default_path(), extractor: Extractor::builtin() }
    }
}

/// The chart models of one company at one workbench revision: what is
/// drawn, and every series (for the legend's switches).
struct ChartCache {
    key: (u64, String),
    shown: Option<ChartModel>,
    everything: Option<ChartModel>,
}

/// A line in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

pub struct ExhibitApp {
    workbench: Workbench,
    loader: Loader,
    dialogs: Dialogs,
    action_receiver: Receiver<Action>,
    pending: Vec<Action>,
    edit: Option<Edit>,
    text_view: TextView,
    fields_view: FieldsView,
    filings_view: filings::FilingsView,
    messages: Vec<Message>,
    workspace_file: WorkspaceFile,
    /// What the analyst should know about the workspace file, shown in a
    /// banner until dismissed (the status bar shows only the last message).
    notices: Vec<String>,
    /// Whether this window holds changes its workspace file does not.
    unsaved: bool,
    chart: Option<ChartCache>,
    /// The workbench revision the workspace was last compared at.
    autosaved_revision: Option<u64>,
    scroll_fields: bool,
    /// Set once the analyst picks a filing; until then the latest filing
    /// with figures is shown as files arrive.
    user_selected: bool,
    repaint: egui::Context,
}

impl ExhibitApp {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> ExhibitApp {
        cc.egui_ctx.set_theme(egui::Theme::Light);
        let (action_sender, action_receiver) = channel();
        let Opened { file, workspace, refused, notices } = WorkspaceFile::open(&options.workspace);
        let mut app = ExhibitApp {
            workbench: Workbench::new(options.extractor),
            loader: Loader::default(),
            dialogs: Dialogs::new(action_sender, cc.egui_ctx.clone()),
            action_receiver,
            pending: Vec::new(),
            edit: None,
            text_view: TextView::default(),
            fields_view: FieldsView::default(),
            filings_view: filings::FilingsView::default(),
            messages: Vec::new(),
            workspace_file: file,
            notices,
            unsaved: false,
            chart: None,
            autosaved_revision: None,
            scroll_fields: false,
            user_selected: false,
            repaint: cc.egui_ctx.clone(),
        };
        let mut files = app.adopt(workspace, &refused);
        for file in options.files {
            if !files.contains(&file) {
                files.push(file);
            }
        }
        app.load(files);
        app
    }

    /// Takes in what a workspace file held; returns the files it lists.
    fn adopt(&mut self, workspace: Option<Workspace>, refused: &[Refused]) -> Vec<PathBuf> {
        self.workbench.refuse(refused);
        match workspace {
            Some(workspace) => {
                self.workbench.adopt(&workspace);
                workspace.files
            }
            None => Vec::new(),
        }
    }

    pub fn workbench(&self) -> &Workbench {
        &self.workbench
    }

    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// What the workspace banner says: why nothing is saved, if so, then
    /// the notices about the workspace file.
    pub fn banner(&self) -> Vec<String> {
        let off = match self.workspace_file.saving() {
            Saving::Off(reason) => Some(reason.clone()),
            Saving::On => None,
        };
        off.into_iter().chain(self.notices.iter().cloned()).collect()
    }

    pub fn edit(&self) -> Option<&Edit> {
        self.edit.as_ref()
    }

    pub fn is_loading(&self) -> bool {
        !self.loader.is_idle()
    }

    /// Queues an action, as a panel would; it is applied after the next frame.
    pub fn queue(&mut self, action: Action) {
        self.pending.push(action);
    }

    /// The characters the text view highlights as the selected value.
    pub fn selected_text(&self) -> Option<&str> {
        let selected = self.workbench.selected()?;
        let fact = self.workbench.fact(selected)?;
        self.workbench.documents()[selected.document].document.text.get(fact.span[0]..fact.span[1])
    }

    /// The chart of the selected company, as drawn and as saved.
    pub fn chart_model(&mut self) -> Option<&ChartModel> {
        self.refresh_chart();
        self.chart.as_ref().and_then(|c| c.shown.as_ref())
    }

    /// Rebuilds the chart models when the workbench or the company changed.
    fn refresh_chart(&mut self) {
        let Some(company) = self.workbench.selected_company() else {
            self.chart = None;
            return;
        };
        let key = (self.workbench.revision(), company);
        if self.chart.as_ref().map(|c| &c.key) == Some(&key) {
            return;
        }
        let workbench = &self.workbench;
        let rules = workbench.extractor().rules();
        let options = workbench.chart_options;
        let shown = ChartModel::build(workbench.series(), &key.1, rules, &|c| workbench.is_shown(c), options);
        let everything = ChartModel::build(workbench.series(), &key.1, rules, &|_| true, options);
        self.chart = Some(ChartCache { key, shown, everything });
    }

    fn info(&mut self, text: impl Into<String>) {
        self.messages.push(Message { text: text.into(), is_error: false });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.messages.push(Message { text: text.into(), is_error: true });
    }

    /// Loads files in the background. Paths are made absolute first, so a
    /// file named relative to the current folder is found again next time.
    fn load(&mut self, paths: Vec<PathBuf>) {
        let paths: Vec<PathBuf> = paths.into_iter().map(|p| std::path::absolute(&p).unwrap_or(p)).collect();
        self.workbench.expect(&paths);
        self.loader.start(paths, self.workbench.extractor(), self.repaint.clone());
    }

    fn poll_background(&mut self) {
        let arrived = self.loader.poll();
        if !arrived.is_empty() {
            self.workbench.add_loaded(arrived);
            if !self.user_selected {
                self.workbench.select_latest_with_facts();
            }
        }
        if !self.loader.is_idle() {
            // Results wake the window; a file that takes long does not.
            self.repaint.request_repaint_after(std::time::Duration::from_secs(1));
        }
        while let Ok(action) = self.action_receiver.try_recv() {
            self.pending.push(action);
        }
    }

    /// Carries out the actions of this frame, in order.
    fn apply_pending(&mut self) {
        for action in std::mem::take(&mut self.pending) {
            self.apply(action);
        }
        self.autosave();
    }

    fn start_dir(&self) -> Option<PathBuf> {
        self.workbench.recent().first().and_then(|p| p.parent()).map(Path::to_path_buf)
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::OpenDialog => self.dialogs.show(Dialog::OpenFilings, self.start_dir()),
            Action::OpenPaths(paths) => self.load(paths),
            Action::OpenSamples => match samples::sample_paths() {
                Ok(paths) => self.load(paths),
                Err(e) => self.error(format!("The samples could not be prepared: {e}")),
            },
            Action::CloseFile(path) => {
                self.edit = None;
                self.workbench.close_file(&path);
            }
            Action::SelectDocument(document) => {
                self.edit = None;
                self.user_selected = true;
                self.workbench.select_document(document);
            }
            Action::SelectFact(fact) => {
                if self.edit.as_ref().is_some_and(|e| e.fact != fact) {
                    self.edit = None;
                }
                self.workbench.select_fact(fact);
                self.user_selected = true;
                if let Some(found) = self.workbench.fact(fact) {
                    self.text_view.reveal(found.span[0]);
                    self.scroll_fields = true;
                }
            }
            Action::BeginEdit(fact) => {
                let (Some(found), Some(value)) = (self.workbench.fact(fact), self.workbench.value_of(fact)) else {
                    return;
                };
                let entry = filing_style(value, found.scale);
                let note = self.workbench.correction_of(fact).and_then(|c| c.note.clone()).unwrap_or_default();
                self.apply(Action::SelectFact(fact));
                self.edit = Some(Edit { fact, entry, note, error: None, focus: true });
            }
            Action::CommitEdit { fact, entry, note } => self.commit(fact, &entry, note),
            Action::CancelEdit => self.edit = None,
            Action::Revert(fact) => {
                if self.workbench.revert(fact) {
                    self.info("Reverted to the filing's value (Ctrl+Z to undo).");
                }
            }
            Action::Undo => {
                if !self.workbench.undo() {
                    self.info("Nothing to undo.");
                }
            }
            Action::Redo => {
                if !self.workbench.redo() {
                    self.info("Nothing to redo.");
                }
            }
            Action::ToggleSeries(concept) => self.workbench.toggle_series(&concept),
            Action::ToggleCalendarQuarters => self.workbench.toggle_calendar_quarters(),
            Action::ToggleFirstReported => self.workbench.toggle_as_first_reported(),
            Action::SaveChartDialog => {
                if self.chart_model().is_some() {
                    self.dialogs.show(Dialog::SaveChart, self.start_dir());
                } else {
                    self.error("There is no chart to save: open a filing with financial statements first.");
                }
            }
            Action::SaveChart(path) => self.save_chart(&path),
            Action::SaveWorkspaceDialog => self.dialogs.show(Dialog::SaveWorkspace, self.start_dir()),
            Action::SaveWorkspace(path) => match self.workspace_file.save_as(&path, &self.workbench.workspace()) {
                Ok(done) => {
                    self.info(done);
                    self.autosaved_revision = None;
                }
                Err(e) => self.error(e),
            },
            Action::OpenWorkspaceDialog => self.dialogs.show(Dialog::OpenWorkspace, self.start_dir()),
            Action::OpenWorkspace(path) => self.open_workspace(&path),
            Action::ExportSeriesDialog => self.dialogs.show(Dialog::ExportSeries, self.start_dir()),
            Action::ExportFactsDialog => self.dialogs.show(Dialog::ExportFacts, self.start_dir()),
            Action::ExportSeries(path) => self.export(&path, true),
            Action::ExportFacts(path) => self.export(&path, false),
            Action::DismissMessages => {
                self.messages.clear();
                self.workbench.dismiss_failures();
            }
            Action::DismissNotices => self.notices.clear(),
        }
    }

    fn commit(&mut self, fact: crate::workbench::FactRef, entry_text: &str, note: String) {
        let Some(found) = self.workbench.fact(fact) else { return };
        let current = self.workbench.value_of(fact).unwrap_or(found.value);
        let parsed = entry::parse_entry(entry_text, found.scale, current)
            .map_err(|e| e.to_string())
            .and_then(|value| value_problem(value).map_or(Ok(value), Err));
        match parsed {
            Ok(value) => {
                let note = Some(note.trim().to_owned()).filter(|n| !n.is_empty());
                self.workbench.correct(fact, value, note);
                self.edit = None;
                self.info("Corrected; the chart follows (Ctrl+Z to undo).");
            }
            Err(error) => {
                let edit = self.edit.get_or_insert(Edit {
                    fact,
                    entry: entry_text.to_owned(),
                    note,
                    error: None,
                    focus: true,
                });
                edit.error = Some(error);
                edit.focus = true;
            }
        }
    }

    fn save_chart(&mut self, path: &Path) {
        let Some(model) = self.chart_model().cloned() else {
            self.error("There is no chart to save: open a filing with financial statements first.");
            return;
        };
        match crate::chart::image::save(&model, path, crate::chart::image::DEFAULT_SIZE) {
            Ok(()) => self.info(format!("Chart saved as {}.", path.display())),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Makes another file this window's workspace: what it lists opens,
    /// and changes are saved to it from now on.
    fn open_workspace(&mut self, path: &Path) {
        if !path.is_file() {
            self.error(format!("{}: no such workspace", path.display()));
            return;
        }
        self.edit = None;
        self.workbench.clear();
        self.workspace_file.close();
        let Opened { file, workspace, refused, notices } = WorkspaceFile::open(path);
        self.workspace_file = file;
        self.notices = notices;
        let files = self.adopt(workspace, &refused);
        self.load(files);
        self.autosaved_revision = None;
        self.info(format!("Opened workspace {}.", path.display()));
    }

    fn export(&mut self, path: &Path, series: bool) {
        let workbench = &self.workbench;
        let report = Report::of_documents(workbench.documents(), workbench.series(), workbench.checks());
        let mut bytes = Vec::new();
        let written = if series { report.write_series_csv(&mut bytes) } else { report.write_csv(&mut bytes) };
        let result = written
            .map_err(|e| e.to_string())
            .and_then(|()| crate::atomic::write(path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => self.info(format!("Exported {}.", path.display())),
            Err(e) => self.error(format!("{}: could not be exported: {e}", path.display())),
        }
    }

    /// Saves the workspace if it changed; compares only when the workbench
    /// has changed since the last look, not every frame.
    fn autosave(&mut self) {
        if self.autosaved_revision == Some(self.workbench.revision()) {
            return;
        }
        self.autosaved_revision = Some(self.workbench.revision());
        let workspace = self.workbench.workspace();
        if let Err(e) = self.workspace_file.save(&workspace) {
            self.error(e);
        }
        self.unsaved = self.workspace_file.is_unsaved(&workspace);
    }

    /// Why the workspace is not saved, and what happened to its file, in a
    /// band under the menu that stays until dealt with.
    fn banner_ui(&mut self, ui: &mut egui::Ui) {
        let off = match self.workspace_file.saving() {
            Saving::Off(reason) => Some(reason.clone()),
            Saving::On => None,
        };
        if off.is_none() && self.notices.is_empty() {
            return;
        }
        let fill =
            if off.is_some() { egui::Color32::from_rgb(253, 226, 222) } else { egui::Color32::from_rgb(255, 243, 205) };
        let frame = egui::Frame::new().fill(fill).inner_margin(egui::Margin::symmetric(10, 6));
        egui::Panel::top("workspace-banner").frame(frame).show(ui, |ui| {
            if let Some(reason) = off {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(egui::Color32::from_rgb(150, 20, 10), egui::RichText::new(reason).strong());
                    if self.unsaved {
                        ui.label("Changes made in this window are not saved.");
                    }
                    if ui.button("Save workspace as…").clicked() {
                        self.pending.push(Action::SaveWorkspaceDialog);
                    }
                });
            }
            for notice in &self.notices {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(egui::Color32::from_rgb(110, 70, 0), notice);
                });
            }
            if !self.notices.is_empty() && ui.small_button("Dismiss").clicked() {
                self.pending.push(Action::DismissNotices);
            }
        });
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx
            .input_mut(|i| std::mem::take(&mut i.raw.dropped_files))
            .into_iter()
            .map(|f| f.path().to_path_buf())
            .collect();
        if !dropped.is_empty() {
            self.pending.push(Action::OpenPaths(dropped));
        }
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let painter =
                ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop-files")));
            let screen = ctx.content_rect();
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(150));
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                "Drop filings to open them",
                egui::FontId::proportional(26.0),
                egui::Color32::WHITE,
            );
        }
    }

    fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some((done, total)) = self.loader.progress() {
                ui.spinner();
                ui.add(
                    egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                        .desired_width(140.0)
                        .text(format!("{done} of {total} files")),
                );
                if let Some((path, waited)) = self.loader.slowest() {
                    ui.weak(format!("still reading {} ({} s)", path.display(), waited.as_secs()));
                }
            }
            let documents = self.workbench.documents().len();
            let corrections = self.workbench.corrections().count();
            ui.label(format!("{} · {}", counted(documents, "document"), counted(corrections, "correction")));
            let failing: Vec<String> =
                self.workbench.checks().iter().filter(|c| !c.passes).map(|c| c.description.clone()).collect();
            let checks = self.workbench.checks().len();
            if failing.is_empty() {
                match checks {
                    0 => {}
                    1 => _ = ui.weak("· the check adds up"),
                    n => _ = ui.weak(format!("· {n} checks add up")),
                }
            } else {
                let verb = if failing.len() == 1 { "fails" } else { "fail" };
                ui.colored_label(ui.visuals().warn_fg_color, format!("· {} of {checks} checks {verb}", failing.len()))
                    .on_hover_text(failing.join("\n"));
            }
            if let Some(message) = self.messages.last() {
                ui.separator();
                let color = if message.is_error { ui.visuals().error_fg_color } else { ui.visuals().text_color() };
                ui.colored_label(color, &message.text);
                if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                    self.pending.push(Action::DismissMessages);
                }
            }
        });
    }

    fn workbench_ui(&mut self, ui: &mut egui::Ui) {
        let mut actions = Vec::new();
        egui::Panel::left("filings").resizable(true).default_size(210.0).min_size(160.0).max_size(360.0).show(
            ui,
            |ui| {
                ui.add_space(4.0);
                filings::filings_ui(ui, &mut self.filings_view, &self.workbench, &mut actions);
            },
        );
        self.refresh_chart();
        egui::Panel::bottom("chart").resizable(true).default_size(330.0).min_size(160.0).max_size(640.0).show(
            ui,
            |ui| {
                ui.add_space(4.0);
                let chart = self.chart.as_ref();
                ui.horizontal_wrapped(|ui| {
                    if let Some(everything) = chart.and_then(|c| c.everything.as_ref()) {
                        chart_view::legend_ui(ui, &self.workbench, everything, &mut actions);
                    }
                    chart_view::options_ui(ui, &self.workbench, &mut actions);
                    if ui.button("Save chart image…").on_hover_text("PNG or SVG, 1600×900 (Ctrl+S)").clicked() {
                        actions.push(Action::SaveChartDialog);
                    }
                });
                match chart.and_then(|c| c.shown.as_ref()) {
                    Some(model) if !model.series.is_empty() => chart_view::plot_ui(ui, model),
                    _ => {
                        ui.weak("No quarterly figures for this company yet: open its results releases.");
                    }
                }
            },
        );
        let scroll_fields = std::mem::take(&mut self.scroll_fields);
        egui::Panel::right("fields").resizable(true).default_size(470.0).min_size(340.0).max_size(760.0).show(
            ui,
            |ui| {
                ui.add_space(4.0);
                fields::fields_ui(
                    ui,
                    &mut self.fields_view,
                    &self.workbench,
                    &mut self.edit,
                    scroll_fields,
                    &mut actions,
                );
            },
        );
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(index) = self.workbench.selected_document else { return };
            let Some(document) = self.workbench.documents().get(index) else { return };
            ui.horizontal(|ui| {
                ui.strong(&document.document.name);
                if let Some(form) = &document.document.particulars.form {
                    ui.weak(form);
                }
                if ui.small_button("Find…").on_hover_text("Ctrl+F").clicked() {
                    self.text_view.open_search();
                }
            });
            for warning in document.warnings.iter().take(3) {
                ui.colored_label(ui.visuals().warn_fg_color, &warning.message);
            }
            let revision = self.workbench.revision();
            self.text_view.ui(ui, index, revision, document, self.workbench.selected_fact, &mut actions);
        });
        self.pending.extend(actions);
    }
}

impl eframe::App for ExhibitApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.poll_background();
        let ctx = ui.ctx().clone();
        self.dropped_files(&ctx);
        let mut actions = Vec::new();
        menu::shortcuts(ui, &mut actions);
        egui::Panel::top("menu").show(ui, |ui| menu::menu_ui(ui, &self.workbench, &mut actions));
        self.pending.extend(actions);
        self.banner_ui(ui);
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if self.workbench.documents().is_empty() {
            let mut actions = Vec::new();
            egui::CentralPanel::default().show(ui, |ui| {
                if self.is_loading() {
                    ui.centered_and_justified(|ui| ui.spinner());
                } else {
                    filings::start_ui(ui, &self.workbench, &mut actions);
                    filings::failures_ui(ui, &self.workbench, &mut actions);
                }
            });
            self.pending.extend(actions);
        } else {
            self.workbench_ui(ui);
        }
        self.apply_pending();
    }
}

/// "1 document", "3 documents": a count with its noun.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
