import type { AbortSignalLike } from "@azure/abort-controller";
import type { HttpClient, PipelineOptions, PipelinePolicy } from "@azure/core-rest-pipeline";
import type { RestorePointEncryptionOptions } from "../copy/encryption.js";
import type { ConsistencyMode, DiskSku } from "../models/common.js";
import type { ReplicationProgress } from "../models/replication.js";

/**
 * The Azure clouds the client knows the ARM endpoint of.
 *
 * @public
 */
export type AzureCloud = "AzurePublicCloud" | "AzureChinaCloud" | "AzureUSGovernment";

/**
 * A custom pipeline policy and where it runs: once per call, or on every retry (after signing).
 *
 * @public
 */
export interface AdditionalPolicyConfig {
  /** The policy. */
  policy: PipelinePolicy;
  /** `perCall`: once per operation call; `perRetry`: on every attempt, after authentication. */
  position: "perCall" | "perRetry";
}

/**
 * Options of {@link RestorePointClient}. Every `@azure/core-rest-pipeline` `PipelineOptions` field
 * (retryOptions, tlsOptions, proxyOptions, userAgentOptions...) is honoured.
 *
 * @public
 */
export interface RestorePointClientOptions extends PipelineOptions {
  /**
   * ARM endpoint to talk to, e.g. an emulator. Overrides `cloud`. The token scope becomes the
   * endpoint's origin + `/.default` unless `credentialScopes` is given.
   * @defaultValue the endpoint of `cloud`
   */
  endpoint?: string;
  /**
   * The Azure cloud.
   * @defaultValue `"AzurePublicCloud"` (https://management.azure.com)
   */
  cloud?: AzureCloud;
  /**
   * Scopes to request tokens for.
   * @defaultValue the ARM endpoint's origin + `/.default`
   */
  credentialScopes?: string | readonly string[];
  /**
   * Compute RP api-version for collections and restore points. Versions older than 2021-03-01
   * (before restore points existed) are rejected with a RangeError.
   * @defaultValue `"2025-04-01"`
   */
  computeApiVersion?: string;
  /**
   * Disk RP api-version for disk restore points and managed disks.
   * @defaultValue `"2025-01-02"`
   */
  diskApiVersion?: string;
  /**
   * Default delay between polls of long-running operations, in ms; a `Retry-After` from the
   * service takes precedence. Each `begin*` call can override it.
   * @defaultValue `2000`
   */
  updateIntervalInMs?: number;
  /**
   * Delay between reads of a copy's replication progress, in ms: by copy pollers once the copy
   * operation has succeeded, and by `waitForReplication` without `intervalInMs`. Azure refreshes
   * the progress about every ten minutes and copies take minutes to hours, so frequent reads only
   * use up the subscription's restore point read quota (`LowCostGetRestorePoint*`).
   * @defaultValue `60000` (1 minute)
   */
  replicationPollIntervalInMs?: number;
  /**
   * Regions allowed for cross-region copy, checked before a copy is sent; `"any"` turns the check
   * off.
   * @defaultValue {@link CROSS_REGION_SUPPORTED_REGIONS}
   */
  copyRegions?: readonly string[] | "any";
  /**
   * Restore points one VM may have, checked before a create is sent (Azure's limit; older
   * documentation said 200). Raise it only if Azure has.
   * @defaultValue {@link MAX_RESTORE_POINTS_PER_VM} (500)
   */
  maxRestorePointsPerVm?: number;
  /**
   * How long the pre-flight checks may reuse what they read beyond the target collection and the
   * VM (the subscription's collections, the restore points of a VM's other collections, its disks'
   * `maxShares`), in ms; `0` reads everything for every check. Cached facts can only let a check
   * pass: before refusing on them the checks read everything again.
   * @defaultValue `300000` (5 minutes)
   */
  preflightCacheTtlInMs?: number;
  /**
   * The HTTP client sending requests, e.g. a fake in tests.
   * @defaultValue core-rest-pipeline's default client
   */
  httpClient?: HttpClient;
  /**
   * Extra pipeline policies.
   * @defaultValue none
   */
  additionalPolicies?: readonly AdditionalPolicyConfig[];
  /**
   * Header and query parameter names that request logging may show in clear text (everything
   * else is logged as `REDACTED`). Never add `Authorization`, `sig` or signed operation parameters.
   * @defaultValue the pipeline's safe list plus a few ARM rate-limit headers and `$expand`
   */
  loggingOptions?: {
    /** Further header names whose values may appear in logs (others show as `REDACTED`). */
    additionalAllowedHeaderNames?: string[];
    /** Further query parameter names whose values may appear in logs. */
    additionalAllowedQueryParameters?: string[];
  };
}

/**
 * Options every operation accepts.
 *
 * @public
 */
export interface OperationOptions {
  /** Cancels the call. For a long-running operation it stops the waiting, never the operation. */
  abortSignal?: AbortSignalLike;
}

/**
 * Options of every `begin*` method.
 *
 * @public
 */
export interface LroOptions extends OperationOptions {
  /**
   * Stops the waiting (`await poller`, `pollUntilDone()`), never the operation in Azure. A poller
   * whose wait was aborted stays aborted: continue with `resumeFrom: await poller.serialize()`.
   */
  abortSignal?: AbortSignalLike;
  /**
   * Delay between status polls in ms; the service's `Retry-After` takes precedence.
   * @defaultValue the client's `updateIntervalInMs` (2000)
   */
  updateIntervalInMs?: number;
  /**
   * A string from `poller.serialize()`: continue that operation (possibly in another process)
   * instead of starting a new one. No initial request is sent.
   */
  resumeFrom?: string;
}

/**
 * Options of {@link RestorePointClient.listCollections}.
 *
 * @public
 */
export interface ListCollectionsOptions extends OperationOptions {
  /**
   * Only list the collections of this resource group.
   * @defaultValue every collection of the subscription
   */
  resourceGroup?: string;
}

/**
 * Options of {@link RestorePointCollectionClient.create}.
 *
 * @public
 */
export interface CreateCollectionOptions extends OperationOptions {
  /** Region of the collection: the VM's region, or the target region of a cross-region copy. */
  location: string;
  /** The VM whose restore points the collection holds. Exactly one of this and `sourceCollectionId`. */
  sourceVmId?: string;
  /** The source collection, when this collection is the target of a cross-region copy. */
  sourceCollectionId?: string;
  /** Resource tags. */
  tags?: Record<string, string>;
  /** Enable instant-access snapshots (Premium SSD v2 / Ultra; api-version 2025-04-01+). */
  instantAccess?: boolean;
  /**
   * Skip the client-side service-rule checks.
   * @defaultValue `false`
   */
  skipPreflight?: boolean;
}

/**
 * Options of {@link RestorePointCollectionClient.update}.
 *
 * @public
 */
export interface UpdateCollectionOptions extends OperationOptions {
  /** New tags (replace the existing ones). */
  tags?: Record<string, string>;
  /** Enable or disable instant-access snapshots. */
  instantAccess?: boolean;
}

/**
 * Options of {@link RestorePointCollectionClient.beginDelete}.
 *
 * @public
 */
export type BeginDeleteCollectionOptions = LroOptions;

/**
 * Options of {@link VmRestorePointClient.beginCreate}.
 *
 * @public
 */
export interface BeginCreateRestorePointOptions extends LroOptions {
  /** Managed data disks to leave out. */
  excludeDiskIds?: readonly string[];
  /**
   * Leave out disks restore points cannot capture instead of failing with UnsupportedDiskError;
   * the result's `autoExcludedDisks` lists them. The pre-flight checks find them, so with
   * `skipPreflight` this has no effect.
   * @defaultValue `false`
   */
  excludeUnsupportedDisks?: boolean;
  /** Consistency mode; omit for an application-consistent restore point (the service default). */
  consistencyMode?: ConsistencyMode;
  /** Minutes the snapshots stay in instant-access state, 60..300 (api-version 2025-04-01+). */
  instantAccessDurationMinutes?: number;
  /**
   * Per-disk encryption of the disk restore points (disk encryption set and key type).
   * @defaultValue each disk restore point is encrypted like its source disk
   */
  encryption?: RestorePointEncryptionOptions;
  /**
   * Count the VM's restore points in its other collections too for the per-VM limit. That needs
   * the subscription's collection list and a read of each other collection of the VM (cached per
   * client, see `preflightCacheTtlInMs`); `false` counts only this collection's (Azure still
   * enforces the real limit, which then surfaces as the same RestorePointLimitError).
   * @defaultValue `true`
   */
  countAcrossCollections?: boolean;
  /**
   * Skip the client-side service-rule checks (limit, concurrency, disk support, exclusions). The
   * service's own refusals still come back as the same typed errors where their code is known.
   * @defaultValue `false`
   */
  skipPreflight?: boolean;
}

/**
 * Options of {@link VmRestorePointClient.beginCopy}.
 *
 * @public
 */
export interface BeginCopyRestorePointOptions extends LroOptions {
  /**
   * Keep polling after the copy operation succeeds until every disk is replicated; progress is in
   * `poller.operationState.replication`. Azure reports the copy operation done long before the data
   * has arrived.
   * @defaultValue `true`
   */
  waitForReplication?: boolean;
  /**
   * Per-disk encryption of the copy's disk restore points, e.g. a disk encryption set in the
   * target region.
   * @defaultValue platform-key encryption (customer-key encrypted sources arrive platform-key encrypted)
   */
  encryption?: RestorePointEncryptionOptions;
  /**
   * Skip the client-side service-rule checks (regions, copy rules).
   * @defaultValue `false`
   */
  skipPreflight?: boolean;
}

/**
 * Options of {@link VmRestorePointClient.get}.
 *
 * @public
 */
export interface GetRestorePointOptions extends OperationOptions {
  /**
   * Also fetch the instance view, filling `replication`.
   * @defaultValue `false`
   */
  instanceView?: boolean;
}

/**
 * Options of {@link VmRestorePointClient.waitForReplication}.
 *
 * @public
 */
export interface WaitForReplicationOptions extends OperationOptions {
  /** Called after every check. */
  onProgress?: (progress: ReplicationProgress) => void;
  /**
   * Delay between checks in ms. Azure updates replication progress about every ten minutes.
   * @defaultValue the client's `replicationPollIntervalInMs` (60000)
   */
  intervalInMs?: number;
  /**
   * Give up after this many ms with a ReplicationIncompleteError.
   * @defaultValue no timeout
   */
  timeoutInMs?: number;
}

/**
 * Options of {@link DiskRestorePointClient.beginGrantAccess}.
 *
 * @public
 */
export interface BeginGrantAccessOptions extends LroOptions {
  /** Lifetime of the SAS in seconds, 1..5,184,000 (60 days). */
  durationInSeconds: number;
  /**
   * Access level.
   * @defaultValue `"Read"`
   */
  access?: "Read" | "Write";
  /** Ask for a VHDX instead of a VHD. */
  fileFormat?: "VHD" | "VHDX";
  /**
   * Also return a SAS for the VM guest state (Trusted Launch / confidential VMs).
   * @defaultValue `false`
   */
  includeVmGuestState?: boolean;
}

/**
 * Options of {@link DiskRestorePointClient.beginRevokeAccess}.
 *
 * @public
 */
export type BeginRevokeAccessOptions = LroOptions;

/**
 * Options of {@link DiskRestorePointClient.beginRestoreDisk}.
 *
 * @public
 */
export interface BeginRestoreDiskOptions extends LroOptions {
  /** Name of the new managed disk. */
  diskName: string;
  /**
   * Resource group of the new disk.
   * @defaultValue the restore point's resource group
   */
  resourceGroup?: string;
  /**
   * Region of the new disk; it must be the restore point's region.
   * @defaultValue the restore point's region (that of its collection)
   */
  location?: string;
  /**
   * Storage SKU. Size, OS type and Hyper-V generation are always carried over from the source.
   * @defaultValue the service's default SKU for a new disk
   */
  sku?: DiskSku;
  /** Availability zone. */
  zone?: string;
  /** Encrypt the new disk with this disk encryption set (customer-managed keys). */
  diskEncryptionSetId?: string;
  /** Tags of the new disk. */
  tags?: Record<string, string>;
  /**
   * Restore even when a cross-region copy has not finished replicating (the disk would hold
   * incomplete data); otherwise that throws ReplicationIncompleteError.
   * @defaultValue `false`
   */
  allowIncompleteReplication?: boolean;
}
