//! `minbar build --out DIR`: the public site as static files, for a mirror on any static host
//! when the server is blocked. Every address in `minbar_web::addresses` (the one list of the
//! site's public addresses, list pages and sitemap parts included) is asked of the same router
//! the server runs, in process, so each file is byte for byte what the server sends; its gzip and brotli copies are
//! made by the same function the page cache uses (`name.gz`, `name.br`, for nginx's
//! `gzip_static` and `brotli_static`).
//!
//! A second build is incremental: the manifest (`.minbar-build.json`) remembers the outbox
//! position and each file's digest. Only the posts the outbox names since then are asked for
//! again (unless a change touches every page), with the lists and feeds; a file whose bytes did
//! not change is not rewritten, and a file no longer in the site is removed.

use anyhow::{Context, Result, bail};
use axum::body::Body;
use axum::http::Request;
use minbar_store::Store;
use minbar_web::cache::{Encoding, compress};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;

const MANIFEST: &str = ".minbar-build.json";
/// Pages asked for at once: rendering is CPU work, and this machine has two cores.
const IN_FLIGHT: usize = 8;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    /// The outbox position this build reflects.
    seq: i64,
    /// Each written file (relative path) and the digest of its bytes.
    files: BTreeMap<String, String>,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Summary {
    pub asked: usize,
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub media: usize,
}

/// Builds the mirror in `out`; `copies` adds the `.gz` and `.br` beside each file.
pub async fn run(store: Store, data: &Path, out: &Path, copies: bool) -> Result<Summary> {
    let site = minbar_store::site::get(&store).await?;
    let Some(base) = site.base_url.clone() else {
        bail!(
            "the site has no public address: run `minbar init --base-url https://…` (or set it in the \
             admin's settings) so the mirror's links and feeds point where it will be served"
        );
    };
    let host = base
        .split_once("://")
        .map(|(_, rest)| rest.split('/').next().unwrap_or(rest).to_owned())
        .unwrap_or_default();
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let manifest_path = out.join(MANIFEST);
    let old: Manifest = std::fs::read(&manifest_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let seq = minbar_store::outbox::latest(&store).await?;
    // The posts whose pages changed since the last build, or `None`: every page.
    let changed = if old.files.is_empty() {
        None
    } else {
        changed_posts(&store, old.seq).await?
    };

    // A search index the router needs but a build never uses, in a scratch directory.
    let scratch = std::env::temp_dir().join(format!("minbar-build-{}", std::process::id()));
    let (index, _) = minbar_search::SearchIndex::open(
        &scratch.join("search"),
        minbar_search::WriterSize::Server,
    )?;
    let media = Arc::new(minbar_media::LocalFolder::new(&data.join("media")));
    // No page cache: every page is rendered once and written, never asked for twice.
    let state = minbar_web::AppState::new(store.clone(), Arc::new(index), media, None)?
        .with_cache_budget(0);
    let app = minbar_web::app(state);

    let addresses = minbar_web::addresses::all(&store).await?;
    let mut wanted: Vec<Address> = addresses.lists.iter().map(Address::to_file).collect();
    let mut kept_posts = BTreeSet::new();
    for path in addresses.posts {
        let address = Address::to_file(&minbar_web::addresses::Address::of(&path));
        match &changed {
            Some(changed) if !changed.contains(&path) && old.files.contains_key(&address.file) => {
                kept_posts.insert(address.file);
            }
            _ => wanted.push(address),
        }
    }
    let progress = crate::search::bar(wanted.len() as u64, "building");
    let mut files = BTreeMap::new();
    let mut summary = Summary {
        asked: wanted.len(),
        ..Summary::default()
    };
    let mut tasks = tokio::task::JoinSet::new();
    let mut queue = wanted.into_iter();
    loop {
        while tasks.len() < IN_FLIGHT {
            let Some(Address { url, file }) = queue.next() else {
                break;
            };
            let app = app.clone();
            let host = host.clone();
            let previous = old.files.get(&file).cloned();
            let out = out.to_owned();
            tasks.spawn(async move {
                let request = Request::get(url).header("host", host).body(Body::empty())?;
                let response = app.oneshot(request).await?;
                if !response.status().is_success() {
                    // A list emptied meanwhile, or a page that went away: not in the mirror.
                    return anyhow::Ok(None);
                }
                let bytes = axum::body::to_bytes(response.into_body(), 64 << 20).await?;
                // Digest, compression and writing on the blocking pool, so both cores do it.
                let done = tokio::task::spawn_blocking(move || {
                    let digest = digest(&bytes);
                    let same = previous.as_ref() == Some(&digest) && out.join(&file).is_file();
                    if !same {
                        write_with_copies(&out.join(&file), &bytes, copies)?;
                    }
                    anyhow::Ok((file, digest, !same))
                })
                .await??;
                anyhow::Ok(Some(done))
            });
        }
        let Some(done) = tasks.join_next().await else {
            break;
        };
        progress.inc(1);
        let Some((file, digest, written)) = done?? else {
            continue;
        };
        if written {
            summary.written += 1;
        } else {
            summary.unchanged += 1;
        }
        files.insert(file, digest);
    }
    progress.finish_and_clear();
    // Posts not asked for again keep their files and digests.
    for file in kept_posts {
        if let Some(digest) = old.files.get(&file) {
            files.insert(file, digest.clone());
            summary.unchanged += 1;
        }
    }
    for gone in old.files.keys().filter(|f| !files.contains_key(*f)) {
        for name in [gone.clone(), format!("{gone}.gz"), format!("{gone}.br")] {
            if std::fs::remove_file(out.join(&name)).is_ok() && &name == gone {
                summary.removed += 1;
            }
        }
    }
    summary.media = copy_media(&data.join("media"), &out.join("media"))?;
    let manifest = Manifest { seq, files };
    std::fs::write(&manifest_path, serde_json::to_vec(&manifest)?)?;
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(summary)
}

/// The posts the outbox names since `seq`, or `None` when a change there touches every page
/// (settings, static pages, imports, anything unknown).
async fn changed_posts(store: &Store, mut seq: i64) -> Result<Option<BTreeSet<String>>> {
    let mut touched = minbar_web::cache::Touched::default();
    loop {
        let changes = minbar_store::outbox::since(store, seq, 1000).await?;
        let Some(last) = changes.last() else { break };
        seq = last.seq;
        for change in &changes {
            touched.add(change);
        }
        if touched.everything {
            return Ok(None);
        }
    }
    Ok(Some(
        touched.paths().into_iter().map(str::to_owned).collect(),
    ))
}

/// An address to ask for (encoded, as a link has it) and the file it is written to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Address {
    url: String,
    file: String,
}

impl Address {
    /// One of the site's addresses and its file.
    fn to_file(address: &minbar_web::addresses::Address) -> Self {
        Address {
            url: address.url.clone(),
            file: file_of(&address.path),
        }
    }
}

/// The file a stored path is written to: directories get `index.html`, paths without an
/// extension get `index.html` inside a directory of that name, so a static server configured
/// with `try_files $uri $uri/index.html` serves them.
fn file_of(path: &str) -> String {
    let relative = path.trim_start_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        return format!("{relative}index.html");
    }
    let last = relative.rsplit('/').next().unwrap_or(relative);
    // Feeds at Blogger's addresses (`feeds/posts/default`) are files; labels are directories.
    if last.contains('.') || relative.starts_with("feeds/") {
        relative.to_owned()
    } else {
        format!("{relative}/index.html")
    }
}

/// The digest the manifest compares files by.
fn digest(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `bytes` and, with `copies`, its `.gz` and `.br` copies, each through a temporary name,
/// so a static server never sends half a file.
fn write_with_copies(path: &Path, bytes: &[u8], copies: bool) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let encodings: [(Option<&str>, Encoding); 3] = [
        (None, Encoding::Identity),
        (Some("gz"), Encoding::Gzip),
        (Some("br"), Encoding::Brotli),
    ];
    let wanted = if copies {
        &encodings[..]
    } else {
        &encodings[..1]
    };
    for &(suffix, encoding) in wanted {
        let target: PathBuf = match suffix {
            None => path.to_owned(),
            Some(suffix) => {
                let mut name = path.as_os_str().to_owned();
                name.push(".");
                name.push(suffix);
                name.into()
            }
        };
        let body = match encoding {
            Encoding::Identity => axum::body::Bytes::copy_from_slice(bytes),
            other => compress(other, bytes),
        };
        let mut partial = target.as_os_str().to_owned();
        partial.push(".partial");
        std::fs::write(&partial, &body)
            .with_context(|| format!("cannot write {}", target.display()))?;
        std::fs::rename(&partial, &target)?;
    }
    Ok(())
}

/// Copies uploaded images that are new or changed; returns how many were copied.
fn copy_media(from: &Path, to: &Path) -> Result<usize> {
    let Ok(entries) = std::fs::read_dir(from) else {
        return Ok(0);
    };
    std::fs::create_dir_all(to)?;
    let mut copied = 0;
    for entry in entries.flatten() {
        let source = entry.path();
        if !source.is_file() {
            continue;
        }
        let target = to.join(entry.file_name());
        let same = std::fs::metadata(&target)
            .ok()
            .zip(entry.metadata().ok())
            .is_some_and(|(t, s)| t.len() == s.len() && t.modified().ok() >= s.modified().ok());
        if !same {
            std::fs::copy(&source, &target)?;
            copied += 1;
        }
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_become_files_a_static_server_finds() {
        assert_eq!(file_of("/"), "index.html");
        assert_eq!(file_of("/2017/08/"), "2017/08/index.html");
        assert_eq!(file_of("/2017/08/خبر.html"), "2017/08/خبر.html");
        assert_eq!(
            file_of("/search/label/منبج"),
            "search/label/منبج/index.html"
        );
        assert_eq!(file_of("/feeds/posts/default"), "feeds/posts/default");
        assert_eq!(file_of("/sitemap.xml"), "sitemap.xml");
        assert_eq!(file_of("/page/2/"), "page/2/index.html");
        assert_eq!(file_of("/2017/08/page/2/"), "2017/08/page/2/index.html");
        let label = Address::to_file(&minbar_web::addresses::Address::label("سوريا/حلب", 1));
        assert_eq!(
            label.url,
            "/search/label/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7%2F%D8%AD%D9%84%D8%A8"
        );
        assert_eq!(label.file, "search/label/سوريا/حلب/index.html");
        let older = Address::to_file(&minbar_web::addresses::Address::label("منبج", 2));
        assert_eq!(older.file, "search/label/منبج/page/2/index.html");
    }
}
