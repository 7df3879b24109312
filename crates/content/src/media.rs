//! How stored images are named. The name carries the content's hash and the image's size, so a
//! page can lay an image out, and list its smaller copies for `srcset`, from its address alone.

/// Where stored images are served: `/media/NAME`.
pub const PREFIX: &str = "/media/";

/// The site's address of the stored file `name`.
pub fn address(name: &str) -> String {
    format!("{PREFIX}{name}")
}

/// The widths of the smaller copies, in pixels; only those narrower than the original are made.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// The kinds of image accepted, and the extension each is stored with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    WebP,
    Gif,
}

impl Kind {
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::WebP => "webp",
            Kind::Gif => "gif",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::WebP => "image/webp",
            Kind::Gif => "image/gif",
        }
    }

    pub fn from_extension(ext: &str) -> Option<Kind> {
        match ext {
            "jpg" => Some(Kind::Jpeg),
            "png" => Some(Kind::Png),
            "webp" => Some(Kind::WebP),
            "gif" => Some(Kind::Gif),
            _ => None,
        }
    }
}

/// What a stored file's name says: `{hash}-{W}x{H}.{ext}` for the full-size copy,
/// `{hash}-{w}w.{ext}` for a smaller one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaName {
    pub hash: String,
    pub kind: Kind,
    /// The full-size copy's width and height, when this is its name.
    pub size: Option<(u32, u32)>,
    /// A smaller copy's width, when this is its name.
    pub width: Option<u32>,
}

impl MediaName {
    /// Reads a name made by [`process`]; anything else is `None`, so only names of this shape
    /// are ever looked up on disk.
    pub fn parse(name: &str) -> Option<MediaName> {
        let (stem, ext) = name.rsplit_once('.')?;
        let kind = Kind::from_extension(ext)?;
        let (hash, size) = stem.split_once('-')?;
        if hash.len() != 16
            || !hash
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        {
            return None;
        }
        let number = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        if let Some(width) = size.strip_suffix('w') {
            return Some(MediaName {
                hash: hash.to_owned(),
                kind,
                size: None,
                width: Some(number(width)?),
            });
        }
        let (w, h) = size.split_once('x')?;
        Some(MediaName {
            hash: hash.to_owned(),
            kind,
            size: Some((number(w)?, number(h)?)),
            width: None,
        })
    }

    /// The name of the full-size copy of the image `hash`.
    pub fn full_size(hash: &str, kind: Kind, width: u32, height: u32) -> String {
        format!("{hash}-{width}x{height}.{}", kind.extension())
    }

    /// The name of the copy `width` pixels wide of the image `hash`.
    pub fn copy(hash: &str, kind: Kind, width: u32) -> String {
        format!("{hash}-{width}w.{}", kind.extension())
    }

    /// For a full-size copy: the `srcset` of it and its smaller copies, and its size.
    pub fn srcset(&self, base: &str) -> Option<(String, u32, u32)> {
        let (width, height) = self.size?;
        let mut entries: Vec<String> = WIDTHS
            .into_iter()
            .filter(|w| *w < width)
            .map(|w| format!("{base}{} {w}w", Self::copy(&self.hash, self.kind, w)))
            .collect();
        entries.push(format!(
            "{base}{} {width}w",
            Self::full_size(&self.hash, self.kind, width, height)
        ));
        Some((entries.join(", "), width, height))
    }
}
