//! Probe stack use at a nesting depth: `cargo run --example deep -- KIND DEPTH STACK_KB`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let kind = args[1].clone();
    let depth: usize = args[2].parse().unwrap();
    let stack_kb: usize = args[3].parse().unwrap();
    let src = match kind.as_str() {
        "paren" => format!(
            "---- MODULE deep ----\nDeep == {}1{}\n====\n",
            "(".repeat(depth),
            ")".repeat(depth)
        ),
        "chain" => format!(
            "---- MODULE chain ----\nSum == {}1\n====\n",
            "1 + ".repeat(depth)
        ),
        "prefix" => format!(
            "---- MODULE chain ----\nSum == {}1\n====\n",
            "- ".repeat(depth)
        ),
        "set" => format!(
            "---- MODULE sets ----\nDeep == {}1{}\n====\n",
            "{<<[a |-> ".repeat(depth / 3),
            "]>>}".repeat(depth / 3)
        ),
        _ => {
            let mut body = String::new();
            for _ in 0..depth {
                body.push_str("if x = 0 then\n");
            }
            body.push_str("x := 1;\n");
            for _ in 0..depth {
                body.push_str("end if;\n");
            }
            format!("--algorithm Deep\nvariables x = 0;\nbegin\nStart:\n{body}end algorithm\n")
        }
    };
    let h = std::thread::Builder::new()
        .stack_size(stack_kb * 1024)
        .spawn(move || {
            let p = thicket_syntax::parse_document(&src);
            if let Some(doc) = &p.document {
                let printed = thicket_syntax::print::document(doc);
                println!("printed {} bytes", printed.len());
            }
            println!("ok={} diags={}", p.document.is_some(), p.diagnostics.len());
            if let Some(d) = p.diagnostics.first() {
                println!("{}", d.message);
            }
        })
        .unwrap();
    let _ = h.join();
}
