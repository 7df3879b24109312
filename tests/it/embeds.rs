//! Safe embeds through HTTP: a link to a known service alone on its line becomes a placeholder
//! that loads nothing from the service; the site's `/embed/…` page frames that one service only.

use crate::admin::add_user;
use crate::harness::{Site, browser, fetch, get};

#[tokio::test]
async fn a_link_alone_on_its_line_becomes_a_placeholder_that_loads_nothing() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    add_user(&site, "رامي", "rami@example.org", "editor");
    let token = site
        .ok(&["user", "token", "rami@example.org"])
        .trim()
        .to_owned();
    let server = site.serve();
    let body = "شاهد الفيديو:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n\
                <https://x.com/manbij/status/1790000000000000000>\n\n\
                https://t.me/manbijnews/1234\n\n\
                https://vimeo.com/12345\n\n\
                وفي [هذا الرابط](https://youtu.be/dQw4w9WgXcQ) تفاصيل.";
    let made = reqwest::Client::new()
        .post(server.url("/api/v1/posts"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"title": "فيديو الافتتاح", "body": body, "status": "published"}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);
    let made: serde_json::Value = made.json().await.unwrap();
    let client = browser();
    let response = fetch(&client, &server.url(made["path"].as_str().unwrap())).await;
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let page = response.text().await.unwrap();
    for service in ["youtube", "x", "telegram"] {
        assert!(
            page.contains(&format!("class=\"embed embed-{service}\"")),
            "{service}"
        );
    }
    assert!(page.contains("data-embed=\"/embed/youtube/dQw4w9WgXcQ\""));
    // Nothing from the services: no frame, no script, no image, and the policy frames none.
    for origin in ["youtube-nocookie.com", "platform.twitter.com", "<iframe"] {
        assert!(!page.contains(origin), "{origin} before a click");
    }
    assert!(
        policy.contains("frame-src 'self'") && !policy.contains("youtube"),
        "{policy}"
    );
    // An unknown service stays a link; a link inside a sentence stays a link.
    assert!(page.contains("https://vimeo.com/12345") && !page.contains("embed-vimeo"));
    assert!(page.contains(">هذا الرابط</a>"));

    // The embed page frames the one service clicked, and its policy allows only that one.
    let response = fetch(&client, &server.url("/embed/youtube/dQw4w9WgXcQ")).await;
    assert_eq!(response.status(), 200);
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        policy.contains("frame-src https://www.youtube-nocookie.com;"),
        "{policy}"
    );
    assert!(
        !policy.contains("twitter") && !policy.contains("t.me"),
        "{policy}"
    );
    let frame = response.text().await.unwrap();
    assert!(frame.contains("src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\""));
    let response = fetch(&client, &server.url("/embed/telegram/manbijnews/1234")).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-src https://t.me;")
    );
    for bad in [
        "/embed/youtube/short",
        "/embed/vimeo/12345",
        "/embed/x/not-digits%22",
        "/embed/telegram/channel",
        "/embed/youtube/dQw4w9WgXcQ%3Cscript",
    ] {
        let (status, _) = get(&client, &server.url(bad)).await;
        assert_eq!(status, 404, "{bad}");
    }
}

#[tokio::test]
async fn the_service_is_asked_only_after_the_reader_presses_the_button() {
    if !crate::browser::browser_tools() {
        return;
    }
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    let path = site.post_new(
        "فيديو وتغريدة",
        "https://youtu.be/dQw4w9WgXcQ\n\nhttps://x.com/manbij/status/1790000000000000000",
        &[],
    );
    let server = site.serve();
    let base = server.base.clone();
    let path = path.trim().to_owned();
    tokio::task::spawn_blocking(move || {
        crate::browser::run_script("embeds.mjs", &[&base, &path]);
    })
    .await
    .unwrap();
}

/// A photo's caption and credit, as the editor writes them, reach the page, the feed and the
/// structured data (`ImageObject.creditText`).
#[tokio::test]
async fn a_photo_s_caption_and_credit_reach_the_page_the_feed_and_the_structured_data() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    let body = "نص الخبر.\n\n<figure><img src=\"https://images.example.org/souk.jpg\" \
                alt=\"باعة الخضار في السوق\"><figcaption>السوق صباح الافتتاح \
                <small>تصوير: ليلى حسن</small></figcaption></figure>";
    let path = site.post_new("صور الافتتاح", body, &[]);
    let server = site.serve();
    let client = browser();
    let (_, page) = get(&client, &server.url(path.trim())).await;
    assert!(
        page.contains("<small>تصوير: ليلى حسن</small>"),
        "under the photo"
    );
    let html = scraper::Html::parse_document(&page);
    let script = scraper::Selector::parse("script[type='application/ld+json']").unwrap();
    let text: String = html.select(&script).next().unwrap().text().collect();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let image = &json["image"][0];
    assert_eq!(image["@type"], "ImageObject", "{json}");
    assert_eq!(image["creditText"], "تصوير: ليلى حسن");
    assert_eq!(image["caption"], "السوق صباح الافتتاح");
    let (_, feed) = get(&client, &server.url("/feeds/posts/default")).await;
    assert!(feed.contains("تصوير: ليلى حسن"), "in the feed");
}

/// The visual editor asks the site whether a link can be embedded, and the site answers with
/// the rule its pages use: a known post's own address, or a refusal the editor turns into a
/// message; only the newsroom may ask.
#[tokio::test]
async fn the_editor_is_told_which_links_can_be_embedded() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    add_user(&site, "رامي", "rami@example.org", "editor");
    let server = site.serve();
    let ask = |client: reqwest::Client, url: &str| {
        let address = server.url(&format!(
            "/admin/embed.json?url={}",
            url.bytes()
                .map(|b| if b.is_ascii_alphanumeric() {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                })
                .collect::<String>()
        ));
        async move {
            let response = client.get(address).send().await.unwrap();
            let status = response.status().as_u16();
            (status, response.json::<serde_json::Value>().await.ok())
        }
    };
    let editor = crate::admin::signed_in(&server, "rami@example.org").await;
    let (status, answer) = ask(editor.clone(), "https://youtu.be/dQw4w9WgXcQ").await;
    assert_eq!(status, 200);
    let answer = answer.unwrap()["embed"].clone();
    assert_eq!(answer["service"], "youtube");
    assert_eq!(answer["name"], "YouTube");
    assert_eq!(answer["url"], "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    let (status, answer) = ask(
        editor.clone(),
        "https://x.com/manbij/status/1790000000000000000",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(answer.unwrap()["embed"]["name"], "X");
    for refused in [
        "https://vimeo.com/76979871",
        "javascript:alert(1)",
        "https://youtu.be/too-short",
        "",
        &format!("https://youtu.be/{}", "a".repeat(5000)),
    ] {
        let (status, answer) = ask(editor.clone(), refused).await;
        assert_eq!(status, 200, "{refused}");
        assert!(answer.unwrap()["embed"].is_null(), "{refused}");
    }
    // Signed out: the sign-in page (the client follows the redirect), not an answer.
    let (_, answer) = ask(browser(), "https://youtu.be/dQw4w9WgXcQ").await;
    assert!(answer.is_none_or(|a| a.get("embed").is_none()));
}
