//! The domain types every crate shares: posts, pages, labels, comments and site settings.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Why a value given as text is not one of the values a setting takes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a valid {what}; expected one of: {expected}")]
pub struct ParseValueError {
    pub what: &'static str,
    pub value: String,
    pub expected: &'static str,
}

/// Declares an enum stored and parsed as a fixed lowercase word.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// The word this value is stored and written as.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $word),+ }
            }
        }

        impl FromStr for $name {
            type Err = ParseValueError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($word => Ok(Self::$variant),)+
                    _ => Err(ParseValueError {
                        what: $what,
                        value: s.to_owned(),
                        expected: concat!($($word, " "),+),
                    }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(
    /// The language the writer typed a body in.
    BodyFormat, "body format" { Markdown = "markdown", Html = "html" }
);

word_enum!(
    /// Whether readers can see a post.
    PostStatus, "post status" {
        /// Being written; only the newsroom sees it.
        Draft = "draft",
        /// Submitted by its author for an editor to publish.
        Review = "review",
        /// Goes live by itself at its publication time.
        Scheduled = "scheduled",
        /// On the site.
        Published = "published",
    }
);

word_enum!(
    /// When a reader's comment is shown.
    ModerationMode, "moderation mode" {
        /// Shown at once.
        Open = "open",
        /// A commenter's first comment waits for approval; later ones are shown at once.
        FirstTime = "first-time",
        /// Every comment waits for approval.
        All = "all",
    }
);

word_enum!(
    /// Where a comment stands in moderation.
    CommentStatus, "comment status" {
        /// Waits for a moderator.
        Pending = "pending",
        /// Readers see it.
        Published = "published",
        /// Turned down by a moderator: kept out of sight, not counted as spam.
        Rejected = "rejected",
        /// Judged spam, by its score or by a moderator.
        Spam = "spam",
    }
);

word_enum!(
    /// What a moderator's ban matches.
    BanKind, "ban kind" {
        /// A range of addresses, as CIDR (`203.0.113.0/24`, `2001:db8::/48`).
        Address = "address",
        /// A word or phrase, matched after Arabic normalization.
        Word = "word",
    }
);

word_enum!(
    /// An outside comment provider shown in a second tab, loaded only when the reader asks.
    OutsideComments, "outside comment provider" {
        /// Facebook's comments plugin, for as long as Meta still renders it.
        Facebook = "facebook",
        /// The discussion of the post's Telegram channel message, for posts that name one.
        Telegram = "telegram",
    }
);

word_enum!(
    /// What a member of the newsroom may do. Each role can do everything the one before it can.
    Role, "role" {
        /// Writes and edits their own drafts and submits them for review.
        Author = "author",
        /// Publishes, schedules, features and edits anyone's posts; moderates comments.
        Editor = "editor",
        /// Also manages users and site settings.
        Admin = "admin",
    }
);

impl Role {
    /// True when this role includes everything `other` may do.
    pub fn at_least(self, other: Role) -> bool {
        self.rank() >= other.rank()
    }

    fn rank(self) -> u8 {
        match self {
            Role::Author => 0,
            Role::Editor => 1,
            Role::Admin => 2,
        }
    }
}

/// A user's database identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct UserId(pub i64);

/// A member of the newsroom who can sign in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct User {
    pub id: UserId,
    /// Lowercased: the sign-in name.
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The author their posts are signed by.
    pub author_id: i64,
}

/// A post's database identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct PostId(pub i64);

/// A comment's database identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct CommentId(pub i64);

impl fmt::Display for PostId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for CommentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A path segment made from a title by [`minbar_text::slugify`], never empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Slug(String);

impl Slug {
    /// The slug of `title`, or `fallback` when the title has no letter or digit to keep.
    pub fn from_title(title: &str, fallback: &str) -> Self {
        let slug = minbar_text::slugify(title);
        Slug(if slug.is_empty() {
            fallback.to_owned()
        } else {
            slug
        })
    }

    /// Wraps a slug already stored.
    pub fn from_stored(slug: String) -> Self {
        Slug(slug)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The site's settings: one row, written by `minbar init`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Site {
    pub title: String,
    pub about: String,
    /// A BCP 47 tag from [`SUPPORTED_LOCALES`].
    pub locale: String,
    pub moderation: ModerationMode,
    pub outside_comments: Option<OutsideComments>,
    /// The public address (`https://example.org`), used in share links; without it the request's
    /// own host is used.
    pub base_url: Option<String>,
    /// A random key the server signs its CSRF tokens with, shared by every node.
    pub secret: String,
    pub style: DateStyle,
    /// Facebook's app id for the comments tab, when the newsroom has one.
    pub facebook_app_id: Option<String>,
    /// Comments close by themselves this many days after a post is published.
    pub comments_close_days: Option<u32>,
    /// The newsroom's IANA time zone (checked by [`crate::clock::check_zone`]): paths, archives,
    /// every date shown and the editor's times are in it.
    pub time_zone: String,
}

word_enum!(
    /// The digits dates are written with.
    #[derive(Default)]
    Digits, "digits" {
        /// 0123456789
        #[default]
        Latin = "latn",
        /// ٠١٢٣٤٥٦٧٨٩
        ArabicIndic = "arab",
    }
);

word_enum!(
    /// The month names Arabic dates use, whatever the locale's region.
    MonthNames, "month names" {
        /// كانون الثاني، شباط، آذار… (Syria, Lebanon, Jordan, Palestine, Iraq)
        Levantine = "levantine",
        /// يناير، فبراير، مارس… (Egypt and most of the Arab world)
        Egyptian = "egyptian",
    }
);

/// How the site writes dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DateStyle {
    pub digits: Digits,
    /// `None`: the locale's own.
    pub months: Option<MonthNames>,
    /// `Some(days)`: the Hijri (Umm al-Qura) date is shown beside the Gregorian one, moved by
    /// `days` (at most [`HIJRI_ADJUST_DAYS`] either way) for newsrooms that follow a local
    /// sighting of the moon.
    pub hijri: Option<i8>,
}

/// How far the Hijri date may be moved from Umm al-Qura's, in days either way.
pub const HIJRI_ADJUST_DAYS: i8 = 2;

/// A label, as first written, with the normalized key that gives it its identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub name: String,
    pub key: String,
}

impl Label {
    /// A label named `name`, keyed by its normalization (a leading `#` is not part of it, nor
    /// a NUL, which no writer means and PostgreSQL cannot store).
    pub fn new(name: &str) -> Self {
        let name = name.replace('\0', "");
        let name = name.trim().trim_start_matches(['#', '＃']).trim();
        Label {
            name: name.to_owned(),
            key: minbar_text::normalize(name),
        }
    }
}

/// A post as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Post {
    pub id: PostId,
    /// The URL path, `/2017/08/<slug>.html`, as an unencoded string.
    pub path: String,
    pub slug: Slug,
    pub title: String,
    pub body_source: String,
    pub body_format: BodyFormat,
    /// Sanitized HTML, rendered on save.
    pub body_html: String,
    pub excerpt: String,
    pub status: PostStatus,
    pub featured: bool,
    /// Unix seconds; set when published.
    pub published_at: Option<i64>,
    pub updated_at: i64,
    pub author: Option<String>,
    pub labels: Vec<Label>,
    /// The name of an uploaded image shown above the post.
    pub cover: Option<String>,
    pub discussion: Discussion,
    /// The language it is written in; `None`: the site's.
    pub language: Option<String>,
    /// Posts sharing this number translate one another.
    pub translation_group: Option<i64>,
}

/// How readers discuss a post: whether its comments are closed by hand, and the Telegram channel
/// message (`channel/123`) whose discussion the outside tab shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Discussion {
    pub closed: bool,
    pub telegram: Option<String>,
}

/// A post as lists show it: no body, no labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostSummary {
    pub id: PostId,
    pub path: String,
    pub title: String,
    pub excerpt: String,
    pub status: PostStatus,
    pub featured: bool,
    pub published_at: Option<i64>,
    /// Comments readers can see.
    pub comments: i64,
}

/// What it takes to write a new post; the store derives the path and the labels.
#[derive(Debug, Clone)]
pub struct NewPost {
    pub title: String,
    pub slug: Slug,
    pub body_source: String,
    pub body_format: BodyFormat,
    pub body_html: String,
    /// The body as plain text, for search.
    pub body_text: String,
    pub excerpt: String,
    pub status: PostStatus,
    pub featured: bool,
    pub published_at: i64,
    pub labels: Vec<Label>,
    /// The name of an uploaded image shown above the post.
    pub cover: Option<String>,
    /// The language it is written in; `None`: the site's.
    pub language: Option<String>,
    /// A post this one translates: both join the same group of translations.
    pub translation_of: Option<PostId>,
}

/// A published post as the search index reads it: the text of every field it searches, and what
/// a result line shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PostDocument {
    pub id: PostId,
    pub path: String,
    pub title: String,
    /// Plain text of the body.
    pub body_text: String,
    pub excerpt: String,
    pub author: Option<String>,
    pub published_at: i64,
    pub labels: Vec<Label>,
}

/// A saved version of a post, kept when it was replaced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    pub id: i64,
    pub post_id: PostId,
    pub title: String,
    pub body_source: String,
    pub body_format: BodyFormat,
    pub labels: Vec<String>,
    pub saved_at: i64,
    /// Who saved the version that replaced this one, when known.
    pub saved_by: Option<String>,
}

/// A static page at `/p/<slug>.html`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    pub slug: Slug,
    pub title: String,
    pub body_html: String,
    pub updated_at: i64,
    /// The language it is written in; `None`: the site's.
    pub language: Option<String>,
}

/// What it takes to write a new static page.
#[derive(Debug, Clone)]
pub struct NewPage {
    pub slug: Slug,
    pub title: String,
    pub body_source: String,
    pub body_format: BodyFormat,
    pub body_html: String,
    /// The language it is written in; `None`: the site's.
    pub language: Option<String>,
}

/// A reader's comment as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    pub id: CommentId,
    pub post_id: PostId,
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    /// Plain text as the reader typed it: templates escape it.
    pub body: String,
    pub status: CommentStatus,
    pub created_at: i64,
    /// Written by a signed-in member of the newsroom; shown with a badge.
    pub staff: bool,
    /// When an editor last changed it.
    pub edited_at: Option<i64>,
}

/// A comment to store.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub post_id: PostId,
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    /// A keyed hash of the commenter's e-mail, so first-time moderation can know a returning
    /// commenter without the site keeping the address.
    pub author_key: Option<String>,
    pub body: String,
    pub status: CommentStatus,
    /// The address it came from, for rate limits and bans.
    pub ip: Option<String>,
    /// The member of the newsroom who wrote it, when signed in.
    pub user_id: Option<i64>,
    pub spam: crate::comments::Verdict,
    /// [`crate::comments::fingerprint`] of the body, to catch the same comment sent twice.
    pub fingerprint: String,
}

/// The longest comment a reader may send, in characters.
pub const MAX_COMMENT_CHARS: usize = 10_000;
/// The longest commenter name, in characters.
pub const MAX_COMMENT_NAME_CHARS: usize = 80;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for mode in [
            ModerationMode::Open,
            ModerationMode::FirstTime,
            ModerationMode::All,
        ] {
            assert_eq!(mode.as_str().parse::<ModerationMode>(), Ok(mode));
        }
        let err = "sometimes".parse::<ModerationMode>().err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some(
                "'sometimes' is not a valid moderation mode; expected one of: open first-time all "
            )
        );
    }

    #[test]
    fn labels_key_by_normalization() {
        assert_eq!(Label::new("#الرقة").key, Label::new("الرقه").key);
        assert_eq!(Label::new(" #قسد ").name, "قسد");
    }

    #[test]
    fn slug_falls_back_when_empty() {
        assert_eq!(Slug::from_title("!!!", "post-7").as_str(), "post-7");
    }
}
