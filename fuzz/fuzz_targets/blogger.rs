//! `cargo fuzz run blogger`: see `minbar_fuzzing::blogger` for what is fed and what is checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| minbar_fuzzing::blogger(data));
