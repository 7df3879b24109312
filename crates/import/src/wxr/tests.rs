//! The reader as a whole, against the real exports in the shared test data (counted
//! independently by plain text search) and against small files written here: order of items,
//! skip reasons, threads, and clear refusals of foreign, hostile and cut-short files.

use super::*;
use crate::{ImportedComment, ImportedPost, Kind, Status};
use std::collections::HashSet;

use crate::shared;

fn wxr(name: &str) -> Option<std::path::PathBuf> {
    shared(&format!("wxr/{name}"))
}

const FILES: &[&str] = &[
    "wordpress-importer_wxr-utf-8-challenges.xml",
    "wordpress-importer_theme-unit-test-data.xml",
    "wordpress-importer_valid-wxr-1.1.xml",
    "jekyll-import_sitetitle.wordpress.2025-01-19.000.xml",
];

fn read_path(path: &std::path::Path) -> Vec<Item> {
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let mut items = Vec::new();
    read(file, |item| items.push(item)).unwrap();
    items
}

fn read_str(text: &str) -> (Vec<Item>, Result<(), ReadError>) {
    let mut items = Vec::new();
    let result = read(text.as_bytes(), |item| items.push(item));
    (items, result)
}

fn posts(items: &[Item]) -> Vec<&ImportedPost> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Post(p) => Some(p),
            _ => None,
        })
        .collect()
}

fn comments(items: &[Item]) -> Vec<&ImportedComment> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Comment(c) => Some(c),
            _ => None,
        })
        .collect()
}

fn skipped(items: &[Item]) -> Vec<&str> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Skipped { what } => Some(what.as_str()),
            _ => None,
        })
        .collect()
}

fn attachments(items: &[Item]) -> Vec<(&str, &str)> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Attachment { source_id, url } => Some((source_id.as_str(), url.as_str())),
            _ => None,
        })
        .collect()
}

fn titled<'a>(items: &'a [Item], title: &str) -> &'a ImportedPost {
    posts(items)
        .into_iter()
        .find(|p| p.title == title)
        .unwrap_or_else(|| panic!("no post titled {title}"))
}

// An independent count by plain text search, sharing nothing with the reader.

/// The text of the first `<tag>…</tag>` in `block`, CDATA markers removed; "" when the
/// element is absent or written `<tag/>`.
fn field(block: &str, tag: &str) -> String {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let Some(start) = block.find(&open) else {
        return String::new();
    };
    let rest = &block[start + open.len()..];
    let end = rest.find(&close).unwrap();
    rest[..end]
        .trim()
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("]]>")
        .trim()
        .to_owned()
}

/// The blocks between `<open>` and `</close>`.
fn blocks<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open)
        .skip(1)
        .map(|b| b.split(close).next().unwrap())
        .collect()
}

#[derive(Debug, Default, PartialEq)]
struct Counts {
    posts: usize,
    pages: usize,
    skipped_items: usize,
    comments: usize,
    replies: usize,
    pings: usize,
    labels: usize,
}

fn scan(raw: &str) -> Counts {
    let mut counts = Counts::default();
    for item in blocks(raw, "<item>", "</item>") {
        let post_type = field(item, "wp:post_type");
        assert!(!post_type.is_empty(), "an item without a type");
        let status = field(item, "wp:status");
        match (post_type.as_str(), status.as_str()) {
            (_, "inherit") => {}
            ("post", _) => counts.posts += 1,
            ("page", _) => counts.pages += 1,
            _ => {}
        }
        if !matches!(post_type.as_str(), "post" | "page") || status == "inherit" {
            counts.skipped_items += 1;
            continue;
        }
        let mut labels = HashSet::new();
        for domain in ["category", "post_tag"] {
            for label in blocks(
                item,
                &format!("<category domain=\"{domain}\""),
                "</category>",
            ) {
                let text = label.split_once('>').unwrap().1;
                labels.insert(
                    text.trim_start_matches("<![CDATA[")
                        .trim_end_matches("]]>")
                        .trim(),
                );
            }
        }
        counts.labels += labels.len();
        for c in blocks(item, "<wp:comment>", "</wp:comment>") {
            let kind = field(c, "wp:comment_type");
            if kind == "pingback" || kind == "trackback" {
                counts.pings += 1;
                continue;
            }
            if matches!(field(c, "wp:comment_approved").as_str(), "spam" | "trash") {
                continue;
            }
            counts.comments += 1;
            let parent = field(c, "wp:comment_parent");
            if !parent.is_empty() && parent != "0" {
                counts.replies += 1;
            }
        }
    }
    counts
}

/// Whether a skip reason is a comment's rather than an item's.
fn is_comment_skip(what: &str) -> bool {
    [
        "WordPress pingback",
        "WordPress trackback",
        "WordPress comment",
        "comment on a skipped",
    ]
    .iter()
    .any(|start| what.starts_with(start))
}

fn count(items: &[Item]) -> Counts {
    let posts = posts(items);
    let comments = comments(items);
    let skipped = skipped(items);
    Counts {
        posts: posts.iter().filter(|p| p.kind == Kind::Post).count(),
        pages: posts.iter().filter(|p| p.kind == Kind::Page).count(),
        // Attachments are items left out of the posts too, as files to bring.
        skipped_items: skipped.iter().filter(|s| !is_comment_skip(s)).count()
            + attachments(items).len(),
        comments: comments.len(),
        replies: comments
            .iter()
            .filter(|c| c.parent_source_id.is_some())
            .count(),
        pings: skipped
            .iter()
            .filter(|s| s.starts_with("WordPress pingback") || s.starts_with("WordPress trackback"))
            .count(),
        labels: posts.iter().map(|p| p.labels.len()).sum(),
    }
}

/// Every file gives as many posts, pages, comments, replies and labels as a plain text search
/// of it finds, and the site comes first, once.
#[test]
fn the_samples_import_with_the_counts_the_files_hold() {
    for name in FILES {
        let Some(path) = wxr(name) else { return };
        let raw = std::fs::read_to_string(&path).unwrap();
        let items = read_path(&path);
        assert_eq!(count(&items), scan(&raw), "{name}");
        assert!(matches!(items.first(), Some(Item::Site { .. })), "{name}");
        assert_eq!(
            items
                .iter()
                .filter(|i| matches!(i, Item::Site { .. }))
                .count(),
            1,
            "{name}"
        );
        let ids: HashSet<&str> = posts(&items).iter().map(|p| p.source_id.as_str()).collect();
        assert_eq!(ids.len(), posts(&items).len(), "{name}: source ids repeat");
    }
}

/// What the README says the files hold.
#[test]
fn the_counts_agree_with_the_readme() {
    let Some(theme) = wxr("wordpress-importer_theme-unit-test-data.xml") else {
        return;
    };
    let items = read_path(&theme);
    let counts = count(&items);
    assert_eq!((counts.posts, counts.pages), (58, 21));
    // 33 comments, of which 2 pingbacks and 2 trackbacks are left out; the 10 replies are
    // all between ordinary comments.
    assert_eq!(counts.comments + counts.pings, 33);
    assert_eq!(counts.pings, 4);
    assert_eq!(counts.replies, 10);
    let reasons = skipped(&items);
    let starting = |prefix: &str| reasons.iter().filter(|s| s.starts_with(prefix)).count();
    // Every attachment is a file to bring, with its address; a featured image is a cover.
    assert_eq!(starting("WordPress attachment "), 0);
    let files = attachments(&items);
    assert_eq!(files.len(), 37);
    assert!(
        files.iter().all(|(_, url)| url.starts_with("https://")),
        "{files:?}"
    );
    let covered: Vec<&ImportedPost> = items
        .iter()
        .filter_map(|i| match i {
            Item::Post(p) => p.cover.as_ref().map(|_| p),
            _ => None,
        })
        .collect();
    assert!(!covered.is_empty());
    for post in covered {
        let cover = post.cover.as_deref().unwrap();
        assert!(files.iter().any(|(id, _)| *id == cover), "{cover}");
    }
    assert_eq!(starting("WordPress nav_menu_item "), 70);
    let pages_with_parent = blocks(
        &std::fs::read_to_string(&theme).unwrap(),
        "<item>",
        "</item>",
    )
    .into_iter()
    .filter(|i| field(i, "wp:post_type") == "page" && field(i, "wp:post_parent") != "0")
    .count();
    assert_eq!(pages_with_parent, 13);

    let Some(jekyll) = wxr("jekyll-import_sitetitle.wordpress.2025-01-19.000.xml") else {
        return;
    };
    let items = read_path(&jekyll);
    let counts = count(&items);
    assert_eq!((counts.posts, counts.pages, counts.comments), (7, 1, 0));
    let reasons = skipped(&items);
    let starting = |prefix: &str| reasons.iter().filter(|s| s.starts_with(prefix)).count();
    assert_eq!(attachments(&items).len(), 6);
    assert_eq!(starting("WordPress wp_global_styles "), 1);
    assert_eq!(starting("WordPress wp_navigation "), 1);

    let Some(valid) = wxr("wordpress-importer_valid-wxr-1.1.xml") else {
        return;
    };
    let counts = count(&read_path(&valid));
    assert_eq!((counts.posts, counts.pages, counts.comments), (1, 1, 1));
}

/// The Arabic and bidi stress file: the text comes through as written (neutralizing bidi
/// controls is the renderer's job, not the importer's).
#[test]
fn the_arabic_and_bidi_sample_keeps_its_text() {
    let Some(path) = wxr("wordpress-importer_wxr-utf-8-challenges.xml") else {
        return;
    };
    let raw = std::fs::read_to_string(&path).unwrap();
    let items = read_path(&path);
    let Some(Item::Site { title, description }) = items.first() else {
        panic!("no site first");
    };
    assert!(title.contains("مرحبا"), "{title}");
    assert!(title.contains('\u{202E}'), "{title}");
    assert!(
        description
            .as_deref()
            .is_some_and(|d| d.contains("invisible chars")),
        "{description:?}"
    );
    let posts = posts(&items);
    assert_eq!(posts.len(), 1);
    let post = posts[0];
    let item = blocks(&raw, "<item>", "</item>")[0];
    assert_eq!(post.title, field(item, "title"));
    assert!(post.title.contains('\u{202E}') && post.title.contains('\u{202A}'));
    assert_eq!(
        post.slug.as_deref(),
        Some(field(item, "wp:post_name").as_str())
    );
    assert!(post.slug.as_deref().unwrap().contains('💫'));
    let display = field(
        blocks(&raw, "<wp:author>", "</wp:author>")[0],
        "wp:author_display_name",
    );
    assert_eq!(post.author.as_deref(), Some(display.as_str()));
    assert_eq!(post.source_id, "https://playground.internal/path/?p=10");
    // The item has no <link>: only WordPress's own short address.
    assert_eq!(post.old_links, ["/?p=10"]);
    assert_eq!(post.published, Some(1_717_603_488));
    assert_eq!(post.updated, Some(1_718_022_535));
    assert!(post.html.starts_with("<!-- wp:paragraph -->\n<p>T"));
    assert_eq!(post.labels.len(), 1);
}

#[test]
fn the_minimal_wxr_1_1_sample_reads_fully() {
    let Some(path) = wxr("wordpress-importer_valid-wxr-1.1.xml") else {
        return;
    };
    let items = read_path(&path);
    assert_eq!(
        items[0],
        Item::Site {
            title: "Export Datasets".to_owned(),
            description: Some("Just another WordPress site".to_owned()),
        }
    );
    let post = titled(&items, "Hello world!");
    assert_eq!(post.kind, Kind::Post);
    assert_eq!(post.status, Status::Live);
    assert_eq!(post.source_id, "http://localhost/?p=1");
    assert_eq!(post.labels, ["alpha", "Clippable"]);
    assert_eq!(post.author.as_deref(), Some("John Doe"));
    assert_eq!(post.slug.as_deref(), Some("hello-world"));
    assert_eq!(post.old_links, ["/?p=1"]);
    assert_eq!(post.published, Some(1_287_262_398));
    assert_eq!(post.updated, None);
    assert_eq!(
        post.html,
        "<p>Welcome to WordPress. This is your first post. Edit or delete it, then start blogging!</p>"
    );
    let page = titled(&items, "About");
    assert_eq!(page.kind, Kind::Page);
    assert!(page.old_links.contains(&"/?page_id=2".to_owned()));
    let comments = comments(&items);
    assert_eq!(comments.len(), 1);
    let comment = comments[0];
    assert_eq!(comment.source_id, "http://localhost/#comment-1");
    assert_eq!(comment.post_source_id, post.source_id);
    assert_eq!(comment.parent_source_id, None);
    assert_eq!(comment.author, "Mr WordPress");
    assert!(comment.approved);
    assert!(comment.html.starts_with("<p>Hi, this is a comment.<br />"));
    // The comment follows its post.
    let at = |wanted: &Item| items.iter().position(|i| i == wanted).unwrap();
    assert!(at(&Item::Post(post.clone())) < at(&Item::Comment(comment.clone())));
}

#[test]
fn the_theme_unit_test_keeps_statuses_pages_and_threads() {
    let Some(path) = wxr("wordpress-importer_theme-unit-test-data.xml") else {
        return;
    };
    let items = read_path(&path);
    let base = "https://wpthemetestdata.wordpress.com";

    let scheduled = titled(&items, "Scheduled");
    assert_eq!(scheduled.status, Status::Scheduled);
    let draft = titled(&items, "Draft");
    assert_eq!(draft.status, Status::Draft);
    assert_eq!(draft.slug, None);
    assert_eq!(draft.old_links, ["/?p=1164"]);

    let all = posts(&items);
    assert_eq!(
        all.iter().filter(|p| p.status == Status::Scheduled).count(),
        1
    );
    assert_eq!(all.iter().filter(|p| p.status == Status::Draft).count(), 1);

    // Pages at several levels keep their whole path, and no two share an old address.
    let pages: Vec<&&ImportedPost> = all.iter().filter(|p| p.kind == Kind::Page).collect();
    let links: Vec<&String> = pages.iter().flat_map(|p| &p.old_links).collect();
    let distinct: HashSet<&&String> = links.iter().collect();
    assert_eq!(links.len(), distinct.len());
    assert_eq!(
        titled(&items, "Level 3").old_links,
        ["/level-1/level-2/level-3/", "/?page_id=172"]
    );
    let greek = titled(&items, "Επίπεδο 2 -Second Greek level");
    assert_eq!(greek.slug.as_deref(), Some("επίπεδο-2"));
    assert_eq!(greek.old_links[0], "/greek/επίπεδο-2/");
    assert_eq!(
        titled(&items, "Keyboard navigation").old_links,
        ["/2018/10/20/keyboard-navigation/", "/?p=1724"]
    );

    // Classic posts get their paragraphs, also beside the odd `<p>` they already have;
    // lists keep their own markup.
    let aligned = &titled(&items, "Markup: Image Alignment").html;
    assert!(
        aligned.starts_with("<p>Welcome to image alignment!"),
        "{aligned}"
    );
    assert!(aligned.contains("</p>\n<p><img class=\"size-full wp-image-906"));
    let lists = &titled(&items, "Edge Case: Nested And Mixed Lists").html;
    assert!(lists.starts_with("<p>Nested and mixed lists"), "{lists}");
    assert!(
        lists.contains("make sure that</p>\n<ul>\n\t<li>"),
        "{lists}"
    );
    assert!(!lists.contains("</li><br>"), "{lists}");

    // Authors by display name, even where the file's login has a stray `>`.
    assert_eq!(
        titled(&items, "Block category: Common").author.as_deref(),
        Some("Theme Reviewer")
    );
    assert_eq!(
        titled(&items, "Template: Comments").author.as_deref(),
        Some("Theme Buster")
    );

    // Every reply answers a comment given before it, on the same post.
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for c in comments(&items) {
        if let Some(parent) = &c.parent_source_id {
            assert_eq!(
                seen.get(parent.as_str()).copied(),
                Some(c.post_source_id.as_str()),
                "{}",
                c.source_id
            );
        }
        assert!(c.source_id.starts_with(&format!("{base}/#comment-")));
        seen.insert(&c.source_id, &c.post_source_id);
    }
    let comments = comments(&items);
    assert_eq!(comments.iter().filter(|c| !c.approved).count(), 3);
    assert!(comments.iter().all(|c| c.published.is_some()));
    assert!(all.iter().all(|p| p.published.is_some()));
    assert!(
        all.iter()
            .all(|p| p.source_id.starts_with(&format!("{base}/?p=")))
    );
}

#[test]
fn the_block_theme_sample_keeps_labels_in_order() {
    let Some(path) = wxr("jekyll-import_sitetitle.wordpress.2025-01-19.000.xml") else {
        return;
    };
    let items = read_path(&path);
    assert_eq!(
        items[0],
        Item::Site {
            title: "My Site Title".to_owned(),
            description: None,
        }
    );
    let post = titled(&items, "Blog Post 1");
    assert_eq!(post.labels, ["code", "Foo", "ruby", "ship", "stars"]);
    assert_eq!(post.old_links, ["/2025/01/18/blog-post-1/", "/?p=14"]);
    assert_eq!(
        titled(&items, "About").old_links,
        ["/about/", "/?page_id=1"]
    );
    assert_eq!(
        attachments(&items).len(),
        6,
        "its attachments are files to bring"
    );
}

#[test]
fn foreign_hostile_and_broken_files_are_refused_clearly() {
    if let Some(blogger) = shared("blogger/classic-arabic-1.xml") {
        let file = std::io::BufReader::new(std::fs::File::open(blogger).unwrap());
        let error = read(file, |_| {}).unwrap_err();
        assert!(matches!(error, ReadError::WrongFormat(_)), "{error}");
        assert!(
            error.to_string().contains("minbar import blogger"),
            "{error}"
        );
    }

    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>https://example.com/</link><description>d</description><item><title>One</title><link>https://example.com/1</link><description>Text</description><content:encoded><![CDATA[<p>Body</p>]]></content:encoded></item></channel></rss>"#;
    let (items, result) = read_str(rss);
    let error = result.unwrap_err();
    assert!(matches!(error, ReadError::WrongFormat(_)), "{error}");
    assert!(
        error
            .to_string()
            .contains("RSS feed, not a WordPress export")
    );
    assert!(items.is_empty(), "{items:?}");

    let (_, result) = read_str("<html><body/></html>");
    assert!(
        result
            .unwrap_err()
            .to_string()
            .contains("minbar import blogger")
    );
    let (_, result) = read_str("");
    assert!(matches!(result, Err(ReadError::WrongFormat(_))));
    let (_, result) = read_str("<rss/>");
    assert!(matches!(result, Err(ReadError::WrongFormat(_))));

    let entities = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><rss><channel><wp:wxr_version>1.2</wp:wxr_version><title>&a;</title></channel></rss>"#;
    assert!(matches!(
        read_str(entities).1,
        Err(ReadError::Entities { .. })
    ));
    let unknown = "<rss><channel><title>&nbsp;</title></channel></rss>";
    assert!(matches!(
        read_str(unknown).1,
        Err(ReadError::UnknownEntity { .. })
    ));

    let Some(path) = wxr("wordpress-importer_theme-unit-test-data.xml") else {
        return;
    };
    let mut bytes = std::fs::read(path).unwrap();
    bytes.truncate(bytes.len() / 2);
    let error = read(&bytes[..], |_| {}).unwrap_err();
    assert!(matches!(error, ReadError::Malformed { .. }), "{error}");
}

/// Cut anywhere, a file gives an error, never a panic or a silent success.
#[test]
fn every_cut_of_a_file_is_an_error() {
    let Some(path) = wxr("wordpress-importer_valid-wxr-1.1.xml") else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let end = bytes.len() - b"</rss>\n".len();
    let channel = bytes.windows(9).position(|w| w == b"<channel>").unwrap();
    for cut in (0..end).step_by(3) {
        let result = read(&bytes[..cut], |_| {});
        assert!(result.is_err(), "cut at {cut}");
        if cut > channel {
            assert!(
                matches!(result, Err(ReadError::Malformed { offset, .. }) if offset <= cut as u64),
                "cut at {cut}: {result:?}"
            );
        }
    }
    assert!(read(&bytes[..], |_| {}).is_ok());
}

fn wxr_with(items: &str) -> String {
    format!(
        r#"<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>T</title><link>https://example.com/blog/</link><wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>"#
    )
}

#[test]
fn comments_are_sorted_parents_first_and_skipped_with_reasons() {
    let comment = |id: u32, parent: u32, approved: &str, kind: &str| {
        format!(
            "<wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_author> A </wp:comment_author><wp:comment_content>Hi</wp:comment_content><wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>{kind}</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent><wp:comment_date>2020-01-02 03:04:05</wp:comment_date><wp:comment_date_gmt>0000-00-00 00:00:00</wp:comment_date_gmt></wp:comment>"
        )
    };
    let text = wxr_with(&format!(
        "<item><title>P</title><link>https://example.com/blog/p/</link><content:encoded>x</content:encoded><wp:post_id>7</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>{}{}{}{}{}{}{}</item><item><wp:post_id>8</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>{}</item>",
        comment(3, 2, "1", ""),
        comment(2, 1, "1", ""),
        comment(1, 0, "0", "comment"),
        comment(4, 9, "1", "pingback"),
        comment(5, 4, "1", ""),
        comment(6, 0, "spam", ""),
        comment(7, 0, "trash", ""),
        comment(9, 0, "1", ""),
    ));
    let (items, result) = read_str(&text);
    result.unwrap();
    let base = "https://example.com/blog";
    let post = titled(&items, "P");
    assert_eq!(post.old_links, ["/p/", "/?p=7"]);
    let comments = comments(&items);
    let ids: Vec<&str> = comments.iter().map(|c| c.source_id.as_str()).collect();
    assert_eq!(
        ids,
        [
            format!("{base}/#comment-1"),
            format!("{base}/#comment-5"),
            format!("{base}/#comment-2"),
            format!("{base}/#comment-3"),
        ]
    );
    // Its parent was a pingback, not imported.
    assert_eq!(comments[1].parent_source_id, None);
    assert_eq!(
        comments[2].parent_source_id.as_deref(),
        Some(format!("{base}/#comment-1").as_str())
    );
    assert!(!comments[0].approved);
    assert_eq!(comments[0].author, "A");
    assert_eq!(comments[0].html, "<p>Hi</p>");
    assert_eq!(comments[0].published, Some(1_577_934_245));
    let skipped = skipped(&items);
    assert_eq!(
        skipped,
        [
            "WordPress pingback (links from other sites are not imported)",
            "WordPress comment marked spam",
            "WordPress comment in the trash",
            "WordPress attachment (without an address)",
            "comment on a skipped WordPress item",
        ]
    );
}

#[test]
fn items_without_a_type_and_odd_statuses_are_handled() {
    let text = wxr_with(
        "<item><title>Bare</title><content:encoded>Body</content:encoded><excerpt:encoded>Excerpt</excerpt:encoded><wp:post_id>1</wp:post_id><pubDate>Sat, 16 Oct 2010 20:53:18 +0000</pubDate><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt></item>\
         <item><title>Empty</title><wp:post_id>2</wp:post_id></item>\
         <item><title>Private</title><content:encoded/><excerpt:encoded>E</excerpt:encoded><wp:post_id>3</wp:post_id><wp:post_type>post</wp:post_type><wp:status>private</wp:status><wp:post_name>%D9%85%D8%B1%D8%AD%D8%A8%D8%A7</wp:post_name><category domain=\"post_format\">post-format-aside</category><category domain=\"post_tag\"> x </category><category domain=\"category\">x</category></item>\
         <item><title>Old</title><wp:post_id>4</wp:post_id><wp:post_type>post</wp:post_type><wp:status>inherit</wp:status></item>\
         <item><title>Gone</title><wp:post_id>5</wp:post_id><wp:post_type>page</wp:post_type><wp:status>trash</wp:status><link>https://example.com/blog</link></item>",
    );
    let (items, result) = read_str(&text);
    result.unwrap();
    let bare = titled(&items, "Bare");
    assert_eq!(bare.kind, Kind::Post);
    // The first `encoded` is the content, the second the excerpt.
    assert_eq!(bare.html, "<p>Body</p>");
    assert_eq!(bare.published, Some(1_287_262_398));
    assert_eq!(bare.author, None);
    let private = titled(&items, "Private");
    assert_eq!(private.status, Status::Draft);
    assert_eq!(private.html, "");
    assert_eq!(private.slug.as_deref(), Some("مرحبا"));
    assert_eq!(private.labels, ["x"]);
    let gone = titled(&items, "Gone");
    assert_eq!(gone.status, Status::Trashed);
    // The link is the site's home page, no post's address.
    assert_eq!(gone.old_links, ["/?page_id=5"]);
    assert_eq!(
        skipped(&items),
        [
            "WordPress item without a post type or content",
            "WordPress post with status inherit (revisions are not imported)",
        ]
    );
}
