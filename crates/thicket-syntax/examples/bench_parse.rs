//! Time the parse of a generated 1 MB module: `cargo run --release --example bench_parse`.

fn main() {
    let mut s = String::from("---- MODULE Big ----\nEXTENDS Naturals\n");
    for i in 0..20_000 {
        if i % 2 == 0 {
            s.push_str(&format!(
                "Def{i}(x) == /\\ x + {i} > {i} * 2\n             /\\ x \\in 0..{i}\n"
            ));
        } else {
            s.push_str(&format!(
                "Def{i} == {{n \\in 1..{i} : n % 3 = 0 /\\ n # {i}}} \\cup {{{i}}}\n"
            ));
        }
    }
    s.push_str("====\n");
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let parsed = thicket_syntax::parse_document(&s);
        println!(
            "{} bytes: {:?} ({} diagnostics)",
            s.len(),
            t.elapsed(),
            parsed.diagnostics.len()
        );
    }
}
