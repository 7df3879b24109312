//! `cargo fuzz run markdown`: see `minbar_fuzzing::markdown` for what is fed and what is checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| minbar_fuzzing::markdown(data));
