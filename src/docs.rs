//! The tables of rules.md, generated from the code so the two cannot drift.
//!
//! rules.md marks each generated table with `<!-- begin NAME -->` and
//! `<!-- end NAME -->`; [`regenerate`] rewrites what lies between, and a test
//! fails when rules.md is not what `regenerate` makes of it.

use std::fmt::Write as _;

use crate::{Coverage, ErrorCode, RULES, matrix};

/// Renders one generated table.
pub type Render = fn() -> String;

/// The generated tables: a marker name and the function that renders it.
pub const SECTIONS: [(&str, Render); 3] = [
    ("rules", rules_table),
    ("matrix", matrix::markdown),
    ("catalogue", catalogue_table),
];

/// Every rule in order: number, name, condition, the rows it answers with, basis.
pub fn rules_table() -> String {
    let mut out =
        String::from("| # | Rule | Denies when | Answers with | Basis |\n|---|---|---|---|---|\n");
    for rule in &RULES {
        let answers: Vec<String> = rule
            .produces
            .iter()
            .map(|code| format!("`{}` {}", code.code(), code.status()))
            .collect();
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} |",
            rule.number,
            rule.name,
            cell(rule.condition),
            answers.join("<br>"),
            cell(rule.basis)
        );
    }
    out
}

/// Every row of the error table, in the page's order, with the rules that
/// return it or why none does.
pub fn catalogue_table() -> String {
    let mut out =
        String::from("| Row | HTTP | Code | Message | In the engine |\n|---|---|---|---|---|\n");
    for code in ErrorCode::ALL {
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} | {} |",
            code.position().saturating_add(1),
            code.status(),
            code.code(),
            cell(code.message()),
            coverage(code)
        );
    }
    out
}

/// "produced by rule N" or "not produced: why", as the catalogue table says it.
pub fn coverage(code: ErrorCode) -> String {
    match code.coverage() {
        Coverage::Produced => {
            let numbers: Vec<String> = code.rules().map(|r| r.number.to_string()).collect();
            let noun = if numbers.len() == 1 { "rule" } else { "rules" };
            format!("produced by {noun} {}", numbers.join(", "))
        }
        Coverage::NotProduced(why) => format!("not produced: {why}"),
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// A document with a generated section that is missing or unterminated.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("rules.md has no `<!-- begin {0} -->` … `<!-- end {0} -->` section")]
pub struct MissingSection(pub &'static str);

/// `document` with every generated section rendered afresh.
pub fn regenerate(document: &str) -> Result<String, MissingSection> {
    let mut out = document.to_owned();
    for (name, render) in SECTIONS {
        let begin = format!("<!-- begin {name} -->\n");
        let end = format!("<!-- end {name} -->");
        let start = out.find(&begin).ok_or(MissingSection(name))?;
        let body = start.saturating_add(begin.len());
        let stop = out
            .get(body..)
            .and_then(|rest| rest.find(&end))
            .ok_or(MissingSection(name))?;
        out.replace_range(body..body.saturating_add(stop), &render());
    }
    Ok(out)
}
