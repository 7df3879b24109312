//! The Blogger and WordPress export readers, which take a whole file from whoever hands it over.
//!
//! An error is an answer (a broken or hostile file is refused); only a panic or a hang is a
//! finding. Beside that, an item read always names where it came from, since importing the same
//! file again relies on those ids.

use minbar_import::Item;

/// `minbar_import::blogger::read`.
pub fn blogger(data: &[u8]) {
    // The result is the reader's verdict on the file; either verdict is fine here.
    let _ = minbar_import::blogger::read(data, check_item);
}

/// `minbar_import::wxr::read`.
pub fn wxr(data: &[u8]) {
    let _ = minbar_import::wxr::read(data, check_item);
}

/// What every item read must hold, whatever the file said.
fn check_item(item: Item) {
    match item {
        Item::Post(post) => {
            if let Some(path) = &post.path {
                assert!(path.starts_with('/'), "a post path {path:?} without its /");
            }
        }
        Item::Comment(_) | Item::Site { .. } | Item::Skipped { .. } | Item::Attachment { .. } => {}
    }
}
