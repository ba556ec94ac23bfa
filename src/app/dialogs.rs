//! File dialogs. rfd's dialogs block the calling thread, so each runs on a
//! thread of its own and sends its answer back as an action; only one is
//! open at a time.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::Arc;

use super::action::Action;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    OpenFilings,
    OpenWorkspace,
    SaveWorkspace,
    SaveChart,
    ExportSeries,
    ExportFacts,
}

pub struct Dialogs {
    open: Arc<AtomicBool>,
    actions: Sender<Action>,
    repaint: egui::Context,
}

impl Dialogs {
    pub fn new(actions: Sender<Action>, repaint: egui::Context) -> Dialogs {
        Dialogs { open: Arc::new(AtomicBool::new(false)), actions, repaint }
    }

    /// Shows a dialog unless one is already open.
    pub fn show(&self, dialog: Dialog, start_in: Option<PathBuf>) {
        if self.open.swap(true, Ordering::SeqCst) {
            return;
        }
        let open = Arc::clone(&self.open);
        let actions = self.actions.clone();
        let repaint = self.repaint.clone();
        let spawned = std::thread::Builder::new().name("exhibit-dialog".into()).spawn(move || {
            if let Some(action) = ask(dialog, start_in) {
                let _ = actions.send(action);
            }
            open.store(false, Ordering::SeqCst);
            repaint.request_repaint();
        });
        if spawned.is_err() {
            self.open.store(false, Ordering::SeqCst);
        }
    }
}

fn ask(dialog: Dialog, start_in: Option<PathBuf>) -> Option<Action> {
    let mut files = rfd::FileDialog::new();
    if let Some(dir) = start_in {
        files = files.set_directory(dir);
    }
    match dialog {
        Dialog::OpenFilings => files
            .set_title("Open filings")
            .add_filter("Filings (.txt, .htm, .html)", &["txt", "htm", "html"])
            .add_filter("Text filings (.txt)", &["txt"])
            .add_filter("HTML filings (.htm, .html)", &["htm", "html"])
            .add_filter("All files", &["*"])
            .pick_files()
            .map(Action::OpenPaths),
        Dialog::OpenWorkspace => files
            .set_title("Open workspace")
            .add_filter("Exhibit workspace (.json)", &["json"])
            .pick_file()
            .map(Action::OpenWorkspace),
        Dialog::SaveWorkspace => files
            .set_title("Save workspace as")
            .add_filter("Exhibit workspace (.json)", &["json"])
            .set_file_name("workspace.json")
            .save_file()
            .map(Action::SaveWorkspace),
        Dialog::SaveChart => files
            .set_title("Save chart image")
            .add_filter("PNG image", &["png"])
            .add_filter("SVG image", &["svg"])
            .set_file_name("chart.png")
            .save_file()
            .map(Action::SaveChart),
        Dialog::ExportSeries => files
            .set_title("Export quarterly series")
            .add_filter("CSV", &["csv"])
            .set_file_name("series.csv")
            .save_file()
            .map(Action::ExportSeries),
        Dialog::ExportFacts => files
            .set_title("Export facts")
            .add_filter("CSV", &["csv"])
            .set_file_name("facts.csv")
            .save_file()
            .map(Action::ExportFacts),
    }
}
