//! How fast the engine decides, and how the cost grows. `cargo bench`.
//!
//! Every input is built once, outside the timed loop, and passed through
//! `black_box`. The README's table lists the medians and how they were taken.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::hint::black_box;
use std::io;

use copydb_rules::{Scenario, evaluate, jsonl, respond};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};

/// An allowed copy of `n` databases from a backup set, HighAvailability to
/// HighAvailability, with a few unrelated databases on the target.
fn scenario_json(n: usize) -> Value {
    let databases: Vec<Value> = (0..n)
        .map(|i| json!({"DBName": format!("Sales_{i:05}"), "DBSizeBytes": 1_048_576, "RecoveryModel": "FULL"}))
        .collect();
    let names: serde_json::Map<String, Value> = (0..n)
        .map(|i| (format!("sales_{i:05}"), json!(format!("sales_{i:05}_copy"))))
        .collect();
    json!({
        "Now": "2026-12-01T08:00:00Z",
        "CallerAccountId": "1234567890123456",
        "Instances": [
            {"DBInstanceId": "rm-bp1source0001", "AccountId": "1234567890123456", "Engine": "SQLServer",
             "EngineVersion": "2019_std_ha", "Category": "HighAvailability", "DBInstanceType": "Primary",
             "DBInstanceStatus": "Running", "LockMode": "Unlock", "RegionId": "cn-hangzhou", "ZoneId": "cn-hangzhou-h",
             "InstanceNetworkType": "VPC", "DBInstanceStorage": 2000, "DBInstanceStorageType": "cloud_essd",
             "DBInstanceDiskUsed": "64424509440",
             "BackupPolicy": {"BackupMethod": "Physical", "BackupRetentionPeriod": 7, "EnableBackupLog": "1"},
             "Databases": databases},
            {"DBInstanceId": "rm-bp1target0002", "AccountId": "1234567890123456", "Engine": "SQLServer",
             "EngineVersion": "2022_std_ha", "Category": "HighAvailability", "RegionId": "cn-hangzhou",
             "ZoneId": "cn-hangzhou-i", "InstanceNetworkType": "VPC", "DBInstanceStorage": 2000,
             "DBInstanceDiskUsed": "10737418240", "DBMaxQuantity": 100000,
             "BackupPolicy": {"BackupMethod": "Physical", "BackupRetentionPeriod": 7, "EnableBackupLog": "1"},
             "Databases": [{"DBName": "legacy", "DBSizeBytes": 1073741824}, {"DBName": "tools", "DBSizeBytes": 1024}]},
            {"DBInstanceId": "rm-bp1source0001ro", "AccountId": "1234567890123456", "Engine": "SQLServer",
             "EngineVersion": "2019_std_ha", "Category": "HighAvailability", "DBInstanceType": "Readonly",
             "RegionId": "cn-hangzhou", "ZoneId": "cn-hangzhou-h", "InstanceNetworkType": "VPC",
             "DBInstanceStorage": 2000, "DBInstanceDiskUsed": "64424509440"}
        ],
        "Backups": [
            {"BackupId": "259321001", "DBInstanceId": "rm-bp1source0001", "BackupStatus": "Success",
             "BackupStartTime": "2026-11-30T18:00:00Z", "BackupEndTime": "2026-11-30T18:41:07Z",
             "BackupType": "FullBackup", "BackupMethod": "Physical"}
        ],
        "Request": {"DBInstanceId": "rm-bp1source0001", "TargetDBInstanceId": "rm-bp1target0002",
                    "DbNames": Value::Object(names).to_string(), "BackupId": "259321001", "SyncUserPrivilege": "NO"}
    })
}

fn scenario(value: &Value) -> Scenario {
    Scenario::from_json(&value.to_string()).unwrap()
}

/// The one-database scenario with a change that makes `rule` deny it.
fn denied(rule: u8, pointer: &str, value: Value) -> Scenario {
    let mut json = scenario_json(1);
    *json.pointer_mut(pointer).unwrap() = value;
    let scenario = scenario(&json);
    assert_eq!(evaluate(&scenario).unwrap_err().rule().number, rule);
    scenario
}

fn allowed_by_size(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate/allowed");
    for n in [1, 10, 100, 1_000, 10_000] {
        let scenario = scenario(&scenario_json(n));
        assert_eq!(evaluate(&scenario).unwrap().databases(), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &scenario, |b, s| {
            b.iter(|| evaluate(black_box(s)).is_ok())
        });
    }
    group.finish();
}

fn denied_by_rule(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate/denied");
    let first = denied(1, "/Request/DBInstanceId", Value::Null);
    let matrix = denied(18, "/Instances/1/Category", json!("Basic"));
    let last = denied(35, "/Instances/1/DBInstanceDiskUsed", json!(2000u64 << 30));
    for (name, scenario) in [
        ("rule-1", &first),
        ("rule-18-matrix", &matrix),
        ("rule-35-storage", &last),
    ] {
        group.bench_function(name, |b| b.iter(|| evaluate(black_box(scenario)).is_err()));
    }
    group.finish();
}

fn json_reading(c: &mut Criterion) {
    let text = scenario_json(1).to_string();
    assert!(
        (1_800..2_400).contains(&text.len()),
        "the scenario is {} bytes",
        text.len()
    );
    let parsed = scenario(&scenario_json(1));
    let mut group = c.benchmark_group("json");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("read", |b| {
        b.iter(|| Scenario::from_json(black_box(&text)).unwrap())
    });
    group.bench_function("read+evaluate", |b| {
        b.iter(|| {
            let scenario = Scenario::from_json(black_box(&text)).unwrap();
            evaluate(&scenario).is_ok()
        })
    });
    group.bench_function("evaluate", |b| {
        b.iter(|| evaluate(black_box(&parsed)).is_ok())
    });
    group.bench_function("respond", |b| b.iter(|| respond(black_box(&parsed))));
    group.finish();
}

fn json_lines(c: &mut Criterion) {
    const LINES: usize = 10_000;
    let mut input = Vec::new();
    for i in 0..LINES {
        let mut json = scenario_json(1);
        // Every tenth line is denied, so the stream writes both kinds of body.
        if i % 10 == 0 {
            json["Instances"][1]["Category"] = json!("Basic");
        }
        json["RequestId"] = json!(null);
        input.extend_from_slice(json.to_string().as_bytes());
        input.push(b'\n');
    }
    let summary = jsonl::evaluate_lines(&input[..], io::sink(), None).unwrap();
    assert_eq!((summary.allowed, summary.denied), (9_000, 1_000));
    let mut group = c.benchmark_group("stream");
    group.throughput(Throughput::Elements(LINES as u64));
    group.sample_size(20);
    group.bench_function("jsonl/10000", |b| {
        b.iter(|| jsonl::evaluate_lines(black_box(&input[..]), io::sink(), None).unwrap())
    });
    group.finish();
}

criterion_group!(
    benches,
    allowed_by_size,
    denied_by_rule,
    json_reading,
    json_lines
);
criterion_main!(benches);
