//! Share links: the whole document (spec and embedded model) and the view it was shown in,
//! in a URL fragment. No server: the link *is* the document.
//!
//! Format: `#v1.` followed by base64url (no padding) of the raw-DEFLATE-compressed UTF-8 JSON
//! of a [`Shared`]. The version tag comes first so that every later Thicket can read every
//! earlier link; unknown fields are ignored and missing ones take their defaults. A document of
//! several module files (`modules`) is tagged `v2`, the same JSON with that field: a Thicket
//! that reads only `v1` then says it is too old rather than drop the modules without a word; a
//! document of one text is still written `v1`, byte for byte as before.
//!
//! Architecture invariant: decoding never trusts the fragment: it is bounded (at most
//! [`MAX_TEXT`] bytes once inflated), every failure is a [`LinkError`] with a message for
//! people, and the result is plain data (text is never interpreted as HTML by this crate).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// The tag of a document of one text (every link before module files, and those since).
pub const VERSION: &str = "v1";

/// The tag of a document with module files besides its main text.
pub const VERSION_MODULES: &str = "v2";

/// The largest document a link may inflate to.
pub const MAX_TEXT: usize = 2 * 1024 * 1024;

/// Links longer than this may be cut by some sites and mail clients.
pub const LONG_LINK: usize = 8 * 1024;

/// What a link holds: the text and the view.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Shared {
    /// The whole document (module or algorithm, with its embedded model).
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<View>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embed: Option<Embed>,
    /// The other module files, in the order of the page's tabs: the modules the main text
    /// `EXTENDS` or `INSTANCE`s.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<ModuleFile>,
}

/// A module file beside the main text: its name (`Counter.tla`) and its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ModuleFile {
    pub name: String,
    pub text: String,
}

/// The view a link restores.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct View {
    /// The highlighted property.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
    /// The depth of the behavior tree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<u32>,
    /// The selected tree node, as its path (root index, then edge indices).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<Vec<u32>>,
    /// The open panel (`tree`, `behavior`, `sets`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub panel: Option<String>,
    /// `light` or `dark`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// The variables the tree's nodes show (none: the default, every data variable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vars: Option<Vec<String>>,
}

/// Options of the embedded widget.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Embed {
    pub read_only: bool,
    /// Check as soon as the widget loads.
    pub auto_check: bool,
    /// Hide the editor.
    pub hide_editor: bool,
    /// The panels to show (all when empty).
    pub panels: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Not a Thicket link at all.
    Foreign,
    /// A format from a later Thicket.
    NewerVersion(String),
    /// Cut short or altered on the way.
    Corrupted(&'static str),
    /// Inflates to more than [`MAX_TEXT`].
    TooLarge,
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::Foreign => write!(f, "this link does not hold a Thicket spec"),
            LinkError::NewerVersion(v) => write!(
                f,
                "this link was made by a newer Thicket (format {v}); reload the page to update"
            ),
            LinkError::Corrupted(why) => write!(
                f,
                "this link is damaged ({why}); it may have been cut short when it was copied"
            ),
            LinkError::TooLarge => write!(
                f,
                "this link holds a document larger than {} MB",
                MAX_TEXT / (1024 * 1024)
            ),
        }
    }
}

impl std::error::Error for LinkError {}

/// The fragment (without `#`) for a shared document.
pub fn encode(shared: &Shared) -> String {
    let json = serde_json::to_vec(shared).expect("plain data serializes");
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    let version = if shared.modules.is_empty() {
        VERSION
    } else {
        VERSION_MODULES
    };
    format!("{version}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Read a fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<Shared, LinkError> {
    let fragment = fragment.trim().trim_start_matches('#');
    let Some((version, payload)) = fragment.split_once('.') else {
        return Err(LinkError::Foreign);
    };
    if !version.starts_with('v')
        || version.len() > 6
        || !version[1..].chars().all(|c| c.is_ascii_digit())
        || version.len() < 2
    {
        return Err(LinkError::Foreign);
    }
    if version != VERSION && version != VERSION_MODULES {
        return Err(LinkError::NewerVersion(version.to_string()));
    }
    let packed = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| LinkError::Corrupted("not base64url"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_TEXT).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            _ => LinkError::Corrupted("the compressed data is incomplete"),
        },
    )?;
    serde_json::from_slice(&json)
        .map_err(|_| LinkError::Corrupted("the data inside is not a Thicket document"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Shared {
        Shared {
            text: "---- MODULE counter ----\n\\* ünïcode ⟨⟩\n====\n".into(),
            view: Some(View {
                property: Some("AllPositiveGets".into()),
                depth: Some(5),
                node: Some(vec![0, 1, 0]),
                panel: Some("tree".into()),
                theme: None,
                vars: Some(vec!["n".into()]),
            }),
            embed: None,
            modules: vec![],
        }
    }

    /// A link as Thicket wrote them before module files (the counter, with a view).
    const OLD_LINK: &str = "v1.q1YqSa0oUbJS0gUCBV9_l1AfV4Xk_NK8ktQiBZBYTF6YY5CnoxNQOC8mzxYIYvKUdJTKMlPLlayqlQqK8gtSi0oqgSY45uQE5BdnlmSWpbqnlhQDFaWkFpRkKFmZ6ijl5aekKllFG-gYxtbWAgA";
    const OLD_JSON: &str = r#"{"text":"---- MODULE counter ----\nVARIABLE n\n====\n","view":{"property":"AllPositiveGets","depth":5,"node":[0,1]}}"#;

    #[test]
    fn links_made_before_module_files_read_as_before() {
        let shared = decode(OLD_LINK).unwrap();
        assert_eq!(
            shared,
            Shared {
                text: "---- MODULE counter ----\nVARIABLE n\n====\n".into(),
                view: Some(View {
                    property: Some("AllPositiveGets".into()),
                    depth: Some(5),
                    node: Some(vec![0, 1]),
                    ..View::default()
                }),
                embed: None,
                modules: vec![],
            }
        );
        // Written again, it is the same document under the same tag.
        assert_eq!(serde_json::to_string(&shared).unwrap(), OLD_JSON);
        assert!(encode(&shared).starts_with("v1."));
    }

    fn with_modules() -> Shared {
        Shared {
            text: "---- MODULE MC ----\nEXTENDS Counter\n====\n".into(),
            modules: vec![
                ModuleFile {
                    name: "Counter.tla".into(),
                    text: "---- MODULE Counter ----\nVARIABLE n\n====\n".into(),
                },
                ModuleFile {
                    name: "Other.tla".into(),
                    text: "---- MODULE Other ----\n====\n".into(),
                },
            ],
            ..sample()
        }
    }

    #[test]
    fn several_files_round_trip_in_order() {
        let link = encode(&with_modules());
        assert!(link.starts_with("v2."), "{link}");
        assert_eq!(decode(&link), Ok(with_modules()));
    }

    #[test]
    fn a_link_with_modules_is_not_read_as_its_main_text_alone_by_v1_readers() {
        // A Thicket that reads only `v1` names a `v2` link newer and reads none of it.
        let link = encode(&with_modules());
        assert_eq!(link.split_once('.').map(|(v, _)| v), Some(VERSION_MODULES));
        assert_eq!(decode("v3.AAAA"), Err(LinkError::NewerVersion("v3".into())));
    }

    #[test]
    fn round_trips() {
        let link = encode(&sample());
        assert!(link.starts_with("v1."));
        assert!(
            link.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
            "{link}"
        );
        assert_eq!(decode(&link), Ok(sample()));
        assert_eq!(decode(&format!("#{link}")), Ok(sample()));
    }

    #[test]
    fn truncated_links_are_reported_not_misread() {
        let link = encode(&sample());
        for cut in [link.len() - 1, link.len() - 5, link.len() / 2, 4] {
            assert!(
                matches!(decode(&link[..cut]), Err(LinkError::Corrupted(_))),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn foreign_and_future_fragments_are_named() {
        assert_eq!(decode("#section-2"), Err(LinkError::Foreign));
        assert_eq!(decode(""), Err(LinkError::Foreign));
        assert_eq!(decode("v7.AAAA"), Err(LinkError::NewerVersion("v7".into())));
        assert!(matches!(decode("v1.!!!"), Err(LinkError::Corrupted(_))));
    }

    #[test]
    fn a_compression_bomb_is_refused() {
        let huge = Shared {
            text: "a".repeat(MAX_TEXT + 10),
            ..Default::default()
        };
        assert_eq!(decode(&encode(&huge)), Err(LinkError::TooLarge));
    }

    #[test]
    fn fields_added_later_are_ignored_and_missing_ones_default() {
        let json = br#"{"text":"x","future":{"a":1}}"#;
        let link = format!(
            "v1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json, 6))
        );
        assert_eq!(
            decode(&link),
            Ok(Shared {
                text: "x".into(),
                ..Default::default()
            })
        );
    }
}
