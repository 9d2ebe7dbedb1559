//! Reading scenarios: API-shaped input is accepted, anything else is a
//! scenario error that names the JSON path and the line and column.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::{TimeZone, Utc};
use common::{base, set};
use copydb_rules::{BackupPolicy, PolicyBackupMethod, Scenario, ScenarioError};
use serde_json::{Value, json};

const BACKUP_SET: &str = "allowed-backup-set.json";

fn error_of(json: &str) -> ScenarioError {
    match Scenario::from_json(json) {
        Ok(_) => panic!("read without error: {json}"),
        Err(error) => error,
    }
}

#[track_caller]
fn assert_error(json: &str, path: &str, message: &str, line: usize, column: usize) {
    let error = error_of(json);
    assert_eq!(
        (error.path(), error.message(), error.line(), error.column()),
        (path, message, line, column),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        format!("{path}: {message} at line {line} column {column}")
    );
}

/// The base scenario, pretty-printed, with one value replaced.
fn with(pointer: &str, value: Value) -> String {
    let mut s = base(BACKUP_SET);
    set(&mut s, pointer, value);
    serde_json::to_string_pretty(&s).unwrap()
}

#[test]
fn a_wrong_type_names_its_path() {
    let json = with("/Instances/1/DBInstanceStorage", json!("big"));
    let error = error_of(&json);
    assert_eq!(error.path(), "Instances[1].DBInstanceStorage");
    assert_eq!(
        error.message(),
        r#"invalid type: string "big", expected u64"#
    );
    let line = json
        .lines()
        .position(|l| l.contains(r#""DBInstanceStorage": "big""#))
        .unwrap()
        + 1;
    assert_eq!(error.line(), line);
}

#[test]
fn bad_json_is_located() {
    assert_error("", "(top level)", "EOF while parsing a value", 1, 0);
    assert_error("{", "(top level)", "EOF while parsing an object", 1, 1);
    assert_error("{\"Now\": }", "Now", "expected value", 1, 9);
    assert_error(
        "[1, 2",
        "(top level)",
        "invalid type: sequence, expected a scenario object",
        1,
        0,
    );
    assert_error(
        "null",
        "(top level)",
        "invalid type: null, expected a scenario object",
        1,
        4,
    );
    let minimal = r#"{"Now":"2026-12-01T00:00:00Z","Instances":[],"Request":{}}"#;
    Scenario::from_json(minimal).unwrap();
    assert_error(
        &format!("{minimal} x"),
        "(top level)",
        "trailing characters",
        1,
        minimal.len() + 2,
    );
    assert_error("\u{feff}{}", "(top level)", "expected value", 1, 1);
}

#[test]
fn missing_fields_are_named() {
    assert_error("{}", "(top level)", "missing field `Instances`", 1, 2);
    assert_error(
        "{\"Instances\": [], \"Request\": {}}\n",
        "(top level)",
        "missing field `Now`",
        1,
        32,
    );
    let mut s = base(BACKUP_SET);
    s["Instances"][0].as_object_mut().unwrap().remove("Engine");
    let error = error_of(&s.to_string());
    assert_eq!(
        (error.path(), error.message()),
        ("Instances[0]", "missing field `Engine`")
    );
}

#[test]
fn a_missing_now_can_be_supplied_by_the_caller() {
    let mut s = base(BACKUP_SET);
    s.as_object_mut().unwrap().remove("Now");
    let now = Utc.with_ymd_and_hms(2026, 12, 4, 15, 0, 0).unwrap();
    let scenario = Scenario::from_json_slice_or_now(s.to_string().as_bytes(), now).unwrap();
    assert_eq!(scenario.now, now);
    // A Now in the scenario wins over the caller's.
    let given = base(BACKUP_SET);
    let scenario = Scenario::from_json_slice_or_now(given.to_string().as_bytes(), now).unwrap();
    assert_eq!(
        scenario.now,
        Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap()
    );
}

#[test]
fn closed_enums_refuse_unknown_values() {
    let error = error_of(&with("/Instances/0/DBInstanceType", json!("Replica")));
    assert_eq!(error.path(), "Instances[0].DBInstanceType");
    assert_eq!(
        error.message(),
        "unknown variant `Replica`, expected one of `Primary`, `Readonly`, `Guard`, `Temp`"
    );
    let error = error_of(&with(
        "/Instances/0/Databases/0/RecoveryModel",
        json!("Full"),
    ));
    assert_eq!(error.path(), "Instances[0].Databases[0].RecoveryModel");
    assert_eq!(
        error.message(),
        "unknown variant `Full`, expected one of `FULL`, `BULK_LOGGED`, `SIMPLE`"
    );
    let error = error_of(&with("/Backups/0/BackupMethod", json!("Incremental")));
    assert_eq!(error.path(), "Backups[0].BackupMethod");
}

#[test]
fn bad_timestamps_are_scenario_errors() {
    let error = error_of(&with("/Now", json!("yesterday")));
    assert_eq!(error.path(), "Now");
    assert_eq!(
        error.message(),
        r#"invalid RFC 3339 timestamp "yesterday" (premature end of input), expected one such as "2026-12-01T00:00:00Z""#
    );
    let error = error_of(&with(
        "/Backups/0/BackupEndTime",
        json!("2026-13-01T00:00:00Z"),
    ));
    assert_eq!(error.path(), "Backups[0].BackupEndTime");
    let error = error_of(&with(
        "/Instances/0/Databases/2/ColdStoragePeriods/0/End",
        json!(5),
    ));
    assert_eq!(
        error.path(),
        "Instances[0].Databases[2].ColdStoragePeriods[0].End"
    );
}

#[test]
fn an_offset_is_converted_to_utc() {
    let scenario = Scenario::from_json(&with("/Now", json!("2026-12-01T16:00:00+08:00"))).unwrap();
    assert_eq!(
        scenario.now,
        Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap()
    );
}

#[test]
fn duplicates_in_the_world_are_scenario_errors() {
    let error = error_of(&with(
        "/Instances/1/DBInstanceId",
        json!("rm-bp1source0001"),
    ));
    assert_eq!(error.path(), "Instances");
    assert_eq!(
        error.message(),
        r#"Instances[0] and Instances[1] have the same DBInstanceId "rm-bp1source0001""#
    );
    let error = error_of(&with("/Instances/0/Databases/2/DBName", json!("CRM")));
    assert_eq!(error.path(), "Instances[0].Databases");
    assert_eq!(
        error.message(),
        r#"Databases[1] "crm" and Databases[2] "CRM" are one database (names compare case-insensitively)"#
    );
    let error = error_of(&with(
        "/Backups/1",
        json!({"BackupId": 259321001, "DBInstanceId": "rm-x",
        "BackupStartTime": "2026-11-30T02:00:00Z", "BackupEndTime": "2026-11-30T02:25:00Z"}),
    ));
    assert_eq!(error.path(), "Backups");
    assert_eq!(
        error.message(),
        r#"Backups[0] and Backups[1] have the same BackupId "259321001""#
    );
}

#[test]
fn sql_server_versions_must_be_readable() {
    let error = error_of(&with("/Instances/1/EngineVersion", json!("latest")));
    assert_eq!(error.path(), "Instances[1]");
    assert_eq!(
        error.message(),
        r#"EngineVersion "latest" is not an SQL Server version: expected a leading 4-digit year ("2019_ent") or 2008 R2 ("2008r2", "08r2_ent_ha")"#
    );
    for readable in [
        "2012",
        "2016_web",
        "2022_std_ha",
        "2008r2",
        "2008R2_ent",
        "08r2_ent_ha",
    ] {
        Scenario::from_json(&with("/Instances/1/EngineVersion", json!(readable))).unwrap();
    }
    for unreadable in ["20191_ent", "201", "", "v2019", "08_ent"] {
        error_of(&with("/Instances/1/EngineVersion", json!(unreadable)));
    }
    // Another engine's version is not read.
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Instances/1/Engine", "MySQL");
    set(&mut s, "/Instances/1/EngineVersion", "8.0");
    Scenario::from_json(&s.to_string()).unwrap();
}

#[test]
fn api_shaped_values_are_accepted() {
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Backups/0/BackupId", 259321001u64);
    set(&mut s, "/Instances/1/DBInstanceDiskUsed", "10737418240");
    set(&mut s, "/Instances/1/BackupPolicy/EnableBackupLog", "1");
    set(&mut s, "/Instances/0/BackupPolicy/EnableBackupLog", "False");
    set(&mut s, "/Instances/0/SecurityIPList", "127.0.0.1");
    set(&mut s, "/Unknown", json!({"Anything": [1, 2]}));
    let scenario = Scenario::from_json(&s.to_string()).unwrap();
    assert_eq!(scenario.backups[0].backup_id, "259321001");
    assert_eq!(scenario.instances[1].db_instance_disk_used, 10_737_418_240);
    assert!(scenario.instances[1].backup_policy.enable_backup_log);
    assert!(!scenario.instances[0].backup_policy.enable_backup_log);
    assert!(copydb_rules::evaluate(&scenario).is_ok());
    for bad in [
        json!("12a"),
        json!(""),
        json!(-1),
        json!(1.5),
        json!("99999999999999999999"),
    ] {
        let error = error_of(&with("/Instances/1/DBInstanceDiskUsed", bad.clone()));
        assert_eq!(error.path(), "Instances[1].DBInstanceDiskUsed", "{bad}");
    }
    let error = error_of(&with(
        "/Instances/1/BackupPolicy/EnableBackupLog",
        json!("yes"),
    ));
    assert_eq!(error.path(), "Instances[1].BackupPolicy.EnableBackupLog");
}

#[test]
fn defaults_fill_what_the_api_leaves_out() {
    let scenario = Scenario::from_json(
        r#"{"Now":"2026-12-01T00:00:00Z",
            "Instances":[{"DBInstanceId":"rm-a","Engine":"SQLServer","EngineVersion":"2019_ent",
              "Category":"Basic","RegionId":"cn-hangzhou","InstanceNetworkType":"VPC",
              "DBInstanceStorage":20,"Databases":[{"DBName":"a"}]}],
            "Request":{}}"#,
    )
    .unwrap();
    let instance = &scenario.instances[0];
    assert_eq!(instance.db_instance_status, "Running");
    assert_eq!(instance.lock_mode, "Unlock");
    assert_eq!(instance.db_instance_storage_type, "cloud_essd");
    assert_eq!(instance.db_instance_disk_used, 0);
    assert_eq!(instance.db_max_quantity, None);
    assert_eq!(
        instance.backup_policy,
        BackupPolicy {
            backup_method: PolicyBackupMethod::Physical,
            backup_retention_period: 7,
            enable_backup_log: true
        }
    );
    assert_eq!(instance.databases[0].db_status, "Running");
    assert!(scenario.backups.is_empty());
    assert_eq!(scenario.request, copydb_rules::Request::default());
}

#[test]
fn a_scenario_survives_a_json_round_trip() {
    let scenario = Scenario::from_json(&base(BACKUP_SET).to_string()).unwrap();
    let text = serde_json::to_string(&scenario).unwrap();
    assert_eq!(Scenario::from_json(&text).unwrap(), scenario);
    let via_serde: Scenario = serde_json::from_str(&text).unwrap();
    assert_eq!(via_serde, scenario);
}

#[test]
fn hostile_bytes_are_errors_not_panics() {
    for bytes in [
        &b"\xff\xfe"[..],
        b"{\"Now\": \"\xff\"}",
        &[b'['; 10_000],
        b"{\"Now\":1e999}",
        b"\0",
    ] {
        assert!(Scenario::from_json_slice(bytes).is_err());
    }
}

#[test]
fn every_struct_is_an_object_not_an_array() {
    for (pointer, value, path) in [
        ("/Request", json!([]), "Request"),
        (
            "/Instances/0/BackupPolicy",
            json!(["Snapshot"]),
            "Instances[0].BackupPolicy",
        ),
        (
            "/Instances/0/Databases/0",
            json!(["sales"]),
            "Instances[0].Databases[0]",
        ),
        (
            "/Instances/0/Databases/2/ColdStoragePeriods/0",
            json!(["2026-03-01T00:00:00Z"]),
            "Instances[0].Databases[2].ColdStoragePeriods[0]",
        ),
        (
            "/Backups/0",
            json!(["259321001", "rm-bp1source0001"]),
            "Backups[0]",
        ),
        ("/Instances/1", json!(["rm-bp1target0002"]), "Instances[1]"),
    ] {
        let error = error_of(&with(pointer, value));
        assert_eq!(error.path(), path);
        assert!(
            error
                .message()
                .starts_with("invalid type: sequence, expected an object ("),
            "{error}"
        );
    }
}

#[test]
fn null_lists_are_empty() {
    let scenario = Scenario::from_json(&with("/Backups", Value::Null)).unwrap();
    assert!(scenario.backups.is_empty());
    let scenario = Scenario::from_json(&with("/Instances/1/Databases", Value::Null)).unwrap();
    assert!(scenario.instances[1].databases.is_empty());
    let scenario = Scenario::from_json(&with(
        "/Instances/0/Databases/2/ColdStoragePeriods",
        Value::Null,
    ))
    .unwrap();
    assert!(
        scenario.instances[0].databases[2]
            .cold_storage_periods
            .is_empty()
    );
}

#[test]
fn timestamps_stay_within_the_years_rfc_3339_can_write() {
    for outside in ["9999-12-31T23:59:59-23:59", "0000-01-01T00:00:00+00:01"] {
        let error = error_of(&with("/Now", json!(outside)));
        assert_eq!(error.path(), "Now");
        assert_eq!(
            error.message(),
            format!("timestamp {outside:?} falls outside the years 0000 to 9999 in UTC")
        );
    }
    for inside in [
        "9999-12-31T23:59:59Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59+01:00",
    ] {
        let scenario = Scenario::from_json(&with("/Now", json!(inside))).unwrap();
        let text = serde_json::to_string(&scenario).unwrap();
        assert_eq!(Scenario::from_json(&text).unwrap(), scenario, "{inside}");
    }
}
