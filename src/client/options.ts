import type { HttpClient, PipelineOptions, PipelinePolicy } from "@azure/core-rest-pipeline";
import type { AccessLevel, FileFormat } from "../models/diskAccess.js";
import type { LroOptions, OperationOptions } from "../models/operationOptions.js";
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
 * Options of {@link RestorePointCollectionClient.get}.
 *
 * @public
 */
export type GetCollectionOptions = OperationOptions;

/**
 * Options of {@link RestorePointCollectionClient.exists}.
 *
 * @public
 */
export type CollectionExistsOptions = OperationOptions;

/**
 * Options of {@link RestorePointCollectionClient.listRestorePoints}.
 *
 * @public
 */
export type ListRestorePointsOptions = OperationOptions;

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
 * Options of {@link VmRestorePointClient.exists}.
 *
 * @public
 */
export type RestorePointExistsOptions = OperationOptions;

/**
 * Options of {@link VmRestorePointClient.getReplicationProgress}.
 *
 * @public
 */
export type GetReplicationProgressOptions = OperationOptions;

/**
 * Options of {@link VmRestorePointClient.beginDelete}.
 *
 * @public
 */
export type BeginDeleteRestorePointOptions = LroOptions;

/**
 * Options of {@link VmRestorePointClient.listDiskRestorePoints}.
 *
 * @public
 */
export type ListDiskRestorePointsOptions = OperationOptions;

/**
 * Options of {@link DiskRestorePointClient.get}.
 *
 * @public
 */
export type GetDiskRestorePointOptions = OperationOptions;

/**
 * Options of {@link VmRestorePointClient.waitForReplication}.
 *
 * @public
 */
export interface WaitForReplicationOptions extends OperationOptions {
  /** Called after every check. */
  onProgress?: (progress: ReplicationProgress) => void;
  /**
   * Delay between checks in ms (the SDK's one name for poll intervals). Azure updates
   * replication progress about every ten minutes.
   * @defaultValue the client's `replicationPollIntervalInMs` (60000)
   */
  updateIntervalInMs?: number;
  /**
   * The former name of `updateIntervalInMs`, still honoured; `updateIntervalInMs` wins when both are given.
   * @deprecated Use `updateIntervalInMs`, the name every other polling option uses.
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
  access?: AccessLevel;
  /** Ask for a VHDX instead of a VHD. */
  fileFormat?: FileFormat;
  /**
   * Also return a SAS for the VM guest state (Trusted Launch / confidential VMs).
   * @defaultValue `false`
   */
  includeVmGuestState?: boolean;
}

/**
 * Options of {@link withDiskAccess}: those of the grant. Its `requestOptions`, `tracingOptions`
 * and `onResponse` apply to the grant and to the revoke; `abortSignal` only to the grant and the
 * callback (the revoke always runs to its end).
 *
 * @public
 */
export type WithDiskAccessOptions = BeginGrantAccessOptions;

/**
 * Options of {@link DiskRestorePointClient.beginRevokeAccess}.
 *
 * @public
 */
export type BeginRevokeAccessOptions = LroOptions;
