//! The paragraphs WordPress adds only when it shows a classic-editor post (`wpautop`), added
//! once at import, because Minbar stores HTML as it is shown. Kept on its own: it is a small
//! text transformation with many cases, tested line by line.

/// Elements that begin a block of their own: a line starting with one is not put in a `<p>`.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "iframe",
    "li",
    "nav",
    "ol",
    "p",
    "pre",
    "script",
    "section",
    "style",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements a blank line inside of does not end: their blank lines are content (`<pre>`), or
/// the author already made the paragraph (`<p>`).
const UNSPLIT_TAGS: &[&str] = &["p", "pre", "script", "style"];

/// WordPress stores what an author typed in the classic editor, paragraphs as blank lines and
/// line breaks as newlines, and adds `<p>` and `<br>` only when it shows a post (`wpautop`).
/// Minbar keeps HTML as shown, so this does a small version of the same: each run of text
/// between blank lines becomes a paragraph unless it starts with a block of its own (a `<p>`,
/// a list, a heading…).
///
/// Text with some `<p>` is still done, run by run: classic posts often have a few (WordPress's
/// theme test "Markup: Image Alignment" has one around an image, among bare paragraphs). Block-
/// editor content is left as it is, as WordPress leaves it: its blocks carry their own markup.
pub(super) fn autop(html: &str) -> String {
    if html.contains("<!-- wp:") {
        return html.to_owned();
    }
    let text = html.replace("\r\n", "\n");
    let mut chunks: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut open: i64 = 0;
    for line in text.split('\n') {
        if line.trim().is_empty() && open <= 0 {
            if !current.is_empty() {
                chunks.push(std::mem::take(&mut current));
            }
            continue;
        }
        open += unsplit_balance(line);
        current.push(line);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    let out: Vec<String> = chunks.into_iter().map(|lines| paragraph(&lines)).collect();
    out.join("\n")
}

/// One run of lines between blank lines: the lines before the first that starts a block go in
/// a `<p>`, with `<br>` between them; from that block on, the lines stay as they are (a `<br>`
/// between list items or a list inside a `<p>` would break the HTML).
fn paragraph(lines: &[&str]) -> String {
    let lead = lines
        .iter()
        .position(|line| starts_with_block(line))
        .unwrap_or(lines.len());
    let (text, blocks) = lines.split_at(lead);
    let mut out = String::new();
    if !text.is_empty() {
        out.push_str("<p>");
        let mut in_tag = false;
        for (i, line) in text.iter().enumerate() {
            if i > 0 {
                // A newline inside a tag (`<a title="…"⏎href=…>`) is no line break.
                out.push_str(if in_tag { "\n" } else { "<br>\n" });
            }
            let line = line.trim_end();
            out.push_str(line);
            in_tag = ends_in_tag(line, in_tag);
        }
        out.push_str("</p>");
    }
    if !blocks.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&blocks.join("\n"));
    }
    out
}

/// Whether a line ends inside a tag, given whether it began inside one.
fn ends_in_tag(line: &str, mut in_tag: bool) -> bool {
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
    }
    in_tag
}

/// Whether `tag` (lower case) opens or closes right at the start of `text` (lower case, after
/// the `<`): `p` matches `p>` and `/p>`, not `pre>`.
fn tag_at(text: &str, tag: &str) -> bool {
    let rest = text.strip_prefix('/').unwrap_or(text);
    rest.strip_prefix(tag).is_some_and(|after| {
        after.is_empty() || after.starts_with(['>', '/', ' ', '\t', '\n', '\r'])
    })
}

fn starts_with_block(line: &str) -> bool {
    let head: String = line.trim_start().chars().take(16).collect();
    let head = head.to_ascii_lowercase();
    head.strip_prefix('<')
        .is_some_and(|rest| BLOCK_TAGS.iter().any(|tag| tag_at(rest, tag)))
}

/// How many [`UNSPLIT_TAGS`] a line opens, less those it closes.
fn unsplit_balance(line: &str) -> i64 {
    let lower = line.to_ascii_lowercase();
    let mut balance = 0;
    for (at, _) in lower.match_indices('<') {
        let rest = &lower[at + 1..];
        if UNSPLIT_TAGS.iter().any(|tag| tag_at(rest, tag)) {
            balance += if rest.starts_with('/') { -1 } else { 1 };
        }
    }
    balance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autop_adds_paragraphs_only_where_wordpress_would() {
        assert_eq!(
            autop("One\nline two\n\nTwo"),
            "<p>One<br>\nline two</p>\n<p>Two</p>"
        );
        assert_eq!(autop("a\r\n\r\n  \r\nb"), "<p>a</p>\n<p>b</p>");
        assert_eq!(autop(""), "");
        assert_eq!(autop("\n\n"), "");
        // Paragraphs already made are left alone, even across a blank line; the runs of text
        // beside them are made paragraphs too.
        assert_eq!(autop("<P class=x>a\n\nb</P>"), "<P class=x>a\n\nb</P>");
        assert_eq!(autop("<p>a</p>\n\nb"), "<p>a</p>\n<p>b</p>");
        // Block-editor content is WordPress's own markup, left as it is.
        let blocks = "<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->\n\nloose";
        assert_eq!(autop(blocks), blocks);
        // Lines starting with a block stay as they are, and end the paragraph before them.
        assert_eq!(
            autop("Intro\n\n<ul>\n<li>a</li>\n</ul>\n\n<h2>T</h2>"),
            "<p>Intro</p>\n<ul>\n<li>a</li>\n</ul>\n<h2>T</h2>"
        );
        assert_eq!(
            autop("Lists that\nwork\n<ul>\n\t<li>a</li>\n</ul>"),
            "<p>Lists that<br>\nwork</p>\n<ul>\n\t<li>a</li>\n</ul>"
        );
        // Blank lines inside <pre> are the code's, not paragraph breaks; <pre> is not <p>.
        assert_eq!(
            autop("Code:\n\n<pre>a\n\nb</pre>\n\nEnd"),
            "<p>Code:</p>\n<pre>a\n\nb</pre>\n<p>End</p>"
        );
        // Inline tags do not count as blocks.
        assert_eq!(
            autop("<em>a</em>\n\n<preview>b"),
            "<p><em>a</em></p>\n<p><preview>b</p>"
        );
        assert_eq!(autop("</div>\n\nText"), "</div>\n<p>Text</p>");
        assert_eq!(
            autop("See <a title=\"x\"\nhref=\"/y\">y</a>\nnow"),
            "<p>See <a title=\"x\"\nhref=\"/y\">y</a><br>\nnow</p>"
        );
        // An unclosed <p> keeps the rest as it is rather than guessing.
        assert_eq!(autop("<p>a\n\nb"), "<p>a\n\nb");
    }
}
