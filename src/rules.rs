//! The rules, in order: the first that fails decides.
//!
//! [`RULES`] is the one ordered table; rules.md is generated from it. Each
//! check is a small pure function over [`Facts`] that says whether its rule
//! denies and what about. A check only judges the parts its rule is about and
//! says nothing where a part is missing: reporting that is an earlier rule's job.

use std::borrow::Cow;
use std::fmt;

use crate::ErrorCode;
use crate::facts::{self, Facts, Origin, given};
use crate::matrix::{self, Category};
use crate::names::{self, Entry, NameIndex};
use crate::scenario::{
    BackupMethod, BackupType, Database, Instance, InstanceType, PolicyBackupMethod, RecoveryModel,
    SqlServerMajor, TdeStatus,
};

/// A check: the row to answer with and what it is about, or `None` to pass.
type Check = for<'a> fn(&Facts<'a>) -> Option<Fault<'a>>;

/// One rule of rules.md.
pub struct Rule {
    /// Its number in rules.md; rules are checked in this order.
    pub number: u8,
    /// A short name, e.g. `category-matrix`.
    pub name: &'static str,
    /// When it denies.
    pub condition: &'static str,
    /// What it rests on: a usage note, a row of the error table, or a reading
    /// where the page is silent.
    pub basis: &'static str,
    /// The catalogue rows it can answer with.
    pub produces: &'static [ErrorCode],
    check: Check,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rule({} {})", self.number, self.name)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rule {} ({})", self.number, self.name)
    }
}

impl Rule {
    pub(crate) fn check<'a>(&self, facts: &Facts<'a>) -> Option<Fault<'a>> {
        (self.check)(facts)
    }
}

/// Which side of the copy an instance is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The instance the databases are copied from (`DBInstanceId`).
    Source,
    /// The instance the databases are copied to (`TargetDBInstanceId`).
    Target,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Source => "source",
            Role::Target => "target",
        })
    }
}

/// What a denial is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject<'a> {
    /// Request parameters, by their API names.
    Parameter(&'static str),
    /// One instance.
    Instance {
        /// Its side of the copy.
        role: Role,
        /// Its `DBInstanceId`.
        id: &'a str,
    },
    /// The source and target instances together.
    Pair {
        /// The source's `DBInstanceId`.
        source: &'a str,
        /// The target's `DBInstanceId`.
        target: &'a str,
    },
    /// The backup set `BackupId` names.
    Backup(&'a str),
    /// One `"source":"target"` pair of `DbNames`.
    Database {
        /// Its position in `DbNames`, from 0.
        entry: usize,
        /// The source database's name.
        source: Cow<'a, str>,
        /// The target database's name.
        target: Cow<'a, str>,
    },
    /// A database of a snapshot backup set that the request leaves out.
    LeftOut {
        /// The backup set.
        backup: &'a str,
        /// The database.
        database: &'a str,
    },
}

impl fmt::Display for Subject<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Parameter(names) => write!(f, "parameter {names}"),
            Subject::Instance { role, id } => write!(f, "{role} instance {id:?}"),
            Subject::Pair { source, target } => write!(f, "copy from {source:?} to {target:?}"),
            Subject::Backup(id) => write!(f, "backup set {id:?}"),
            Subject::Database {
                entry,
                source,
                target,
            } => write!(f, "DbNames entry {entry}: {source:?} -> {target:?}"),
            Subject::LeftOut { backup, database } => {
                write!(f, "database {database:?} of snapshot backup set {backup:?}")
            }
        }
    }
}

/// A failed check: the row to answer with and what it is about.
#[derive(Debug)]
pub(crate) struct Fault<'a> {
    pub(crate) code: ErrorCode,
    pub(crate) subject: Subject<'a>,
}

fn fault(code: ErrorCode, subject: Subject<'_>) -> Option<Fault<'_>> {
    Some(Fault { code, subject })
}

macro_rules! rules {
    ($( $number:literal $name:literal $check:ident [$($code:ident),+]
        condition: $condition:literal basis: $basis:literal; )+) => {
        /// Every rule, in the order they are checked.
        pub static RULES: [Rule; [$($number),+].len()] = [$(Rule {
            number: $number,
            name: $name,
            condition: $condition,
            basis: $basis,
            produces: &[$(ErrorCode::$code),+],
            check: $check,
        }),+];
    };
}

rules! {
    1 "required-parameters" required_parameters [REQUIRED_PARAM_NOT_FOUND]
        condition: "DBInstanceId, TargetDBInstanceId or DbNames is absent or empty (checked in that order)."
        basis: "Request parameters: the three are Required.";
    2 "target-id-format" target_id_format [INVALID_TARGET_DB_INSTANCE_NAME_FORMAT_400]
        condition: "TargetDBInstanceId is not 1–64 characters of `[a-z0-9-]` starting with a letter or digit, or equals DBInstanceId."
        basis: "Error row 400 InvalidTargetDBInstanceName.Format; the shape of RDS instance ids; an instance is not copied onto itself.";
    3 "db-names-format" db_names_format [INVALID_RECOVERY_DB_NAMES_FORMAT]
        condition: "DbNames is not a non-empty JSON object whose values are all strings, or names one source database twice (case-insensitively, duplicate JSON keys included)."
        basis: "DbNames: format {\"source database\":\"target database\"}.";
    4 "target-name-characters" target_name_characters [INVALID_CHARACTER_DB_OR_ACCOUNT]
        condition: "A target name has a character outside `[a-z0-9_-]`."
        basis: "Error row InvalidCharacter.DbOrAccount; RDS database naming rules.";
    5 "target-name-format" target_name_format [INVALID_DB_NAME_FORMAT]
        condition: "A target name is not 2–64 characters, does not start with a lowercase letter, does not end with a lowercase letter or digit, or is a reserved name (SQL Server system names, RDS reserved logins, T-SQL reserved keywords; case-insensitively)."
        basis: "Error row InvalidDBName.Format; RDS database naming rules.";
    6 "target-names-distinct" target_names_distinct [INVALID_DB_NAME_DUPLICATE]
        condition: "Two entries have the same target name (case-insensitively)."
        basis: "Error row InvalidDBName.Duplicate: two copies cannot take one name.";
    7 "backup-or-restore-time" backup_or_restore_time [ERROR_PARAMETERS_CONFLICT, INVALID_BACKUP_ID_OR_RESTORE_TIME_NOT_FOUND]
        condition: "Both BackupId and RestoreTime are non-empty (ErrorParametersConflict), or neither is (InvalidBackupIdOrRestoreTime.NotFound)."
        basis: "Usage note: BackupId or RestoreTime must be given; error row ErrorParametersConflict: only one may exist.";
    8 "restore-time-format" restore_time_format [INVALID_BACKUP_ID_OR_RESTORE_TIME_NOT_FOUND]
        condition: "RestoreTime is not exactly `yyyy-MM-ddTHH:mm:ssZ` naming a real UTC moment (no offset, no fraction, capital T and Z)."
        basis: "RestoreTime: format yyyy-MM-ddTHH:mm:ssZ (UTC).";
    9 "sync-user-privilege" sync_user_privilege [PARAMETERS_INVALID]
        condition: "SyncUserPrivilege is given, non-empty, and not exactly `YES` or `NO`."
        basis: "SyncUserPrivilege: valid values YES and NO.";
    10 "source-instance" source_instance [INVALID_DB_INSTANCE_NOT_FOUND]
        condition: "The source instance does not exist, or belongs to another account than the caller's."
        basis: "Error row 404 InvalidDBInstance.NotFound.";
    11 "target-instance" target_instance [INVALID_TARGET_DB_INSTANCE_NAME_FORMAT_403]
        condition: "The target instance does not exist, or belongs to another account than the caller's."
        basis: "Usage note: both instances belong to one Alibaba Cloud account; error row 403 InvalidTargetDBInstanceName.Format.";
    12 "engine" engine [ENGINE_NOT_SUPPORTED, TARGET_INSTANCE_ENGINE_NOT_SUPPORTED]
        condition: "The source (EngineNotSupported), then the target (TargetInstanceEngineNotSupported), is not SQL Server 2012 or later."
        basis: "Applies to RDS SQL Server; error rows EngineNotSupported and TargetInstanceEngineNotSupported; the copy feature needs SQL Server 2012 or later.";
    13 "instance-type" instance_type [READ_ONLY_INSTANCE_NOT_SUPPORT, READ_DB_INSTANCE_NOT_SUPPORT, INVALID_TEMP_INSTANCE_NOT_SUPPORT]
        condition: "The source, then the target, is a read-only (ReadOnlyInstanceNotSupport), disaster-recovery `Guard` (ReadDBInstanceNotSupport) or temporary (InvalidTempInstance.NotSupport) instance."
        basis: "Error rows ReadOnlyInstanceNotSupport, ReadDBInstanceNotSupport, InvalidTempInstance.NotSupport.";
    14 "category" category [INCORRECT_DB_INSTANCE_TYPE]
        condition: "The source, then the target, is not of category Basic, HighAvailability, AlwaysOn or Share (Serverless editions included)."
        basis: "Usage note: Serverless instances are not supported; error row IncorrectDBInstanceType.";
    15 "instance-state" instance_state [INCORRECT_DB_INSTANCE_STATE]
        condition: "The source, then the target, is not `Running`, or is locked (LockMode not `Unlock`)."
        basis: "Error row IncorrectDBInstanceState.";
    16 "same-region" same_region [INVALID_INSTANCES_REGION_MALFORMED]
        condition: "The two instances are in different regions (zones may differ)."
        basis: "Usage note: same region, zones may differ; error row InvalidInstancesRegion.Malformed.";
    17 "same-network" same_network [INCORRECT_INSTANCE_NETWORK_TYPE]
        condition: "The two instances have different network types."
        basis: "Usage note: the network type must be the same; error row IncorrectInstanceNetworkType.";
    18 "category-matrix" category_matrix [
            BACKUP_RESTORE_NOT_SUPPORTED_BASIC_HA, BACKUP_RESTORE_NOT_SUPPORTED_HA_DEDICATED_ALWAYS_ON,
            UNSUPPORTED_COPY_DB_HIGH_AVAILABILITY_TO_BASIC, UNSUPPORTED_COPY_DB_SHARE_TO_HIGH_AVAILABILITY,
            UNSUPPORTED_COPY_DB_ALWAYS_ON_TO_BASIC, UNSUPPORTED_COPY_DB_BASIC_TO_SHARE,
            UNSUPPORTED_COPY_DB_ALWAYS_ON_TO_HIGH_AVAILABILITY, UNSUPPORTED_COPY_DB_SHARE_TO_BASIC,
            UNSUPPORTED_COPY_DB_HIGH_AVAILABILITY_TO_SHARE, UNSUPPORTED_COPY_DB_SHARE_TO_ALWAYS_ON,
            UNSUPPORTED_COPY_DB_ALWAYS_ON_TO_SHARE]
        condition: "The category matrix forbids the source category × target category (see the matrix)."
        basis: "Error rows UnsupportedCopyDb* (copy-specific, decide first) and BackupRestoreNotSupported.* (generic restore rules).";
    19 "dedicated-cluster" dedicated_cluster [BACKUP_RESTORE_NOT_SUPPORTED_HA_DEDICATED_ALWAYS_ON, BACKUP_RESTORE_NOT_SUPPORTED_SHARE_DEDICATED_ALWAYS_ON]
        condition: "The target runs on a dedicated cluster (non-empty DedicatedHostGroupId) and the source is HighAvailability (…HADedicatedAlwaysOn) or Share (…ShareDedicatedAlwaysOn)."
        basis: "Error rows BackupRestoreNotSupported.HADedicatedAlwaysOn and .ShareDedicatedAlwaysOn.";
    20 "version-order" version_order [INVALID_INSTANCE_VERSION]
        condition: "The source's SQL Server major version is above the target's."
        basis: "Error row InvalidInstanceVersion.";
    21 "cloud-ssd" cloud_ssd [CLOUD_SSD_NOT_SUPPORT]
        condition: "The source, then the target, uses `cloud_ssd` storage."
        basis: "Error row CloudSSDNotSupport.";
    22 "backup-set" backup_set [INVALID_BACKUP_SET_ID]
        condition: "With BackupId: no backup set with that id, of the source instance, with BackupStatus `Success`."
        basis: "BackupId: a backup set of the source instance; error row InvalidBackupSetID.";
    23 "snapshot-backup-set" snapshot_backup_set [OPERATION_DENIED_SNAPSHOT_BACKUP_SET]
        condition: "With BackupId of a `Snapshot` backup set, the target's BackupPolicy.BackupMethod is not `Snapshot`."
        basis: "Error row OperationDenied.SnapshotBackupSet.";
    24 "snapshot-restore-time" snapshot_restore_time [OPERATION_DENIED_RESTORE_TIME]
        condition: "With RestoreTime, the source's BackupPolicy.BackupMethod is `Snapshot` and the target's is not."
        basis: "Error row OperationDenied.RestoreTime.";
    25 "restore-window" restore_window [INVALID_PARAM_TABLE_META_RESTORE_TIME]
        condition: "With RestoreTime t: the source does not back up its log, or t is after Now, or before Now − BackupRetentionPeriod days, or no successful FullBackup of the source ended at or before t."
        basis: "RestoreTime: any time within the backup retention period; error row InvalidParamTableMeta.RestoreTime.";
    26 "source-databases" source_databases [INVALID_DB_NAME_NOT_FOUND]
        condition: "A source database does not exist on the source instance, or its DBStatus is not `Running`."
        basis: "Error row InvalidDBName.NotFound.";
    27 "backup-set-databases" backup_set_databases [INVALID_BACKUP_SET]
        condition: "With BackupId: a source database is not in the backup set's BackupDBNames (absent or empty BackupDBNames holds every database)."
        basis: "Error row InvalidBackupSet.";
    28 "snapshot-whole-set" snapshot_whole_set [FORBIDDEN_SNAPSHOT_RECOVERY]
        condition: "With BackupId of a `Snapshot` backup set: the request leaves out a database of the set (snapshots restore whole)."
        basis: "Error row Forbidden.SnapshotRecovery: snapshot backups do not support partial restore.";
    29 "cold-storage-now" cold_storage_now [INVALID_RESTORE_DB]
        condition: "A source database is in cold storage now (a period with Start ≤ Now and no End or End after Now)."
        basis: "Error row InvalidRestoreDB.";
    30 "cold-storage-at-restore-time" cold_storage_at_restore_time [INVALID_RESTORE_TIME_SPECIFIED]
        condition: "With RestoreTime: it falls inside one of a source database's closed cold-storage periods [Start, End)."
        basis: "Error row InvalidRestoreTimeSpecified.";
    31 "tde" tde [CAN_NOT_COPY_DB_HAS_TDE_ENABLED]
        condition: "A source database has TDEStatus `Enabled`."
        basis: "Error row CanNotCopyDBHasTDEEnabled.";
    32 "recovery-model" recovery_model [CURRENT_RECOVERY_MODEL_NOT_SUPPORT_THIS_ACTION]
        condition: "With RestoreTime: a source database uses the SIMPLE recovery model (no log chain)."
        basis: "Error row CurrentRecoveryModelNotSupportThisAction.";
    33 "target-name-taken" target_name_taken [INVALID_DB_NAME_DUPLICATE]
        condition: "A target name already exists on the target instance (case-insensitively)."
        basis: "Usage note: the target holds no database with the copy's name; error row InvalidDBName.Duplicate.";
    34 "database-count" database_count [DB_COUNT_LIMIT_EXCEEDED]
        condition: "The target's databases plus the entries copied exceed its DBMaxQuantity."
        basis: "Error row DBCountLimitExceeded.";
    35 "storage" storage [STORAGE_LIMIT_EXCEEDED_403]
        condition: "The target's free space (DBInstanceStorage GiB × 2^30 − DBInstanceDiskUsed, at least 0) is not greater than the sum of the copied databases' DBSizeBytes."
        basis: "Usage note: available storage must be larger than the space the copied databases use; error row 403 StorageLimitExceeded.";
}

fn required_parameters<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let request = &facts.scenario.request;
    [
        ("DBInstanceId", &request.db_instance_id),
        ("TargetDBInstanceId", &request.target_db_instance_id),
        ("DbNames", &request.db_names),
    ]
    .into_iter()
    .find(|(_, value)| given(value).is_none())
    .and_then(|(name, _)| {
        fault(
            ErrorCode::REQUIRED_PARAM_NOT_FOUND,
            Subject::Parameter(name),
        )
    })
}

fn target_id_format<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    given(&facts.scenario.request.target_db_instance_id)?;
    facts.target_id().is_none().then_some(())?;
    fault(
        ErrorCode::INVALID_TARGET_DB_INSTANCE_NAME_FORMAT_400,
        Subject::Parameter("TargetDBInstanceId"),
    )
}

fn db_names_format<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let code = ErrorCode::INVALID_RECOVERY_DB_NAMES_FORMAT;
    given(&facts.scenario.request.db_names)?;
    let Some(entries) = facts.entries() else {
        return fault(code, Subject::Parameter("DbNames"));
    };
    let (_, again) = facts.requested_sources().first_repeat()?;
    fault(code, entry_subject(entries, again))
}

fn target_name_characters<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    first_entry(facts, ErrorCode::INVALID_CHARACTER_DB_OR_ACCOUNT, |entry| {
        names::has_invalid_character(&entry.target)
    })
}

fn target_name_format<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    first_entry(facts, ErrorCode::INVALID_DB_NAME_FORMAT, |entry| {
        !names::has_invalid_character(&entry.target) && !names::is_well_formed(&entry.target)
    })
}

fn target_names_distinct<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let entries = facts.entries()?;
    let (_, again) = facts.requested_targets().first_repeat()?;
    fault(
        ErrorCode::INVALID_DB_NAME_DUPLICATE,
        entry_subject(entries, again),
    )
}

fn backup_or_restore_time<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let request = &facts.scenario.request;
    let code = match (given(&request.backup_id), given(&request.restore_time)) {
        (Some(_), Some(_)) => ErrorCode::ERROR_PARAMETERS_CONFLICT,
        (None, None) => ErrorCode::INVALID_BACKUP_ID_OR_RESTORE_TIME_NOT_FOUND,
        _ => return None,
    };
    fault(code, Subject::Parameter("BackupId, RestoreTime"))
}

fn restore_time_format<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let request = &facts.scenario.request;
    given(&request.restore_time)?;
    // With no BackupId, a RestoreTime that gives no origin is malformed.
    (given(&request.backup_id).is_none() && facts.origin().is_none()).then_some(())?;
    fault(
        ErrorCode::INVALID_BACKUP_ID_OR_RESTORE_TIME_NOT_FOUND,
        Subject::Parameter("RestoreTime"),
    )
}

fn sync_user_privilege<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let value = given(&facts.scenario.request.sync_user_privilege)?;
    (value != "YES" && value != "NO").then_some(())?;
    fault(
        ErrorCode::PARAMETERS_INVALID,
        Subject::Parameter("SyncUserPrivilege"),
    )
}

fn source_instance<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let id = given(&facts.scenario.request.db_instance_id)?;
    facts.source().is_none().then_some(())?;
    fault(
        ErrorCode::INVALID_DB_INSTANCE_NOT_FOUND,
        Subject::Instance {
            role: Role::Source,
            id,
        },
    )
}

fn target_instance<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let id = facts.target_id()?;
    facts.target().is_none().then_some(())?;
    fault(
        ErrorCode::INVALID_TARGET_DB_INSTANCE_NAME_FORMAT_403,
        Subject::Instance {
            role: Role::Target,
            id,
        },
    )
}

/// The first of source, then target, that `judge` refuses.
fn each_instance<'a>(
    facts: &Facts<'a>,
    judge: impl Fn(Role, &Instance) -> Option<ErrorCode>,
) -> Option<Fault<'a>> {
    [
        (Role::Source, facts.source()),
        (Role::Target, facts.target()),
    ]
    .into_iter()
    .find_map(|(role, instance)| {
        let instance = instance?;
        let code = judge(role, instance)?;
        fault(
            code,
            Subject::Instance {
                role,
                id: &instance.db_instance_id,
            },
        )
    })
}

/// The SQL Server major version, when it is one that can be copied (2012 on).
fn copyable_version(instance: &Instance) -> Option<SqlServerMajor> {
    instance
        .sql_server_major()
        .filter(|&major| major >= SqlServerMajor::FIRST_COPYABLE)
}

fn engine<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    each_instance(facts, |role, instance| {
        (copyable_version(instance).is_none()).then_some(match role {
            Role::Source => ErrorCode::ENGINE_NOT_SUPPORTED,
            Role::Target => ErrorCode::TARGET_INSTANCE_ENGINE_NOT_SUPPORTED,
        })
    })
}

fn instance_type<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    each_instance(facts, |_, instance| match instance.db_instance_type {
        InstanceType::Primary => None,
        InstanceType::Readonly => Some(ErrorCode::READ_ONLY_INSTANCE_NOT_SUPPORT),
        InstanceType::Guard => Some(ErrorCode::READ_DB_INSTANCE_NOT_SUPPORT),
        InstanceType::Temp => Some(ErrorCode::INVALID_TEMP_INSTANCE_NOT_SUPPORT),
    })
}

fn category<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    each_instance(facts, |_, instance| {
        Category::from_api(&instance.category)
            .is_none()
            .then_some(ErrorCode::INCORRECT_DB_INSTANCE_TYPE)
    })
}

fn instance_state<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    each_instance(facts, |_, instance| {
        let ready = instance.db_instance_status == "Running" && instance.lock_mode == "Unlock";
        (!ready).then_some(ErrorCode::INCORRECT_DB_INSTANCE_STATE)
    })
}

/// The pair, when `judge` refuses it.
fn pair<'a>(
    facts: &Facts<'a>,
    judge: impl Fn(&Instance, &Instance) -> Option<ErrorCode>,
) -> Option<Fault<'a>> {
    let (source, target) = (facts.source()?, facts.target()?);
    let code = judge(source, target)?;
    fault(
        code,
        Subject::Pair {
            source: &source.db_instance_id,
            target: &target.db_instance_id,
        },
    )
}

fn same_region<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    pair(facts, |source, target| {
        (source.region_id != target.region_id)
            .then_some(ErrorCode::INVALID_INSTANCES_REGION_MALFORMED)
    })
}

fn same_network<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    pair(facts, |source, target| {
        (source.instance_network_type != target.instance_network_type)
            .then_some(ErrorCode::INCORRECT_INSTANCE_NETWORK_TYPE)
    })
}

fn category_matrix<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    pair(facts, |source, target| {
        matrix::copy_between(
            Category::from_api(&source.category)?,
            Category::from_api(&target.category)?,
        )
    })
}

fn dedicated_cluster<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let target = facts.target()?;
    given(&target.dedicated_host_group_id)?;
    let code = match Category::from_api(&facts.source()?.category)? {
        Category::HighAvailability => {
            ErrorCode::BACKUP_RESTORE_NOT_SUPPORTED_HA_DEDICATED_ALWAYS_ON
        }
        Category::Share => ErrorCode::BACKUP_RESTORE_NOT_SUPPORTED_SHARE_DEDICATED_ALWAYS_ON,
        Category::Basic | Category::AlwaysOn => return None,
    };
    fault(
        code,
        Subject::Instance {
            role: Role::Target,
            id: &target.db_instance_id,
        },
    )
}

fn version_order<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    // Versions too old to copy at all are rule 12's to report.
    pair(facts, |source, target| {
        (copyable_version(source)? > copyable_version(target)?)
            .then_some(ErrorCode::INVALID_INSTANCE_VERSION)
    })
}

fn cloud_ssd<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    each_instance(facts, |_, instance| {
        (instance.db_instance_storage_type == "cloud_ssd")
            .then_some(ErrorCode::CLOUD_SSD_NOT_SUPPORT)
    })
}

fn backup_set<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let Some(Origin::BackupSet(id)) = facts.origin() else {
        return None;
    };
    facts.source()?;
    facts.backup().is_none().then_some(())?;
    fault(ErrorCode::INVALID_BACKUP_SET_ID, Subject::Backup(id))
}

fn snapshot_backup_set<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let backup = facts.backup()?;
    let refused = backup.backup_method == BackupMethod::Snapshot
        && facts.target()?.backup_policy.backup_method != PolicyBackupMethod::Snapshot;
    refused.then_some(())?;
    fault(
        ErrorCode::OPERATION_DENIED_SNAPSHOT_BACKUP_SET,
        Subject::Backup(&backup.backup_id),
    )
}

fn snapshot_restore_time<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    facts.restore_time()?;
    pair(facts, |source, target| {
        (source.backup_policy.backup_method == PolicyBackupMethod::Snapshot
            && target.backup_policy.backup_method != PolicyBackupMethod::Snapshot)
            .then_some(ErrorCode::OPERATION_DENIED_RESTORE_TIME)
    })
}

fn restore_window<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let time = facts.restore_time()?;
    let scenario = facts.scenario;
    let source = facts.source()?;
    let policy = &source.backup_policy;
    // Past the start of chrono's range the window reaches back further than any t.
    let window_start = i64::try_from(policy.backup_retention_period)
        .ok()
        .and_then(chrono::TimeDelta::try_days)
        .and_then(|days| scenario.now.checked_sub_signed(days));
    let full_backup_before = scenario.backups.iter().any(|backup| {
        backup.db_instance_id == source.db_instance_id
            && backup.backup_status == "Success"
            && backup.backup_type == BackupType::FullBackup
            && backup.backup_end_time <= time
    });
    let restorable = policy.enable_backup_log
        && time <= scenario.now
        && window_start.is_none_or(|start| time >= start)
        && full_backup_before;
    (!restorable).then_some(())?;
    fault(
        ErrorCode::INVALID_PARAM_TABLE_META_RESTORE_TIME,
        Subject::Instance {
            role: Role::Source,
            id: &source.db_instance_id,
        },
    )
}

fn source_databases<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    facts.source()?;
    let entries = facts.entries()?;
    let missing = facts.source_databases().iter().position(Option::is_none)?;
    fault(
        ErrorCode::INVALID_DB_NAME_NOT_FOUND,
        entry_subject(entries, missing),
    )
}

fn backup_set_databases<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let set = NameIndex::folded(facts::backup_names(facts.backup()?));
    if set.is_empty() {
        return None;
    }
    let entries = facts.entries()?;
    let mut in_set = vec![false; entries.len()];
    set.join(facts.requested_sources(), |entry, _| {
        mark(&mut in_set, entry)
    });
    let at = facts
        .source_databases()
        .iter()
        .zip(&in_set)
        .position(|(db, &in_set)| db.is_some() && !in_set)?;
    fault(ErrorCode::INVALID_BACKUP_SET, entry_subject(entries, at))
}

fn snapshot_whole_set<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let backup = facts.backup()?;
    (backup.backup_method == BackupMethod::Snapshot).then_some(())?;
    facts.entries()?;
    let named: Vec<&str> = facts::backup_names(backup).collect();
    let set: Vec<&str> = if named.is_empty() {
        facts
            .source()?
            .databases
            .iter()
            .map(|db| db.db_name.as_str())
            .collect()
    } else {
        named
    };
    let mut taken = vec![false; set.len()];
    let set_index = NameIndex::folded(set.iter().copied());
    facts
        .requested_sources()
        .join(&set_index, |name, _| mark(&mut taken, name));
    let left_out = taken.iter().position(|&taken| !taken)?;
    fault(
        ErrorCode::FORBIDDEN_SNAPSHOT_RECOVERY,
        Subject::LeftOut {
            backup: &backup.backup_id,
            database: set.get(left_out)?,
        },
    )
}

fn cold_storage_now<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let now = facts.scenario.now;
    first_database(facts, ErrorCode::INVALID_RESTORE_DB, |db| {
        db.cold_storage_periods
            .iter()
            .any(|period| period.start <= now && period.end.is_none_or(|end| end > now))
    })
}

fn cold_storage_at_restore_time<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let time = facts.restore_time()?;
    first_database(facts, ErrorCode::INVALID_RESTORE_TIME_SPECIFIED, |db| {
        db.cold_storage_periods
            .iter()
            .any(|period| period.start <= time && period.end.is_some_and(|end| time < end))
    })
}

fn tde<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    first_database(facts, ErrorCode::CAN_NOT_COPY_DB_HAS_TDE_ENABLED, |db| {
        db.tde_status == TdeStatus::Enabled
    })
}

fn recovery_model<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    facts.restore_time()?;
    first_database(
        facts,
        ErrorCode::CURRENT_RECOVERY_MODEL_NOT_SUPPORT_THIS_ACTION,
        |db| db.recovery_model == RecoveryModel::Simple,
    )
}

fn target_name_taken<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let existing = facts::database_index(&facts.target()?.databases);
    let entries = facts.entries()?;
    let mut first: Option<usize> = None;
    existing.join(facts.requested_targets(), |entry, _| {
        first = Some(first.map_or(entry, |first| first.min(entry)));
    });
    fault(
        ErrorCode::INVALID_DB_NAME_DUPLICATE,
        entry_subject(entries, first?),
    )
}

fn database_count<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let target = facts.target()?;
    let limit = target.db_max_quantity?;
    let after = u128::try_from(target.databases.len())
        .ok()?
        .saturating_add(u128::try_from(facts.entries()?.len()).ok()?);
    (after > u128::from(limit)).then_some(())?;
    fault(
        ErrorCode::DB_COUNT_LIMIT_EXCEEDED,
        Subject::Instance {
            role: Role::Target,
            id: &target.db_instance_id,
        },
    )
}

fn storage<'a>(facts: &Facts<'a>) -> Option<Fault<'a>> {
    let target = facts.target()?;
    facts.entries()?;
    let capacity = u128::from(target.db_instance_storage) << 30;
    let free = capacity.saturating_sub(u128::from(target.db_instance_disk_used));
    let needed = facts
        .source_databases()
        .iter()
        .flatten()
        .fold(0u128, |sum, db| {
            sum.saturating_add(u128::from(db.db_size_bytes))
        });
    (free <= needed).then_some(())?;
    fault(
        ErrorCode::STORAGE_LIMIT_EXCEEDED_403,
        Subject::Instance {
            role: Role::Target,
            id: &target.db_instance_id,
        },
    )
}

fn mark(flags: &mut [bool], at: usize) {
    if let Some(flag) = flags.get_mut(at) {
        *flag = true;
    }
}

fn entry_subject<'a>(entries: &[Entry<'a>], at: usize) -> Subject<'a> {
    let entry = entries.get(at);
    Subject::Database {
        entry: at,
        source: entry.map(|e| e.source.clone()).unwrap_or_default(),
        target: entry.map(|e| e.target.clone()).unwrap_or_default(),
    }
}

/// The first entry, in request order, that `denies`.
fn first_entry<'a>(
    facts: &Facts<'a>,
    code: ErrorCode,
    denies: impl Fn(&Entry<'a>) -> bool,
) -> Option<Fault<'a>> {
    let entries = facts.entries()?;
    let at = entries.iter().position(denies)?;
    fault(code, entry_subject(entries, at))
}

/// The first entry, in request order, whose running source database `denies`.
fn first_database<'a>(
    facts: &Facts<'a>,
    code: ErrorCode,
    denies: impl Fn(&Database) -> bool,
) -> Option<Fault<'a>> {
    let entries = facts.entries()?;
    let at = entries
        .iter()
        .zip(facts.source_databases())
        .position(|(_, db)| db.is_some_and(&denies))?;
    fault(code, entry_subject(entries, at))
}
