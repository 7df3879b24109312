//! Slugs that keep the Arabic script: a path segment a reader can still read.

use crate::normalize::is_ignorable;

/// The longest slug, in characters; longer titles are cut at a word boundary.
const MAX_SLUG_CHARS: usize = 80;

/// Turns a title into a slug: letters and digits of any script are kept as written (Latin letters
/// lowercased), what normalization ignores (tashkeel, tatweel, invisible marks) is dropped, and every run of anything else becomes one `-`.
///
/// Returns an empty string when nothing is left; the caller picks a fallback. The slug is not
/// percent-encoded here: that belongs to whoever puts it in a URL.
pub fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    let mut pending_dash = false;
    for c in title.chars() {
        if is_ignorable(c) || c == '\'' || c == '’' {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    if slug.chars().count() > MAX_SLUG_CHARS {
        let limit = slug
            .char_indices()
            .nth(MAX_SLUG_CHARS)
            .map_or(slug.len(), |(i, _)| i);
        let cut = match slug[..limit].rfind('-') {
            Some(dash) if dash > 0 => dash,
            _ => limit,
        };
        slug.truncate(cut);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(slugify(input), expected, "slugify({input:?})");
    }

    #[test]
    fn keeps_arabic_letters() {
        check(
            "تنسيق عسكري بين #قسد و #النظام. تمهيدا لبدأ مفاوضات سياسية",
            "تنسيق-عسكري-بين-قسد-و-النظام-تمهيدا-لبدأ-مفاوضات-سياسية",
        );
        check("مُحَمَّد يكتـــب", "محمد-يكتب");
        check("Hello, World!", "hello-world");
        check("«داعش» في 2017", "داعش-في-2017");
        check("  ---  ", "");
        check("It's", "its");
    }

    #[test]
    fn cuts_long_titles_at_a_word() {
        let title = "كلمة ".repeat(40);
        let slug = slugify(&title);
        assert!(slug.chars().count() <= MAX_SLUG_CHARS);
        assert!(slug.ends_with("كلمة"));
    }

    proptest! {
        #[test]
        fn slugs_are_path_safe(s in "\\PC{0,120}") {
            let slug = slugify(&s);
            prop_assert!(slug.chars().count() <= MAX_SLUG_CHARS);
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'));
            prop_assert!(!slug.contains("--"));
            prop_assert!(slug.chars().all(|c| c == '-' || c.is_alphanumeric()));
        }
    }
}
