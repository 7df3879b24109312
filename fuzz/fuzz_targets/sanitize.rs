//! `cargo fuzz run sanitize`: see `minbar_fuzzing::sanitize` for what is fed and what is checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| minbar_fuzzing::sanitize(data));
