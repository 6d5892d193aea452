//! Share links on the page: the text and the view in the URL fragment (format in
//! `thicket-share`). A link that cannot be read is reported and never replaces the text.

use thicket_check::TreeReport;
use thicket_share::{LinkError, View};

/// What the page was opened with.
pub enum Opened {
    /// No fragment: the autosaved text, or the first example.
    Nothing,
    Link(thicket_share::Shared),
    Broken(LinkError),
}

pub fn read_location() -> Opened {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if hash.trim_start_matches('#').is_empty() {
        return Opened::Nothing;
    }
    match thicket_share::decode(&hash) {
        Ok(shared) => Opened::Link(shared),
        Err(e) => Opened::Broken(e),
    }
}

/// The link to the page with this text and view; the address bar shows it too.
pub fn make_link(text: &str, view: View) -> Option<String> {
    let fragment = thicket_share::encode(&thicket_share::Shared {
        text: text.to_string(),
        view: Some(view),
        embed: None,
    });
    let window = web_sys::window()?;
    let location = window.location();
    let url = format!(
        "{}{}#{fragment}",
        location.origin().ok()?,
        location.pathname().ok()?
    );
    let _ =
        window
            .history()
            .ok()?
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    // Best effort: a page without clipboard permission still shows the link to copy by hand.
    let _ = window.navigator().clipboard().write_text(&url);
    Some(url)
}

/// A node as the link records it: its root's index, then the index of each edge taken.
pub fn path_of(tree: &TreeReport, id: u32) -> Option<Vec<u32>> {
    let by_id = |id: u32| tree.nodes.iter().find(|n| n.id == id);
    let mut path = vec![];
    let mut at = by_id(id)?;
    while let Some(parent) = at.parent.and_then(by_id) {
        path.push(parent.children.iter().position(|&c| c == at.id)? as u32);
        at = parent;
    }
    path.push(tree.roots.iter().position(|&r| r == at.id)? as u32);
    path.reverse();
    Some(path)
}

/// The node a recorded path leads to, if the tree still has it.
pub fn node_at(tree: &TreeReport, path: &[u32]) -> Option<u32> {
    let (&root, edges) = path.split_first()?;
    let mut id = *tree.roots.get(root as usize)?;
    for &edge in edges {
        let node = tree.nodes.iter().find(|n| n.id == id)?;
        id = *node.children.get(edge as usize)?;
    }
    Some(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use thicket_check::TreeNode;

    fn node(id: u32, parent: Option<u32>, children: Vec<u32>) -> TreeNode {
        TreeNode {
            id,
            parent,
            depth: 1,
            step: None,
            state: vec![],
            state_id: id,
            repeat: false,
            outside_property: false,
            leaves_here: false,
            on_counterexample: false,
            children,
            path: vec![],
            behaviors_below: Default::default(),
            terminated: false,
        }
    }

    #[test]
    fn a_node_path_leads_back_to_the_node() {
        let tree = TreeReport {
            nodes: vec![
                node(0, None, vec![2, 3]),
                node(1, None, vec![]),
                node(2, Some(0), vec![]),
                node(3, Some(0), vec![4]),
                node(4, Some(3), vec![]),
            ],
            roots: vec![1, 0],
            property: None,
            properties: vec![],
            truncated: false,
            diagnostics: vec![],
            error: None,
        };
        assert_eq!(path_of(&tree, 4), Some(vec![1, 1, 0]));
        assert_eq!(node_at(&tree, &[1, 1, 0]), Some(4));
        assert_eq!(path_of(&tree, 1), Some(vec![0]));
        assert_eq!(node_at(&tree, &[1, 5]), None);
        assert_eq!(node_at(&tree, &[]), None);
    }
}
