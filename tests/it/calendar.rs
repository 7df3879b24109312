//! The newsroom's clock through the doors a user uses: a site in Asia/Damascus files and dates
//! posts on its own calendar, the editor shows and takes local times, Hijri dates follow their
//! setting and adjustment, Arabic-Indic digits reach every number a reader sees and no URL.

use crate::admin::{add_user, signed_in};
use crate::editor::{post_id, save};
use crate::harness::{Site, browser, get, reader_text};
use scraper::{Html, Selector};

/// 22:30 UTC on 31 August 2025: 01:30 on 1 September in Manbij.
const LATE_AUGUST_UTC: &str = "2025-08-31T22:30:00Z";

fn damascus_site() -> (tempfile::TempDir, Site) {
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم", "--locale", "ar-SY"]);
    (dir, site)
}

#[tokio::test]
async fn a_late_story_is_filed_and_dated_on_the_newsroom_s_calendar() {
    let (_dir, site) = damascus_site();
    let shown = site.ok(&["site", "show"]);
    assert!(shown.contains("time_zone\tAsia/Damascus\n"), "{shown}");
    let path = site.post_new(
        "اجتماع المجلس المحلي في منبج",
        "نص الخبر.",
        &["--published-at", LATE_AUGUST_UTC],
    );
    let path = path.trim();
    assert!(path.starts_with("/2025/09/"), "{path}");

    let server = site.serve();
    let client = browser();
    let (status, page) = get(&client, &server.url(path)).await;
    assert_eq!(status, 200);
    let html = Html::parse_document(&page);
    let time = Selector::parse("article header time").unwrap();
    let time = html.select(&time).next().expect("a date");
    assert_eq!(time.text().collect::<String>(), "1 أيلول 2025");
    assert_eq!(time.value().attr("datetime"), Some("2025-09-01"));
    // The month's archive is September's, and August has nothing.
    let (status, september) = get(&client, &server.url("/2025/09/")).await;
    assert_eq!(status, 200);
    assert!(september.contains("اجتماع المجلس المحلي"), "{september}");
    let (status, _) = get(&client, &server.url("/2025/08/")).await;
    assert_eq!(status, 404);
    // Feeds keep the full time with its offset.
    let (_, feed) = get(&client, &server.url("/feeds/posts/default")).await;
    assert!(feed.contains("2025-08-31T22:30:00"), "{feed}");

    // Changing the zone later moves no published address.
    site.ok(&["site", "set", "time_zone", "UTC"]);
    let (status, _) = get(&client, &server.url(path)).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_editor_shows_and_takes_local_times() {
    let (_dir, site) = damascus_site();
    add_user(&site, "رامي", "rami@example.org", "editor");
    let server = site.serve();
    let client = signed_in(&server, "rami@example.org").await;

    let (_, page) = get(&client, &server.url("/admin/posts/new")).await;
    assert!(page.contains("Asia/Damascus"), "the field names the zone");
    let response = save(
        &client,
        &server,
        "/admin/posts/new",
        &[
            ("title", "افتتاح مدرسة الحي الشرقي"),
            ("body", "نص."),
            ("status", "published"),
            ("publish_at", "2025-09-01T01:30"),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let id = post_id(&response);
    let listed = site.ok(&["post", "list"]);
    assert!(listed.contains("2025-08-31T22:30:00Z"), "{listed}");
    assert!(listed.contains("/2025/09/"), "{listed}");
    // Opened again, the field shows the local time it was given.
    let (_, page) = get(&client, &server.url(&format!("/admin/posts/{id}/edit"))).await;
    assert!(page.contains("value=\"2025-09-01T01:30\""), "{page}");

    // A time Cairo's clocks skipped (00:00 → 01:00 on 28 April 2023) is refused, not moved.
    site.ok(&["site", "set", "time_zone", "Africa/Cairo"]);
    let response = save(
        &client,
        &server,
        "/admin/posts/new",
        &[
            ("title", "خبر في ساعة لا توجد"),
            ("body", "نص."),
            ("status", "published"),
            ("publish_at", "2023-04-28T00:30"),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("للتوقيت الصيفي"), "the reason is given");
    assert!(page.contains("خبر في ساعة لا توجد"), "nothing typed is lost");
    assert!(!site.ok(&["post", "list"]).contains("خبر في ساعة"));
    // The same from the command line, and a time the clocks show twice is the earlier one.
    let err = site.fails(&[
        "post",
        "new",
        "--title",
        "ت",
        "--body",
        "ن",
        "--published-at",
        "2023-04-28 00:30",
    ]);
    assert!(err.contains("does not exist in Africa/Cairo"), "{err}");
    let path = site.post_new(
        "خبر الساعة المكررة",
        "نص.",
        &["--published-at", "2023-10-26 23:30"],
    );
    assert!(path.starts_with("/2023/10/"), "{path}");
    let listed = site.ok(&["post", "list"]);
    assert!(listed.contains("2023-10-26T20:30:00Z"), "{listed}");
}

#[tokio::test]
async fn hijri_dates_show_beside_with_the_chosen_adjustment() {
    let (_dir, site) = damascus_site();
    let path = site.post_new("سوق الجمعة", "نص.", &["--published-at", LATE_AUGUST_UTC]);
    let path = path.trim().to_owned();
    let server = site.serve();
    let client = browser();
    let hijri = |page: &str| {
        let html = Html::parse_document(page);
        let selector = Selector::parse("article header .hijri").unwrap();
        html.select(&selector)
            .next()
            .map(|e| e.text().collect::<String>())
    };
    let (_, page) = get(&client, &server.url(&path)).await;
    assert_eq!(hijri(&page), None, "off by default");

    // 1 September 2025 is 9 Rabi' al-Awwal 1447 by Umm al-Qura.
    site.ok(&["site", "set", "hijri", "on"]);
    let (_, page) = get(&client, &server.url(&path)).await;
    let shown = hijri(&page).expect("a Hijri date");
    assert!(shown.contains("9 ربيع الأول 1447"), "{shown}");
    let (_, home) = get(&client, &server.url("/")).await;
    assert!(home.contains("9 ربيع الأول 1447"), "lists show it too");

    site.ok(&["site", "set", "hijri_adjust", "-1"]);
    let (_, page) = get(&client, &server.url(&path)).await;
    let shown = hijri(&page).expect("a Hijri date");
    assert!(shown.contains("8 ربيع الأول 1447"), "{shown}");

    let err = site.fails(&["site", "set", "hijri_adjust", "3"]);
    assert!(err.contains("settings-error-hijri"), "{err}");
    let err = site.fails(&["init", "--title", "ت", "--hijri", "--hijri-adjust", "-5"]);
    assert!(err.contains("--hijri-adjust"), "{err}");
}

#[tokio::test]
async fn arabic_indic_digits_reach_every_number_a_reader_sees_and_no_url() {
    let (_dir, site) = damascus_site();
    site.ok(&["site", "set", "digits", "arab"]);
    site.ok(&["site", "set", "hijri", "on"]);
    for n in 0..12 {
        site.post_new(
            &format!("خبر عن السوق {}", ["الأول", "الثاني", "الثالث"][n % 3]),
            "نص عن #السوق في المدينة.",
            &["--published-at", LATE_AUGUST_UTC],
        );
    }
    let server = site.serve();
    let client = browser();
    let post = site.ok(&["post", "list"]);
    let post_path = post.lines().next().unwrap().split('\t').nth(4).unwrap();
    let pages = [
        "/".to_owned(),
        "/page/2/".to_owned(),
        "/2025/09/".to_owned(),
        "/search/label/السوق".to_owned(),
        "/search?q=السوق".to_owned(),
        post_path.to_owned(),
    ];
    let arabic_indic = |c: char| ('\u{0660}'..='\u{0669}').contains(&c);
    for path in &pages {
        let (status, page) = get(&client, &server.url(path)).await;
        assert_eq!(status, 200, "{path}");
        let html = Html::parse_document(&page);
        let text = reader_text(&html);
        assert!(
            !text.chars().any(|c| c.is_ascii_digit()),
            "{path} shows Latin digits: {text}"
        );
        assert!(text.chars().any(arabic_indic), "{path} shows no number");
        for attribute in ["href", "src", "action", "datetime"] {
            let selector = Selector::parse(&format!("[{attribute}]")).unwrap();
            for element in html.select(&selector) {
                let value = element.value().attr(attribute).unwrap_or("");
                assert!(
                    !value.chars().any(arabic_indic),
                    "{path}: {attribute}={value}"
                );
            }
        }
    }
    let (_, search) = get(&client, &server.url("/search?q=السوق")).await;
    assert!(search.contains("١٢"), "the result count");
    // Machine-readable data keeps Latin digits.
    for feed in [
        "/feeds/posts/default",
        "/sitemap.xml",
        "/feed.json",
        "/news-sitemap.xml",
    ] {
        let (_, body) = get(&client, &server.url(feed)).await;
        assert!(!body.chars().any(arabic_indic), "{feed}");
    }
}

#[test]
fn unknown_zones_and_calendar_settings_are_refused_with_what_is_accepted() {
    let (_dir, site) = Site::fresh();
    let err = site.fails(&["init", "--title", "ت", "--time-zone", "Asia/Manbij"]);
    assert!(
        err.contains("--time-zone") && err.contains("Asia/Damascus"),
        "{err}"
    );
    assert!(err.contains("minbar site zones"), "{err}");
    let err = site.fails(&["init", "--title", "ت", "--digits", "roman"]);
    assert!(err.contains("latn") && err.contains("arab"), "{err}");
    let err = site.fails(&["init", "--title", "ت", "--locale", "ku"]);
    assert!(err.contains("ckb") && err.contains("kmr"), "{err}");
    site.ok(&["init", "--title", "ت", "--locale", "ckb-IQ"]);
    assert!(
        site.ok(&["site", "show"])
            .contains("time_zone\tAsia/Baghdad\n")
    );
    let zones = site.ok(&["site", "zones"]);
    assert!(zones.lines().any(|z| z == "Asia/Damascus"), "{zones}");
    let err = site.fails(&["site", "set", "hijri", "sometimes"]);
    assert!(err.contains("on or off"), "{err}");
}
