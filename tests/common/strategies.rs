//! Generators of valid scenarios, and one fault injector per rule of rules.md.
//!
//! A valid scenario is allowed: any category pair the matrix allows, 1–20
//! databases with random valid names and sizes, a backup set or a restore time
//! inside the window, plus unrelated instances and backups as noise. A fault
//! injector turns a valid scenario into one that breaks its rule and no other
//! (property 2 checks that with `audit`); on a scenario that is already
//! faulty, it still leaves the rules before its own passing. Injectors never
//! look at the crate's own tables: the expected answer is written here, and
//! its message is read from the page's table in `tests/data/error-codes.tsv`.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use copydb_rules::{
    Backup, BackupMethod, BackupPolicy, BackupType, ColdStoragePeriod, Database, Instance,
    InstanceType, PolicyBackupMethod, RecoveryModel, Request, Scenario, TdeStatus,
};
use proptest::prelude::*;
use serde::de::{Deserializer, MapAccess, Visitor};

pub const GIB: u64 = 1 << 30;

/// The category matrix as the issue gives it: source row × target column.
pub const CATEGORIES: [&str; 4] = ["Basic", "HighAvailability", "AlwaysOn", "Share"];
pub const MATRIX: [[Option<(&str, u16)>; 4]; 4] = [
    [
        None,
        Some(("BackupRestoreNotSupported.BasicHA", 400)),
        None,
        Some(("UnsupportedCopyDbBasicToShare", 403)),
    ],
    [
        Some(("UnsupportedCopyDbHighAvailabilityToBasic", 403)),
        None,
        Some(("BackupRestoreNotSupported.HADedicatedAlwaysOn", 400)),
        Some(("UnsupportedCopyDbHighAvailabilityToShare", 403)),
    ],
    [
        Some(("UnsupportedCopyDbAlwaysOnToBasic", 403)),
        Some(("UnsupportedCopyDbAlwaysOnToHighAvailability", 403)),
        None,
        Some(("UnsupportedCopyDbAlwaysOnToShare", 403)),
    ],
    [
        Some(("UnsupportedCopyDbShareToBasic", 403)),
        Some(("UnsupportedCopyDbShareToHighAvailability", 403)),
        Some(("UnsupportedCopyDbShareToAlwaysOn", 403)),
        None,
    ],
];

const VERSIONS: [&str; 6] = [
    "2012_std_ha",
    "2014_ent",
    "2016_web",
    "2017_std_ha",
    "2019_ent",
    "2022_std_ha",
];
const STORAGE_TYPES: [&str; 4] = ["cloud_essd", "cloud_essd2", "local_ssd", "cloud_essd3"];

/// What an injected fault must be answered with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expected {
    pub rule: u8,
    pub status: u16,
    pub code: &'static str,
}

impl Expected {
    /// The page's message for this row, from the TSV copy of its table.
    pub fn message(&self) -> &'static str {
        page_message(self.status, self.code)
    }
}

pub fn page_message(status: u16, code: &str) -> &'static str {
    const TSV: &str = include_str!("../data/error-codes.tsv");
    TSV.lines()
        .skip(1)
        .find_map(|line| {
            let mut fields = line.split('\t');
            let row_status: u16 = fields.next()?.parse().ok()?;
            (row_status == status && fields.next()? == code).then(|| fields.next())?
        })
        .unwrap_or_else(|| panic!("the page has no row {status} {code}"))
}

/// A fault injector: breaks its rule, given a seed for its variants.
pub struct Fault {
    pub rule: u8,
    pub name: &'static str,
    pub inject: fn(&mut Scenario, u64) -> Expected,
}

impl fmt::Debug for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fault {} ({})", self.rule, self.name)
    }
}

// ---------------------------------------------------------------- valid scenarios

/// A small deterministic generator for the details proptest need not shrink.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn word(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len).map(|_| *self.pick(alphabet) as char).collect()
    }
}

const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const ID: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const SOURCE_NAME: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ $";
/// No digits: a requested target name ends with its position's digits, which keeps names apart.
const TARGET_STEM: &[u8] = b"abcdefghijklmnopqrstuvwxyz_-";

/// How the data is taken in a valid scenario.
#[derive(Clone, Copy, Debug)]
pub enum OriginKind {
    /// A physical or logical backup set.
    Backup,
    /// A snapshot backup set, restored whole.
    Snapshot,
    /// A point in time inside the window.
    PointInTime,
}

/// The dimensions proptest varies (and shrinks); the rest comes from `seed`.
#[derive(Clone, Debug)]
pub struct Blueprint {
    pub pair: usize,
    pub databases: usize,
    pub requested: usize,
    pub origin: OriginKind,
    pub seed: u64,
}

/// Category pairs the matrix allows.
const ALLOWED_PAIRS: [(usize, usize); 5] = [(0, 0), (0, 2), (1, 1), (2, 2), (3, 3)];

pub fn blueprint() -> impl Strategy<Value = Blueprint> {
    (
        0..ALLOWED_PAIRS.len(),
        1usize..=20,
        any::<u64>(),
        prop_oneof![
            Just(OriginKind::Backup),
            Just(OriginKind::Snapshot),
            Just(OriginKind::PointInTime)
        ],
        any::<u64>(),
    )
        .prop_map(|(pair, databases, requested, origin, seed)| Blueprint {
            pair,
            databases,
            requested: 1 + (requested % databases as u64) as usize,
            origin,
            seed,
        })
}

pub fn valid_scenario() -> impl Strategy<Value = Scenario> {
    blueprint().prop_map(|b| build(&b))
}

fn at(t: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    t + Duration::seconds(seconds)
}

fn instance(
    id: String,
    account: Option<String>,
    category: &str,
    version: &str,
    dice: &mut Dice,
) -> Instance {
    Instance {
        db_instance_id: id,
        account_id: account,
        engine: "SQLServer".to_owned(),
        engine_version: version.to_owned(),
        category: category.to_owned(),
        db_instance_type: InstanceType::Primary,
        db_instance_status: "Running".to_owned(),
        lock_mode: "Unlock".to_owned(),
        region_id: "cn-hangzhou".to_owned(),
        zone_id: Some(format!("cn-hangzhou-{}", *dice.pick(LOWER) as char)),
        instance_network_type: "VPC".to_owned(),
        db_instance_storage: 20,
        db_instance_storage_type: dice.pick(&STORAGE_TYPES).to_string(),
        db_instance_disk_used: 0,
        db_max_quantity: None,
        dedicated_host_group_id: None,
        backup_policy: BackupPolicy {
            backup_method: PolicyBackupMethod::Physical,
            backup_retention_period: 7,
            enable_backup_log: true,
        },
        databases: Vec::new(),
    }
}

/// A valid (allowed) scenario from a blueprint.
pub fn build(b: &Blueprint) -> Scenario {
    let mut dice = Dice::new(b.seed);
    let now =
        DateTime::from_timestamp(1_577_836_800 + dice.below(10 * 365 * 86_400) as i64, 0).unwrap();
    let (source_category, target_category) = ALLOWED_PAIRS[b.pair];
    let (v1, v2) = (dice.below(6) as usize, dice.below(6) as usize);
    let (source_version, target_version) = (VERSIONS[v1.min(v2)], VERSIONS[v1.max(v2)]);

    // Accounts: named caller, caller implied by the source, or none at all.
    let account = format!("1{}", dice.word(b"0123456789", 15));
    let (caller, source_account, target_account) = match dice.below(4) {
        0 => (
            Some(account.clone()),
            Some(account.clone()),
            Some(account.clone()),
        ),
        1 => (None, Some(account.clone()), Some(account.clone())),
        2 => (None, None, None),
        _ => (Some(account.clone()), None, Some(account.clone())),
    };
    let source_id = format!("rm-{}", dice.word(ID, 10));
    let target_id = format!("rm-{}t", dice.word(ID, 10));
    let mut source = instance(
        source_id.clone(),
        source_account,
        CATEGORIES[source_category],
        source_version,
        &mut dice,
    );
    let mut target = instance(
        target_id.clone(),
        target_account,
        CATEGORIES[target_category],
        target_version,
        &mut dice,
    );
    if (target_category == 0 || target_category == 2)
        && (source_category == 0 || source_category == 2)
        && dice.chance(30)
    {
        target.dedicated_host_group_id = Some(format!("dhg-{}", dice.word(ID, 8)));
    }
    if dice.chance(20) {
        source.instance_network_type = "Classic".to_owned();
        target.instance_network_type = "Classic".to_owned();
    }

    // Source databases: unique names (with case and odd characters), the first
    // `requested` of them copied.
    let point_in_time = matches!(b.origin, OriginKind::PointInTime);
    for i in 0..b.databases {
        let requested = i < b.requested;
        let stem_len = 1 + dice.below(12) as usize;
        let name = format!(
            "{}{}_{i}",
            *dice.pick(LOWER) as char,
            dice.word(SOURCE_NAME, stem_len)
        );
        let mut db = Database {
            db_name: name,
            db_status: "Running".to_owned(),
            db_size_bytes: dice.below(64 * GIB),
            tde_status: TdeStatus::Disabled,
            recovery_model: *dice.pick(&[
                RecoveryModel::Full,
                RecoveryModel::BulkLogged,
                RecoveryModel::Simple,
            ]),
            cold_storage_periods: Vec::new(),
        };
        if point_in_time && requested && db.recovery_model == RecoveryModel::Simple {
            db.recovery_model = RecoveryModel::Full;
        }
        if dice.chance(20) {
            // Long ago, and over: neither cold now nor at any time in the window.
            let start = at(now, -(400 + dice.below(300) as i64) * 86_400);
            db.cold_storage_periods.push(ColdStoragePeriod {
                start,
                end: Some(at(start, 86_400 * 30)),
            });
        }
        if !requested {
            db.tde_status = *dice.pick(&[TdeStatus::Enabled, TdeStatus::Disabled]);
            db.db_status = dice.pick(&["Running", "Creating", "Deleting"]).to_string();
        }
        source.databases.push(db);
    }
    let mut entries = Vec::new();
    for (i, db) in source.databases.iter().take(b.requested).enumerate() {
        let stem_len = dice.below(12) as usize;
        let target_name = format!(
            "{}{}{i}",
            *dice.pick(LOWER) as char,
            dice.word(TARGET_STEM, stem_len)
        );
        let source_name = if dice.chance(20) {
            db.db_name.to_uppercase()
        } else {
            db.db_name.clone()
        };
        entries.push((source_name, target_name));
    }
    for i in 0..dice.below(6) {
        // Existing target names end with a letter; requested ones with a digit.
        target.databases.push(Database {
            db_name: format!("existing_{i}_{}", dice.word(LOWER, 3)),
            db_status: "Running".to_owned(),
            db_size_bytes: dice.below(GIB),
            tde_status: TdeStatus::Disabled,
            recovery_model: RecoveryModel::Full,
            cold_storage_periods: Vec::new(),
        });
    }

    // Room on the target: strictly more free space than the copy needs.
    let needed: u64 = source.databases[..b.requested]
        .iter()
        .map(|db| db.db_size_bytes)
        .sum();
    target.db_instance_storage = needed / GIB + 1 + dice.below(500);
    let capacity = target.db_instance_storage * GIB;
    target.db_instance_disk_used = dice.below(capacity - needed);
    if dice.chance(50) {
        target.db_max_quantity =
            Some((target.databases.len() + b.requested) as u64 + dice.below(50));
    }
    source.db_instance_storage = needed / GIB + 10;

    let mut backups = Vec::new();
    let backup_id = format!("2{}", dice.word(b"0123456789", 8));
    let mut request = Request {
        db_instance_id: Some(source_id.clone()),
        target_db_instance_id: Some(target_id.clone()),
        db_names: None,
        backup_id: None,
        restore_time: None,
        sync_user_privilege: dice
            .pick(&[None, Some(""), Some("YES"), Some("NO")])
            .map(str::to_owned),
    };
    let requested_names: Vec<String> = source.databases[..b.requested]
        .iter()
        .map(|db| db.db_name.clone())
        .collect();
    match b.origin {
        OriginKind::Backup | OriginKind::Snapshot => {
            let snapshot = matches!(b.origin, OriginKind::Snapshot);
            let end = at(now, -(dice.below(60 * 86_400) as i64));
            let names = if snapshot {
                source.backup_policy.backup_method = PolicyBackupMethod::Snapshot;
                target.backup_policy.backup_method = PolicyBackupMethod::Snapshot;
                if b.requested == b.databases && dice.chance(50) {
                    None
                } else {
                    Some(requested_names.join(","))
                }
            } else if dice.chance(40) {
                None
            } else {
                let mut names = requested_names.clone();
                for db in &source.databases[b.requested..] {
                    if dice.chance(50) {
                        names.push(db.db_name.clone());
                    }
                }
                Some(
                    names
                        .iter()
                        .map(|n| {
                            if dice.chance(30) {
                                format!(" {} ", n.to_lowercase())
                            } else {
                                n.clone()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(","),
                )
            };
            backups.push(Backup {
                backup_id: backup_id.clone(),
                db_instance_id: source_id.clone(),
                backup_status: "Success".to_owned(),
                backup_start_time: at(end, -1800),
                backup_end_time: end,
                backup_type: if snapshot {
                    BackupType::FullBackup
                } else {
                    *dice.pick(&[BackupType::FullBackup, BackupType::IncrementalBackup])
                },
                backup_method: if snapshot {
                    BackupMethod::Snapshot
                } else {
                    *dice.pick(&[BackupMethod::Physical, BackupMethod::Logical])
                },
                backup_db_names: names,
            });
            request.backup_id = Some(backup_id);
            if dice.chance(30) {
                request.restore_time = Some(String::new());
            }
        }
        OriginKind::PointInTime => {
            let retention = 1 + dice.below(35);
            source.backup_policy.backup_retention_period = retention;
            if dice.chance(30) {
                source.backup_policy.backup_method = PolicyBackupMethod::Snapshot;
                target.backup_policy.backup_method = PolicyBackupMethod::Snapshot;
            }
            let time = at(now, -(1 + dice.below(retention * 86_400 - 1) as i64));
            let end = at(time, -(dice.below(7200) as i64));
            backups.push(Backup {
                backup_id: backup_id.clone(),
                db_instance_id: source_id.clone(),
                backup_status: "Success".to_owned(),
                backup_start_time: at(end, -1800),
                backup_end_time: end,
                backup_type: BackupType::FullBackup,
                backup_method: *dice.pick(&[BackupMethod::Physical, BackupMethod::Snapshot]),
                backup_db_names: None,
            });
            request.restore_time = Some(restore_time_text(time));
            if dice.chance(30) {
                request.backup_id = Some(String::new());
            }
        }
    }
    let mut scenario = Scenario {
        now,
        caller_account_id: caller,
        request_id: None,
        instances: vec![source, target],
        backups,
        request,
    };
    set_entries(&mut scenario, &entries);
    add_noise(&mut scenario, &mut dice);
    scenario
}

/// Instances and backups that have nothing to do with the request.
fn add_noise(s: &mut Scenario, dice: &mut Dice) {
    let source_id = s.request.db_instance_id.clone().unwrap();
    for i in 0..dice.below(4) {
        let mut other = instance(
            format!("rm-noise{i}{}", dice.word(ID, 6)),
            Some("9999".to_owned()),
            "Basic",
            "2019_ent",
            dice,
        );
        other.region_id = dice.pick(&["cn-hangzhou", "cn-beijing"]).to_string();
        other.engine = dice.pick(&["SQLServer", "MySQL"]).to_string();
        other.databases.push(Database {
            db_name: "sales".to_owned(),
            db_status: "Running".to_owned(),
            db_size_bytes: 1,
            tde_status: TdeStatus::Enabled,
            recovery_model: RecoveryModel::Simple,
            cold_storage_periods: Vec::new(),
        });
        s.instances.push(other);
    }
    for i in 0..dice.below(4) {
        let end = at(s.now, -(dice.below(30 * 86_400) as i64));
        s.backups.push(Backup {
            backup_id: format!("3{i}{}", dice.word(b"0123456789", 6)),
            db_instance_id: if dice.chance(50) {
                source_id.clone()
            } else {
                "rm-elsewhere".to_owned()
            },
            backup_status: "Failed".to_owned(),
            backup_start_time: at(end, -60),
            backup_end_time: end,
            backup_type: BackupType::FullBackup,
            backup_method: BackupMethod::Snapshot,
            backup_db_names: None,
        });
    }
    // Shuffle the listing order; it must not matter.
    let n = s.instances.len();
    for i in (1..n).rev() {
        let j = dice.below(i as u64 + 1) as usize;
        s.instances.swap(i, j);
    }
    let n = s.backups.len();
    for i in (1..n).rev() {
        let j = dice.below(i as u64 + 1) as usize;
        s.backups.swap(i, j);
    }
}

pub fn restore_time_text(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

// ---------------------------------------------------------------- scenario helpers

/// `DbNames` as ordered pairs, duplicates kept; `None` when it is not an object of strings.
pub fn entries(s: &Scenario) -> Option<Vec<(String, String)>> {
    struct Pairs(Vec<(String, String)>);
    impl<'de> serde::Deserialize<'de> for Pairs {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Pairs;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an object of strings")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                    let mut pairs = Vec::new();
                    while let Some(pair) = map.next_entry::<String, String>()? {
                        pairs.push(pair);
                    }
                    Ok(Pairs(pairs))
                }
            }
            d.deserialize_map(V)
        }
    }
    let text = s.request.db_names.as_deref()?;
    let Pairs(pairs) = serde_json::from_str(text).ok()?;
    (!pairs.is_empty()).then_some(pairs)
}

pub fn set_entries(s: &mut Scenario, pairs: &[(String, String)]) {
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}:{}",
                serde_json::to_string(k).unwrap(),
                serde_json::to_string(v).unwrap()
            )
        })
        .collect();
    s.request.db_names = Some(format!("{{{}}}", body.join(",")));
}

fn find<'a>(s: &'a mut Scenario, id: &Option<String>) -> Option<&'a mut Instance> {
    let id = id.clone()?;
    s.instances.iter_mut().find(|i| i.db_instance_id == id)
}

pub fn source(s: &mut Scenario) -> Option<&mut Instance> {
    let id = s.request.db_instance_id.clone();
    find(s, &id)
}

pub fn target(s: &mut Scenario) -> Option<&mut Instance> {
    let id = s.request.target_db_instance_id.clone();
    find(s, &id)
}

fn fold(name: &str) -> String {
    name.to_lowercase()
}

/// The source database an entry names.
fn source_database<'a>(s: &'a mut Scenario, name: &str) -> Option<&'a mut Database> {
    source(s)?
        .databases
        .iter_mut()
        .find(|db| fold(&db.db_name) == fold(name))
}

/// A running, empty, unencrypted database in the FULL recovery model.
fn plain_database(name: &str) -> Database {
    Database {
        db_name: name.to_owned(),
        db_status: "Running".to_owned(),
        db_size_bytes: 0,
        tde_status: TdeStatus::Disabled,
        recovery_model: RecoveryModel::Full,
        cold_storage_periods: Vec::new(),
    }
}

/// Keeps the target able to take one more copy of `bytes`: one more database
/// under its limit and the space for it, so that only the injected rule breaks.
fn room_for_one_more(s: &mut Scenario, bytes: u64) {
    if let Some(target) = target(s) {
        target.db_max_quantity = target.db_max_quantity.map(|max| max.saturating_add(1));
        target.db_instance_storage = target.db_instance_storage.saturating_add(bytes / GIB + 1);
    }
}

/// A name no database or request uses.
fn fresh_name(dice: &mut Dice) -> String {
    format!("fresh{}7", dice.word(LOWER, 8))
}

/// Whether the origin is a well-formed restore time (and no backup set).
fn is_point_in_time(s: &Scenario) -> bool {
    restore_time_of(s).is_some() && s.request.backup_id.as_deref().is_none_or(str::is_empty)
}

fn restore_time_of(s: &Scenario) -> Option<DateTime<Utc>> {
    let text = s.request.restore_time.as_deref()?;
    let t = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
    (restore_time_text(t) == text).then_some(t)
}

/// Makes the origin a valid restore time, one second before Now, covered by a
/// full backup, with the policies, log backups and recovery models it needs.
pub fn to_point_in_time(s: &mut Scenario) {
    let time = at(s.now, -1);
    s.backups.retain(|b| b.backup_id != "9000000001");
    s.request.backup_id = None;
    s.request.restore_time = Some(restore_time_text(time));
    let source_id = s.request.db_instance_id.clone().unwrap_or_default();
    s.backups.push(Backup {
        backup_id: "9000000001".to_owned(),
        db_instance_id: source_id,
        backup_status: "Success".to_owned(),
        backup_start_time: at(time, -600),
        backup_end_time: at(time, -60),
        backup_type: BackupType::FullBackup,
        backup_method: BackupMethod::Physical,
        backup_db_names: None,
    });
    let source_method = source(s).map(|src| {
        src.backup_policy.enable_backup_log = true;
        src.backup_policy.backup_retention_period =
            src.backup_policy.backup_retention_period.max(1);
        src.backup_policy.backup_method
    });
    if let (Some(method), Some(target)) = (source_method, target(s)) {
        target.backup_policy.backup_method = method;
    }
    let names: Vec<String> = entries(s)
        .unwrap_or_default()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    for name in names {
        if let Some(db) = source_database(s, &name) {
            db.recovery_model = RecoveryModel::Full;
        }
    }
}

/// Makes the origin a successful full physical backup set holding every database.
pub fn to_backup_set(s: &mut Scenario) {
    let source_id = s.request.db_instance_id.clone().unwrap_or_default();
    let end = at(s.now, -3600);
    s.backups.retain(|b| b.backup_id != "9000000002");
    s.backups.push(Backup {
        backup_id: "9000000002".to_owned(),
        db_instance_id: source_id,
        backup_status: "Success".to_owned(),
        backup_start_time: at(end, -600),
        backup_end_time: end,
        backup_type: BackupType::FullBackup,
        backup_method: BackupMethod::Physical,
        backup_db_names: None,
    });
    s.request.backup_id = Some("9000000002".to_owned());
    s.request.restore_time = None;
}

/// The backup set the request names, of the source.
fn named_backup(s: &mut Scenario) -> Option<&mut Backup> {
    let id = s.request.backup_id.clone()?;
    let source = s.request.db_instance_id.clone()?;
    s.backups
        .iter_mut()
        .find(|b| b.backup_id == id && b.db_instance_id == source)
}

const fn expect(rule: u8, status: u16, code: &'static str) -> Expected {
    Expected { rule, status, code }
}

// ---------------------------------------------------------------- the fault injectors

fn required_parameters(s: &mut Scenario, seed: u64) -> Expected {
    let empty = if seed / 3 % 2 == 0 {
        None
    } else {
        Some(String::new())
    };
    match seed % 3 {
        0 => s.request.db_instance_id = empty,
        1 => s.request.target_db_instance_id = empty,
        _ => s.request.db_names = empty,
    }
    expect(1, 400, "RequiredParam.NotFound")
}

fn target_id_format(s: &mut Scenario, seed: u64) -> Expected {
    let target = s
        .request
        .target_db_instance_id
        .clone()
        .unwrap_or_else(|| "rm-x".to_owned());
    s.request.target_db_instance_id = Some(match seed % 5 {
        0 => target.to_uppercase(),
        1 => format!("-{target}"),
        2 => s.request.db_instance_id.clone().unwrap_or_default(),
        3 => "r".repeat(65),
        _ => format!("{target}_x"),
    });
    if s.request.target_db_instance_id.as_deref() == Some("") {
        s.request.target_db_instance_id = Some("RM".to_owned());
    }
    expect(2, 400, "InvalidTargetDBInstanceName.Format")
}

fn db_names_format(s: &mut Scenario, seed: u64) -> Expected {
    let current = entries(s);
    s.request.db_names = Some(match (seed % 5, current) {
        (0, _) => "[]".to_owned(),
        (1, _) => "{}".to_owned(),
        (2, _) => "{\"sales\":1}".to_owned(),
        (3, _) | (_, None) => "sales".to_owned(),
        (_, Some(mut pairs)) => {
            let (source, _) = pairs[0].clone();
            let size = source_database(s, &source).map_or(0, |db| db.db_size_bytes);
            room_for_one_more(s, size);
            let twice = if seed % 2 == 0 {
                source.to_uppercase()
            } else {
                source
            };
            pairs.push((twice, "twice_copy9".to_owned()));
            set_entries(s, &pairs);
            s.request.db_names.clone().unwrap()
        }
    });
    expect(3, 400, "InvalidRecoveryDBNames.Format")
}

fn with_entries(s: &mut Scenario, change: impl FnOnce(&mut Vec<(String, String)>)) {
    let mut pairs =
        entries(s).unwrap_or_else(|| vec![("sales".to_owned(), "sales_copy9".to_owned())]);
    change(&mut pairs);
    set_entries(s, &pairs);
}

fn target_name_characters(s: &mut Scenario, seed: u64) -> Expected {
    with_entries(s, |pairs| {
        let at = seed as usize % pairs.len();
        let name = &mut pairs[at].1;
        *name = match seed / 7 % 4 {
            0 => format!("{}X", name.to_uppercase()),
            1 => format!("{name} x"),
            2 => format!("{name}.x"),
            _ => format!("{name}é"),
        };
    });
    expect(4, 400, "InvalidCharacter.DbOrAccount")
}

fn target_name_format(s: &mut Scenario, seed: u64) -> Expected {
    with_entries(s, |pairs| {
        let at = seed as usize % pairs.len();
        pairs[at].1 = match seed / 7 % 7 {
            0 => "master".to_owned(),
            1 => "select".to_owned(),
            2 => "x".to_owned(),
            3 => "9lives".to_owned(),
            4 => "ends_with_".to_owned(),
            5 => "a".repeat(65),
            _ => String::new(),
        };
    });
    expect(5, 400, "InvalidDBName.Format")
}

fn target_names_distinct(s: &mut Scenario, seed: u64) -> Expected {
    let mut dice = Dice::new(seed);
    let mut pairs = entries(s).unwrap_or_default();
    while pairs.len() < 2 {
        // Another real source database to copy, so only the names clash.
        let name = fresh_name(&mut dice);
        if let Some(src) = source(s) {
            src.databases.push(plain_database(&name));
        }
        if let Some(backup) = named_backup(s) {
            if let Some(names) = backup
                .backup_db_names
                .as_mut()
                .filter(|n| !n.trim_matches([',', ' ']).is_empty())
            {
                names.push(',');
                names.push_str(&name);
            }
        }
        room_for_one_more(s, 0);
        pairs.push((name.clone(), format!("{name}_copy9")));
    }
    let i = dice.below(pairs.len() as u64) as usize;
    let j = (i + 1 + dice.below(pairs.len() as u64 - 1) as usize) % pairs.len();
    pairs[j].1 = pairs[i].1.clone();
    set_entries(s, &pairs);
    expect(6, 400, "InvalidDBName.Duplicate")
}

fn backup_or_restore_time(s: &mut Scenario, seed: u64) -> Expected {
    if seed % 2 == 0 {
        s.request.backup_id = Some("259321001".to_owned());
        s.request.restore_time = Some(restore_time_text(s.now));
        expect(7, 400, "ErrorParametersConflict")
    } else {
        s.request.backup_id = None;
        s.request.restore_time = if seed % 4 == 1 {
            None
        } else {
            Some(String::new())
        };
        expect(7, 400, "InvalidBackupIdOrRestoreTime.NotFound")
    }
}

fn restore_time_format(s: &mut Scenario, seed: u64) -> Expected {
    let good = restore_time_text(at(s.now, -1));
    s.request.backup_id = None;
    s.request.restore_time = Some(match seed % 6 {
        0 => good.replace('T', " "),
        1 => good.replace('Z', "+08:00"),
        2 => good.trim_end_matches('Z').to_owned(),
        3 => good.replace('Z', ".5Z"),
        4 => good.to_lowercase(),
        _ => "2026-02-30T00:00:00Z".to_owned(),
    });
    expect(8, 400, "InvalidBackupIdOrRestoreTime.NotFound")
}

fn sync_user_privilege(s: &mut Scenario, seed: u64) -> Expected {
    s.request.sync_user_privilege =
        Some(["yes", "no", " YES", "TRUE", "1", "YES\n"][seed as usize % 6].to_owned());
    expect(9, 400, "Parameters.Invalid")
}

fn source_instance(s: &mut Scenario, seed: u64) -> Expected {
    if seed % 2 == 0 {
        s.request.db_instance_id = Some("rm-nosuchsource0".to_owned());
    } else {
        let caller = "caller-of-the-target".to_owned();
        s.caller_account_id = Some(caller.clone());
        if let Some(target) = target(s) {
            target.account_id = Some(caller);
        }
        if let Some(source) = source(s) {
            source.account_id = Some("another-account".to_owned());
        }
    }
    expect(10, 404, "InvalidDBInstance.NotFound")
}

fn target_instance(s: &mut Scenario, seed: u64) -> Expected {
    if seed % 2 == 0 {
        s.request.target_db_instance_id = Some("rm-nosuchtarget0".to_owned());
    } else if let Some(target) = target(s) {
        target.account_id = Some("another-account".to_owned());
    }
    expect(11, 403, "InvalidTargetDBInstanceName.Format")
}

fn engine(s: &mut Scenario, seed: u64) -> Expected {
    let on_source = seed % 2 == 0;
    let instance = if on_source { source(s) } else { target(s) };
    if let Some(instance) = instance {
        match seed / 2 % 3 {
            0 => instance.engine = "MySQL".to_owned(),
            1 => instance.engine_version = "2008r2".to_owned(),
            _ => instance.engine_version = "08r2_ent_ha".to_owned(),
        }
    }
    if on_source {
        expect(12, 400, "EngineNotSupported")
    } else {
        expect(12, 400, "TargetInstanceEngineNotSupported")
    }
}

fn instance_type(s: &mut Scenario, seed: u64) -> Expected {
    let instance = if seed % 2 == 0 { source(s) } else { target(s) };
    let (kind, expected) = match seed / 2 % 3 {
        0 => (
            InstanceType::Readonly,
            expect(13, 400, "ReadOnlyInstanceNotSupport"),
        ),
        1 => (
            InstanceType::Guard,
            expect(13, 400, "ReadDBInstanceNotSupport"),
        ),
        _ => (
            InstanceType::Temp,
            expect(13, 403, "InvalidTempInstance.NotSupport"),
        ),
    };
    if let Some(instance) = instance {
        instance.db_instance_type = kind;
    }
    expected
}

fn category(s: &mut Scenario, seed: u64) -> Expected {
    let instance = if seed % 2 == 0 { source(s) } else { target(s) };
    if let Some(instance) = instance {
        instance.category = [
            "serverless_basic",
            "serverless_standard",
            "serverless_ha",
            "Finance",
            "cluster",
            "basic",
        ][seed as usize / 2 % 6]
            .to_owned();
    }
    expect(14, 403, "IncorrectDBInstanceType")
}

fn instance_state(s: &mut Scenario, seed: u64) -> Expected {
    let instance = if seed % 2 == 0 { source(s) } else { target(s) };
    if let Some(instance) = instance {
        match seed / 2 % 3 {
            0 => instance.db_instance_status = "Creating".to_owned(),
            1 => instance.db_instance_status = "running".to_owned(),
            _ => instance.lock_mode = "ManualLock".to_owned(),
        }
    }
    expect(15, 403, "IncorrectDBInstanceState")
}

fn same_region(s: &mut Scenario, _: u64) -> Expected {
    if let Some(target) = target(s) {
        target.region_id = format!("{}-x", target.region_id);
    }
    expect(16, 400, "InvalidInstancesRegion.Malformed")
}

fn same_network(s: &mut Scenario, _: u64) -> Expected {
    let source_network = source(s)
        .map(|src| src.instance_network_type.clone())
        .unwrap_or_default();
    if let Some(target) = target(s) {
        target.instance_network_type = if source_network == "VPC" {
            "Classic"
        } else {
            "VPC"
        }
        .to_owned();
    }
    expect(17, 400, "IncorrectInstanceNetworkType")
}

fn category_matrix(s: &mut Scenario, seed: u64) -> Expected {
    let forbidden: Vec<(usize, usize, &str, u16)> = (0..4)
        .flat_map(|a| (0..4).map(move |b| (a, b)))
        .filter_map(|(a, b)| MATRIX[a][b].map(|(code, status)| (a, b, code, status)))
        .collect();
    let (a, b, code, status) = forbidden[seed as usize % forbidden.len()];
    if let Some(source) = source(s) {
        source.category = CATEGORIES[a].to_owned();
    }
    if let Some(target) = target(s) {
        target.category = CATEGORIES[b].to_owned();
        target.dedicated_host_group_id = None;
    }
    expect(18, status, code)
}

fn dedicated_cluster(s: &mut Scenario, seed: u64) -> Expected {
    let (category, expected) = if seed % 2 == 0 {
        (
            "HighAvailability",
            expect(19, 400, "BackupRestoreNotSupported.HADedicatedAlwaysOn"),
        )
    } else {
        (
            "Share",
            expect(19, 400, "BackupRestoreNotSupported.ShareDedicatedAlwaysOn"),
        )
    };
    if let Some(source) = source(s) {
        source.category = category.to_owned();
    }
    if let Some(target) = target(s) {
        target.category = category.to_owned();
        target.dedicated_host_group_id = Some("dhg-dedicated".to_owned());
    }
    expected
}

fn version_order(s: &mut Scenario, seed: u64) -> Expected {
    let low = seed as usize % 5;
    let high = low + 1 + (seed as usize / 5) % (5 - low);
    if let Some(source) = source(s) {
        source.engine_version = VERSIONS[high].to_owned();
    }
    if let Some(target) = target(s) {
        target.engine_version = VERSIONS[low].to_owned();
    }
    expect(20, 403, "InvalidInstanceVersion")
}

fn cloud_ssd(s: &mut Scenario, seed: u64) -> Expected {
    let instance = if seed % 2 == 0 { source(s) } else { target(s) };
    if let Some(instance) = instance {
        instance.db_instance_storage_type = "cloud_ssd".to_owned();
    }
    expect(21, 403, "CloudSSDNotSupport")
}

fn backup_set(s: &mut Scenario, seed: u64) -> Expected {
    if is_point_in_time(s) || named_backup(s).is_none() {
        to_backup_set(s);
    }
    match seed % 3 {
        0 => s.request.backup_id = Some("1000000000".to_owned()),
        1 => {
            if let Some(backup) = named_backup(s) {
                backup.backup_status = "Failed".to_owned();
            }
        }
        _ => {
            let elsewhere = s.request.target_db_instance_id.clone().unwrap_or_default();
            if let Some(backup) = named_backup(s) {
                backup.db_instance_id = elsewhere;
            }
        }
    }
    expect(22, 400, "InvalidBackupSetID")
}

fn snapshot_backup_set(s: &mut Scenario, _: u64) -> Expected {
    if is_point_in_time(s) || named_backup(s).is_none() {
        to_backup_set(s);
    }
    // The set is exactly what the request takes, so only the target's policy is wrong.
    let names = requested_names(s).join(",");
    if let Some(backup) = named_backup(s) {
        backup.backup_method = BackupMethod::Snapshot;
        backup.backup_db_names = Some(names);
    }
    if let Some(target) = target(s) {
        target.backup_policy.backup_method = PolicyBackupMethod::Physical;
    }
    expect(23, 400, "OperationDenied.SnapshotBackupSet")
}

fn snapshot_restore_time(s: &mut Scenario, _: u64) -> Expected {
    if !is_point_in_time(s) {
        to_point_in_time(s);
    }
    if let Some(source) = source(s) {
        source.backup_policy.backup_method = PolicyBackupMethod::Snapshot;
    }
    if let Some(target) = target(s) {
        target.backup_policy.backup_method = PolicyBackupMethod::Physical;
    }
    expect(24, 400, "OperationDenied.RestoreTime")
}

fn restore_window(s: &mut Scenario, seed: u64) -> Expected {
    if !is_point_in_time(s) {
        to_point_in_time(s);
    }
    let now = s.now;
    match seed % 4 {
        0 => s.request.restore_time = Some(restore_time_text(at(now, 1))),
        1 => {
            let days = source(s).map_or(7, |src| src.backup_policy.backup_retention_period) as i64;
            s.request.restore_time = Some(restore_time_text(at(now, -days * 86_400 - 1)));
        }
        2 => {
            if let Some(source) = source(s) {
                source.backup_policy.enable_backup_log = false;
            }
        }
        _ => {
            let source_id = s.request.db_instance_id.clone().unwrap_or_default();
            for backup in s
                .backups
                .iter_mut()
                .filter(|b| b.db_instance_id == source_id)
            {
                backup.backup_type = BackupType::IncrementalBackup;
            }
        }
    }
    expect(25, 403, "InvalidParamTableMeta.RestoreTime")
}

fn source_databases(s: &mut Scenario, seed: u64) -> Expected {
    let mut dice = Dice::new(seed);
    let pairs = entries(s).unwrap_or_default();
    if seed % 2 == 0 || pairs.is_empty() {
        let name = fresh_name(&mut dice);
        room_for_one_more(s, 0);
        with_entries(s, |pairs| {
            let at = dice.below(pairs.len() as u64 + 1) as usize;
            pairs.insert(at, (name.clone(), name));
        });
    } else {
        let (name, _) = dice.pick(&pairs).clone();
        if let Some(db) = source_database(s, &name) {
            db.db_status = ["Creating", "Deleting", "running"][seed as usize / 2 % 3].to_owned();
        }
    }
    expect(26, 400, "InvalidDBName.NotFound")
}

fn requested_names(s: &Scenario) -> Vec<String> {
    entries(s)
        .unwrap_or_default()
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

fn backup_set_databases(s: &mut Scenario, seed: u64) -> Expected {
    if is_point_in_time(s) || named_backup(s).is_none() {
        to_backup_set(s);
    }
    let mut names = requested_names(s);
    if names.len() >= 2 {
        // Leave one requested database out of the set; what is left is all
        // requested, so a snapshot set is still taken whole.
        names.remove(seed as usize % names.len());
    } else {
        // One database: the set must name another, which a snapshot set would
        // then want copied too, so the set is a physical one.
        names = vec!["not_requested_db".to_owned()];
        if let Some(backup) = named_backup(s) {
            backup.backup_method = BackupMethod::Physical;
        }
    }
    if let Some(backup) = named_backup(s) {
        backup.backup_db_names = Some(names.join(","));
    }
    expect(27, 400, "InvalidBackupSet")
}

fn snapshot_whole_set(s: &mut Scenario, _: u64) -> Expected {
    if is_point_in_time(s) || named_backup(s).is_none() {
        to_backup_set(s);
    }
    let mut names = requested_names(s);
    names.push("left_out_db".to_owned());
    if let Some(backup) = named_backup(s) {
        backup.backup_method = BackupMethod::Snapshot;
        backup.backup_db_names = Some(names.join(","));
    }
    if let Some(target) = target(s) {
        target.backup_policy.backup_method = PolicyBackupMethod::Snapshot;
    }
    expect(28, 403, "Forbidden.SnapshotRecovery")
}

fn pick_requested(s: &mut Scenario, seed: u64) -> Option<&mut Database> {
    let names = requested_names(s);
    let name = names.get(seed as usize % names.len().max(1))?.clone();
    source_database(s, &name)
}

fn cold_storage_now(s: &mut Scenario, seed: u64) -> Expected {
    let now = s.now;
    if let Some(db) = pick_requested(s, seed) {
        let end = if seed / 3 % 2 == 0 {
            None
        } else {
            Some(at(now, 1))
        };
        // From Now on: cold now, and after any restore time (always before Now).
        db.cold_storage_periods
            .push(ColdStoragePeriod { start: now, end });
    }
    expect(29, 400, "InvalidRestoreDB")
}

fn cold_storage_at_restore_time(s: &mut Scenario, seed: u64) -> Expected {
    if !is_point_in_time(s) {
        to_point_in_time(s);
    }
    let time = restore_time_of(s).unwrap();
    if let Some(db) = pick_requested(s, seed) {
        db.cold_storage_periods.push(ColdStoragePeriod {
            start: at(time, -((seed % 100) as i64)),
            end: Some(at(time, 1)),
        });
    }
    expect(30, 400, "InvalidRestoreTimeSpecified")
}

fn tde(s: &mut Scenario, seed: u64) -> Expected {
    if let Some(db) = pick_requested(s, seed) {
        db.tde_status = TdeStatus::Enabled;
    }
    expect(31, 400, "CanNotCopyDBHasTDEEnabled")
}

fn recovery_model(s: &mut Scenario, seed: u64) -> Expected {
    if !is_point_in_time(s) {
        to_point_in_time(s);
    }
    if let Some(db) = pick_requested(s, seed) {
        db.recovery_model = RecoveryModel::Simple;
    }
    expect(32, 403, "CurrentRecoveryModelNotSupportThisAction")
}

fn target_name_taken(s: &mut Scenario, seed: u64) -> Expected {
    let pairs = entries(s).unwrap_or_default();
    if let Some((_, name)) = pairs.get(seed as usize % pairs.len().max(1)).cloned() {
        let existing = if seed % 2 == 0 {
            name.to_uppercase()
        } else {
            name
        };
        room_for_one_more(s, 0);
        if let Some(target) = target(s) {
            target.databases.push(plain_database(&existing));
        }
    }
    expect(33, 400, "InvalidDBName.Duplicate")
}

fn database_count(s: &mut Scenario, _: u64) -> Expected {
    let copies = entries(s).map_or(1, |p| p.len()) as u64;
    if let Some(target) = target(s) {
        target.db_max_quantity = Some(target.databases.len() as u64 + copies - 1);
    }
    expect(34, 400, "DBCountLimitExceeded")
}

fn storage(s: &mut Scenario, seed: u64) -> Expected {
    let names = requested_names(s);
    let mut needed: u64 = 0;
    for name in names {
        if let Some(db) = source_database(s, &name) {
            needed = needed.saturating_add(db.db_size_bytes);
        }
    }
    if let Some(target) = target(s) {
        let capacity = target.db_instance_storage.saturating_mul(GIB);
        target.db_instance_disk_used = if seed % 2 == 0 {
            capacity.saturating_sub(needed)
        } else {
            u64::MAX
        };
    }
    expect(35, 403, "StorageLimitExceeded")
}

/// One injector per rule, in rule order.
pub const FAULTS: &[Fault] = &[
    Fault {
        rule: 1,
        name: "required-parameters",
        inject: required_parameters,
    },
    Fault {
        rule: 2,
        name: "target-id-format",
        inject: target_id_format,
    },
    Fault {
        rule: 3,
        name: "db-names-format",
        inject: db_names_format,
    },
    Fault {
        rule: 4,
        name: "target-name-characters",
        inject: target_name_characters,
    },
    Fault {
        rule: 5,
        name: "target-name-format",
        inject: target_name_format,
    },
    Fault {
        rule: 6,
        name: "target-names-distinct",
        inject: target_names_distinct,
    },
    Fault {
        rule: 7,
        name: "backup-or-restore-time",
        inject: backup_or_restore_time,
    },
    Fault {
        rule: 8,
        name: "restore-time-format",
        inject: restore_time_format,
    },
    Fault {
        rule: 9,
        name: "sync-user-privilege",
        inject: sync_user_privilege,
    },
    Fault {
        rule: 10,
        name: "source-instance",
        inject: source_instance,
    },
    Fault {
        rule: 11,
        name: "target-instance",
        inject: target_instance,
    },
    Fault {
        rule: 12,
        name: "engine",
        inject: engine,
    },
    Fault {
        rule: 13,
        name: "instance-type",
        inject: instance_type,
    },
    Fault {
        rule: 14,
        name: "category",
        inject: category,
    },
    Fault {
        rule: 15,
        name: "instance-state",
        inject: instance_state,
    },
    Fault {
        rule: 16,
        name: "same-region",
        inject: same_region,
    },
    Fault {
        rule: 17,
        name: "same-network",
        inject: same_network,
    },
    Fault {
        rule: 18,
        name: "category-matrix",
        inject: category_matrix,
    },
    Fault {
        rule: 19,
        name: "dedicated-cluster",
        inject: dedicated_cluster,
    },
    Fault {
        rule: 20,
        name: "version-order",
        inject: version_order,
    },
    Fault {
        rule: 21,
        name: "cloud-ssd",
        inject: cloud_ssd,
    },
    Fault {
        rule: 22,
        name: "backup-set",
        inject: backup_set,
    },
    Fault {
        rule: 23,
        name: "snapshot-backup-set",
        inject: snapshot_backup_set,
    },
    Fault {
        rule: 24,
        name: "snapshot-restore-time",
        inject: snapshot_restore_time,
    },
    Fault {
        rule: 25,
        name: "restore-window",
        inject: restore_window,
    },
    Fault {
        rule: 26,
        name: "source-databases",
        inject: source_databases,
    },
    Fault {
        rule: 27,
        name: "backup-set-databases",
        inject: backup_set_databases,
    },
    Fault {
        rule: 28,
        name: "snapshot-whole-set",
        inject: snapshot_whole_set,
    },
    Fault {
        rule: 29,
        name: "cold-storage-now",
        inject: cold_storage_now,
    },
    Fault {
        rule: 30,
        name: "cold-storage-at-restore-time",
        inject: cold_storage_at_restore_time,
    },
    Fault {
        rule: 31,
        name: "tde",
        inject: tde,
    },
    Fault {
        rule: 32,
        name: "recovery-model",
        inject: recovery_model,
    },
    Fault {
        rule: 33,
        name: "target-name-taken",
        inject: target_name_taken,
    },
    Fault {
        rule: 34,
        name: "database-count",
        inject: database_count,
    },
    Fault {
        rule: 35,
        name: "storage",
        inject: storage,
    },
];

pub fn fault() -> impl Strategy<Value = (&'static Fault, u64)> {
    (0..FAULTS.len(), any::<u64>()).prop_map(|(at, seed)| (&FAULTS[at], seed))
}

/// Two faults of different rules, the earlier rule's first.
pub fn two_faults() -> impl Strategy<Value = ((&'static Fault, u64), (&'static Fault, u64))> {
    (0..FAULTS.len(), 1..FAULTS.len(), any::<u64>(), any::<u64>()).prop_map(
        |(a, offset, seed_a, seed_b)| {
            let b = (a + offset) % FAULTS.len();
            let (earlier, later) = if a < b {
                ((a, seed_a), (b, seed_b))
            } else {
                ((b, seed_b), (a, seed_a))
            };
            ((&FAULTS[earlier.0], earlier.1), (&FAULTS[later.0], later.1))
        },
    )
}
