//! The editor's tabs, one a module file: the first is the main text, the one checked; the
//! others are the modules it may `EXTENDS` or `INSTANCE` (found by file name, `Counter.tla`,
//! or by the modules each holds). Pure text, tested natively.

use thicket_share::ModuleFile;
use thicket_syntax::{Diagnostic, Severity};

use crate::protocol::Document;

/// The main tab's name: its module's (the last module at the top of the text, the one checked),
/// else `Spec.tla`.
pub fn main_tab_name(text: &str) -> String {
    thicket_syntax::modules::split::pieces(text)
        .into_iter()
        .rfind(|p| p.parent.is_none())
        .map_or_else(|| "Spec.tla".to_string(), |p| format!("{}.tla", p.name))
}

/// A file name from what the reader typed: `Counter` or `Counter.tla` gives `Counter.tla`; a
/// name a module could not have (empty, spaces, punctuation) gives none.
pub fn file_name(typed: &str) -> Option<String> {
    let typed = typed.trim();
    let stem = typed.strip_suffix(".tla").unwrap_or(typed);
    let valid = !stem.is_empty()
        && stem.chars().all(|c| c.is_alphanumeric() || c == '_')
        && stem.chars().any(|c| c.is_alphabetic());
    valid.then(|| format!("{stem}.tla"))
}

/// The tabs' names, the main tab's first.
pub fn names(main: &str, modules: &[ModuleFile]) -> Vec<String> {
    std::iter::once(main_tab_name(main))
        .chain(modules.iter().map(|m| m.name.clone()))
        .collect()
}

/// A new module file, named `Module1.tla` (or the next number free), holding an empty module
/// of that name.
pub fn new_module(main: &str, modules: &[ModuleFile]) -> ModuleFile {
    let taken = names(main, modules);
    let stem = (1..)
        .map(|i| format!("Module{i}"))
        .find(|stem| !taken.contains(&format!("{stem}.tla")))
        .expect("some number is free");
    ModuleFile {
        name: format!("{stem}.tla"),
        text: format!("---- MODULE {stem} ----\n\n====\n"),
    }
}

/// Rename the module tab `tab` (1 and up) to what the reader typed, if it is a file name no
/// other tab has. When the file holds the one empty module of the old name, as a new tab does,
/// its header follows the name.
pub fn rename(main: &str, modules: &mut [ModuleFile], tab: usize, typed: &str) -> bool {
    let Some(name) = file_name(typed) else {
        return false;
    };
    let taken = names(main, modules);
    if tab == 0
        || tab > modules.len()
        || taken
            .iter()
            .enumerate()
            .any(|(i, n)| i != tab && *n == name)
    {
        return false;
    }
    let file = &mut modules[tab - 1];
    let old_stem = file.name.trim_end_matches(".tla").to_string();
    let new_stem = name.trim_end_matches(".tla");
    if file.text == format!("---- MODULE {old_stem} ----\n\n====\n") {
        file.text = format!("---- MODULE {new_stem} ----\n\n====\n");
    }
    file.name = name;
    true
}

/// Make the module tab `tab` the main one, the one checked: it moves first, and the old main
/// text takes its place under its module's name.
pub fn make_main(main: &mut String, modules: &mut [ModuleFile], tab: usize) -> bool {
    if tab == 0 || tab > modules.len() {
        return false;
    }
    let file = &mut modules[tab - 1];
    let old_main = std::mem::replace(main, std::mem::take(&mut file.text));
    *file = ModuleFile {
        name: main_tab_name(&old_main),
        text: old_main,
    };
    true
}

/// Close the tab `tab`, never the last one: closing the main tab makes the next one the main.
pub fn close(main: &mut String, modules: &mut Vec<ModuleFile>, tab: usize) -> bool {
    if modules.is_empty() || tab > modules.len() {
        return false;
    }
    if tab == 0 {
        *main = modules.remove(0).text;
    } else {
        modules.remove(tab - 1);
    }
    true
}

/// The text of the tab `tab` of `document`, and the file its diagnostics name (none: the main
/// text).
pub fn tab_in(document: &Document, tab: usize) -> (&str, Option<&str>) {
    match tab.checked_sub(1).and_then(|i| document.modules.get(i)) {
        Some(file) => (&file.text, Some(&file.name)),
        None => (&document.text, None),
    }
}

/// The diagnostics whose spans are in the tab `tab` of `document`.
pub fn diagnostics_in(
    document: &Document,
    tab: usize,
    diagnostics: &[Diagnostic],
) -> Vec<Diagnostic> {
    let (_, file) = tab_in(document, tab);
    diagnostics
        .iter()
        .filter(|d| d.file.as_deref() == file)
        .cloned()
        .collect()
}

/// Whether each tab of `document` holds an error.
pub fn errors(document: &Document, diagnostics: &[Diagnostic]) -> Vec<bool> {
    (0..=document.modules.len())
        .map(|tab| {
            let (_, file) = tab_in(document, tab);
            diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error && d.file.as_deref() == file)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MC: &str =
        "---- MODULE Counter ----\nVARIABLE x\n====\n---- MODULE MC ----\nEXTENDS Counter\n====\n";

    fn module(name: &str, text: &str) -> ModuleFile {
        ModuleFile {
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn the_main_tab_is_named_after_the_module_checked() {
        assert_eq!(main_tab_name(MC), "MC.tla");
        assert_eq!(
            main_tab_name("(* --algorithm a\nbegin skip; end algorithm; *)"),
            "Spec.tla"
        );
    }

    #[test]
    fn an_error_in_a_module_file_is_marked_in_its_tab() {
        let document = Document {
            text: "---- MODULE MC ----\nEXTENDS Counter\nVARIABLE y\nInit == y = 0\nNext == y' = y\n====\n".into(),
            modules: vec![
                module("Other.tla", "---- MODULE Other ----\n====\n"),
                module("Counter.tla", "---- MODULE Counter ----\nVARIABLE x\nBad == x +\n====\n"),
            ],
        };
        let diagnostics =
            thicket_syntax::parse_program("", &document.text, &document.module_source())
                .diagnostics;
        assert!(!diagnostics.is_empty());
        assert_eq!(errors(&document, &diagnostics), vec![false, false, true]);
        let (text, file) = tab_in(&document, 2);
        assert_eq!(file, Some("Counter.tla"));
        let marks = diagnostics_in(&document, 2, &diagnostics);
        let at = marks[0].span.start as usize;
        assert!(text[..at].contains("Bad =="), "{:?} at {at}", marks[0]);
        assert!(diagnostics_in(&document, 0, &diagnostics).is_empty());
    }

    #[test]
    fn typed_names_become_file_names() {
        assert_eq!(file_name(" Counter "), Some("Counter.tla".into()));
        assert_eq!(file_name("Counter.tla"), Some("Counter.tla".into()));
        for bad in ["", ".tla", "a b", "x/y", "12"] {
            assert_eq!(file_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_new_tab_takes_a_free_name_and_renaming_it_renames_its_empty_module() {
        let mut modules = vec![new_module(MC, &[])];
        assert_eq!(modules[0].name, "Module1.tla");
        assert_eq!(new_module(MC, &modules).name, "Module2.tla");
        assert!(rename(MC, &mut modules, 1, "Counter"));
        assert_eq!(
            modules[0],
            module("Counter.tla", "---- MODULE Counter ----\n\n====\n")
        );
        // Its text written, a rename leaves the text alone; a name taken is refused.
        modules[0].text = "---- MODULE Counter ----\nVARIABLE x\n====\n".into();
        assert!(rename(MC, &mut modules, 1, "Other.tla"));
        assert!(modules[0].text.contains("MODULE Counter"));
        assert!(!rename(MC, &mut modules, 1, "MC"));
        assert!(!rename(MC, &mut modules, 0, "X"));
    }

    #[test]
    fn another_tab_can_be_the_one_checked_and_the_last_tab_stays() {
        let mut main = "---- MODULE MC ----\nEXTENDS Counter\n====\n".to_string();
        let mut modules = vec![module("Counter.tla", "---- MODULE Counter ----\n====\n")];
        assert!(make_main(&mut main, &mut modules, 1));
        assert!(main.contains("MODULE Counter"));
        assert_eq!(modules[0].name, "MC.tla");
        assert!(close(&mut main, &mut modules, 0));
        assert!(main.contains("MODULE MC") && modules.is_empty());
        assert!(!close(&mut main, &mut modules, 0));
    }
}
