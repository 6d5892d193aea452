//! Structured diagnostics: what the CLI renders and the editor shows as markers.

use crate::ast::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A secondary location with its own message ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// One sentence, in the user's words (never a grammar rule name).
    pub message: String,
    /// Where: the token or construct at fault.
    pub span: Span,
    pub labels: Vec<Label>,
    /// Suggestions: "did you mean `:=`?", "add a label here because ...".
    pub hints: Vec<String>,
    /// The module file the span is in, when it is not the main text (its spans and labels are
    /// then offsets into that file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            labels: vec![],
            hints: vec![],
            file: None,
        }
    }
    pub fn warning(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            span,
            labels: vec![],
            hints: vec![],
            file: None,
        }
    }
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hints.push(hint.into());
        self
    }
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, offset: u32) -> (usize, usize) {
    let offset = (offset as usize).min(src.len());
    let mut off = offset;
    while !src.is_char_boundary(off) {
        off -= 1;
    }
    let before = &src[..off];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = src[line_start..off].chars().count() + 1;
    (line, col)
}

impl Diagnostic {
    /// Render for a terminal: `file:line:col`, the source line with the span underlined, the
    /// message, labels and hints (plain text, no colours).
    pub fn render(&self, file_name: &str, src: &str) -> String {
        use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel};
        use codespan_reporting::files::SimpleFile;
        use codespan_reporting::term::{self, termcolor::NoColor, Config};

        let file = SimpleFile::new(file_name, src);
        let clamp = |s: Span| {
            let start = floor_char_boundary(src, s.start as usize);
            let end = floor_char_boundary(src, (s.end as usize).max(start));
            start..end
        };
        let severity = match self.severity {
            Severity::Error => codespan_reporting::diagnostic::Severity::Error,
            Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        };
        let mut labels = vec![CsLabel::primary((), clamp(self.span))];
        labels.extend(
            self.labels
                .iter()
                .map(|l| CsLabel::secondary((), clamp(l.span)).with_message(&l.message)),
        );
        let cs = CsDiagnostic::new(severity)
            .with_message(&self.message)
            .with_labels(labels)
            .with_notes(self.hints.iter().map(|h| format!("hint: {h}")).collect());
        let (line, col) = line_col(src, self.span.start);
        let mut out = NoColor::new(Vec::new());
        let config = Config {
            start_context_lines: 0,
            end_context_lines: 0,
            ..Config::default()
        };
        if term::emit(&mut out, &config, &file, &cs).is_err() {
            return format!("{file_name}:{line}:{col}: {}\n", self.message);
        }
        String::from_utf8_lossy(&out.into_inner()).into_owned()
    }
}

fn floor_char_boundary(src: &str, offset: usize) -> usize {
    let mut off = offset.min(src.len());
    while !src.is_char_boundary(off) {
        off -= 1;
    }
    off
}

/// The UTF-16 offset (what CodeMirror and JavaScript count) of a byte offset.
pub fn offset_to_utf16(src: &str, byte_offset: usize) -> usize {
    let off = floor_char_boundary(src, byte_offset);
    src[..off].chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let src = "a∈𝔹b";
        assert_eq!(offset_to_utf16(src, 1), 1);
        assert_eq!(offset_to_utf16(src, 4), 2); // after `∈` (3 bytes, 1 unit)
        assert_eq!(offset_to_utf16(src, 8), 4); // after `𝔹` (4 bytes, 2 units)
        assert_eq!(offset_to_utf16(src, 100), 5);
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n∈x", 6), (2, 2));
    }

    #[test]
    fn render_shows_file_line_col_and_hint() {
        let src = "x = 1;\n";
        let d = Diagnostic::error(Span::new(2, 3), "expected `:=`").with_hint("write `:=`");
        let out = d.render("a.tla", src);
        assert!(out.contains("a.tla:1:3"), "{out}");
        assert!(out.contains("hint: write `:=`"), "{out}");
    }
}
