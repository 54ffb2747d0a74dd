/**
 * Carrying out one VM's plan: create the slot's point, then its copies, then retention's deletions.
 * Every write has a deterministic name and is a PUT or a DELETE, so repeating a step is harmless:
 * an identical PUT finds the earlier one, a refusal because another run is creating the same point
 * (409, `OperationInProgress`) counts as done, a delete of a point already gone too. A run that
 * dies half way leaves only what the next plan sees and finishes.
 *
 * Deletions wait for the creation they were planned with: if the new point could not be made,
 * this run deletes nothing in that region, so retention never runs ahead of protection.
 */
import type { AbortSignalLike } from "@azure/abort-controller";
import { isRestError } from "@azure/core-rest-pipeline";
import { delay } from "@azure/core-util";
import type { BeginCreateRestorePointOptions } from "../capture/captureOptions.js";
import { RestorePointCollectionClient } from "../client/collectionClient.js";
import { isRestorePointError } from "../errors/restorePointError.js";
import type { WritePacer } from "../fleet/writePacer.js";
import type { ArmContext } from "../internal/armContext.js";
import { requestCategory, runInRateLimitScope } from "../internal/rateLimitState.js";
import { parseRetryAfterHeaders } from "../internal/retryPolicy.js";
import { collectionNameOf, POLICY_TAG, POLICY_VM_TAG } from "./naming.js";
import type { VmProtectionPlan } from "./planTypes.js";
import type {
  ProtectionProgressEvent,
  ProtectionRunFailure,
  ProtectionRunSkip,
  VmProtectionRunResult,
} from "./protectionOptions.js";
import type { ResolvedPolicy } from "./resolvePolicy.js";

const THROTTLE_TRIES = 6;
const THROTTLE_BACKOFF_MS = 1000;

/** What the VMs of one subscription share in a run. */
export interface RunContext {
  readonly ctx: ArmContext;
  readonly pacer: WritePacer;
  readonly policy: ResolvedPolicy;
  readonly updateIntervalInMs: number | undefined;
  readonly abortSignal: AbortSignalLike | undefined;
  readonly report: (vmId: string, status: ProtectionProgressEvent["status"]) => void;
}

/** Runs one VM's plan; never throws except on abort. */
export async function runVmPlan(run: RunContext, plan: VmProtectionPlan): Promise<VmProtectionRunResult> {
  const copied: Array<{ region: string; restorePointName: string }> = [];
  const deleted: Array<{ region: string; restorePointName: string; rule: string }> = [];
  const skipped: ProtectionRunSkip[] = [];
  const failed: ProtectionRunFailure[] = [];
  let created: string | undefined;
  /** Regions whose new point (created or copied) did not arrive: their deletions wait. */
  const held = new Set<string>();
  const home = plan.location;
  const source = plan.create === undefined ? undefined : collectionOf(run, plan, plan.create.collectionName);
  let sourcePointId: string | undefined;

  if (plan.create !== undefined && source !== undefined) {
    const { restorePointName, region } = plan.create;
    run.report(plan.vmId, "creating");
    try {
      if (!plan.create.collectionExists)
        await ensureCollection(run, source, region, { sourceVmId: plan.vmId }, plan);
      const point = await createPoint(run, source, restorePointName, region);
      created = restorePointName;
      sourcePointId = point;
    } catch (e) {
      rethrowAbort(e);
      held.add(home);
      if (isTakenElsewhere(e)) {
        skipped.push({
          step: "create",
          region,
          restorePointName,
          reason: `another run is creating it (${codeOf(e)})`,
        });
      } else {
        failed.push({ step: "create", region, name: restorePointName, error: asError(e) });
      }
    }
  }

  for (const copy of plan.copies) {
    if (copy.afterCreate && created === undefined) {
      held.add(copy.region);
      skipped.push({
        step: "copy",
        region: copy.region,
        restorePointName: copy.restorePointName,
        reason: "its point was not created by this run",
      });
      continue;
    }
    run.report(plan.vmId, "copying");
    const homeCollection = collectionOf(run, plan, collectionNameOf(plan.vmName, run.policy.name, home));
    const target = collectionOf(run, plan, copy.targetCollectionName);
    try {
      if (!copy.collectionExists) {
        await ensureCollection(run, target, copy.region, { sourceCollectionId: homeCollection.id }, plan);
      }
      const sourceId = sourcePointId ?? homeCollection.getRestorePointClient(copy.restorePointName).id;
      await copyPoint(run, target, copy.restorePointName, sourceId, copy.region);
      copied.push({ region: copy.region, restorePointName: copy.restorePointName });
    } catch (e) {
      rethrowAbort(e);
      held.add(copy.region);
      if (isTakenElsewhere(e)) {
        skipped.push({
          step: "copy",
          region: copy.region,
          restorePointName: copy.restorePointName,
          reason: `a copy is already in progress (${codeOf(e)})`,
        });
      } else {
        failed.push({ step: "copy", region: copy.region, name: copy.restorePointName, error: asError(e) });
      }
    }
  }

  for (const deletion of plan.deletions) {
    if (held.has(deletion.region)) {
      skipped.push({
        step: "delete",
        region: deletion.region,
        restorePointName: deletion.restorePointName,
        reason: "the new point of this region did not arrive; retention waits for the next run",
      });
      continue;
    }
    run.report(plan.vmId, "deleting");
    const collection = new RestorePointCollectionClient(
      run.ctx,
      deletion.resourceGroup,
      deletion.collectionName,
    );
    try {
      await deletePoint(run, collection, deletion.restorePointName, deletion.region);
      deleted.push({
        region: deletion.region,
        restorePointName: deletion.restorePointName,
        rule: deletion.rule,
      });
    } catch (e) {
      rethrowAbort(e);
      const code = codeOf(e);
      if (code === "DiskRestorePointUsedByCustomer") {
        skipped.push({
          step: "delete",
          region: deletion.region,
          restorePointName: deletion.restorePointName,
          reason: "it has an active SAS",
        });
      } else {
        failed.push({
          step: "delete",
          region: deletion.region,
          name: deletion.restorePointName,
          error: asError(e),
        });
      }
    }
  }

  const nothing = plan.create === undefined && plan.copies.length === 0 && plan.deletions.length === 0;
  return {
    vmId: plan.vmId,
    vmName: plan.vmName,
    subscriptionId: plan.subscriptionId,
    status: failed.length > 0 ? "failed" : nothing ? "unchanged" : "succeeded",
    ...(created === undefined ? {} : { created }),
    copied,
    deleted,
    skipped,
    failed,
    plan,
  };
}

function collectionOf(run: RunContext, plan: VmProtectionPlan, name: string): RestorePointCollectionClient {
  return new RestorePointCollectionClient(run.ctx, plan.resourceGroup, name);
}

async function ensureCollection(
  run: RunContext,
  collection: RestorePointCollectionClient,
  region: string,
  source: { sourceVmId: string } | { sourceCollectionId: string },
  plan: VmProtectionPlan,
): Promise<void> {
  await paced(run, "PUT", collection.id, region, async () => {
    await collection.create({
      location: region,
      ...source,
      tags: { [POLICY_TAG]: run.policy.name, [POLICY_VM_TAG]: plan.vmId },
      skipPreflight: true,
      ...(run.abortSignal === undefined ? {} : { abortSignal: run.abortSignal }),
    });
  });
}

async function createPoint(
  run: RunContext,
  collection: RestorePointCollectionClient,
  name: string,
  region: string,
): Promise<string> {
  const { source } = run.policy;
  const options: BeginCreateRestorePointOptions = {
    ...(source.consistency === undefined ? {} : { consistencyMode: source.consistency }),
    ...(source.excludeUnsupported === true ? { excludeUnsupportedDisks: true } : { skipPreflight: true }),
    ...(source.instantAccessMinutes === undefined
      ? {}
      : { instantAccessDurationMinutes: source.instantAccessMinutes }),
    ...(source.encryption === undefined ? {} : { encryption: source.encryption }),
    ...lro(run),
  };
  const client = collection.getRestorePointClient(name);
  const { poller } = await paced(run, "PUT", client.id, region, async () => {
    const started = client.beginCreate(options);
    await started.submitted();
    // Boxed: a poller is thenable.
    return { poller: started };
  });
  const point = await throttled(run, () => runInRateLimitScope(region, () => poller.pollUntilDone()));
  return point.id;
}

async function copyPoint(
  run: RunContext,
  target: RestorePointCollectionClient,
  name: string,
  sourceId: string,
  region: string,
): Promise<void> {
  const client = target.getRestorePointClient(name);
  const { poller } = await paced(run, "PUT", client.id, region, async () => {
    const started = client.beginCopy(sourceId, {
      waitForReplication: run.policy.waitForReplication,
      ...lro(run),
    });
    await started.submitted();
    return { poller: started };
  });
  await throttled(run, () => runInRateLimitScope(region, () => poller.pollUntilDone()));
}

async function deletePoint(
  run: RunContext,
  collection: RestorePointCollectionClient,
  name: string,
  region: string,
): Promise<void> {
  const client = collection.getRestorePointClient(name);
  try {
    const { poller } = await paced(run, "DELETE", client.id, region, async () => {
      const started = client.beginDelete(lro(run));
      await started.submitted();
      return { poller: started };
    });
    await throttled(run, () => runInRateLimitScope(region, () => poller.pollUntilDone()));
  } catch (e) {
    // Gone already (another run, or a person): what retention wanted.
    if (isRestError(e) && e.statusCode === 404) return;
    throw e;
  }
}

/** One write through the subscription's pacer, in the rate-limit scope of its region. */
async function paced<T>(
  run: RunContext,
  method: string,
  id: string,
  region: string,
  write: () => Promise<T>,
): Promise<T> {
  const category = requestCategory(method, run.ctx.urlForId(id, run.ctx.computeApiVersion));
  return runInRateLimitScope(region, () =>
    throttled(run, async () => {
      const release = await run.pacer.acquire(category, region, run.abortSignal);
      try {
        return await write();
      } finally {
        release();
      }
    }),
  );
}

/** Runs `step`, waiting out and retrying 429s the pipeline's retry policy gave up on. */
async function throttled<T>(run: RunContext, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (e) {
      if (!isRestError(e) || e.statusCode !== 429 || attempt >= THROTTLE_TRIES) throw e;
      const headers = e.response?.headers;
      const wait = parseRetryAfterHeaders((n) => headers?.get(n)) ?? THROTTLE_BACKOFF_MS * 2 ** (attempt - 1);
      await delay(wait, run.abortSignal === undefined ? {} : { abortSignal: run.abortSignal });
    }
  }
}

function lro(run: RunContext): { updateIntervalInMs?: number; abortSignal?: AbortSignalLike } {
  return {
    ...(run.updateIntervalInMs === undefined ? {} : { updateIntervalInMs: run.updateIntervalInMs }),
    ...(run.abortSignal === undefined ? {} : { abortSignal: run.abortSignal }),
  };
}

/** Another run (or a person) got there first: a 409 or `OperationInProgress` for the same name. */
function isTakenElsewhere(e: unknown): boolean {
  if (isRestorePointError(e, "OperationInProgress")) return true;
  if (isRestError(e) && e.statusCode === 409) return true;
  const code = codeOf(e);
  return code === "OperationInProgress" || code === "Conflict";
}

function codeOf(e: unknown): string | undefined {
  if (isRestError(e)) return e.code;
  if (isRestorePointError(e, "OperationFailed")) return e.serviceCode;
  if (isRestorePointError(e)) return e.code;
  return undefined;
}

function rethrowAbort(e: unknown): void {
  if (e instanceof Error && e.name === "AbortError") throw e;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
