//! Print a file back through the printer: `cargo run --example fmt -- FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: fmt FILE");
    let src = std::fs::read_to_string(&path).expect("readable file");
    let parsed = thicket_syntax::parse_document(&src);
    for d in &parsed.diagnostics {
        eprintln!("{}", d.render(&path, &src));
    }
    if let Some(doc) = parsed.document {
        print!("{}", thicket_syntax::print::document(&doc));
    }
}
