//! Minbar's images: an upload is checked by its content (not its name), decoded within limits
//! (so a decompression bomb is refused before it is allocated), turned upright, and encoded
//! again from pixels alone. Re-encoding is what removes metadata: no EXIF, GPS, XMP, IPTC or
//! comment block of the upload can survive, because none of its bytes are copied. Smaller
//! copies for `srcset` are made at [`WIDTHS`].
//!
//! Names come from the content's hash and the size, never from the uploader: a file name with
//! `../`, NUL or odd Unicode never reaches the file system. The name also carries what a page
//! needs to lay the image out ([`MediaName`]), so rendering needs no lookup.

pub use minbar_content::media::{Kind, MediaName, WIDTHS};
pub use storage::{LocalFolder, MediaStorage, ObjectStorage, StorageFuture};

pub mod remote;
mod storage;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::io::Cursor;
use std::path::PathBuf;

/// The largest upload accepted, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 15 * 1024 * 1024;

/// The largest side of an image, in pixels, and the most memory its pixels may take: far above
/// any camera, far below what a crafted file may claim.
pub const MAX_SIDE: u32 = 12_000;
pub const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;

/// JPEG quality of every copy: photos stay sharp at a third of a camera's size.
const JPEG_QUALITY: u8 = 82;

/// Why an upload was refused.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("the file is not a JPEG, PNG, WebP or GIF image")]
    NotAnImage,
    #[error("the file is larger than {MAX_UPLOAD_BYTES} bytes")]
    TooLarge,
    #[error("the image is too large to open ({0})")]
    TooManyPixels(String),
    #[error("the image is damaged: {0}")]
    Damaged(String),
    #[error("cannot store the image in {0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// The object store failed or did not answer; names the bucket and the reason, never a key.
    #[error("the object store {0} failed: {1}")]
    Remote(String, String),
}

fn format_of(kind: Kind) -> ImageFormat {
    match kind {
        Kind::Jpeg => ImageFormat::Jpeg,
        Kind::Png => ImageFormat::Png,
        Kind::WebP => ImageFormat::WebP,
        Kind::Gif => ImageFormat::Gif,
    }
}

/// One stored file: its name and bytes.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub name: String,
    pub width: u32,
    pub bytes: Vec<u8>,
}

/// A processed upload: the full-size copy and the smaller ones, all free of metadata.
#[derive(Debug, Clone)]
pub struct Processed {
    pub kind: Kind,
    pub width: u32,
    pub height: u32,
    /// The full-size copy first, then the smaller ones, narrowest first.
    pub files: Vec<Encoded>,
}

impl Processed {
    /// The name of the full-size copy, as posts link to it.
    pub fn name(&self) -> &str {
        self.files.first().map_or("", |f| f.name.as_str())
    }
}

/// Checks, decodes, turns upright, strips and resizes an upload.
pub fn process(upload: &[u8]) -> Result<Processed, MediaError> {
    if upload.len() > MAX_UPLOAD_BYTES {
        return Err(MediaError::TooLarge);
    }
    let kind = match image::guess_format(upload) {
        Ok(ImageFormat::Jpeg) => Kind::Jpeg,
        Ok(ImageFormat::Png) => Kind::Png,
        Ok(ImageFormat::WebP) => Kind::WebP,
        Ok(ImageFormat::Gif) => Kind::Gif,
        _ => return Err(MediaError::NotAnImage),
    };
    let mut reader = ImageReader::with_format(Cursor::new(upload), format_of(kind));
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    // The camera's orientation lives in EXIF, which is about to go: apply it to the pixels.
    let orientation = decoder.orientation().map_err(decode_error)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    image.apply_orientation(orientation);

    let hash: String = Sha256::digest(upload)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let (width, height) = (image.width(), image.height());
    let mut files = vec![Encoded {
        name: MediaName::full_size(&hash, kind, width, height),
        width,
        bytes: encode(&image, kind)?,
    }];
    for target in WIDTHS.into_iter().filter(|w| *w < width) {
        let scaled_height = ((u64::from(height) * u64::from(target)) / u64::from(width)).max(1);
        let scaled = image.resize_exact(
            target,
            u32::try_from(scaled_height).unwrap_or(1),
            image::imageops::FilterType::Triangle,
        );
        files.push(Encoded {
            name: MediaName::copy(&hash, kind, target),
            width: target,
            bytes: encode(&scaled, kind)?,
        });
    }
    Ok(Processed {
        kind,
        width,
        height,
        files,
    })
}

fn decode_error(error: image::ImageError) -> MediaError {
    match error {
        image::ImageError::Limits(e) => MediaError::TooManyPixels(e.to_string()),
        image::ImageError::Unsupported(_) => MediaError::NotAnImage,
        other => MediaError::Damaged(other.to_string()),
    }
}

/// Encodes pixels alone: nothing but the image goes into the file.
fn encode(image: &DynamicImage, kind: Kind) -> Result<Vec<u8>, MediaError> {
    let mut out = Cursor::new(Vec::new());
    let result = match kind {
        Kind::Jpeg => {
            let encoder =
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            DynamicImage::ImageRgb8(image.to_rgb8()).write_with_encoder(encoder)
        }
        Kind::WebP | Kind::Png => {
            DynamicImage::ImageRgba8(image.to_rgba8()).write_to(&mut out, format_of(kind))
        }
        Kind::Gif => {
            DynamicImage::ImageRgba8(image.to_rgba8()).write_to(&mut out, ImageFormat::Gif)
        }
    };
    result.map_err(|e| MediaError::Damaged(e.to_string()))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::new_rgb8(width, height);
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Jpeg).unwrap();
        out.into_inner()
    }

    #[test]
    fn makes_smaller_copies_named_by_content_and_size() {
        let processed = process(&jpeg(1000, 500)).unwrap();
        assert_eq!(
            (processed.width, processed.height, processed.kind),
            (1000, 500, Kind::Jpeg)
        );
        let names: Vec<&str> = processed.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names.len(), 3);
        assert!(names[0].ends_with("-1000x500.jpg"));
        assert!(names[1].ends_with("-480w.jpg") && names[2].ends_with("-960w.jpg"));
        let parsed = MediaName::parse(names[0]).unwrap();
        let (srcset, w, h) = parsed.srcset("/media/").unwrap();
        assert_eq!((w, h), (1000, 500));
        assert!(srcset.contains("-480w.jpg 480w") && srcset.ends_with("-1000x500.jpg 1000w"));
    }

    #[test]
    fn the_same_image_stored_at_once_by_many_is_stored() {
        let dir = tempfile::tempdir().unwrap();
        let storage = LocalFolder::new(dir.path());
        let image = process(&jpeg(40, 20)).unwrap();
        let file = &image.files[0];
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..50 {
                        storage.put_now(&file.name, &file.bytes).unwrap();
                    }
                });
            }
        });
        assert_eq!(
            storage.get_now(&file.name).as_deref(),
            Some(&file.bytes[..])
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no partial file is left behind");
    }

    #[test]
    fn refuses_what_is_not_an_image() {
        // A GIF signature with garbage after it: refused as damaged or as claiming too many pixels.
        assert!(process(b"GIF89a but not really").is_err());
        assert!(matches!(
            process(b"<svg onload=alert(1)>"),
            Err(MediaError::NotAnImage)
        ));
        assert!(matches!(process(b""), Err(MediaError::NotAnImage)));
        assert!(matches!(
            process(&vec![0; MAX_UPLOAD_BYTES + 1]),
            Err(MediaError::TooLarge)
        ));
    }

    #[test]
    fn refuses_a_decompression_bomb_before_allocating_it() {
        // A valid PNG header claiming 50,000 × 50,000 pixels (10 GB of RGBA) in a few bytes.
        let mut png = Vec::new();
        png.extend_from_slice(b"\x89PNG\r\n\x1a\n");
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&50_000u32.to_be_bytes());
        ihdr.extend_from_slice(&50_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        png.extend_from_slice(&(ihdr.len() as u32).to_be_bytes());
        let mut chunk = b"IHDR".to_vec();
        chunk.extend_from_slice(&ihdr);
        png.extend_from_slice(&chunk);
        png.extend_from_slice(&crc32(&chunk).to_be_bytes());
        assert!(
            matches!(process(&png), Err(MediaError::TooManyPixels(_))),
            "{:?}",
            process(&png).err()
        );
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in data {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn only_our_names_reach_the_disk() {
        for bad in [
            "../etc/passwd",
            "a\0b.jpg",
            "0123456789abcdef-10x10.exe",
            "0123456789ABCDEF-10x10.jpg",
            "x-10x10.jpg",
            "0123456789abcdef-../1.jpg",
            "٠١٢٣٤٥٦٧٨٩abcdef-10x10.jpg",
        ] {
            assert!(MediaName::parse(bad).is_none(), "{bad}");
        }
        let dir = tempfile::tempdir().unwrap();
        let folder = LocalFolder::new(dir.path());
        assert!(folder.put_now("../escape.jpg", b"x").is_err());
        assert!(folder.get_now("../../etc/passwd").is_none());
        folder.put_now("0123456789abcdef-10x10.jpg", b"x").unwrap();
        assert_eq!(folder.get_now("0123456789abcdef-10x10.jpg").unwrap(), b"x");
    }
}
