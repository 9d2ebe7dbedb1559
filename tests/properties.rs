//! Properties of the engine over generated scenarios: it is total, exact and
//! ordered. Case counts suit a 2-core CI machine; `PROPTEST_CASES=10000 cargo
//! test --release --test properties` runs more.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;
#[path = "common/strategies.rs"]
mod strategies;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use copydb_rules::{RULES, Response, Scenario, audit, evaluate, respond};
use proptest::prelude::*;
use proptest::test_runner::Config;
use strategies::{
    CATEGORIES, Expected, FAULTS, MATRIX, entries, fault, page_message, set_entries, two_faults,
    valid_scenario,
};

/// proptest's default case count (or `PROPTEST_CASES`), scaled for an expensive property.
fn config(divisor: u32) -> Config {
    let default = Config::default();
    Config {
        cases: (default.cases / divisor).max(8),
        ..default
    }
}

#[track_caller]
fn assert_answer(scenario: &Scenario, expected: Expected) {
    common::assert_scenario_denied(
        scenario,
        expected.rule,
        expected.status,
        expected.code,
        expected.message(),
    );
}

/// The rows rules.md marks as produced, read from its catalogue table.
fn produced_in_rules_md() -> &'static BTreeSet<(u16, String)> {
    static PRODUCED: OnceLock<BTreeSet<(u16, String)>> = OnceLock::new();
    PRODUCED.get_or_init(|| {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules.md")).unwrap();
        let table = text
            .split("<!-- begin catalogue -->")
            .nth(1)
            .unwrap()
            .split("<!-- end catalogue -->")
            .next()
            .unwrap();
        let rows: BTreeSet<(u16, String)> = table
            .lines()
            .filter_map(|line| {
                let cells: Vec<&str> = line.split(" | ").collect();
                let status = cells.get(1)?.parse().ok()?;
                let code = cells.get(2)?.trim_matches('`').to_owned();
                cells
                    .last()?
                    .starts_with("produced by")
                    .then_some((status, code))
            })
            .collect();
        assert_eq!(
            rows.len(),
            47,
            "rules.md's catalogue table could not be read"
        );
        rows
    })
}

#[track_caller]
fn assert_closed_world(scenario: &Scenario) {
    if let Err(denial) = evaluate(scenario) {
        let row = (denial.error().status(), denial.error().code().to_owned());
        assert!(
            produced_in_rules_md().contains(&row),
            "{row:?} is not a produced row of rules.md"
        );
        assert_eq!(page_message(row.0, &row.1), denial.error().message());
    }
}

#[test]
fn every_rule_has_a_fault_injector() {
    let injected: Vec<u8> = FAULTS.iter().map(|f| f.rule).collect();
    let rules: Vec<u8> = RULES.iter().map(|r| r.number).collect();
    assert_eq!(injected, rules);
    for (fault, rule) in FAULTS.iter().zip(&RULES) {
        assert_eq!(fault.name, rule.name);
    }
    let rules_md =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules.md")).unwrap();
    for fault in FAULTS {
        assert!(
            rules_md.contains(&format!("| {} | `{}` |", fault.rule, fault.name)),
            "{fault:?} is not a rule of rules.md"
        );
    }
}

proptest! {
    #![proptest_config(config(1))]

    /// Property 1: Every generated valid scenario is allowed.
    #[test]
    fn valid_is_allowed(scenario in valid_scenario()) {
        if let Err(denial) = evaluate(&scenario) {
            panic!("{denial}");
        }
        prop_assert_eq!(respond(&scenario).http_status(), 200);
    }

    /// Property 2: One injected fault gets exactly its rule's code, status and message.
    #[test]
    fn each_fault_is_found(mut scenario in valid_scenario(), (fault, seed) in fault()) {
        let expected = (fault.inject)(&mut scenario, seed);
        prop_assert_eq!(expected.rule, fault.rule);
        assert_answer(&scenario, expected);
        // Exactly that rule, and nothing else, is broken.
        let broken: Vec<u8> = audit(&scenario).iter().map(|d| d.rule().number).collect();
        prop_assert_eq!(broken, vec![fault.rule], "{:?} (seed {})", fault, seed);
    }

    /// Property 3: With two faults, the one earlier in rules.md decides.
    #[test]
    fn the_earlier_rule_decides(mut scenario in valid_scenario(), ((earlier, early_seed), (later, late_seed)) in two_faults()) {
        prop_assert!(earlier.rule < later.rule);
        (later.inject)(&mut scenario, late_seed);
        let expected = (earlier.inject)(&mut scenario, early_seed);
        assert_answer(&scenario, expected);
    }

    /// Property 4: Adding a fault to a denied scenario never makes it allowed.
    #[test]
    fn more_faults_stay_denied(mut scenario in valid_scenario(), first in fault(), second in fault()) {
        (first.0.inject)(&mut scenario, first.1);
        prop_assert!(evaluate(&scenario).is_err());
        (second.0.inject)(&mut scenario, second.1);
        prop_assert!(evaluate(&scenario).is_err(), "{:?} then {:?}", first.0, second.0);
    }

    /// Property 5: With everything else valid, the answer for a category pair is its matrix cell.
    #[test]
    fn the_matrix_decides_category_pairs(scenario in valid_scenario()) {
        for (s, source_category) in CATEGORIES.iter().enumerate() {
            for (t, target_category) in CATEGORIES.iter().enumerate() {
                let mut pair = scenario.clone();
                strategies::source(&mut pair).unwrap().category = (*source_category).to_owned();
                let target = strategies::target(&mut pair).unwrap();
                target.category = (*target_category).to_owned();
                target.dedicated_host_group_id = None;
                match MATRIX[s][t] {
                    None => prop_assert!(evaluate(&pair).is_ok(), "{source_category} -> {target_category}"),
                    Some((code, status)) => assert_answer(&pair, Expected { rule: 18, status, code }),
                }
            }
        }
    }

    /// Property 6: The same scenario gets the same response: twice, after a JSON round
    /// trip, and with its instances and backups listed in another order.
    #[test]
    fn the_answer_is_deterministic(mut scenario in valid_scenario(), faulty in any::<bool>(), (fault, seed) in fault(), rotation in any::<usize>()) {
        if faulty {
            (fault.inject)(&mut scenario, seed);
        }
        let response = respond(&scenario);
        prop_assert_eq!(respond(&scenario), response.clone());
        let text = serde_json::to_string(&scenario).unwrap();
        let read = Scenario::from_json(&text).unwrap();
        prop_assert_eq!(&read, &scenario);
        prop_assert_eq!(respond(&read), response.clone());
        // Another listing order, never the same one: rotate the instances by
        // 1 to n-1 places, and reverse the backups.
        let mut reordered = scenario.clone();
        let n = reordered.instances.len();
        reordered.instances.rotate_left(1 + rotation % (n - 1));
        reordered.backups.reverse();
        prop_assert_ne!(&reordered.instances, &scenario.instances);
        prop_assert_eq!(respond(&reordered), response);
    }

    /// Property 7: Whatever the input, a denial's code is a row rules.md marks produced.
    #[test]
    fn denials_stay_in_the_catalogue(mut scenario in valid_scenario(), faults in proptest::collection::vec(fault(), 0..4)) {
        for (fault, seed) in faults {
            (fault.inject)(&mut scenario, seed);
            assert_closed_world(&scenario);
        }
        for denial in audit(&scenario) {
            let row = (denial.error().status(), denial.error().code().to_owned());
            prop_assert!(produced_in_rules_md().contains(&row));
            prop_assert!(denial.rule().produces.contains(&denial.error()));
        }
    }
}

// ---------------------------------------------------------------- 8. total

fn hostile_text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some(String::new())),
        any::<String>().prop_map(Some),
        "[\\{\\}\":,a-zA-Z0-9 _\\-TZ\\.+]{0,40}".prop_map(Some),
        (any::<String>(), 1usize..4).prop_map(|(unit, kind)| {
            let unit = if unit.is_empty() {
                "é".to_owned()
            } else {
                unit
            };
            Some(match kind {
                1 => unit.repeat(100_000 / unit.len() + 1),
                2 => format!("{{\"{}\":\"copy\"}}", unit.repeat(100_000 / unit.len() + 1)),
                _ => format!("{{\"a\":\"{}\"}}", "b".repeat(100_000)),
            })
        }),
    ]
}

fn hostile_number() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0),
        Just(1),
        Just(u64::MAX),
        Just(u64::MAX - 1),
        Just(1 << 34),
        any::<u64>()
    ]
}

fn hostile_time() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        Just(DateTime::<Utc>::MIN_UTC),
        Just(DateTime::<Utc>::MAX_UTC),
        Just(DateTime::<Utc>::UNIX_EPOCH),
        (DateTime::<Utc>::MIN_UTC.timestamp()..=DateTime::<Utc>::MAX_UTC.timestamp())
            .prop_map(|s| DateTime::from_timestamp(s, 0).unwrap()),
    ]
}

proptest! {
    #![proptest_config(config(4))]

    /// Property 8a: Arbitrary strings in every request parameter, arbitrary sizes and
    /// counts, timestamps at the edges of chrono's range: an answer, no panic.
    #[test]
    fn any_values_get_an_answer(
        mut scenario in valid_scenario(),
        texts in proptest::collection::vec(hostile_text(), 6),
        numbers in proptest::collection::vec(hostile_number(), 6),
        times in proptest::collection::vec(hostile_time(), 4),
        retention in hostile_number(),
    ) {
        let request = &mut scenario.request;
        for (field, text) in [
            &mut request.db_instance_id, &mut request.target_db_instance_id, &mut request.db_names,
            &mut request.backup_id, &mut request.restore_time, &mut request.sync_user_privilege,
        ].into_iter().zip(&texts) {
            if text.is_some() {
                field.clone_from(text);
            }
        }
        scenario.now = times[0];
        for instance in &mut scenario.instances {
            instance.db_instance_storage = numbers[0];
            instance.db_instance_disk_used = numbers[1];
            instance.db_max_quantity = Some(numbers[2]);
            instance.backup_policy.backup_retention_period = retention;
            for db in &mut instance.databases {
                db.db_size_bytes = numbers[3];
                db.cold_storage_periods.push(copydb_rules::ColdStoragePeriod { start: times[2], end: Some(times[3]) });
            }
        }
        for backup in &mut scenario.backups {
            backup.backup_end_time = times[1];
        }
        let decision = evaluate(&scenario);
        let _ = Response::new(&scenario, &decision).to_json();
        prop_assert_eq!(audit(&scenario).first().map(|d| d.rule().number), decision.as_ref().err().map(|d| d.rule().number));
        assert_closed_world(&scenario);
    }

    /// Property 8b: Arbitrary bytes, and valid JSON with bytes flipped, never panic the reader.
    #[test]
    fn any_bytes_are_read_or_refused(
        scenario in valid_scenario(),
        noise in proptest::collection::vec(any::<u8>(), 0..512),
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8),
    ) {
        let _ = Scenario::from_json_slice(&noise);
        let mut bytes = serde_json::to_vec(&scenario).unwrap();
        for (at, byte) in flips {
            let n = bytes.len();
            bytes[at % n] = byte;
        }
        if let Ok(read) = Scenario::from_json_slice(&bytes) {
            let _ = respond(&read);
        }
    }
}

// ---------------------------------------------------------------- 9. linear

/// Property 9: Large requests are decided correctly. That they are decided without
/// quadratic work is shown where work is measured, not timed in a test: the
/// `evaluate/allowed/{1,10,100,1000,10000}` benchmarks and the callgrind
/// instruction counts in the README; every duplicate check and lookup goes
/// through one sorted index (`src/names.rs`).
#[test]
fn ten_thousand_databases_and_a_megabyte_of_names_are_decided() {
    let blueprint = strategies::Blueprint {
        pair: 2,
        databases: 1,
        requested: 1,
        origin: strategies::OriginKind::Backup,
        seed: 7,
    };
    let mut scenario = strategies::build(&blueprint);
    let template = strategies::source(&mut scenario).unwrap().databases[0].clone();
    let mut pairs = Vec::new();
    {
        let source = strategies::source(&mut scenario).unwrap();
        source.databases.clear();
        for i in 0..10_000 {
            let mut db = template.clone();
            db.db_name = format!("Database_{i:05}");
            db.db_size_bytes = 1024;
            source.databases.push(db);
            pairs.push((format!("DATABASE_{i:05}"), format!("copy_{i:05}")));
        }
    }
    let target = strategies::target(&mut scenario).unwrap();
    target.db_max_quantity = None;
    target.db_instance_storage = 1;
    target.db_instance_disk_used = 0;
    scenario
        .backups
        .iter_mut()
        .for_each(|b| b.backup_db_names = None);
    set_entries(&mut scenario, &pairs);
    assert!(scenario.request.db_names.as_ref().unwrap().len() > 300_000);
    assert_eq!(evaluate(&scenario).unwrap().databases(), 10_000);

    // The last of 10,000 entries repeats the first target name.
    pairs[9_999].1 = "copy_00000".to_owned();
    set_entries(&mut scenario, &pairs);
    let denial = evaluate(&scenario).unwrap_err();
    assert_eq!(
        (denial.rule().number, denial.error().code()),
        (6, "InvalidDBName.Duplicate")
    );

    // A single DbNames value of 1 MB is read and judged (rule 5: too long).
    pairs.truncate(1);
    pairs[0].1 = "a".repeat(1 << 20);
    set_entries(&mut scenario, &pairs);
    let denial = evaluate(&scenario).unwrap_err();
    assert_eq!(
        (denial.rule().number, denial.error().code()),
        (5, "InvalidDBName.Format")
    );
    assert_eq!(entries(&scenario).unwrap().len(), 1);
}
