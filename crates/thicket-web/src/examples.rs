//! The examples gallery: specs from the repository's `specs/`, built into the page.

pub struct Example {
    pub name: &'static str,
    pub file: &'static str,
    pub description: &'static str,
    pub source: &'static str,
}

pub const EXAMPLES: &[Example] = &[Example {
    name: "Counter",
    file: "counter.tla",
    description:
        "inc, get and reset in any order: get never returns a negative number, but it can return 0",
    source: include_str!("../../../specs/counter.tla"),
}];
