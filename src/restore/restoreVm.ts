/**
 * `restoreVm`: one call from a restore point to a running VM. Pre-flight first (nothing is
 * created when a check fails), then the disks in parallel, the NIC and the VM; on failure or
 * abort, everything this call created is deleted again (unless `rollbackOnFailure: false`).
 */
import type { RestoreVmOptions, RestoreVmResult } from "./restoreVmTypes.js";
import { isRestorePointError } from "../errors/restorePointError.js";
import { RestoreVmError } from "../errors/restoreVmError.js";
import type { ArmContext } from "../internal/armContext.js";
import { putVirtualMachine } from "../lro/armResources.js";
import { stringAt } from "../internal/json.js";
import { withStepSpan } from "../internal/tracing.js";
import { failureText } from "./failure.js";
import { ensureNetwork } from "./network.js";
import { ProgressReporter, throwIfAborted } from "./progress.js";
import { normalizeRestoreVmOptions } from "./restoreOptions.js";
import type { RestoreVmRequest } from "./restoreOptions.js";
import type { DiskTarget } from "./restoreDisks.js";
import { restoreDisks } from "./restoreDisks.js";
import type { RestoreVmPlan } from "./restorePlan.js";
import { planRestoreVm } from "./restorePlan.js";
import { preflightError } from "./restorePointSource.js";
import { CreatedResources, deleteCreated, trackCreate } from "./rollback.js";
import { restoredVmBody } from "./vmBody.js";

// Share of the overall percentage each phase ends at.
const PREPARED = 5;
const DISKS_DONE = 80;
const NETWORK_DONE = 85;

/**
 * Restores a VM from a restore point.
 * @throws TypeError or RangeError for invalid options, before any request
 * @throws ReplicationIncompleteError for a copy still replicating, unless allowed
 * @throws RestoreVmError when a step fails or the call is aborted
 */
export async function restoreVm(ctx: ArmContext, options: RestoreVmOptions): Promise<RestoreVmResult> {
  const request = normalizeRestoreVmOptions(ctx, options);
  const what = `Restoring VM '${request.vmName}' from restore point '${request.restorePoint.restorePointName}'`;
  const progress = new ProgressReporter(request.onProgress, what);
  progress.report(
    "preparing",
    0,
    `Reading restore point '${request.restorePoint.id}'`,
    request.restorePoint.id,
  );
  let plan: RestoreVmPlan;
  try {
    throwIfAborted(request.abortSignal, what);
    plan = await withStepSpan(ctx, "restoreVm.preparing", (stepCtx) => planRestoreVm(stepCtx, request));
    throwIfAborted(request.abortSignal, what);
  } catch (e) {
    if (isRestorePointError(e, "ReplicationIncomplete") || isRestorePointError(e, "RestoreVmFailed")) throw e;
    throw preflightError(`${failureText(what, "preparing", e)} Nothing was created.`, e);
  }
  progress.report(
    "preparing",
    PREPARED,
    `Restoring ${plan.disks.length} disks into VM '${request.vmName}' (operation ${plan.operationId})`,
  );
  const created = new CreatedResources();
  try {
    return await execute(ctx, request, plan, created, progress, what);
  } catch (e) {
    throw await rollBack(ctx, request, created, progress, e, what);
  }
}

async function execute(
  ctx: ArmContext,
  request: RestoreVmRequest,
  plan: RestoreVmPlan,
  created: CreatedResources,
  progress: ProgressReporter,
  what: string,
): Promise<RestoreVmResult> {
  const { resourceGroup, abortSignal } = request;
  const weight = (t: DiskTarget): number => Math.max(1, t.source.sizeGB ?? 1);
  const total = plan.disks.reduce((sum, t) => sum + weight(t), 0);
  let done = 0;
  await withStepSpan(ctx, "restoreVm.restoringDisks", (stepCtx) =>
    restoreDisks(plan.disks, stepCtx, {
      restorePoint: request.restorePoint,
      resourceGroup,
      location: plan.source.location,
      osType: plan.source.metadata.osType,
      hyperVGeneration: plan.source.metadata.hyperVGeneration,
      zone: request.zone,
      diskSku: request.diskSku,
      tags: plan.tags,
      maxConcurrency: request.maxConcurrency,
      updateIntervalInMs: request.updateIntervalInMs,
      abortSignal,
      created,
      onStarted: (t) => {
        progress.report(
          "restoringDisks",
          percentOfDisks(done, total),
          `Restoring disk '${t.name}'${lunText(t)}`,
          t.id,
        );
      },
      onFinished: (t) => {
        done += weight(t);
        progress.report(
          "restoringDisks",
          percentOfDisks(done, total),
          `Restored disk '${t.name}'${lunText(t)}`,
          t.id,
        );
      },
    }),
  );

  throwIfAborted(abortSignal, what);
  if (plan.network.kind === "create") {
    progress.report(
      "creatingNetworkInterface",
      DISKS_DONE,
      `Creating network interface '${plan.network.name}'`,
      plan.network.id,
    );
  }
  const networkInterfaceIds = await withStepSpan(ctx, "restoreVm.creatingNetworkInterface", (stepCtx) =>
    ensureNetwork(stepCtx, plan.network, {
      resourceGroup,
      location: plan.source.location,
      tags: plan.tags,
      created,
      updateIntervalInMs: request.updateIntervalInMs,
    }),
  );

  throwIfAborted(abortSignal, what);
  progress.report("creatingVm", NETWORK_DONE, `Creating VM '${request.vmName}'`, plan.vmId);
  const [osDisk, ...dataDisks] = plan.disks.map((t) => ({ id: t.id, source: t.source }));
  if (osDisk === undefined) throw new Error("The restore point holds no OS disk");
  const body = restoredVmBody({
    location: plan.source.location,
    zone: request.zone,
    vmSize: plan.vmSize,
    tags: plan.tags,
    metadata: plan.source.metadata,
    osDisk,
    dataDisks,
    networkInterfaceIds,
  });
  if (plan.vmExists) created.add("vm", plan.vmId);
  const vm = await withStepSpan(ctx, "restoreVm.creatingVm", (stepCtx) => {
    const poller = putVirtualMachine(stepCtx, resourceGroup, request.vmName, body, {
      updateIntervalInMs: request.updateIntervalInMs,
    });
    return trackCreate(stepCtx, created, "vm", plan.vmId, poller);
  });
  progress.report("done", 100, `Restored VM '${request.vmName}'`, plan.vmId);
  return Object.freeze({
    vmId: stringAt(vm, "id") ?? plan.vmId,
    osDiskId: osDisk.id,
    dataDisks: Object.freeze(
      dataDisks
        .map((d) => Object.freeze({ lun: d.source.lun ?? 0, diskId: d.id }))
        .sort((a, b) => a.lun - b.lun),
    ),
    networkInterfaceIds: Object.freeze([...networkInterfaceIds]),
    createdResourceIds: Object.freeze(created.ids),
    operationId: plan.operationId,
  });
}

function percentOfDisks(done: number, total: number): number {
  return PREPARED + ((DISKS_DONE - PREPARED) * done) / Math.max(1, total);
}

function lunText(t: DiskTarget): string {
  return t.source.isOsDisk ? " (OS disk)" : ` (LUN ${t.source.lun ?? "?"})`;
}

/** Undoes what was created (unless told not to) and builds the error saying what is left. */
async function rollBack(
  ctx: ArmContext,
  request: RestoreVmRequest,
  created: CreatedResources,
  progress: ProgressReporter,
  cause: unknown,
  what: string,
): Promise<RestoreVmError> {
  const step = progress.step;
  const failure = failureText(what, step, cause);
  if (created.ids.length === 0) {
    return new RestoreVmError({
      step,
      createdResourceIds: [],
      rolledBack: false,
      cause,
      message: `${failure} Nothing had been created.`,
    });
  }
  if (!request.rollbackOnFailure) {
    return new RestoreVmError({
      step,
      createdResourceIds: created.ids,
      rolledBack: false,
      cause,
      message:
        `${failure} rollbackOnFailure is off, so these resources are left: ${created.ids.join(", ")}. ` +
        "Run the same restore again to pick them up, or delete them.",
    });
  }
  const count = created.ids.length;
  let deleted = 0;
  progress.report("rollingBack", 0, `Deleting the ${count} resources this restore created`);
  await withStepSpan(ctx, "restoreVm.rollingBack", (stepCtx) =>
    deleteCreated(stepCtx, created, {
      updateIntervalInMs: request.updateIntervalInMs,
      onDeleted: (id) => {
        deleted += 1;
        progress.report("rollingBack", 0, `Deleted '${id}' (${deleted} of ${count})`, id);
      },
    }),
  );
  const left = created.ids;
  return new RestoreVmError({
    step,
    createdResourceIds: left,
    rolledBack: left.length === 0,
    cause,
    message:
      left.length === 0
        ? `${failure} The ${count} resources it had created were deleted again.`
        : `${failure} The rollback could not delete these resources it created; delete them: ${left.join(", ")}.`,
  });
}
