//! `cargo fuzz run image`: see `minbar_fuzzing::image` for what is fed and what is checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| minbar_fuzzing::image(data));
