//! Moving a site over from Blogger through `minbar import blogger`: every article, comment and
//! label comes along, every old address answers, importing again changes nothing, and a broken
//! file leaves nothing half imported.

use crate::harness::{Site, browser, fetch, get, no_redirects, shared_file, shared_json};

fn new_site() -> (tempfile::TempDir, Site) {
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", "موقع جديد"]);
    (dir, site)
}

/// Writes `contents` to the file `name` in `dir` and imports it as `format`, which must fail;
/// returns what the import said.
fn import_fails(
    site: &Site,
    dir: &tempfile::TempDir,
    format: &str,
    name: &str,
    contents: &str,
) -> String {
    let file = dir.path().join(name);
    std::fs::write(&file, contents).unwrap();
    site.fails(&["import", format, file.to_str().unwrap()])
}

/// A new site that imported a WordPress export of the blog at `blog` holding `items` (written to
/// the file `name`), which must succeed; returns what the import said.
fn imported_wxr(name: &str, blog: &str, items: &str) -> (tempfile::TempDir, Site, String) {
    let (dir, site) = new_site();
    let file = dir.path().join(name);
    let contents = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>موقع</title><link>{blog}</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>{blog}</wp:base_blog_url>
{items}</channel></rss>"#
    );
    std::fs::write(&file, contents).unwrap();
    let out = site.ok(&["import", "wxr", file.to_str().unwrap()]);
    (dir, site, out)
}

/// Asserts that no post is there: a failed import left nothing half imported.
#[track_caller]
fn nothing_was_imported(site: &Site) {
    assert_eq!(
        site.ok(&["post", "list"]).lines().count(),
        0,
        "half imported"
    );
}

/// Asserts that a file declaring XML entities (a "billion laughs") is refused as `format`.
fn entities_are_refused(site: &Site, dir: &tempfile::TempDir, format: &str, laughs: &str) {
    let error = import_fails(site, dir, format, "laughs.xml", laughs);
    assert!(
        error.contains("entities") && error.contains("refused"),
        "{error}"
    );
}

#[tokio::test]
async fn a_blogger_site_moves_with_every_old_address() {
    let (Some(classic), Some(takeout), Some(expected)) = (
        shared_file("data/blogger/classic-arabic-1.xml"),
        shared_file("data/blogger/takeout-arabic-1.atom"),
        shared_json("data/blogger/expected-1.json"),
    ) else {
        return;
    };
    let (_dir, site) = new_site();
    let out = site.ok(&["import", "blogger", classic.to_str().unwrap()]);
    assert!(
        out.contains("11 posts") && out.contains("1 drafts") && out.contains("2 pages"),
        "{out}"
    );
    assert!(
        out.contains("14 comments") && out.contains("10 replies"),
        "{out}"
    );

    // Again, and from the other format of the same site: nothing changes.
    for file in [&classic, &takeout] {
        let again = site.ok(&["import", "blogger", file.to_str().unwrap()]);
        assert!(
            again.contains("imported: nothing new; updated 0"),
            "{again}"
        );
    }

    let server = site.serve();
    let client = browser();
    let (_, home) = get(&client, &server.url("/")).await;
    assert!(
        home.contains(expected["title"].as_str().unwrap()),
        "the site's title came along"
    );
    for (path, title) in expected["paths"].as_object().unwrap() {
        let url = server.url(&crate::harness::encode(path));
        let (status, page) = get(&client, &url).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            page.contains(title.as_str().unwrap()),
            "{path} does not show {title}"
        );
        // The hosted service's mobile and comment-link forms of the same address answer too.
        for query in ["?m=1", "?m=0", "?showComment=1500000000000"] {
            assert_eq!(
                get(&client, &format!("{url}{query}")).await.0,
                200,
                "{path}{query}"
            );
        }
    }
    for label in expected["labels"].as_array().unwrap() {
        let url = server.url(&format!(
            "/search/label/{}",
            crate::harness::encode(label.as_str().unwrap())
        ));
        assert_eq!(get(&client, &url).await.0, 200, "{label}");
    }
}

#[test]
fn every_public_blogger_sample_imports() {
    for name in [
        "pelican_bloggerexport.xml",
        "blogger2jekyll_blog-08-19-2012.xml",
        "google-blog-converters_blogger-sample2.xml",
        "blog-parser_blogger-sample.xml",
        "google-blog-converters_blogger-sample.xml",
    ] {
        let Some(file) = shared_file(&format!("data/blogger/{name}")) else {
            return;
        };
        let (_dir, site) = new_site();
        let out = site.ok(&["import", "blogger", file.to_str().unwrap()]);
        assert!(out.starts_with("imported:"), "{name}: {out}");
        let raw = std::fs::read_to_string(&file).unwrap();
        let posts_in_file = raw.matches("kind#post'").count() + raw.matches("kind#post\"").count();
        let listed = site.ok(&["post", "list"]).lines().count();
        assert_eq!(listed, posts_in_file, "{name}: posts");
    }
}

#[test]
fn broken_and_foreign_files_leave_nothing_behind() {
    let (dir, site) = new_site();
    let error = import_fails(
        &site,
        &dir,
        "blogger",
        "truncated.xml",
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>\n<entry><id>post-1</id>\n<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/><title>خبر</title><content type='html'>نص</content></entry>\n<entry><title>نص</titel>",
    );
    assert!(
        error.contains("line 4, column 17") && error.contains("nothing was imported"),
        "{error}"
    );
    nothing_was_imported(&site);

    let laughs = "<?xml version='1.0'?><!DOCTYPE feed [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]><feed>&b;</feed>";
    entities_are_refused(&site, &dir, "blogger", laughs);

    if let Some(wxr) = shared_file("data/wxr/wordpress-importer_valid-wxr-1.1.xml") {
        let error = site.fails(&["import", "blogger", wxr.to_str().unwrap()]);
        assert!(error.contains("minbar import wxr"), "{error}");
    }
}

/// The text of the first `<tag>…</tag>` in `xml`, CDATA unwrapped.
fn element<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = xml.find(&open)? + open.len();
    let end = start + xml[start..].find(&format!("</{tag}>"))?;
    let text = xml[start..end].trim();
    Some(
        text.strip_prefix("<![CDATA[")
            .and_then(|t| t.strip_suffix("]]>"))
            .unwrap_or(text),
    )
}

/// What a WXR file holds, counted by plain string scanning (not by the importer's reader).
#[derive(Debug, Default)]
struct WxrCounts {
    posts: usize,
    pages: usize,
    /// Readers' comments (not pings, spam or trash) on published posts.
    comments: usize,
    /// Links of published posts and pages, as paths on the site.
    links: Vec<String>,
}

fn count_wxr(raw: &str) -> WxrCounts {
    let base = element(raw, "wp:base_blog_url")
        .unwrap_or("")
        .trim_end_matches('/');
    let mut counts = WxrCounts::default();
    for item in raw.split("<item>").skip(1) {
        let kind = element(item, "wp:post_type").unwrap_or("");
        let status = element(item, "wp:status").unwrap_or("");
        let published = status == "publish";
        match kind {
            "post" if matches!(status, "publish" | "future" | "draft") => counts.posts += 1,
            "page" if published => counts.pages += 1,
            _ => continue,
        }
        if let Some(link) = element(item, "link").filter(|l| l.starts_with(base)) {
            let path = &link[base.len()..];
            if published && path.len() > 1 {
                counts.links.push(path.to_owned());
            }
        }
        if kind == "post" {
            counts.comments += item
                .split("<wp:comment>")
                .skip(1)
                .filter(|c| {
                    let kind = element(c, "wp:comment_type").unwrap_or("");
                    let approved = element(c, "wp:comment_approved").unwrap_or("");
                    matches!(kind, "" | "comment") && matches!(approved, "0" | "1")
                })
                .count();
        }
    }
    counts
}

/// The number before `what` in the import summary (`…, 56 posts, …`), 0 when absent.
fn summary_count(out: &str, what: &str) -> usize {
    let line = out.lines().next().unwrap_or("");
    line.split([':', ',', ';'])
        .filter_map(|part| part.trim().strip_suffix(what))
        .filter_map(|n| n.trim().parse::<usize>().ok())
        .sum()
}

#[tokio::test]
async fn every_wordpress_sample_moves_with_its_old_addresses() {
    let no_redirects = no_redirects();
    for name in [
        "wordpress-importer_theme-unit-test-data.xml",
        "wordpress-importer_valid-wxr-1.1.xml",
        "wordpress-importer_wxr-utf-8-challenges.xml",
        "jekyll-import_sitetitle.wordpress.2025-01-19.000.xml",
    ] {
        let Some(file) = shared_file(&format!("data/wxr/{name}")) else {
            return;
        };
        let raw = std::fs::read_to_string(&file).unwrap();
        let expected = count_wxr(&raw);
        let (_dir, site) = new_site();
        let out = site.ok(&["import", "wxr", file.to_str().unwrap()]);
        let posts = summary_count(&out, " posts")
            + summary_count(&out, " scheduled posts")
            + summary_count(&out, " drafts");
        assert_eq!(posts, expected.posts, "{name}: posts\n{out}");
        assert_eq!(
            summary_count(&out, " pages"),
            expected.pages,
            "{name}: pages\n{out}"
        );
        let comments = summary_count(&out, " comments") + summary_count(&out, " replies");
        assert_eq!(comments, expected.comments, "{name}: comments\n{out}");
        assert_eq!(
            site.ok(&["post", "list"]).lines().count(),
            expected.posts,
            "{name}: post list"
        );
        let again = site.ok(&["import", "wxr", file.to_str().unwrap()]);
        assert!(
            again.contains("imported: nothing new; updated 0"),
            "{name}: {again}"
        );

        let server = site.serve();
        for link in &expected.links {
            let url = server.url(link);
            let first = fetch(&no_redirects, &url).await;
            assert_eq!(first.status().as_u16(), 301, "{name}: {link}");
            let target = first.headers()["location"].to_str().unwrap().to_owned();
            let (status, _) = get(&no_redirects, &server.url(&target)).await;
            assert_eq!(status, 200, "{name}: {link} → {target}");
        }
    }
}

#[test]
fn a_wordpress_file_given_to_the_wrong_command_says_which_fits() {
    let Some(blogger) = shared_file("data/blogger/classic-arabic-1.xml") else {
        return;
    };
    let (_dir, site) = new_site();
    let error = site.fails(&["import", "wxr", blogger.to_str().unwrap()]);
    assert!(error.contains("minbar import blogger"), "{error}");
    assert_eq!(site.ok(&["post", "list"]).lines().count(), 0);
}

#[tokio::test]
async fn html_in_imported_posts_and_comments_is_made_inert() {
    let (_dir, site, out) = imported_wxr(
        "hostile.xml",
        "https://example.org",
        r#"<item><title>خبر مع شيفرة</title><link>https://example.org/2020/05/04/hostile/</link>
<dc:creator>admin</dc:creator>
<content:encoded><![CDATA[<p>نص الخبر</p><script>alert(1)</script><img src="https://example.org/a.jpg" onerror="alert(2)"><a href="javascript:alert(3)">رابط</a>]]></content:encoded>
<wp:post_id>7</wp:post_id><wp:post_date_gmt>2020-05-04 10:00:00</wp:post_date_gmt>
<wp:post_name>hostile</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author><![CDATA[زائر]]></wp:comment_author>
<wp:comment_date_gmt>2020-05-04 11:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[تعليق <script>alert(4)</script><b onclick="alert(5)">غامق</b>]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item>"#,
    );
    assert!(
        out.contains("1 posts") && out.contains("1 comments"),
        "{out}"
    );
    let server = site.serve();
    let client = browser();
    let (status, page) = get(&client, &server.url("/2020/05/04/hostile/")).await;
    assert_eq!(status, 200);
    assert!(page.contains("نص الخبر") && page.contains("غامق"), "{page}");
    for bad in ["alert(1)", "onerror", "javascript:", "onclick", "<b "] {
        assert!(!page.contains(bad), "{bad} survived the import");
    }
}

#[test]
fn a_broken_or_booby_trapped_wordpress_file_leaves_nothing_behind() {
    let Some(valid) = shared_file("data/wxr/wordpress-importer_valid-wxr-1.1.xml") else {
        return;
    };
    let (dir, site) = new_site();
    let raw = std::fs::read_to_string(valid).unwrap();
    let cut = raw.find("<title>About</title>").unwrap();
    let error = import_fails(&site, &dir, "wxr", "truncated.xml", &raw[..cut]);
    assert!(
        error.contains("line ")
            && error.contains("column ")
            && error.contains("nothing was imported"),
        "{error}"
    );
    nothing_was_imported(&site);

    let laughs = "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]><rss><channel>&b;</channel></rss>";
    entities_are_refused(&site, &dir, "wxr", laughs);
    assert_eq!(site.ok(&["post", "list"]).lines().count(), 0);
}

/// WordPress links may carry an encoded slash (`%2F`) inside a segment. The importer keeps it
/// encoded in the redirect it records, as it is part of one segment and not a `/`; a browser
/// asks for the link as written, and the lookup must turn the request into the same key.
#[tokio::test]
async fn an_old_wordpress_link_with_an_encoded_slash_redirects() {
    let (_dir, site, out) = imported_wxr(
        "slash.xml",
        "https://example.com",
        r#"<item><title>خبر بشرطة مائلة</title><link>https://example.com/2018/10/20/a%2fb/</link>
<content:encoded><![CDATA[<p>نص الخبر</p>]]></content:encoded>
<wp:post_id>12</wp:post_id><wp:post_date_gmt>2018-10-20 10:00:00</wp:post_date_gmt>
<wp:post_name>a-b</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
</item>
<item><title>صفحة</title><link>https://example.com/%D9%82%D8%B3%D9%85%2F%D8%A3/</link>
<content:encoded><![CDATA[<p>نص الصفحة</p>]]></content:encoded>
<wp:post_id>13</wp:post_id><wp:post_name>page-slash</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>page</wp:post_type>
</item>"#,
    );
    assert!(out.contains("1 posts") && out.contains("1 pages"), "{out}");
    let server = site.serve();
    let no_redirects = no_redirects();
    for (link, title) in [
        ("/2018/10/20/a%2Fb/", "خبر بشرطة مائلة"),
        // The case of an escape's hex digits is the sender's choice.
        ("/2018/10/20/a%2fb/", "خبر بشرطة مائلة"),
        ("/2018//10/20/a%2Fb/", "خبر بشرطة مائلة"),
        ("/%D9%82%D8%B3%D9%85%2F%D8%A3/", "صفحة"),
    ] {
        let first = fetch(&no_redirects, &server.url(link)).await;
        assert_eq!(first.status().as_u16(), 301, "{link}");
        let target = first.headers()["location"].to_str().unwrap().to_owned();
        assert!(!target.contains("%2F"), "{link} → {target}");
        let (status, page) = get(&no_redirects, &server.url(&target)).await;
        assert_eq!(status, 200, "{link} → {target}");
        assert!(page.contains(title), "{link} → {target}");
    }
    // A real slash where the link had an encoded one is another address.
    let other = fetch(&no_redirects, &server.url("/2018/10/20/a/b/")).await;
    assert_eq!(other.status().as_u16(), 404);
}
