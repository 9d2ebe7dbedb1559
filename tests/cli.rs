//! Drives the real binary: exit codes, standard output, standard error.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Starts the binary with `args`, from the package root, writing to `stdout`.
fn start(args: &[&str], stdout: impl Into<Stdio>) -> Child {
    Command::new(env!("CARGO_BIN_EXE_copydb-rules"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Runs the binary with `args` and `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = start(args, Stdio::piped());
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

/// An example scenario, as JSON.
fn example_json(name: &str) -> Value {
    let path = root().join("examples").join(format!("{name}.json"));
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The response an example gets, as the binary prints it.
fn expected(name: &str) -> String {
    std::fs::read_to_string(
        root()
            .join("examples")
            .join(format!("{name}.expected.json")),
    )
    .unwrap()
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

#[track_caller]
fn assert_unreadable(output: &Output, stderr_starts: &str) {
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty(), "{}", text(&output.stdout));
    let stderr = text(&output.stderr);
    assert!(stderr.starts_with(stderr_starts), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_str().unwrap();
            name.ends_with(".json") && !name.ends_with(".expected.json")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_prints_its_expected_response() {
    let files = examples();
    assert!(files.len() >= 8);
    let mut families = Vec::new();
    for file in files {
        let relative = file
            .strip_prefix(root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let expected = std::fs::read_to_string(file.with_extension("expected.json")).unwrap();
        let output = run(&["evaluate", &relative], b"");
        assert_eq!(text(&output.stdout), expected, "{relative}");
        let denied = expected.contains("\"Code\"");
        assert_eq!(
            output.status.code(),
            Some(if denied { 1 } else { 0 }),
            "{relative}"
        );
        assert!(
            output.stderr.is_empty(),
            "{relative}: {}",
            text(&output.stderr)
        );
        families.push(relative);
    }
    for family in [
        "allowed-from-backup-set",
        "allowed-point-in-time",
        "denied-parameters",
        "denied-instances",
        "denied-pair",
        "denied-backups",
        "denied-databases",
        "denied-capacity",
    ] {
        assert!(
            families.iter().any(|f| f.contains(family)),
            "no example for {family}"
        );
    }
}

#[test]
fn the_readme_shows_a_real_run() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let expected = expected("denied-databases-tde");
    let output = run(
        &[
            "evaluate",
            "--explain",
            "examples/denied-databases-tde.json",
        ],
        b"",
    );
    let shown = format!(
        "$ copydb-rules evaluate --explain examples/denied-databases-tde.json\n{expected}{}",
        text(&output.stderr)
    );
    assert!(
        readme.contains(&shown),
        "README's console example is stale:\n{shown}"
    );
}

#[test]
fn standard_input_is_read_when_there_is_no_file() {
    let scenario = std::fs::read(root().join("examples/denied-databases-tde.json")).unwrap();
    let expected = expected("denied-databases-tde");
    for args in [&["evaluate"][..], &["evaluate", "-"]] {
        let output = run(args, &scenario);
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(text(&output.stdout), expected);
    }
}

#[test]
fn pretty_and_explain() {
    let output = run(
        &[
            "evaluate",
            "--pretty",
            "--explain",
            "examples/denied-pair-high-availability-to-basic.json",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    let body: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(body["Code"], "UnsupportedCopyDbHighAvailabilityToBasic");
    assert_eq!(body["HttpStatus"], 403);
    assert!(text(&output.stdout).contains("\n  \"HostId\": \"rds.aliyuncs.com\",\n"));
    assert_eq!(
        text(&output.stderr),
        "denied by rule 18 (category-matrix): The category matrix forbids the source category × target category (see the matrix).\n\
         about the copy from \"rm-bp1erp2019src\" to \"rm-bp1dev2019basic\"\n\
         answer: 403 UnsupportedCopyDbHighAvailabilityToBasic\n"
    );
    let output = run(
        &[
            "evaluate",
            "--explain",
            "examples/allowed-from-backup-set.json",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stderr),
        "allowed: all 35 rules pass for 1 database(s)\n"
    );
}

#[test]
fn a_scenario_without_now_uses_the_clock() {
    let mut scenario: Value = example_json("allowed-from-backup-set");
    scenario.as_object_mut().unwrap().remove("Now");
    let output = run(&["evaluate"], scenario.to_string().as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let body: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(body.as_object().unwrap().len(), 1);
}

#[test]
fn malformed_input_exits_2_and_says_where() {
    let output = run(&["evaluate"], b"{\"Now\": ");
    assert_unreadable(
        &output,
        "copydb-rules: <stdin>: Now: EOF while parsing a value at line 1 column 8\n",
    );
    let output = run(&["evaluate"], b"");
    assert_unreadable(
        &output,
        "copydb-rules: <stdin>: (top level): EOF while parsing a value at line 1 column 0\n",
    );
    let mut scenario: Value = example_json("allowed-from-backup-set");
    scenario["Instances"][1]["DBInstanceStorage"] = Value::from("big");
    let pretty = serde_json::to_string_pretty(&scenario).unwrap();
    let line = pretty.lines().position(|l| l.contains("\"big\"")).unwrap() + 1;
    let output = run(&["evaluate"], pretty.as_bytes());
    assert_unreadable(
        &output,
        &format!(
            "copydb-rules: <stdin>: Instances[1].DBInstanceStorage: invalid type: string \"big\", expected u64 at line {line} column "
        ),
    );
    scenario["Instances"][1]["DBInstanceStorage"] = Value::from(300);
    scenario["Instances"][1]["DBInstanceType"] = Value::from("Replica");
    let output = run(&["evaluate"], scenario.to_string().as_bytes());
    assert_unreadable(
        &output,
        "copydb-rules: <stdin>: Instances[1].DBInstanceType: unknown variant `Replica`, expected one of `Primary`, `Readonly`, `Guard`, `Temp` at line 1 column ",
    );
}

#[test]
fn files_that_cannot_be_read_exit_2() {
    let output = run(&["evaluate", "examples/no-such-file.json"], b"");
    assert_unreadable(
        &output,
        "copydb-rules: examples/no-such-file.json: No such file or directory",
    );
    let output = run(&["evaluate", "examples"], b"");
    assert_unreadable(&output, "copydb-rules: examples: Is a directory");
    let empty =
        std::env::temp_dir().join(format!("copydb-rules-empty-{}.json", std::process::id()));
    std::fs::write(&empty, b"").unwrap();
    let output = run(&["evaluate", empty.to_str().unwrap()], b"");
    std::fs::remove_file(&empty).unwrap();
    assert_unreadable(
        &output,
        &format!(
            "copydb-rules: {}: (top level): EOF while parsing a value at line 1 column 0",
            empty.display()
        ),
    );
}

#[test]
fn json_lines_keep_order_and_survive_bad_lines() {
    let mut lines = Vec::new();
    let mut expected = Vec::new();
    for file in examples() {
        let scenario: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        lines.push(scenario.to_string());
        expected.push(
            std::fs::read_to_string(file.with_extension("expected.json"))
                .unwrap()
                .trim_end()
                .to_owned(),
        );
    }
    lines.insert(2, "not json".to_owned());
    expected.insert(
        2,
        r#"{"Line":3,"ScenarioError":"(top level): expected ident at line 1 column 2"}"#.to_owned(),
    );
    lines.insert(5, String::new());
    expected.insert(
        5,
        r#"{"Line":6,"ScenarioError":"(top level): EOF while parsing a value at line 1 column 0"}"#
            .to_owned(),
    );
    let input = lines.join("\r\n") + "\n";
    let output = run(&["evaluate", "--jsonl"], input.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stdout).lines().collect::<Vec<_>>(), expected);
    // Without a bad line the stream exits 0, even with denials in it.
    let good: Vec<&String> = lines.iter().filter(|l| l.starts_with('{')).collect();
    let input = good.iter().map(|l| format!("{l}\n")).collect::<String>();
    let output = run(&["evaluate", "--jsonl", "-"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout).lines().count(), good.len());
}

#[test]
fn the_catalogue_prints_142_rows() {
    let output = run(&["catalogue"], b"");
    assert_eq!(output.status.code(), Some(0));
    let rows: Vec<Value> = text(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 142);
    assert_eq!(
        text(&output.stdout).lines().nth(1).unwrap(),
        r#"{"HttpStatus":400,"Code":"InvalidBackupSetID","Message":"Invalid backup set id.","Produced":true,"Rule":22,"Rules":[22]}"#
    );
    assert_eq!(
        text(&output.stdout).lines().next().unwrap(),
        r#"{"HttpStatus":400,"Code":"%s","Message":"DB Operation Failed:%s.","Produced":false,"Rule":null,"Why":"runtime failure during execution: a SQL statement failed while the copy ran"}"#
    );
    assert_eq!(rows.iter().filter(|r| r["Produced"] == true).count(), 47);
    let duplicate = rows
        .iter()
        .find(|r| r["Code"] == "InvalidDBName.Duplicate")
        .unwrap();
    assert_eq!(duplicate["Rules"], serde_json::json!([6, 33]));
    let output = run(&["catalogue", "--markdown"], b"");
    assert_eq!(text(&output.stdout), copydb_rules::docs::catalogue_table());
}

#[test]
fn the_matrix_is_the_table_rules_md_carries() {
    let output = run(&["matrix"], b"");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stdout), copydb_rules::matrix::markdown());
    let rules_md = std::fs::read_to_string(root().join("rules.md")).unwrap();
    assert!(rules_md.contains(text(&output.stdout)));
}

#[test]
fn usage_errors_exit_2() {
    let output = run(&["evaluate", "--pretty", "--jsonl"], b"");
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["frobnicate"], b"");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn output_errors_name_standard_output() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // No /dev/full on this system: nothing to check.
    };
    let line = example_json("allowed-from-backup-set");
    let mut child = start(&["evaluate", "--jsonl", "-"], full);
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{line}\n").as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "copydb-rules: standard output: No space left on device (os error 28)\n"
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let scenario: Value = example_json("allowed-from-backup-set");
    let input = format!("{scenario}\n").repeat(20_000);
    let mut child = start(&["evaluate", "--jsonl"], Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    // Read one line, then hang up, like `| head -1`.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let _ = writer.join();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
}
