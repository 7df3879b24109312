//! `cargo fuzz run hashtags`: see `minbar_fuzzing::hashtags` for what is fed and what is checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| minbar_fuzzing::hashtags(data));
