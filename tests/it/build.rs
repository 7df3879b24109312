//! `minbar build`: every file is what the server sends for its address, the compressed copies
//! decode to it, and a second build writes only what changed and removes what went away.

use crate::harness::Site;
use std::io::Read;
use std::path::Path;

/// Every file under `dir` (relative, `/`-separated), without the compressed copies.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(&next).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if !relative.ends_with(".gz")
                    && !relative.ends_with(".br")
                    && !relative.starts_with('.')
                {
                    out.push(relative);
                }
            }
        }
    }
    out.sort();
    out
}

/// The address a file answers.
fn address(file: &str) -> String {
    let path = match file.strip_suffix("index.html") {
        Some("") => "/".to_owned(),
        Some(dir) if dir.starts_with("search/") => format!("/{}", dir.trim_end_matches('/')),
        Some(dir) => format!("/{dir}"),
        None => format!("/{file}"),
    };
    crate::harness::encode(&path)
}

fn built(out: &str) -> (usize, usize, usize) {
    let number = |word: &str| {
        out.split(',')
            .chain(out.split(':'))
            .find_map(|part| {
                let part = part.trim();
                part.strip_suffix(word)
                    .and_then(|n| n.trim().rsplit(' ').next().and_then(|n| n.parse().ok()))
            })
            .unwrap_or_else(|| panic!("no '{word}' in {out}"))
    };
    (number("written"), number("unchanged"), number("removed"))
}

#[tokio::test]
async fn the_mirror_is_what_the_server_sends_and_rebuilds_only_what_changed() {
    let (dir, site) = Site::fresh();
    site.ok(&[
        "init",
        "--title",
        "منبج اليوم",
        "--base-url",
        "https://manbij.example",
        "--moderation",
        "open",
    ]);
    let mut paths = Vec::new();
    for n in 1..=5 {
        let path = site.ok(&[
            "post",
            "new",
            "--title",
            &format!("خبر رقم {n} عن #منبج"),
            "--body",
            &"نص الخبر عن السوق والجسر. ".repeat(20),
        ]);
        paths.push(path.trim().to_owned());
    }
    let out = dir.path().join("mirror");
    let out_arg = out.to_string_lossy().into_owned();
    let first = site.run(&["build", "--out", &out_arg]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let (written, unchanged, _) = built(&String::from_utf8_lossy(&first.stderr));
    assert_eq!(unchanged, 0);

    let server = site.serve();
    let client = reqwest::Client::new();
    let listed = files(&out);
    assert_eq!(listed.len(), written);
    for file in &listed {
        let url = server.url(&address(file));
        let response = client.get(&url).send().await.unwrap();
        assert_eq!(response.status(), 200, "{file} → {url}");
        let served = response.bytes().await.unwrap();
        let bytes = std::fs::read(out.join(file)).unwrap();
        assert!(served[..] == bytes[..], "{file} differs from {url}");
        let mut gz = Vec::new();
        flate2::read::GzDecoder::new(&std::fs::read(out.join(format!("{file}.gz"))).unwrap()[..])
            .read_to_end(&mut gz)
            .unwrap();
        assert_eq!(gz, bytes, "{file}.gz");
        let mut br = Vec::new();
        brotli::BrotliDecompress(
            &mut &std::fs::read(out.join(format!("{file}.br"))).unwrap()[..],
            &mut br,
        )
        .unwrap();
        assert_eq!(br, bytes, "{file}.br");
    }
    drop(server);

    // Nothing changed: nothing is written.
    let again = site.run(&["build", "--out", &out_arg]);
    let (written, unchanged, removed) = built(&String::from_utf8_lossy(&again.stderr));
    assert_eq!(
        (written, removed),
        (0, 0),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(unchanged, listed.len());

    // One post deleted: its page goes, the lists that showed it are written again, the other
    // posts' pages are not touched.
    site.ok(&["post", "delete", &paths[4]]);
    let third = site.run(&["build", "--out", &out_arg]);
    let stderr = String::from_utf8_lossy(&third.stderr).into_owned();
    let (written, _, removed) = built(&stderr);
    assert_eq!(removed, 1, "{stderr}");
    assert!(written >= 1 && written < listed.len() - 4, "{stderr}");
    assert_eq!(files(&out).len(), listed.len() - 1);
}

#[test]
fn a_site_without_a_public_address_is_refused_clearly() {
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    let out = dir.path().join("mirror");
    let err = site.fails(&["build", "--out", &out.to_string_lossy()]);
    assert!(err.contains("--base-url"), "{err}");
}
