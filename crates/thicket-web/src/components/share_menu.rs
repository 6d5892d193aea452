use std::rc::Rc;

use thicket_check::{CheckReport, TraceStep, TreeReport};
use thicket_share::{Embed, View, LONG_LINK};
use yew::prelude::*;

use crate::exports;
use crate::page_js;
use crate::protocol::{Request, TlcExport};
use crate::questions::{next_ticket, Answer};
use crate::state::Shared;
use thicket_syntax::Diagnostic;

/// The panels an embedded widget can show, by the names links use.
pub const PANELS: [(&str, &str); 5] = [
    ("check", "Verdicts"),
    ("tree", "Behavior tree"),
    ("behavior", "Selected behavior"),
    ("steps", "Stepper"),
    ("sets", "Spec vs Property"),
];

/// What a new widget shows: enough to read a verdict and its counterexample in a narrow column.
const DEFAULT_PANELS: [&str; 3] = ["check", "tree", "behavior"];

#[derive(Properties, PartialEq)]
pub struct ShareMenuProps {
    pub source: AttrValue,
    /// The view a link made now restores.
    pub view: View,
    pub tree: Option<Shared<TreeReport>>,
    pub selected: Option<u32>,
    pub report: Option<Shared<CheckReport>>,
    /// The worker's latest export for TLC.
    pub tlc: Answer<TlcExport, Vec<Diagnostic>>,
    /// Questions for the worker (the export for TLC is made there).
    pub on_ask: Callback<Request>,
}

#[derive(Clone, PartialEq)]
struct MadeLink {
    url: Rc<str>,
    copied: Option<bool>,
    long: bool,
}

/// Share: a link to this spec and view, the widget's `<iframe>` for a course page, and exports
/// of the tree and of the selected behavior.
#[function_component(ShareMenu)]
pub fn share_menu(props: &ShareMenuProps) -> Html {
    let open = use_state(|| false);
    let link = use_state(|| None::<MadeLink>);
    let embed = use_state(|| Embed {
        read_only: false,
        auto_check: true,
        hide_editor: false,
        panels: DEFAULT_PANELS.iter().map(|p| p.to_string()).collect(),
    });
    let embed_copied = use_state(|| None::<bool>);

    // The panel the reader was looking at when the menu opened: a link brings it into view.
    let panel = use_state(|| None::<&'static str>);
    let toggle = {
        let (open, panel) = (open.clone(), panel.clone());
        Callback::from(move |_: MouseEvent| {
            if !*open {
                panel.set(page_js::panel_in_view());
            }
            open.set(!*open)
        })
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let on_keydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    let shared = |embed: Option<Embed>| thicket_share::Shared {
        text: props.source.to_string(),
        view: Some(View {
            panel: panel.map(str::to_string),
            ..props.view.clone()
        }),
        embed,
    };
    let module = exports::module_name(&props.source);

    let copy_link = {
        let (link, fragment) = (link.clone(), thicket_share::encode(&shared(None)));
        Callback::from(move |_: MouseEvent| {
            let url: Rc<str> = format!("{}#{fragment}", page_js::location().page).into();
            page_js::replace_hash(&fragment);
            let made = MadeLink {
                url: url.clone(),
                copied: None,
                long: fragment.len() > LONG_LINK,
            };
            link.set(Some(made.clone()));
            let link = link.clone();
            page_js::copy_text(&url, move |ok| {
                link.set(Some(MadeLink {
                    copied: Some(ok),
                    ..made
                }))
            });
        })
    };
    let download = |name: String, mime: &'static str, text: String| {
        Callback::from(move |_: MouseEvent| page_js::download_text(&name, mime, &text))
    };
    let download_spec = download(
        exports::file_name(&module, "tla"),
        "text/plain",
        props.source.to_string(),
    );

    // The spec written out for TLC (plain PlusCal and a .cfg), made by the worker when asked
    // (the translation is the checker's, and too heavy for the page): downloaded when it comes.
    let tlc_asked = use_state(|| None::<(u32, bool)>);
    {
        let tlc_asked = tlc_asked.clone();
        use_effect_with(props.tlc.clone(), move |tlc| {
            let Some((ticket, answer)) = tlc else { return };
            let Some((asked, config)) = *tlc_asked else {
                return;
            };
            if *ticket != asked {
                return;
            }
            tlc_asked.set(None);
            match &**answer {
                Ok(e) if config => page_js::download_text(
                    &format!("{}.cfg", e.module_name),
                    "text/plain",
                    &e.config,
                ),
                Ok(e) => page_js::download_text(
                    &format!("{}.tla", e.module_name),
                    "text/plain",
                    &e.module,
                ),
                Err(_) => page_js::download_text(
                    "errors.txt",
                    "text/plain",
                    "The spec has errors: fix them, then export it for TLC.",
                ),
            }
        });
    }
    let export_tlc = |config: bool| {
        let (source, on_ask, tlc_asked) = (
            props.source.to_string(),
            props.on_ask.clone(),
            tlc_asked.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let ticket = next_ticket();
            tlc_asked.set(Some((ticket, config)));
            on_ask.emit(Request::ExportTlc {
                ticket,
                source: source.clone(),
            });
        })
    };

    let snippet = exports::embed_snippet(
        &page_js_page(),
        &thicket_share::encode(&shared(Some((*embed).clone()))),
        &module,
    );
    let copy_embed = {
        let (snippet, embed_copied) = (snippet.clone(), embed_copied.clone());
        Callback::from(move |_: MouseEvent| {
            let embed_copied = embed_copied.clone();
            page_js::copy_text(&snippet, move |ok| embed_copied.set(Some(ok)));
        })
    };
    let option = |label: &'static str, id: &'static str, on: bool, set: fn(&mut Embed, bool)| {
        let (embed, embed_copied) = (embed.clone(), embed_copied.clone());
        let onchange = Callback::from(move |e: Event| {
            let checked = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            let mut next = (*embed).clone();
            set(&mut next, checked);
            embed.set(next);
            embed_copied.set(None);
        });
        html! {
            <label class="share-option"><input type="checkbox" {id} checked={on} {onchange} />{ label }</label>
        }
    };
    let panel_option = |name: &'static str, label: &'static str| {
        let (embed, embed_copied) = (embed.clone(), embed_copied.clone());
        let shown = embed.panels.is_empty() || embed.panels.iter().any(|p| p == name);
        let onchange = Callback::from(move |e: Event| {
            let checked = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            let mut next = (*embed).clone();
            let mut panels: Vec<String> = if next.panels.is_empty() {
                PANELS.iter().map(|(p, _)| p.to_string()).collect()
            } else {
                next.panels.clone()
            };
            panels.retain(|p| p != name);
            if checked {
                panels.push(name.to_string());
            }
            // In a fixed order, and "all" said as nothing, so links stay short and stable.
            panels.sort_by_key(|p| PANELS.iter().position(|(q, _)| q == p));
            next.panels = if panels.len() == PANELS.len() {
                vec![]
            } else {
                panels
            };
            embed.set(next);
            embed_copied.set(None);
        });
        html! {
            <label class="share-option"><input type="checkbox" id={format!("embed-panel-{name}")} checked={shown} {onchange} />{ label }</label>
        }
    };

    // The behavior to export: the selected node's, else the check's counterexample.
    let behavior: Option<Vec<TraceStep>> = match (&props.tree, props.selected) {
        (Some(tree), Some(id)) => Some(exports::behavior_to(tree, id)),
        _ => props
            .report
            .as_ref()
            .filter(|r| !r.trace.is_empty())
            .map(|r| r.trace.clone()),
    }
    .filter(|steps| !steps.is_empty());
    let property = props.view.property.clone();
    // A tree too big to draw whole is drawn only near its view: its SVG would be a part.
    let svg_refused = use_state(|| false);
    let export_svg = {
        let svg_refused = svg_refused.clone();
        Callback::from(move |_: MouseEvent| {
            let culled = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("svg.tree[data-culled]").ok().flatten())
                .is_some();
            svg_refused.set(culled);
            if culled {
                return;
            }
            if let Some(svg) = page_js::tree_svg() {
                page_js::download_text("tree.svg", "image/svg+xml", &svg);
            }
        })
    };

    html! {
        <div class="share" onkeydown={on_keydown}>
            <button class="button" id="share-menu" aria-haspopup="dialog" aria-expanded={open.to_string()} onclick={toggle}>
                { "Share" }<span class="caret" aria-hidden="true">{ "▾" }</span>
            </button>
            if *open {
                <div class="share-backdrop" onclick={close.clone()} />
                <div class="share-panel" role="dialog" aria-label="Share and export">
                    <section class="share-section">
                        <h3>{ "Link" }</h3>
                        <p class="share-hint">{ "The whole spec and this view, in the link itself: no server keeps it." }</p>
                        <button class="button primary" id="copy-link" onclick={copy_link}>{ "Copy link" }</button>
                        if let Some(made) = &*link {
                            <input class="share-link" id="share-link" readonly=true value={made.url.to_string()} aria-label="Share link" onfocus={select_all()} />
                            <p class="share-status" id="copy-link-status">
                                { match made.copied {
                                    Some(true) => "Copied to the clipboard.",
                                    Some(false) => "The browser did not allow copying: select the link above and copy it.",
                                    None => "",
                                } }
                            </p>
                            if made.long {
                                <div class="share-warning" id="long-link-warning" role="alert">
                                    <p>{ format!("This link is {} KB long: some sites and mail clients cut links over {} KB, and a cut link will not open.", made.url.len() / 1024, LONG_LINK / 1024) }</p>
                                    <button class="button" id="download-spec" onclick={download_spec.clone()}>{ "Download the spec" }</button>
                                </div>
                            }
                        }
                    </section>
                    <section class="share-section">
                        <h3>{ "Embed in a page" }</h3>
                        <div class="share-options">
                            { option("Read-only", "embed-read-only", embed.read_only, |e, on| e.read_only = on) }
                            { option("Hide the spec", "embed-hide-editor", embed.hide_editor, |e, on| e.hide_editor = on) }
                            { option("Check on load", "embed-auto-check", embed.auto_check, |e, on| e.auto_check = on) }
                        </div>
                        <div class="share-options">
                            { for PANELS.iter().map(|(name, label)| panel_option(name, label)) }
                        </div>
                        <textarea class="share-code" id="embed-code" readonly=true rows="4" value={snippet} aria-label="Embed code" />
                        <div class="share-row">
                            <button class="button" id="copy-embed" onclick={copy_embed}>{ "Copy embed code" }</button>
                            <span class="share-status">
                                { match *embed_copied {
                                    Some(true) => "Copied.",
                                    Some(false) => "Select the code above and copy it.",
                                    None => "",
                                } }
                            </span>
                        </div>
                    </section>
                    <section class="share-section">
                        <h3>{ "Export" }</h3>
                        <div class="share-row wrap">
                            <button class="button" id="export-svg" disabled={props.tree.is_none()} onclick={export_svg}>{ "Tree (SVG)" }</button>
                            if let Some(steps) = &behavior {
                                <button class="button" id="export-json" onclick={download(exports::file_name(&module, "behavior.json"), "application/json", exports::behavior_json(steps))}>{ "Behavior (JSON)" }</button>
                                <button class="button" id="export-markdown" onclick={download(exports::file_name(&module, "behavior.md"), "text/markdown", exports::transcript(&module, property.as_deref(), steps))}>{ "Behavior (Markdown)" }</button>
                            } else {
                                <button class="button" disabled=true title="Check, then select a state">{ "Behavior (JSON)" }</button>
                                <button class="button" disabled=true title="Check, then select a state">{ "Behavior (Markdown)" }</button>
                            }
                            <button class="button" id="export-spec" onclick={download_spec}>{ "Spec (.tla)" }</button>
                            <button class="button" id="export-tlc-module" title="The algorithm in plain PlusCal, for the PlusCal translator and TLC" onclick={export_tlc(false)}>{ "For TLC: module" }</button>
                            <button class="button" id="export-tlc-config" title="The model as a TLC configuration file" onclick={export_tlc(true)}>{ "For TLC: .cfg" }</button>
                        </div>
                        if *svg_refused {
                            <p class="share-hint" id="export-svg-refused">{ "The tree is too big to draw in one SVG: collapse parts of it, or unfold it less deep, and export again." }</p>
                        } else if tlc_asked.is_some() {
                            <p class="share-hint" role="status">{ "Writing the spec for TLC…" }</p>
                        }
                    </section>
                </div>
            }
        </div>
    }
}

/// The page's address without query or fragment: where links and widgets point.
fn page_js_page() -> String {
    page_js::location().page
}

fn select_all() -> Callback<FocusEvent> {
    Callback::from(|e: FocusEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            input.select();
        }
    })
}

#[derive(Properties, PartialEq)]
pub struct RestoreBarProps {
    /// What replaced the text you had.
    pub message: AttrValue,
    /// Show the kept text again (it becomes the editor's text, and is autosaved).
    pub on_restore: Callback<String>,
}

/// After a link or an example replaced the text you had on screen: where it went, and the way
/// back to it.
#[function_component(RestoreBar)]
pub fn restore_bar(props: &RestoreBarProps) -> Html {
    let shown = use_state(|| true);
    if !*shown {
        return html! {};
    }
    let restore = {
        let (on_restore, shown) = (props.on_restore.clone(), shown.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = page_js::backup() {
                on_restore.emit(text);
                page_js::drop_backup();
                page_js::replace_hash("");
            }
            shown.set(false);
        })
    };
    let dismiss = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(false))
    };
    html! {
        <div class="restore-bar" role="status">
            <span>{ props.message.clone() }</span>
            <button class="button" id="back-to-my-text" onclick={restore}>{ "Back to my text" }</button>
            <button class="icon-button" title="Dismiss" onclick={dismiss}>{ "×" }</button>
        </div>
    }
}
