//! Share links on the page: the text and the view in the URL fragment (format in
//! `thicket-share`). A link that cannot be read is reported and never replaces the text.

use thicket_share::LinkError;

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
