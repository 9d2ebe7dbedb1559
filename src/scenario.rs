//! The world and the request that [`evaluate`](crate::evaluate) decides on.
//!
//! Field names are the API's own (PascalCase, as DescribeDBInstanceAttribute,
//! DescribeBackupPolicy, DescribeDatabases and DescribeBackups return them), so
//! their output can be pasted in. Unknown fields are ignored. Reading checks the
//! shape only; every judgement about the request is left to the rules.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::names::NameIndex;

/// One decision's input: the world as it is at `now`, and one request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scenario {
    /// The moment the request arrives. The library never reads a clock.
    #[serde(rename = "Now", with = "timestamp")]
    pub now: DateTime<Utc>,
    /// The account that calls the API; absent means the source instance's account.
    #[serde(rename = "CallerAccountId", skip_serializing_if = "Option::is_none")]
    pub caller_account_id: Option<String>,
    /// Echoed in the response; absent means one derived from the scenario's content.
    #[serde(rename = "RequestId", skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Every instance the caller can see (and others); `DBInstanceId`s are unique.
    #[serde(rename = "Instances")]
    pub instances: Vec<Instance>,
    /// Backup sets of any instance; `BackupId`s are unique.
    #[serde(rename = "Backups")]
    pub backups: Vec<Backup>,
    /// The request's parameters, exactly as sent on the wire.
    #[serde(rename = "Request")]
    pub request: Request,
}

/// The six request parameters, each a string or absent, as sent on the wire.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Request {
    /// The source instance.
    #[serde(
        rename = "DBInstanceId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub db_instance_id: Option<String>,
    /// The target instance.
    #[serde(
        rename = "TargetDBInstanceId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub target_db_instance_id: Option<String>,
    /// A JSON object in a string: `{"source database":"target database", …}`.
    #[serde(rename = "DbNames", default, skip_serializing_if = "Option::is_none")]
    pub db_names: Option<String>,
    /// Copy from this backup set of the source instance.
    #[serde(rename = "BackupId", default, skip_serializing_if = "Option::is_none")]
    pub backup_id: Option<String>,
    /// Copy as of this moment, `yyyy-MM-ddTHH:mm:ssZ`.
    #[serde(
        rename = "RestoreTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub restore_time: Option<String>,
    /// `YES` or `NO` (the default): also copy users and their permissions.
    #[serde(
        rename = "SyncUserPrivilege",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sync_user_privilege: Option<String>,
}

/// An RDS instance, as DescribeDBInstanceAttribute describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Instance {
    /// The instance's id, e.g. `rm-bp1m71wvzfiq7xxxx`.
    #[serde(rename = "DBInstanceId")]
    pub db_instance_id: String,
    /// The owning account; absent means the caller's.
    #[serde(rename = "AccountId", default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Only `SQLServer` instances can be copied between.
    #[serde(rename = "Engine")]
    pub engine: String,
    /// E.g. `2019_ent`, `2012_std_ha`, `2008r2`; read only for SQL Server.
    #[serde(rename = "EngineVersion")]
    pub engine_version: String,
    /// `Basic`, `HighAvailability`, `AlwaysOn`, `Share`, or another edition.
    #[serde(rename = "Category")]
    pub category: String,
    /// Primary, read-only, disaster-recovery (guard) or temporary instance.
    #[serde(rename = "DBInstanceType", default)]
    pub db_instance_type: InstanceType,
    /// E.g. `Running`, `Creating`, `Restoring`.
    #[serde(rename = "DBInstanceStatus", default = "running")]
    pub db_instance_status: String,
    /// `Unlock`, or the reason the instance is locked.
    #[serde(rename = "LockMode", default = "unlock")]
    pub lock_mode: String,
    /// E.g. `cn-hangzhou`.
    #[serde(rename = "RegionId")]
    pub region_id: String,
    /// E.g. `cn-hangzhou-h`; zones may differ between source and target.
    #[serde(rename = "ZoneId", default, skip_serializing_if = "Option::is_none")]
    pub zone_id: Option<String>,
    /// `VPC` or `Classic`.
    #[serde(rename = "InstanceNetworkType")]
    pub instance_network_type: String,
    /// Storage capacity in GiB.
    #[serde(rename = "DBInstanceStorage")]
    pub db_instance_storage: u64,
    /// `cloud_essd`, `local_ssd`, `cloud_ssd`, …
    #[serde(rename = "DBInstanceStorageType", default = "cloud_essd")]
    pub db_instance_storage_type: String,
    /// Storage in use, in bytes (the API returns it as a string of digits).
    #[serde(rename = "DBInstanceDiskUsed", default, with = "digits")]
    pub db_instance_disk_used: u64,
    /// How many databases the instance may hold; absent means no limit.
    #[serde(
        rename = "DBMaxQuantity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub db_max_quantity: Option<u64>,
    /// Non-empty when the instance runs on a dedicated cluster.
    #[serde(
        rename = "DedicatedHostGroupId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dedicated_host_group_id: Option<String>,
    /// The instance's backup policy, as DescribeBackupPolicy returns it.
    #[serde(rename = "BackupPolicy", default)]
    pub backup_policy: BackupPolicy,
    /// The instance's databases; names are unique case-insensitively.
    #[serde(
        rename = "Databases",
        default,
        deserialize_with = "unique_databases::deserialize"
    )]
    pub databases: Vec<Database>,
}

/// `DBInstanceType`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum InstanceType {
    /// A primary instance.
    #[default]
    Primary,
    /// A read-only instance.
    Readonly,
    /// A disaster-recovery instance.
    Guard,
    /// A temporary instance.
    Temp,
}

/// An instance's backup policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct BackupPolicy {
    /// How the instance backs up.
    #[serde(rename = "BackupMethod", default)]
    pub backup_method: PolicyBackupMethod,
    /// How many days backups are kept.
    #[serde(rename = "BackupRetentionPeriod", default = "seven")]
    pub backup_retention_period: u64,
    /// Whether log backups are taken (needed to restore to a point in time).
    #[serde(rename = "EnableBackupLog", default = "yes", with = "flag")]
    pub enable_backup_log: bool,
}

impl Default for BackupPolicy {
    fn default() -> Self {
        BackupPolicy {
            backup_method: PolicyBackupMethod::default(),
            backup_retention_period: seven(),
            enable_backup_log: true,
        }
    }
}

/// `BackupPolicy.BackupMethod`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicyBackupMethod {
    /// Physical backups.
    #[default]
    Physical,
    /// Snapshot backups.
    Snapshot,
}

/// A database of an instance, as DescribeDatabases describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Database {
    /// The database's name; names compare case-insensitively.
    #[serde(rename = "DBName")]
    pub db_name: String,
    /// E.g. `Running`, `Creating`, `Deleting`.
    #[serde(rename = "DBStatus", default = "running")]
    pub db_status: String,
    /// The database's size in bytes.
    #[serde(rename = "DBSizeBytes", default)]
    pub db_size_bytes: u64,
    /// Transparent data encryption.
    #[serde(rename = "TDEStatus", default)]
    pub tde_status: TdeStatus,
    /// SQL Server recovery model.
    #[serde(rename = "RecoveryModel", default)]
    pub recovery_model: RecoveryModel,
    /// When the database was (or still is) archived to cold storage.
    #[serde(rename = "ColdStoragePeriods", default, deserialize_with = "list")]
    pub cold_storage_periods: Vec<ColdStoragePeriod>,
}

/// `TDEStatus`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TdeStatus {
    /// Encrypted with TDE.
    Enabled,
    /// Not encrypted.
    #[default]
    Disabled,
}

/// `RecoveryModel`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecoveryModel {
    /// Full recovery model: a complete log chain.
    #[default]
    #[serde(rename = "FULL")]
    Full,
    /// Bulk-logged recovery model.
    #[serde(rename = "BULK_LOGGED")]
    BulkLogged,
    /// Simple recovery model: no log chain.
    #[serde(rename = "SIMPLE")]
    Simple,
}

/// A time the database spent in cold storage: `[start, end)`, or from `start` on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct ColdStoragePeriod {
    /// When the database went into cold storage.
    #[serde(rename = "Start", with = "timestamp")]
    pub start: DateTime<Utc>,
    /// When it came back; absent means it is still there.
    #[serde(
        rename = "End",
        default,
        with = "timestamp::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub end: Option<DateTime<Utc>>,
}

/// A backup set, as DescribeBackups describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Backup {
    /// The backup set's id (a JSON number is read as its decimal text).
    #[serde(rename = "BackupId", deserialize_with = "decimal_text")]
    pub backup_id: String,
    /// The instance the backup was taken of.
    #[serde(rename = "DBInstanceId")]
    pub db_instance_id: String,
    /// E.g. `Success`, `Failed`.
    #[serde(rename = "BackupStatus", default = "success")]
    pub backup_status: String,
    /// When the backup started.
    #[serde(rename = "BackupStartTime", with = "timestamp")]
    pub backup_start_time: DateTime<Utc>,
    /// When the backup ended.
    #[serde(rename = "BackupEndTime", with = "timestamp")]
    pub backup_end_time: DateTime<Utc>,
    /// Full or incremental.
    #[serde(rename = "BackupType", default)]
    pub backup_type: BackupType,
    /// How the backup was taken.
    #[serde(rename = "BackupMethod", default)]
    pub backup_method: BackupMethod,
    /// Comma-separated database names; absent or empty means every database.
    #[serde(
        rename = "BackupDBNames",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub backup_db_names: Option<String>,
}

/// `BackupType`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackupType {
    /// A full backup.
    #[default]
    FullBackup,
    /// An incremental backup.
    IncrementalBackup,
}

/// `BackupMethod` of a backup set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackupMethod {
    /// A physical backup.
    #[default]
    Physical,
    /// A logical backup.
    Logical,
    /// A snapshot backup.
    Snapshot,
}

/// An SQL Server major version: a year, with 2008 R2 between 2008 and 2012.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SqlServerMajor {
    year: u16,
    r2: bool,
}

impl SqlServerMajor {
    pub(crate) const FIRST_COPYABLE: SqlServerMajor = SqlServerMajor {
        year: 2012,
        r2: false,
    };

    /// Reads the leading year of an `EngineVersion`: `2019_ent` is 2019,
    /// `2008r2` and `08r2_ent_ha` are 2008 R2.
    pub(crate) fn read(version: &str) -> Option<SqlServerMajor> {
        let r2 = |rest: &str| rest.get(..2).is_some_and(|r| r.eq_ignore_ascii_case("r2"));
        if version.strip_prefix("08").is_some_and(r2) {
            return Some(SqlServerMajor {
                year: 2008,
                r2: true,
            });
        }
        let (digits, rest) = (version.get(..4)?, version.get(4..)?);
        if !digits.bytes().all(|b| b.is_ascii_digit())
            || rest.starts_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        Some(SqlServerMajor {
            year: digits.parse().ok()?,
            r2: r2(rest),
        })
    }
}

impl Instance {
    /// The engine every copyable instance runs.
    pub const SQL_SERVER: &'static str = "SQLServer";

    pub(crate) fn sql_server_major(&self) -> Option<SqlServerMajor> {
        (self.engine == Self::SQL_SERVER)
            .then(|| SqlServerMajor::read(&self.engine_version))
            .flatten()
    }
}

impl Instance {
    fn check_version(&self) -> Result<(), String> {
        if self.engine == Instance::SQL_SERVER && self.sql_server_major().is_none() {
            return Err(format!(
                "EngineVersion {:?} is not an SQL Server version: expected a leading 4-digit year \
                 (\"2019_ent\") or 2008 R2 (\"2008r2\", \"08r2_ent_ha\")",
                self.engine_version
            ));
        }
        Ok(())
    }
}

/// Reads these structs from JSON objects only (serde's derive would also take
/// a positional array, letting a wrong type pass for a scenario), then checks
/// what one field cannot check alone.
macro_rules! objects_only {
    ($($ty:ident $(checked by $check:path)?;)+) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Object;
                impl<'de> de::Visitor<'de> for Object {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("an object (", stringify!($ty), ")"))
                    }
                    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        // The inherent `deserialize` that `#[serde(remote = "Self")]` derives.
                        let value = $ty::deserialize(de::value::MapAccessDeserializer::new(map))?;
                        $( $check(&value).map_err(de::Error::custom)?; )?
                        Ok(value)
                    }
                }
                deserializer.deserialize_map(Object)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $ty::serialize(self, serializer)
            }
        }
    )+};
}

objects_only! {
    Request;
    Instance checked by Instance::check_version;
    BackupPolicy;
    Database;
    ColdStoragePeriod;
    Backup;
}

/// The reading of a scenario's top level, where `Now` may still be missing.
#[derive(Deserialize)]
#[serde(rename = "Scenario")]
pub(crate) struct ScenarioFields {
    #[serde(rename = "Now", default, with = "timestamp::optional")]
    now: Option<DateTime<Utc>>,
    #[serde(rename = "CallerAccountId", default)]
    caller_account_id: Option<String>,
    #[serde(rename = "RequestId", default)]
    request_id: Option<String>,
    #[serde(rename = "Instances", deserialize_with = "unique_instances")]
    instances: Vec<Instance>,
    #[serde(rename = "Backups", default, deserialize_with = "unique_backups")]
    backups: Vec<Backup>,
    #[serde(rename = "Request")]
    request: Request,
}

impl ScenarioFields {
    /// The scenario, with `fallback` standing in for a missing `Now`.
    pub(crate) fn complete(self, fallback: Option<DateTime<Utc>>) -> Option<Scenario> {
        Some(Scenario {
            now: self.now.or(fallback)?,
            caller_account_id: self.caller_account_id,
            request_id: self.request_id,
            instances: self.instances,
            backups: self.backups,
            request: self.request,
        })
    }
}

/// A scenario's top level: a JSON object, not the array form serde also
/// accepts for a struct.
pub(crate) struct TopLevel(pub(crate) ScenarioFields);

impl<'de> Deserialize<'de> for TopLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectOnly;
        impl<'de> de::Visitor<'de> for ObjectOnly {
            type Value = ScenarioFields;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a scenario object")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<ScenarioFields, A::Error> {
                ScenarioFields::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer.deserialize_map(ObjectOnly).map(TopLevel)
    }
}

impl<'de> Deserialize<'de> for Scenario {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        TopLevel::deserialize(deserializer)?
            .0
            .complete(None)
            .ok_or_else(|| de::Error::missing_field("Now"))
    }
}

/// A list, where `null` is an empty one.
fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A list whose items' keys are unique (case-insensitively when `folded`);
/// a repeat is a scenario error that `complain(first, again, first key, key again)` words.
fn unique<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
    folded: bool,
    key: fn(&T) -> &str,
    complain: fn(usize, usize, &str, &str) -> String,
) -> Result<Vec<T>, D::Error> {
    let items: Vec<T> = list(d)?;
    let keys = items.iter().map(key);
    let index = if folded {
        NameIndex::folded(keys)
    } else {
        NameIndex::exact(keys)
    };
    let Some((first, again)) = index.first_repeat() else {
        return Ok(items);
    };
    let key_at = |at: usize| items.get(at).map_or("", key);
    Err(de::Error::custom(complain(
        first,
        again,
        key_at(first),
        key_at(again),
    )))
}

fn unique_instances<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Instance>, D::Error> {
    unique(
        d,
        false,
        |i| &i.db_instance_id,
        |first, again, _, id| {
            format!("Instances[{first}] and Instances[{again}] have the same DBInstanceId {id:?}")
        },
    )
}

fn unique_backups<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Backup>, D::Error> {
    unique(
        d,
        false,
        |b| &b.backup_id,
        |first, again, _, id| {
            format!("Backups[{first}] and Backups[{again}] have the same BackupId {id:?}")
        },
    )
}

mod unique_databases {
    use super::*;

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Database>, D::Error> {
        unique(
            d,
            true,
            |db| &db.db_name,
            |first, again, name, name_again| {
                format!(
                    "Databases[{first}] {name:?} and Databases[{again}] {name_again:?} are one \
                 database (names compare case-insensitively)"
                )
            },
        )
    }
}

fn running() -> String {
    "Running".to_owned()
}

fn unlock() -> String {
    "Unlock".to_owned()
}

fn success() -> String {
    "Success".to_owned()
}

fn cloud_essd() -> String {
    "cloud_essd".to_owned()
}

fn seven() -> u64 {
    7
}

fn yes() -> bool {
    true
}

/// A string, or an integer read as its decimal text.
fn decimal_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Text;
    impl de::Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string or an integer")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(Text)
}

/// A byte count: an integer, or a string of digits as the API returns it.
mod digits {
    use super::*;

    pub(super) fn serialize<S: Serializer>(value: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(*value)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        struct Count;
        impl de::Visitor<'_> for Count {
            type Value = u64;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a non-negative integer or a string of digits")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
                Ok(v)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
                if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::invalid_value(de::Unexpected::Str(v), &self));
                }
                v.parse()
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &"at most 2^64 - 1"))
            }
        }
        d.deserialize_any(Count)
    }
}

/// A flag: `true`/`false`, or the strings DescribeBackupPolicy uses for it.
mod flag {
    use super::*;

    pub(super) fn serialize<S: Serializer>(value: &bool, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(*value)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        struct Flag;
        impl de::Visitor<'_> for Flag {
            type Value = bool;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("true, false, \"True\", \"False\", \"1\" or \"0\"")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
                Ok(v)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
                match v {
                    "1" => Ok(true),
                    "0" => Ok(false),
                    _ if v.eq_ignore_ascii_case("true") => Ok(true),
                    _ if v.eq_ignore_ascii_case("false") => Ok(false),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(Flag)
    }
}

/// RFC 3339 timestamps; an offset is converted to UTC.
pub(crate) mod timestamp {
    use super::*;
    use chrono::{Datelike, SecondsFormat};

    pub(crate) fn text(t: &DateTime<Utc>) -> String {
        t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }

    pub(crate) fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&text(t))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        struct Rfc3339;
        impl de::Visitor<'_> for Rfc3339 {
            type Value = DateTime<Utc>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an RFC 3339 timestamp such as \"2026-12-01T00:00:00Z\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                let t = DateTime::parse_from_rfc3339(v)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|e| {
                        E::custom(format_args!(
                            "invalid RFC 3339 timestamp {v:?} ({e}), expected one such as \
                             \"2026-12-01T00:00:00Z\""
                        ))
                    })?;
                // RFC 3339 writes years 0000 to 9999 only; keep what is read writable.
                if !(0..=9999).contains(&t.year()) {
                    return Err(E::custom(format_args!(
                        "timestamp {v:?} falls outside the years 0000 to 9999 in UTC"
                    )));
                }
                Ok(t)
            }
        }
        d.deserialize_str(Rfc3339)
    }

    pub(crate) mod optional {
        use super::*;

        pub(crate) fn serialize<S: Serializer>(
            t: &Option<DateTime<Utc>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => super::serialize(t, s),
                None => s.serialize_none(),
            }
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<DateTime<Utc>>, D::Error> {
            #[derive(Deserialize)]
            struct Present(#[serde(with = "super")] DateTime<Utc>);
            Ok(Option::<Present>::deserialize(d)?.map(|Present(t)| t))
        }
    }
}
