//! Shared by the integration tests: the scenario files under `tests/cases/`.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::path::{Path, PathBuf};

use serde_json::Value;

pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// One scenario file: a whole scenario, or a base case with a few changes.
pub struct Case {
    pub name: String,
    pub base: Option<String>,
    pub scenario: Value,
    pub expect: Value,
    /// Every rule the scenario breaks, in order: `Breaks`, else the expected
    /// rule alone, else none (an allowed case).
    pub breaks: Vec<u8>,
}

/// Every case, sorted by file name.
pub fn all_cases() -> Vec<Case> {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    names.into_iter().map(|name| load(&name)).collect()
}

/// A case with its `Base` resolved and its `Set` and `Remove` applied.
pub fn load(name: &str) -> Case {
    let path = cases_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let file: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let base = file.get("Base").and_then(Value::as_str).map(str::to_owned);
    let mut scenario = match (&base, file.get("Scenario")) {
        (Some(base), None) => load(base).scenario,
        (None, Some(scenario)) => scenario.clone(),
        _ => panic!("{name}: give exactly one of Base and Scenario"),
    };
    if let Some(set) = file.get("Set") {
        for (pointer, value) in set.as_object().expect("Set is an object") {
            set_pointer(&mut scenario, pointer, value.clone(), name);
        }
    }
    if let Some(remove) = file.get("Remove") {
        for pointer in remove.as_array().expect("Remove is an array") {
            let pointer = pointer.as_str().expect("Remove holds pointers");
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            let removed = scenario
                .pointer_mut(parent)
                .and_then(Value::as_object_mut)
                .and_then(|object| object.remove(key));
            assert!(removed.is_some(), "{name}: nothing to remove at {pointer}");
        }
    }
    let breaks = match (
        file.get("Breaks"),
        file.get("Expect").and_then(|e| e.get("Rule")),
    ) {
        (Some(breaks), _) => serde_json::from_value(breaks.clone()).unwrap(),
        (None, Some(rule)) => vec![u8::try_from(rule.as_u64().unwrap()).unwrap()],
        (None, None) => Vec::new(),
    };
    let expect = file
        .get("Expect")
        .cloned()
        .unwrap_or_else(|| panic!("{name}: no Expect"));
    Case {
        name: name.to_owned(),
        base,
        scenario,
        expect,
        breaks,
    }
}

fn set_pointer(root: &mut Value, pointer: &str, value: Value, name: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match root.pointer_mut(parent) {
        Some(Value::Object(object)) => {
            object.insert(key.to_owned(), value);
        }
        Some(Value::Array(items)) => {
            let at: usize = key.parse().unwrap();
            if at == items.len() {
                items.push(value);
            } else {
                items[at] = value;
            }
        }
        _ => panic!("{name}: no object or array at {parent}"),
    }
}

/// The scenario of an allowed case file, to change and evaluate.
pub fn base(name: &str) -> Value {
    let case = load(name);
    assert_eq!(
        case.expect,
        Value::from("Allowed"),
        "{name} is not an allowed case"
    );
    case.scenario
}

/// Sets the value at a JSON pointer (the parent must exist).
pub fn set(root: &mut Value, pointer: &str, value: impl Into<Value>) {
    set_pointer(root, pointer, value.into(), "test");
}

/// Removes the member at a JSON pointer.
pub fn remove(root: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    root.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .and_then(|object| object.remove(key))
        .unwrap_or_else(|| panic!("nothing to remove at {pointer}"));
}

pub fn read(value: &Value) -> copydb_rules::Scenario {
    copydb_rules::Scenario::from_json(&value.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

/// Asserts the scenario is denied by `rule` with exactly this status, code and message.
#[track_caller]
pub fn assert_denied(value: &Value, rule: u8, status: u16, code: &str, message: &str) {
    assert_scenario_denied(&read(value), rule, status, code, message);
}

/// [`assert_denied`] for a scenario built in Rust; the response body says the same.
#[track_caller]
pub fn assert_scenario_denied(
    scenario: &copydb_rules::Scenario,
    rule: u8,
    status: u16,
    code: &str,
    message: &str,
) {
    let denial = match copydb_rules::evaluate(scenario) {
        Ok(approval) => panic!("allowed ({approval:?}), expected rule {rule} {code}"),
        Err(denial) => denial,
    };
    let got = (
        denial.rule().number,
        denial.error().status(),
        denial.error().code(),
        denial.error().message(),
    );
    assert_eq!(got, (rule, status, code, message), "{denial}");
    let body: Value = serde_json::to_value(copydb_rules::respond(scenario)).unwrap();
    assert_eq!(body["HttpStatus"], status);
    assert_eq!(body["Code"], code);
    assert_eq!(body["Message"], message);
    assert_eq!(body["HostId"], "rds.aliyuncs.com");
}

#[track_caller]
pub fn assert_allowed(value: &Value) {
    let scenario = read(value);
    if let Err(denial) = copydb_rules::evaluate(&scenario) {
        panic!("denied: {denial}");
    }
}

/// The numbers of every rule the scenario breaks.
pub fn broken_rules(value: &Value) -> Vec<u8> {
    copydb_rules::audit(&read(value))
        .iter()
        .map(|d| d.rule().number)
        .collect()
}
