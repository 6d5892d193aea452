//! JSON as TLC's Json module reads and writes it: sequences and sets are arrays, records and
//! other functions objects (their keys as strings), model values strings; read back, an
//! object is a record and an array a sequence.

use std::sync::Arc;

use crate::eval::value::Value;

/// A value as JSON, as TLC's Json module writes it: sequences and sets as arrays, records and
/// other functions as objects (their keys as strings), model values as strings.
pub fn write(v: &Value) -> String {
    let list = |items: &mut dyn Iterator<Item = String>| {
        format!("[{}]", items.collect::<Vec<_>>().join(","))
    };
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Str(s) | Value::Model(s) => json_string(s),
        Value::Set(items) | Value::Seq(items) => list(&mut items.iter().map(write)),
        Value::Record(fields) => object(fields.iter().map(|(k, v)| (k.to_string(), write(v)))),
        Value::Func(pairs) => object(pairs.iter().map(|(k, v)| {
            let key = match k {
                Value::Str(s) | Value::Model(s) => s.to_string(),
                other => other.to_string(),
            };
            (key, write(v))
        })),
    }
}

fn object(fields: impl Iterator<Item = (String, String)>) -> String {
    let body: Vec<String> = fields
        .map(|(k, v)| format!("{}:{v}", json_string(&k)))
        .collect();
    format!("{{{}}}", body.join(","))
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The value of a JSON text (`lines`: one JSON value a line, read as their sequence).
pub fn read(text: &str, lines: bool) -> Result<Value, String> {
    let one = |t: &str| {
        serde_json::from_str::<serde_json::Value>(t)
            .map_err(|e| e.to_string())
            .and_then(|j| value(&j))
    };
    if !lines {
        return one(text);
    }
    let items = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| one(l).map_err(|e| format!("line {}: {e}", n + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::Seq(Arc::new(items)))
}

/// A JSON value as TLA+: objects are records, arrays sequences; numbers must be integers.
fn value(j: &serde_json::Value) -> Result<Value, String> {
    use serde_json::Value as J;
    Ok(match j {
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => return Err(format!("{n} is no integer")),
        },
        J::String(s) => Value::str(s),
        J::Array(items) => Value::Seq(Arc::new(items.iter().map(value).collect::<Result<_, _>>()?)),
        J::Object(fields) => Value::record(
            fields
                .iter()
                .map(|(k, v)| Ok((Arc::from(k.as_str()), value(v)?)))
                .collect::<Result<_, String>>()?,
        ),
        J::Null => return Err("null has no TLA+ value".into()),
    })
}
