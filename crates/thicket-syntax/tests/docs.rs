//! Every ```thicket example in docs/language.md parses without a single diagnostic, and
//! survives the printer's round trip.

use std::path::Path;
use thicket_syntax::{parse_document, print};

fn examples(markdown: &str) -> Vec<(usize, String)> {
    let mut out = vec![];
    let mut current: Option<(usize, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        match &mut current {
            None if line.trim() == "```thicket" => current = Some((i + 2, String::new())),
            Some(_) if line.trim() == "```" => out.extend(current.take()),
            Some((_, text)) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    out
}

#[test]
fn every_example_in_the_language_reference_parses() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/language.md");
    let md = std::fs::read_to_string(&path).unwrap();
    let examples = examples(&md);
    assert!(
        examples.len() >= 8,
        "only {} examples found",
        examples.len()
    );
    for (line, src) in examples {
        let name = format!("docs/language.md:{line}");
        let parsed = parse_document(&src);
        let rendered: Vec<String> = parsed
            .diagnostics
            .iter()
            .map(|d| d.render(&name, &src))
            .collect();
        assert!(parsed.diagnostics.is_empty(), "{}", rendered.join("\n"));
        let doc = parsed.document.expect("no diagnostics, so a document");
        let again = parse_document(&print::document(&doc))
            .document
            .unwrap_or_else(|| panic!("{name}: printed text does not parse"));
        assert!(
            doc.without_spans() == again.without_spans(),
            "{name}: round trip differs"
        );
    }
}
