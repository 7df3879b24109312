//! Uploading a photo through the admin: it comes back with no EXIF, GPS, XMP or IPTC at all, as
//! read by exiftool (an independent reader), in smaller copies used with `srcset` in posts; bad
//! uploads are refused with a message.

use crate::admin::{add_user, member_of_new_site, new_site, signed_in};
use crate::harness::{Server, fetch, get, page_form, text_of, tool};
use scraper::Html;
use std::process::Command;

/// exiftool, or `None` after saying so; under `CI=true` it must be there.
pub(crate) fn exiftool() -> Option<&'static str> {
    tool("exiftool", "-ver", "exiftool", "exiftool")
}

/// Every tag exiftool finds in `files` in the metadata groups a photo could leak through (one
/// run for them all; its per-file headers and count left out).
pub(crate) fn metadata(exiftool: &str, files: &[&std::path::Path]) -> String {
    let output = Command::new(exiftool)
        .args([
            "-s",
            "-G",
            "-EXIF:all",
            "-GPS:all",
            "-XMP:all",
            "-IPTC:all",
            "-MakerNotes:all",
            "-Comment",
        ])
        .args(files)
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.starts_with("========") && !l.contains("image files read"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Writes a photo as a reporter's phone would take it to `path`: JPEG, with GPS, camera, XMP
/// and IPTC tags.
pub(crate) fn phone_photo(exiftool: &str, path: &std::path::Path, width: u32, height: u32) {
    image::DynamicImage::new_rgb8(width, height)
        .save(path)
        .unwrap();
    let tagged = Command::new(exiftool)
        .args([
            "-overwrite_original",
            "-GPSLatitude=36.5280",
            "-GPSLatitudeRef=N",
            "-GPSLongitude=37.9556",
            "-GPSLongitudeRef=E",
            "-Make=PhoneMaker",
            "-Model=Phone 12",
            "-Artist=مراسل",
            "-XMP:Creator=مراسل منبج",
            "-IPTC:City=Manbij",
            "-Orientation#=1",
        ])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        tagged.status.success(),
        "{}",
        String::from_utf8_lossy(&tagged.stderr)
    );
}

pub(crate) async fn upload(
    client: &reqwest::Client,
    server: &Server,
    bytes: Vec<u8>,
    name: &str,
) -> reqwest::Response {
    let (_, fields) = page_form(client, server, "/admin/media", "form.upload").await;
    let token = fields
        .into_iter()
        .find(|(n, _)| n == "csrf")
        .map(|(_, v)| v)
        .unwrap();
    let form = reqwest::multipart::Form::new().text("csrf", token).part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    );
    post_media(client, server, form).await
}

/// Posts a multipart `form` to the admin's upload address.
pub(crate) async fn post_media(
    client: &reqwest::Client,
    server: &Server,
    form: reqwest::multipart::Form,
) -> reqwest::Response {
    client
        .post(server.url("/admin/media"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_photo_with_gps_comes_back_with_no_metadata() {
    let Some(exiftool) = exiftool() else { return };
    let (dir, site) = new_site();
    add_user(&site, "سلمى", "salma@example.org", "author");

    // A photo as a reporter's phone would take it: JPEG, with GPS, camera and XMP tags.
    let photo = dir.path().join("photo.jpg");
    phone_photo(exiftool, &photo, 2000, 1200);
    let before = metadata(exiftool, &[&photo]);
    assert!(
        before.contains("GPSLatitude") && before.contains("Manbij"),
        "the test photo has no GPS: {before}"
    );

    let server = site.serve();
    let client = signed_in(&server, "salma@example.org").await;
    let response = upload(
        &client,
        &server,
        std::fs::read(&photo).unwrap(),
        "../../\u{202E}gpj.exe منبج.jpg",
    )
    .await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    let html = Html::parse_document(&page);
    let code = text_of(&html, ".media-grid code").expect("the upload is listed");
    let url = code
        .trim_start_matches("![](")
        .trim_end_matches(')')
        .to_owned();
    assert!(
        url.starts_with("/media/") && url.ends_with("-2000x1200.jpg"),
        "{url}"
    );

    // Every copy, full size and smaller, read back over HTTP and by exiftool: nothing left.
    let hash = url
        .trim_start_matches("/media/")
        .split('-')
        .next()
        .unwrap()
        .to_owned();
    for copy in [
        url.clone(),
        format!("/media/{hash}-480w.jpg"),
        format!("/media/{hash}-960w.jpg"),
        format!("/media/{hash}-1600w.jpg"),
    ] {
        let response = fetch(&client, &server.url(&copy)).await;
        assert_eq!(response.status(), 200, "{copy}");
        assert_eq!(response.headers()["content-type"], "image/jpeg");
        let file = dir.path().join("back.jpg");
        std::fs::write(&file, response.bytes().await.unwrap()).unwrap();
        let after = metadata(exiftool, &[&file]);
        assert!(
            after.trim().is_empty(),
            "{copy} still carries metadata:\n{after}"
        );
    }
    // The uploader's file name never reached the disk.
    let stored: Vec<String> = std::fs::read_dir(site.data.join("media"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(stored.iter().all(|n| n.starts_with(&hash)), "{stored:?}");

    // In a post, the image is sized, lazy and offered in every width.
    let post = site.post_new("صورة الجسر", &format!("![الجسر]({url})"), &[]);
    let (_, public) = get(&client, &server.url(post.trim())).await;
    assert!(
        public.contains(&format!(
            "{} 480w",
            url.replace("-2000x1200.jpg", "-480w.jpg")
        )),
        "{public}"
    );
    assert!(
        public.contains("width=\"2000\" height=\"1200\"") && public.contains("loading=\"lazy\"")
    );
}

#[tokio::test]
async fn bad_uploads_are_refused_with_a_message() {
    let (_dir, site, server, client) =
        member_of_new_site("سلمى", "salma@example.org", "author").await;
    let message = |page: &str| text_of(&Html::parse_document(page), ".form-error");

    let response = upload(
        &client,
        &server,
        b"<svg onload=alert(1)></svg>".to_vec(),
        "image.jpg",
    )
    .await;
    assert_eq!(response.status(), 415);
    assert_eq!(
        message(&response.text().await.unwrap()).as_deref(),
        Some("الملف ليس صورة JPEG أو PNG أو WebP أو GIF.")
    );

    let response = upload(&client, &server, vec![0xFF; 16 * 1024 * 1024], "huge.jpg").await;
    assert_eq!(response.status(), 413);
    assert_eq!(
        message(&response.text().await.unwrap()).as_deref(),
        Some("الملف أكبر من الحد المسموح.")
    );

    // A PNG that claims 50,000 × 50,000 pixels in a few bytes.
    let mut bomb = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    bomb.extend_from_slice(&50_000u32.to_be_bytes());
    bomb.extend_from_slice(&50_000u32.to_be_bytes());
    bomb.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    let response = upload(&client, &server, bomb, "bomb.png").await;
    assert!(response.status() == 422, "{}", response.status());

    // A part header the multipart parser cannot read (a NUL in the file name): a clear 400.
    let response = upload(&client, &server, vec![0xFF, 0xD8, 0xFF], "a\u{0}b.jpg").await;
    assert!(
        response.status() == 400 || response.status() == 422,
        "{}",
        response.status()
    );

    // Signed out, nothing can be uploaded.
    let stranger = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(vec![1, 2, 3]));
    let response = post_media(&stranger, &server, form).await;
    assert_eq!(response.status(), 303);
    assert!(!site.data.join("media").exists(), "something was stored");
}

/// Posts `bytes` as the visual editor does: the upload form's fields, asking for JSON.
async fn upload_for_json(
    client: &reqwest::Client,
    server: &Server,
    bytes: Vec<u8>,
) -> (reqwest::StatusCode, serde_json::Value) {
    let (_, fields) = page_form(client, server, "/admin/media", "form.upload").await;
    let token = fields
        .into_iter()
        .find(|(n, _)| n == "csrf")
        .map(|(_, v)| v)
        .unwrap();
    let form = reqwest::multipart::Form::new().text("csrf", token).part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name("x"),
    );
    let response = client
        .post(server.url("/admin/media"))
        .header("Accept", "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (
        status,
        serde_json::from_str(&response.text().await.unwrap()).unwrap(),
    )
}

/// The visual editor's side of uploads: the same route answers JSON when asked (the stored name,
/// or the refusal's message key), and `/admin/media.json` lists uploads newest first, for writers
/// only.
#[tokio::test]
async fn the_editor_uploads_and_lists_photos_as_json() {
    let (_dir, _site, server, client) =
        member_of_new_site("سلمى", "salma@example.org", "author").await;
    let list = || async {
        let response = client
            .get(server.url("/admin/media.json"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let text = response.text().await.unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["items"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert!(list().await.is_empty());

    let mut names = Vec::new();
    for width in [640, 800] {
        let mut jpeg = Vec::new();
        image::DynamicImage::new_rgb8(width, 400)
            .write_to(
                &mut std::io::Cursor::new(&mut jpeg),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        let (status, answer) = upload_for_json(&client, &server, jpeg).await;
        assert_eq!(status, 200, "{answer}");
        let name = answer["name"].as_str().unwrap().to_owned();
        assert_eq!(answer["url"], format!("/media/{name}"));
        names.push(name);
    }
    let items = list().await;
    let listed: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(
        listed,
        [names[1].as_str(), names[0].as_str()],
        "newest first"
    );
    assert_eq!(items[0]["url"], format!("/media/{}", names[1]));
    assert_eq!(items[0]["width"], 800);
    assert!(
        items[0]["thumb_url"]
            .as_str()
            .unwrap()
            .starts_with("/media/")
    );

    // Not an image: refused with the message's key, nothing listed.
    let (status, answer) =
        upload_for_json(&client, &server, b"<svg onload=alert(1)>".to_vec()).await;
    assert_eq!(status, 415);
    assert_eq!(answer["error"], "media-error-not-image");
    assert_eq!(list().await.len(), 2);

    // Signed out, the list is refused.
    let stranger = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = stranger
        .get(server.url("/admin/media.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert!(!response.text().await.unwrap().contains("/media/"));
}
