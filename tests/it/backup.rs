//! `minbar backup` and `minbar restore` through the command line: a copy taken while the server
//! serves and writes holds every write acknowledged before it began; a restore puts it into an
//! empty data directory, checked, and exports the same archive as the site did; bad input is
//! refused and leaves nothing behind.

use crate::harness::Site;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A site with posts and a media file, signed in for the API.
fn site_with_content() -> (tempfile::TempDir, Site, String) {
    let (dir, site) = Site::fresh();
    site.ok(&[
        "init",
        "--title",
        "منبج اليوم",
        "--base-url",
        "https://manbij.example",
    ]);
    for n in 0..3 {
        site.post_new(&format!("خبر محفوظ {n}"), "نص الخبر #منبج", &[]);
    }
    // A media file, byte for byte (its name is a media name; the bytes need not be an image here).
    std::fs::create_dir_all(site.data.join("media")).unwrap();
    std::fs::write(
        site.data.join("media").join("0123456789abcdef-1x1.png"),
        b"\x89PNG bytes kept as they are",
    )
    .unwrap();
    crate::admin::add_user(&site, "محررة", "editor@example.org", "editor");
    let token = site
        .ok(&["user", "token", "editor@example.org"])
        .trim()
        .to_owned();
    (dir, site, token)
}

fn restored(dir: &tempfile::TempDir, name: &str) -> Site {
    Site {
        data: dir.path().join(name),
        database_url: None,
    }
}

#[test]
fn a_restored_backup_exports_the_same_archive() {
    let (dir, site, _) = site_with_content();
    let before = dir.path().join("before.jsonl");
    site.ok(&["export", before.to_str().unwrap()]);
    let backup = dir.path().join("site.backup");
    site.ok(&["backup", backup.to_str().unwrap()]);

    let copy = restored(&dir, "restored");
    copy.ok(&["restore", backup.to_str().unwrap()]);
    let after = dir.path().join("after.jsonl");
    copy.ok(&["export", after.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(&before).unwrap(),
        std::fs::read(&after).unwrap(),
        "the restored site exports what the site did"
    );
    assert_eq!(
        std::fs::read(copy.data.join("media").join("0123456789abcdef-1x1.png")).unwrap(),
        b"\x89PNG bytes kept as they are"
    );
    assert!(copy.ok(&["post", "list"]).contains("خبر محفوظ 2"));

    // Into a directory that holds anything: refused, and nothing there is touched.
    let err = copy.fails(&["restore", backup.to_str().unwrap()]);
    assert!(err.contains("is not empty"), "{err}");
    // A file that is not a backup: refused, and the empty directory stays empty.
    let other = restored(&dir, "other");
    let err = other.fails(&["restore", before.to_str().unwrap()]);
    assert!(err.contains("not a Minbar backup"), "{err}");
    let left: Vec<_> = std::fs::read_dir(&other.data)
        .map(|entries| entries.flatten().collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "a failed restore left {left:?}");
    // A failed backup leaves no file where the backup was asked for.
    let nowhere = dir.path().join("missing-dir").join("site.backup");
    let err = site.fails(&["backup", nowhere.to_str().unwrap()]);
    assert!(err.contains("cannot write"), "{err}");
    assert!(!nowhere.exists());
}

#[tokio::test]
async fn a_backup_taken_under_writes_holds_every_acknowledged_post() {
    let (dir, site, token) = site_with_content();
    let server = site.serve();
    let writing = Arc::new(AtomicBool::new(true));
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let writer = {
        let (writing, acknowledged) = (writing.clone(), acknowledged.clone());
        let url = server.url("/api/v1/posts");
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut n = 0;
            while writing.load(Ordering::Relaxed) && n < 2_000 {
                let title = format!("خبر تحت الكتابة {n}");
                let body = json!({"title": title, "body": "نص", "status": "published"});
                let response = client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await;
                if response.is_ok_and(|r| r.status() == 201) {
                    acknowledged.lock().unwrap().push(title);
                }
                n += 1;
            }
        })
    };
    // Let some writes land, note what was acknowledged, then back up while writes go on.
    while acknowledged.lock().unwrap().len() < 20 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let before_backup = acknowledged.lock().unwrap().clone();
    let backup = dir.path().join("live.backup");
    let taken = tokio::task::spawn_blocking({
        let (data, backup) = (site.data.clone(), backup.clone());
        move || {
            let site = Site {
                data,
                database_url: None,
            };
            site.ok(&["backup", backup.to_str().unwrap()])
        }
    })
    .await;
    assert!(taken.is_ok());
    writing.store(false, Ordering::Relaxed);
    writer.await.unwrap();
    let during = acknowledged.lock().unwrap().len();
    assert!(
        during > before_backup.len(),
        "writes went on during the backup"
    );

    let copy = restored(&dir, "restored");
    copy.ok(&["restore", backup.to_str().unwrap()]);
    let listed = copy.ok(&["post", "list"]);
    for title in &before_backup {
        assert!(
            listed.contains(title.as_str()),
            "{title} is missing from the backup"
        );
    }
}
