import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationOptions } from "../models/operationOptions.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";

/**
 * The collection tag that {@link RetentionPolicy.protectedTag} reads by default.
 *
 * @public
 */
export const DEFAULT_PROTECTED_TAG = "vmrp-protected";

/**
 * Which restore points of a collection to keep, for
 * {@link RestorePointCollectionClient.planPrune} and {@link RestorePointCollectionClient.prune}.
 *
 * A point is kept when ANY rule selects it (as in restic or borg); a policy without any rule, or
 * whose rules are all 0, keeps everything. Whatever the rules say, these are never removed: the
 * newest point and the newest successful point, protected points, points with an active SAS, a
 * copy that is still replicating, the source of a copy in progress, and points being created.
 *
 * Restore points carry no tags in Azure (they are proxy resources), so protection comes from
 * `protectedNames`, `protectedNamePattern`, or the collection tag named by `protectedTag`, whose
 * value lists restore point names separated by commas or spaces (`*` protects them all).
 *
 * The calendar rules work in UTC on the points' creation times (`createdOn`): each keeps the newest
 * successful point of the N most recent days (ISO weeks, months) that HAVE a successful point, so
 * when captures stop, the last ones are kept instead of aging out.
 *
 * @public
 */
export interface RetentionPolicy {
  /** Keep the N newest successful points. */
  keepLast?: number;
  /** Keep every point younger than this many days (fractions allowed). */
  maxAgeInDays?: number;
  /** Keep the newest successful point of each of the N most recent UTC days that have one. */
  keepDaily?: number;
  /** Keep the newest successful point of each of the N most recent ISO weeks (Monday to Sunday, UTC) that have one. */
  keepWeekly?: number;
  /** Keep the newest successful point of each of the N most recent UTC months that have one. */
  keepMonthly?: number;
  /** Names of points never to remove (compared case-insensitively, as ARM does). */
  protectedNames?: readonly string[];
  /** Points whose name matches are never removed. */
  protectedNamePattern?: RegExp;
  /**
   * Collection tag listing protected point names (comma- or space-separated, `*` for all);
   * `false` to ignore tags.
   * @defaultValue "vmrp-protected" ({@link DEFAULT_PROTECTED_TAG})
   */
  protectedTag?: string | false;
  /**
   * The time `maxAgeInDays` counts back from.
   * @defaultValue the current time
   */
  now?: Date;
}

/**
 * Options of {@link RestorePointCollectionClient.planPrune}.
 *
 * @public
 */
export interface PlanPruneOptions extends OperationOptions {
  /**
   * Ids of restore points or disk restore points that have an active SAS (Azure shows no grant
   * state, so only the caller knows); they are kept. Points whose SAS nobody mentioned are found
   * when their delete is refused with `DiskRestorePointUsedByCustomer`.
   */
  activeAccess?: readonly string[];
  /**
   * Look for cross-region copies: a copy in this collection that still replicates, or a copy of a
   * point of this collection (in any collection of the subscription) that is still replicating.
   * Costs one subscription-wide collection list plus a read per related copy.
   * @defaultValue true
   */
  checkCopies?: boolean;
}

/**
 * What {@link RestorePointCollectionClient.planPrune} decided.
 *
 * @public
 */
export interface PrunePlan {
  /** Points to keep, oldest first. */
  readonly keep: readonly VmRestorePoint[];
  /** Points to delete, oldest first. */
  readonly remove: readonly VmRestorePoint[];
  /**
   * Why, by restore point name, for kept and removed points alike: e.g. `"newest point; keepLast 3"`,
   * `"daily 2026-11-20"`, `"protected tag"`, `"active SAS"`, `"copy in progress"`, `"older than 30 days"`.
   */
  readonly reasons: Readonly<Record<string, string>>;
}

/**
 * Progress of {@link RestorePointCollectionClient.prune}, once per point and step.
 *
 * @public
 */
export interface PruneProgressEvent {
  /** The restore point. */
  readonly name: string;
  /** `deleting` when its delete starts, then `deleted` or `failed`. */
  readonly status: "deleting" | "deleted" | "failed";
  /** Deletions finished so far (deleted or failed). */
  readonly completed: number;
  /** Deletions planned. */
  readonly total: number;
  /** For `failed`: why. */
  readonly error?: Error;
}

/**
 * Options of {@link RestorePointCollectionClient.prune}.
 *
 * @public
 */
export interface PruneOptions extends PlanPruneOptions {
  /** Plan only: delete nothing and return the plan. @defaultValue false */
  dryRun?: boolean;
  /** Deletions running at the same time (1-32). @defaultValue 4 */
  maxConcurrency?: number;
  /**
   * The former name of `maxConcurrency`, still honoured.
   * @deprecated Use `maxConcurrency`, the name every concurrency option uses.
   */
  concurrency?: number;
  /** Called as each deletion starts and ends. */
  onProgress?: (event: PruneProgressEvent) => void;
  /**
   * Delay between status polls of each delete in ms.
   * @defaultValue the client's `updateIntervalInMs`
   */
  updateIntervalInMs?: number;
  /**
   * Stops starting deletions and rejects with an `AbortError`; deletions already sent continue in
   * Azure (`onProgress` has reported every one that finished).
   */
  abortSignal?: AbortSignalLike;
}

/**
 * Why a deletion of {@link RestorePointCollectionClient.prune} failed: `ActiveSas` (a disk restore
 * point has an outstanding SAS: revoke it first), `InUse` (another operation holds the point),
 * `Error` (anything else).
 *
 * @public
 */
export type PruneFailureReason = "ActiveSas" | "InUse" | "Error";

/**
 * A point {@link RestorePointCollectionClient.prune} could not delete.
 *
 * @public
 */
export interface PruneFailure {
  /** The restore point. */
  readonly name: string;
  /** Why, in short. */
  readonly reason: PruneFailureReason;
  /** The error, usually a `RestError` or an `OperationFailedError`. */
  readonly error: Error;
}

/**
 * What {@link RestorePointCollectionClient.prune} did.
 *
 * @public
 */
export interface PruneResult {
  /** Names of the deleted points (empty for a dry run). */
  readonly deleted: readonly string[];
  /** Names of the points the plan keeps. */
  readonly kept: readonly string[];
  /** Points whose deletion failed; the others were still deleted. */
  readonly failed: readonly PruneFailure[];
  /** The plan that was carried out. */
  readonly plan: PrunePlan;
}
