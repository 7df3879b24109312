//! Every public address of the site, in one list: the fixed documents (home, feeds, sitemaps,
//! robots.txt, stylesheet and script), static pages, sitemap parts, list pages with each of their
//! older pages, monthly archives, labels, then the published posts. `minbar build` asks the
//! router for each of them to write the static mirror, so a page the site links to and this list
//! misses is a dead link in the mirror.
//!
//! The arithmetic is shared with the pages that link to these addresses, never repeated: a
//! list's pages come from [`page_count`] and [`list_page`], which the pager uses too, and the
//! sitemap parts from [`sitemap_parts`], which the sitemap index names.
//!
//! Older pages of a list are paths, so a static host finds them as files: the list's address
//! without its trailing slash, then `/page/N/` (`/page/2/`, `/2017/08/page/2/`,
//! `/search/label/منبج/page/2/`). A label whose name holds `/page/N` therefore shares its
//! mirror directory with another label's page; the server tells them apart by the encoded `%2F`.

use crate::views::{encode_path, label_url};
use minbar_store::{Store, StoreError};
use std::collections::BTreeMap;

/// Posts on each page of a list (home, label, month).
pub const PER_PAGE: i64 = 10;
/// The most URLs one sitemap file may hold (sitemaps.org).
pub const URLS_PER_SITEMAP: i64 = 50_000;

/// Documents at fixed addresses, whatever the site holds.
const FIXED: [&str; 14] = [
    "/",
    "/corrections/",
    "/robots.txt",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/atom.xml",
    "/rss.xml",
    "/feed.json",
    "/feeds/posts/default",
    "/feeds/posts/summary",
    "/feeds/comments/default",
    "/feeds/pages/default",
    "/static/minbar.css",
    "/static/minbar.js",
];

/// One public address: `url` as a link has it (percent-encoded) and `path`, the same address
/// unencoded, from which a mirror names its file. They differ beyond encoding only for a label
/// whose name holds a `/`: the link encodes it as `%2F`, the path keeps it, and a static server
/// decodes the link and finds the file under the directories the name makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub url: String,
    pub path: String,
}

impl Address {
    /// A stored (unencoded) path.
    pub fn of(path: &str) -> Self {
        Address {
            url: encode_path(path),
            path: path.to_owned(),
        }
    }

    /// Page `page` (from 1) of a label's list.
    pub fn label(name: &str, page: i64) -> Self {
        Address {
            url: list_page(&label_url(name), page),
            path: list_page(&format!("/search/label/{name}"), page),
        }
    }
}

/// Every public address of a site: `lists` holds all but the posts, which a build asks for
/// again every time; `posts` holds each published post's stored path, oldest first, which a
/// build skips when the post did not change.
#[derive(Debug, Clone, Default)]
pub struct SiteAddresses {
    pub lists: Vec<Address>,
    pub posts: Vec<String>,
}

/// What the address list is made from, read from the store.
#[derive(Debug, Clone, Default, PartialEq)]
struct Inventory {
    /// Slugs of the static pages.
    pages: Vec<String>,
    /// Each label with its published posts.
    labels: Vec<(String, i64)>,
    /// Published posts per month (`(year, month)` on the site's calendar, as the monthly archive
    /// reads them).
    months: BTreeMap<(i16, i8), i64>,
    /// Published posts.
    published: i64,
    /// Published posts in the site's own language, which the home page lists.
    home: i64,
    /// Published posts in each other language, which `/ckb/` and its feeds list.
    languages: BTreeMap<String, i64>,
}

/// Reads the site's public addresses from the store.
pub async fn all(store: &Store) -> Result<SiteAddresses, StoreError> {
    let mut inventory = Inventory {
        pages: minbar_store::pages::all(store)
            .await?
            .into_iter()
            .map(|page| page.slug.as_str().to_owned())
            .collect(),
        labels: minbar_store::labels::all_with_counts(store)
            .await?
            .into_iter()
            .map(|(label, count)| (label.name, count))
            .collect(),
        ..Inventory::default()
    };
    let (zone, language) = match minbar_store::site::get(store).await {
        Ok(site) => (site.zone(), site.language().to_owned()),
        Err(StoreError::NotInitialized) => (jiff::tz::TimeZone::UTC, "ar".to_owned()),
        Err(error) => return Err(error),
    };
    let mut posts = Vec::new();
    loop {
        let batch = minbar_store::posts::addresses(store, posts.len() as i64, 5_000).await?;
        if batch.is_empty() {
            break;
        }
        for address in batch {
            if let Some(month) = month_of(&zone, address.published_at) {
                *inventory.months.entry(month).or_default() += 1;
            }
            match address.language {
                Some(other) if other != language => {
                    *inventory.languages.entry(other).or_default() += 1;
                }
                _ => inventory.home += 1,
            }
            posts.push(address.path);
        }
    }
    inventory.published = posts.len() as i64;
    Ok(SiteAddresses {
        lists: lists(&inventory),
        posts,
    })
}

/// Every address but the posts'.
fn lists(inventory: &Inventory) -> Vec<Address> {
    let mut lists: Vec<Address> = FIXED.iter().map(|path| Address::of(path)).collect();
    lists.extend(
        (2..=page_count(inventory.home, PER_PAGE)).map(|n| Address::of(&list_page("/", n))),
    );
    for (language, &count) in &inventory.languages {
        let home = format!("/{language}/");
        lists.extend((1..=page_count(count, PER_PAGE)).map(|n| Address::of(&list_page(&home, n))));
        for variant in ["default", "summary"] {
            lists.push(Address::of(&format!("{home}feeds/posts/{variant}")));
        }
    }
    lists.extend(
        inventory
            .pages
            .iter()
            .map(|slug| Address::of(&format!("/p/{slug}.html"))),
    );
    lists.extend(
        sitemap_parts(inventory.published, inventory.pages.len() as i64)
            .iter()
            .map(|path| Address::of(path)),
    );
    for (&(year, month), &count) in &inventory.months {
        let month = format!("/{year:04}/{month:02}/");
        lists.extend((1..=page_count(count, PER_PAGE)).map(|n| Address::of(&list_page(&month, n))));
    }
    for (name, count) in &inventory.labels {
        lists.extend((1..=page_count(*count, PER_PAGE)).map(|n| Address::label(name, n)));
    }
    lists
}

/// The month on the site's calendar a post published at `seconds` is listed under, for years
/// written with four digits, as the monthly archive's address has them.
fn month_of(zone: &jiff::tz::TimeZone, seconds: i64) -> Option<(i16, i8)> {
    let date = minbar_content::clock::local(zone, seconds).date();
    (1000..=9999)
        .contains(&date.year())
        .then(|| (date.year(), date.month()))
}

/// How many pages a list of `total` posts takes, `per_page` to a page; an empty list still has
/// its first page.
pub fn page_count(total: i64, per_page: i64) -> i64 {
    ((total + per_page - 1) / per_page.max(1)).max(1)
}

/// The address of page `page` of the list at `base` (encoded or not): the list itself for the
/// first, else `base` without its trailing slash followed by `/page/N/`.
pub fn list_page(base: &str, page: i64) -> String {
    if page <= 1 {
        base.to_owned()
    } else {
        format!("{}/page/{page}/", base.trim_end_matches('/'))
    }
}

/// The files a sitemap of `posts` published posts and `pages` static pages is split into, in
/// the order the sitemap index lists them: none while everything (with the home page) fits in
/// one file, else the pages' file then one file per [`URLS_PER_SITEMAP`] posts.
pub fn sitemap_parts(posts: i64, pages: i64) -> Vec<String> {
    let Some(files) = post_files(posts, pages) else {
        return Vec::new();
    };
    std::iter::once("/sitemap-pages.xml".to_owned())
        .chain((1..=files).map(|n| format!("/sitemap-posts/{n}.xml")))
        .collect()
}

/// How many post files the sitemap is split into for `posts` published posts, when the whole
/// site (posts, `pages` and the home page) does not fit in one file.
pub fn post_files(posts: i64, pages: i64) -> Option<i64> {
    let all = posts + pages + 1;
    (all > URLS_PER_SITEMAP).then(|| (posts + URLS_PER_SITEMAP - 1) / URLS_PER_SITEMAP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_pages_of_a_list_are_paths() {
        let check = |base: &str, page: i64, expected: &str| {
            assert_eq!(list_page(base, page), expected, "{base} page {page}");
        };
        check("/", 1, "/");
        check("/", 2, "/page/2/");
        check("/2017/08/", 3, "/2017/08/page/3/");
        check("/search/label/منبج", 1, "/search/label/منبج");
        check("/search/label/منبج", 2, "/search/label/منبج/page/2/");
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_count(25, 10), 3);
    }

    #[test]
    fn a_label_keeps_its_slash_in_the_path_and_encodes_it_in_the_link() {
        let label = Address::label("سوريا/حلب", 1);
        assert_eq!(
            label.url,
            "/search/label/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7%2F%D8%AD%D9%84%D8%A8"
        );
        assert_eq!(label.path, "/search/label/سوريا/حلب");
        let second = Address::label("سوريا/حلب", 2);
        assert_eq!(
            second.url,
            "/search/label/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7%2F%D8%AD%D9%84%D8%A8/page/2/"
        );
        assert_eq!(second.path, "/search/label/سوريا/حلب/page/2/");
    }

    /// A site of `posts` published posts (in one month, under one label) and three pages.
    fn site_of(posts: i64) -> Inventory {
        Inventory {
            pages: vec!["about".into(), "contact".into(), "ethics".into()],
            labels: vec![("منبج".into(), posts)],
            months: BTreeMap::from([((2017, 8), posts)]),
            published: posts,
            home: posts,
            languages: BTreeMap::new(),
        }
    }

    #[test]
    fn each_other_language_has_its_home_pages_and_feeds() {
        let mut site = site_of(25);
        site.home = 11;
        site.languages = BTreeMap::from([("ckb".to_owned(), 14)]);
        let paths: Vec<String> = lists(&site).into_iter().map(|a| a.path).collect();
        for expected in [
            "/page/2/",
            "/ckb/",
            "/ckb/page/2/",
            "/ckb/feeds/posts/default",
            "/ckb/feeds/posts/summary",
        ] {
            assert!(paths.iter().any(|p| p == expected), "{expected}: {paths:?}");
        }
        assert!(!paths.iter().any(|p| p == "/page/3/" || p == "/ckb/page/3/"));
    }

    #[test]
    fn the_sitemap_splits_only_past_fifty_thousand_urls() {
        assert_eq!(post_files(10, 3), None);
        assert_eq!(post_files(49_996, 3), None);
        assert_eq!(post_files(49_997, 3), Some(1));
        assert_eq!(post_files(50_001, 0), Some(2));
        assert_eq!(post_files(120_000, 5), Some(3));
    }

    #[test]
    fn the_sitemap_is_split_past_fifty_thousand_urls_and_every_part_is_listed() {
        let check = |posts: i64, expected: &[&str]| {
            let parts = sitemap_parts(posts, 3);
            assert_eq!(parts, expected, "{posts} posts");
            let paths: Vec<String> = lists(&site_of(posts)).into_iter().map(|a| a.path).collect();
            for part in &parts {
                assert!(paths.contains(part), "{part} missing for {posts} posts");
            }
        };
        check(49_996, &[]);
        check(49_997, &["/sitemap-pages.xml", "/sitemap-posts/1.xml"]);
        check(49_999, &["/sitemap-pages.xml", "/sitemap-posts/1.xml"]);
        check(50_000, &["/sitemap-pages.xml", "/sitemap-posts/1.xml"]);
        check(
            50_001,
            &[
                "/sitemap-pages.xml",
                "/sitemap-posts/1.xml",
                "/sitemap-posts/2.xml",
            ],
        );
        check(
            100_001,
            &[
                "/sitemap-pages.xml",
                "/sitemap-posts/1.xml",
                "/sitemap-posts/2.xml",
                "/sitemap-posts/3.xml",
            ],
        );
    }

    #[test]
    fn every_address_the_sitemap_index_names_is_listed() {
        let base = "https://manbij.example";
        for posts in [49_999, 50_000, 50_001, 100_001, 250_000] {
            let index = crate::routes::public::seo::sitemap_index(base, &sitemap_parts(posts, 3));
            let named: Vec<&str> = index
                .split("<loc>")
                .skip(1)
                .filter_map(|rest| rest.split("</loc>").next())
                .collect();
            assert_eq!(
                named.len() as i64,
                1 + (posts + URLS_PER_SITEMAP - 1) / URLS_PER_SITEMAP,
                "{index}"
            );
            let urls: Vec<String> = lists(&site_of(posts))
                .into_iter()
                .map(|a| format!("{base}{}", a.url))
                .collect();
            for loc in named {
                assert!(
                    urls.iter().any(|u| u == loc),
                    "{loc} not listed for {posts} posts"
                );
            }
        }
    }

    #[test]
    fn every_page_of_every_list_is_listed_once() {
        let paths: Vec<String> = lists(&site_of(25)).into_iter().map(|a| a.path).collect();
        for expected in [
            "/",
            "/page/2/",
            "/page/3/",
            "/p/about.html",
            "/2017/08/",
            "/2017/08/page/3/",
            "/search/label/منبج",
            "/search/label/منبج/page/3/",
        ] {
            assert!(paths.contains(&expected.to_owned()), "{expected} missing");
        }
        assert!(!paths.iter().any(|p| p.ends_with("/page/4/")));
        let mut unique = paths.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), paths.len());
    }

    #[test]
    fn posts_are_listed_under_their_local_month() {
        // 2017-08-31T23:30:00Z, then 2017-09-01T00:30:00Z.
        let utc = jiff::tz::TimeZone::UTC;
        assert_eq!(month_of(&utc, 1_504_222_200), Some((2017, 8)));
        assert_eq!(month_of(&utc, 1_504_225_800), Some((2017, 9)));
        let baghdad = minbar_content::clock::zone("Asia/Baghdad").unwrap();
        assert_eq!(month_of(&baghdad, 1_504_222_200), Some((2017, 9)));
    }
}
