//! The workspace file: which filings are open and the corrections made,
//! saved after every change and restored at the next start. A colleague can
//! open a saved workspace: paths under the workspace's own folder are kept
//! relative to it. A workspace that cannot be read is set aside untouched
//! and the program starts anyway; entries that cannot be taken in (a path
//! that climbs out of the workspace's folder or names a device, a value no
//! filing states) are left out, each with its reason, and the rest loads.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::ingest::read::{kind_of, read_regular_file, ReadError};
use crate::ledger::{Correction, Corrections};

pub const VERSION: u32 = 1;

/// Workspaces larger than this are not read: a few hundred thousand files
/// and corrections fit in far less.
const MAX_WORKSPACE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub version: u32,
    /// Open filings, in the order they were opened.
    pub files: Vec<PathBuf>,
    pub corrections: Corrections,
    #[serde(default)]
    pub recent: Vec<PathBuf>,
    /// Charted concepts the analyst turned off.
    #[serde(default)]
    pub hidden_series: Vec<String>,
    /// The chart names quarters by calendar quarter.
    #[serde(default)]
    pub calendar_quarters: bool,
    /// The chart draws restated quarters as first reported.
    #[serde(default)]
    pub as_first_reported: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("{path}: the workspace cannot be read: {reason}")]
pub struct WorkspaceError {
    pub path: PathBuf,
    pub reason: String,
}

/// A workspace as read, with the entries that were left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub workspace: Workspace,
    pub refused: Vec<Refused>,
}

/// An entry of a workspace file that was not taken in, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// The entry as the analyst would know it: a path, or a correction.
    pub entry: String,
    pub reason: String,
    /// A file the workspace lists, when the entry is one.
    pub file: Option<PathBuf>,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.entry, self.reason)
    }
}

/// The workspace file as written, each list entry still unchecked.
#[derive(Deserialize)]
struct Unchecked {
    version: u32,
    files: Vec<Value>,
    corrections: UncheckedCorrections,
    #[serde(default)]
    recent: Vec<Value>,
    #[serde(default)]
    hidden_series: Vec<Value>,
    #[serde(default)]
    calendar_quarters: Value,
    #[serde(default)]
    as_first_reported: Value,
}

/// Corrections are read each from its own text, as a whole workspace
/// would read them, so large numbers keep their precision.
#[derive(Deserialize)]
struct UncheckedCorrections {
    entries: Vec<Box<RawValue>>,
}

/// Where the workspace is kept between runs: `$EXHIBIT_WORKSPACE`, else
/// the user's data folder.
pub fn default_path() -> PathBuf {
    if let Some(path) = std::env::var_os("EXHIBIT_WORKSPACE") {
        return PathBuf::from(path);
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
        .unwrap_or_else(std::env::temp_dir);
    data.join("exhibit").join("workspace.json")
}

impl Workspace {
    /// Writes the workspace atomically, with paths relative to its folder
    /// where the filings lie under it.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let folder = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder)?;
        let mut portable = self.clone();
        let relative = |p: &PathBuf| p.strip_prefix(folder).map(Path::to_path_buf).unwrap_or_else(|_| p.clone());
        portable.files = self.files.iter().map(relative).collect();
        portable.recent = self.recent.iter().map(relative).collect();
        let json = serde_json::to_vec_pretty(&portable).map_err(std::io::Error::other)?;
        crate::atomic::write(path, &json)
    }

    /// Reads a workspace: `Ok(None)` when there is none yet. Entries that
    /// cannot be taken in are left out of the workspace and listed.
    pub fn load(path: &Path) -> Result<Option<Loaded>, WorkspaceError> {
        let error = |reason: String| WorkspaceError { path: path.to_owned(), reason };
        let bytes = match read_regular_file(path, MAX_WORKSPACE_BYTES) {
            Ok(bytes) => bytes,
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(error(e.to_string())),
        };
        let unchecked: Unchecked = serde_json::from_slice(&bytes).map_err(|e| error(e.to_string()))?;
        if unchecked.version > VERSION {
            return Err(error(format!("it was written by a newer Exhibit (version {})", unchecked.version)));
        }
        let folder = path.parent().unwrap_or(Path::new("."));
        let mut refused = Vec::new();
        let files = paths(&unchecked.files, folder, "file", &mut refused);
        let recent = paths(&unchecked.recent, folder, "recent file", &mut refused);
        let corrections = corrections(unchecked.corrections.entries, &mut refused);
        let mut hidden_series = Vec::new();
        for (i, entry) in unchecked.hidden_series.into_iter().enumerate() {
            match entry {
                Value::String(concept) => hidden_series.push(concept),
                other => refused.push(Refused {
                    entry: format!("hidden series {}", i + 1),
                    reason: format!("{other} is not the name of a concept"),
                    file: None,
                }),
            }
        }
        let calendar_quarters = switch(unchecked.calendar_quarters, "calendar quarters", &mut refused);
        let as_first_reported = switch(unchecked.as_first_reported, "as first reported", &mut refused);
        let workspace = Workspace {
            version: VERSION,
            files,
            corrections,
            recent,
            hidden_series,
            calendar_quarters,
            as_first_reported,
        };
        Ok(Some(Loaded { workspace, refused }))
    }
}

/// A chart switch: absent is off; anything but true or false is refused.
fn switch(entry: Value, what: &str, refused: &mut Vec<Refused>) -> bool {
    match entry {
        Value::Null => false,
        Value::Bool(on) => on,
        other => {
            refused.push(Refused {
                entry: what.to_owned(),
                reason: format!("{other} is not true or false"),
                file: None,
            });
            false
        }
    }
}

/// The paths of a list, made absolute; those refused are listed instead.
fn paths(entries: &[Value], folder: &Path, what: &str, refused: &mut Vec<Refused>) -> Vec<PathBuf> {
    let mut kept = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let Value::String(text) = entry else {
            let reason = format!("{entry} is not a path");
            refused.push(Refused { entry: format!("{what} {}", i + 1), reason, file: None });
            continue;
        };
        match resolve(folder, Path::new(text)) {
            Ok(path) => kept.push(path),
            Err(reason) => refused.push(Refused { entry: text.clone(), reason, file: Some(PathBuf::from(text)) }),
        }
    }
    kept
}

/// A path of the workspace as the file it names: a relative path within
/// the workspace's folder, an absolute one anywhere; either way a regular
/// file if it exists (a missing one is kept: its drive may be unmounted).
fn resolve(folder: &Path, entry: &Path) -> Result<PathBuf, String> {
    let path = if entry.is_absolute() {
        entry.to_owned()
    } else {
        let mut depth = 0usize;
        for component in entry.components() {
            match component {
                Component::Normal(_) => depth += 1,
                Component::CurDir => {}
                Component::ParentDir => {
                    depth = depth.checked_sub(1).ok_or("its path leaves the workspace's folder")?;
                }
                Component::RootDir | Component::Prefix(_) => {
                    return Err("its path is neither relative nor absolute".into())
                }
            }
        }
        if depth == 0 {
            return Err("it names no file".into());
        }
        folder.join(entry)
    };
    match std::fs::metadata(&path) {
        Ok(metadata) if !metadata.is_file() => Err(format!("not a regular file ({})", kind_of(metadata.file_type()))),
        _ => Ok(path),
    }
}

/// The corrections that can be taken in, the first of each figure.
fn corrections(entries: Vec<Box<RawValue>>, refused: &mut Vec<Refused>) -> Corrections {
    let mut kept: Vec<Correction> = Vec::new();
    let mut keys = std::collections::HashSet::new();
    for (i, entry) in entries.into_iter().enumerate() {
        let number = format!("correction {}", i + 1);
        let correction: Correction = match serde_json::from_str(entry.get()) {
            Ok(correction) => correction,
            Err(e) => {
                refused.push(Refused { entry: number, reason: format!("it cannot be read: {e}"), file: None });
                continue;
            }
        };
        let entry =
            format!("{number} ({} of {}, {})", correction.key.concept, correction.key.company, correction.key.period);
        let problem = correction.problem().or_else(|| {
            (!keys.insert(correction.key.clone())).then(|| "the same figure was corrected before it".into())
        });
        match problem {
            Some(reason) => refused.push(Refused { entry, reason, file: None }),
            None => kept.push(correction),
        }
    }
    kept.into_iter().collect()
}

/// Moves an unreadable workspace aside, content untouched, so that the next
/// save does not overwrite it; returns where it now is.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let aside = free_name_beside(path, "unreadable")?;
    std::fs::rename(path, &aside)?;
    Ok(aside)
}

/// Copies a workspace some of whose entries were left out, so that they
/// are kept as they were; returns where the copy is.
pub fn keep_copy(path: &Path) -> std::io::Result<PathBuf> {
    let copy = free_name_beside(path, "entries-left-out")?;
    let bytes = std::fs::read(path)?;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&copy)?;
    std::io::Write::write_all(&mut file, &bytes)?;
    file.sync_all()?;
    Ok(copy)
}

/// `NAME.WHY-TIME` beside the file, with a number added if that is taken.
fn free_name_beside(path: &Path, why: &str) -> std::io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let name = path.file_name().map_or_else(|| "workspace.json".into(), |n| n.to_string_lossy().into_owned());
    (1..1000)
        .map(|n| match n {
            1 => path.with_file_name(format!("{name}.{why}-{stamp}")),
            n => path.with_file_name(format!("{name}.{why}-{stamp}-{n}")),
        })
        .find(|candidate| !candidate.exists())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::AlreadyExists, "no free name beside it"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_under_the_workspace_folder_travel_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.json");
        let workspace = Workspace {
            version: VERSION,
            files: vec![dir.path().join("filings/q2.txt"), PathBuf::from("/elsewhere/q1.txt")],
            ..Workspace::default()
        };
        workspace.save(&path).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains("\"filings/q2.txt\""), "{written}");
        assert_eq!(Workspace::load(&path).unwrap(), Some(Loaded { workspace, refused: Vec::new() }));
    }

    #[test]
    fn a_missing_workspace_is_none_and_a_broken_one_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("workspace.json");
        assert_eq!(Workspace::load(&path).unwrap(), None);
        std::fs::write(&path, "{ not json").unwrap();
        let error = Workspace::load(&path).unwrap_err();
        assert!(error.to_string().starts_with(&path.display().to_string()), "{error}");
        let aside = set_aside(&path).unwrap();
        assert_eq!(std::fs::read_to_string(aside).unwrap(), "{ not json");
        assert!(!path.exists());
    }

    #[test]
    fn a_relative_path_may_not_leave_the_folder_and_only_regular_files_are_taken() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        std::fs::create_dir(folder.join("filings")).unwrap();
        let resolve = |p: &str| super::resolve(folder, Path::new(p));
        assert_eq!(resolve("filings/q2.txt"), Ok(folder.join("filings/q2.txt")), "missing files are kept");
        assert_eq!(resolve("filings/../q2.txt"), Ok(folder.join("filings/../q2.txt")));
        assert_eq!(resolve("../../../../etc/passwd"), Err("its path leaves the workspace's folder".into()));
        assert_eq!(resolve("filings/../../q2.txt"), Err("its path leaves the workspace's folder".into()));
        assert_eq!(resolve("."), Err("it names no file".into()));
        assert_eq!(resolve("filings"), Err("not a regular file (a folder)".into()));
        let outside = folder.join("filings").display().to_string();
        assert_eq!(resolve(&outside), Err("not a regular file (a folder)".into()), "absolute, to a folder");
        assert_eq!(resolve("/nowhere/q2.txt"), Ok(PathBuf::from("/nowhere/q2.txt")), "absolute, missing: kept");
    }

    #[test]
    fn the_first_correction_of_a_figure_is_kept_and_later_ones_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("workspace.json");
        let correction = |value: &str, start: &str| {
            format!(
                r#"{{"key": {{"company": "epicept", "concept": "NetIncomeLoss", "period": {{"start": "{start}", "end": "2006-06-30"}}}}, "value": {value}, "at": "2024-01-01T00:00:00Z"}}"#
            )
        };
        let entries =
            [correction("-7400000", "2006-04-01"), correction("-7500000", "2006-04-01"), correction("1", "2006-07-01")];
        std::fs::write(
            &path,
            format!(r#"{{"version": 1, "files": [], "corrections": {{"entries": [{}]}}}}"#, entries.join(",")),
        )
        .unwrap();
        let loaded = Workspace::load(&path).unwrap().unwrap();
        assert_eq!(
            loaded.workspace.corrections.iter().map(|c| c.value).collect::<Vec<_>>(),
            [rust_decimal::Decimal::from(-7_400_000)]
        );
        let reasons: Vec<&str> = loaded.refused.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "the same figure was corrected before it",
                "its period 2006-07-01 – 2006-06-30 is not one a filing reports"
            ]
        );
    }
}
