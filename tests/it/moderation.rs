//! Moderation from the command line goes through the same operation as the admin's queue and the
//! API: approve, reject, spam and delete, each seen by readers, and a comment that is not there
//! named in the error.

use crate::harness::{Site, browser, get};

/// A WordPress export with one post and four comments waiting for moderation.
fn waiting_comments(dir: &std::path::Path) -> std::path::PathBuf {
    let comment = |id: u32, text: &str| {
        format!(
            "<wp:comment><wp:comment_id>{id}</wp:comment_id>\
             <wp:comment_author><![CDATA[قارئ {id}]]></wp:comment_author>\
             <wp:comment_date_gmt>2020-05-04 11:0{id}:00</wp:comment_date_gmt>\
             <wp:comment_content><![CDATA[{text}]]></wp:comment_content>\
             <wp:comment_approved>0</wp:comment_approved><wp:comment_type>comment</wp:comment_type>\
             <wp:comment_parent>0</wp:comment_parent></wp:comment>"
        )
    };
    let comments: String = [
        (1, "تعليق يوافق عليه المحرر"),
        (2, "تعليق يرفضه المحرر"),
        (3, "تعليق مزعج"),
        (4, "تعليق يحذفه المحرر"),
    ]
    .iter()
    .map(|(id, text)| comment(*id, text))
    .collect();
    let file = dir.join("waiting.xml");
    std::fs::write(
        &file,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>موقع</title><link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>https://example.org</wp:base_blog_url>
<item><title>خبر للنقاش</title><link>https://example.org/2020/05/04/talk/</link>
<dc:creator>admin</dc:creator><content:encoded><![CDATA[<p>نص</p>]]></content:encoded>
<wp:post_id>7</wp:post_id><wp:post_date_gmt>2020-05-04 10:00:00</wp:post_date_gmt>
<wp:post_name>talk</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
{comments}</item></channel></rss>"#
        ),
    )
    .unwrap();
    file
}

/// The id of the waiting comment whose text contains `text`.
fn id_of(list: &str, text: &str) -> String {
    list.lines()
        .find(|line| line.contains(text))
        .and_then(|line| line.split('\t').next())
        .unwrap_or_else(|| panic!("no '{text}' in {list}"))
        .to_owned()
}

#[tokio::test]
async fn the_command_line_moderates_like_the_queue() {
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    let file = waiting_comments(dir.path());
    site.ok(&["import", "wxr", file.to_str().unwrap()]);
    let waiting = site.ok(&["comment", "list"]);
    for (text, command) in [
        ("يوافق", "approve"),
        ("يرفضه", "reject"),
        ("مزعج", "spam"),
        ("يحذفه", "delete"),
    ] {
        let id = id_of(&waiting, text);
        let said = site.run(&["comment", command, &id]);
        assert!(said.status.success(), "comment {command} {id}");
    }
    assert_eq!(
        site.ok(&["comment", "list"]).trim(),
        "",
        "the queue is empty"
    );
    assert!(
        site.ok(&["comment", "list", "--status", "rejected"])
            .contains("يرفضه")
    );
    assert!(
        site.ok(&["comment", "list", "--status", "spam"])
            .contains("مزعج")
    );
    let published = site.ok(&["comment", "list", "--status", "published"]);
    assert!(published.contains("يوافق") && !published.contains("يحذفه"));

    let server = site.serve();
    let (status, page) = get(&browser(), &server.url("/2020/05/04/talk/")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("تعليق يوافق عليه المحرر"),
        "approved is shown"
    );
    for hidden in ["يرفضه", "مزعج", "يحذفه"] {
        assert!(!page.contains(hidden), "{hidden} is not shown");
    }

    let err = site.fails(&["comment", "reject", "999999"]);
    assert!(err.contains("comment 999999"), "{err}");
}
