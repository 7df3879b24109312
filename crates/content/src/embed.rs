//! Safe embeds: a link to a YouTube video, an X, Facebook, Instagram or Telegram post, alone on
//! its own line, becomes a placeholder that names the service and links to the post, and loads
//! nothing from the service until the reader asks. The placeholder's button opens the embed
//! through the site's own `/embed/{service}/{id}` page, whose policy allows that one service
//! only; the article's own policy allows none of them.
//!
//! Runs after the sanitizer, on its well-formed output: it looks only at paragraphs holding one
//! link (or one bare address) and writes markup of its own from the parts of an address that
//! parsed, each checked against a strict pattern.

use url::Url;

/// A service whose posts can be embedded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    YouTube,
    X,
    Facebook,
    Instagram,
    Telegram,
}

impl Service {
    /// The word it has in `/embed/{service}/…` and in the placeholder's class.
    pub fn as_str(self) -> &'static str {
        match self {
            Service::YouTube => "youtube",
            Service::X => "x",
            Service::Facebook => "facebook",
            Service::Instagram => "instagram",
            Service::Telegram => "telegram",
        }
    }

    pub fn parse(word: &str) -> Option<Service> {
        [
            Service::YouTube,
            Service::X,
            Service::Facebook,
            Service::Instagram,
            Service::Telegram,
        ]
        .into_iter()
        .find(|s| s.as_str() == word)
    }

    /// The service's name as readers know it.
    pub fn name(self) -> &'static str {
        match self {
            Service::YouTube => "YouTube",
            Service::X => "X",
            Service::Facebook => "Facebook",
            Service::Instagram => "Instagram",
            Service::Telegram => "Telegram",
        }
    }
}

/// One embeddable post: its service and the id the service's embed address takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    pub service: Service,
    /// Letters, digits, `_`, `-` and, for Telegram and Facebook, the `/` between parts; checked
    /// by [`Embed::new`], so it can go into an address and an attribute as it is.
    pub id: String,
}

impl Embed {
    /// An embed whose id matches its service's pattern, or `None`.
    pub fn new(service: Service, id: &str) -> Option<Embed> {
        let part = |p: &str| {
            !p.is_empty()
                && p.len() <= 64
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        };
        let fits = match service {
            Service::YouTube => id.len() == 11 && part(id),
            Service::X => part(id) && id.bytes().all(|b| b.is_ascii_digit()),
            Service::Instagram => part(id),
            Service::Telegram => matches!(id.split_once('/'), Some((channel, n))
                if part(channel) && !n.is_empty() && n.len() <= 12
                    && n.bytes().all(|b| b.is_ascii_digit())),
            // Page names may hold dots (`manbij.news`), never two in a row.
            Service::Facebook => {
                id.len() <= 200
                    && id.split('/').count() == 3
                    && id
                        .split('/')
                        .all(|p| part(&p.replace('.', "")) && !p.contains(".."))
            }
        };
        fits.then(|| Embed {
            service,
            id: id.to_owned(),
        })
    }

    /// The embed a post's address names, if it is one.
    pub fn of_url(address: &str) -> Option<Embed> {
        let url = Url::parse(address.trim()).ok()?;
        if !matches!(url.scheme(), "https" | "http") {
            return None;
        }
        let host = url
            .host_str()?
            .trim_start_matches("www.")
            .trim_start_matches("m.");
        let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
        let (service, id) = match (host, segments.as_slice()) {
            ("youtube.com", ["watch"]) => (
                Service::YouTube,
                url.query_pairs().find(|(k, _)| k == "v")?.1.into_owned(),
            ),
            ("youtube.com", ["shorts" | "embed" | "live", id]) | ("youtu.be", [id]) => {
                (Service::YouTube, (*id).to_owned())
            }
            ("x.com" | "twitter.com", [_, "status", id, ..]) => (Service::X, (*id).to_owned()),
            ("instagram.com", ["p" | "reel", id, ..]) => (Service::Instagram, (*id).to_owned()),
            ("t.me", [channel, post]) => (Service::Telegram, format!("{channel}/{post}")),
            ("facebook.com", [page, "posts" | "videos", id]) => {
                (Service::Facebook, format!("{page}/{}/{id}", segments[1]))
            }
            _ => return None,
        };
        Embed::new(service, &id)
    }

    /// The address of the post on its service, for the placeholder's link.
    pub fn post_url(&self) -> String {
        match self.service {
            Service::YouTube => format!("https://www.youtube.com/watch?v={}", self.id),
            Service::X => format!("https://x.com/i/status/{}", self.id),
            Service::Instagram => format!("https://www.instagram.com/p/{}/", self.id),
            Service::Telegram => format!("https://t.me/{}", self.id),
            Service::Facebook => format!("https://www.facebook.com/{}", self.id),
        }
    }

    /// The address the service serves the embedded post at, framed by `/embed/…`.
    pub fn frame_url(&self) -> String {
        match self.service {
            Service::YouTube => format!("https://www.youtube-nocookie.com/embed/{}", self.id),
            Service::X => format!(
                "https://platform.twitter.com/embed/Tweet.html?id={}",
                self.id
            ),
            Service::Instagram => format!("https://www.instagram.com/p/{}/embed/", self.id),
            Service::Telegram => format!("https://t.me/{}?embed=1", self.id),
            Service::Facebook => format!(
                "https://www.facebook.com/plugins/post.php?href={}",
                form_urlencoded::byte_serialize(self.post_url().as_bytes()).collect::<String>()
            ),
        }
    }

    /// The one origin the embed's page may frame: its policy's `frame-src`.
    pub fn frame_origin(&self) -> &'static str {
        match self.service {
            Service::YouTube => "https://www.youtube-nocookie.com",
            Service::X => "https://platform.twitter.com",
            Service::Instagram => "https://www.instagram.com",
            Service::Telegram => "https://t.me",
            Service::Facebook => "https://www.facebook.com",
        }
    }

    /// The placeholder: the service's name and a link to the post, nothing loaded from it. The
    /// page's script turns the link into a button that opens `/embed/{service}/{id}`.
    fn placeholder(&self) -> String {
        let url = self.post_url();
        format!(
            "<figure class=\"embed embed-{service}\" data-embed=\"/embed/{service}/{id}\">\
             <figcaption>{name}: <a href=\"{url}\" rel=\"noopener noreferrer\">{url}</a>\
             </figcaption></figure>",
            service = self.service.as_str(),
            id = self.id,
            name = self.service.name(),
        )
    }
}

/// Replaces each paragraph of sanitized HTML that holds only a link to an embeddable post (or
/// only such an address as text) with the post's placeholder.
pub fn embed_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = paragraph(rest) {
        let Some(length) = rest[start..].find("</p>") else {
            break;
        };
        // The start tag may carry the attributes the sanitizer keeps (the visual editor's
        // `dir="auto"`); they hold no `>`, which the sanitizer writes as `&gt;`.
        let Some(open) = rest[start..start + length].find('>') else {
            break;
        };
        let inner = &rest[start + open + 1..start + length];
        out.push_str(&rest[..start]);
        match lone_address(inner).and_then(|a| Embed::of_url(&a)) {
            Some(embed) => out.push_str(&embed.placeholder()),
            None => out.push_str(&rest[start..start + length + 4]),
        }
        rest = &rest[start + length + 4..];
    }
    out.push_str(rest);
    out
}

/// Where the next paragraph's start tag (`<p>` or `<p …>`) begins.
fn paragraph(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = html[from..].find("<p") {
        let at = from + at;
        if matches!(html.as_bytes().get(at + 2), Some(b'>' | b' ')) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// The address a paragraph holds and nothing else: `<a href="A" …>A</a>` or the bare text `A`.
fn lone_address(inner: &str) -> Option<String> {
    let inner = inner.trim();
    let address = if let Some(tag) = inner.strip_prefix("<a href=\"") {
        let (href, after) = tag.split_once('"')?;
        let (_, text) = after.split_once('>')?;
        let text = text.strip_suffix("</a>")?;
        if text.contains('<') || text.trim().replace("&amp;", "&") != href.replace("&amp;", "&") {
            return None;
        }
        href
    } else if inner.starts_with("http") && !inner.contains(['<', ' ']) {
        inner
    } else {
        return None;
    };
    Some(address.replace("&amp;", "&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_services_are_recognized_and_others_are_not() {
        let id = |url: &str| Embed::of_url(url).map(|e| (e.service.as_str(), e.id));
        assert_eq!(
            id("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10"),
            Some(("youtube", "dQw4w9WgXcQ".into()))
        );
        assert_eq!(
            id("https://youtu.be/dQw4w9WgXcQ"),
            Some(("youtube", "dQw4w9WgXcQ".into()))
        );
        assert_eq!(
            id("https://x.com/manbij/status/1790000000000000000"),
            Some(("x", "1790000000000000000".into()))
        );
        assert_eq!(
            id("https://twitter.com/a/status/12?s=20"),
            Some(("x", "12".into()))
        );
        assert_eq!(
            id("https://www.instagram.com/p/C7abc-_1/"),
            Some(("instagram", "C7abc-_1".into()))
        );
        assert_eq!(
            id("https://t.me/manbijnews/1234"),
            Some(("telegram", "manbijnews/1234".into()))
        );
        assert_eq!(
            id("https://www.facebook.com/manbij.news/posts/pfbid02abc"),
            Some(("facebook", "manbij.news/posts/pfbid02abc".into()))
        );
        for bad in [
            "https://vimeo.com/123",
            "javascript:alert(1)",
            "https://youtube.com/watch?v=short",
            "https://x.com/a/status/notdigits",
            "https://t.me/channel",
            "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
            "https://t.me/a\"onload=x/1",
            "https://www.facebook.com/../posts/1",
        ] {
            assert_eq!(id(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_link_alone_on_its_line_becomes_a_placeholder_and_nothing_else_does() {
        let html = "<p>قبل</p>\n<p><a href=\"https://youtu.be/dQw4w9WgXcQ\" rel=\"noopener noreferrer\">https://youtu.be/dQw4w9WgXcQ</a></p>\n<p>https://t.me/manbijnews/77</p>\n<p>شاهد <a href=\"https://youtu.be/dQw4w9WgXcQ\">هنا</a></p>\n<p>https://vimeo.com/1</p>";
        let out = embed_links(html);
        assert!(out.contains("<p>قبل</p>"));
        assert!(out.contains("data-embed=\"/embed/youtube/dQw4w9WgXcQ\""));
        assert!(out.contains("data-embed=\"/embed/telegram/manbijnews/77\""));
        assert!(out.contains("<p>شاهد <a href=\"https://youtu.be/dQw4w9WgXcQ\">هنا</a></p>"));
        assert!(out.contains("<p>https://vimeo.com/1</p>"));
        assert!(!out.contains("<iframe"), "nothing loads before a click");
        assert_eq!(out.matches("<figure class=\"embed").count(), 2);
        // The visual editor's paragraphs carry dir="auto"; <pre> and <param> are not paragraphs.
        let html = "<pre>https://youtu.be/dQw4w9WgXcQ</pre><p dir=\"auto\"><a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p><p dir=\"auto\">نص</p>";
        let out = embed_links(html);
        assert!(
            out.starts_with(
                "<pre>https://youtu.be/dQw4w9WgXcQ</pre><figure class=\"embed embed-youtube\""
            ),
            "{out}"
        );
        assert!(out.ends_with("</figure><p dir=\"auto\">نص</p>"), "{out}");
    }
}
