//! Where media files are kept: a folder of this machine ([`LocalFolder`], the default) or an
//! S3-compatible bucket every node shares ([`ObjectStorage`], `--media s3://BUCKET[/PREFIX]`).
//! Either way a file is stored whole under its content's name or not at all, and a name that is
//! not a media name ([`MediaName`]) is never used as a path or a key.

use crate::{MediaError, MediaName};
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload};
use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::pin::Pin;

/// What a storage call returns: a future, so an object store's network calls do not hold a
/// worker thread.
pub type StorageFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, MediaError>> + Send + 'a>>;

/// Where media files are kept.
pub trait MediaStorage: Send + Sync {
    /// Stores `bytes` under `name`, whole; storing the same name again is harmless (names come
    /// from the content, so it is the same file).
    fn put<'a>(&'a self, name: &'a str, bytes: &'a [u8]) -> StorageFuture<'a, ()>;
    /// The file `name`, or `None` when there is none.
    fn get<'a>(&'a self, name: &'a str) -> StorageFuture<'a, Option<Vec<u8>>>;
}

/// Media in a folder (`DATA/media`).
#[derive(Debug, Clone)]
pub struct LocalFolder {
    dir: PathBuf,
}

impl LocalFolder {
    pub fn new(dir: &Path) -> Self {
        LocalFolder {
            dir: dir.to_owned(),
        }
    }

    /// [`MediaStorage::put`], on the calling thread.
    pub fn put_now(&self, name: &str, bytes: &[u8]) -> Result<(), MediaError> {
        if MediaName::parse(name).is_none() {
            return Err(MediaError::NotAnImage);
        }
        std::fs::create_dir_all(&self.dir).map_err(|e| MediaError::Io(self.dir.clone(), e))?;
        // Written aside, flushed and renamed, so a reader never sees half a file and a crash
        // of the machine never leaves a name pointing at lost bytes. Aside under a name of its
        // own, since two people may upload the same photo at once and both are stored; on any
        // failure (a full disk, say) the temporary file is removed when dropped, so nothing
        // half-written stays behind.
        let path = self.dir.join(name);
        let mut partial = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".partial")
            .tempfile_in(&self.dir)
            .map_err(|e| MediaError::Io(self.dir.clone(), e))?;
        partial
            .write_all(bytes)
            .and_then(|()| partial.as_file().sync_all())
            .map_err(|e| MediaError::Io(partial.path().to_owned(), e))?;
        partial
            .persist(&path)
            .map_err(|e| MediaError::Io(path.clone(), e.error))?;
        std::fs::File::open(&self.dir)
            .and_then(|dir| dir.sync_all())
            .map_err(|e| MediaError::Io(path, e))
    }

    /// [`MediaStorage::get`], on the calling thread.
    pub fn get_now(&self, name: &str) -> Option<Vec<u8>> {
        MediaName::parse(name)?;
        std::fs::read(self.dir.join(name)).ok()
    }
}

impl MediaStorage for LocalFolder {
    fn put<'a>(&'a self, name: &'a str, bytes: &'a [u8]) -> StorageFuture<'a, ()> {
        // Writing and flushing wait on the disk: off the async workers.
        let (folder, name, bytes) = (self.clone(), name.to_owned(), bytes.to_vec());
        Box::pin(async move {
            tokio::task::spawn_blocking(move || folder.put_now(&name, &bytes))
                .await
                .map_err(|e| MediaError::Io(PathBuf::new(), std::io::Error::other(e)))?
        })
    }

    fn get<'a>(&'a self, name: &'a str) -> StorageFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move { Ok(self.get_now(name)) })
    }
}

/// Media in an S3-compatible bucket, under an optional prefix.
#[derive(Debug)]
pub struct ObjectStorage {
    store: AmazonS3,
    prefix: String,
    /// `s3://BUCKET/PREFIX`, for messages.
    shown: String,
}

impl ObjectStorage {
    /// The bucket `url` names (`s3://BUCKET` or `s3://BUCKET/PREFIX`), with the endpoint,
    /// region and keys from the standard `AWS_*` environment variables (`AWS_ENDPOINT` and
    /// `AWS_ALLOW_HTTP=true` for a local server). Nothing is asked of the server yet: see
    /// [`ObjectStorage::check`].
    pub fn from_url(url: &str) -> Result<Self, MediaError> {
        let rest = url.strip_prefix("s3://").ok_or_else(|| {
            MediaError::Remote(
                url.to_owned(),
                "the address must start with s3://".to_owned(),
            )
        })?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let prefix = prefix.trim_matches('/').to_owned();
        let valid = |part: &str| {
            part.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        };
        if bucket.is_empty() || !valid(bucket) || !prefix.split('/').all(valid) {
            return Err(MediaError::Remote(
                url.to_owned(),
                "the bucket and prefix may hold only ASCII letters, digits, '-', '_', '.' and '/'"
                    .to_owned(),
            ));
        }
        // A few quick retries: an upload outlives a blip, and a server that is down is told
        // within seconds rather than after object_store's default three minutes.
        let retry = object_store::RetryConfig {
            max_retries: 3,
            retry_timeout: std::time::Duration::from_secs(10),
            ..object_store::RetryConfig::default()
        };
        let store = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_retry(retry)
            .build()
            .map_err(|e| MediaError::Remote(url.to_owned(), e.to_string()))?;
        Ok(ObjectStorage {
            store,
            prefix,
            shown: url.to_owned(),
        })
    }

    fn key(&self, name: &str) -> Result<Key, MediaError> {
        if MediaName::parse(name).is_none() {
            return Err(MediaError::NotAnImage);
        }
        let key = if self.prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{}/{name}", self.prefix)
        };
        Key::parse(key).map_err(|e| MediaError::Remote(self.shown.clone(), e.to_string()))
    }

    fn failed(&self, error: &object_store::Error) -> MediaError {
        MediaError::Remote(self.shown.clone(), error.to_string())
    }

    /// Lists the prefix, so a wrong endpoint, bucket or key fails at start-up with the
    /// server's reason instead of at the first upload. (A missing key answers a `HEAD` the same
    /// in a bucket that is not there, so a listing it must be.)
    pub async fn check(&self) -> Result<(), MediaError> {
        let prefix = (!self.prefix.is_empty())
            .then(|| Key::parse(&self.prefix))
            .transpose()
            .map_err(|e| MediaError::Remote(self.shown.clone(), e.to_string()))?;
        self.store
            .list_with_delimiter(prefix.as_ref())
            .await
            .map(|_| ())
            .map_err(|e| self.failed(&e))
    }
}

impl MediaStorage for ObjectStorage {
    fn put<'a>(&'a self, name: &'a str, bytes: &'a [u8]) -> StorageFuture<'a, ()> {
        Box::pin(async move {
            let key = self.key(name)?;
            // S3 writes an object whole or not at all. Created only if absent: a name is its
            // content, so an object already there is this very file.
            let options = PutOptions {
                mode: PutMode::Create,
                ..PutOptions::default()
            };
            let payload = PutPayload::from(bytes.to_vec());
            match self.store.put_opts(&key, payload, options).await {
                Ok(_) | Err(object_store::Error::AlreadyExists { .. }) => Ok(()),
                Err(error) => Err(self.failed(&error)),
            }
        })
    }

    fn get<'a>(&'a self, name: &'a str) -> StorageFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            let Ok(key) = self.key(name) else {
                return Ok(None);
            };
            match self.store.get(&key).await {
                Ok(found) => found
                    .bytes()
                    .await
                    .map(|bytes| Some(bytes.to_vec()))
                    .map_err(|e| self.failed(&e)),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(error) => Err(self.failed(&error)),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_addresses_are_read_or_refused_with_the_reason() {
        for good in [
            "s3://minbar",
            "s3://minbar/manbij",
            "s3://minbar/sites/manbij/",
        ] {
            assert!(ObjectStorage::from_url(good).is_ok(), "{good}");
        }
        for (bad, reason) in [
            ("minbar", "s3://"),
            ("s3://", "only ASCII"),
            ("s3://minbar/صور", "only ASCII"),
            ("s3://min bar", "only ASCII"),
        ] {
            let said = ObjectStorage::from_url(bad)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(said.contains(reason), "{bad}: {said}");
        }
    }

    #[test]
    fn keys_are_media_names_under_the_prefix() {
        let storage = ObjectStorage::from_url("s3://minbar/manbij").unwrap();
        let key = storage.key("0123456789abcdef-10x10.jpg").unwrap();
        assert_eq!(key.as_ref(), "manbij/0123456789abcdef-10x10.jpg");
        assert!(storage.key("../../etc/passwd").is_err());
    }
}
