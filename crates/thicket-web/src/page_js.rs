//! The few browser calls sharing needs that are shorter in JavaScript than through web-sys:
//! the clipboard (a promise), file downloads (a Blob and a temporary link) and a standalone copy
//! of the tree's SVG. Everything here takes and returns plain strings; nothing is parsed as HTML.

use crate::protocol::Document;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function copyText(text, done) {
    const fail = () => done(false);
    try {
        if (!navigator.clipboard || !window.isSecureContext) { fail(); return; }
        navigator.clipboard.writeText(text).then(() => done(true), fail);
    } catch (e) { fail(); }
}

export function downloadText(name, mime, text) {
    const url = URL.createObjectURL(new Blob([text], { type: mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// The page's tree as a standalone SVG file: every element carries the styles the page's CSS
// gave it (so it renders the same without the stylesheet), at full size, on its background.
const STYLED = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity',
    'stroke-linecap', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'display',
    'text-anchor'];
// Geometry the page's CSS gives (SVG 2), written as attributes for every SVG reader.
const GEOMETRY = { rect: ['height', 'rx'], circle: ['r'] };
export function treeSvg() {
    const svg = document.querySelector('svg.tree');
    if (!svg) return undefined;
    const copy = svg.cloneNode(true);
    const from = [svg, ...svg.querySelectorAll('*')];
    const to = [copy, ...copy.querySelectorAll('*')];
    from.forEach((el, i) => {
        const style = getComputedStyle(el);
        const css = STYLED.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
        to[i].setAttribute('style', css);
        for (const g of GEOMETRY[el.tagName] ?? []) {
            if (!el.hasAttribute(g)) to[i].setAttribute(g, String(parseFloat(style.getPropertyValue(g)) || 0));
        }
        for (const a of ['tabindex', 'role', 'aria-selected', 'class']) to[i].removeAttribute(a);
    });
    const box = svg.viewBox.baseVal;
    copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    copy.setAttribute('width', String(box.width));
    copy.setAttribute('height', String(box.height));
    const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    background.setAttribute('width', '100%');
    background.setAttribute('height', '100%');
    background.setAttribute('fill', getComputedStyle(svg.parentElement).backgroundColor);
    copy.insertBefore(background, copy.firstChild);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
}

export function pageParts() {
    return [location.origin + location.pathname, location.search, location.hash];
}

export function replaceHash(fragment) {
    const url = location.pathname + location.search + (fragment ? '#' + fragment : '');
    history.replaceState(null, '', url);
}

// A widget opens at its top (the verdict), though the tree scrolls its selected state into
// view when it arrives: the document is held at the top until the reader scrolls or clicks,
// or shortly after the first tree is drawn.
export function holdScrollTop() {
    let held = true;
    const release = () => { held = false; };
    for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart']) {
        addEventListener(type, release, { once: true, capture: true, passive: true });
    }
    addEventListener('scroll', () => { if (held) scrollTo(0, 0); });
    const watch = new MutationObserver(() => {
        if (document.querySelector('svg.tree')) {
            watch.disconnect();
            setTimeout(release, 1500);
        }
    });
    watch.observe(document.documentElement, { childList: true, subtree: true });
}

// A link's open panel: scrolled into view once it is drawn (after the check, for most), and
// kept there while the page settles (the tree scrolls its selected state into view when it
// arrives), until the reader scrolls or clicks.
export function revealWhenShown(selector) {
    let settled = null;
    const stop = () => { watch.disconnect(); clearTimeout(settled); };
    const reveal = () => {
        const el = document.querySelector(selector);
        if (!el) return;
        el.scrollIntoView({ block: 'start' });
        if (settled === null) settled = setTimeout(() => { reveal(); stop(); }, 1500);
    };
    const watch = new MutationObserver(reveal);
    watch.observe(document.documentElement, { childList: true, subtree: true });
    for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart']) {
        addEventListener(type, stop, { once: true, capture: true, passive: true });
    }
    setTimeout(stop, 60000);
}

// Which of the panels (CSS selectors) the reader has scrolled to: the one that fills most of the
// window, or -1 while the page is at its top (a link then opens the page as it opens).
export function panelInView(selectors) {
    const pane = document.querySelector('.results-pane');
    const scrolled = (document.scrollingElement?.scrollTop ?? 0) > 0 || (pane?.scrollTop ?? 0) > 0;
    if (!scrolled) return -1;
    let best = -1, most = 0;
    selectors.forEach((selector, i) => {
        const el = document.querySelector(selector);
        if (!el) return;
        const r = el.getBoundingClientRect();
        const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0);
        const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
        if (w > 0 && h > 0 && w * h > most) { most = w * h; best = i; }
    });
    return best;
}

export function setTheme(theme) {
    if (theme) document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = copyText)]
    fn copy_text_js(text: &str, done: &JsValue);
    /// Offer `text` as a file download named `name`.
    #[wasm_bindgen(js_name = downloadText)]
    pub fn download_text(name: &str, mime: &str, text: &str);
    /// The behavior tree on the page as a standalone SVG document, if one is drawn.
    #[wasm_bindgen(js_name = treeSvg)]
    pub fn tree_svg() -> Option<String>;
    #[wasm_bindgen(js_name = pageParts)]
    fn page_parts() -> Vec<String>;
    /// Show `fragment` in the address bar without a new history entry (empty: no fragment).
    #[wasm_bindgen(js_name = replaceHash)]
    pub fn replace_hash(fragment: &str);
    /// Keep the document at its top while the widget loads (see the script).
    #[wasm_bindgen(js_name = holdScrollTop)]
    pub fn hold_scroll_top();
    /// Scroll the first element matching `selector` into view as soon as it exists.
    #[wasm_bindgen(js_name = revealWhenShown)]
    pub fn reveal_when_shown(selector: &str);
    /// Force `light` or `dark` (empty: follow the system).
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(theme: &str);
    #[wasm_bindgen(js_name = panelInView)]
    fn panel_in_view_js(selectors: Vec<String>) -> i32;
}

/// Put `text` on the clipboard; `done` learns whether the browser allowed it.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let done = Closure::once_into_js(move |ok: JsValue| done(ok.as_bool().unwrap_or(false)));
    copy_text_js(text, &done);
}

/// Where the page is: its address without query or fragment, the query, the fragment.
pub struct Location {
    pub page: String,
    pub search: String,
    pub hash: String,
}

pub fn location() -> Location {
    let mut parts = page_parts().into_iter();
    let mut next = || parts.next().unwrap_or_default();
    Location {
        page: next(),
        search: next(),
        hash: next(),
    }
}

impl Location {
    /// The page is shown as an embedded widget (`?embed`).
    pub fn is_embed(&self) -> bool {
        self.search
            .trim_start_matches('?')
            .split('&')
            .any(|p| p == "embed" || p.starts_with("embed="))
    }
}

/// Where the text you had is kept while a link's text (or an example) is shown, until you take
/// it back. The name dates from links; it stays, so that text kept before still comes back.
/// The other tabs are kept under a key of their own.
const BACKUP_KEY: &str = "thicket.source.before-link";
const BACKUP_MODULES_KEY: &str = "thicket.modules.before-link";

/// Keep `document` (the autosaved tabs a link or an example is about to hide) under keys of
/// their own.
pub fn keep_backup(document: &Document) -> bool {
    crate::storage::save_document(BACKUP_KEY, BACKUP_MODULES_KEY, document)
}

/// The tabs kept by [`keep_backup`], if any.
pub fn backup() -> Option<Document> {
    crate::storage::load_document(BACKUP_KEY, BACKUP_MODULES_KEY)
}

pub fn drop_backup() {
    crate::storage::drop_document(BACKUP_KEY, BACKUP_MODULES_KEY);
}

/// The panel (by its name in links) the reader has scrolled to, if the page is not at its top.
pub fn panel_in_view() -> Option<&'static str> {
    let panels: Vec<&'static str> = crate::components::share_menu::PANELS
        .iter()
        .map(|(name, _)| *name)
        .collect();
    let selectors = panels
        .iter()
        .map(|p| {
            crate::link_view::panel_selector(p)
                .unwrap_or("none")
                .to_string()
        })
        .collect();
    usize::try_from(panel_in_view_js(selectors))
        .ok()
        .and_then(|i| panels.get(i).copied())
}
