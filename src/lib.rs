//! An exact, pure decision core for the ApsaraDB RDS for SQL Server API
//! **CopyDatabaseBetweenInstances**: given a snapshot of the world and one
//! request, [`evaluate`] answers what the real API would — allowed, or the
//! documented error with its HTTP status, `Code` and `Message`, byte for byte.
//!
//! * The error table is [`ErrorCode`]: all 142 rows of the API page, in order.
//! * The rules are [`RULES`], checked in order; the first that fails decides.
//!   `rules.md` is generated from them and explains each one.
//! * The category matrix is [`matrix::MATRIX`].
//! * [`Scenario`] reads from JSON with the API's own field names, so output of
//!   DescribeDBInstanceAttribute, DescribeBackups and friends can be pasted in.
//!
//! The library reads no clock, file, environment or randomness: the same
//! scenario always gets the same answer, and no input makes it panic.
//!
//! ```
//! use copydb_rules::{Scenario, evaluate, respond};
//!
//! let scenario = Scenario::from_json(r#"{
//!   "Now": "2026-12-01T00:00:00Z",
//!   "Instances": [
//!     {"DBInstanceId": "rm-source", "Engine": "SQLServer", "EngineVersion": "2019_std_ha",
//!      "Category": "HighAvailability", "RegionId": "cn-hangzhou", "InstanceNetworkType": "VPC",
//!      "DBInstanceStorage": 100, "Databases": [{"DBName": "sales", "DBSizeBytes": 1048576}]},
//!     {"DBInstanceId": "rm-target", "Engine": "SQLServer", "EngineVersion": "2019_std_ha",
//!      "Category": "Basic", "RegionId": "cn-hangzhou", "InstanceNetworkType": "VPC",
//!      "DBInstanceStorage": 100}
//!   ],
//!   "Request": {"DBInstanceId": "rm-source", "TargetDBInstanceId": "rm-target",
//!               "DbNames": "{\"sales\":\"sales_copy\"}", "RestoreTime": "2026-11-30T12:00:00Z"}
//! }"#)?;
//!
//! let denial = evaluate(&scenario).unwrap_err();
//! assert_eq!(denial.rule().number, 18);
//! assert_eq!(denial.error().code(), "UnsupportedCopyDbHighAvailabilityToBasic");
//! assert_eq!(denial.error().status(), 403);
//! assert_eq!(
//!     denial.error().message(),
//!     "Replicate Database from RDS Category:HighAvailability to RDS Category:Basic is not supported."
//! );
//!
//! let body = respond(&scenario).to_json();
//! assert!(body.contains(r#""HostId":"rds.aliyuncs.com","Code":"UnsupportedCopyDbHighAvailabilityToBasic""#));
//! # Ok::<(), copydb_rules::ScenarioError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod catalogue;
pub mod docs;
mod facts;
pub mod jsonl;
pub mod matrix;
mod names;
mod read;
mod response;
mod rules;
mod scenario;

use std::fmt;

pub use catalogue::{Coverage, ErrorCode, NotProduced};
pub use read::ScenarioError;
pub use response::{HOST_ID, Response, request_id};
pub use rules::{RULES, Role, Rule, Subject};
pub use scenario::{
    Backup, BackupMethod, BackupPolicy, BackupType, ColdStoragePeriod, Database, Instance,
    InstanceType, PolicyBackupMethod, RecoveryModel, Request, Scenario, TdeStatus,
};

use facts::Facts;
use rules::Fault;

/// The answer to a scenario: allowed, or denied with the documented error.
pub type Decision<'a> = Result<Approval, Denial<'a>>;

/// The copy would be accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Approval {
    databases: usize,
}

impl Approval {
    /// How many databases the request copies.
    pub fn databases(&self) -> usize {
        self.databases
    }
}

/// The copy would be refused: with which row of the error table, by which
/// rule, about what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Denial<'a> {
    rule: &'static Rule,
    error: ErrorCode,
    subject: Subject<'a>,
}

impl<'a> Denial<'a> {
    fn from_check(rule: &'static Rule, facts: &Facts<'a>) -> Option<Denial<'a>> {
        let Fault { code, subject } = rule.check(facts)?;
        Some(Denial {
            rule,
            error: code,
            subject,
        })
    }

    /// The row of the error table the API answers with.
    pub fn error(&self) -> ErrorCode {
        self.error
    }

    /// The rule that decided.
    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// What the denial is about: a parameter, an instance, a database…
    pub fn subject(&self) -> &Subject<'a> {
        &self.subject
    }
}

impl fmt::Display for Denial<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (about the {})",
            self.rule, self.error, self.subject
        )
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.number == other.number
    }
}

impl Eq for Rule {}

/// Decides a scenario: the first rule of [`RULES`] that fails denies it.
///
/// Pure and total: no clock, no I/O, no randomness, no panic, whatever the input.
pub fn evaluate(scenario: &Scenario) -> Decision<'_> {
    let facts = Facts::new(scenario);
    if let Some(denial) = RULES
        .iter()
        .find_map(|rule| Denial::from_check(rule, &facts))
    {
        return Err(denial);
    }
    Ok(Approval {
        databases: facts.entries().map_or(0, <[_]>::len),
    })
}

/// Every rule that fails for a scenario, in rule order, not only the first.
///
/// [`evaluate`] answers with the first of these; the rest show what would
/// still be refused once it is mended. Each rule judges only the parts of the
/// scenario that exist, so a missing instance is reported once, by its own rule.
pub fn audit(scenario: &Scenario) -> Vec<Denial<'_>> {
    let facts = Facts::new(scenario);
    RULES
        .iter()
        .filter_map(|rule| Denial::from_check(rule, &facts))
        .collect()
}

/// Decides a scenario and builds the API's response body.
pub fn respond(scenario: &Scenario) -> Response {
    Response::new(scenario, &evaluate(scenario))
}

/// The README's library example, run as a doc-test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
