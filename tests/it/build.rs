//! `minbar build`: every file is what the server sends for its address, the compressed copies
//! decode to it, a second build writes only what changed and removes what went away, and a
//! list's "older posts" link leads to a file holding the older posts.

use crate::harness::{Server, Site, fetch, get};
use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

/// Every file under `dir` (relative, `/`-separated), without the compressed copies.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(&next).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if !relative.ends_with(".gz")
                    && !relative.ends_with(".br")
                    && !relative.starts_with('.')
                {
                    out.push(relative);
                }
            }
        }
    }
    out.sort();
    out
}

/// The address a file answers.
fn address(file: &str) -> String {
    let path = match file.strip_suffix("index.html") {
        Some("") => "/".to_owned(),
        // A label's first page has no trailing slash, as on the hosted service; its older pages
        // (`…/page/2/`) have one, like every other list page.
        Some(dir) if dir.starts_with("search/") && !is_older_page(dir) => {
            format!("/{}", dir.trim_end_matches('/'))
        }
        Some(dir) => format!("/{dir}"),
        None => format!("/{file}"),
    };
    crate::harness::encode(&path)
}

/// Whether a directory is a list's older page, `…/page/N/`.
fn is_older_page(dir: &str) -> bool {
    let mut parts = dir.trim_end_matches('/').rsplit('/');
    let number = parts.next().is_some_and(|n| n.parse::<u32>().is_ok());
    number && parts.next() == Some("page")
}

/// The file a static host serves for a link in the mirror, as nginx's
/// `try_files $uri $uri/index.html` finds it: the decoded path as a file, else its `index.html`.
fn served_file(out: &Path, href: &str) -> Option<String> {
    assert!(href.starts_with('/'), "{href} is not a path on the site");
    let path = percent_encoding::percent_decode_str(href.split('?').next().unwrap_or(href))
        .decode_utf8()
        .unwrap()
        .into_owned();
    let relative = path.trim_start_matches('/');
    [
        relative.to_owned(),
        format!("{}/index.html", relative.trim_end_matches('/')),
    ]
    .into_iter()
    .find(|candidate| !candidate.is_empty() && out.join(candidate).is_file())
}

/// Asks the server for every file of the mirror: each is the bytes the server sends for its
/// address, and its `.gz` and `.br` copies decode to them.
async fn assert_served_alike(out: &Path, listed: &[String], server: &Server) {
    let client = reqwest::Client::new();
    for file in listed {
        let url = server.url(&address(file));
        let response = fetch(&client, &url).await;
        assert_eq!(response.status(), 200, "{file} → {url}");
        let served = response.bytes().await.unwrap();
        let bytes = std::fs::read(out.join(file)).unwrap();
        assert!(served[..] == bytes[..], "{file} differs from {url}");
        let mut gz = Vec::new();
        flate2::read::GzDecoder::new(&std::fs::read(out.join(format!("{file}.gz"))).unwrap()[..])
            .read_to_end(&mut gz)
            .unwrap();
        assert_eq!(gz, bytes, "{file}.gz");
        let mut br = Vec::new();
        brotli::BrotliDecompress(
            &mut &std::fs::read(out.join(format!("{file}.br"))).unwrap()[..],
            &mut br,
        )
        .unwrap();
        assert_eq!(br, bytes, "{file}.br");
    }
}

fn built(out: &str) -> (usize, usize, usize) {
    let number = |word: &str| {
        out.split(',')
            .chain(out.split(':'))
            .find_map(|part| {
                let part = part.trim();
                part.strip_suffix(word)
                    .and_then(|n| n.trim().rsplit(' ').next().and_then(|n| n.parse().ok()))
            })
            .unwrap_or_else(|| panic!("no '{word}' in {out}"))
    };
    (number("written"), number("unchanged"), number("removed"))
}

#[tokio::test]
async fn the_mirror_is_what_the_server_sends_and_rebuilds_only_what_changed() {
    let (dir, site, paths) = site_with_posts(5, &"نص الخبر عن السوق والجسر. ".repeat(20));
    let out = dir.path().join("mirror");
    let out_arg = out.to_string_lossy().into_owned();
    let first = site.run(&["build", "--out", &out_arg]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let (written, unchanged, _) = built(&String::from_utf8_lossy(&first.stderr));
    assert_eq!(unchanged, 0);

    let server = site.serve();
    let listed = files(&out);
    assert_eq!(listed.len(), written);
    assert_served_alike(&out, &listed, &server).await;
    drop(server);

    // Nothing changed: nothing is written.
    let again = site.run(&["build", "--out", &out_arg]);
    let (written, unchanged, removed) = built(&String::from_utf8_lossy(&again.stderr));
    assert_eq!(
        (written, removed),
        (0, 0),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(unchanged, listed.len());

    // One post deleted: its page goes, the lists that showed it are written again, the other
    // posts' pages are not touched.
    site.ok(&["post", "delete", &paths[4]]);
    let third = site.run(&["build", "--out", &out_arg]);
    let stderr = String::from_utf8_lossy(&third.stderr).into_owned();
    let (written, _, removed) = built(&stderr);
    assert_eq!(removed, 1, "{stderr}");
    assert!(written >= 1 && written < listed.len() - 4, "{stderr}");
    assert_eq!(files(&out).len(), listed.len() - 1);
}

#[test]
fn a_site_without_a_public_address_is_refused_clearly() {
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    let out = dir.path().join("mirror");
    let err = site.fails(&["build", "--out", &out.to_string_lossy()]);
    assert!(err.contains("--base-url"), "{err}");
}

/// A site with a public address and `count` posts of `body` under one label; returns their
/// paths.
fn site_with_posts(count: usize, body: &str) -> (tempfile::TempDir, Site, Vec<String>) {
    let (dir, site) = Site::fresh();
    site.ok(&[
        "init",
        "--title",
        "منبج اليوم",
        "--base-url",
        "https://manbij.example",
        "--moderation",
        "open",
    ]);
    let paths = (1..=count)
        .map(|n| {
            let title = format!("خبر رقم {n} عن #منبج");
            let path = site.ok(&["post", "new", "--title", &title, "--body", body]);
            path.trim().to_owned()
        })
        .collect();
    (dir, site, paths)
}

/// A site of 25 posts under one label, more than a list's page (10) holds, and its mirror.
fn site_of_25_posts() -> (tempfile::TempDir, Site, std::path::PathBuf) {
    let (dir, site, _) = site_with_posts(25, "نص الخبر عن السوق والجسر.");
    let out = dir.path().join("mirror");
    site.ok(&["build", "--out", &out.to_string_lossy()]);
    (dir, site, out)
}

/// The posts a list page shows (their links) and its "older posts" link.
fn list_page(html: &str) -> (Vec<String>, Option<String>) {
    let html = Html::parse_document(html);
    let cards = Selector::parse("main .card-title a").unwrap();
    let older = Selector::parse("nav.pagination a[rel=next]").unwrap();
    let posts = html
        .select(&cards)
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    let older = html
        .select(&older)
        .next()
        .and_then(|a| a.value().attr("href").map(str::to_owned));
    (posts, older)
}

#[tokio::test]
async fn older_posts_links_in_the_mirror_lead_to_files_listing_the_older_posts() {
    let (_dir, site, out) = site_of_25_posts();
    for first in ["index.html", "search/label/منبج/index.html"] {
        let mut file = first.to_owned();
        let mut seen = BTreeSet::new();
        let mut pages = 0;
        loop {
            pages += 1;
            let (posts, older) = list_page(&std::fs::read_to_string(out.join(&file)).unwrap());
            assert_eq!(posts.len(), if pages < 3 { 10 } else { 5 }, "{file}");
            for post in posts {
                assert!(seen.insert(post.clone()), "{post} shown again on {file}");
                assert!(
                    served_file(&out, &post).is_some(),
                    "{post} not in the mirror"
                );
            }
            let Some(href) = older else { break };
            file = served_file(&out, &href)
                .unwrap_or_else(|| panic!("{file} links {href}, which no file answers"));
        }
        assert_eq!((pages, seen.len()), (3, 25), "from {first}");
    }
    assert!(out.join("page/2/index.html").is_file());
    assert!(out.join("page/3/index.html").is_file());
    assert!(!out.join("page/4").exists());

    // Every file of the mirror, older pages included, is what the server sends.
    let server = site.serve();
    assert_served_alike(&out, &files(&out), &server).await;
}

#[tokio::test]
async fn list_pages_answer_by_path_and_by_query_alike() {
    let (_dir, site, out) = site_of_25_posts();
    let server = site.serve();
    let client = reqwest::Client::new();
    // The month the posts were published in, as the mirror wrote its archive.
    let month = files(&out)
        .into_iter()
        .find_map(|file| {
            let month = file.strip_suffix("index.html")?;
            let digits = month.bytes().filter(u8::is_ascii_digit).count();
            (month.len() == 8 && digits == 6).then(|| format!("/{month}"))
        })
        .expect("no monthly archive in the mirror");
    let label = crate::harness::encode("/search/label/منبج");
    for (by_path, by_query) in [
        ("/page/2/".to_owned(), "/?page=2".to_owned()),
        ("/page/3/".to_owned(), "/?page=3".to_owned()),
        (format!("{label}/page/2/"), format!("{label}?page=2")),
        (format!("{month}page/3/"), format!("{month}?page=3")),
    ] {
        let (status, path_page) = get(&client, &server.url(&by_path)).await;
        assert_eq!(status, 200, "{by_path}");
        let (status, query_page) = get(&client, &server.url(&by_query)).await;
        assert_eq!(status, 200, "{by_query}");
        assert_eq!(path_page, query_page, "{by_path} and {by_query} differ");
        assert_eq!(
            list_page(&path_page).0.len(),
            if by_path.contains("/3/") { 5 } else { 10 }
        );
    }
    // The pager links the path form; the hosted service's parameters keep the query form.
    let (_, second) = get(&client, &server.url("/page/2/")).await;
    assert_eq!(list_page(&second).1.as_deref(), Some("/page/3/"));
    let (_, hosted) = get(&client, &server.url(&format!("{label}?max-results=5"))).await;
    assert_eq!(
        list_page(&hosted).1,
        Some(format!("{label}?max-results=5&page=2"))
    );
    // A page past the last, or not a page, is not found by path; by query it stays an empty page.
    for missing in [
        "/page/4/",
        "/page/0/",
        "/page/x/",
        &format!("{label}/page/9/"),
    ] {
        let (status, _) = get(&client, &server.url(missing)).await;
        assert_eq!(status, 404, "{missing}");
    }
    let (status, _) = get(&client, &server.url("/?page=4")).await;
    assert_eq!(status, 200);
}
