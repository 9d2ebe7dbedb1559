//! rules.md carries tables generated from the code; they must not drift.
//! `COPYDB_BLESS=1 cargo test --test docs` rewrites them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use copydb_rules::docs;

#[test]
fn rules_md_tables_match_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules.md");
    let current = std::fs::read_to_string(&path).unwrap();
    let fresh = docs::regenerate(&current).unwrap();
    if current == fresh {
        return;
    }
    if std::env::var_os("COPYDB_BLESS").is_some() {
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    let first_difference = current
        .lines()
        .zip(fresh.lines())
        .position(|(a, b)| a != b)
        .map_or(current.lines().count().min(fresh.lines().count()), |at| at);
    panic!(
        "rules.md differs from the code from line {}:\n  rules.md: {:?}\n  code:     {:?}\n\
         run `COPYDB_BLESS=1 cargo test --test docs` to regenerate it",
        first_difference + 1,
        current.lines().nth(first_difference).unwrap_or(""),
        fresh.lines().nth(first_difference).unwrap_or("")
    );
}

#[test]
fn every_generated_section_is_present() {
    let stripped = "no markers here";
    assert_eq!(
        docs::regenerate(stripped),
        Err(docs::MissingSection("rules"))
    );
}

#[test]
fn every_choice_in_rules_md_has_its_test() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules_md = std::fs::read_to_string(root.join("rules.md")).unwrap();
    let tests = std::fs::read_to_string(root.join("tests/choices.rs")).unwrap();
    let section = rules_md
        .split("## Choices where the page is silent")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let choices: Vec<&str> = section
        .lines()
        .filter_map(|line| line.strip_prefix("- **")?.split("**").next())
        .collect();
    assert!(choices.len() >= 15, "{choices:?}");
    for choice in choices {
        let test = format!("fn {}()", choice.replace('-', "_"));
        assert!(
            tests.contains(&test),
            "rules.md's choice {choice:?} has no `{test}` in tests/choices.rs"
        );
    }
}
