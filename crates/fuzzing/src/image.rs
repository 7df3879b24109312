//! Upload decoding: `minbar_media::process`, the only code that opens a stranger's image.
//!
//! `process` refuses anything over [`MAX_SIDE`] pixels a side, but an image just under that is
//! legitimately decoded, resized three times and encoded again, which takes seconds: a fuzzer
//! that found a small file claiming 10 000 × 10 000 pixels would spend its time there instead of
//! in the decoders. So inputs whose header states a size within the limits but over
//! [`FUZZ_MAX_PIXELS`] are skipped; those over the limits, and those whose header cannot be read,
//! still go through `process`, so the refusals are fuzzed too.

use image::ImageReader;
use minbar_media::{MAX_SIDE, MediaName, process};
use std::io::Cursor;

/// The most pixels an image fuzzed through the whole of `process` may claim: enough for every
/// copy width below 1600 to be made, small enough for thousands of runs a second.
pub const FUZZ_MAX_PIXELS: u64 = 1700 * 200;

/// `minbar_media::process`: an accepted image has a full-size copy first, of the size decoded,
/// then narrower copies, every name one a page can parse, every file in the upload's format.
pub fn image(data: &[u8]) {
    let claimed = ImageReader::new(Cursor::new(data))
        .with_guessed_format()
        .ok()
        .and_then(|reader| reader.into_dimensions().ok());
    if let Some((width, height)) = claimed
        && width <= MAX_SIDE
        && height <= MAX_SIDE
        && u64::from(width) * u64::from(height) > FUZZ_MAX_PIXELS
    {
        return;
    }
    let Ok(processed) = process(data) else {
        return;
    };
    let full = processed
        .files
        .first()
        .expect("an accepted image has its full-size copy");
    assert_eq!(
        full.width, processed.width,
        "the first copy is not full size"
    );
    assert!(processed.width <= MAX_SIDE && processed.height <= MAX_SIDE);
    let mut previous = 0;
    for (i, file) in processed.files.iter().enumerate() {
        assert!(!file.bytes.is_empty(), "an empty copy {}", file.name);
        assert!(
            MediaName::parse(&file.name).is_some(),
            "a name pages cannot read: {}",
            file.name
        );
        if i > 0 {
            assert!(
                file.width > previous && file.width < processed.width,
                "copies out of order: {}",
                file.name
            );
            previous = file.width;
        }
        let format = image::guess_format(&file.bytes).expect("a copy in a known format");
        assert_eq!(
            format,
            image::guess_format(data).expect("an accepted upload has a format"),
            "{} changed format",
            file.name
        );
    }
}
