//! Replays, on the stable toolchain, every input `cargo fuzz` kept: each target's corpus
//! (`fuzz/corpus/<target>`) and every crash it found (`fuzz/artifacts/<target>`), through the
//! same functions the fuzz targets call. A fixed crash stays fixed, and a change that breaks a
//! property on an input the fuzzer already found fails here, without nightly.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

/// The `fuzz/` project beside the workspace's crates.
fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of one directory, sorted so that a failure names the same file every run; none
/// when the directory is absent.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_entry_and_crash_passes() {
    // Every failing file is named, not only the first, so one run shows all that is broken.
    let mut failures = Vec::new();
    for (name, target) in minbar_fuzzing::TARGETS {
        let corpus = files_in(&fuzz_dir().join("corpus").join(name));
        // A missing or empty corpus would make this test pass while testing nothing.
        assert!(!corpus.is_empty(), "fuzz/corpus/{name} is missing or empty");
        let crashes = files_in(&fuzz_dir().join("artifacts").join(name));
        for path in corpus.iter().chain(&crashes) {
            let data = std::fs::read(path).unwrap();
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                failures.push(format!("{name} fails on {}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_target_has_its_fuzz_target_file() {
    let dir = fuzz_dir().join("fuzz_targets");
    let mut on_disk: Vec<String> = files_in(&dir)
        .iter()
        .filter_map(|path| path.file_stem()?.to_str().map(str::to_owned))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = minbar_fuzzing::TARGETS
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed, "fuzz/fuzz_targets and TARGETS disagree");
    for name in &listed {
        let source = std::fs::read_to_string(dir.join(format!("{name}.rs"))).unwrap();
        assert!(
            source.contains(&format!("minbar_fuzzing::{name}(")),
            "fuzz/fuzz_targets/{name}.rs does not call minbar_fuzzing::{name}"
        );
    }
}
