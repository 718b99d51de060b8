//! Store stage (also used by export and run): write a file atomically (temp file in the same folder,
//! fsync, rename over the target, fsync the folder), so a reader or a crash never
//! sees a half-written snapshot or export.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes `path` atomically: `write` fills a temporary file next to it, which is
/// then flushed, fsynced and renamed over `path`; the folder is fsynced after.
/// On any error the temporary file is removed and `path` is left as it was.
pub fn write_atomically<E: From<io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<(), E>,
) -> Result<(), E> {
    let tmp = temp_path(path);
    let result = write_then_rename(path, &tmp, write);
    if result.is_err() {
        let _ = fs::remove_file(&tmp); // best effort: the error that matters is `result`
    }
    result
}

fn write_then_rename<E: From<io::Error>>(
    path: &Path,
    tmp: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<(), E>,
) -> Result<(), E> {
    let file = File::create(tmp)?;
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    out.flush()?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    drop(file);
    fs::rename(tmp, path)?;
    sync_dir(parent_dir(path))?;
    Ok(())
}

/// `.NAME.PID.tmp` in the folder of `path`: hidden, and distinct per process.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parent_dir(path).join(format!(".{name}.{}.tmp", std::process::id()))
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes a rename durable by fsyncing the folder that holds it (a no-op off Unix).
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        write_atomically::<io::Error>(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        let err = write_atomically::<io::Error>(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("boom"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_bare_file_name_writes_in_the_current_folder_parent() {
        assert_eq!(parent_dir(Path::new("x.ttl")), Path::new("."));
        assert_eq!(
            temp_path(Path::new("d/x.ttl")).parent(),
            Some(Path::new("d"))
        );
    }
}
