//! The choices rules.md makes where the API page is silent, one test each,
//! named as rules.md names them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use common::{assert_allowed, assert_denied, base, broken_rules, read, remove, set};
use copydb_rules::{Role, Subject, evaluate, request_id, respond};
use serde_json::{Value, json};

const BACKUP_SET: &str = "allowed-backup-set.json";
const POINT_IN_TIME: &str = "allowed-point-in-time.json";
const SNAPSHOT: &str = "allowed-snapshot-whole-set.json";

const NOT_FOUND_MESSAGE: &str = "Specified DB name does not exist.";

fn subject(value: &Value) -> String {
    evaluate(&read(value)).unwrap_err().subject().to_string()
}

#[test]
fn owner_defaults() {
    // No caller named: the caller is the source's account, which owns the target too.
    let mut s = base(BACKUP_SET);
    remove(&mut s, "/CallerAccountId");
    assert_allowed(&s);
    // No account anywhere: everything is the caller's.
    remove(&mut s, "/Instances/0/AccountId");
    remove(&mut s, "/Instances/1/AccountId");
    assert_allowed(&s);
    // Nothing shows that an instance naming an account is the anonymous caller's.
    set(&mut s, "/Instances/1/AccountId", "1234567890123456");
    assert_denied(
        &s,
        11,
        403,
        "InvalidTargetDBInstanceName.Format",
        "Specified Target DB instance name is not valid.",
    );
    // A named caller owns the instances that name no account.
    let mut s = base(BACKUP_SET);
    remove(&mut s, "/Instances/0/AccountId");
    remove(&mut s, "/Instances/1/AccountId");
    assert_allowed(&s);
    // A named caller that is not the source's owner does not see the source.
    set(&mut s, "/Instances/0/AccountId", "5555");
    assert_denied(
        &s,
        10,
        404,
        "InvalidDBInstance.NotFound",
        "The specified instance does not exist or is not supported.",
    );
}

#[test]
fn empty_is_absent() {
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Request/SyncUserPrivilege", "");
    assert_allowed(&s);
    set(&mut s, "/Request/RestoreTime", "");
    assert_allowed(&s);
    set(&mut s, "/Request/SyncUserPrivilege", " YES");
    assert_denied(
        &s,
        9,
        400,
        "Parameters.Invalid",
        "Parameter error, please check the parameters.",
    );
    let mut s = base(POINT_IN_TIME);
    set(&mut s, "/Request/BackupId", "");
    assert_allowed(&s);
    set(&mut s, "/Request/DBInstanceId", "");
    assert_denied(
        &s,
        1,
        400,
        "RequiredParam.NotFound",
        "Required input param is not found.",
    );
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Request/DbNames", " {\"sales\":\"sales_copy\"} ");
    assert_allowed(&s);
}

#[test]
fn entries_rule_by_rule() {
    // Entry 0 breaks rule 5, entry 1 breaks rule 4: rule 4 goes over every entry first.
    let mut s = base(BACKUP_SET);
    set(
        &mut s,
        "/Request/DbNames",
        r#"{"sales":"master","crm":"Crm"}"#,
    );
    assert_denied(
        &s,
        4,
        400,
        "InvalidCharacter.DbOrAccount",
        "The database name or account name contains invalid characters.",
    );
    assert_eq!(subject(&s), r#"DbNames entry 1: "crm" -> "Crm""#);
    // Entry 0 breaks rule 31, entry 1 breaks rule 26.
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Instances/0/Databases/0/TDEStatus", "Enabled");
    set(
        &mut s,
        "/Request/DbNames",
        r#"{"sales":"sales_copy","nosuch":"nosuch"}"#,
    );
    assert_denied(&s, 26, 400, "InvalidDBName.NotFound", NOT_FOUND_MESSAGE);
    assert_eq!(subject(&s), r#"DbNames entry 1: "nosuch" -> "nosuch""#);
    // A repeated name is reported at its later entry.
    let mut s = base(BACKUP_SET);
    set(
        &mut s,
        "/Request/DbNames",
        r#"{"sales":"x_copy","crm":"y_copy","archive":"x_copy"}"#,
    );
    assert_denied(
        &s,
        6,
        400,
        "InvalidDBName.Duplicate",
        "Specified DB name already exists in the This instance.",
    );
    assert_eq!(subject(&s), r#"DbNames entry 2: "archive" -> "x_copy""#);
    set(
        &mut s,
        "/Request/DbNames",
        r#"{"sales":"a1","crm":"b1","Sales":"c1"}"#,
    );
    assert_eq!(subject(&s), r#"DbNames entry 2: "Sales" -> "c1""#);
}

#[test]
fn case_insensitive_names() {
    let mut s = base(BACKUP_SET);
    set(
        &mut s,
        "/Request/DbNames",
        r#"{"SALES":"sales_copy","Crm":"crm"}"#,
    );
    set(&mut s, "/Backups/0/BackupDBNames", "Sales,CRM");
    assert_allowed(&s);
    set(&mut s, "/Instances/0/Databases/0/DBName", "Über");
    set(&mut s, "/Backups/0/BackupDBNames", "");
    set(&mut s, "/Request/DbNames", r#"{"üBER":"uber_copy"}"#);
    assert_allowed(&s);
    set(&mut s, "/Instances/1/Databases/0/DBName", "UBER_COPY");
    assert_denied(
        &s,
        33,
        400,
        "InvalidDBName.Duplicate",
        "Specified DB name already exists in the This instance.",
    );
}

#[test]
fn empty_source_name() {
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Request/DbNames", r#"{"":"copy_of_nothing"}"#);
    assert_denied(&s, 26, 400, "InvalidDBName.NotFound", NOT_FOUND_MESSAGE);
}

#[test]
fn target_id_is_well_formed() {
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Request/TargetDBInstanceId", "RM-BP1TARGET0002");
    assert_eq!(broken_rules(&s), [2]);
    set(&mut s, "/Request/TargetDBInstanceId", "rm-bp1source0001");
    assert_eq!(broken_rules(&s), [2]);
}

#[test]
fn backup_db_names() {
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Backups/0/BackupDBNames", " sales , crm ,");
    assert_allowed(&s);
    set(&mut s, "/Backups/0/BackupDBNames", ",,");
    assert_allowed(&s);
    remove(&mut s, "/Backups/0/BackupDBNames");
    assert_allowed(&s);
    set(&mut s, "/Backups/0/BackupDBNames", "sales, archive");
    assert_denied(
        &s,
        27,
        400,
        "InvalidBackupSet",
        "Specified database does not exists in the backup set.",
    );
}

#[test]
fn snapshot_whole_set() {
    let mut s = base(SNAPSHOT);
    remove(&mut s, "/Backups/0/BackupDBNames");
    assert_allowed(&s);
    // Without BackupDBNames the set is every database the source lists, whatever its state.
    set(
        &mut s,
        "/Instances/0/Databases/3",
        json!({"DBName": "staging", "DBStatus": "Creating"}),
    );
    assert_denied(
        &s,
        28,
        403,
        "Forbidden.SnapshotRecovery",
        "Snapshot backup does not support partial restore",
    );
    assert_eq!(
        subject(&s),
        r#"database "staging" of snapshot backup set "259321001""#
    );
}

#[test]
fn restore_window_bounds() {
    let mut s = base(POINT_IN_TIME);
    set(
        &mut s,
        "/Instances/0/BackupPolicy/BackupRetentionPeriod",
        u64::MAX,
    );
    assert_allowed(&s);
    // A full backup that ends exactly at t covers it, whatever its method.
    set(&mut s, "/Backups/0/BackupEndTime", "2026-11-30T20:00:00Z");
    set(&mut s, "/Backups/0/BackupMethod", "Logical");
    assert_allowed(&s);
    set(&mut s, "/Backups/0/BackupEndTime", "2026-11-30T20:00:01Z");
    assert_denied(
        &s,
        25,
        403,
        "InvalidParamTableMeta.RestoreTime",
        "The specified restore time cannot be covered by the existing backup chain. Please try specifying a different restore time.",
    );
    // An incremental backup is not a full one.
    set(&mut s, "/Backups/0/BackupEndTime", "2026-11-30T02:25:00Z");
    set(&mut s, "/Backups/0/BackupType", "IncrementalBackup");
    assert_eq!(broken_rules(&s), [25]);
    // A zero-day retention leaves only Now itself.
    let mut s = base(POINT_IN_TIME);
    set(&mut s, "/Instances/0/BackupPolicy/BackupRetentionPeriod", 0);
    assert_eq!(broken_rules(&s), [25]);
    set(&mut s, "/Request/RestoreTime", "2026-12-01T08:00:00Z");
    assert_allowed(&s);
}

#[test]
fn cold_storage_bounds() {
    let mut s = base(BACKUP_SET);
    let crm_periods = "/Instances/0/Databases/1/ColdStoragePeriods";
    set(
        &mut s,
        crm_periods,
        json!([{"Start": "2026-11-01T00:00:00Z", "End": "2026-12-01T08:00:00Z"}]),
    );
    assert_allowed(&s);
    set(
        &mut s,
        crm_periods,
        json!([{"Start": "2026-12-01T08:00:01Z"}]),
    );
    assert_allowed(&s);
    set(
        &mut s,
        crm_periods,
        json!([{"Start": "2026-12-01T08:00:00Z"}]),
    );
    assert_denied(
        &s,
        29,
        400,
        "InvalidRestoreDB",
        "Unable to restore, because the database is in cold storage now. Please skip this database.",
    );
    let mut s = base(POINT_IN_TIME);
    set(
        &mut s,
        crm_periods,
        json!([{"Start": "2026-11-30T18:00:00Z", "End": "2026-11-30T20:00:00Z"}]),
    );
    assert_allowed(&s);
    set(
        &mut s,
        crm_periods,
        json!([{"Start": "2026-11-30T20:00:00Z", "End": "2026-11-30T21:00:00Z"}]),
    );
    assert_denied(
        &s,
        30,
        400,
        "InvalidRestoreTimeSpecified",
        "Unable to restore to the specified time, because the database is in cold storage at this time. Please choose a valid restore point.",
    );
}

#[test]
fn database_count() {
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Instances/1/DBMaxQuantity", 3);
    assert_allowed(&s);
    set(
        &mut s,
        "/Instances/1/Databases/1",
        json!({"DBName": "leaving", "DBStatus": "Deleting"}),
    );
    assert_denied(
        &s,
        34,
        400,
        "DBCountLimitExceeded",
        "Db count limit exceeded.",
    );
}

#[test]
fn storage_sizes() {
    const MESSAGE: &str = "Exceeding the allowed Storage of DB instance.";
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Instances/0/Databases/0/DBSizeBytes", u64::MAX);
    set(&mut s, "/Instances/0/Databases/1/DBSizeBytes", u64::MAX);
    assert_denied(&s, 35, 403, "StorageLimitExceeded", MESSAGE);
    set(&mut s, "/Instances/1/DBInstanceStorage", u64::MAX);
    set(&mut s, "/Instances/1/DBInstanceDiskUsed", u64::MAX);
    assert_allowed(&s);
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Instances/1/DBInstanceDiskUsed", u64::MAX);
    assert_denied(&s, 35, 403, "StorageLimitExceeded", MESSAGE);
    // Backups are sized by the databases as they are now: no other size is known.
    let mut s = base(POINT_IN_TIME);
    set(&mut s, "/Instances/1/DBInstanceStorage", 25);
    set(&mut s, "/Instances/1/DBInstanceDiskUsed", 0);
    assert_denied(&s, 35, 403, "StorageLimitExceeded", MESSAGE);
}

#[test]
fn version_order() {
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Instances/1/EngineVersion", "2017_std_ha");
    assert_denied(
        &s,
        20,
        403,
        "InvalidInstanceVersion",
        "Source instance version is greater than the target instance version.",
    );
    set(&mut s, "/Instances/1/EngineVersion", "2019_ent");
    assert_allowed(&s);
    set(&mut s, "/Instances/1/EngineVersion", "2008r2");
    assert_eq!(broken_rules(&s), [12]);
    set(&mut s, "/Instances/1/EngineVersion", "08r2_ent_ha");
    assert_denied(
        &s,
        12,
        400,
        "TargetInstanceEngineNotSupported",
        "The specified Engine cannot be supported the operation.",
    );
    // Built in Rust, an unreadable SQL Server version is not a copyable one.
    let mut scenario = read(&base(BACKUP_SET));
    scenario.instances[0].engine_version = "vNext".to_owned();
    let denial = evaluate(&scenario).unwrap_err();
    assert_eq!(denial.error().code(), "EngineNotSupported");
}

#[test]
fn unique_world() {
    // Built in Rust with duplicates, the first one listed wins.
    let mut scenario = read(&base(BACKUP_SET));
    let mut shadow = scenario.instances[1].clone();
    shadow.region_id = "cn-shanghai".to_owned();
    scenario.instances.push(shadow);
    assert!(evaluate(&scenario).is_ok());
    scenario.instances.swap(1, 2);
    assert_eq!(
        evaluate(&scenario).unwrap_err().error().code(),
        "InvalidInstancesRegion.Malformed"
    );
    let mut scenario = read(&base(BACKUP_SET));
    let mut shadow = scenario.instances[0].databases[0].clone();
    shadow.db_name = "SALES".to_owned();
    shadow.tde_status = copydb_rules::TdeStatus::Enabled;
    scenario.instances[0].databases.push(shadow);
    assert!(evaluate(&scenario).is_ok());
}

#[test]
fn dedicated_cluster() {
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Instances/0/Category", "AlwaysOn");
    set(&mut s, "/Instances/1/Category", "AlwaysOn");
    set(
        &mut s,
        "/Instances/1/DedicatedHostGroupId",
        "dhg-2ze1example",
    );
    assert_allowed(&s);
    set(&mut s, "/Instances/1/DedicatedHostGroupId", "");
    assert_allowed(&s);
}

#[test]
fn reserved_names() {
    const FORMAT: &str = "Specified DB name is not valid.";
    let mut s = base(BACKUP_SET);
    for reserved in [
        "tempdb",
        "msdb",
        "model",
        "distribution",
        "sa",
        "dbo",
        "information_schema",
        "current_user",
        "sysadmin",
    ] {
        set(
            &mut s,
            "/Request/DbNames",
            json!({ "sales": reserved }).to_string(),
        );
        assert_denied(&s, 5, 400, "InvalidDBName.Format", FORMAT);
    }
    set(&mut s, "/Request/DbNames", r#"{"sales":"SA"}"#);
    assert_eq!(broken_rules(&s), [4]);
    set(&mut s, "/Request/DbNames", r#"{"sales":"masters"}"#);
    assert_allowed(&s);
}

#[test]
fn request_id_is_derived_from_content() {
    let s = base(BACKUP_SET);
    let scenario = read(&s);
    let id = request_id(&scenario);
    assert_eq!(id.len(), 36);
    assert!(
        id.chars()
            .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase())
    );
    assert_eq!(
        id.match_indices('-').map(|(at, _)| at).collect::<Vec<_>>(),
        [8, 13, 18, 23]
    );
    assert_eq!(&id[14..15], "8", "version 8");
    // Another listing order, a JSON round trip: the same id.
    let mut reordered = s.clone();
    reordered["Instances"].as_array_mut().unwrap().reverse();
    assert_eq!(request_id(&read(&reordered)), id);
    let round_trip =
        copydb_rules::Scenario::from_json(&serde_json::to_string(&scenario).unwrap()).unwrap();
    assert_eq!(round_trip, scenario);
    assert_eq!(request_id(&round_trip), id);
    // Another request: another id.
    let mut other = s.clone();
    set(&mut other, "/Request/SyncUserPrivilege", "YES");
    assert_ne!(request_id(&read(&other)), id);
    // A given id is echoed.
    let mut given = s;
    set(
        &mut given,
        "/RequestId",
        "803D11AF-C370-465B-AB46-CB3A642DC303",
    );
    let body = respond(&read(&given)).to_json();
    assert_eq!(
        body,
        r#"{"RequestId":"803D11AF-C370-465B-AB46-CB3A642DC303"}"#
    );
}

#[test]
fn a_denial_says_what_it_is_about() {
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Instances/1/DBInstanceStorageType", "cloud_ssd");
    let scenario = read(&s);
    let denial = evaluate(&scenario).unwrap_err();
    assert_eq!(
        denial.subject(),
        &Subject::Instance {
            role: Role::Target,
            id: "rm-bp1target0002"
        }
    );
    assert_eq!(
        denial.to_string(),
        "rule 21 (cloud-ssd): 403 CloudSSDNotSupport: Cloud ssd does not support this operation, please upgrade to essd. (about the target instance \"rm-bp1target0002\")"
    );
}

#[test]
fn restore_time_year_zero() {
    let mut s = base(POINT_IN_TIME);
    set(&mut s, "/Request/RestoreTime", "0000-01-01T00:00:00Z");
    assert_eq!(broken_rules(&s), [25]);
}

#[test]
fn owner_defaults_empty_and_unknown_accounts() {
    // An empty account id is no account id.
    let mut s = base(BACKUP_SET);
    set(&mut s, "/CallerAccountId", "");
    set(&mut s, "/Instances/1/AccountId", "");
    assert_allowed(&s);
    set(&mut s, "/Instances/0/AccountId", "");
    assert_allowed(&s);
    // No caller named and no such source: the owner is unknown, so only the
    // missing source is reported, not the target's account too.
    let mut s = base(BACKUP_SET);
    remove(&mut s, "/CallerAccountId");
    set(&mut s, "/Request/DBInstanceId", "rm-bp1nosuch0009");
    assert_eq!(broken_rules(&s), [10]);
}

#[test]
fn case_insensitive_names_beyond_ascii() {
    // Letters with more than one lowercase form: final sigma, sharp s.
    let mut s = base(BACKUP_SET);
    set(&mut s, "/Instances/0/Databases/0/DBName", "σασ");
    set(&mut s, "/Instances/0/Databases/1/DBName", "straße");
    set(&mut s, "/Backups/0/BackupDBNames", "");
    set(
        &mut s,
        "/Request/DbNames",
        r#"{"ΣΑΣ":"sas_copy","STRASSE":"strasse_copy"}"#,
    );
    assert_allowed(&s);
    set(
        &mut s,
        "/Request/DbNames",
        r#"{"σας":"a_copy","ΣΑΣ":"b_copy"}"#,
    );
    assert_denied(
        &s,
        3,
        400,
        "InvalidRecoveryDBNames.Format",
        "The specified parameter DBNames is not valid.",
    );
}
