//! `cargo fuzz run wxr`: see `minbar_fuzzing::wxr` for what is fed and what is checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| minbar_fuzzing::wxr(data));
