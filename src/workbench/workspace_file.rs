//! The workspace file as one window keeps it: read at the start, written
//! after every change, and never written when that could lose work.
//!
//! - A lock file beside it (`.workspace.json.lock`, an OS file lock that is
//!   released when the window closes or crashes) lets one window save to a
//!   workspace; a second window on the same workspace only reads it, and
//!   says so.
//! - A workspace that cannot be read is moved aside before anything is
//!   written; one whose entries were partly left out is copied aside
//!   first. If that fails, nothing is written over it, and saving stays
//!   off until the analyst chooses another file.
//! - Temporary files of saves a crash interrupted are removed, by the
//!   window that holds the lock.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::workspace::{keep_copy, set_aside, Loaded, Refused, Workspace};

/// Refused entries named one by one in a notice; the rest are counted.
const NAMED_REFUSALS: usize = 3;

pub struct WorkspaceFile {
    path: PathBuf,
    /// Held while this window may save to the file.
    _lock: Option<File>,
    saving: Saving,
    /// The workspace as last read or written, to write only on change.
    saved: Option<Workspace>,
}

/// Whether changes are written to the workspace file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saving {
    On,
    /// Nothing is written to the file, for the reason given.
    Off(String),
}

/// What opening a workspace file found.
pub struct Opened {
    pub file: WorkspaceFile,
    pub workspace: Option<Workspace>,
    /// Entries left out of the workspace, each with its reason.
    pub refused: Vec<Refused>,
    /// What the analyst should know about the file, in words.
    pub notices: Vec<String>,
}

enum Lock {
    Held(File),
    HeldElsewhere,
    /// No lock file can be made there (a read-only folder, a file system
    /// without locks); saving is tried all the same and reports its errors.
    Unavailable,
}

impl WorkspaceFile {
    pub fn open(path: &Path) -> Opened {
        let held = match lock(path) {
            Lock::HeldElsewhere => return open_read_only(path),
            Lock::Held(file) => {
                // Only the holder of the lock may be sure no save is under way.
                let _ = crate::atomic::remove_leftovers(path);
                Some(file)
            }
            Lock::Unavailable => None,
        };
        let mut file = WorkspaceFile { path: path.to_owned(), _lock: held, saving: Saving::On, saved: None };
        let mut notices = Vec::new();
        let shown = path.display();
        let choose_another = "So that nothing in it is lost, this window does not save to it: choose another \
                              workspace file with Save workspace as… or Open workspace… (File menu).";
        let (workspace, refused) = match Workspace::load(path) {
            Ok(None) => (None, Vec::new()),
            Ok(Some(Loaded { workspace, refused })) => {
                if !refused.is_empty() {
                    let left_out = describe_refused(path, &refused);
                    match keep_copy(path) {
                        Ok(copy) => {
                            notices.push(format!("{left_out} The file as it was is kept as {}.", copy.display()))
                        }
                        Err(e) => {
                            file.saving =
                                Saving::Off(format!("{left_out} It could not be copied aside ({e}). {choose_another}"))
                        }
                    }
                }
                // Entries left out are written out of the file at the first save.
                file.saved = refused.is_empty().then(|| workspace.clone());
                (Some(workspace), refused)
            }
            Err(error) => {
                match set_aside(path) {
                    Ok(aside) => notices.push(format!(
                        "{error}; it was kept as {}. Starting with an empty workspace.",
                        aside.display()
                    )),
                    Err(e) => {
                        file.saving =
                            Saving::Off(format!("{error}, and it could not be moved aside ({e}). {choose_another}"))
                    }
                }
                (None, Vec::new())
            }
        };
        if file.saving == Saving::On && file._lock.is_none() {
            notices.push(format!(
                "{shown}: no lock could be taken on the workspace, so another window could save over it."
            ));
        }
        Opened { file, workspace, refused, notices }
    }

    /// Lets go of the file: its lock is released and nothing more is
    /// written to it.
    pub fn close(&mut self) {
        self._lock = None;
        self.saving = Saving::Off(format!("This window no longer uses {}.", self.path.display()));
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn saving(&self) -> &Saving {
        &self.saving
    }

    /// Whether the workspace holds work the file does not: other files,
    /// corrections or hidden series (the recent files do not count).
    pub fn is_unsaved(&self, workspace: &Workspace) -> bool {
        let work = |w: &Workspace| (w.files.clone(), w.corrections.clone(), w.hidden_series.clone());
        match &self.saved {
            Some(saved) => work(saved) != work(workspace),
            None => work(workspace) != work(&Workspace::default()),
        }
    }

    /// Writes the workspace if saving is on and it changed; an error is
    /// reported once, not at every change after it.
    pub fn save(&mut self, workspace: &Workspace) -> Result<(), String> {
        if self.saving != Saving::On || self.saved.as_ref() == Some(workspace) {
            return Ok(());
        }
        let written = workspace.save(&self.path);
        self.saved = Some(workspace.clone());
        written.map_err(|e| format!("{}: the workspace could not be saved: {e}", self.path.display()))
    }

    /// Writes the workspace to another file. When this window was not
    /// saving, that file becomes its workspace and saving resumes there.
    /// A file another window holds is not written.
    pub fn save_as(&mut self, path: &Path, workspace: &Workspace) -> Result<String, String> {
        let shown = path.display();
        if same_file(path, &self.path) {
            return match &self.saving {
                Saving::On => self.save(workspace).map(|()| format!("Workspace saved as {shown}.")),
                Saving::Off(_) => Err(format!("{shown} is the file this window does not write; choose another name.")),
            };
        }
        let held = match lock(path) {
            Lock::HeldElsewhere => {
                return Err(format!(
                    "{shown} is open in another Exhibit window, so it was not written; choose another name."
                ))
            }
            Lock::Held(file) => Some(file),
            Lock::Unavailable => None,
        };
        workspace.save(path).map_err(|e| format!("{shown}: the workspace could not be saved: {e}"))?;
        if self.saving == Saving::On {
            return Ok(format!("Workspace saved as {shown}."));
        }
        *self =
            WorkspaceFile { path: path.to_owned(), _lock: held, saving: Saving::On, saved: Some(workspace.clone()) };
        Ok(format!("Workspace saved as {shown}; changes are saved to it from now on."))
    }
}

/// A workspace another window holds: read, never written or moved.
fn open_read_only(path: &Path) -> Opened {
    let mut notices = Vec::new();
    let (workspace, refused) = match Workspace::load(path) {
        Ok(Some(Loaded { workspace, refused })) => (Some(workspace), refused),
        Ok(None) => (None, Vec::new()),
        Err(error) => {
            notices.push(error.to_string());
            (None, Vec::new())
        }
    };
    if !refused.is_empty() {
        notices.push(describe_refused(path, &refused));
    }
    let saving = Saving::Off(format!(
        "{} is open in another Exhibit window, so this window only reads it: what you change here is not saved \
         there. Save workspace as… (File menu) keeps it in a file of its own.",
        path.display()
    ));
    let file = WorkspaceFile { path: path.to_owned(), _lock: None, saving, saved: workspace.clone() };
    Opened { file, workspace, refused, notices }
}

/// "2 entries of workspace.json were left out: …", naming the first few.
fn describe_refused(path: &Path, refused: &[Refused]) -> String {
    let named: Vec<String> = refused.iter().take(NAMED_REFUSALS).map(Refused::to_string).collect();
    let more = match refused.len().saturating_sub(NAMED_REFUSALS) {
        0 => String::new(),
        n => format!("; and {n} more"),
    };
    let entries = if refused.len() == 1 { "1 entry".to_owned() } else { format!("{} entries", refused.len()) };
    format!("{entries} of {} could not be taken in and were left out: {}{more}.", path.display(), named.join("; "))
}

fn lock(path: &Path) -> Lock {
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let lock_path = path.with_file_name(format!(".{name}.lock"));
    if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(folder);
    }
    let Ok(file) = OpenOptions::new().create(true).truncate(false).write(true).open(lock_path) else {
        return Lock::Unavailable;
    };
    match file.try_lock() {
        Ok(()) => Lock::Held(file),
        Err(TryLockError::WouldBlock) => Lock::HeldElsewhere,
        Err(TryLockError::Error(_)) => Lock::Unavailable,
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    absolute(a) == absolute(b)
}
