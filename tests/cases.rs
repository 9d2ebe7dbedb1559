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

/// A case built on an allowed base must break exactly the one rule it names:
/// auditing it finds that rule and no other.
#[test]
fn every_fault_case_breaks_exactly_one_rule() {
    let mut failures = Vec::new();
    for case in common::all_cases() {
        let Some(expected_rule) = case.expect.get("Rule").and_then(Value::as_u64) else {
            continue;
        };
        let base = common::load(case.base.as_deref().expect("a fault case has a Base"));
        assert_eq!(
            base.expect,
            json!("Allowed"),
            "{}: its base is not an allowed case",
            case.name
        );
        let scenario = Scenario::from_json(&case.scenario.to_string()).unwrap();
        let broken: Vec<u8> = audit(&scenario).iter().map(|d| d.rule().number).collect();
        if broken != [expected_rule as u8] {
            failures.push(format!("{}: breaks rules {broken:?}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
