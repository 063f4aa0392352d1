//! One run per output directory: an advisory lock on `OUT/.newsrake/lock`.
//!
//! The lock is an OS file lock (`flock`), so it dies with its process: a lock
//! file left by a killed run is stale by construction and simply taken over.
//! The file holds the holder's pid and start time, for the message a second
//! run prints.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::Error;

/// Held for the whole run; released on drop (or process death).
pub(crate) struct Lock {
    file: File,
    /// The pid that held the lock file before, when it was left by a dead
    /// run.
    pub(crate) stale_from: Option<String>,
}

impl Lock {
    pub(crate) fn acquire(meta_dir: &Path) -> Result<Lock, Error> {
        let path = meta_dir.join("lock");
        let err = |source| Error::Output {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                return Err(Error::Locked {
                    path,
                    holder: holder.trim().to_string(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(err(e)),
        }
        let mut previous = String::new();
        let _ = file.read_to_string(&mut previous);
        let stale_from = previous
            .split_whitespace()
            .find_map(|w| w.strip_prefix("pid="))
            .map(str::to_string);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        file.set_len(0).map_err(err)?;
        file.seek(SeekFrom::Start(0)).map_err(err)?;
        writeln!(file, "pid={} started_unix={now}", std::process::id()).map_err(err)?;
        file.flush().map_err(err)?;
        Ok(Lock { file, stale_from })
    }
}

impl Drop for Lock {
    /// A clean end empties the file, so a pid found in it later was left by
    /// a run that died.
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
    }
}

/// Where the lock of an output directory lives.
pub fn lock_path(out: &Path) -> PathBuf {
    out.join(".newsrake").join("lock")
}
