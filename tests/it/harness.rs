//! Running `minbar` commands and a real server, and reading the shared test data.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub fn minbar_bin() -> &'static str {
    env!("CARGO_BIN_EXE_minbar")
}

/// A data directory and, optionally, a PostgreSQL URL: where one site lives.
pub struct Site {
    pub data: PathBuf,
    pub database_url: Option<String>,
}

impl Site {
    /// A site in a new temporary folder (removed when the folder handle drops), not yet
    /// initialized.
    pub fn fresh() -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let site = Site {
            data: dir.path().join("data"),
            database_url: None,
        };
        (dir, site)
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(minbar_bin());
        command.arg("--data").arg(&self.data);
        if let Some(url) = &self.database_url {
            command.arg("--database-url").arg(url);
        }
        command
            .args(args)
            .env("MINBAR_LOG", "warn")
            .env_remove("MINBAR_DATABASE_URL");
        command
    }

    /// Runs `minbar <args>` and returns its output, whatever the exit status.
    pub fn run(&self, args: &[&str]) -> Output {
        match self.command(args).output() {
            Ok(output) => output,
            Err(error) => panic!("cannot run minbar {args:?}: {error}"),
        }
    }

    /// Runs `minbar <args>`, which must succeed, and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "minbar {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap_or_default()
    }

    /// Runs `minbar post new --title <title> --body <body> <more…>`, which must succeed, and
    /// returns its stdout (the new post's path and a line break).
    pub fn post_new(&self, title: &str, body: &str, more: &[&str]) -> String {
        let mut args = vec!["post", "new", "--title", title, "--body", body];
        args.extend_from_slice(more);
        self.ok(&args)
    }

    /// The id of the post `minbar post list` shows first (the newest).
    pub fn first_listed_post_id(&self) -> String {
        let listed = self.ok(&["post", "list"]);
        match listed.lines().next().and_then(|l| l.split('\t').next()) {
            Some(id) => id.to_owned(),
            None => panic!("no post listed: {listed}"),
        }
    }

    /// Runs `minbar <args>` with `input` on its standard input; returns the output.
    pub fn run_with_input(&self, args: &[&str], input: &str) -> Output {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run minbar {args:?}: {e}"));
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(input.as_bytes())
                .unwrap_or_else(|e| panic!("stdin: {e}"));
        }
        child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("minbar {args:?}: {e}"))
    }

    /// Runs `minbar <args>`, which must fail, and returns its stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            !output.status.success(),
            "minbar {args:?} should have failed"
        );
        String::from_utf8(output.stderr).unwrap_or_default()
    }

    /// Starts `minbar serve` on a free port.
    pub fn serve(&self) -> Server {
        self.serve_with(&[])
    }

    /// Starts `minbar serve` on a free port with `extra` arguments.
    pub fn serve_with(&self, extra: &[&str]) -> Server {
        self.serve_under(&[], extra)
    }

    /// Starts `minbar serve` on a free port with `extra` arguments, run by `wrapper` (a program
    /// and its arguments that runs the command after them, as `fiu-run -x` does).
    pub fn serve_under(&self, wrapper: &[&str], extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--listen", "127.0.0.1:0"];
        args.extend_from_slice(extra);
        let mut command = self.command(&args);
        if let Some((program, before)) = wrapper.split_first() {
            let mut wrapped = Command::new(program);
            wrapped
                .args(before)
                .arg(command.get_program())
                .args(command.get_args());
            for (name, value) in command.get_envs() {
                match value {
                    Some(value) => wrapped.env(name, value),
                    None => wrapped.env_remove(name),
                };
            }
            command = wrapped;
        }
        let mut child = command
            .env("MINBAR_LOG", "info")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start minbar serve: {e}"));
        let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
        let (lines_tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if lines_tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut log = Vec::new();
        loop {
            match lines.recv_timeout(Duration::from_secs(30)) {
                Ok(line) => {
                    if let Some(at) = line.find("listening on http://") {
                        let base = line[at + "listening on ".len()..].trim().to_owned();
                        return Server {
                            child,
                            base,
                            lines,
                            log,
                        };
                    }
                    log.push(line);
                }
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("minbar serve did not start: {log:#?}");
                }
            }
        }
    }
}

/// A running `minbar serve`; killed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    lines: mpsc::Receiver<String>,
    log: Vec<String>,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the server is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Every line the server has logged so far.
    pub fn log_so_far(&mut self) -> Vec<String> {
        while let Ok(line) = self.lines.try_recv() {
            self.log.push(line);
        }
        self.log.clone()
    }

    /// Waits up to `timeout` for a log line containing `needle`; returns it.
    pub fn wait_for_log(&mut self, needle: &str, timeout: Duration) -> Option<String> {
        if let Some(line) = self.log.iter().find(|l| l.contains(needle)) {
            return Some(line.clone());
        }
        let deadline = std::time::Instant::now() + timeout;
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if line.contains(needle) {
                        return Some(line);
                    }
                }
                Err(_) => return None,
            }
        }
        None
    }

    /// Sends SIGTERM and waits for a clean exit; returns what the server logged.
    pub fn terminate(mut self) -> (bool, Vec<String>) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "cannot send SIGTERM");
        let status = self.child.wait().unwrap_or_else(|e| panic!("wait: {e}"));
        let mut log = std::mem::take(&mut self.log);
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(2)) {
            log.push(line);
        }
        (status.success(), log)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on now, for a peer (HAProxy, Varnish, S3, PostgreSQL) a test starts.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free port: {e}"))
}

/// A path in the shared test data (`../shared` beside the repository), or `None` after saying
/// so. Under `CI=true` the data must be there.
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or(env!("CARGO_MANIFEST_DIR").into());
    let path = Path::new(&root).join("../shared").join(relative);
    let found = path.is_file();
    present(
        found,
        &format!(
            "shared test data {} is required under CI=true",
            path.display()
        ),
        &format!(
            "shared test data {} not found: this test did not run",
            path.display()
        ),
    )
    .then_some(path)
}

/// Whether something a test needs (a tool, a file) is here: when it is not, the test fails
/// with `required` under `CI=true`, and elsewhere says `skipped` and does not run.
pub fn present(found: bool, required: &str, skipped: &str) -> bool {
    if found {
        return true;
    }
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{required}");
    println!("{skipped}");
    false
}

/// `program` when `program <arg>` runs: a tool a test needs, or `None` after saying that
/// `missing` was not found (under `CI=true`, failing that `required` must be there).
pub fn tool(
    program: &'static str,
    arg: &str,
    required: &str,
    missing: &str,
) -> Option<&'static str> {
    present(
        runs(Command::new(program).arg(arg)),
        &format!("{required} is required under CI=true"),
        &format!("{missing} not found: this test did not run"),
    )
    .then_some(program)
}

/// Whether `command` runs and succeeds: how a test asks if a tool is installed.
pub fn runs(command: &mut Command) -> bool {
    command.output().is_ok_and(|o| o.status.success())
}

/// An HTTP client that keeps cookies and follows redirects, and says its requests come from
/// the site's own pages (`Sec-Fetch-Site: same-origin`), as a browser does on our forms.
pub fn browser() -> reqwest::Client {
    browser_like()
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"))
}

/// The builder behind [`browser`], for clients that need more (a local address, no redirects).
pub fn browser_like() -> reqwest::ClientBuilder {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "sec-fetch-site",
        reqwest::header::HeaderValue::from_static("same-origin"),
    );
    reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(headers)
}

/// A client that keeps cookies but does not follow redirects, to see each redirect itself.
pub fn no_redirects() -> reqwest::Client {
    browser_like()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"))
}

/// A JSON file of the shared test data, read, or `None` after saying so.
pub fn shared_json(relative: &str) -> Option<serde_json::Value> {
    let path = shared_file(relative)?;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

pub async fn get(client: &reqwest::Client, url: &str) -> (u16, String) {
    let response = client
        .get(url)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = response.status().as_u16();
    let page = response.text().await.unwrap_or_default();
    load_form_image(client, url, &page).await;
    (status, page)
}

/// What a browser does on a page with a comment form: loads the form's first-seen image, whose
/// answer gives it the time it was shown the form (the page itself sets no cookie).
pub async fn load_form_image(client: &reqwest::Client, url: &str, page: &str) {
    let src = {
        let html = scraper::Html::parse_document(page);
        let selector = scraper::Selector::parse("img[data-seen]").unwrap_or_else(|e| panic!("{e}"));
        html.select(&selector)
            .next()
            .and_then(|img| img.value().attr("src").map(str::to_owned))
    };
    let Some(src) = src else { return };
    let Ok(base) = reqwest::Url::parse(url) else {
        return;
    };
    let image = base.join(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let answer = client
        .get(image.clone())
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {image}: {e}"));
    assert_eq!(answer.status().as_u16(), 204, "the form's image at {image}");
}

/// `GET url` and the whole response, for its status and headers.
pub async fn fetch(client: &reqwest::Client, url: &str) -> reqwest::Response {
    client
        .get(url)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"))
}

/// Asserts that the first element matching `selector` has the text `expected`.
#[track_caller]
pub fn assert_text(html: &scraper::Html, selector: &str, expected: &str) {
    assert_eq!(text_of(html, selector).as_deref(), Some(expected));
}

/// Text of the first element matching `selector`, white space collapsed.
pub fn text_of(html: &scraper::Html, selector: &str) -> Option<String> {
    let selector = scraper::Selector::parse(selector).unwrap_or_else(|e| panic!("{selector}: {e}"));
    html.select(&selector).next().map(|e| {
        e.text()
            .collect::<Vec<_>>()
            .join("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// Every value of `attribute` on elements matching `selector`.
pub fn attrs(html: &scraper::Html, selector: &str, attribute: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).unwrap_or_else(|e| panic!("{selector}: {e}"));
    html.select(&selector)
        .filter_map(|e| e.value().attr(attribute).map(str::to_owned))
        .collect()
}

/// The form `selector` as a browser would submit it: its action and every named field.
pub fn read_form(html: &scraper::Html, selector: &str) -> (String, Vec<(String, String)>) {
    let form_selector = scraper::Selector::parse(selector).unwrap_or_else(|e| panic!("{e}"));
    let form = html
        .select(&form_selector)
        .next()
        .unwrap_or_else(|| panic!("no form {selector}"));
    let action = form.value().attr("action").unwrap_or_default().to_owned();
    let fields_selector =
        scraper::Selector::parse("input[name], textarea[name]").unwrap_or_else(|e| panic!("{e}"));
    let fields = form
        .select(&fields_selector)
        .map(|field| {
            let name = field.value().attr("name").unwrap_or_default().to_owned();
            let value = if field.value().name() == "textarea" {
                field.text().collect()
            } else {
                field.value().attr("value").unwrap_or_default().to_owned()
            };
            (name, value)
        })
        .collect();
    (action, fields)
}

/// Gets the page at `path` and reads its form `selector` (see [`read_form`]).
pub async fn page_form(
    client: &reqwest::Client,
    server: &Server,
    path: &str,
    selector: &str,
) -> (String, Vec<(String, String)>) {
    let (_, page) = get(client, &server.url(path)).await;
    read_form(&scraper::Html::parse_document(&page), selector)
}

/// Posts `fields` as a form to the absolute `url`, as a browser submits it.
pub async fn post_form(
    client: &reqwest::Client,
    url: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    client
        .post(url)
        .form(fields)
        .send()
        .await
        .unwrap_or_else(|e| panic!("POST {url}: {e}"))
}

/// Posts `fields` to the server's `action` (a path, as a form's action is).
pub async fn submit(
    client: &reqwest::Client,
    server: &Server,
    action: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    post_form(client, &server.url(action), fields).await
}

/// Sets `name` to `value` among a form's fields.
pub fn fill(fields: &mut [(String, String)], name: &str, value: &str) {
    let field = fields
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("the form has no field {name}"));
    field.1 = value.to_owned();
}

/// A copy of a form's `fields` with each of `pairs` filled in.
pub fn filled(fields: &[(String, String)], pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = fields.to_vec();
    for (name, value) in pairs {
        fill(&mut fields, name, value);
    }
    fields
}

/// `GET /api/v1/search?q=…` until its total is `total`, for at most `within`. Returns the last
/// answer and how long it took.
pub async fn search_until(
    client: &reqwest::Client,
    server: &Server,
    query: &str,
    total: u64,
    within: Duration,
) -> (serde_json::Value, Duration) {
    let started = std::time::Instant::now();
    let url = reqwest::Url::parse_with_params(&server.url("/api/v1/search"), &[("q", query)])
        .unwrap_or_else(|e| panic!("{e}"));
    loop {
        let (status, body) = get(client, url.as_str()).await;
        assert_eq!(status, 200, "{body}");
        let answer: serde_json::Value =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
        if answer["total"] == total || started.elapsed() > within {
            return (answer, started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A path with everything outside ASCII letters, digits and `/._-` percent-encoded, as links are.
pub fn encode(path: &str) -> String {
    let mut out = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/._-".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Waits as long as a person takes at least to write a comment, so the form is not refused as
/// sent too fast (`minbar_content::comments::MIN_SECONDS_TO_SUBMIT`).
pub async fn like_a_reader() {
    tokio::time::sleep(Duration::from_millis(2_100)).await;
}

/// What a reader sees of a page: its text (not scripts or styles) and the labels read aloud or
/// shown on hover (placeholder, aria-label, title, alt).
pub fn reader_text(html: &scraper::Html) -> String {
    let mut text = String::new();
    for node in html.root_element().descendants() {
        if let Some(t) = node.value().as_text() {
            let code = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style"))
            });
            if !code {
                text.push_str(t);
                text.push('\n');
            }
        }
        if let Some(element) = node.value().as_element() {
            for attribute in ["placeholder", "aria-label", "title", "alt"] {
                if let Some(value) = element.attr(attribute) {
                    text.push_str(value);
                    text.push('\n');
                }
            }
        }
    }
    text
}

/// Saves a photo of `width`×`height` at `path` (JPEG or PNG, by its extension), in gradients
/// tinted by `tint`, so photos made with different tints are different images.
pub fn save_photo(path: &std::path::Path, width: u32, height: u32, tint: u8) {
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, tint, (y % 256) as u8])
    }))
    .save(path)
    .unwrap();
}
