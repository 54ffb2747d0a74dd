import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationOptions } from "../models/operationOptions.js";
import type { ProtectionPlan, VmProtectionPlan } from "./planTypes.js";

/**
 * Options of `planProtection` (and, as {@link ProtectionStatusOptions}, of `protectionStatus`).
 *
 * @public
 */
export interface PlanProtectionOptions extends OperationOptions {
  /** The time to plan for (e.g. `--at`). @defaultValue the current time */
  now?: Date;
  /**
   * Only the VMs of this shard: those whose id hashes to `index` modulo `count`
   * (see {@link protectionShardOf}). Shards `0..count-1` together cover every VM exactly once.
   */
  shard?: {
    /** This shard, from 0 to `count - 1`. */
    index: number;
    /** How many shards the VMs are split into. */
    count: number;
  };
  /** Ids of restore points or disk restore points with an active SAS: retention keeps them. */
  activeAccess?: readonly string[];
  /** Stops the reads and rejects with an `AbortError`. */
  abortSignal?: AbortSignalLike;
}

/**
 * Options of `protectionStatus`: the same as those of `planProtection`.
 *
 * @public
 */
export type ProtectionStatusOptions = PlanProtectionOptions;

/**
 * A step of one VM in `runProtection`.
 *
 * @public
 */
export interface ProtectionProgressEvent {
  /** The VM. */
  readonly vmId: string;
  /** `creating`, `copying`, `deleting`, then `done` or `failed`. */
  readonly status: "creating" | "copying" | "deleting" | "done" | "failed";
  /** VMs finished so far. */
  readonly completed: number;
  /** VMs in the run. */
  readonly total: number;
}

/**
 * Options of `runProtection`.
 *
 * @public
 */
export interface RunProtectionOptions extends PlanProtectionOptions {
  /**
   * VMs worked on at once per subscription (1-100); subscriptions run in parallel, and each one's
   * writes are paced by its own throttling buckets whatever this is.
   * @defaultValue 10
   */
  maxConcurrency?: number;
  /**
   * The former name of `maxConcurrency`, still honoured.
   * @deprecated Use `maxConcurrency`, the name every concurrency option uses.
   */
  concurrency?: number;
  /** Delay between status polls in ms. @defaultValue the client's `updateIntervalInMs` */
  updateIntervalInMs?: number;
  /** Called at each step of each VM. */
  onProgress?: (event: ProtectionProgressEvent) => void;
}

/**
 * Something `runProtection` did not do for a VM, and why (e.g. another run is creating the same
 * point: that is the same as done).
 *
 * @public
 */
export interface ProtectionRunSkip {
  /** Which step. */
  readonly step: "create" | "copy" | "delete";
  /** Region of the step. */
  readonly region: string;
  /** The restore point. */
  readonly restorePointName: string;
  /** Why. */
  readonly reason: string;
}

/**
 * A step of `runProtection` that failed for a VM.
 *
 * @public
 */
export interface ProtectionRunFailure {
  /** Which step. */
  readonly step: "collection" | "create" | "copy" | "delete";
  /** Region of the step. */
  readonly region: string;
  /** The restore point (or collection, for `collection`). */
  readonly name: string;
  /** The error: a `RestError`, `RestorePointError` or `OperationFailedError`. */
  readonly error: Error;
}

/**
 * What `runProtection` did for one VM.
 *
 * @public
 */
export interface VmProtectionRunResult {
  /** The VM. */
  readonly vmId: string;
  /** Its name. */
  readonly vmName: string;
  /** Its subscription. */
  readonly subscriptionId: string;
  /** `failed` when any step failed, `unchanged` when nothing was due, else `succeeded`. */
  readonly status: "succeeded" | "unchanged" | "failed";
  /** The restore point this run created (or found already created by its identical PUT). */
  readonly created?: string;
  /** Copies made, by region. */
  readonly copied: ReadonlyArray<{
    /** The target region. */
    readonly region: string;
    /** The copy's name. */
    readonly restorePointName: string;
  }>;
  /** Points deleted, by region, with the rule that dropped each. */
  readonly deleted: ReadonlyArray<{
    /** The region of the deleted point. */
    readonly region: string;
    /** The deleted point's name. */
    readonly restorePointName: string;
    /** The retention rule that dropped it. */
    readonly rule: string;
  }>;
  /** Steps not taken and why. */
  readonly skipped: readonly ProtectionRunSkip[];
  /** Steps that failed. */
  readonly failed: readonly ProtectionRunFailure[];
  /** The VM's plan that was carried out. */
  readonly plan: VmProtectionPlan;
}

/**
 * What `runProtection` did.
 *
 * @public
 */
export interface ProtectionRunResult {
  /** The plan that was carried out. */
  readonly plan: ProtectionPlan;
  /** Per VM, in the plan's order. */
  readonly vms: readonly VmProtectionRunResult[];
  /** Totals. */
  readonly summary: {
    /** VMs of this run (this shard's). */
    readonly vms: number;
    /** Restore points created. */
    readonly created: number;
    /** Copies made. */
    readonly copied: number;
    /** Points deleted by retention. */
    readonly deleted: number;
    /** Steps not taken. */
    readonly skipped: number;
    /** Steps that failed. */
    readonly failed: number;
  };
}
