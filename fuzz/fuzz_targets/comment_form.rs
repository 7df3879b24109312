//! `cargo fuzz run comment_form`: see `minbar_fuzzing::comment_form` for what is fed and what is checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| minbar_fuzzing::comment_form(data));
