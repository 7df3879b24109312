//! The Nu HTML Checker (`vnu-jar` from npm, run on the machine's Java) over rendered pages.

use std::path::{Path, PathBuf};
use std::process::Command;

fn vnu_jar() -> Option<PathBuf> {
    let jar = std::env::var_os("VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/vnu-jar/build/dist/vnu.jar")
        });
    if jar.is_file() {
        return Some(jar);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the HTML validator is required under CI=true but {} is missing (npm ci)",
        jar.display()
    );
    println!(
        "HTML validator not found at {} (run npm ci): pages not validated",
        jar.display()
    );
    None
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
