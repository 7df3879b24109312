//! Uploading an image (authors and up), the same through the admin's form and the API: checked
//! by its content, decoded within limits, every metadata byte dropped, copies made for
//! `srcset`, each file stored, and a record written.

use crate::{Actor, OpError, Refusal};
use minbar_content::Role;
use minbar_media::{MediaError, MediaStorage};
use minbar_store::Store;
use minbar_store::media::MediaRow;

/// Why an image was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageRefusal {
    #[error("no file was sent")]
    NoFile,
    #[error("the file is not a JPEG, PNG, WebP or GIF image")]
    NotAnImage,
    #[error("the file is larger than {} bytes", minbar_media::MAX_UPLOAD_BYTES)]
    TooLarge,
    #[error("the image is too large to open ({0})")]
    TooManyPixels(String),
    #[error("the image is damaged: {0}")]
    Damaged(String),
}

impl ImageRefusal {
    /// The key of the message the admin's media page shows.
    pub fn key(&self) -> &'static str {
        match self {
            ImageRefusal::NoFile => "media-error-no-file",
            ImageRefusal::NotAnImage => "media-error-not-image",
            ImageRefusal::TooLarge => "media-error-too-large",
            ImageRefusal::TooManyPixels(_) => "media-error-too-many-pixels",
            ImageRefusal::Damaged(_) => "media-error-damaged",
        }
    }
}

/// Processes and stores an upload; returns what was made.
pub async fn upload(
    store: &Store,
    storage: &dyn MediaStorage,
    actor: Actor<'_>,
    file: Vec<u8>,
) -> Result<MediaRow, OpError> {
    actor.require(Role::Author)?;
    if file.is_empty() {
        return Err(Refusal::Image(ImageRefusal::NoFile).into());
    }
    let row = keep(storage, file).await?;
    minbar_store::media::insert(store, &row, actor.user().map(|u| u.id)).await?;
    Ok(row)
}

/// The part of an upload every image shares, whether a person sent it or an import brought it:
/// checked, decoded within limits, stripped, resized and each file stored. Returns the record
/// to write; the caller writes it (with who uploaded it, or with the import's journal).
pub async fn keep(storage: &dyn MediaStorage, file: Vec<u8>) -> Result<MediaRow, OpError> {
    // Decoding and encoding take CPU time: keep them off the async workers.
    let processed = tokio::task::spawn_blocking(move || minbar_media::process(&file))
        .await
        .map_err(|_| Refusal::Image(ImageRefusal::Damaged("interrupted".to_owned())))?
        .map_err(refusal)?;
    for encoded in &processed.files {
        storage
            .put(&encoded.name, &encoded.bytes)
            .await
            .map_err(refusal)?;
    }
    Ok(MediaRow {
        name: processed.name().to_owned(),
        content_type: processed.kind.content_type().to_owned(),
        width: i64::from(processed.width),
        height: i64::from(processed.height),
        bytes: processed.files.first().map_or(0, |f| f.bytes.len() as i64),
        created_at: crate::now(),
    })
}

fn refusal(error: MediaError) -> OpError {
    let image = match error {
        MediaError::NotAnImage => ImageRefusal::NotAnImage,
        MediaError::TooLarge => ImageRefusal::TooLarge,
        MediaError::TooManyPixels(what) => ImageRefusal::TooManyPixels(what),
        MediaError::Damaged(what) => ImageRefusal::Damaged(what),
        MediaError::Io(path, error) => {
            tracing::error!(path = %path.display(), %error, "storing an upload failed");
            if error.kind() == std::io::ErrorKind::StorageFull {
                return OpError::StorageFull(error.to_string());
            }
            return OpError::Storage(error.to_string());
        }
        MediaError::Remote(bucket, error) => {
            tracing::error!(%bucket, %error, "storing an upload failed");
            return OpError::Storage(format!("{bucket}: {error}"));
        }
    };
    Refusal::Image(image).into()
}
