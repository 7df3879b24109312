//! `cargo fuzz run normalize`: see `minbar_fuzzing::normalize` for what is fed and what is checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| minbar_fuzzing::normalize(data));
