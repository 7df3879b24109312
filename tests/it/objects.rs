//! Shared media: two nodes on one PostgreSQL database keep uploads in one S3 bucket (a real
//! S3-compatible server, moto, started here), so a photo uploaded through one is served by the
//! other; a bucket that cannot be used stops the start with the server's reason.

use crate::admin::add_user;
use crate::api::token;
use crate::harness::{Site, tool};
use minbar_store::testing::PostgresDb;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BUCKET: &str = "minbar-media";

/// The S3 server, stopped when dropped.
struct Moto(Child, u16);

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn moto() -> Moto {
    let port = crate::harness::free_port();
    let child = Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start moto_server: {e}"));
    let moto = Moto(child, port);
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    // Creating the bucket is the first request it answers.
    loop {
        let made = client
            .put(format!("http://127.0.0.1:{port}/{BUCKET}"))
            .send()
            .await;
        if made.is_ok_and(|r| r.status().is_success()) {
            return moto;
        }
        assert!(Instant::now() < deadline, "moto_server never answered");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// `env` with the S3 settings a node reads, to run `minbar` under.
fn s3_env(port: u16) -> Vec<String> {
    vec![
        "env".to_owned(),
        format!("AWS_ENDPOINT=http://127.0.0.1:{port}"),
        "AWS_ALLOW_HTTP=true".to_owned(),
        "AWS_REGION=us-east-1".to_owned(),
        "AWS_ACCESS_KEY_ID=minbar".to_owned(),
        "AWS_SECRET_ACCESS_KEY=minbar-secret".to_owned(),
    ]
}

fn jpeg() -> Vec<u8> {
    let mut jpeg = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(1200, 800)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .unwrap();
    jpeg.into_inner()
}

#[tokio::test]
async fn a_photo_uploaded_through_one_node_is_served_by_another_from_s3() {
    if tool(
        "moto_server",
        "-h",
        "moto_server (pip moto[server])",
        "moto_server",
    )
    .is_none()
    {
        return;
    }
    let Some(db) = PostgresDb::create().await else {
        return;
    };
    let url = db.url.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(scenario(url));
    })
    .await;
    db.drop_now().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic.into_panic());
    }
}

async fn scenario(database_url: String) {
    let moto = moto().await;
    let dir = tempfile::tempdir().unwrap();
    let node = |name: &str| Site {
        data: dir.path().join(name),
        database_url: Some(database_url.clone()),
    };
    let site = node("a");
    site.ok(&["init", "--title", "منبج بالصور"]);
    add_user(&site, "مصوّر", "photo@manbij.example", "author");
    let token = token(&site, "photo@manbij.example");
    let env = s3_env(moto.1);
    let wrapper: Vec<&str> = env.iter().map(String::as_str).collect();
    let media = format!("s3://{BUCKET}/manbij");
    let a = site.serve_under(&wrapper, &["--media", &media]);
    let b = node("b").serve_under(&wrapper, &["--media", &media]);

    let form =
        reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(jpeg()));
    let client = reqwest::Client::new();
    let uploaded = client
        .post(a.url("/api/v1/media"))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), 201);
    let uploaded: serde_json::Value = uploaded.json().await.unwrap();
    let address = uploaded["url"].as_str().unwrap().to_owned();
    let name = uploaded["name"].as_str().unwrap().to_owned();

    let from_b = client.get(b.url(&address)).send().await.unwrap();
    assert_eq!(from_b.status(), 200, "b does not serve what a received");
    assert_eq!(from_b.headers()["content-type"], "image/jpeg");
    let from_b = from_b.bytes().await.unwrap();
    let from_a = client
        .get(a.url(&address))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(from_a, from_b);
    // Not on either node's disk: b could only have it from the bucket, which stays private
    // (asked without the keys, it refuses).
    let object = client
        .get(format!(
            "http://127.0.0.1:{}/{BUCKET}/manbij/{name}",
            moto.1
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(object.status(), 403);
    for data in [&site.data, &dir.path().join("b")] {
        assert!(
            !data.join("media").join(&name).exists(),
            "kept on a node's disk"
        );
    }
    // The smaller copies went to the bucket too, and a name that is not there is a 404.
    let copy = name.replace("-1200x800.jpg", "-480w.jpg");
    assert_eq!(
        client
            .get(b.url(&format!("/media/{copy}")))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let missing = "0123456789abcdef-10x10.jpg";
    assert_eq!(
        client
            .get(b.url(&format!("/media/{missing}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // A bucket that does not exist, and an endpoint nobody answers at: the start is refused
    // with the endpoint and the reason.
    for (bucket, env, said) in [
        ("s3://no-such-bucket", s3_env(moto.1), "NoSuchBucket"),
        ("s3://minbar-media", s3_env(9), "127.0.0.1:9"),
    ] {
        let mut command = site.command(&["serve", "--listen", "127.0.0.1:0", "--media", bucket]);
        for pair in &env[1..] {
            let (name, value) = pair.split_once('=').unwrap();
            command.env(name, value);
        }
        let output = command.output().unwrap();
        assert!(!output.status.success(), "{bucket} was accepted");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(said) && stderr.contains("--media"),
            "{bucket}: {stderr}"
        );
        assert!(
            !stderr.contains("minbar-secret"),
            "a secret in the message: {stderr}"
        );
    }
    drop((a, b));
}
