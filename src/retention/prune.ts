/**
 * `planPrune` and `prune` of a collection: fetch the facts, plan with the pure planner, then delete
 * the planned points in bounded parallel, one failure not stopping the others.
 */
import { withStepSpan } from "../internal/tracing.js";
import { maxConcurrencyOption } from "../internal/concurrencyOption.js";
import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationState, PollerLike } from "@azure/core-lro";
import { isRestError } from "@azure/core-rest-pipeline";
import { isRestorePointError } from "../errors/restorePointError.js";
import type { ArmContext } from "../internal/armContext.js";
import { forEachBounded } from "../internal/boundedParallel.js";
import {
  validateOptionalBoolean,
  validateOptionalInterval,
  validateOptionsBag,
  describe,
} from "../internal/validation.js";
import { normalizeRetentionPolicy, planPrune } from "./planPrune.js";
import type { NormalizedRetentionPolicy } from "./planPrune.js";
import { findBusyCopies, loadCollectionWithPoints } from "./pruneFacts.js";
import type {
  PlanPruneOptions,
  PruneFailure,
  PruneFailureReason,
  PruneOptions,
  PrunePlan,
  PruneResult,
  RetentionPolicy,
} from "./retentionTypes.js";

const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 32;

/** The collection a prune works on. */
export interface PruneTarget {
  readonly ctx: ArmContext;
  /** URL of the collection (with api-version). */
  readonly url: string;
  /** Starts the delete of one of its restore points. */
  readonly beginDelete: (
    name: string,
    options: { abortSignal?: AbortSignalLike; updateIntervalInMs?: number },
  ) => PollerLike<OperationState<void>, void>;
}

interface CheckedPlanOptions {
  readonly activeAccess: readonly string[];
  readonly checkCopies: boolean;
  readonly abortSignal: AbortSignalLike | undefined;
}

/** Validates the options shared by planPrune and prune. */
function checkPlanOptions(options: PlanPruneOptions | undefined): CheckedPlanOptions {
  const opts = validateOptionsBag(options, "options") as PlanPruneOptions;
  const access: unknown = opts.activeAccess;
  if (access !== undefined && (!Array.isArray(access) || access.some((id) => typeof id !== "string"))) {
    throw new TypeError("activeAccess must be an array of restore point or disk restore point ids");
  }
  return {
    activeAccess: (access as string[] | undefined) ?? [],
    checkCopies: validateOptionalBoolean(opts.checkCopies, "checkCopies") !== false,
    abortSignal: opts.abortSignal,
  };
}

async function plan(
  target: PruneTarget,
  rules: NormalizedRetentionPolicy,
  options: CheckedPlanOptions,
): Promise<PrunePlan> {
  const { ctx } = target;
  const { collection, points } = await loadCollectionWithPoints(ctx, target.url, options.abortSignal);
  const facts = { collectionTags: collection.tags, activeAccess: options.activeAccess };
  const first = planPrune(points, rules, facts);
  if (!options.checkCopies || first.remove.length === 0) return first;
  // Copy checks only for points the first plan would remove: a busy point can only move to keep.
  const busy = await findBusyCopies(ctx, collection, first.remove, options.abortSignal);
  return busy.size === 0 ? first : planPrune(points, rules, { ...facts, busy });
}

/**
 * Plans a prune of the target collection.
 *
 * @param target - the collection
 * @param policy - the retention policy
 * @param options - active SAS ids, copy checks, `abortSignal`
 * @returns the plan
 */
export async function planCollectionPrune(
  target: PruneTarget,
  policy: RetentionPolicy,
  options: PlanPruneOptions | undefined,
): Promise<PrunePlan> {
  const rules = normalizeRetentionPolicy(policy);
  return plan(target, rules, checkPlanOptions(options));
}

/**
 * Plans and carries out a prune of the target collection.
 *
 * @param target - the collection
 * @param policy - the retention policy
 * @param options - dry run, maxConcurrency, progress, active SAS ids, copy checks, `abortSignal`
 * @returns what was deleted, kept and failed, and the plan
 */
export async function pruneCollection(
  target: PruneTarget,
  policy: RetentionPolicy,
  options: PruneOptions | undefined,
): Promise<PruneResult> {
  const rules = normalizeRetentionPolicy(policy);
  const checked = checkPlanOptions(options);
  const opts = validateOptionsBag(options, "options") as PruneOptions;
  const dryRun = validateOptionalBoolean(opts.dryRun, "dryRun") === true;
  const concurrency = maxConcurrencyOption(opts, DEFAULT_CONCURRENCY, { min: 1, max: MAX_CONCURRENCY });
  const updateIntervalInMs = validateOptionalInterval(opts.updateIntervalInMs, "updateIntervalInMs");
  if (opts.onProgress !== undefined && typeof opts.onProgress !== "function") {
    throw new TypeError(`onProgress must be a function, got ${describe(opts.onProgress)}`);
  }

  const thePlan = await withStepSpan(target.ctx, "prune.planning", (ctx) =>
    plan({ ...target, ctx }, rules, checked),
  );
  const kept = thePlan.keep.map((p) => p.name);
  if (dryRun || thePlan.remove.length === 0) return { deleted: [], kept, failed: [], plan: thePlan };

  const total = thePlan.remove.length;
  const deleted: string[] = [];
  const failed: PruneFailure[] = [];
  let completed = 0;
  const report = (name: string, status: "deleting" | "deleted" | "failed", error?: Error): void => {
    opts.onProgress?.({ name, status, completed, total, ...(error === undefined ? {} : { error }) });
  };
  await forEachBounded(
    thePlan.remove,
    concurrency,
    async (point) => {
      report(point.name, "deleting");
      try {
        await target.beginDelete(point.name, {
          ...(checked.abortSignal === undefined ? {} : { abortSignal: checked.abortSignal }),
          ...(updateIntervalInMs === undefined ? {} : { updateIntervalInMs }),
        });
      } catch (e) {
        // An abort stops the whole prune; any other failure is this point's alone.
        if (e instanceof Error && e.name === "AbortError") throw e;
        const error = e instanceof Error ? e : new Error(String(e));
        failed.push({ name: point.name, reason: failureReason(error), error });
        completed += 1;
        report(point.name, "failed", error);
        return;
      }
      deleted.push(point.name);
      completed += 1;
      report(point.name, "deleted");
    },
    checked.abortSignal,
  );
  // Report in plan order (oldest first), not in completion order.
  const order = new Map(thePlan.remove.map((p, i) => [p.name, i]));
  const byPlan = (a: string, b: string): number => (order.get(a) ?? 0) - (order.get(b) ?? 0);
  deleted.sort(byPlan);
  failed.sort((a, b) => byPlan(a.name, b.name));
  return { deleted, kept, failed, plan: thePlan };
}

/** Azure shows no SAS state, so an outstanding SAS is only learnt from the refused delete. */
function failureReason(error: Error): PruneFailureReason {
  const code = isRestError(error)
    ? error.code
    : isRestorePointError(error, "OperationFailed")
      ? error.serviceCode
      : undefined;
  if (code === "DiskRestorePointUsedByCustomer") return "ActiveSas";
  if ((isRestError(error) && error.statusCode === 409) || code === "OperationNotAllowed") return "InUse";
  return "Error";
}
