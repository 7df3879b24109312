//! `minbar backup FILE` and `minbar restore FILE`: a SQLite site (its database and its media) in
//! one gzip-compressed tar file, taken while the server keeps serving and writing, and put back
//! into an empty data directory.
//!
//! The database is copied first, as one snapshot (`minbar_store::backup::snapshot_into`), then
//! the media folder. Media files are named by their content and written before the database
//! records them, so every file the snapshot names is already there; a newer file is harmless.
//! The archive is written under a temporary name, flushed to the disk and renamed, so a failed
//! backup never leaves a half-written file where a good one is expected.

use anyhow::{Context, Result, anyhow, bail};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use minbar_store::{Engine, SQLITE_FILE, Store};
use std::path::{Component, Path, PathBuf};

/// The media folder inside the data directory and inside a backup.
const MEDIA: &str = "media";

/// What a backup holds.
pub(crate) struct Summary {
    pub database_bytes: u64,
    pub media_files: usize,
}

pub(crate) async fn backup(store: &Store, data: &Path, file: &Path) -> Result<Summary> {
    if store.engine() != Engine::Sqlite {
        bail!(
            "`minbar backup` copies a SQLite site; on PostgreSQL use the engine's own tools \
             (`pg_dump -Fc`, or a base backup) and copy {}/{MEDIA} beside it (see README)",
            data.display()
        );
    }
    let snapshot = data.join(format!(".backup-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&snapshot);
    let taken = minbar_store::backup::snapshot_into(store, &snapshot).await;
    let result = taken
        .map_err(anyhow::Error::from)
        .and_then(|()| write_archive(&snapshot, &data.join(MEDIA), file));
    let _ = std::fs::remove_file(&snapshot);
    result
}

fn write_archive(snapshot: &Path, media: &Path, file: &Path) -> Result<Summary> {
    let partial = partial_name(file);
    let written = (|| -> Result<Summary> {
        let out = std::fs::File::create(&partial)
            .with_context(|| format!("cannot write {}", partial.display()))?;
        let mut tar = tar::Builder::new(GzEncoder::new(out, Compression::fast()));
        tar.append_path_with_name(snapshot, SQLITE_FILE)?;
        let mut media_files = 0;
        if let Ok(entries) = std::fs::read_dir(media) {
            let mut names: Vec<_> = entries
                .flatten()
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name())
                .collect();
            names.sort();
            for name in names {
                tar.append_path_with_name(media.join(&name), Path::new(MEDIA).join(&name))?;
                media_files += 1;
            }
        }
        let out = tar.into_inner()?.finish()?;
        // On the disk before it is called a backup.
        out.sync_all()?;
        Ok(Summary {
            database_bytes: std::fs::metadata(snapshot)?.len(),
            media_files,
        })
    })();
    match written {
        Ok(summary) => {
            std::fs::rename(&partial, file)
                .with_context(|| format!("cannot write {}", file.display()))?;
            Ok(summary)
        }
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            Err(error.context(format!("cannot write the backup {}", file.display())))
        }
    }
}

fn partial_name(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// Puts a backup into `data`, which must be empty or not exist yet; checks the database and
/// brings it to this version's schema. On any failure the data directory is left empty.
pub(crate) async fn restore(data: &Path, file: &Path) -> Result<usize> {
    if std::fs::read_dir(data).is_ok_and(|mut entries| entries.next().is_some()) {
        bail!(
            "{} is not empty: restore into an empty data directory (or a new --data)",
            data.display()
        );
    }
    let unpacked = unpack(data, file);
    let checked = match unpacked {
        Ok(media) => check(data).await.map(|()| media),
        Err(error) => Err(error),
    };
    if checked.is_err() {
        empty(data);
    }
    checked
}

/// Unpacks the archive, accepting only the database and plain media files.
fn unpack(data: &Path, file: &Path) -> Result<usize> {
    let input =
        std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
    std::fs::create_dir_all(data.join(MEDIA))
        .with_context(|| format!("cannot create {}", data.display()))?;
    let mut archive = tar::Archive::new(GzDecoder::new(input));
    let not_a_backup = || anyhow!("{} is not a Minbar backup", file.display());
    let mut database = false;
    let mut media = 0;
    for entry in archive.entries().map_err(|_| not_a_backup())? {
        let mut entry = entry.map_err(|_| not_a_backup())?;
        let path = entry.path().map_err(|_| not_a_backup())?.into_owned();
        let parts: Vec<Component> = path.components().collect();
        let allowed = match parts.as_slice() {
            [Component::Normal(name)] => *name == SQLITE_FILE,
            [Component::Normal(dir), Component::Normal(_)] => *dir == MEDIA,
            _ => false,
        };
        if !allowed || !entry.header().entry_type().is_file() {
            bail!(
                "{} holds {} (a backup holds {SQLITE_FILE} and {MEDIA}/ only)",
                file.display(),
                path.display()
            );
        }
        if !entry.unpack_in(data).map_err(|_| not_a_backup())? {
            bail!("{} names a path outside the data directory", file.display());
        }
        if parts.len() == 1 {
            database = true;
        } else {
            media += 1;
        }
    }
    if !database {
        return Err(not_a_backup());
    }
    Ok(media)
}

/// Opens the restored database (bringing its schema up to date) and checks every page.
async fn check(data: &Path) -> Result<()> {
    let store = Store::open(data, None).await?;
    let answer = minbar_store::backup::integrity_check(&store).await?;
    store.close().await;
    if answer != "ok" {
        bail!("the restored database is damaged: {answer}");
    }
    Ok(())
}

/// Removes what a failed restore put into `data`, leaving the directory itself.
fn empty(data: &Path) {
    if let Ok(entries) = std::fs::read_dir(data) {
        for entry in entries.flatten() {
            let path = entry.path();
            let _ = if path.is_dir() {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
        }
    }
}
