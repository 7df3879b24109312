//! Bringing an imported site's photos home: `minbar import wxr|blogger --media fetch|DIR` and
//! `minbar media fetch-remote` against a local image server that stands in for the old hosts,
//! serving the shared samples' images at their original paths (nothing is fetched from the
//! internet). Every photo is stored once, with no metadata left (read by exiftool); an import
//! stopped halfway and started again fetches nothing twice; and each hostile answer (404, HTML,
//! a decompression bomb, a redirect loop, an endless body, a 2 GB file, a private address) is
//! refused with its reason while the post stays readable.

use crate::harness::{Site, browser, get, shared_file};
use crate::media::{exiftool, metadata, phone_photo};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A stand-in for the old hosts: any image path gets a JPEG with GPS and camera tags (the same
/// pixels, distinct bytes per path), `/bad/…` paths answer as hostile hosts do.
struct ImageHost {
    port: u16,
    served: Arc<Mutex<HashMap<String, usize>>>,
    /// While set, image requests wait (an import can be stopped with fetches in flight).
    hold: Arc<AtomicBool>,
}

impl ImageHost {
    fn start(photo: Vec<u8>) -> ImageHost {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let served = Arc::new(Mutex::new(HashMap::new()));
        let hold = Arc::new(AtomicBool::new(false));
        let (counts, held) = (served.clone(), hold.clone());
        let photo = Arc::new(photo);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (counts, held, photo) = (counts.clone(), held.clone(), photo.clone());
                std::thread::spawn(move || answer(stream, &counts, &held, &photo));
            }
        });
        ImageHost { port, served, hold }
    }

    fn base(&self) -> String {
        format!("http://localhost:{}", self.port)
    }

    fn served(&self) -> HashMap<String, usize> {
        self.served.lock().unwrap().clone()
    }

    fn images_served(&self) -> usize {
        self.served()
            .iter()
            .filter(|(p, _)| !p.starts_with("/bad/"))
            .map(|(_, n)| n)
            .sum()
    }
}

fn answer(
    mut stream: TcpStream,
    counts: &Mutex<HashMap<String, usize>>,
    hold: &AtomicBool,
    photo: &[u8],
) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16_384 {
        if stream.read(&mut byte).unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let path = head.split(' ').nth(1).unwrap_or("/").to_owned();
    let count = |path: &str| *counts.lock().unwrap().entry(path.to_owned()).or_default() += 1;
    if path.starts_with("/bad/") {
        count(&path);
    }
    let reply = |stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]| {
        let _ = write!(
            stream,
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(body);
    };
    match path.as_str() {
        "/bad/missing.jpg" => reply(&mut stream, "404 Not Found", "text/html", b"<h1>404</h1>"),
        "/bad/page.jpg" => reply(
            &mut stream,
            "200 OK",
            "text/html; charset=utf-8",
            b"<html><body>login</body></html>",
        ),
        "/bad/bomb.png" => {
            // A PNG that claims 50,000 x 50,000 pixels in a few bytes.
            reply(&mut stream, "200 OK", "image/png", &bomb());
        }
        "/bad/loop.jpg" => {
            let _ = write!(
                stream,
                "HTTP/1.1 302 Found\r\nLocation: /bad/loop.jpg\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
        "/bad/huge.jpg" => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 2147483648\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(&photo[..64]);
        }
        "/bad/endless.jpg" => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(&photo[..2]);
            // Bytes for ever (until the client hangs up), as fast as they are taken.
            let chunk = [0u8; 65_536];
            while stream.write_all(&chunk).is_ok() {}
        }
        "/bad/slow.jpg" => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nConnection: close\r\n\r\n"
            );
            // A byte a tenth of a second, for ever: only a time limit ends it.
            while stream.write_all(&photo[..1]).is_ok() {
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        _ => {
            // A request that came while the host held answers is never answered: the import
            // that asked is stopped meanwhile.
            if hold.load(Ordering::SeqCst) {
                while hold.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(20));
                }
                return;
            }
            count(&path);
            // The same pixels, distinct bytes (after the end of the image) for each path.
            let mut bytes = photo.to_vec();
            bytes.extend_from_slice(path.as_bytes());
            reply(&mut stream, "200 OK", "image/jpeg", &bytes);
        }
    }
}

/// A PNG that claims 50,000 x 50,000 pixels (10 GB decoded) in a few bytes, its header whole
/// and checked, so only the decoder's limit can refuse it.
fn bomb() -> Vec<u8> {
    let mut header = b"IHDR".to_vec();
    header.extend_from_slice(&50_000u32.to_be_bytes());
    header.extend_from_slice(&50_000u32.to_be_bytes());
    header.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut crc = flate2::Crc::new();
    crc.update(&header);
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0d".to_vec();
    png.extend_from_slice(&header);
    png.extend_from_slice(&crc.sum().to_be_bytes());
    png
}

/// A 640 x 480 phone photo with GPS and camera tags, as bytes.
fn tagged_photo(exiftool: &str, dir: &Path) -> Vec<u8> {
    let path = dir.join("phone.jpg");
    phone_photo(exiftool, &path, 640, 480);
    std::fs::read(&path).unwrap()
}

/// The hostile images, as `<img>` tags (escaped for the export's CDATA as is), with the address
/// each is refused at and the words its reason must carry.
fn hostile(host: &ImageHost) -> Vec<(String, &'static str)> {
    let base = host.base();
    vec![
        (format!("{base}/bad/missing.jpg"), "not found (404)"),
        (
            format!("{base}/bad/page.jpg"),
            "not an image (the host sent text/html",
        ),
        (format!("{base}/bad/bomb.png"), "too large to open"),
        (
            format!("{base}/bad/loop.jpg"),
            "redirects go round in a loop",
        ),
        (format!("{base}/bad/huge.jpg"), "larger than 15728640 bytes"),
        (
            format!("{base}/bad/endless.jpg"),
            "larger than 15728640 bytes",
        ),
        (
            format!("http://127.0.0.1:{}/bad/private.jpg", host.port),
            "127.0.0.1 is a private or loopback address",
        ),
    ]
}

/// The theme unit test export with its image hosts moved to `host`, and the hostile images in
/// its last post.
fn wordpress_export(sample: &Path, host: &ImageHost, out: &Path) {
    let mut raw = std::fs::read_to_string(sample).unwrap();
    for old in [
        "https://wpthemetestdata.files.wordpress.com",
        "http://wpthemetestdata.files.wordpress.com",
        "https://upload.wikimedia.org",
    ] {
        raw = raw.replace(old, &host.base());
    }
    let bad: String = hostile(host)
        .iter()
        .map(|(url, _)| format!("<img src=\"{url}\" alt=\"\">"))
        .collect();
    // In the last post: fetched last, after every photo of the posts before it.
    let post = raw
        .rfind("<wp:post_type><![CDATA[post]]></wp:post_type>")
        .unwrap();
    let at = raw[..post].rfind("<content:encoded><![CDATA[").unwrap()
        + "<content:encoded><![CDATA[".len();
    raw.insert_str(at, &bad);
    std::fs::write(out, raw).unwrap();
}

/// Waits until the journal of `site` holds `stored` photos stored and `failed` refused, or
/// panics after a while.
async fn journal_reaches(site: &Site, stored: usize, failed: usize) {
    use minbar_store::remote_images::Tried;
    let mut counts = (0, 0);
    for _ in 0..600 {
        let store = minbar_store::Store::open(&site.data, None).await.unwrap();
        let journal = minbar_store::remote_images::journal(&store).await.unwrap();
        store.close().await;
        counts = journal.values().fold((0, 0), |(s, f), tried| match tried {
            Tried::Stored(_) => (s + 1, f),
            Tried::Failed(_) => (s, f + 1),
        });
        if counts.0 >= stored && counts.1 >= failed {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the journal has {counts:?}, not ({stored}, {failed})");
}

#[tokio::test]
async fn a_wordpress_site_brings_its_photos_once_and_refuses_what_is_hostile() {
    let Some(exiftool) = exiftool() else { return };
    let Some(sample) = shared_file("data/wxr/wordpress-importer_theme-unit-test-data.xml") else {
        return;
    };
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    let host = ImageHost::start(tagged_photo(exiftool, dir.path()));
    let export = dir.path().join("export.xml");
    wordpress_export(&sample, &host, &export);
    let args = [
        "import",
        "wxr",
        export.to_str().unwrap(),
        "--media",
        "fetch",
        "--allow-host",
        "localhost",
        "--parallel",
        "4",
    ];

    // Stopped halfway: the host holds its answers after ten photos (the fetches go in the
    // export's order, four at a time, so nothing further is asked), and the import is killed
    // once those ten are journaled.
    let mut first = site.command(&args).spawn().unwrap();
    while host.images_served() < 10 {
        assert!(
            first.try_wait().unwrap().is_none(),
            "the import ended early"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    host.hold.store(true, Ordering::SeqCst);
    // An answer that passed the hold just before it was set is counted by now.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let served_before = host.images_served();
    journal_reaches(&site, served_before, 0).await;
    first.kill().unwrap();
    first.wait().unwrap();
    host.hold.store(false, Ordering::SeqCst);

    // Started again, it finishes, fetching each photo once over both runs.
    let out = site.ok(&args);
    let served = host.served();
    let twice: Vec<_> = served.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "fetched twice: {twice:?}\n{out}");
    let photos = served.keys().filter(|p| !p.starts_with("/bad/")).count();
    assert!(photos > 30, "{photos} photos: {out}");
    assert!(out.contains("already here"), "{out}");
    for (url, why) in hostile(&host) {
        let line = out
            .lines()
            .find(|l| l.contains(&url))
            .unwrap_or_else(|| panic!("{url} is not reported: {out}"));
        assert!(line.contains(why), "{line}");
    }

    // A third import fetches nothing and changes nothing.
    let before = host.served();
    let again = site.ok(&args);
    assert_eq!(host.served(), before, "{again}");
    assert!(again.contains("images: 0 brought"), "{again}");
    assert!(again.contains("updated 0"), "{again}");

    // Every post reads its photos from the site; only the hostile ones keep the old address.
    let server = site.serve();
    let reader = browser();
    let listed = site.ok(&["post", "list"]);
    let mut media = std::collections::BTreeSet::new();
    let mut posts_read = 0;
    for path in listed.lines().filter_map(|l| l.split('\t').nth(4)) {
        let (status, page) = get(&reader, &server.url(path)).await;
        if status != 200 {
            continue; // drafts and scheduled posts
        }
        posts_read += 1;
        let html = scraper::Html::parse_document(&page);
        let images = scraper::Selector::parse("article img").unwrap();
        for img in html.select(&images) {
            let src = img.value().attr("src").unwrap_or_default();
            if src.starts_with("/media/") {
                media.insert(src.to_owned());
            } else {
                assert!(
                    !src.contains(&format!(":{}/", host.port)) || src.contains("/bad/"),
                    "{path} still shows {src}"
                );
            }
        }
    }
    assert!(
        posts_read > 10 && media.len() > 10,
        "{posts_read} posts, {media:?}"
    );

    // Served by Minbar, with no metadata at all.
    let mut files = Vec::new();
    for (i, src) in media.iter().enumerate() {
        let response = reader.get(server.url(src)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{src}");
        let file = dir.path().join(format!("served-{i}.jpg"));
        std::fs::write(&file, response.bytes().await.unwrap()).unwrap();
        files.push(file);
    }
    let files: Vec<&Path> = files.iter().map(|f| f.as_path()).collect();
    let found = metadata(exiftool, &files);
    assert!(found.trim().is_empty(), "metadata left: {found}");

    // The featured image of a post became its cover.
    let covers = listed
        .lines()
        .filter_map(|l| l.split('\t').nth(4))
        .filter(|p| p.contains("featured-image"))
        .collect::<Vec<_>>();
    let mut covered = 0;
    for path in covers {
        let (_, page) = get(&reader, &server.url(path)).await;
        covered += usize::from(page.contains("<figure class=\"cover\"><img src=\"/media/"));
    }
    assert!(covered > 0, "no post shows its featured image as a cover");
}

/// A Blogger post's photo in the shapes Blogger writes it: a thumbnail linking to the full size,
/// with a `srcset`, and the same photo at another size on another `bp` host.
fn blogger_photo(port: u16) -> String {
    let photo = "/-AbC/XyZ/AAAA/qq-1";
    format!(
        "<a href=\"http://1.bp.blogspot.com:{port}{photo}/s1600/souk.jpg\"><img src=\"http://1.bp.blogspot.com:{port}{photo}/s320/souk.jpg\" srcset=\"http://1.bp.blogspot.com:{port}{photo}/s640/souk.jpg 2x\" width=\"320\" height=\"240\"></a>\
         <p><img src=\"http://2.bp.blogspot.com:{port}{photo}/w640-h480/souk.jpg\"></p>"
    )
}

#[tokio::test]
async fn a_blogger_photo_in_many_sizes_is_stored_once_from_the_web_or_a_folder() {
    let Some(exiftool) = exiftool() else { return };
    let Some(sample) = shared_file("data/blogger/takeout-arabic-1.atom") else {
        return;
    };
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    let photo = tagged_photo(exiftool, dir.path());
    let host = ImageHost::start(photo.clone());
    let raw = std::fs::read_to_string(&sample).unwrap();
    let escaped = blogger_photo(host.port)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    // Into the first two live posts' bodies.
    let mut export = String::new();
    let mut rest = raw.as_str();
    for _ in 0..3 {
        let at = rest.find("<content type='html'>").unwrap() + "<content type='html'>".len();
        export.push_str(&rest[..at]);
        export.push_str(&escaped);
        rest = &rest[at..];
    }
    export.push_str(rest);
    let file = dir.path().join("feed.atom");
    std::fs::write(&file, &export).unwrap();

    let out = site.ok(&[
        "import",
        "blogger",
        file.to_str().unwrap(),
        "--media",
        "fetch",
        "--resolve",
        "1.bp.blogspot.com:127.0.0.1",
        "--resolve",
        "2.bp.blogspot.com:127.0.0.1",
        "--allow-host",
        "1.bp.blogspot.com",
        "--allow-host",
        "2.bp.blogspot.com",
    ]);
    // Every size, on both hosts, in every post: one fetch, of the original (`s0`).
    assert_eq!(
        host.served(),
        HashMap::from([("/-AbC/XyZ/AAAA/qq-1/s0/souk.jpg".to_owned(), 1)]),
        "{out}"
    );
    assert!(out.contains("images: 1 brought"), "{out}");
    let server = site.serve();
    let reader = browser();
    let listed = site.ok(&["post", "list"]);
    let mut seen = std::collections::BTreeSet::new();
    for path in listed.lines().filter_map(|l| l.split('\t').nth(4)) {
        let (_, page) = get(&reader, &server.url(path)).await;
        assert!(!page.contains("bp.blogspot.com"), "{path}");
        for piece in page.split("src=\"/media/").skip(1) {
            seen.insert(piece.split('"').next().unwrap().to_owned());
        }
    }
    assert_eq!(seen.len(), 1, "one stored photo: {seen:?}");
    let name = seen.into_iter().next().unwrap();
    assert!(name.ends_with("-640x480.jpg"), "{name}");

    // The same export with its photos in a folder (as Takeout gives them): nothing fetched.
    let (other_dir, other) = Site::fresh();
    other.ok(&["init", "--title", "منبج اليوم"]);
    let albums = other_dir.path().join("Takeout/Blogger/Albums/منبج");
    std::fs::create_dir_all(&albums).unwrap();
    std::fs::write(albums.join("souk.jpg"), &photo).unwrap();
    let served = host.served();
    let out = other.ok(&[
        "import",
        "blogger",
        file.to_str().unwrap(),
        "--media",
        other_dir.path().join("Takeout").to_str().unwrap(),
    ]);
    assert_eq!(host.served(), served, "a folder import fetches nothing");
    assert!(out.contains("images: 1 brought"), "{out}");
    let stored = std::fs::read_dir(other.data.join("media")).unwrap().count();
    assert!(stored >= 1, "{out}");

    // A folder that is not there is refused before anything is read.
    let error = other.fails(&[
        "import",
        "blogger",
        file.to_str().unwrap(),
        "--media",
        "/nowhere",
    ]);
    assert!(error.contains("neither `fetch` nor a folder"), "{error}");
}

#[tokio::test]
async fn a_site_already_imported_brings_its_remaining_photos() {
    let Some(exiftool) = exiftool() else { return };
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    let host = ImageHost::start(tagged_photo(exiftool, dir.path()));
    let base = host.base();
    let body = format!(
        "![السوق]({base}/2019/05/souk.jpg)\n\nنص الخبر.\n\n![](http://127.0.0.1:{}/x.jpg)\n\n![]({base}/bad/slow.jpg)",
        host.port
    );
    let path = site.post_new("حريق في السوق", &body, &[]);
    let path = path.trim();

    // Without the host allowed, a loopback address is refused, and the post is untouched.
    let out = site.ok(&["media", "fetch-remote"]);
    assert!(
        out.contains("localhost is a private or loopback address"),
        "{out}"
    );
    assert!(out.contains("0 now show the site's copies"), "{out}");
    assert!(host.served().is_empty());

    // Allowed, and asked to try again what failed: the photo comes home.
    let out = site.ok(&[
        "media",
        "fetch-remote",
        "--retry-failed",
        "--allow-host",
        "localhost",
        "--timeout",
        "1",
    ]);
    assert!(
        out.contains("/bad/slow.jpg: no whole answer within 1 s"),
        "a body that never ends is cut off: {out}"
    );
    assert!(out.contains("images: 1 brought"), "{out}");
    assert!(
        out.contains("1 now show the site's copies, 1 still show"),
        "{out}"
    );
    let server = site.serve();
    let (_, page) = get(&browser(), &server.url(path)).await;
    assert!(page.contains("src=\"/media/"), "{page}");
    assert!(!page.contains("/2019/05/souk.jpg"), "{page}");
    let id: i64 = site.first_listed_post_id().parse().unwrap();
    let store = minbar_store::Store::open(&site.data, None).await.unwrap();
    let (post, _) = minbar_store::posts::for_editing(&store, minbar_content::PostId(id))
        .await
        .unwrap()
        .unwrap();
    store.close().await;
    assert!(
        post.body_source.starts_with("![السوق](/media/"),
        "the source is rewritten too: {}",
        post.body_source
    );
}
