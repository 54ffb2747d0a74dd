/**
 * The protection engine's entry points: gather the facts through the client (every selected
 * subscription in parallel), decide with the pure cores, and for `runProtection` carry the plan
 * out, VMs of a subscription in bounded parallel behind that subscription's write pacer.
 */
import { maxConcurrencyOption } from "../internal/concurrencyOption.js";
import type { RestorePointClient } from "../client/restorePointClient.js";
import { contextOfClient } from "../client/clientInternals.js";
import type { ArmContext } from "../internal/armContext.js";
import { withSpan, withStepSpan } from "../internal/tracing.js";
import { WritePacer } from "../fleet/writePacer.js";
import { forEachBounded } from "../internal/boundedParallel.js";
import { validateOptionalInterval, validateOptionsBag, describe } from "../internal/validation.js";
import { planProtectionFromFacts } from "./planCore.js";
import type { ProtectionPlan } from "./planTypes.js";
import type { ProtectionPolicy } from "./policyTypes.js";
import type {
  PlanProtectionOptions,
  ProtectionProgressEvent,
  ProtectionStatusOptions,
  ProtectionRunResult,
  RunProtectionOptions,
  VmProtectionRunResult,
} from "./protectionOptions.js";
import type { GatherOptions, SubscriptionFacts } from "./gatherFacts.js";
import { gatherFacts } from "./gatherFacts.js";
import { resolvePolicy } from "./resolvePolicy.js";
import { runVmPlan } from "./runVm.js";
import type { ResolvedPolicy } from "./resolvePolicy.js";
import { checkShard } from "./selector.js";
import { protectionStatusFromFacts } from "./statusCore.js";
import type { ProtectionStatus } from "./statusTypes.js";

const DEFAULT_CONCURRENCY = 10;
const MAX_CONCURRENCY = 100;

interface Checked {
  readonly policy: ResolvedPolicy;
  readonly now: Date;
  readonly gather: GatherOptions;
}

function check(
  client: RestorePointClient,
  policy: ProtectionPolicy,
  options: PlanProtectionOptions | undefined,
): Checked {
  contextOfClient(client);
  const opts = validateOptionsBag(options ?? {}, "options") as PlanProtectionOptions;
  const now = opts.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError("options.now must be a valid Date");
  const access: unknown = opts.activeAccess;
  if (access !== undefined && (!Array.isArray(access) || access.some((id) => typeof id !== "string"))) {
    throw new TypeError("activeAccess must be an array of restore point or disk restore point ids");
  }
  return {
    policy: resolvePolicy(policy),
    now,
    gather: {
      shard: checkShard(opts.shard),
      activeAccess: (access as string[] | undefined) ?? [],
      abortSignal: opts.abortSignal,
    },
  };
}

/**
 * Plans a protection policy: finds the VMs it selects (in every subscription of its selector, in
 * parallel, through `client`'s pipeline), reads their collections and points, and decides per VM
 * what to create, copy and delete, or why nothing is due. Sends only reads.
 *
 * @param client - the client whose credential and pipeline are used (its subscription is the default of `selector.subscriptions`)
 * @param policy - the policy, e.g. from {@link parseProtectionPolicy}
 * @param options - `now` (plan as of a time), `shard`, `activeAccess`, `abortSignal`
 * @returns the plan, one entry per VM
 * @throws ProtectionPolicyError for an invalid policy; TypeError/RangeError for invalid options (before any request)
 *
 * @example
 * ```ts
 * const plan = await planProtection(client, policy, { now: new Date("2026-11-25T08:00:00Z") });
 * for (const vm of plan.vms) {
 *   console.log(vm.vmName, vm.create?.restorePointName ?? vm.skip?.message);
 *   for (const d of vm.deletions) console.log("  delete", d.restorePointName, "-", d.rule);
 * }
 * ```
 *
 * @public
 */
export async function planProtection(
  client: RestorePointClient,
  policy: ProtectionPolicy,
  options: PlanProtectionOptions = {},
): Promise<ProtectionPlan> {
  const checked = check(client, policy, options);
  return withSpan(contextOfClient(client), "planProtection", options, async (ctx) => {
    const subscriptions = await withStepSpan(ctx, "planProtection.gatherFacts", (stepCtx) =>
      gatherFacts(stepCtx, checked.policy, checked.gather),
    );
    return planProtectionFromFacts(checked.policy.source, {
      now: checked.now,
      vms: subscriptions.flatMap((s) => s.vms),
    });
  });
}

/**
 * Reports how the VMs of a policy stand: per VM the newest point per region and its age against
 * the RPO (Basic data protection's points count too), pending copies and the last failure. Sends only reads.
 *
 * @param client - the client whose credential and pipeline are used
 * @param policy - the policy
 * @param options - `now`, `shard`, `abortSignal`
 * @returns the status, with a summary (protected / out of RPO / failing)
 * @throws ProtectionPolicyError for an invalid policy; TypeError/RangeError for invalid options
 *
 * @example
 * ```ts
 * const status = await protectionStatus(client, policy);
 * console.log(`${status.summary.outOfRpo} of ${status.summary.total} VMs are out of their RPO`);
 * await writeFile("report.html", renderProtectionReport(status));
 * ```
 *
 * @public
 */
export async function protectionStatus(
  client: RestorePointClient,
  policy: ProtectionPolicy,
  options: ProtectionStatusOptions = {},
): Promise<ProtectionStatus> {
  const checked = check(client, policy, options);
  return withSpan(contextOfClient(client), "protectionStatus", options, async (ctx) => {
    const subscriptions = await gatherFacts(ctx, checked.policy, checked.gather);
    return protectionStatusFromFacts(checked.policy.source, {
      now: checked.now,
      vms: subscriptions.flatMap((s) => s.vms),
    });
  });
}

/**
 * Carries out a protection policy once: plans (see {@link planProtection}), then per VM creates the
 * slot's restore point `<policy>-<yyyyMMddTHHmmZ>` (and its collection, tagged `vmrp-policy`), makes
 * the due copies and deletes what retention drops. Safe to run any number of times and on several
 * machines at once: all state is in Azure, names are deterministic, so a second run finds the
 * first one's points, a refusal because another run is creating the same point counts as done,
 * and a run that died half way is finished by the next. Retention only ever deletes the policy's
 * own points, never one with an active SAS or a VM's newest good point, and not at all in a region
 * whose new point did not arrive.
 *
 * Subscriptions run in parallel; within one, `maxConcurrency` VMs at a time, every write paced by that
 * subscription's throttling buckets (as `createRestorePoints` does). One VM's failure is its own.
 *
 * @param client - the client whose credential and pipeline are used
 * @param policy - the policy
 * Runs in a span `runProtection`, with child spans `runProtection.gatherFacts` and one
 * `runProtection.runVm` per VM (the client methods each VM uses are their children).
 *
 * @param options - `now`, `shard`, `maxConcurrency`, `onProgress`, `abortSignal`
 * @returns per VM what was created, copied, deleted, skipped or failed, and the plan
 * @throws ProtectionPolicyError for an invalid policy; TypeError/RangeError for invalid options (before any request)
 * @throws AbortError when `abortSignal` fires (operations already accepted continue in Azure)
 *
 * @example
 * ```ts
 * // One of 3 machines, each running the same command every 4 hours:
 * const result = await runProtection(client, policy, { shard: { index: 0, count: 3 } });
 * console.log(result.summary); // { vms, created, copied, deleted, skipped, failed }
 * ```
 *
 * @public
 */
export async function runProtection(
  client: RestorePointClient,
  policy: ProtectionPolicy,
  options: RunProtectionOptions = {},
): Promise<ProtectionRunResult> {
  const checked = check(client, policy, options);
  const opts = options;
  const concurrency = maxConcurrencyOption(opts, DEFAULT_CONCURRENCY, { min: 1, max: MAX_CONCURRENCY });
  const updateIntervalInMs = validateOptionalInterval(opts.updateIntervalInMs, "updateIntervalInMs");
  if (opts.onProgress !== undefined && typeof opts.onProgress !== "function") {
    throw new TypeError(`onProgress must be a function, got ${describe(opts.onProgress)}`);
  }
  return withSpan(contextOfClient(client), "runProtection", options, (ctx) =>
    runPlanned(ctx, checked, concurrency, updateIntervalInMs, opts.onProgress),
  );
}

async function runPlanned(
  ctx: ArmContext,
  checked: Checked,
  concurrency: number,
  updateIntervalInMs: number | undefined,
  onProgress: RunProtectionOptions["onProgress"],
): Promise<ProtectionRunResult> {
  const subscriptions = await withStepSpan(ctx, "runProtection.gatherFacts", (stepCtx) =>
    gatherFacts(stepCtx, checked.policy, checked.gather),
  );
  const plan = planProtectionFromFacts(checked.policy.source, {
    now: checked.now,
    vms: subscriptions.flatMap((s) => s.vms),
  });
  const total = plan.vms.length;
  let completed = 0;
  const report = (vmId: string, status: ProtectionProgressEvent["status"]): void => {
    onProgress?.({ vmId, status, completed, total });
  };
  const results = new Map<string, VmProtectionRunResult>();
  await Promise.all(
    subscriptions.map((sub) =>
      // The subscription's context as read in the gathering step, traced under this call's span again.
      runSubscription(
        { ...sub, ctx: sub.ctx.forCall(ctx.call ?? {}) },
        plan,
        checked,
        concurrency,
        updateIntervalInMs,
        report,
        (r) => {
          completed += 1;
          results.set(r.vmId.toLowerCase(), r);
          report(r.vmId, r.status === "failed" ? "failed" : "done");
        },
      ),
    ),
  );
  const vms = plan.vms.flatMap((p) => results.get(p.vmId.toLowerCase()) ?? []);
  return {
    plan,
    vms,
    summary: {
      vms: vms.length,
      created: vms.filter((v) => v.created !== undefined).length,
      copied: vms.reduce((n, v) => n + v.copied.length, 0),
      deleted: vms.reduce((n, v) => n + v.deleted.length, 0),
      skipped: vms.reduce((n, v) => n + v.skipped.length, 0),
      failed: vms.filter((v) => v.status === "failed").length,
    },
  };
}

async function runSubscription(
  sub: SubscriptionFacts,
  plan: ProtectionPlan,
  checked: Checked,
  concurrency: number,
  updateIntervalInMs: number | undefined,
  report: (vmId: string, status: ProtectionProgressEvent["status"]) => void,
  done: (result: VmProtectionRunResult) => void,
): Promise<void> {
  const ids = new Set(sub.vms.map((v) => v.id.toLowerCase()));
  const mine = plan.vms.filter((p) => ids.has(p.vmId.toLowerCase()));
  const run = {
    ctx: sub.ctx,
    pacer: new WritePacer(sub.ctx.rateLimits, sub.ctx.subscriptionId),
    policy: checked.policy,
    updateIntervalInMs,
    abortSignal: checked.gather.abortSignal,
    report,
  };
  await forEachBounded(
    mine,
    concurrency,
    async (vmPlan) => {
      done(
        await withStepSpan(sub.ctx, "runProtection.runVm", (vmCtx) =>
          runVmPlan({ ...run, ctx: vmCtx }, vmPlan),
        ),
      );
    },
    checked.gather.abortSignal,
  );
}
