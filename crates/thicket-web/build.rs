//! The examples gallery is every spec in the repository's `specs/` (the counter first), each
//! described by the first sentence of its opening comment.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
    println!("cargo:rerun-if-changed={}", specs.display());
    let mut files: Vec<_> = fs::read_dir(&specs)
        .expect("specs/ is beside the crates")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tla"))
        .collect();
    files.sort_by_key(|p| (p.file_stem().is_none_or(|s| s != "counter"), p.clone()));

    let mut out = String::from("pub const EXAMPLES: &[Example] = &[\n");
    for path in files {
        let text = fs::read_to_string(&path).expect("a spec is text");
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .replace('_', " ");
        let name = stem[..1].to_uppercase() + &stem[1..];
        let path = path.canonicalize().unwrap();
        writeln!(
            out,
            "    Example {{ name: {name:?}, file: {file:?}, description: {:?}, source: include_str!({:?}) }},",
            description(&text),
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("examples.rs"),
        out,
    )
    .unwrap();
}

/// The first sentence of the comment lines (`\*`) that open the module.
fn description(text: &str) -> String {
    let comment: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("\\*"))
        .take_while(|l| l.trim_start().starts_with("\\*"))
        .map(|l| l.trim_start().trim_start_matches("\\*").trim())
        .collect();
    let joined = comment.join(" ");
    let end = joined.find(". ").map(|i| i + 1).unwrap_or(joined.len());
    joined[..end].trim_end_matches(':').to_string()
}
