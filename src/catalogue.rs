//! The API page's error table: all 142 rows, in the page's order, defined once.
//!
//! Every row becomes an [`ErrorCode`] constant; the lookups, the list of all
//! rows and the classification the documentation shows are derived from the
//! same table, so a row cannot be added in one place and forgotten in another.
//! Messages are the page's byte for byte, typos and `%s` placeholders included.

use std::fmt;

/// One row of the API page's error table.
///
/// An `ErrorCode` is a position in [`ErrorCode::ALL`]; two rows that share a
/// code (`StorageLimitExceeded` is both a 403 and a 404) are different values.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ErrorCode(u8);

/// Whether [`evaluate`](crate::evaluate) can return a row, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// A rule returns it; [`ErrorCode::rules`] names which.
    Produced,
    /// No rule returns it.
    NotProduced(NotProduced),
}

/// Why a catalogue row is never returned by the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotProduced {
    /// Belongs to ordering, pricing or payment flows; copying databases places no order.
    Ordering(&'static str),
    /// A failure while the copy runs, not a precondition a request can be checked against.
    Runtime(&'static str),
    /// The same condition as a produced row, which the engine returns instead.
    SynonymOf(ErrorCode),
    /// The page documents no condition under which this API returns it.
    Undocumented(&'static str),
}

impl fmt::Display for NotProduced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ordering(what) => write!(
                f,
                "ordering and payment flows ({what}); copying places no order"
            ),
            Self::Runtime(what) => write!(f, "runtime failure during execution: {what}"),
            Self::SynonymOf(code) => write!(
                f,
                "synonym of `{}` ({}), which the engine returns for that condition",
                code.code(),
                code.status()
            ),
            Self::Undocumented(what) => write!(f, "no documented condition: {what}"),
        }
    }
}

macro_rules! coverage {
    (produced) => {
        Coverage::Produced
    };
    (order($what:literal)) => {
        Coverage::NotProduced(NotProduced::Ordering($what))
    };
    (runtime($what:literal)) => {
        Coverage::NotProduced(NotProduced::Runtime($what))
    };
    (synonym($of:ident)) => {
        Coverage::NotProduced(NotProduced::SynonymOf(ErrorCode::$of))
    };
    (undocumented($what:literal)) => {
        Coverage::NotProduced(NotProduced::Undocumented($what))
    };
}

struct Row {
    status: u16,
    code: &'static str,
    message: &'static str,
    coverage: Coverage,
}

macro_rules! catalogue {
    ($( $name:ident $status:literal $code:literal $message:literal $kind:ident $(($($arg:tt)*))? ; )+) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        enum Position { $($name,)+ }

        static ROWS: [Row; ErrorCode::COUNT] = [
            $(Row { status: $status, code: $code, message: $message, coverage: coverage!($kind $(($($arg)*))?) },)+
        ];

        impl ErrorCode {
            $(
                #[doc = concat!("`", $code, "` (HTTP ", stringify!($status), "): ", $message)]
                pub const $name: ErrorCode = ErrorCode(Position::$name as u8);
            )+

            /// How many rows the page's table has.
            pub const COUNT: usize = [$(Position::$name),+].len();

            /// Every row, in the page's order.
            pub const ALL: [ErrorCode; ErrorCode::COUNT] = [$(ErrorCode::$name),+];
        }
    };
}

catalogue! {
    DB_OPERATION_FAILED                                     400 "%s" "DB Operation Failed:%s." runtime("a SQL statement failed while the copy ran");
    INVALID_BACKUP_SET_ID                                   400 "InvalidBackupSetID" "Invalid backup set id." produced;
    DB_COUNT_LIMIT_EXCEEDED                                 400 "DBCountLimitExceeded" "Db count limit exceeded." produced;
    BACKUP_RESTORE_NOT_SUPPORTED_BASIC_HA                   400 "BackupRestoreNotSupported.BasicHA" "Basic instances cannot be restored to high availability instances, and high availability instances cannot be restored to basic instances." produced;
    BACKUP_RESTORE_NOT_SUPPORTED_HA_DEDICATED_ALWAYS_ON     400 "BackupRestoreNotSupported.HADedicatedAlwaysOn" "High availability instances cannot be restored to dedicated cluster instances or AlwaysOn instances." produced;
    BACKUP_RESTORE_NOT_SUPPORTED_SHARE_DEDICATED_ALWAYS_ON  400 "BackupRestoreNotSupported.ShareDedicatedAlwaysOn" "Shared instances cannot be restored to dedicated cluster instances, AlwaysOn instances, or high availability instances." produced;
    OPERATION_DENIED_RESTORE_TIME                           400 "OperationDenied.RestoreTime" "The instance with snapshot backup enabled can only be restored to the instance with snapshot backup enabled." produced;
    OPERATION_DENIED_SNAPSHOT_BACKUP_SET                    400 "OperationDenied.SnapshotBackupSet" "Snapshot backup set can only be restored to the instance with snapshot backup enabled." produced;
    CAN_NOT_COPY_DB_HAS_TDE_ENABLED                         400 "CanNotCopyDBHasTDEEnabled" "The source database has enabled the TDE feature. You cannot copy it to another instance." produced;
    INVALID_BACKUP_DB_NAMES_NOT_FOUND                       400 "InvalidBackupDBNames.NotFound" "The specified BackupDBNames is not found." undocumented("BackupDBNames is a parameter of other restore APIs, not of this one");
    INVALID_BACKUP_DB_NAMES_MALFORMED                       400 "InvalidBackupDBNames.Malformed" "The specified backup database is not valid." undocumented("BackupDBNames is a parameter of other restore APIs, not of this one");
    INVALID_DB_NAME_FORMAT                                  400 "InvalidDBName.Format" "Specified DB name is not valid." produced;
    INVALID_DB_INSTANCE_NAME_NOT_FOUND                      400 "InvalidDBInstanceName.NotFound" "Invalid DBInstanceId NotFound." synonym(INVALID_DB_INSTANCE_NOT_FOUND);
    ENGINE_NOT_SUPPORTED                                    400 "EngineNotSupported" "The engine does not support the operation." produced;
    INVALID_TARGET_DB_INSTANCE_NAME_FORMAT_400              400 "InvalidTargetDBInstanceName.Format" "Specified Target DB instance name is not valid." produced;
    MASTER_DB_INSTANCE_STATE_NOT_SUPPORT                    400 "MasterDBInstanceState.NotSupport" "The Master instance state does not support this operation." synonym(INCORRECT_DB_INSTANCE_STATE);
    TARGET_INSTANCE_ENGINE_NOT_SUPPORTED                    400 "TargetInstanceEngineNotSupported" "The specified Engine cannot be supported the operation." produced;
    INVALID_INSTANCES_REGION_MALFORMED                      400 "InvalidInstancesRegion.Malformed" "The instance region is not the same as the target instance region." produced;
    INVALID_START_TIME_FORMAT                               400 "InvalidStartTime.Format" "The specified parameter \"StartTime\" is not valid." undocumented("StartTime is not a parameter of this API");
    INVALID_END_TIME_FORMAT                                 400 "InvalidEndTime.Format" "The specified parameter \"EndTime\" is not valid." undocumented("EndTime is not a parameter of this API");
    INVALID_PARAMETER_COMBINATION                           400 "InvalidParameterCombination" "The end time must be greater than the start time" undocumented("needs a StartTime and an EndTime, which this API does not take");
    INVALID_BACKUP_SET_LOCATION_FORMAT                      400 "InvalidBackupSetLocation.Format" "Specified backup set location is not valid." undocumented("a backup set location is not a parameter of this API");
    INVALID_CROSS_REGION_TRANS                              400 "InvalidCrossRegionTrans" "Cross region instance trans is not supported" synonym(INVALID_INSTANCES_REGION_MALFORMED);
    ERROR_PARAMETERS_CONFLICT                               400 "ErrorParametersConflict" "Parameter BackupsetID and restoretime can only exist one." produced;
    INVALID_DB_NAME_NOT_FOUND                               400 "InvalidDBName.NotFound" "Specified DB name does not exist." produced;
    INVALID_DB_NAME_DUPLICATE                               400 "InvalidDBName.Duplicate" "Specified DB name already exists in the This instance." produced;
    READ_DB_INSTANCE_NOT_SUPPORT                            400 "ReadDBInstanceNotSupport" "The operation is not permitted due to type of the instance." produced;
    INVALID_RECOVERY_DB_INSTANCE_STORAGE_SIZE               400 "InvalidRecoveryDbInstance.StorageSize" "The disk space of the new instance cannot be less than that of the current instance" synonym(STORAGE_LIMIT_EXCEEDED_403);
    INVALID_RECOVERY_DB_NAMES_FORMAT                        400 "InvalidRecoveryDBNames.Format" "The specified parameter DBNames is not valid." produced;
    INVALID_BACKUP_ID_OR_RESTORE_TIME_NOT_FOUND             400 "InvalidBackupIdOrRestoreTime.NotFound" "The specified parameter BackupId or RestoreTime is not valid." produced;
    FORBIDDEN_REGION_NOT_FOUND                              400 "Forbidden.RegionNotFound" "The provided RegionId does not exist in our record." undocumented("RegionId is not a parameter of this API");
    IMAGE_NOT_FOUND                                         400 "ImageNotFound" "The specified Image is disabled or is deleted." undocumented("images belong to instance creation, not to copying databases");
    INVALID_ZONE_NOT_SUPPORTED_FOR_STORAGE_TYPE             400 "InvalidZone.NotSupportedForStorageType" "The specified zone is closed or invalid for Specified DBInstanceStorageType." undocumented("zone and storage type are not parameters of this API");
    INVALID_ENGINE_OR_ENGINE_VERSION                        400 "InvalidEngineOrEngineVersion" "The specified params engine or engineVersion should not be null." undocumented("engine and version are not parameters of this API");
    INVALID_GENERAL_GROUP_NAME_OR_GDN_INSTANCE_NAME         400 "InvalidGeneralGroupNameOrGdnInstanceName" "The specified params generalGroupName or gdnInstanceName should not be null." undocumented("global database network names are not parameters of this API");
    INVALID_VSWITCH_ID_NOT_FOUND                            400 "InvalidVSwitchId.NotFound" "Specified virtual switch is not found in specified VPC." undocumented("a vSwitch is not a parameter of this API");
    CDDC_TARGET_HOST_ID_NOT_AVAILABLE                       400 "CDDC.TargetHostIDNotAvailable" "The target host ID is not available." runtime("host placement on a dedicated cluster is decided while the copy runs");
    CDDC_AVAILABLE_HOSTS_NOT_ENOUGH_IN_ZONE                 400 "CDDC.AvailableHostsNotEnoughInZone" "Not enough available hosts are in the target zone." runtime("host capacity in a zone is decided while the copy runs");
    READ_ONLY_INSTANCE_NOT_SUPPORT                          400 "ReadOnlyInstanceNotSupport" "Specified ReadOnly Instance not support this operation." produced;
    INVALID_SHARE_DB_INSTANCE_CLASS_NOT_SUPPORT             400 "InvalidShareDbInstanceClassNotSupport" "The current instance classType is not support operation." undocumented("the page names no instance class that cannot be copied; Share pairs are decided by the matrix");
    INVALID_QUANTITY_NOT_SUPPORTED                          400 "InvalidQuantity.NotSupported" "The specified instance quantity is not supported." undocumented("an instance quantity is not a parameter of this API");
    INCORRECT_MASTER_DB_INSTANCE_STATE                      400 "IncorrectMasterDBInstanceState" "Master instance state does not support this operation." synonym(INCORRECT_DB_INSTANCE_STATE);
    INVALID_DB_INSTANCE_READ_DB_INSTANCE_EXCEEDED           400 "InvalidDBInstance.ReadDBInstanceExceeded" "Current DB Instance exceeding the allowed amount of read instance." undocumented("read-only instance quotas belong to creating read-only instances");
    INVALID_ENGINE_VERSION_MALFORMED                        400 "InvalidEngineVersion.Malformed" "Specified engine version is not valid." undocumented("EngineVersion is not a parameter of this API");
    INVALID_ESSD_STORAGE_SIZE                               400 "InvalidEssdStorageSize" "The cloud ESSD storage size is invalid." undocumented("a storage size is not a parameter of this API");
    INCORRECT_INSTANCE_NETWORK_TYPE                         400 "IncorrectInstanceNetworkType" "The specified parameter InstanceNetworkType is not valid." produced;
    AT_LEAST_TWO_VSWITCH_PARAM_EXISTS                       400 "AtLeastTwoVSwitchParamExists" "The specified params(Vswitchs) at least two." undocumented("vSwitches are not parameters of this API");
    INVALID_IZ_NO_NOT_SUPPORTED                             400 "InvalidIzNo.NotSupported" "Specified VPC zone is not supported." undocumented("a zone is not a parameter of this API");
    INVALID_BACKUP_SET                                      400 "InvalidBackupSet" "Specified database does not exists in the backup set." produced;
    INVALID_RESTORE_TIME_SPECIFIED                          400 "InvalidRestoreTimeSpecified" "Unable to restore to the specified time, because the database is in cold storage at this time. Please choose a valid restore point." produced;
    INVALID_RESTORE_DB                                      400 "InvalidRestoreDB" "Unable to restore, because the database is in cold storage now. Please skip this database." produced;
    ORDER_COMBO_INSTANCE_NOT_ALLOW_OPERATE                  400 "Order.ComboInstanceNotAllowOperate" "A package instance is not allowed to operate independently." order("package (combo) instances are an ordering matter");
    PRICE_PRICING_PLAN_RESULT_NOT_FOUND                     400 "Price.PricingPlanResultNotFound" "Pricing plan price result not found." order("pricing");
    ORDER_NO_REAL_NAME_AUTHENTICATION                       400 "Order.NoRealNameAuthentication" "You have not passed the real-name authentication and do not meet the purchase conditions. Please log in to the user center for real-name authentication." order("real-name authentication before a purchase");
    INSUFFICIENT_AVAILABLE_QUOTA                            400 "InsufficientAvailableQuota" "Your account quota limit is less than 0, please recharge before trying to purchase." order("account quota before a purchase");
    COMMODITY_SERVICE_CALLING_EXCEPTION                     400 "CommodityServiceCalling.Exception" "Failed to call commodity service." order("the commodity service");
    REGION_DISSOLVED_EOM                                    400 "RegionDissolvedEOM" "Dear customer, Alibaba Cloud plans to optimize and adjust the current region. Cloud services in this region will cease operations. You are currently unable to operate new purchase orders. Thank you for your understanding and support." order("new purchase orders in a dissolved region");
    COMMODITY_INVALID_COMPONENT                             400 "Commodity.InvalidComponent" "The module you purchased is not legal, please buy it again." order("the purchased module");
    REGION_END_TIME_DISSOLVED_AUSTRALIA                     400 "RegionEndTimeDissolvedAustralia" "Cloud services in the Australia (Sydney) region will be discontinued. Set the validity date to September 30, 2024 or earlier than September 30, 2024." order("the validity date of a purchase");
    PRICE_COMMODITY_SYS                                     400 "Price.CommoditySys" "Commodity system call exception." order("the commodity system");
    PAY_INSUFFICIENT_BALANCE                                400 "Pay.InsufficientBalance" "Insufficient available balance." order("account balance");
    ORDER_PERIOD_INVALID                                    400 "Order.PeriodInvalid" "There is a problem with the period you selected, please choose again." order("the subscription period");
    PAY_NO_CREDIT_CARD_LOWERCASE                            400 "pay.noCreditCard" "Account not bound to credit card." order("payment method");
    ORDER_INST_HAS_UNPAID_ORDER                             400 "Order.InstHasUnpaidOrder" "There is an unpaid order for the service you have purchased. Please pay or void it before placing the order." order("unpaid orders");
    NO_AVAILABLE_PAYMENT_METHOD                             400 "noAvailablePaymentMethod" "No payment method is specified for your account. We recommend that you add a payment method." order("payment method");
    BASIC_INFO_UNCOMPLETED                                  400 "BasicInfoUncompleted" "Your information is incomplete. Complete your information before the operation." order("account information before a purchase");
    RISK_RISK_CONTROL_REJECTION                             400 "Risk.RiskControlRejection" "Your account is abnormal, please contact customer service for details." order("risk control on the account");
    API_NOT_SUPPORT                                         400 "Api.NotSupport" "Specified api is not supported." undocumented("the page names no condition under which this API is unsupported");
    CONTAIN_FORBIDDEN_LABEL_ERROR                           400 "ContainForbiddenLabelError" "There is a label that prohibits placing orders. Please contact your distributor for assistance." order("labels that forbid placing orders");
    INVALID_DB_INSTANCE_ID_NOT_FOUND                        400 "InvalidDBInstanceId.NotFound" "The DBInstanceId provided does not exist in records." synonym(INVALID_DB_INSTANCE_NOT_FOUND);
    INVALID_INSTANCE_LEVEL_DISK_TYPE                        400 "InvalidInstanceLevel.DiskType" "Specified instance level not support request disk type" undocumented("instance level and disk type are not parameters of this API");
    INVALID_PARAM_400                                       400 "InvalidParam" "Sepcified wal level Parameter is invalid. There are still logical slots in instance, so it can not be set as replica." undocumented("a PostgreSQL WAL-level error: no SQL Server condition");
    KMS_API_ERROR                                           400 "KmsApiError" "User secret key invalid." runtime("a KMS call made while the copy runs");
    SYSTEM_SALE_VALIDATE_FAILED                             400 "System.SaleValidateFailed" "Sales expression validation system error." order("sales expression validation");
    ABS_INVALID_ACCOUNT_NOT_FOUND                           400 "Abs.InvalidAccount.NotFound" "account is not found." undocumented("the page names no account lookup beyond instance ownership");
    SQL_EXECUTE_FAILED_OR_TIMEOUT                           400 "SqlExecuteFailedOrTimeout" "sql command execution failed or timed out:%s." runtime("a SQL statement failed or timed out while the copy ran");
    COLD_DATA_ENGINE_VERSION_NOT_SUPPORT                    400 "ColdData.EngineVersionNotSupport" "The current instance engine version not support coldDataEnabled." undocumented("coldDataEnabled is not a parameter of this API");
    COLD_DATA_MINOR_VERSION_NOT_SUPPORT                     400 "ColdData.MinorVersionNotSupport" "The current instance minor version not support coldDataEnabled." undocumented("coldDataEnabled is not a parameter of this API");
    INCORRECT_TARGET_CLASSCODE                              400 "IncorrectTargetClasscode" "The current instance type does not support this operation." undocumented("the page names no instance class that cannot be a target");
    INVALID_CONNECTION_STRING_DUPLICATE                     400 "InvalidConnectionString.Duplicate" "Specified connection string already exists in the RDS." undocumented("connection strings are not parameters of this API");
    REQUIRED_PARAM_NOT_FOUND                                400 "RequiredParam.NotFound" "Required input param is not found." produced;
    PARAMETERS_INVALID                                      400 "Parameters.Invalid" "Parameter error, please check the parameters." produced;
    BACKUP_POLICY_NOT_SUPPORT                               400 "BackupPolicyNotSupport" "Cold Data won't open with CrossBackup or Flash Backup, please check Backup Policy." undocumented("cold data and backup policy changes are not part of this API");
    INVALIDE_STATUS_FORMAT                                  400 "InvalideStatus.Format" "The instance status does not support this operation." synonym(INCORRECT_DB_INSTANCE_STATE);
    INVALID_RELEASED_KEEP_POLICY_FORMAT                     400 "InvalidReleasedKeepPolicy.Format" "Specified Released Keep Policy is not valid." undocumented("a released-instance keep policy is not a parameter of this API");
    INVALID_DB_INSTANCE_ENGINE_TYPE_FORMAT                  400 "InvalidDBInstanceEngineType.Format" "the DB instance engine type does not support this operation." synonym(ENGINE_NOT_SUPPORTED);
    PAY_NO_CREDIT_CARD                                      400 "Pay.NoCreditCard" "No credit cards." order("payment method");
    VPC_NETWORK_TYPE_NOT_SUPPORT                            400 "VpcNetworkTypeNotSupport" "The vpc network type instance does not support this operation." undocumented("the page allows any network type as long as both instances share it");
    MIRROR_INS_EXISTS                                       400 "MirrorInsExists" "Specified DB instance mirror ins already existed." undocumented("mirror instances are not part of this API");
    UNSUPPORTED_CLASS_CODE                                  400 "UnsupportedClassCode" "The specified DB instance class stops selling." order("instance classes that stopped selling");
    ORDT_COMMODITY_QUERY_ERROR                              400 "OrdTCommodityQueryError" "Failed to query for product." order("product queries");
    PRODUCT_INSTANCE_RELEASED                               400 "ProductInstanceReleased" "The instance has been released. Please check before placing the order." order("placing an order for a released instance");
    REGION_END_TIME_DISSOLVED_INDIA                         400 "RegionEndTimeDissolvedIndia" "The region is no longer supported." order("purchases in a dissolved region");
    INVALID_CHARACTER_DB_OR_ACCOUNT                         400 "InvalidCharacter.DbOrAccount" "The database name or account name contains invalid characters." produced;
    EXTERNAL_FAILURE                                        500 "ExternalFailure" "The request processing has failed due to external service failure." runtime("an external service failed");
    REQUEST_META_DATA_FAILED                                500 "RequestMetaDataFailed" "The service request failed. Please try again later or contact service personnel." runtime("the service request failed");
    INVOKE_PROXY_FAILURE                                    500 "InvokeProxyFailure" "The request processing has failed due to service failure of rds api." runtime("the RDS API service failed");
    STORAGE_LIMIT_EXCEEDED_403                              403 "StorageLimitExceeded" "Exceeding the allowed Storage of DB instance." produced;
    INVALID_TEMP_INSTANCE_NOT_SUPPORT                       403 "InvalidTempInstance.NotSupport" "The temp db Instance is not support." produced;
    INVALID_TARGET_DB_INSTANCE_NAME_FORMAT_403              403 "InvalidTargetDBInstanceName.Format" "Specified Target DB instance name is not valid." produced;
    INCORRECT_DB_INSTANCE_STATE                             403 "IncorrectDBInstanceState" "The current database instance state does not support the operation." produced;
    INCORRECT_DB_INSTANCE_TYPE                              403 "IncorrectDBInstanceType" "Current DB instance engine and type does not support operations." produced;
    FORBIDDEN_SNAPSHOT_RECOVERY                             403 "Forbidden.SnapshotRecovery" "Snapshot backup does not support partial restore" produced;
    OPERATION_DENIED_RESOURCE                               403 "OperationDenied.Resource" "Specified DB instance class or storage is not available in all Availability Zones." runtime("class or storage availability across zones is decided while the copy runs");
    READONLY_DB_INSTANCE_STORAGE_EXCEEDED                   403 "ReadonlyDBInstanceStorageExceeded" "You can not create the order with the db instance because The masterInstance storage value exceeding the readonlyInstance storage value." order("orders for read-only instances");
    MASTER_DB_INSTANCE_CLASS_NOT_SUPPORT                    403 "MasterDBInstanceClassNotSupport" "You can not create the readonly instance with the master instance class does not support." order("orders for read-only instances");
    READONLY_DB_INSTANCE_CLASS_NOT_SUPPORT                  403 "ReadonlyDBInstanceClassNotSupport" "You can not create the readonly instance with the instance class does not support." order("orders for read-only instances");
    READONLY_DB_INSTANCE_CLASS_LOWER_THAN_MASTER_INSTANCE   403 "ReadonlyDBInstanceClassLowerThanMasterInstance" "The readonly instance db instance class are lower than master instance db instance class." order("orders for read-only instances");
    INVALID_SWITCH_TYPE_MALFORMED                           403 "InvalidSwitchType.Malformed" "The specified parameter InvalidSwitchType is not valid." undocumented("a switch type is not a parameter of this API");
    UNSUPPORTED_COPY_DB_HIGH_AVAILABILITY_TO_BASIC          403 "UnsupportedCopyDbHighAvailabilityToBasic" "Replicate Database from RDS Category:HighAvailability to RDS Category:Basic is not supported." produced;
    INVALID_INSTANCE_VERSION                                403 "InvalidInstanceVersion" "Source instance version is greater than the target instance version." produced;
    UNSUPPORTED_COPY_DB_SHARE_TO_HIGH_AVAILABILITY          403 "UnsupportedCopyDbShareToHighAvailability" "Replicate Database from RDS Category:Share to RDS Category:HighAvailability is not supported." produced;
    UNSUPPORTED_COPY_DB_ALWAYS_ON_TO_BASIC                  403 "UnsupportedCopyDbAlwaysOnToBasic" "Replicate Database from RDS Category:AlwaysOn to RDS Category:Basic is not supported." produced;
    UNSUPPORTED_COPY_DB_BASIC_TO_SHARE                      403 "UnsupportedCopyDbBasicToShare" "Replicate Database from RDS Category:Basic to RDS Category:Share is not supported." produced;
    UNSUPPORTED_COPY_DB_ALWAYS_ON_TO_HIGH_AVAILABILITY      403 "UnsupportedCopyDbAlwaysOnToHighAvailability" "Replicate Database from RDS Category:AlwaysOn to RDS Category:HighAvailability is not supported." produced;
    UNSUPPORTED_COPY_DB_SHARE_TO_BASIC                      403 "UnsupportedCopyDbShareToBasic" "Replicate Database from RDS Category:Share to RDS Category:Basic is not supported." produced;
    UNSUPPORTED_COPY_DB_HIGH_AVAILABILITY_TO_SHARE          403 "UnsupportedCopyDbHighAvailabilityToShare" "Replicate Database from RDS Category:HighAvailability to RDS Category:Share is not supported." produced;
    UNSUPPORTED_COPY_DB_SHARE_TO_ALWAYS_ON                  403 "UnsupportedCopyDbShareToAlwaysOn" "Replicate Database from RDS Category:Share to RDS Category:AlwaysOn is not supported." produced;
    UNSUPPORTED_COPY_DB_ALWAYS_ON_TO_SHARE                  403 "UnsupportedCopyDbAlwaysOnToShare" "Replicate Database from RDS Category:AlwaysOn to RDS Category:Share is not supported." produced;
    INVALID_PARAM_TABLE_META_RESTORE_TIME                   403 "InvalidParamTableMeta.RestoreTime" "The specified restore time cannot be covered by the existing backup chain. Please try specifying a different restore time." produced;
    CURRENT_RECOVERY_MODEL_NOT_SUPPORT_THIS_ACTION          403 "CurrentRecoveryModelNotSupportThisAction" "Current recovery model not supported this action." produced;
    ORDER_STATUS_UN_PAID                                    403 "OrderStatus.UnPaid" "The specified db instance has unpaid order." order("unpaid orders");
    INVALID_REDUCE_DISK_SIZE                                403 "InvalidReduceDiskSize" "The storage capacity after the scale-down must be larger than the used amount." undocumented("scaling storage down is not part of this API");
    CLOUD_SSD_NOT_SUPPORT                                   403 "CloudSSDNotSupport" "Cloud ssd does not support this operation, please upgrade to essd." produced;
    INVALID_USER_OPERATOR_PERMISSION                        403 "InvalidUserOperatorPermission" "The user permission does not support this operation." undocumented("RAM permissions are checked before the API, outside this engine");
    INVALID_VSWITCH_ID                                      403 "InvalidVswitchId" "Specified conn vswitch id is not valid." undocumented("a vSwitch is not a parameter of this API");
    INCORRECT_MINOR_VERSION                                 403 "IncorrectMinorVersion" "Current engine minor version does not support operations." undocumented("the page names no minor version requirement");
    OPERATION_DENIED_ZONE_RESOURCE                          403 "OperationDenied.ZoneResource" "There is no available zone for inventory." runtime("zone inventory is decided while the copy runs");
    NOT_IN_FLOW_CONTROLLER                                  403 "NotInFlowController" "Sorry,no permission." undocumented("the page names no flow-control whitelist");
    INVALID_KMS_KEY                                         403 "InvalidKmsKey" "Kms key is disabled." runtime("the state of a KMS key is read while the copy runs");
    INVALID_INSTANCE_LEVEL_MALFORMED                        403 "InvalidInstanceLevel.Malformed" "Current DB instance level does not support this operation." undocumented("the page names no instance level that cannot be copied");
    INVALID_DB_INSTANCE_NOT_FOUND                           404 "InvalidDBInstance.NotFound" "The specified instance does not exist or is not supported." produced;
    STORAGE_LIMIT_EXCEEDED_404                              404 "StorageLimitExceeded" "Exceeding the allowed Storage of DB instance." synonym(STORAGE_LIMIT_EXCEEDED_403);
    INVALID_INSTANCE_STORAGE_TYPE_NOT_FOUND                 404 "InvalidInstanceStorageType.NotFound" "The specified DBInstanceStorageType is not found." undocumented("a storage type is not a parameter of this API");
    INVALID_REGION_NOT_FOUND                                404 "InvalidRegion.NotFound" "Specified Region does not exist in the RDS" undocumented("RegionId is not a parameter of this API");
    INCORRECT_VSWITCH_ID                                    404 "IncorrectVswitchId" "The specified parameter VSwitchId is not valid." undocumented("a vSwitch is not a parameter of this API");
    INSUFFICIENT_RESOURCE_CAPACITY                          404 "InsufficientResourceCapacity" "Current cluster resources are insufficient. Try again later." runtime("cluster resources are decided while the copy runs");
    INVALID_PARAM_404                                       404 "InvalidParam" "Invalid params to call rds open api, BakDBNames is not empty." undocumented("BakDBNames is not a parameter of this API");
    INVALID_CLUSTER_KMS                                     404 "InvalidClusterKms" "The current instance does not authorized to access the Key Management Service." runtime("KMS authorization is checked while the copy runs");
    REQUEST_NOT_FOUND                                       404 "Request.NotFound" "The requested resource is not available." undocumented("the page names no condition for it");
    HOST_INFO_NOT_FOUND                                     404 "HostInfo.NotFound" "The specified host info is not found." runtime("host information is looked up while the copy runs");
    NETWORK_OR_SQL_TIMEOUT_ERROR                            408 "NetworkOrSqlTimeoutError" "Failed to create login due to potential SQL Server overload or other issues that may cause the login creation fail. Please retry later." runtime("creating logins timed out while the copy ran");
}

impl ErrorCode {
    #[allow(
        clippy::indexing_slicing,
        reason = "an ErrorCode is only ever made from a position in ROWS"
    )]
    fn row(self) -> &'static Row {
        &ROWS[usize::from(self.0)]
    }

    /// The HTTP status the API answers with.
    pub fn status(self) -> u16 {
        self.row().status
    }

    /// The `Code` field of the error body.
    pub fn code(self) -> &'static str {
        self.row().code
    }

    /// The `Message` field of the error body, byte for byte as the page has it.
    pub fn message(self) -> &'static str {
        self.row().message
    }

    /// Zero-based position of the row in the page's table.
    pub fn position(self) -> usize {
        usize::from(self.0)
    }

    /// Whether the engine returns this row.
    pub fn coverage(self) -> Coverage {
        self.row().coverage
    }

    /// The rules that return this row, in rule order (empty when not produced).
    pub fn rules(self) -> impl Iterator<Item = &'static crate::Rule> {
        crate::RULES
            .iter()
            .filter(move |rule| rule.produces.contains(&self))
    }

    /// The row with this HTTP status and code, if the page has one.
    pub fn lookup(status: u16, code: &str) -> Option<ErrorCode> {
        Self::ALL
            .into_iter()
            .find(|entry| entry.status() == status && entry.code() == code)
    }
}

impl fmt::Debug for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ErrorCode({} {})", self.status(), self.code())
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status(), self.code(), self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_that_share_a_code_stay_apart() {
        let storage: Vec<u16> = ErrorCode::ALL
            .into_iter()
            .filter(|e| e.code() == "StorageLimitExceeded")
            .map(ErrorCode::status)
            .collect();
        assert_eq!(storage, [403, 404]);
        assert_ne!(
            ErrorCode::INVALID_PARAM_400.message(),
            ErrorCode::INVALID_PARAM_404.message()
        );
        assert_eq!(
            ErrorCode::lookup(403, "InvalidTargetDBInstanceName.Format"),
            Some(ErrorCode::INVALID_TARGET_DB_INSTANCE_NAME_FORMAT_403)
        );
        assert_eq!(ErrorCode::lookup(418, "InvalidParam"), None);
    }

    #[test]
    fn a_synonym_points_at_a_produced_row() {
        for entry in ErrorCode::ALL {
            if let Coverage::NotProduced(NotProduced::SynonymOf(of)) = entry.coverage() {
                assert_eq!(of.coverage(), Coverage::Produced, "{entry:?} -> {of:?}");
            }
        }
    }
}
