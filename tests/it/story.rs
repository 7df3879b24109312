//! Issue 17's whole story in one real browser session (`tests/browser/story.mjs`): written in
//! the visual editor, with photos, an embed, a dropped network and a second editor, published,
//! corrected, and read on the page, in the feed and in the structured data.

use crate::admin::{add_user, new_site};
use crate::harness::save_photo;

#[tokio::test]
async fn a_story_from_the_first_word_to_its_correction() {
    if !crate::browser::browser_tools() {
        return;
    }
    let (dir, site) = new_site();
    add_user(&site, "رامي", "rami@example.org", "editor");
    add_user(&site, "هدى", "huda@example.org", "editor");
    let bridge = dir.path().join("bridge.jpg");
    let market = dir.path().join("market.jpg");
    save_photo(&bridge, 1200, 800, 90);
    save_photo(&market, 1000, 750, 200);
    let server = site.serve();
    let base = server.base.clone();
    tokio::task::spawn_blocking(move || {
        crate::browser::run_script(
            "story.mjs",
            &[
                &base,
                "rami@example.org",
                "huda@example.org",
                crate::admin::PASSWORD,
                &bridge.to_string_lossy(),
                &market.to_string_lossy(),
            ],
        );
    })
    .await
    .unwrap();
}
