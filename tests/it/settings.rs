//! One set of rules for the site's settings, whichever door changes them: the admin's form,
//! the JSON API, `minbar init` and `minbar site set` refuse the same values with the same reason.

use crate::admin::{add_user, new_site, signed_in};
use crate::harness::{page_form, submit};

/// Values every door must refuse, with the reason the admin shows for each.
const BAD: [(&str, &str, &str); 6] = [
    ("base_url", "https://x\"<", "settings-error-base-url"),
    ("base_url", "javascript:alert(1)", "settings-error-base-url"),
    ("locale", "xx-YY", "settings-error-locale"),
    ("comments_close_days", "9999", "settings-error-close-days"),
    ("time_zone", "Asia/Manbij", "settings-error-time-zone"),
    ("hijri_adjust", "7", "settings-error-hijri"),
];

#[tokio::test]
async fn every_door_refuses_the_same_settings_for_the_same_reason() {
    let (_dir, site) = new_site();
    add_user(&site, "مديرة", "admin@example.org", "admin");
    let token = site
        .ok(&["user", "token", "admin@example.org"])
        .trim()
        .to_owned();
    let server = site.serve();
    let admin = signed_in(&server, "admin@example.org").await;
    let api = reqwest::Client::new();

    for (key, value, reason) in BAD {
        // The command line, both ways in.
        let flag = match key {
            "base_url" => Some("--base-url"),
            "locale" => Some("--locale"),
            "time_zone" => Some("--time-zone"),
            "comments_close_days" | "hijri_adjust" => None,
            _ => unreachable!(),
        };
        if let Some(flag) = flag {
            let err = site.fails(&["init", "--title", "منبج اليوم", flag, value]);
            assert!(err.contains(reason), "init {flag} {value}: {err}");
        }
        let err = site.fails(&["site", "set", key, value]);
        assert!(err.contains(reason), "site set {key} {value}: {err}");

        // The API: 422 with the same reason.
        let response = api
            .put(server.url("/api/v1/settings"))
            .bearer_auth(&token)
            .json(&serde_json::json!({
                "title": "منبج اليوم", "locale": "ar-SY", "moderation": "first-time", key: value
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422, "api {key} {value}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["reason"], reason, "{body}");

        // The admin's form: 422, and the page names the same field.
        let (action, mut fields) =
            page_form(&admin, &server, "/admin/settings", "form.settings").await;
        fields.retain(|(name, _)| name != "locale" && name != "moderation");
        fields.push(("locale".into(), "ar-SY".into()));
        fields.push(("moderation".into(), "first-time".into()));
        fields.retain(|(name, _)| name != key);
        fields.push((key.into(), value.into()));
        let response = submit(&admin, &server, &action, &fields).await;
        assert_eq!(response.status(), 422, "admin {key} {value}");
    }

    // Nothing refused was saved, and a good value goes through every door alike.
    let shown = site.ok(&["site", "show"]);
    assert!(shown.contains("base_url\t\n"), "{shown}");
    site.ok(&["site", "set", "base_url", "https://manbij.example.org/"]);
    let shown = site.ok(&["site", "show"]);
    assert!(
        shown.contains("base_url\thttps://manbij.example.org\n"),
        "{shown}"
    );
    let err = site.fails(&["site", "set", "colour", "red"]);
    assert!(err.contains("settings-error-unknown"), "{err}");
    let (_, fields) = page_form(&admin, &server, "/admin/settings", "form.settings").await;
    assert!(
        fields
            .iter()
            .any(|(n, v)| n == "base_url" && v == "https://manbij.example.org"),
        "{fields:?}"
    );
}
