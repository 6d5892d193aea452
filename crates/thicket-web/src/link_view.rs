//! What a link brings to the page besides its text: the embed options, the view to restore
//! (property, node, theme), and the safe keeping of the text the reader had.
//!
//! The reader's text is never lost to a link: when a link's text differs from the autosaved
//! one, the autosaved text is kept under a key of its own and the page offers it back.

use thicket_share::{Embed, View};

use crate::page_js;
use crate::protocol::Document;
use crate::state::AppState;

/// How the page was opened, read once at start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Opened {
    /// The page's address without query or fragment.
    pub page: String,
    /// Shown as a widget (`?embed`), with these options.
    pub embed: Option<Embed>,
    /// The view the link recorded.
    pub view: Option<View>,
    /// The link's fragment and document, when it could be read.
    pub fragment: Option<String>,
    pub text: Option<Document>,
    /// The reader's own text was kept aside (see [`page_js::keep_backup`]).
    pub kept_backup: bool,
}

pub fn read(autosaved: Option<&Document>) -> Opened {
    let location = page_js::location();
    let decoded = thicket_share::decode(&location.hash).ok();
    let mut opened = Opened {
        page: location.page.clone(),
        ..Opened::default()
    };
    if location.is_embed() {
        page_js::hold_scroll_top();
        opened.embed = Some(
            decoded
                .as_ref()
                .and_then(|s| s.embed.clone())
                .unwrap_or_default(),
        );
    }
    if let Some(shared) = decoded {
        opened.view = shared.view;
        opened.fragment = Some(location.hash.trim_start_matches('#').to_string());
        // A widget never writes the reader's storage; the full page keeps the text it hides.
        let linked = Document {
            text: shared.text,
            modules: shared.modules,
        };
        if opened.embed.is_none() {
            if let Some(mine) = autosaved.filter(|t| !t.text.trim().is_empty() && **t != linked) {
                opened.kept_backup = page_js::keep_backup(mine);
            }
            let panel = opened.view.as_ref().and_then(|v| v.panel.as_deref());
            if let Some(selector) = panel.and_then(panel_selector) {
                page_js::reveal_when_shown(selector);
            }
        }
        opened.text = Some(linked);
    }
    opened
}

/// Where a panel named in a link (`view.panel`, as in `Embed::panels`) is on the page.
pub fn panel_selector(panel: &str) -> Option<&'static str> {
    Some(match panel {
        "check" => ".summary",
        "tree" => ".tree-card",
        "behavior" => ".state-panel",
        "steps" => ".stepper",
        "sets" => ".sets-view",
        _ => return None,
    })
}

/// The view a link made now restores: the highlighted property, the depth, the selected node.
pub fn current_view(state: &AppState, theme: Option<String>) -> View {
    let tree = state.tree.as_ref().filter(|_| state.shows_checked());
    View {
        property: tree.and_then(|t| t.property.clone()),
        depth: Some(state.tree_depth),
        node: tree
            .zip(state.selected)
            .and_then(|(t, id)| t.nodes.iter().find(|n| n.id == id))
            .map(|n| n.path.clone()),
        panel: None,
        theme,
        vars: state.shown_vars.clone(),
    }
}

/// The full page with this document and the opened view: the widget's way out.
pub fn full_link(opened: &Opened, document: &Document) -> String {
    let fragment = match (&opened.fragment, &opened.text) {
        (Some(fragment), Some(original)) if original == document => fragment.clone(),
        _ => thicket_share::encode(&thicket_share::Shared {
            text: document.text.clone(),
            view: opened.view.clone(),
            embed: None,
            modules: document.modules.clone(),
        }),
    };
    format!("{}#{fragment}", opened.page)
}
