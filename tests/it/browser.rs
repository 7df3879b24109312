//! Runs `tests/browser/*.mjs` (playwright-core driving Debian's Chromium, headless) against a real
//! server. Under `CI=true` Chromium, Node and playwright-core must be there; elsewhere a missing
//! one is said in one line and the test does not run.

use crate::admin::{add_user, new_site};
use std::path::Path;
use std::process::Command;

fn browser_tools() -> bool {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let missing: Vec<&str> = [
        ("/usr/bin/chromium", Path::new("/usr/bin/chromium").exists()),
        (
            "node",
            Command::new("node")
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success()),
        ),
        (
            "node_modules/playwright-core (npm ci)",
            root.join("node_modules/playwright-core").exists(),
        ),
    ]
    .into_iter()
    .filter(|(_, found)| !found)
    .map(|(name, _)| name)
    .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "browser tests need {missing:?} under CI=true"
    );
    println!("browser tests skipped here: {missing:?} not found");
    false
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
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(1800, 1200, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    }))
    .save(&photo)
    .unwrap();
    let server = site.serve();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/admin.mjs");
    let output = Command::new("node")
        .arg(&script)
        .arg(&server.base)
        .arg(&photo)
        .args([
            "rami@example.org",
            "salma@example.org",
            crate::admin::PASSWORD,
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("all steps passed"));
}
