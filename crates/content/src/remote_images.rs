//! Images an article still takes from another host: found in its sanitized HTML (an `<img>`'s
//! `src` and `srcset` candidates, and the link around an image to its full size), each known by
//! the one photo behind it, and replaced by the site's own copy once it is had.
//!
//! Blogger serves one photo at many sizes, the size written in the address: a path segment
//! (`/s1600/`, `/s320-c/`, `/w640-h480/`, `/w400-h300-rw/`) on `bp.blogspot.com` and
//! `googleusercontent.com`, or a suffix after `=` (`…=s0`, `…=w640-h480-p-k-no-nu`). A
//! [`Photo`] drops the size from its key, so every size is one photo, and asks for the largest
//! (`s0`, the original). Other hosts' addresses are one photo each, query included.
//!
//! Works on HTML as the sanitizer writes it (attributes in `"`, `&` as `&amp;`), like
//! [`crate::figures`].

use crate::figures::{attribute, attribute_span};
use std::collections::HashMap;

/// The one photo behind an image address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Photo {
    /// The same for every size of the photo: the address without its size.
    pub key: String,
    /// The address to fetch it from at its largest.
    pub fetch_url: String,
}

/// Whether `host` is one of Blogger's image hosts, whose addresses carry a size.
fn sized_host(host: &str) -> bool {
    host.ends_with(".bp.blogspot.com")
        || host == "bp.blogspot.com"
        || host.ends_with(".googleusercontent.com")
        || host == "googleusercontent.com"
}

/// Whether a path segment is one of Blogger's sizes: `s1600`, `s320-c`, `w640-h480`,
/// `w400-h300-rw`, `h200`: a size first, then options of letters.
fn is_size(segment: &str) -> bool {
    let mut parts = segment.split('-');
    let Some(first) = parts.next() else {
        return false;
    };
    let dimension = |part: &str| {
        let mut chars = part.chars();
        matches!(chars.next(), Some('s' | 'w' | 'h'))
            && part.len() > 1
            && chars.all(|c| c.is_ascii_digit())
    };
    if !dimension(first) {
        return false;
    }
    parts.all(|part| {
        dimension(part) || (!part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase()))
    })
}

/// The photo behind `address`, or `None` when it is not an image on another host (a relative
/// address, `data:`, anything but http and https).
pub fn photo_of(address: &str) -> Option<Photo> {
    let mut url = url::Url::parse(address).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    if !sized_host(&host) {
        let key = url.to_string();
        return Some(Photo {
            fetch_url: key.clone(),
            key,
        });
    }
    // Blogger: the scheme and the query say nothing of the photo.
    url.set_query(None);
    let path = url.path().to_owned();
    let (path, had_suffix) = match path.rsplit_once('=') {
        Some((before, size)) if !size.contains('/') => (before.to_owned(), true),
        _ => (path, false),
    };
    let segments: Vec<&str> = path.split('/').collect();
    let sized = segments
        .iter()
        .rposition(|s| is_size(s))
        // The file name itself is never the size.
        .filter(|&i| i + 1 < segments.len());
    let key_path = match sized {
        Some(i) => [&segments[..i], &segments[i + 1..]].concat().join("/"),
        None => path.clone(),
    };
    let fetch_path = match (sized, had_suffix) {
        (Some(i), _) => {
            let mut largest = segments.clone();
            largest[i] = "s0";
            largest.join("/")
        }
        (None, true) => format!("{path}=s0"),
        (None, false) => path.clone(),
    };
    let mut fetch = url.clone();
    fetch.set_path(&fetch_path);
    // Blogger answers for the same photo on `1.bp` to `4.bp`: one key for all of them.
    let key_host = if host.ends_with(".bp.blogspot.com") {
        "bp.blogspot.com"
    } else {
        &host
    };
    Some(Photo {
        key: format!("{key_host}{key_path}"),
        fetch_url: fetch.to_string(),
    })
}

/// Whether `text` opens a tag named `name`: `<a` opens `<a href…>` but not `<abbr>`.
fn opens(text: &str, name: &str) -> bool {
    text.strip_prefix('<')
        .and_then(|t| t.strip_prefix(name))
        .is_some_and(|t| t.starts_with([' ', '>', '/']))
}

/// The tags of `html` named `name` (`<img …>`, `<a …>`), each as its whole text.
fn tags<'a>(html: &'a str, name: &str) -> impl Iterator<Item = (usize, &'a str)> {
    let open = format!("<{name}");
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let start = from + html[from..].find(&open)?;
            let end = start + html[start..].find('>')? + 1;
            from = end;
            if opens(&html[start..end], name) {
                return Some((start, &html[start..end]));
            }
        }
    })
}

/// The addresses in a `srcset`: each candidate's address, its width or density left out.
fn srcset_addresses(srcset: &str) -> impl Iterator<Item = &str> {
    srcset
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
}

/// Whether an `<a href>` names an image file (the full size a thumbnail links to).
fn links_an_image(address: &str) -> bool {
    let Some(url) = photo_of(address).and_then(|_| url::Url::parse(address).ok()) else {
        return false;
    };
    let path = url.path().to_ascii_lowercase();
    sized_host(&url.host_str().unwrap_or_default().to_ascii_lowercase())
        || [".jpg", ".jpeg", ".png", ".gif", ".webp"]
            .iter()
            .any(|ext| path.ends_with(ext))
}

/// Every image address of sanitized `html` on another host, in order, each once: `<img src>`,
/// `<img srcset>` candidates, and `<a href>` to an image file around an `<img>`.
pub fn remote_images(html: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut add = |address: &str| {
        if photo_of(address).is_some() && !found.iter().any(|f| f == address) {
            found.push(address.to_owned());
        }
    };
    for (start, tag) in tags(html, "a") {
        let Some(href) = attribute(tag, "href") else {
            continue;
        };
        let inside = &html[start + tag.len()..];
        let inner = inside.split("</a>").next().unwrap_or_default();
        if links_an_image(&href) && tags(inner, "img").next().is_some() {
            add(&href);
        }
    }
    for (_, tag) in tags(html, "img") {
        if let Some(src) = attribute(tag, "src") {
            add(&src);
        }
        if let Some(srcset) = attribute(tag, "srcset") {
            for address in srcset_addresses(&srcset) {
                add(address);
            }
        }
    }
    found
}

/// `html` with every remote image address whose photo `local` knows (by [`Photo::key`]) replaced
/// by the site's own address, and the `srcset` of such an `<img>` dropped (the page makes its
/// own from the stored copies). Addresses of photos `local` does not know stay as they are.
pub fn rewrite(html: &str, local: &HashMap<String, String>) -> String {
    let replacement = |address: &str| -> Option<&String> { local.get(&photo_of(address)?.key) };
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('>') else {
            rest = &rest[start..];
            break;
        };
        let tag = &rest[start..start + len + 1];
        rest = &rest[start + len + 1..];
        let attr = if opens(tag, "img") {
            "src"
        } else if opens(tag, "a") {
            "href"
        } else {
            out.push_str(tag);
            continue;
        };
        let Some(new) = attribute(tag, attr).as_deref().and_then(replacement) else {
            out.push_str(tag);
            continue;
        };
        let mut rewritten = replace_attribute(tag, attr, new);
        if attr == "src" {
            rewritten = drop_attribute(&rewritten, "srcset");
            rewritten = drop_attribute(&rewritten, "sizes");
        }
        out.push_str(&rewritten);
    }
    out.push_str(rest);
    out
}

/// A body's source with the site's addresses in place of the photos `local` knows, for its
/// format: HTML is sanitized (as it would be on display) and rewritten tag by tag; Markdown has
/// each address replaced where it is written. `None` when no photo of it is in `local` (the
/// source is left exactly as it was).
pub fn localize(
    source: &str,
    format: crate::BodyFormat,
    local: &HashMap<String, String>,
) -> Option<String> {
    let changed = match format {
        crate::BodyFormat::Html => {
            let clean = crate::sanitize_html(source);
            let rewritten = rewrite(&clean, local);
            if rewritten == clean {
                return None;
            }
            rewritten
        }
        crate::BodyFormat::Markdown => {
            let html = crate::render_body(source, format).html;
            let mut out = source.to_owned();
            for address in remote_images(&html) {
                if let Some(new) = photo_of(&address).and_then(|p| local.get(&p.key)) {
                    out = out.replace(&address, new);
                }
            }
            out
        }
    };
    (changed != source).then_some(changed)
}

/// The photos of sanitized `html` on other hosts, each once (every size of a photo is one).
pub fn photos(html: &str) -> Vec<Photo> {
    let mut found: Vec<Photo> = Vec::new();
    for address in remote_images(html) {
        if let Some(photo) = photo_of(&address)
            && !found.iter().any(|p| p.key == photo.key)
        {
            found.push(photo);
        }
    }
    found
}

/// `tag` with attribute `name`'s value set to `value` (escaped for an attribute).
fn replace_attribute(tag: &str, name: &str, value: &str) -> String {
    let Some((_, start, end)) = attribute_span(tag, name) else {
        return tag.to_owned();
    };
    let escaped = value.replace('&', "&amp;").replace('"', "&quot;");
    format!("{}{escaped}{}", &tag[..start], &tag[end..])
}

/// `tag` without attribute `name`.
fn drop_attribute(tag: &str, name: &str) -> String {
    let Some((at, _, end)) = attribute_span(tag, name) else {
        return tag.to_owned();
    };
    format!("{}{}", &tag[..at], &tag[end + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blogger_sizes_of_one_photo_are_one_photo_fetched_at_its_largest() {
        let sizes = [
            "https://1.bp.blogspot.com/-AbC/XyZ/AAAA/qq-1/s1600/%D8%B5%D9%88%D8%B1%D8%A9.jpg",
            "http://1.bp.blogspot.com/-AbC/XyZ/AAAA/qq-1/s320/%D8%B5%D9%88%D8%B1%D8%A9.jpg",
            "https://1.bp.blogspot.com/-AbC/XyZ/AAAA/qq-1/w640-h480/%D8%B5%D9%88%D8%B1%D8%A9.jpg",
            "https://1.bp.blogspot.com/-AbC/XyZ/AAAA/qq-1/s72-c/%D8%B5%D9%88%D8%B1%D8%A9.jpg?imgmax=800",
            "https://1.bp.blogspot.com/-AbC/XyZ/AAAA/qq-1/w400-h300-rw/%D8%B5%D9%88%D8%B1%D8%A9.jpg#x",
        ];
        let photos: Vec<Photo> = sizes.iter().map(|s| photo_of(s).unwrap()).collect();
        for photo in &photos {
            assert_eq!(photo.key, photos[0].key, "{photo:?}");
            assert_eq!(
                photo.fetch_url.split_once("://").unwrap().1,
                "1.bp.blogspot.com/-AbC/XyZ/AAAA/qq-1/s0/%D8%B5%D9%88%D8%B1%D8%A9.jpg"
            );
        }
        // googleusercontent's suffix form.
        let a = photo_of("https://blogger.googleusercontent.com/img/b/R29v/AVvX/w640-h480/pic.jpg")
            .unwrap();
        let b = photo_of("https://blogger.googleusercontent.com/img/b/R29v/AVvX/s1600/pic.jpg")
            .unwrap();
        assert_eq!(a.key, b.key);
        let c = photo_of("https://blogger.googleusercontent.com/img/a/AVvXsEh=w640-h480-p-k-no-nu")
            .unwrap();
        let d = photo_of("https://blogger.googleusercontent.com/img/a/AVvXsEh=s0").unwrap();
        assert_eq!(c.key, d.key);
        assert_eq!(
            c.fetch_url,
            "https://blogger.googleusercontent.com/img/a/AVvXsEh=s0"
        );
        let other_host = photo_of(
            "https://3.bp.blogspot.com/-AbC/XyZ/AAAA/qq-1/s400/%D8%B5%D9%88%D8%B1%D8%A9.jpg",
        )
        .unwrap();
        assert_eq!(other_host.key, photos[0].key);
        // A different photo in the same folder is another photo.
        let other =
            photo_of("https://1.bp.blogspot.com/-AbC/XyZ/AAAA/qq-1/s1600/other.jpg").unwrap();
        assert_ne!(other.key, photos[0].key);
    }

    #[test]
    fn other_hosts_are_one_photo_per_address() {
        let wp = photo_of("https://example.org/wp-content/uploads/2025/01/a.jpg?w=76").unwrap();
        assert_eq!(wp.fetch_url, wp.key);
        assert_ne!(
            wp.key,
            photo_of("https://example.org/wp-content/uploads/2025/01/a.jpg")
                .unwrap()
                .key
        );
        for local in [
            "/media/abc.jpg",
            "data:image/png;base64,AAAA",
            "ftp://x/a.jpg",
            "a.jpg",
        ] {
            assert_eq!(photo_of(local), None, "{local}");
        }
        assert!(!is_size("s"));
        assert!(!is_size("photo"));
        assert!(!is_size("s16x"));
        assert!(is_size("s1600"));
        assert!(is_size("w640-h480-p-k-no-nu"));
    }

    #[test]
    fn images_are_found_in_src_srcset_and_the_link_around_them() {
        let html = "<p>نص</p>\
            <a href=\"https://1.bp.blogspot.com/-A/B/C/D/s1600/x.jpg\"><img src=\"https://1.bp.blogspot.com/-A/B/C/D/s320/x.jpg\" srcset=\"https://h.example/x-300.jpg 300w, https://h.example/x-600.jpg 600w\"></a>\
            <a href=\"https://example.org/story.html\">خبر</a>\
            <img src=\"/media/local.jpg\"><img src=\"https://h.example/y.png?a=1&amp;b=2\">\
            <a href=\"https://h.example/z.jpg\">نص فقط</a>\
            <abbr title=\"x\">x</abbr><img src=\"https://h.example/y.png?a=1&amp;b=2\">";
        assert_eq!(
            remote_images(html),
            [
                "https://1.bp.blogspot.com/-A/B/C/D/s1600/x.jpg",
                "https://1.bp.blogspot.com/-A/B/C/D/s320/x.jpg",
                "https://h.example/x-300.jpg",
                "https://h.example/x-600.jpg",
                "https://h.example/y.png?a=1&b=2",
            ]
        );
    }

    #[test]
    fn known_photos_are_rewritten_and_unknown_ones_stay() {
        let html = "<a href=\"https://1.bp.blogspot.com/-A/B/C/D/s1600/x.jpg\">\
            <img src=\"https://1.bp.blogspot.com/-A/B/C/D/s320/x.jpg\" alt=\"صورة &quot;أ&quot;\" srcset=\"https://1.bp.blogspot.com/-A/B/C/D/s640/x.jpg 2x\"></a>\
            <img src=\"https://gone.example/lost.jpg\" alt=\"\">\
            <a href=\"https://example.org/story.html\">خبر</a>";
        let key = photo_of("https://1.bp.blogspot.com/-A/B/C/D/s0/x.jpg")
            .unwrap()
            .key;
        let local = HashMap::from([(key, "/media/abc-1600x1200.jpg".to_owned())]);
        assert_eq!(
            rewrite(html, &local),
            "<a href=\"/media/abc-1600x1200.jpg\">\
            <img src=\"/media/abc-1600x1200.jpg\" alt=\"صورة &quot;أ&quot;\"></a>\
            <img src=\"https://gone.example/lost.jpg\" alt=\"\">\
            <a href=\"https://example.org/story.html\">خبر</a>"
        );
        assert_eq!(rewrite("نص <b>بلا صور", &local), "نص <b>بلا صور");
        assert_eq!(rewrite("نص < مكسور", &local), "نص < مكسور");
    }

    #[test]
    fn sources_of_both_formats_are_localized() {
        let key = photo_of("https://h.example/a.jpg").unwrap().key;
        let local = HashMap::from([(key, "/media/abc-10x10.jpg".to_owned())]);
        let markdown = "![سوق](https://h.example/a.jpg)\n\n![](https://other.example/b.jpg)";
        assert_eq!(
            localize(markdown, crate::BodyFormat::Markdown, &local).unwrap(),
            "![سوق](/media/abc-10x10.jpg)\n\n![](https://other.example/b.jpg)"
        );
        let html = "<p><img src='https://h.example/a.jpg' onerror='x()'></p>";
        let localized = localize(html, crate::BodyFormat::Html, &local).unwrap();
        assert!(
            localized.contains("src=\"/media/abc-10x10.jpg\""),
            "{localized}"
        );
        assert!(!localized.contains("onerror"), "sanitized: {localized}");
        assert_eq!(
            localize("<p class='x'>none</p>", crate::BodyFormat::Html, &local),
            None,
            "no photo of it is known: left as written"
        );
        let both = photos(
            "<img src=\"https://1.bp.blogspot.com/-A/B/C/D/s320/x.jpg\"><img src=\"https://2.bp.blogspot.com/-A/B/C/D/s1600/x.jpg\">",
        );
        assert_eq!(both.len(), 1, "{both:?}");
    }
}
