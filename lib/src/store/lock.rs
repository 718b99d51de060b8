//! Store stage: the writer's lock — `DIR/LOCK` holds the pid and command of the one
//! process allowed to change the store; a lock whose process is gone is stale and
//! taken over. Readers never lock: they see whole snapshots thanks to the rename.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The lock's file name inside a store folder.
pub const LOCK_FILE: &str = "LOCK";

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("store {} is locked by pid {pid} ({command}); wait for it or remove {} if that process is gone", dir.display(), lock.display())]
    Locked {
        dir: PathBuf,
        lock: PathBuf,
        pid: u32,
        command: String,
    },
    #[error("cannot lock the store: {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Held while a writer works on a store; removes `DIR/LOCK` when dropped.
#[derive(Debug)]
pub struct StoreLock {
    path: PathBuf,
    /// A stale lock that was taken over: (its pid, its command).
    pub took_over: Option<(u32, String)>,
}

impl StoreLock {
    /// Takes the lock of the store folder `dir` (which must exist) for `command`.
    /// Fails at once with [`LockError::Locked`] when a live process holds it.
    pub fn acquire(dir: &Path, command: &str) -> Result<Self, LockError> {
        let path = dir.join(LOCK_FILE);
        let io_err = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        let me = std::process::id();
        // Written whole to a private file, then hard-linked: LOCK never exists half-written.
        let tmp = dir.join(format!(".LOCK.{me}.tmp"));
        fs::File::create(&tmp)
            .and_then(|mut f| writeln!(f, "{me}\n{command}").and_then(|()| f.sync_all()))
            .map_err(io_err)?;
        let mut took_over = None;
        let result = loop {
            match fs::hard_link(&tmp, &path) {
                Ok(()) => break Ok(()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => break Err(io_err(e)),
            }
            let (pid, holder) = match fs::read_to_string(&path) {
                Ok(text) => parse(&text),
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => break Err(io_err(e)),
            };
            if pid.is_some_and(alive) || took_over.is_some() {
                break Err(LockError::Locked {
                    dir: dir.to_path_buf(),
                    lock: path.clone(),
                    pid: pid.unwrap_or(0),
                    command: holder,
                });
            }
            // Stale: move it aside (one taker wins the rename), then try again once.
            let aside = dir.join(format!(".LOCK.stale.{me}"));
            if fs::rename(&path, &aside).is_ok() {
                let _ = fs::remove_file(&aside);
            }
            took_over = Some((pid.unwrap_or(0), holder));
        };
        let _ = fs::remove_file(&tmp);
        result.map(|()| Self { path, took_over })
    }
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        let mine =
            fs::read_to_string(&self.path).is_ok_and(|t| parse(&t).0 == Some(std::process::id()));
        if mine {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// (pid, command) from a lock file's text; an unreadable pid is `None` (stale).
fn parse(text: &str) -> (Option<u32>, String) {
    let mut lines = text.lines();
    let pid = lines.next().and_then(|l| l.trim().parse().ok());
    let command = lines.next().unwrap_or("unknown command").to_owned();
    (pid, command)
}

/// Whether process `pid` is running (not gone, not a zombie). Where `/proc` is
/// missing every pid counts as alive, so a lock is never stolen by mistake.
pub fn alive(pid: u32) -> bool {
    if !Path::new("/proc/self").exists() {
        return true;
    }
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state is the first field after the `(command)` field.
        Ok(stat) => stat
            .rsplit_once(") ")
            .and_then(|(_, rest)| rest.chars().next())
            .is_none_or(|state| !matches!(state, 'Z' | 'X')),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_lock_is_refused_with_its_pid() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        fs::write(
            dir.path().join(LOCK_FILE),
            format!("{}\nofficegraph ingest\n", child.id()),
        )
        .unwrap();
        let err = StoreLock::acquire(dir.path(), "officegraph ingest").unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains(&format!(
                "locked by pid {} (officegraph ingest)",
                child.id()
            )),
            "{message}"
        );
        assert!(message.contains("LOCK"), "{message}");
        child.kill().unwrap();
        child.wait().unwrap();
        // Once the holder is gone the lock is stale and taken over.
        let lock = StoreLock::acquire(dir.path(), "officegraph ingest").unwrap();
        assert_eq!(lock.took_over.as_ref().map(|t| t.0), Some(child.id()));
        drop(lock);
        assert!(!dir.path().join(LOCK_FILE).exists());
    }

    #[test]
    fn a_stale_or_garbled_lock_is_taken_over_and_the_second_taker_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(LOCK_FILE), "not a pid").unwrap();
        let lock = StoreLock::acquire(dir.path(), "officegraph ingest").unwrap();
        assert!(lock.took_over.is_some());
        let text = fs::read_to_string(dir.path().join(LOCK_FILE)).unwrap();
        assert_eq!(
            text,
            format!("{}\nofficegraph ingest\n", std::process::id())
        );
        // This process is alive, so a second writer here is refused.
        let err = StoreLock::acquire(dir.path(), "officegraph link").unwrap_err();
        assert!(matches!(err, LockError::Locked { .. }), "{err:?}");
        drop(lock);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "no lock or temp left"
        );
    }
}
