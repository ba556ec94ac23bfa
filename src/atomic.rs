//! Atomic file writes: the new content goes to a temporary file beside the
//! target, is flushed to disk, and is renamed over the target, so a crash
//! leaves either the old file or the new one, never half of either. The
//! temporary file is named after its target (`.workspace.json.XXXXXX.saving`)
//! so that one left by a crash can be recognised, and removed, as ours.

use std::io::Write;
use std::path::{Path, PathBuf};

const SUFFIX: &str = ".saving";

pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = tempfile::Builder::new().prefix(&temp_prefix(path)).suffix(SUFFIX).tempfile_in(folder_of(path))?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the temporary files that writes of `path` interrupted by a
/// crash left behind; returns how many. Only call it while no other
/// process may be writing `path`.
pub fn remove_leftovers(path: &Path) -> std::io::Result<usize> {
    let prefix = temp_prefix(path);
    let mut removed = 0;
    for entry in std::fs::read_dir(folder_of(path))? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(SUFFIX) && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// `.NAME.`, with the name cut to 100 characters so that the temporary
/// name stays within what file systems allow when the target's is long.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let name: String = name.chars().take(100).collect();
    format!(".{name}.")
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("workspace.json");
        std::fs::write(&path, "old content that is longer").unwrap();
        super::write(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn leftovers_of_interrupted_writes_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("workspace.json");
        let others = [".workspace.json.lock", ".other.json.a1b2c3.saving", "notes.saving", "workspace.json"];
        for name in [".workspace.json.a1b2c3.saving", ".workspace.json.zz9.saving"].iter().chain(&others) {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(super::remove_leftovers(&path).unwrap(), 2);
        let mut left: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        left.sort();
        let mut expected = others.map(String::from).to_vec();
        expected.sort();
        assert_eq!(left, expected);
    }
}
