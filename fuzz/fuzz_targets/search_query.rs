//! `cargo fuzz run search_query`: see `minbar_fuzzing::search_query` for what is fed and what is checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| minbar_fuzzing::search_query(data));
