//! Any bytes: read them as a scenario; if they are one, decide it, audit it,
//! build the response, and check that a JSON round trip answers the same.
#![no_main]

use copydb_rules::{Scenario, audit, evaluate, respond};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(scenario) = Scenario::from_json_slice(bytes) else {
        return;
    };
    let first = evaluate(&scenario)
        .err()
        .map(|d| (d.rule().number, d.error()));
    let all = audit(&scenario);
    assert_eq!(first, all.first().map(|d| (d.rule().number, d.error())));
    let response = respond(&scenario);
    let text = serde_json::to_string(&scenario).expect("a scenario serializes");
    let again = Scenario::from_json(&text).expect("a scenario that was read reads again");
    assert_eq!(again, scenario);
    assert_eq!(respond(&again), response);
});
