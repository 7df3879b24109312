//! Images brought in from elsewhere, for an import that must not leave its photos on the old
//! host: fetched over HTTP(S) within stated limits ([`Limits`]), or taken from a folder (a
//! Takeout media folder, a copy of `wp-content/uploads`). What comes back is bytes only; the
//! caller processes them exactly as an upload, so nothing fetched is ever stored as given.
//!
//! The fetch is polite and hard to misuse: it never reaches a private, loopback or link-local
//! address unless its host is allowed by name (`--allow-host`), checked on the addresses the
//! name resolves to (so a public name pointing inside is refused) and again at every redirect;
//! it follows at most [`Limits::redirects`] redirects and notices a loop; it stops reading at
//! [`crate::MAX_UPLOAD_BYTES`] and after [`Limits::timeout`]; it retries only what may pass
//! (a connection refused, a 5xx, a 429), never a response that did not end.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// How far a fetch may go.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The most bytes read of one image.
    pub max_bytes: usize,
    /// The whole of one attempt: connecting, the answer and its body.
    pub timeout: Duration,
    pub redirects: usize,
    /// Further attempts after a failure that may pass.
    pub retries: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: crate::MAX_UPLOAD_BYTES,
            timeout: Duration::from_secs(30),
            redirects: 5,
            retries: 2,
        }
    }
}

/// Why an image could not be had: the summary's reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unavailable {
    #[error("not found ({0})")]
    NotFound(u16),
    #[error("the host answered {0}")]
    Status(u16),
    #[error(
        "{host} is a private or loopback address ({address}); allow it with --allow-host {host}"
    )]
    Private { host: String, address: IpAddr },
    #[error("the redirects go round in a loop")]
    RedirectLoop,
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("a redirect to {0}, which is not an http or https address")]
    BadRedirect(String),
    #[error("larger than {0} bytes")]
    TooLarge(usize),
    #[error("no whole answer within {0} s")]
    TimedOut(u64),
    #[error("not an image (the host sent {0})")]
    NotAnImage(String),
    #[error("cannot reach the host: {0}")]
    Network(String),
    #[error("no file of that path or name in {0}")]
    NotInFolder(String),
    #[error("{0} files are named {1} in the folder; cannot tell which")]
    Ambiguous(usize, String),
    #[error("cannot read {0}: {1}")]
    Unreadable(String, String),
}

impl Unavailable {
    /// Whether another attempt may succeed: a connection that failed, a busy or broken server.
    fn may_pass(&self) -> bool {
        match self {
            Unavailable::Network(_) => true,
            Unavailable::Status(status) => *status == 429 || *status >= 500,
            _ => false,
        }
    }
}

/// Where imported images come from.
pub enum Source {
    Fetch(Fetcher),
    Folder(Folder),
}

impl Source {
    /// The bytes of the image at `url`, or why they cannot be had.
    pub async fn get(&self, url: &str) -> Result<Vec<u8>, Unavailable> {
        match self {
            Source::Fetch(fetcher) => fetcher.get(url).await,
            Source::Folder(folder) => folder.get(url).await,
        }
    }
}

/// Whether an address is one a fetch must not reach on its own: loopback, private, link-local,
/// shared (carrier NAT), unique-local, unspecified, multicast or broadcast.
pub fn is_internal(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_internal(IpAddr::V4(v4)),
            None => {
                v6.is_loopback()
                    || v6.is_unspecified()
                    || v6.is_multicast()
                    || v6.is_unique_local()
                    || v6.is_unicast_link_local()
            }
        },
    }
}

/// The rules the resolver and the fetch share: the hosts allowed inside, and names the user
/// pointed at an address themselves (`--resolve`).
#[derive(Debug, Default)]
struct Rules {
    allowed: HashSet<String>,
    pinned: HashMap<String, IpAddr>,
}

impl Rules {
    fn check(&self, host: &str, address: IpAddr) -> Result<(), Unavailable> {
        if is_internal(address) && !self.allowed.contains(&host.to_ascii_lowercase()) {
            return Err(Unavailable::Private {
                host: host.to_owned(),
                address,
            });
        }
        Ok(())
    }
}

/// The resolver every connection of the fetch goes through: a name resolving to an internal
/// address is refused before any connection is made.
struct Guard(Arc<Rules>);

impl reqwest::dns::Resolve for Guard {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let rules = self.0.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addresses: Vec<SocketAddr> = match rules.pinned.get(&host) {
                Some(address) => vec![SocketAddr::new(*address, 0)],
                None => tokio::net::lookup_host((host.as_str(), 0)).await?.collect(),
            };
            for address in &addresses {
                rules.check(&host, address.ip())?;
            }
            let addrs: reqwest::dns::Addrs = Box::new(addresses.into_iter());
            Ok(addrs)
        })
    }
}

/// Fetches images over HTTP(S) within [`Limits`].
pub struct Fetcher {
    client: reqwest::Client,
    rules: Arc<Rules>,
    limits: Limits,
}

impl Fetcher {
    /// `allow`: hosts that may resolve inside; `pin`: names to take as these addresses instead
    /// of asking DNS (still checked against `allow`).
    pub fn new(
        allow: &[String],
        pin: &[(String, IpAddr)],
        limits: Limits,
    ) -> Result<Fetcher, Unavailable> {
        let rules = Arc::new(Rules {
            allowed: allow.iter().map(|h| h.to_ascii_lowercase()).collect(),
            pinned: pin
                .iter()
                .map(|(h, a)| (h.to_ascii_lowercase(), *a))
                .collect(),
        });
        let client = reqwest::Client::builder()
            .user_agent(concat!(
                "Minbar/",
                env!("CARGO_PKG_VERSION"),
                " (media import)"
            ))
            // Each hop is checked here, not followed blindly.
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would resolve names itself, past the guard.
            .no_proxy()
            .dns_resolver(Arc::new(Guard(rules.clone())))
            .connect_timeout(limits.timeout.min(Duration::from_secs(10)))
            .timeout(limits.timeout)
            .build()
            .map_err(|e| Unavailable::Network(e.to_string()))?;
        Ok(Fetcher {
            client,
            rules,
            limits,
        })
    }

    /// The image at `url`, retried while the failure may pass.
    pub async fn get(&self, url: &str) -> Result<Vec<u8>, Unavailable> {
        let mut attempt = 0;
        loop {
            match self.follow(url).await {
                Err(e) if e.may_pass() && attempt < self.limits.retries => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(250 << attempt)).await;
                }
                done => return done,
            }
        }
    }

    /// One attempt: the address and its redirects, each checked.
    async fn follow(&self, url: &str) -> Result<Vec<u8>, Unavailable> {
        let mut current = parse(url)?;
        let mut seen = HashSet::new();
        loop {
            if !seen.insert(current.to_string()) {
                return Err(Unavailable::RedirectLoop);
            }
            if seen.len() > self.limits.redirects + 1 {
                return Err(Unavailable::TooManyRedirects(self.limits.redirects));
            }
            // A literal address never meets the resolver: check it here.
            if let Some(host) = current.host_str()
                && let Ok(address) = host.trim_matches(['[', ']']).parse::<IpAddr>()
            {
                self.rules.check(host, address)?;
            }
            let limit = Duration::from_secs(self.limits.timeout.as_secs().max(1));
            let response = tokio::time::timeout(limit, self.client.get(current.clone()).send())
                .await
                .map_err(|_| Unavailable::TimedOut(limit.as_secs()))?
                .map_err(|e| self.failure(e))?;
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .ok_or(Unavailable::Status(status.as_u16()))?;
                let next = current
                    .join(location)
                    .map_err(|_| Unavailable::BadRedirect(location.to_owned()))?;
                if !matches!(next.scheme(), "http" | "https") {
                    return Err(Unavailable::BadRedirect(location.to_owned()));
                }
                current = next;
                continue;
            }
            if matches!(status.as_u16(), 404 | 410) {
                return Err(Unavailable::NotFound(status.as_u16()));
            }
            if !status.is_success() {
                return Err(Unavailable::Status(status.as_u16()));
            }
            return tokio::time::timeout(limit, self.body(response))
                .await
                .map_err(|_| Unavailable::TimedOut(limit.as_secs()))?;
        }
    }

    /// The body, refused early when it says it is text or too large, and cut off at the limit
    /// when it did not say.
    async fn body(&self, mut response: reqwest::Response) -> Result<Vec<u8>, Unavailable> {
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|c| c.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if content_type.starts_with("text/") || content_type.contains("html") {
            return Err(Unavailable::NotAnImage(content_type));
        }
        let max = self.limits.max_bytes;
        if response.content_length().is_some_and(|n| n > max as u64) {
            return Err(Unavailable::TooLarge(max));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.failure(e))? {
            if bytes.len() + chunk.len() > max {
                return Err(Unavailable::TooLarge(max));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }

    /// What a client error means: the guard's refusal, a timeout, or a network failure.
    fn failure(&self, error: reqwest::Error) -> Unavailable {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
        while let Some(e) = source {
            if let Some(refusal) = e.downcast_ref::<Unavailable>() {
                return refusal.clone();
            }
            source = e.source();
        }
        if error.is_timeout() {
            return Unavailable::TimedOut(self.limits.timeout.as_secs());
        }
        // The chain, without the address (its query may carry a signature).
        let mut text = String::new();
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error.without_url());
        while let Some(e) = source {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&e.to_string());
            source = e.source();
        }
        Unavailable::Network(text)
    }
}

fn parse(url: &str) -> Result<reqwest::Url, Unavailable> {
    let parsed = reqwest::Url::parse(url).map_err(|_| Unavailable::BadRedirect(url.to_owned()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Unavailable::BadRedirect(url.to_owned()));
    }
    Ok(parsed)
}

/// A folder of images, found by an address's path (its longest tail that names a file in the
/// folder, so `wp-content/uploads/2019/05/a.jpg` finds `2019/05/a.jpg` in a copy of
/// `uploads`), else by its file name alone when one file has it.
pub struct Folder {
    root: PathBuf,
    by_path: HashMap<String, PathBuf>,
    by_name: HashMap<String, Vec<PathBuf>>,
    max_bytes: usize,
}

impl Folder {
    /// Reads the folder's tree once; symbolic links are not followed.
    pub fn open(root: &Path) -> std::io::Result<Folder> {
        let mut folder = Folder {
            root: root.to_owned(),
            by_path: HashMap::new(),
            by_name: HashMap::new(),
            max_bytes: crate::MAX_UPLOAD_BYTES,
        };
        let mut pending = vec![root.to_owned()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir)? {
                let entry = entry?;
                let kind = entry.file_type()?;
                let path = entry.path();
                if kind.is_dir() {
                    pending.push(path);
                } else if kind.is_file()
                    && let Ok(relative) = path.strip_prefix(root)
                {
                    let key = relative.to_string_lossy().replace('\\', "/");
                    let name = entry.file_name().to_string_lossy().into_owned();
                    folder.by_name.entry(name).or_default().push(path.clone());
                    folder.by_path.insert(key, path);
                }
            }
        }
        Ok(folder)
    }

    /// How many files the folder holds.
    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    fn find(&self, url: &str) -> Result<&Path, Unavailable> {
        let missing = || Unavailable::NotInFolder(self.root.display().to_string());
        let parsed = reqwest::Url::parse(url).map_err(|_| missing())?;
        let segments: Vec<String> = parsed
            .path_segments()
            .map(|s| {
                s.filter(|s| !s.is_empty())
                    .map(|s| {
                        percent_encoding::percent_decode_str(s)
                            .decode_utf8_lossy()
                            .into_owned()
                    })
                    .collect()
            })
            .unwrap_or_default();
        for start in 0..segments.len() {
            if let Some(path) = self.by_path.get(&segments[start..].join("/")) {
                return Ok(path);
            }
        }
        let name = segments.last().ok_or_else(missing)?;
        match self.by_name.get(name).map(Vec::as_slice) {
            Some([one]) => Ok(one),
            Some(many) if many.len() > 1 => Err(Unavailable::Ambiguous(many.len(), name.clone())),
            _ => Err(missing()),
        }
    }

    async fn get(&self, url: &str) -> Result<Vec<u8>, Unavailable> {
        let path = self.find(url)?;
        let unreadable =
            |e: std::io::Error| Unavailable::Unreadable(path.display().to_string(), e.to_string());
        let size = tokio::fs::metadata(path).await.map_err(unreadable)?.len();
        if size > self.max_bytes as u64 {
            return Err(Unavailable::TooLarge(self.max_bytes));
        }
        tokio::fs::read(path).await.map_err(unreadable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_addresses_are_known() {
        for inside in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_internal(inside.parse().unwrap()), "{inside}");
        }
        for outside in ["93.184.216.34", "8.8.8.8", "2606:4700::1111"] {
            assert!(!is_internal(outside.parse().unwrap()), "{outside}");
        }
    }

    #[test]
    fn a_folder_finds_by_path_tail_then_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("2019/05")).unwrap();
        std::fs::create_dir_all(dir.path().join("Albums/a")).unwrap();
        std::fs::create_dir_all(dir.path().join("Albums/b")).unwrap();
        std::fs::write(dir.path().join("2019/05/سوق.jpg"), b"x").unwrap();
        std::fs::write(dir.path().join("Albums/a/fire.jpg"), b"y").unwrap();
        std::fs::write(dir.path().join("Albums/a/same.jpg"), b"1").unwrap();
        std::fs::write(dir.path().join("Albums/b/same.jpg"), b"2").unwrap();
        let folder = Folder::open(dir.path()).unwrap();
        assert_eq!(folder.len(), 4);
        let tail = "https://example.org/wp-content/uploads/2019/05/%D8%B3%D9%88%D9%82.jpg";
        assert!(folder.find(tail).unwrap().ends_with("2019/05/سوق.jpg"));
        let blogger = "https://blogger.googleusercontent.com/img/b/R29v/AVvX/s1600/fire.jpg";
        assert!(folder.find(blogger).unwrap().ends_with("Albums/a/fire.jpg"));
        assert!(matches!(
            folder.find("https://example.org/x/same.jpg"),
            Err(Unavailable::Ambiguous(2, _))
        ));
        assert!(matches!(
            folder.find("https://example.org/none.jpg"),
            Err(Unavailable::NotInFolder(_))
        ));
    }
}
