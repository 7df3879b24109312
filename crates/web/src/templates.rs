//! Templates: MiniJinja, the default theme embedded in the binary, overridable file by file by a
//! theme folder, and a `t(key, …)` function that looks messages up in the page's language.

use crate::i18n::{Arg, I18n};
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, State};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// Embeds templates by their path under `templates/`, which is also their name.
macro_rules! embed {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),+]
    };
}

/// The default theme's templates, by name.
const EMBEDDED: &[(&str, &str)] = embed!(
    "base.html",
    "macros.html",
    "home.html",
    "list.html",
    "post.html",
    "page.html",
    "search.html",
    "corrections.html",
    "error.html",
    "error-bare.html",
    "admin/base.html",
    "admin/login.html",
    "admin/dashboard.html",
    "admin/posts.html",
    "admin/editor.html",
    "admin/media.html",
    "admin/comments.html",
    "admin/comment-edit.html",
    "admin/bans.html",
    "admin/settings.html",
    "admin/users.html",
    "admin/tokens.html",
    "admin/pages.html",
    "admin/page-editor.html",
    "admin/notes.html",
);

/// The default theme's static files: name, content type, content.
pub const ASSETS: &[(&str, &str, &str)] = &[
    (
        "minbar.css",
        "text/css; charset=utf-8",
        include_str!("../static/minbar.css"),
    ),
    (
        "admin.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/admin.js"),
    ),
    (
        "editor.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/editor.js"),
    ),
    (
        "minbar.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/minbar.js"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("theme folder {0} is not a readable folder")]
    ThemeDir(PathBuf),
    #[error("template {name} does not compile: {source}")]
    Compile {
        name: String,
        #[source]
        source: minijinja::Error,
    },
}

/// The compiled templates.
pub struct Templates {
    env: Environment<'static>,
    asset_version: String,
}

impl Templates {
    /// Loads the templates, preferring `theme_dir/<name>` over the embedded default, and compiles
    /// every one at once so a broken theme fails at start-up, not on a reader's request.
    pub fn new(i18n: Arc<I18n>, theme_dir: Option<PathBuf>) -> Result<Self, TemplateError> {
        if let Some(dir) = &theme_dir
            && !dir.is_dir()
        {
            return Err(TemplateError::ThemeDir(dir.clone()));
        }
        let mut env = Environment::new();
        env.set_loader(move |name| {
            if let Some(dir) = &theme_dir {
                // Only plain file names: a template name never reaches outside the theme folder.
                if !name.contains(['/', '\\']) && !name.starts_with('.') {
                    let path = dir.join(name);
                    if path.is_file() {
                        return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                            minijinja::Error::new(
                                minijinja::ErrorKind::TemplateNotFound,
                                e.to_string(),
                            )
                        });
                    }
                }
            }
            Ok(EMBEDDED
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, source)| (*source).to_owned()))
        });
        env.set_formatter(escape_minimal);
        env.add_function("t", move |state: &State, key: &str, kwargs: Kwargs| {
            // `locale` carries the digits; pages without a layout have only `lang`.
            let locale = state
                .lookup("locale")
                .filter(|v| !v.is_undefined() && !v.is_none())
                .or_else(|| state.lookup("lang"))
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_else(|| "ar".to_owned());
            let mut args = Vec::new();
            for name in kwargs.args() {
                let value: Value = kwargs.get(name)?;
                let arg = match value.as_i64() {
                    Some(n) if value.is_number() => Arg::Number(n),
                    _ => Arg::Text(value.to_string()),
                };
                args.push((name, arg));
            }
            Ok(i18n.message(&locale, key, &args))
        });
        for (name, _) in EMBEDDED {
            env.get_template(name)
                .map_err(|source| TemplateError::Compile {
                    name: (*name).to_owned(),
                    source,
                })?;
        }
        let asset_version = asset_version();
        Ok(Templates { env, asset_version })
    }

    /// Renders template `name` with a view model.
    /// Every view embeds a `layout`; its `lang` and `locale` are lifted to the top so `t()`
    /// finds them.
    pub fn render<V: Serialize>(&self, name: &str, view: &V) -> Result<String, minijinja::Error> {
        let view = Value::from(minijinja::value::Serde(view));
        let layout = view.get_attr("layout")?;
        let lang = layout.get_attr("lang")?;
        let locale = layout.get_attr("locale")?;
        self.env
            .get_template(name)?
            .render(minijinja::context! { lang, locale, ..view })
    }

    /// The error page without the site's layout, for when even the settings cannot be read.
    pub fn render_bare_error(
        &self,
        (title_key, body_key): (&str, &str),
    ) -> Result<String, minijinja::Error> {
        self.env
            .get_template("error-bare.html")?
            .render(minijinja::context! {
                lang => "ar",
                title_key,
                body_key,
                asset_version => &self.asset_version,
            })
    }

    /// A short fingerprint of the static files, appended to their URLs so they can be cached for
    /// a year and still change with a new binary.
    pub fn asset_version(&self) -> &str {
        &self.asset_version
    }
}

/// HTML-escapes strings the way pages need and no further: `&`, `<`, `>`, `"` and `'`.
/// MiniJinja's default also escapes `/` as `&#x2f;`, which is safe but doubles the size of every
/// URL on a page whose links are mostly percent-encoded Arabic paths.
fn escape_minimal(
    out: &mut minijinja::Output,
    state: &mut State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    let escape = matches!(state.auto_escape(), minijinja::AutoEscape::Html) && !value.is_safe();
    let Some(text) = value.as_str().filter(|_| escape) else {
        return minijinja::escape_formatter(out, state, value);
    };
    let mut start = 0;
    let write_err = |_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "output");
    for (index, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[start..index]).map_err(write_err)?;
        out.write_str(entity).map_err(write_err)?;
        start = index + 1;
    }
    out.write_str(&text[start..]).map_err(write_err)
}

fn asset_version() -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for (name, _, content) in ASSETS {
        hasher.update(name.as_bytes());
        hasher.update(content.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::EMBEDDED;

    fn files(dir: &std::path::Path, prefix: &str, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                files(&entry.path(), &format!("{name}/"), out);
            } else {
                out.push(name);
            }
        }
    }

    #[test]
    fn every_template_file_is_embedded() {
        let mut found = Vec::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        files(&dir, "", &mut found);
        for name in found {
            assert!(
                EMBEDDED.iter().any(|(embedded, _)| *embedded == name),
                "templates/{name} is not in EMBEDDED"
            );
        }
    }
}
