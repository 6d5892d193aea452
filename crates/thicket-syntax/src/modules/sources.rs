//! Where modules come from, and the texts read: one offset space for all of them, so a span
//! says which text it is in.

use crate::ast::Span;
use crate::diag::Diagnostic;

/// A module's text found by name (`Name.tla`), and how to name it in messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    pub path: String,
    pub text: String,
}

/// Where the modules a text names are looked for, after the built-in ones: the file's folder
/// and `--lib` folders on the command line, the tabs in the page.
pub trait ModuleSource {
    /// The file that holds the module `name`, if there is one.
    fn find(&self, name: &str) -> Option<SourceText>;
    /// Where `find` looks, in words, for "cannot find module" errors.
    fn places(&self) -> Vec<String>;
}

/// No modules beyond the built-in ones and those of the text itself.
pub struct NoModules;

impl ModuleSource for NoModules {
    fn find(&self, _: &str) -> Option<SourceText> {
        None
    }
    fn places(&self) -> Vec<String> {
        vec![]
    }
}

/// Texts held in memory (the page's tabs; tests): a module is found in the file named after
/// it (`Name.tla`) or in any file that holds it.
#[derive(Clone, Debug, Default)]
pub struct InMemory(pub Vec<SourceText>);

impl ModuleSource for InMemory {
    fn find(&self, name: &str) -> Option<SourceText> {
        let file = format!("{name}.tla");
        self.0
            .iter()
            .find(|s| s.path == file || s.path == name)
            .or_else(|| {
                self.0
                    .iter()
                    .find(|s| super::split::pieces(&s.text).iter().any(|p| p.name == name))
            })
            .cloned()
    }
    fn places(&self) -> Vec<String> {
        if self.0.is_empty() {
            vec![]
        } else {
            vec!["the other tabs".into()]
        }
    }
}

/// The texts a document was read from. The main text is first, at offset 0; each other text
/// starts one byte after the previous ends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    pub files: Vec<SourceFile>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub base: u32,
    pub text: String,
}

impl Sources {
    pub fn new(path: &str, text: &str) -> Sources {
        Sources {
            files: vec![SourceFile {
                path: path.to_string(),
                base: 0,
                text: text.to_string(),
            }],
        }
    }

    /// Add a text; its index.
    pub fn add(&mut self, path: &str, text: &str) -> usize {
        let base = self
            .files
            .last()
            .map_or(0, |f| f.base as usize + f.text.len() + 1);
        self.files.push(SourceFile {
            path: path.to_string(),
            base: base as u32,
            text: text.to_string(),
        });
        self.files.len() - 1
    }

    /// The text holding `offset`, and the offset within it.
    pub fn locate(&self, offset: u32) -> (&SourceFile, u32) {
        let i = self
            .files
            .partition_point(|f| f.base <= offset)
            .saturating_sub(1);
        let f = &self.files[i];
        (f, offset - f.base)
    }

    /// The module whose text holds `offset` (the innermost, when modules are nested): where a
    /// definition of the flat document was written, so the model can name it by its module
    /// (`Ballot <- [Voting] MCBallot`).
    pub fn module_at(&self, offset: u32) -> Option<String> {
        let (file, local) = self.locate(offset);
        let local = local as usize;
        super::split::pieces(&file.text)
            .into_iter()
            .filter(|p| p.range.contains(&local))
            .max_by_key(|p| p.range.start)
            .map(|p| p.name)
    }

    /// The text `file` padded to its place: spaces before it, so that offsets in it are the
    /// offsets of the whole space.
    pub fn placed(&self, file: usize, text: &str) -> String {
        let base = self.files[file].base as usize;
        let mut out = String::with_capacity(base + text.len());
        out.extend(std::iter::repeat_n(' ', base));
        out.push_str(text);
        out
    }

    /// Every text, joined as the offsets have them.
    pub fn joined(&self) -> String {
        let mut out = String::new();
        for f in &self.files {
            out.extend(std::iter::repeat_n(' ', f.base as usize - out.len()));
            out.push_str(&f.text);
        }
        out
    }

    /// A diagnostic as its own text has it: a span in a module file other than the main
    /// text becomes an offset into that file, which the diagnostic names (labels in other
    /// texts than the span's are left out).
    pub fn relocate(&self, mut d: Diagnostic) -> Diagnostic {
        if d.file.is_some() {
            return d;
        }
        let (file, start) = self.locate(d.span.start);
        if file.base == 0 {
            return d;
        }
        let base = file.base;
        let len = file.text.len() as u32;
        let within = |s: Span| s.start >= base && s.start - base <= len;
        let local = |s: Span| {
            Span::new(
                (s.start - base) as usize,
                (s.end.max(s.start) - base) as usize,
            )
        };
        d.span = Span::new(
            start as usize,
            (d.span.end.max(d.span.start) - base) as usize,
        );
        d.labels.retain(|l| within(l.span));
        for l in &mut d.labels {
            l.span = local(l.span);
        }
        d.file = Some(file.path.clone());
        d
    }

    /// A diagnostic rendered for a terminal, in the text it is about.
    pub fn render(&self, main_path: &str, d: &Diagnostic) -> String {
        let d = self.relocate(d.clone());
        match &d.file {
            Some(path) => match self.files.iter().find(|f| &f.path == path) {
                Some(f) => d.render(path, &f.text),
                None => format!("{path}: {}\n", d.message),
            },
            None => d.render(main_path, &self.files[0].text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_say_which_text() {
        let mut s = Sources::new("A.tla", "abc");
        let b = s.add("B.tla", "xyz");
        assert_eq!(s.files[b].base, 4);
        assert_eq!(s.locate(5).0.path, "B.tla");
        assert_eq!(s.locate(5).1, 1);
        assert_eq!(s.locate(2).0.path, "A.tla");
        assert_eq!(s.joined(), "abc xyz");
        let d = Diagnostic::error(Span::new(5, 6), "here");
        assert!(
            s.render("A.tla", &d).contains("B.tla:1:2"),
            "{}",
            s.render("A.tla", &d)
        );
        let d = s.relocate(d);
        assert_eq!(
            (d.file.as_deref(), d.span),
            (Some("B.tla"), Span::new(1, 2))
        );
    }

    #[test]
    fn the_module_of_an_offset_is_the_innermost() {
        let outer = "---- MODULE A ----\nx == 1\n---- MODULE B ----\ny == 2\n====\nz == 3\n====\n";
        let mut s = Sources::new("A.tla", outer);
        let c = s.add("C.tla", "---- MODULE C ----\nw == 4\n====\n");
        let at = |text: &str, what: &str, base: u32| base + text.find(what).unwrap() as u32;
        assert_eq!(s.module_at(at(outer, "x ==", 0)).as_deref(), Some("A"));
        assert_eq!(s.module_at(at(outer, "y ==", 0)).as_deref(), Some("B"));
        assert_eq!(s.module_at(at(outer, "z ==", 0)).as_deref(), Some("A"));
        let base = s.files[c].base;
        let text = s.files[c].text.clone();
        assert_eq!(s.module_at(at(&text, "w ==", base)).as_deref(), Some("C"));
    }
}
