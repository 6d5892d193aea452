//! The examples gallery: the specs of the repository's `specs/`, built into the page by
//! `build.rs` (the counter first).

pub struct Example {
    pub name: &'static str,
    pub file: &'static str,
    /// The first sentence of the spec's opening comment.
    pub description: &'static str,
    pub source: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

#[cfg(test)]
mod tests {
    use super::EXAMPLES;

    #[test]
    fn the_counter_comes_first_and_every_example_is_described() {
        assert_eq!(EXAMPLES[0].file, "counter.tla");
        assert!(EXAMPLES[0].source.contains("MODULE counter"));
        for example in EXAMPLES {
            assert!(
                !example.description.is_empty(),
                "{} has no opening comment",
                example.file
            );
        }
    }
}
