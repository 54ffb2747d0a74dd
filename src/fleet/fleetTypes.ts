import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationOptions } from "../models/operationOptions.js";
import type { ConsistencyMode } from "../models/common.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";

/**
 * A VM of {@link RestorePointClient.createRestorePoints}, as the naming callbacks see it.
 *
 * @public
 */
export interface FleetVm {
  /** The VM's ARM id, as given. */
  readonly id: string;
  /** The VM's name. */
  readonly name: string;
  /** The VM's resource group. */
  readonly resourceGroup: string;
}

/**
 * Options of {@link RestorePointClient.createRestorePoints}.
 *
 * @public
 */
export interface CreateRestorePointsOptions extends OperationOptions {
  /**
   * The collection of each VM, in the VM's resource group; created in the VM's region when
   * missing. A string is used for every VM, so it only fits VMs in different resource groups.
   * @defaultValue `"<vmName>-rpc"`
   */
  collectionName?: string | ((vm: FleetVm) => string);
  /**
   * Name of the new restore points.
   * @defaultValue `"rp-<UTC time of the call>"`, e.g. `"rp-20261125T101500Z"`, the same for every VM
   */
  restorePointName?: string | ((vm: FleetVm) => string);
  /** Tags of the collections this call creates (existing collections are left alone). */
  collectionTags?: Record<string, string>;
  /**
   * VMs worked on at the same time (1-100); each VM has at most one creation running, and writes
   * are paced by the throttling buckets whatever this is.
   * @defaultValue 10
   */
  maxConcurrency?: number;
  /**
   * The former name of `maxConcurrency`, still honoured.
   * @deprecated Use `maxConcurrency`, the name every concurrency option uses.
   */
  concurrency?: number;
  /** Consistency mode of every restore point; omit for the service default (application-consistent). */
  consistencyMode?: ConsistencyMode;
  /** Leave out disks restore points cannot capture instead of failing that VM. @defaultValue false */
  excludeUnsupportedDisks?: boolean;
  /**
   * Delay between status polls of each creation in ms.
   * @defaultValue the client's `updateIntervalInMs`
   */
  updateIntervalInMs?: number;
  /** Called at each step of each VM. */
  onProgress?: (event: FleetProgressEvent) => void;
  /**
   * Stops starting work and rejects with an `AbortError`. Creations already accepted continue in
   * Azure; `onProgress` has reported every VM that finished.
   */
  abortSignal?: AbortSignalLike;
}

/**
 * A step of one VM in {@link RestorePointClient.createRestorePoints}.
 *
 * @public
 */
export interface FleetProgressEvent {
  /** The VM, as given. */
  readonly vmId: string;
  /**
   * `creatingCollection`, `creatingRestorePoint`, `throttled` (a 429 outlasted the pipeline's
   * retries: waiting `retryAfterInMs`, then trying again), then `succeeded` or `failed`.
   */
  readonly status: "creatingCollection" | "creatingRestorePoint" | "throttled" | "succeeded" | "failed";
  /** VMs finished so far (succeeded or failed). */
  readonly completed: number;
  /** VMs in the call. */
  readonly total: number;
  /** For `throttled`: how long until the next try. */
  readonly retryAfterInMs?: number;
  /** For `failed`: why. */
  readonly error?: Error;
}

/**
 * The outcome for one VM of {@link RestorePointClient.createRestorePoints}.
 *
 * @public
 */
export interface FleetRestorePointResult {
  /** The VM, as given. */
  readonly vmId: string;
  /** Whether the VM got its restore point. */
  readonly status: "succeeded" | "failed";
  /** The VM's collection (whether or not it exists). */
  readonly collectionId: string;
  /** Whether this call created the collection. */
  readonly collectionCreated: boolean;
  /** The new restore point, when `succeeded`. */
  readonly restorePoint?: VmRestorePoint;
  /**
   * Why it failed, when `failed`: a `RestError`, a `RestorePointError` (e.g. `UnsupportedDiskError`,
   * `OperationFailedError`), or an `Error` when the named collection belongs to another VM.
   */
  readonly error?: Error;
}
