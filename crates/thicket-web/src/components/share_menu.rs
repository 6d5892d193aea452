use std::rc::Rc;

use thicket_check::{CheckReport, TraceStep, TreeReport};
use thicket_share::{Embed, View, LONG_LINK};
use yew::prelude::*;

use crate::exports;
use crate::hooks::tlc_export::use_tlc_export;
use crate::page_js;
use crate::protocol::{Request, TlcExport};
use crate::questions::Answer;
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
    pub source: crate::protocol::Document,
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
        text: props.source.text.clone(),
        modules: props.source.modules.clone(),
        view: Some(View {
            panel: panel.map(str::to_string),
            ..props.view.clone()
        }),
        embed,
    };
    let module = exports::module_name(&props.source.text);

    let copy_link = copy_link(&link, thicket_share::encode(&shared(None)));
    let download_spec = download(
        exports::file_name(&module, "tla"),
        "text/plain",
        props.source.text.clone(),
    );
    let (writing_tlc, export_tlc) = use_tlc_export(&props.source, &props.tlc, &props.on_ask);

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
    let on_embed = {
        let (embed, embed_copied) = (embed.clone(), embed_copied.clone());
        Callback::from(move |next: Embed| {
            embed.set(next);
            embed_copied.set(None);
        })
    };

    // A tree too big to draw whole is drawn only near its view: its SVG would be a part.
    let svg_refused = use_state(|| false);
    let export_svg = export_svg(&svg_refused);

    html! {
        <div class="share" onkeydown={on_keydown}>
            <button class="button" id="share-menu" aria-haspopup="dialog" aria-expanded={open.to_string()} onclick={toggle}>
                { "Share" }<span class="caret" aria-hidden="true">{ "▾" }</span>
            </button>
            if *open {
                <div class="share-backdrop" onclick={close.clone()} />
                <div class="share-panel" role="dialog" aria-label="Share and export">
                    <LinkSection link={(*link).clone()} on_copy={copy_link} on_download_spec={download_spec.clone()} />
                    <EmbedSection embed={(*embed).clone()} copied={*embed_copied} {snippet} on_change={on_embed} on_copy={copy_embed} />
                    <ExportSection
                        has_tree={props.tree.is_some()}
                        behavior={behavior(props)}
                        module={module}
                        property={props.view.property.clone()}
                        svg_refused={*svg_refused}
                        {writing_tlc}
                        on_export_svg={export_svg}
                        on_download_spec={download_spec}
                        on_export_tlc={export_tlc}
                    />
                </div>
            }
        </div>
    }
}

/// Make the link to `fragment`, put it in the address bar and copy it, saying in `link`
/// whether copying worked.
fn copy_link(link: &UseStateHandle<Option<MadeLink>>, fragment: String) -> Callback<MouseEvent> {
    let link = link.clone();
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
}

/// Download `text` as the file `name`.
fn download(name: String, mime: &'static str, text: String) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| page_js::download_text(&name, mime, &text))
}

/// The behavior to export: the selected node's, else the check's counterexample.
fn behavior(props: &ShareMenuProps) -> Option<Vec<TraceStep>> {
    match (&props.tree, props.selected) {
        (Some(tree), Some(id)) => Some(exports::behavior_to(tree, id)),
        _ => props
            .report
            .as_ref()
            .filter(|r| !r.trace.is_empty())
            .map(|r| r.trace.clone()),
    }
    .filter(|steps| !steps.is_empty())
}

/// Download the tree drawn as SVG, unless it is drawn only near its view (then `refused`).
fn export_svg(refused: &UseStateHandle<bool>) -> Callback<MouseEvent> {
    let refused = refused.clone();
    Callback::from(move |_: MouseEvent| {
        let culled = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("svg.tree[data-culled]").ok().flatten())
            .is_some();
        refused.set(culled);
        if culled {
            return;
        }
        if let Some(svg) = page_js::tree_svg() {
            page_js::download_text("tree.svg", "image/svg+xml", &svg);
        }
    })
}

#[derive(Properties, PartialEq)]
struct LinkSectionProps {
    /// The link made last, if any.
    link: Option<MadeLink>,
    on_copy: Callback<MouseEvent>,
    on_download_spec: Callback<MouseEvent>,
}

/// The Share menu's link: copy it, see it, and a warning (with the spec to download) when it
/// is too long for some sites.
#[function_component(LinkSection)]
fn link_section(props: &LinkSectionProps) -> Html {
    html! {
        <section class="share-section">
            <h3>{ "Link" }</h3>
            <p class="share-hint">{ "The whole spec and this view, in the link itself: no server keeps it." }</p>
            <button class="button primary" id="copy-link" onclick={props.on_copy.clone()}>{ "Copy link" }</button>
            if let Some(made) = &props.link {
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
                        <button class="button" id="download-spec" onclick={props.on_download_spec.clone()}>{ "Download the spec" }</button>
                    </div>
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct EmbedSectionProps {
    /// The widget's options.
    embed: Embed,
    /// Whether the snippet was copied (none: not tried since the options changed).
    copied: Option<bool>,
    /// The `<iframe>` snippet for these options.
    snippet: String,
    on_change: Callback<Embed>,
    on_copy: Callback<MouseEvent>,
}

/// The Share menu's widget: its options, the panels it shows, and the snippet to copy.
#[function_component(EmbedSection)]
fn embed_section(props: &EmbedSectionProps) -> Html {
    let (embed, on_change) = (&props.embed, &props.on_change);
    html! {
        <section class="share-section">
            <h3>{ "Embed in a page" }</h3>
            <div class="share-options">
                { option("Read-only", "embed-read-only", embed, embed.read_only, |e, on| e.read_only = on, on_change) }
                { option("Hide the spec", "embed-hide-editor", embed, embed.hide_editor, |e, on| e.hide_editor = on, on_change) }
                { option("Check on load", "embed-auto-check", embed, embed.auto_check, |e, on| e.auto_check = on, on_change) }
            </div>
            <div class="share-options">
                { for PANELS.iter().map(|(name, label)| panel_option(name, label, embed, on_change)) }
            </div>
            <textarea class="share-code" id="embed-code" readonly=true rows="4" value={props.snippet.clone()} aria-label="Embed code" />
            <div class="share-row">
                <button class="button" id="copy-embed" onclick={props.on_copy.clone()}>{ "Copy embed code" }</button>
                <span class="share-status">
                    { match props.copied {
                        Some(true) => "Copied.",
                        Some(false) => "Select the code above and copy it.",
                        None => "",
                    } }
                </span>
            </div>
        </section>
    }
}

/// A checkbox for one of the widget's options: `set` changes it in a copy of `embed`.
fn option(
    label: &'static str,
    id: &'static str,
    embed: &Embed,
    on: bool,
    set: fn(&mut Embed, bool),
    on_change: &Callback<Embed>,
) -> Html {
    let (embed, on_change) = (embed.clone(), on_change.clone());
    let onchange = Callback::from(move |e: Event| {
        let checked = e
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .checked();
        let mut next = embed.clone();
        set(&mut next, checked);
        on_change.emit(next);
    });
    html! {
        <label class="share-option"><input type="checkbox" {id} checked={on} {onchange} />{ label }</label>
    }
}

/// A checkbox for whether the widget shows the panel `name`.
fn panel_option(
    name: &'static str,
    label: &'static str,
    embed: &Embed,
    on_change: &Callback<Embed>,
) -> Html {
    let shown = embed.panels.is_empty() || embed.panels.iter().any(|p| p == name);
    let (embed, on_change) = (embed.clone(), on_change.clone());
    let onchange = Callback::from(move |e: Event| {
        let checked = e
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .checked();
        on_change.emit(with_panel(&embed, name, checked));
    });
    html! {
        <label class="share-option"><input type="checkbox" id={format!("embed-panel-{name}")} checked={shown} {onchange} />{ label }</label>
    }
}

/// `embed` showing the panel `name` or not.
fn with_panel(embed: &Embed, name: &str, shown: bool) -> Embed {
    let mut next = embed.clone();
    let mut panels: Vec<String> = if next.panels.is_empty() {
        PANELS.iter().map(|(p, _)| p.to_string()).collect()
    } else {
        next.panels.clone()
    };
    panels.retain(|p| p != name);
    if shown {
        panels.push(name.to_string());
    }
    // In a fixed order, and "all" said as nothing, so links stay short and stable.
    panels.sort_by_key(|p| PANELS.iter().position(|(q, _)| q == p));
    next.panels = if panels.len() == PANELS.len() {
        vec![]
    } else {
        panels
    };
    next
}

#[derive(Properties, PartialEq)]
struct ExportSectionProps {
    /// There is a tree to export.
    has_tree: bool,
    /// The behavior to export, if any.
    behavior: Option<Vec<TraceStep>>,
    /// The spec's module name, which names the files.
    module: String,
    /// The property the tree highlights (named in the Markdown transcript).
    property: Option<String>,
    /// The tree was too big to export as one SVG.
    svg_refused: bool,
    /// An export for TLC is on its way.
    writing_tlc: bool,
    on_export_svg: Callback<MouseEvent>,
    on_download_spec: Callback<MouseEvent>,
    /// Ask for the export for TLC (`true`: the .cfg, else the module).
    on_export_tlc: Callback<bool>,
}

/// The Share menu's exports: the tree as SVG, the behavior as JSON or Markdown, the spec, and
/// the spec for TLC.
#[function_component(ExportSection)]
fn export_section(props: &ExportSectionProps) -> Html {
    let module = &props.module;
    let export_tlc = |config: bool| props.on_export_tlc.reform(move |_: MouseEvent| config);
    html! {
        <section class="share-section">
            <h3>{ "Export" }</h3>
            <div class="share-row wrap">
                <button class="button" id="export-svg" disabled={!props.has_tree} onclick={props.on_export_svg.clone()}>{ "Tree (SVG)" }</button>
                if let Some(steps) = &props.behavior {
                    <button class="button" id="export-json" onclick={download(exports::file_name(module, "behavior.json"), "application/json", exports::behavior_json(steps))}>{ "Behavior (JSON)" }</button>
                    <button class="button" id="export-markdown" onclick={download(exports::file_name(module, "behavior.md"), "text/markdown", exports::transcript(module, props.property.as_deref(), steps))}>{ "Behavior (Markdown)" }</button>
                } else {
                    <button class="button" disabled=true title="Check, then select a state">{ "Behavior (JSON)" }</button>
                    <button class="button" disabled=true title="Check, then select a state">{ "Behavior (Markdown)" }</button>
                }
                <button class="button" id="export-spec" onclick={props.on_download_spec.clone()}>{ "Spec (.tla)" }</button>
                <button class="button" id="export-tlc-module" title="The algorithm in plain PlusCal, for the PlusCal translator and TLC" onclick={export_tlc(false)}>{ "For TLC: module" }</button>
                <button class="button" id="export-tlc-config" title="The model as a TLC configuration file" onclick={export_tlc(true)}>{ "For TLC: .cfg" }</button>
            </div>
            if props.svg_refused {
                <p class="share-hint" id="export-svg-refused">{ "The tree is too big to draw in one SVG: collapse parts of it, or unfold it less deep, and export again." }</p>
            } else if props.writing_tlc {
                <p class="share-hint" role="status">{ "Writing the spec for TLC…" }</p>
            }
        </section>
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
    pub on_restore: Callback<crate::protocol::Document>,
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
