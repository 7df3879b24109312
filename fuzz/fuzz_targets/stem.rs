//! `cargo fuzz run stem`: see `minbar_fuzzing::stem` for what is fed and what is checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| minbar_fuzzing::stem(data));
