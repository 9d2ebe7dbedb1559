//! Runs every scenario file under `tests/cases/` and compares the response
//! with the `Expect` written beside it. Add a case by adding a file: name a
//! `Base` case that is allowed, `Set` a few JSON pointers, write the `Expect`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use std::collections::BTreeSet;

use copydb_rules::{RULES, Scenario, audit, evaluate, respond};
use serde_json::{Value, json};

#[test]
fn every_case_gets_its_expected_response() {
    let mut failures = Vec::new();
    let cases = common::all_cases();
    for case in &cases {
        let scenario = Scenario::from_json(&case.scenario.to_string())
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let body: Value = serde_json::to_value(respond(&scenario)).unwrap();
        let decision = evaluate(&scenario);
        let got = match &decision {
            Ok(_) => json!("Allowed"),
            Err(denial) => json!({
                "Rule": denial.rule().number,
                "HttpStatus": body["HttpStatus"],
                "Code": body["Code"],
                "Message": body["Message"],
            }),
        };
        if got != case.expect {
            failures.push(format!(
                "{}:\n  expected {}\n  got      {}",
                case.name, case.expect, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// A case breaks exactly the rules it names (`Breaks`, or its expected rule
/// alone; an allowed case none), and a fault case is built on an allowed base.
#[test]
fn every_case_breaks_exactly_the_rules_it_names() {
    let mut failures = Vec::new();
    for case in common::all_cases() {
        if let Some(base) = &case.base {
            let base = common::load(base);
            assert_eq!(
                base.expect,
                json!("Allowed"),
                "{}: its base is not an allowed case",
                case.name
            );
        }
        if let Some(rule) = case.expect.get("Rule").and_then(Value::as_u64) {
            assert_eq!(
                case.breaks.first().map(|&r| u64::from(r)),
                Some(rule),
                "{}: Breaks starts with another rule",
                case.name
            );
        }
        let scenario = Scenario::from_json(&case.scenario.to_string()).unwrap();
        let broken: Vec<u8> = audit(&scenario).iter().map(|d| d.rule().number).collect();
        if broken != case.breaks {
            failures.push(format!(
                "{}: breaks rules {broken:?}, names {:?}",
                case.name, case.breaks
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Adjacent rules that no scenario can break together, and why.
const EXCLUSIVE_NEIGHBOURS: [(u8, &str); 3] = [
    (
        7,
        "rule 7 wants both or neither of BackupId and RestoreTime, rule 8 a RestoreTime alone",
    ),
    (
        22,
        "rule 23 looks at the backup set that rule 22 finds missing",
    ),
    (
        23,
        "rule 23 needs a BackupId and rule 24 a RestoreTime, and rule 7 allows only one",
    ),
];

/// Each pair of neighbouring rules has a case that breaks both and expects
/// the earlier. Any other order of the rules puts some such pair the wrong
/// way round, so this catches every reordering, not only some.
#[test]
fn every_pair_of_neighbouring_rules_has_a_case() {
    let pairs: BTreeSet<Vec<u8>> = common::all_cases()
        .into_iter()
        .map(|case| case.breaks)
        .filter(|breaks| breaks.len() == 2)
        .collect();
    let mut missing = Vec::new();
    for rule in RULES
        .iter()
        .map(|r| r.number)
        .filter(|&n| usize::from(n) < RULES.len())
    {
        let exclusive = EXCLUSIVE_NEIGHBOURS.iter().any(|&(first, _)| first == rule);
        if pairs.contains(&vec![rule, rule + 1]) == exclusive {
            missing.push(rule);
        }
    }
    assert!(
        missing.is_empty(),
        "neighbouring rules (n, n+1) without a case breaking both, or marked exclusive but given one: n = {missing:?}"
    );
}

#[test]
fn every_rule_has_a_case() {
    let covered: BTreeSet<u64> = common::all_cases()
        .iter()
        .filter_map(|case| case.expect.get("Rule").and_then(Value::as_u64))
        .collect();
    let missing: Vec<u8> = RULES
        .iter()
        .map(|rule| rule.number)
        .filter(|number| !covered.contains(&u64::from(*number)))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a scenario file: {missing:?}"
    );
}
