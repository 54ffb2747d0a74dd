/**
 * Typed client for Azure VM restore points: restore point collections, VM restore points and disk
 * restore points over Azure Resource Manager, with resumable pollers for long-running operations.
 *
 * @packageDocumentation
 */

export { RestorePointClient } from "./client/restorePointClient.js";
export { RestorePointCollectionClient } from "./client/collectionClient.js";
export { VmRestorePointClient } from "./client/vmRestorePointClient.js";
export { DiskRestorePointClient } from "./client/diskRestorePointClient.js";
export { withDiskAccess } from "./client/withDiskAccess.js";
// Internal (API Extractor convention: underscore): the parameter type of the sub-client constructors.
export type { ClientContext as _ClientContext } from "./internal/armContext.js";
export type {
  AdditionalPolicyConfig,
  AzureCloud,
  BeginDeleteCollectionOptions,
  BeginDeleteRestorePointOptions,
  BeginGrantAccessOptions,
  BeginRevokeAccessOptions,
  CollectionExistsOptions,
  CreateCollectionOptions,
  GetCollectionOptions,
  GetDiskRestorePointOptions,
  GetReplicationProgressOptions,
  GetRestorePointOptions,
  ListCollectionsOptions,
  ListDiskRestorePointsOptions,
  ListRestorePointsOptions,
  RestorePointClientOptions,
  RestorePointExistsOptions,
  UpdateCollectionOptions,
  WaitForReplicationOptions,
  WithDiskAccessOptions,
} from "./client/options.js";
export type { BeginCopyRestorePointOptions } from "./copy/copyOptions.js";
export type { BeginCreateRestorePointOptions } from "./capture/captureOptions.js";
export type { BeginRestoreDiskOptions } from "./disks/restoreDiskOptions.js";
export type { LroOptions, OperationOptions } from "./models/operationOptions.js";
export type {
  RestoreVmOptions,
  RestoreVmProgressEvent,
  RestoreVmResult,
  RestoreVmResultBase,
} from "./restore/restoreVmTypes.js";
export type { BeginCopyToRegionOptions, CopyToRegionOptions } from "./copy/copyToRegionTypes.js";
export type { RestoreVmInPlaceOptions, RestoreVmInPlaceResult } from "./restore/restoreVmInPlaceTypes.js";
export { RESTORE_OPERATION_TAG } from "./restore/operationTag.js";

export type {
  ArmJson,
  ConsistencyMode,
  DiskSku,
  HyperVGeneration,
  OperatingSystemType,
} from "./models/common.js";
export {
  KnownConsistencyMode,
  KnownDiskSku,
  KnownHyperVGeneration,
  KnownOperatingSystemType,
} from "./models/common.js";
export type { RestorePointCollection } from "./models/collection.js";
export type { VmRestorePoint, VmRestorePointDisk } from "./models/vmRestorePoint.js";
export type { RestorePointSourceDisk, RestorePointSourceMetadata } from "./models/sourceMetadata.js";
export type { DiskReplicationProgress, ReplicationProgress, ReplicationState } from "./models/replication.js";
export type {
  DiskRestorePointEncryption,
  RestorePointEncryptionOptions,
  RestorePointEncryptionType,
} from "./models/encryption.js";
export type { CopyOperationState } from "./models/copyOperationState.js";
export type { DiskRestorePoint } from "./models/diskRestorePoint.js";
export type { AccessLevel, DiskAccess, FileFormat } from "./models/diskAccess.js";
export { KnownAccessLevel, KnownFileFormat } from "./models/diskAccess.js";
export type { ManagedDisk } from "./models/managedDisk.js";

export { RestorePointError, isRestorePointError } from "./errors/restorePointError.js";
export type { RestorePointErrorByCode, RestorePointErrorCode } from "./errors/restorePointError.js";
export { RegionNotSupportedError } from "./errors/regionNotSupportedError.js";
export { RestorePointLimitError } from "./errors/restorePointLimitError.js";
export { ConcurrentOperationError } from "./errors/concurrentOperationError.js";
export { UnsupportedDiskError } from "./errors/unsupportedDiskError.js";
export type { UnsupportedDisk } from "./errors/unsupportedDiskError.js";
export { InvalidExclusionError } from "./errors/invalidExclusionError.js";
export { CopyNotAllowedError } from "./errors/copyNotAllowedError.js";
export type { CopyNotAllowedReason } from "./errors/copyNotAllowedError.js";
export { ReplicationIncompleteError } from "./errors/replicationIncompleteError.js";
export { OperationFailedError } from "./errors/operationFailedError.js";
export { RestoreVmError } from "./errors/restoreVmError.js";
export type { RestoreVmStep } from "./errors/restoreVmError.js";

export { parseResourceId } from "./resourceId.js";
export type { ParsedResourceId } from "./resourceId.js";
export {
  CROSS_REGION_SUPPORTED_REGIONS,
  isRegionSupportedForCrossRegion,
  normalizeRegion,
} from "./regions.js";
export { MAX_RESTORE_POINTS_PER_VM } from "./constants.js";
export type {
  PlanCopyRestorePointOptions,
  PlanCreateRestorePointOptions,
  PlannedRequest,
  RestorePointPlan,
} from "./capture/plan.js";
export { DEFAULT_PROTECTED_TAG } from "./retention/retentionTypes.js";
export type {
  PlanPruneOptions,
  PruneFailure,
  PruneFailureReason,
  PruneOptions,
  PrunePlan,
  PruneProgressEvent,
  PruneResult,
  RetentionPolicy,
} from "./retention/retentionTypes.js";
export type {
  CreateRestorePointsOptions,
  FleetProgressEvent,
  FleetRestorePointResult,
  FleetVm,
} from "./fleet/fleetTypes.js";

export { logger } from "./internal/logger.js";

// Core types that appear in this package's signatures, re-exported so users need no extra imports.
export { RestError, isRestError } from "@azure/core-rest-pipeline";
export type { OperationState, PollerLike } from "@azure/core-lro";
export type { PagedAsyncIterableIterator, PageSettings } from "@azure/core-paging";
export type { AbortSignalLike } from "@azure/abort-controller";
export type { TokenCredential } from "@azure/core-auth";
export type { AzureLogger } from "@azure/logger";
export type { FullOperationResponse, OperationRequestOptions, RawResponseCallback } from "@azure/core-client";
export type { OperationTracingOptions, TracingContext } from "@azure/core-tracing";

export { PROTECTION_POLICY_SCHEMA } from "./protection/policySchema.js";
export type {
  PolicyDuration,
  ProtectionCopy,
  ProtectionPolicy,
  ProtectionRetention,
  ProtectionSchedule,
  ProtectionSelector,
} from "./protection/policyTypes.js";
export { ProtectionPolicyError } from "./protection/policyErrors.js";
export type { ProtectionPolicyIssue } from "./protection/policyErrors.js";
export { parseProtectionPolicy, validateProtectionPolicy } from "./protection/validatePolicy.js";
export type { ParseProtectionPolicyOptions } from "./protection/validatePolicy.js";
export { planProtectionFromFacts } from "./protection/planCore.js";
export { protectionStatusFromFacts } from "./protection/statusCore.js";
export { protectionShardOf } from "./protection/selector.js";
export { renderProtectionReport } from "./protection/htmlReport.js";
export type { ProtectionReportOptions } from "./protection/htmlReport.js";
export type {
  ProtectedVmFacts,
  ProtectionCollectionFacts,
  ProtectionFacts,
} from "./protection/protectionFacts.js";
export type {
  PlannedCopy,
  PlannedDeletion,
  PlannedRestorePoint,
  PlannedRetention,
  ProtectionPlan,
  ProtectionSkip,
  ProtectionSkipReason,
  VmProtectionPlan,
} from "./protection/planTypes.js";
export type {
  PendingCopy,
  ProtectionStatus,
  RegionProtectionStatus,
  TimelinePoint,
  VmProtectionState,
  VmProtectionStatus,
} from "./protection/statusTypes.js";
export { planProtection, protectionStatus, runProtection } from "./protection/protection.js";
export {
  BASIC_DATA_PROTECTION_REGIONS,
  disableBasicDataProtection,
  enableBasicDataProtection,
} from "./protection/basicDataProtection.js";
export type {
  BasicDataProtectionState,
  BasicDataProtectionSwitchOptions,
} from "./protection/basicDataProtection.js";
export type {
  PlanProtectionOptions,
  ProtectionProgressEvent,
  ProtectionRunFailure,
  ProtectionRunResult,
  ProtectionRunSkip,
  ProtectionStatusOptions,
  RunProtectionOptions,
  VmProtectionRunResult,
} from "./protection/protectionOptions.js";
