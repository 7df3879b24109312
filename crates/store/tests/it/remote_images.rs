//! The journal of images brought from other hosts, and the body swap that points a post at the
//! site's copies, the same on both engines.

use minbar_content::{BodyFormat, PostInput, compose_post};
use minbar_store::media::MediaRow;
use minbar_store::outbox::Entity;
use minbar_store::remote_images::{self as journal, Tried};
use minbar_store::testing::on_both_engines;

#[tokio::test]
async fn a_photo_is_journaled_with_its_copy_and_a_failure_with_its_reason() {
    on_both_engines(|store| async move {
        let row = MediaRow {
            name: "0123456789abcdef-640x480.jpg".to_owned(),
            content_type: "image/jpeg".to_owned(),
            width: 640,
            height: 480,
            bytes: 1000,
            created_at: 1,
        };
        journal::stored(
            &store,
            "bp.blogspot.com/-A/x.jpg",
            "https://1.bp.blogspot.com/-A/s0/x.jpg",
            &row,
        )
        .await
        .unwrap();
        journal::failed(
            &store,
            "https://gone.example/a.jpg",
            "https://gone.example/a.jpg",
            "not found (404)",
        )
        .await
        .unwrap();
        let known = journal::journal(&store).await.unwrap();
        assert_eq!(
            known.get("bp.blogspot.com/-A/x.jpg"),
            Some(&Tried::Stored(row.name.clone()))
        );
        assert_eq!(
            known.get("https://gone.example/a.jpg"),
            Some(&Tried::Failed("not found (404)".to_owned()))
        );
        // The copy is in the media library, as an upload would be.
        let media = minbar_store::media::recent(&store, 10).await.unwrap();
        assert_eq!(media, [row]);
        // Failures are forgotten on request; stored photos stay.
        assert_eq!(journal::forget_failures(&store).await.unwrap(), 1);
        assert_eq!(journal::journal(&store).await.unwrap().len(), 1);
    })
    .await;
}

/// A published Markdown post.
fn markdown_post(title: &str, body: &str) -> minbar_content::NewPost {
    compose_post(&PostInput {
        title: title.to_owned(),
        body: body.to_owned(),
        format: BodyFormat::Markdown,
        labels: vec![],
        featured: false,
        draft: false,
        published_at: 1,
    })
    .unwrap()
    .0
}

#[tokio::test]
async fn a_body_with_outside_images_is_found_and_swapped() {
    on_both_engines(|store| async move {
        for (title, body) in [("حريق", "![](https://h.example/a.jpg)"), ("بلا صور", "نص")]
        {
            minbar_store::posts::insert(&store, &markdown_post(title, body), None)
                .await
                .unwrap();
        }
        let bodies = journal::bodies_with_addresses(&store).await.unwrap();
        assert_eq!(bodies.len(), 1, "{bodies:?}");
        let body = &bodies[0];
        assert_eq!(
            (body.entity.clone(), body.format),
            (Entity::Post, BodyFormat::Markdown)
        );
        journal::swap_body(
            &store,
            body,
            "![](/media/x-1x1.jpg)",
            "<p><img src=\"/media/x-1x1.jpg\"></p>",
        )
        .await
        .unwrap();
        assert!(
            journal::bodies_with_addresses(&store)
                .await
                .unwrap()
                .is_empty()
        );
    })
    .await;
}
