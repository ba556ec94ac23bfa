//! Reading a filing's bytes from disk, bounded. Only regular files are
//! read: a FIFO blocks until someone writes to it and a device such as
//! `/dev/zero` never ends. The file is opened without blocking and judged
//! by what was opened (not by a look at the path first, which the file
//! could change under), and the read stops at the size limit whatever the
//! metadata said, since a file can grow while it is read.

use std::fs::{File, FileType, OpenOptions};
use std::io::Read;
use std::path::Path;

use super::{IngestError, MAX_FILE_BYTES};

/// The whole content of a regular file of at most `MAX_FILE_BYTES`.
pub fn read_filing(path: &Path) -> Result<Vec<u8>, IngestError> {
    read_regular_file(path, MAX_FILE_BYTES).map_err(|error| match error {
        ReadError::Io(source) => IngestError::Unreadable { path: path.to_owned(), source },
        ReadError::NotAFile(kind) => IngestError::NotAFile { path: path.to_owned(), kind },
        ReadError::TooLarge { size, limit } => IngestError::TooLarge { path: path.to_owned(), size, limit },
    })
}

/// Why a file was not read; the caller names the file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot be read: {0}")]
    Io(#[source] std::io::Error),
    #[error("not a regular file ({0}); only files are read")]
    NotAFile(&'static str),
    #[error("the file is {size} bytes, over the {limit}-byte limit")]
    TooLarge { size: u64, limit: u64 },
}

/// The whole content of a regular file of at most `limit` bytes.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_without_blocking(path).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile(kind_of(metadata.file_type())));
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { size: metadata.len(), limit });
    }
    let expected = usize::try_from(metadata.len()).unwrap_or(0);
    read_at_most(file, expected, limit).map_err(ReadError::Io)?.ok_or(ReadError::TooLarge { size: limit + 1, limit })
}

/// Everything `reader` gives, or `None` once it gives more than `limit`
/// bytes; never holds more than `limit + 1` of them.
fn read_at_most(reader: impl Read, expected: usize, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Opens for reading; on Unix with `O_NONBLOCK`, so that opening a FIFO
/// with no writer returns at once instead of waiting for one (reads from
/// a regular file are not affected by the flag).
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// What a file that is not a regular file is, in words.
pub fn kind_of(file_type: FileType) -> &'static str {
    if file_type.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_that_never_ends_is_cut_at_the_limit() {
        assert_eq!(read_at_most(std::io::repeat(b'x'), 0, 1000).unwrap(), None);
        assert_eq!(read_at_most(&b"12345"[..], 5, 5).unwrap(), Some(b"12345".to_vec()));
        assert_eq!(read_at_most(&b"123456"[..], 5, 5).unwrap(), None, "growing past what metadata said");
    }

    #[test]
    fn a_folder_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_filing(dir.path()).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("{}: not a regular file (a folder); only files are read", dir.path().display())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading_it() {
        let error = read_filing(Path::new("/dev/zero")).unwrap_err();
        assert!(matches!(error, IngestError::NotAFile { kind: "a device", .. }), "{error}");
    }

    #[test]
    fn a_file_larger_than_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "Net loss (7,321)\n").unwrap();
        assert!(matches!(read_regular_file(&path, 8), Err(ReadError::TooLarge { size: 17, limit: 8 })));
        assert_eq!(read_regular_file(&path, 17).unwrap().len(), 17);
    }
}
