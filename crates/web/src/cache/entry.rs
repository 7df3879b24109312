//! An entry of the page cache: a page's bytes, the gzip, brotli and zstd copies made when first
//! asked for, its strong ETags, and the choice of encoding from `Accept-Encoding`.

use super::{Keep, SHARED_PAGE, Tag};
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, header};
use std::io::Write;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// The headers a kept page names its surrogate keys in: `xkey` for Varnish's xkey module,
/// `Surrogate-Key` for Fastly and others, `Cache-Tag` for Cloudflare and Bunny. A front cache
/// should strip them before the reader (the deployment guide's VCL does).
pub const SURROGATE_HEADERS: [&str; 3] = ["xkey", "surrogate-key", "cache-tag"];

/// One cached page: its bytes in each encoding, and what HTTP says of them.
pub struct Entry {
    /// The response's own headers as the site's layers finished them (content type, cache
    /// control, security headers), without those that are per answer or per encoding.
    pub(super) headers: HeaderMap,
    /// Hex of the identity bytes' digest; each encoding's ETag adds its own suffix.
    pub(super) digest: String,
    pub(super) last_modified: HeaderValue,
    pub(super) modified: i64,
    pub(super) identity: Bytes,
    /// Made the first time a reader asks for that encoding, then kept: a miss costs a render
    /// and at most one compression, and nothing is compressed twice.
    pub(super) gzip: std::sync::OnceLock<Bytes>,
    pub(super) brotli: std::sync::OnceLock<Bytes>,
    pub(super) zstd: std::sync::OnceLock<Bytes>,
    /// Bytes of the compressed copies made so far (for the memory budget).
    pub(super) compressed: AtomicUsize,
    /// The whole header of a hit in each encoding (by [`Encoding::index`]), made the first
    /// time one is served, so a hit clones one map instead of building it.
    answers: [std::sync::OnceLock<HeaderMap>; 4],
    pub(super) tags: Vec<Tag>,
    pub(super) last_used: AtomicU64,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("digest", &self.digest)
            .field("tags", &self.tags)
            .finish()
    }
}

impl Entry {
    pub(super) fn new(parts: &axum::http::response::Parts, body: Bytes, keep: Keep) -> Self {
        use sha2::Digest;
        let digest: String = sha2::Sha256::digest(&body)[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let now = jiff::Timestamp::now();
        let last_modified = jiff::fmt::rfc2822::DateTimePrinter::new()
            .timestamp_to_rfc9110_string(&now)
            .ok()
            .and_then(|v| HeaderValue::from_str(&v).ok())
            .unwrap_or_else(|| HeaderValue::from_static("Thu, 01 Jan 1970 00:00:00 GMT"));
        let mut headers = parts.headers.clone();
        for per_answer in [
            header::SET_COOKIE,
            header::CONTENT_LENGTH,
            header::CONTENT_ENCODING,
            header::ETAG,
            header::LAST_MODIFIED,
            header::VARY,
            header::DATE,
            header::TRANSFER_ENCODING,
        ] {
            headers.remove(per_answer);
        }
        if !headers.contains_key(header::CACHE_CONTROL) {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(SHARED_PAGE));
        }
        // What a front cache (Varnish's xkey, a CDN) files the page under, so a change purges
        // exactly the pages it shows on.
        if let Ok(keys) = HeaderValue::from_str(&super::surrogate_keys(&keep.tags)) {
            for name in SURROGATE_HEADERS {
                headers.insert(name, keys.clone());
            }
        }
        Entry {
            headers,
            digest,
            last_modified,
            modified: now.as_second(),
            gzip: std::sync::OnceLock::new(),
            brotli: std::sync::OnceLock::new(),
            zstd: std::sync::OnceLock::new(),
            compressed: AtomicUsize::new(0),
            answers: Default::default(),
            identity: body,
            tags: keep.tags,
            last_used: AtomicU64::new(0),
        }
    }

    /// Bytes held: the page, its compressed copies made so far, and a little for the rest.
    pub(super) fn size(&self) -> usize {
        self.identity.len() + self.compressed.load(Ordering::Relaxed) + 512
    }

    /// The page in `encoding`, compressing it the first time it is asked for.
    pub(super) fn bytes(&self, encoding: Encoding) -> (&Bytes, usize) {
        let cell = match encoding {
            Encoding::Identity => return (&self.identity, 0),
            Encoding::Gzip => &self.gzip,
            Encoding::Brotli => &self.brotli,
            Encoding::Zstd => &self.zstd,
        };
        let mut added = 0;
        let bytes = cell.get_or_init(|| {
            let bytes = compress(encoding, &self.identity);
            added = bytes.len();
            self.compressed.fetch_add(added, Ordering::Relaxed);
            bytes
        });
        (bytes, added)
    }

    /// The headers of a hit in `encoding` whose bytes are `bytes`: the page's own, its ETag,
    /// `Last-Modified`, `Vary`, `X-Cache: hit`, its length and its encoding.
    pub(super) fn hit_headers(&self, encoding: Encoding, bytes: &Bytes) -> &HeaderMap {
        self.answers[encoding.index()].get_or_init(|| {
            let mut out = self.validated(encoding);
            out.insert(super::X_CACHE, HeaderValue::from_static("hit"));
            out.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            if let Some(name) = encoding.name() {
                out.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
            }
            out
        })
    }

    /// The page's own headers with what every answer in `encoding` carries, a 304 too: its
    /// ETag, `Last-Modified` and `Vary`.
    pub(super) fn validated(&self, encoding: Encoding) -> HeaderMap {
        let mut out = self.headers.clone();
        if let Ok(etag) = HeaderValue::from_str(&self.etag(encoding)) {
            out.insert(header::ETAG, etag);
        }
        out.insert(header::LAST_MODIFIED, self.last_modified.clone());
        out.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        out
    }

    /// The strong ETag of one encoding's bytes (each representation has its own).
    pub(super) fn etag(&self, encoding: Encoding) -> String {
        format!("\"{}{}\"", self.digest, encoding.etag_suffix())
    }
}

/// The encodings a page is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
    Zstd,
}

impl Encoding {
    /// Its `Content-Encoding` name; `None` for identity.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
            Encoding::Zstd => Some("zstd"),
        }
    }

    /// Its slot in a table of a body's forms, identity first.
    pub fn index(self) -> usize {
        match self {
            Encoding::Identity => 0,
            Encoding::Gzip => 1,
            Encoding::Brotli => 2,
            Encoding::Zstd => 3,
        }
    }

    fn etag_suffix(self) -> &'static str {
        match self {
            Encoding::Identity => "",
            Encoding::Gzip => "-gz",
            Encoding::Brotli => "-br",
            Encoding::Zstd => "-zst",
        }
    }
}

/// Compresses once, at levels chosen for a page of tens of kilobytes: gzip 6, brotli 5 and
/// zstd 9 are within a few percent of their best sizes at a fraction of the time, which keeps
/// a cache miss and `minbar build` of 10,000 pages fast.
pub fn compress(encoding: Encoding, body: &[u8]) -> Bytes {
    let out = match encoding {
        Encoding::Identity => return Bytes::copy_from_slice(body),
        Encoding::Gzip => {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
            encoder.write_all(body).and_then(|()| encoder.finish())
        }
        Encoding::Brotli => {
            let mut out = Vec::new();
            let params = brotli::enc::BrotliEncoderParams {
                quality: 5,
                lgwin: 18,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &body[..], &mut out, &params).map(|_| out)
        }
        Encoding::Zstd => zstd::bulk::compress(body, 9),
    };
    // Compressing into memory cannot fail short of running out of it; serve uncompressed then.
    out.map(Bytes::from)
        .unwrap_or_else(|_| Bytes::copy_from_slice(body))
}

/// The encoding to answer with: the smallest the client accepts. `Accept-Encoding` is read
/// token by token, `q=0` honoured, and only its first kilobyte considered.
pub fn choose(headers: &HeaderMap) -> Encoding {
    let Some(value) = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return Encoding::Identity;
    };
    let value = &value[..value.floor_char_boundary(1024)];
    let mut accepted = [false; 3];
    for item in value.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let refused = parts.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        let slot = if name.eq_ignore_ascii_case("br") {
            0
        } else if name.eq_ignore_ascii_case("zstd") {
            1
        } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
            2
        } else {
            continue;
        };
        accepted[slot] = !refused;
    }
    // Brotli and zstd at these levels beat gzip on Arabic HTML; brotli is smallest.
    [Encoding::Brotli, Encoding::Zstd, Encoding::Gzip]
        .into_iter()
        .zip(accepted)
        .find_map(|(encoding, ok)| ok.then_some(encoding))
        .unwrap_or(Encoding::Identity)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn the_smallest_accepted_encoding_is_chosen() {
        assert_eq!(choose(&HeaderMap::new()), Encoding::Identity);
        assert_eq!(
            choose(&accepting("gzip, deflate, br, zstd")),
            Encoding::Brotli
        );
        assert_eq!(choose(&accepting("gzip, zstd")), Encoding::Zstd);
        assert_eq!(choose(&accepting("gzip;q=1.0, br;q=0")), Encoding::Gzip);
        assert_eq!(choose(&accepting("identity")), Encoding::Identity);
        assert_eq!(choose(&accepting("x, ;;;, =q, br;q=abc")), Encoding::Brotli);
    }

    #[test]
    fn every_encoding_decodes_to_the_page() {
        let page = "<p>افتتحت البلدية سوق الخضار الجديد قرب الجسر القديم.</p>".repeat(50);
        let gzip = compress(Encoding::Gzip, page.as_bytes());
        let mut out = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gzip[..]), &mut out)
            .unwrap();
        assert_eq!(out, page);
        let mut out = Vec::new();
        brotli::BrotliDecompress(
            &mut &compress(Encoding::Brotli, page.as_bytes())[..],
            &mut out,
        )
        .unwrap();
        assert_eq!(out, page.as_bytes());
        let zstd = compress(Encoding::Zstd, page.as_bytes());
        assert_eq!(
            zstd::bulk::decompress(&zstd, 1 << 20).unwrap(),
            page.as_bytes()
        );
    }
}
