//! Runs `tests/browser/*.mjs` (playwright-core driving Debian's Chromium, headless) against a real
//! server. Under `CI=true` Chromium, Node and playwright-core must be there; elsewhere a missing
//! one is said in one line and the test does not run.

use crate::admin::{add_user, new_site};
use crate::harness::{present, runs};
use std::path::Path;
use std::process::Command;

pub(crate) fn browser_tools() -> bool {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let missing: Vec<&str> = [
        ("/usr/bin/chromium", Path::new("/usr/bin/chromium").exists()),
        ("node", runs(Command::new("node").arg("--version"))),
        (
            "node_modules/playwright-core (npm ci)",
            root.join("node_modules/playwright-core").exists(),
        ),
    ]
    .into_iter()
    .filter(|(_, found)| !found)
    .map(|(name, _)| name)
    .collect();
    present(
        missing.is_empty(),
        &format!("browser tests need {missing:?} under CI=true"),
        &format!("browser tests skipped here: {missing:?} not found"),
    )
}

#[test]
fn the_admin_in_a_real_browser() {
    if !browser_tools() {
        return;
    }
    let (dir, site) = new_site();
    add_user(&site, "رامي", "rami@example.org", "editor");
    add_user(&site, "سلمى", "salma@example.org", "author");
    let photo = dir.path().join("souk.jpg");
    crate::harness::save_photo(&photo, 1800, 1200, 120);
    let server = site.serve();
    run_script(
        "admin.mjs",
        &[
            &server.base,
            &photo.to_string_lossy(),
            "rami@example.org",
            "salma@example.org",
            crate::admin::PASSWORD,
        ],
    );
}

#[test]
fn the_visual_editor_in_a_real_browser() {
    if !browser_tools() {
        return;
    }
    let (dir, site) = new_site();
    add_user(&site, "رامي", "rami@example.org", "editor");
    let photo = dir.path().join("bridge.jpg");
    crate::harness::save_photo(&photo, 1200, 800, 90);
    site.post_new(
        "افتتاح الجسر",
        "افتتح **الجسر** اليوم.\n\n- السوق\n- المدرسة",
        &[],
    );
    let listed = site.ok(&["post", "list"]);
    let id = listed
        .split('\t')
        .next()
        .expect("the Markdown post")
        .to_owned();
    let server = site.serve();
    run_script(
        "editor.mjs",
        &[
            &server.base,
            "rami@example.org",
            crate::admin::PASSWORD,
            &format!("/admin/posts/{id}/edit"),
            &photo.to_string_lossy(),
        ],
    );
}

/// Runs `tests/browser/<name>` with `args` and checks every step passed.
pub(crate) fn run_script(name: &str, args: &[&str]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser")
        .join(name);
    let output = Command::new("node")
        .arg(&script)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("all steps passed"));
}

#[tokio::test]
async fn comments_in_a_real_browser() {
    if !browser_tools() {
        return;
    }
    let (_dir, site) = new_site();
    site.ok(&[
        "init",
        "--title",
        "منبج اليوم",
        "--moderation",
        "first-time",
    ]);
    add_user(&site, "رامي", "rami@example.org", "editor");
    let post = site.post_new("إصلاح الجسر", "بدأ الإصلاح.", &[]);
    let hostile = site.ok(&["post", "new", "--title", "تعليقات عدائية", "--body", "نص."]);
    let server = site.serve();

    // Hostile comments, sent as a script would send them, then approved.
    let client = crate::harness::browser();
    let url = server.url(hostile.trim());
    let (_, page) = crate::harness::get(&client, &url).await;
    let (_, fields) =
        crate::harness::read_form(&scraper::Html::parse_document(&page), "#comment-form");
    crate::harness::like_a_reader().await;
    for (name, body) in [
        (
            "<img src=x onerror=\"window.pwned=true;alert(1)\">",
            "<script>window.pwned=true;alert(2)</script>",
        ),
        (
            "قارئ",
            "<a href=\"javascript:alert(3)\" onmouseover=\"alert(4)\">اضغط</a> <svg onload=alert(5)>",
        ),
        (
            "\u{202E}زائر",
            "abc\u{202E}gnp.exe <iframe src=javascript:alert(6)>",
        ),
    ] {
        let mut fields = fields.clone();
        crate::harness::fill(&mut fields, "name", name);
        crate::harness::fill(&mut fields, "body", body);
        let response = client.post(&url).form(&fields).send().await.unwrap();
        assert_eq!(response.status(), 200);
    }
    for line in site.ok(&["comment", "list"]).lines() {
        let id = line.split('\t').next().unwrap();
        site.ok(&["comment", "approve", id]);
    }

    run_script(
        "comments.mjs",
        &[
            &server.base,
            post.trim(),
            hostile.trim(),
            "rami@example.org",
            crate::admin::PASSWORD,
        ],
    );
}
