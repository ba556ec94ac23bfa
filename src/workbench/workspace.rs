//! The workspace file: which filings are open and the corrections made,
//! saved after every change and restored at the next start. A colleague can
//! open a saved workspace: paths under the workspace's own folder are kept
//! relative to it. A workspace that cannot be read is set aside untouched
//! and the program starts anyway.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ledger::Corrections;

pub const VERSION: u32 = 1;

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
}

#[derive(Debug, thiserror::Error)]
#[error("{path}: the workspace cannot be read: {reason}")]
pub struct WorkspaceError {
    pub path: PathBuf,
    pub reason: String,
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

    /// Reads a workspace: `Ok(None)` when there is none yet.
    pub fn load(path: &Path) -> Result<Option<Workspace>, WorkspaceError> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(WorkspaceError { path: path.to_owned(), reason: e.to_string() }),
        };
        let mut workspace: Workspace = serde_json::from_slice(&bytes)
            .map_err(|e| WorkspaceError { path: path.to_owned(), reason: e.to_string() })?;
        if workspace.version > VERSION {
            return Err(WorkspaceError {
                path: path.to_owned(),
                reason: format!("it was written by a newer Exhibit (version {})", workspace.version),
            });
        }
        let folder = path.parent().unwrap_or(Path::new("."));
        let absolute = |p: &PathBuf| if p.is_absolute() { p.clone() } else { folder.join(p) };
        workspace.files = workspace.files.iter().map(absolute).collect();
        workspace.recent = workspace.recent.iter().map(absolute).collect();
        Ok(Some(workspace))
    }
}

/// Moves an unreadable workspace aside, content untouched, so that the next
/// save does not overwrite it; returns where it now is.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let name = path.file_name().map_or_else(|| "workspace.json".into(), |n| n.to_string_lossy().into_owned());
    let aside = path.with_file_name(format!("{name}.unreadable-{stamp}"));
    std::fs::rename(path, &aside)?;
    Ok(aside)
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
        assert_eq!(Workspace::load(&path).unwrap(), Some(workspace));
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
}
