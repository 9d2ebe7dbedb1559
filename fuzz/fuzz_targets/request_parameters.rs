//! A valid world, and six fuzzed request parameters (split at 0xFF bytes;
//! an empty part is an absent parameter): decide without panicking, and
//! answer only with rows the catalogue marks produced.
#![no_main]

use std::sync::OnceLock;

use copydb_rules::{Coverage, Scenario, audit, evaluate, respond};
use libfuzzer_sys::fuzz_target;

fn world() -> &'static Scenario {
    static WORLD: OnceLock<Scenario> = OnceLock::new();
    WORLD.get_or_init(|| {
        let text = include_str!("../../examples/allowed-from-backup-set.json");
        Scenario::from_json(text).expect("the example reads")
    })
}

fuzz_target!(|bytes: &[u8]| {
    let mut scenario = world().clone();
    let mut parts = bytes.split(|&b| b == 0xFF).map(|part| {
        let text = String::from_utf8_lossy(part).into_owned();
        (!text.is_empty()).then_some(text)
    });
    let request = &mut scenario.request;
    for field in [
        &mut request.db_instance_id,
        &mut request.target_db_instance_id,
        &mut request.db_names,
        &mut request.backup_id,
        &mut request.restore_time,
        &mut request.sync_user_privilege,
    ] {
        if let Some(value) = parts.next() {
            *field = value;
        }
    }
    if let Err(denial) = evaluate(&scenario) {
        assert_eq!(denial.error().coverage(), Coverage::Produced);
        assert!(denial.rule().produces.contains(&denial.error()));
    }
    assert!(
        audit(&scenario)
            .iter()
            .all(|d| d.error().coverage() == Coverage::Produced)
    );
    let _ = respond(&scenario).to_json();
});
