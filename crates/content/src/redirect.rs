//! The one spelling of an address that Minbar's redirects are keyed by.
//!
//! An old address reaches Minbar twice: once from an export, when an importer records where it
//! now leads, and once from a reader's browser, asking for it. The two spell the same address
//! differently (`%d8%a7` or `%D8%A7` or a raw `ا`, `//` for `/`), so both sides turn it into a
//! key with [`redirect_key`] and compare keys, never spellings. Keeping the rule in one pure
//! function is what makes the two sides agree; a second copy of it is how they once did not.

/// Bytes a path keeps percent-encoded: decoded, they would change where it leads. `%2F` would
/// split a segment in two, `%3F` and `%23` would start a query or a fragment, and a decoded
/// `%25` would make `%252F` read as an encoded slash.
const PATH_KEEPS: &[u8] = b"/?#%";

/// The key an address is recorded and looked up under, from its path and its query (without
/// the `?`), as an export has them or as a request sends them.
///
/// The path:
/// - every `%XX` escape is decoded, save those of `/`, `?`, `#` and `%` themselves, which stay
///   escaped with upper-case digits (`%2f` → `%2F`): `/a%2Fb/` is one segment, not `/a/b/`;
/// - a raw `?` or `#` (which only a path given apart from its query can hold) is escaped too,
///   and so is a `%` not followed by two hex digits, as a browser means a `%` by it;
/// - decoded bytes that do not make UTF-8 become U+FFFD, so a key is always text;
/// - runs of `/` become one (old sites linked `//greek/…`, which they answered as `/greek/…`),
///   and the path starts with `/`.
///
/// The query is kept encoded, as `&`, `=`, `+` and `;` mean something there in either spelling:
/// only escapes' digits are made upper-case, and bytes outside visible ASCII (a raw `ا`, a
/// space) escaped, so that the spellings a browser may choose meet. An empty query is none.
pub fn redirect_key(path: &str, query: Option<&str>) -> String {
    let mut key = String::with_capacity(path.len() + 1);
    key.push('/');
    for c in decode_path(path).chars() {
        if !(c == '/' && key.ends_with('/')) {
            key.push(c);
        }
    }
    if let Some(query) = query.filter(|q| !q.is_empty()) {
        key.push('?');
        encode_query(query, &mut key);
    }
    key
}

/// The path with its escapes decoded but for [`PATH_KEEPS`], see [`redirect_key`].
fn decode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match (byte, escape_at(bytes, at)) {
            (_, Some(decoded)) if PATH_KEEPS.contains(&decoded) => {
                push_escape(&mut out, decoded);
                at += 3;
            }
            (_, Some(decoded)) => {
                out.push(decoded);
                at += 3;
            }
            (b'%' | b'?' | b'#', None) => {
                push_escape(&mut out, byte);
                at += 1;
            }
            (_, None) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The query spelled one way, see [`redirect_key`].
fn encode_query(query: &str, out: &mut String) {
    let bytes = query.as_bytes();
    let mut escaped = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if let Some(decoded) = escape_at(bytes, at) {
            push_escape(&mut escaped, decoded);
            at += 3;
            continue;
        }
        if byte == b'%' || !byte.is_ascii_graphic() {
            push_escape(&mut escaped, byte);
        } else {
            escaped.push(byte);
        }
        at += 1;
    }
    // Only ASCII was pushed: every other byte was escaped.
    out.push_str(&String::from_utf8_lossy(&escaped));
}

/// The byte a `%XX` escape at `at` stands for, if one is there.
fn escape_at(bytes: &[u8], at: usize) -> Option<u8> {
    match (bytes.get(at), bytes.get(at + 1), bytes.get(at + 2)) {
        (Some(b'%'), Some(&high), Some(&low)) => hex(high).zip(hex(low)).map(|(h, l)| h * 16 + l),
        _ => None,
    }
}

fn hex(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

fn push_escape(out: &mut Vec<u8>, byte: u8) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    out.push(b'%');
    out.push(DIGITS[usize::from(byte >> 4)]);
    out.push(DIGITS[usize::from(byte & 0xF)]);
}

#[cfg(test)]
mod tests {
    use super::redirect_key;

    /// `input` is a path, with `?` and a query after it if it has one.
    #[track_caller]
    fn check(input: &str, expected: &str) {
        let (path, query) = match input.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (input, None),
        };
        let key = redirect_key(path, query);
        assert_eq!(key, expected, "{input}");
        // A key is its own key: reading it again changes nothing.
        let (path, query) = match key.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (key.as_str(), None),
        };
        assert_eq!(redirect_key(path, query), expected, "{input} again");
    }

    #[test]
    fn encoded_slashes_stay_encoded_in_capitals() {
        check("/2018/10/20/a%2Fb/", "/2018/10/20/a%2Fb/");
        check("/2018/10/20/a%2fb/", "/2018/10/20/a%2Fb/");
        check("/a%2fb%3F", "/a%2Fb%3F");
        check("/a%3fb%23c", "/a%3Fb%23c");
        // A decoded `%25` would turn `%252F` into an encoded slash.
        check("/a%252Fb", "/a%252Fb");
        check("/a%25", "/a%25");
    }

    #[test]
    fn everything_else_is_decoded() {
        check("/%D8%A7%d8%a8/", "/اب/");
        check("/اب/", "/اب/");
        check("/greek/%ce%b5%cf%80/", "/greek/επ/");
        check("/a%20b/%41", "/a b/A");
        check("/%D9%82%D8%B3%D9%85%2F%D8%A3/", "/قسم%2Fأ/");
    }

    #[test]
    fn runs_of_slashes_become_one() {
        check("//a//b///", "/a/b/");
        check("/a%2F%2Fb", "/a%2F%2Fb");
        check("", "/");
        check("/", "/");
        check("a/b", "/a/b");
    }

    #[test]
    fn queries_are_kept_encoded_and_spelled_one_way() {
        check("/?p=12", "/?p=12");
        check("/?page_id=3", "/?page_id=3");
        check("//?p=12", "/?p=12");
        check("/a%2fb/?q=%20", "/a%2Fb/?q=%20");
        check("/?s=%d8%a7&t=a%2fb+c", "/?s=%D8%A7&t=a%2Fb+c");
        check("/?s=ا b", "/?s=%D8%A7%20b");
        check("/?q=100%", "/?q=100%25");
        check("/x?", "/x");
    }

    #[test]
    fn broken_escapes_never_panic_and_stay_text() {
        check("/%ff-a", "/\u{FFFD}-a");
        check("/%D8", "/\u{FFFD}");
        check("/100%", "/100%25");
        check("/%zz%4", "/%25zz%254");
        check("/é%", "/é%25");
        check("/a#b", "/a%23b");
        // A path given apart from its query has its `?` as a character, not a query's start.
        assert_eq!(redirect_key("/a?b", None), "/a%3Fb");
    }
}
