//! The Nu HTML Checker (`vnu-jar` from npm, run on the machine's Java) over rendered pages.

use crate::harness::{present, runs};
use std::path::{Path, PathBuf};
use std::process::Command;

fn vnu_jar() -> Option<PathBuf> {
    let jar = std::env::var_os("VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/vnu-jar/build/dist/vnu.jar")
        });
    let found = jar.is_file();
    present(
        found,
        &format!(
            "the HTML validator is required under CI=true but {} is missing (npm ci)",
            jar.display()
        ),
        &format!(
            "HTML validator not found at {} (run npm ci): pages not validated",
            jar.display()
        ),
    )
    .then_some(jar)
}

/// Fails the test with the validator's report when any page has an error.
pub fn html_pages(pages: &[PathBuf]) {
    let Some(jar) = vnu_jar() else { return };
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg("--errors-only")
        .args(pages)
        .output()
        .unwrap_or_else(|e| panic!("cannot run java -jar {}: {e}", jar.display()));
    assert!(
        output.status.success(),
        "HTML validation errors:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    println!("validated {} pages with the Nu HTML Checker", pages.len());
}

/// Whether a tool the validators need is on this machine; under `CI=true` it must be.
fn tool_present(check: &mut Command, what: &str, install: &str) -> bool {
    present(
        runs(check),
        &format!("{what} is required under CI=true ({install})"),
        &format!("{what} not found ({install}): not checked"),
    )
}

/// Parses each feed file with Python's feedparser, a real feed reader, and fails unless it
/// reads without a warning (`bozo` false) and finds `entries` entries. Returns false when
/// feedparser is not installed (outside CI).
pub fn feeds(files: &[(PathBuf, usize)]) -> bool {
    if !tool_present(
        Command::new("python3").args(["-c", "import feedparser"]),
        "Python's feedparser",
        "pip install feedparser",
    ) {
        return false;
    }
    const SCRIPT: &str = "import sys, feedparser\n\
        for path, want in zip(sys.argv[1::2], sys.argv[2::2]):\n\
        \x20   d = feedparser.parse(path)\n\
        \x20   if d.bozo:\n\
        \x20       sys.exit(f'{path}: {d.bozo_exception!r}')\n\
        \x20   if len(d.entries) != int(want):\n\
        \x20       sys.exit(f'{path}: {len(d.entries)} entries, not {want}')\n\
        \x20   if not d.feed.get('title'):\n\
        \x20       sys.exit(f'{path}: no title')\n";
    let mut command = Command::new("python3");
    command.args(["-c", SCRIPT]);
    for (file, entries) in files {
        command.arg(file).arg(entries.to_string());
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "feedparser: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    true
}

/// Validates a sitemap with xmllint against the sitemaps.org schema (as shipped in npm's
/// `sitemap` package), failing the test on any error.
pub fn sitemap(file: &Path) {
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/sitemap/schema/sitemap.xsd");
    if !tool_present(
        Command::new("xmllint").arg("--version"),
        "xmllint",
        "apt-get install libxml2-utils",
    ) {
        return;
    }
    if !present(
        schema.is_file(),
        &format!(
            "the sitemap schema is required under CI=true but {} is missing (npm ci)",
            schema.display()
        ),
        "sitemap schema not found (npm ci): not validated",
    ) {
        return;
    }
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "xmllint: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
