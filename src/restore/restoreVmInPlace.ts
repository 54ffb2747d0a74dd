/**
 * `restoreVmInPlace`: puts a restore point's disks into an existing VM. The disks are restored
 * while the VM still runs (short downtime), then the VM is deallocated, its disks swapped and
 * started again. The original disks stay until the end, so a failure can put them back.
 */
import { isRestorePointError } from "../errors/restorePointError.js";
import { RestoreVmError } from "../errors/restoreVmError.js";
import type { ArmContext } from "../internal/armContext.js";
import { withStepSpan } from "../internal/tracing.js";
import { putVirtualMachine } from "../lro/armResources.js";
import { failureText, messageOf } from "./failure.js";
import { originalVmBody, swappedVmBody } from "./inPlaceBodies.js";
import type { SwapDisk } from "./inPlaceBodies.js";
import type { InPlacePlan } from "./inPlacePlan.js";
import { planInPlace } from "./inPlacePlan.js";
import { ProgressReporter, throwIfAborted } from "./progress.js";
import { normalizeRestoreVmInPlaceOptions } from "./restoreOptions.js";
import type { RestoreVmInPlaceRequest } from "./restoreOptions.js";
import { restoreDisks } from "./restoreDisks.js";
import { preflightError } from "./restorePointSource.js";
import type { RestoreVmInPlaceOptions, RestoreVmInPlaceResult } from "./restoreVmInPlaceTypes.js";
import { CreatedResources, deleteAndConfirm, deleteCreated } from "./rollback.js";
import { beginPowerAction } from "./vmRequests.js";

const PREPARED = 5;
const DISKS_DONE = 55;
const DEALLOCATED = 70;
const SWAPPED = 85;
const STARTED = 95;

/** What has been changed so far, for the rollback. */
interface InPlaceState {
  readonly created: CreatedResources;
  deallocateSent: boolean;
  swapSent: boolean;
}

/**
 * Restores a restore point into an existing VM.
 * @throws TypeError or RangeError for invalid options, before any request
 * @throws ReplicationIncompleteError for a copy still replicating, unless allowed
 * @throws RestoreVmError when a step fails or the call is aborted
 */
export async function restoreVmInPlace(
  ctx: ArmContext,
  options: RestoreVmInPlaceOptions,
): Promise<RestoreVmInPlaceResult> {
  const request = normalizeRestoreVmInPlaceOptions(ctx, options);
  const what = `Restoring VM '${request.vm.name}' in place from restore point '${request.restorePoint.restorePointName}'`;
  const progress = new ProgressReporter(request.onProgress, what);
  progress.report("preparing", 0, `Reading VM '${request.vm.name}' and the restore point`, request.vm.id);
  let plan: InPlacePlan;
  try {
    throwIfAborted(request.abortSignal, what);
    plan = await withStepSpan(ctx, "restoreVmInPlace.preparing", (stepCtx) => planInPlace(stepCtx, request));
    throwIfAborted(request.abortSignal, what);
  } catch (e) {
    if (isRestorePointError(e, "ReplicationIncomplete") || isRestorePointError(e, "RestoreVmFailed")) throw e;
    throw preflightError(`${failureText(what, "preparing", e)} Nothing was changed.`, e);
  }
  progress.report(
    "preparing",
    PREPARED,
    `Restoring ${plan.targets.length} disks (operation ${plan.operationId})`,
  );
  const state: InPlaceState = { created: new CreatedResources(), deallocateSent: false, swapSent: false };
  try {
    return await execute(ctx, request, plan, state, progress, what);
  } catch (e) {
    throw await withStepSpan(ctx, "restoreVmInPlace.rollingBack", (stepCtx) =>
      rollBack(stepCtx, request, plan, state, progress, e, what),
    );
  }
}

async function execute(
  ctx: ArmContext,
  request: RestoreVmInPlaceRequest,
  plan: InPlacePlan,
  state: InPlaceState,
  progress: ProgressReporter,
  what: string,
): Promise<RestoreVmInPlaceResult> {
  const { vm, abortSignal, updateIntervalInMs } = request;
  let done = 0;
  const percent = (): number => PREPARED + ((DISKS_DONE - PREPARED) * done) / plan.targets.length;
  await withStepSpan(ctx, "restoreVmInPlace.restoringDisks", (stepCtx) =>
    restoreDisks(plan.targets, stepCtx, {
      restorePoint: request.restorePoint,
      resourceGroup: vm.resourceGroup,
      location: plan.source.location,
      osType: plan.source.metadata.osType,
      hyperVGeneration: plan.source.metadata.hyperVGeneration,
      zone: plan.zone,
      diskSku: request.diskSku,
      tags: plan.tags,
      maxConcurrency: request.maxConcurrency,
      updateIntervalInMs,
      abortSignal,
      created: state.created,
      onStarted: (t) => {
        progress.report("restoringDisks", percent(), `Restoring disk '${t.name}'`, t.id);
      },
      onFinished: (t) => {
        done += 1;
        progress.report("restoringDisks", percent(), `Restored disk '${t.name}'`, t.id);
      },
    }),
  );

  if (!plan.wasDeallocated) {
    throwIfAborted(abortSignal, what);
    progress.report("deallocatingVm", DISKS_DONE, `Deallocating VM '${vm.name}'`, vm.id);
    state.deallocateSent = true;
    await withStepSpan(ctx, "restoreVmInPlace.deallocatingVm", (stepCtx) =>
      beginPowerAction(stepCtx, vm.resourceGroup, vm.name, "deallocate", updateIntervalInMs),
    );
  }

  throwIfAborted(abortSignal, what);
  progress.report("swappingDisks", DEALLOCATED, `Attaching the restored disks to VM '${vm.name}'`, vm.id);
  const [os, ...data] = plan.targets;
  const swap = (t: (typeof plan.targets)[number]): SwapDisk => ({
    id: t.id,
    name: t.name,
    caching: t.source.caching,
  });
  const dataByLun = new Map(data.map((t) => [t.source.lun ?? 0, swap(t)]));
  state.swapSent = true;
  await withStepSpan(ctx, "restoreVmInPlace.swappingDisks", async (stepCtx) =>
    putVirtualMachine(
      stepCtx,
      vm.resourceGroup,
      vm.name,
      swappedVmBody(plan.vmBody, os === undefined ? undefined : swap(os), dataByLun),
      { updateIntervalInMs },
    ),
  );

  if (plan.wasRunning) {
    throwIfAborted(abortSignal, what);
    progress.report("startingVm", SWAPPED, `Starting VM '${vm.name}'`, vm.id);
    await withStepSpan(ctx, "restoreVmInPlace.startingVm", (stepCtx) =>
      beginPowerAction(stepCtx, vm.resourceGroup, vm.name, "start", updateIntervalInMs),
    );
  }

  let originalDiskIds = plan.originalDiskIds;
  if (!request.keepOriginalDisks && originalDiskIds.length > 0) {
    progress.report(
      "deletingOriginalDisks",
      STARTED,
      `Deleting the ${originalDiskIds.length} replaced disks`,
    );
    const gone = await withStepSpan(ctx, "restoreVmInPlace.deletingOriginalDisks", (stepCtx) =>
      Promise.all(originalDiskIds.map((id) => deleteAndConfirm(stepCtx, id, updateIntervalInMs))),
    );
    // The restore itself succeeded: a replaced disk that could not be deleted is reported, not thrown.
    originalDiskIds = originalDiskIds.filter((_, i) => gone[i] !== true);
  }
  progress.report("done", 100, `VM '${vm.name}' runs on the restored disks`, vm.id);
  return Object.freeze({
    vmId: vm.id,
    osDiskId: os?.id ?? "",
    dataDisks: Object.freeze(
      data.map((t) => Object.freeze({ lun: t.source.lun ?? 0, diskId: t.id })).sort((a, b) => a.lun - b.lun),
    ),
    originalDiskIds: Object.freeze([...originalDiskIds]),
    createdResourceIds: Object.freeze(state.created.ids),
    operationId: plan.operationId,
  });
}

/**
 * Puts the VM back as it was (original disks attached, started if it was running) and deletes the
 * restored disks; builds the error saying what, if anything, could not be undone.
 */
async function rollBack(
  ctx: ArmContext,
  request: RestoreVmInPlaceRequest,
  plan: InPlacePlan,
  state: InPlaceState,
  progress: ProgressReporter,
  cause: unknown,
  what: string,
): Promise<RestoreVmError> {
  const { vm, updateIntervalInMs } = request;
  const step = progress.step;
  const failure = failureText(what, step, cause);
  const changed = state.created.ids.length > 0 || state.deallocateSent;
  if (!changed) {
    return new RestoreVmError({
      step,
      createdResourceIds: [],
      rolledBack: false,
      cause,
      message: `${failure} Nothing had been changed.`,
    });
  }
  if (!request.rollbackOnFailure) {
    const ids = state.created.ids;
    return new RestoreVmError({
      step,
      createdResourceIds: ids,
      rolledBack: false,
      cause,
      message:
        `${failure} rollbackOnFailure is off, so nothing was undone` +
        (state.swapSent
          ? " (the VM may be deallocated, on the restored disks)"
          : state.deallocateSent
            ? " (the VM may be deallocated)"
            : "") +
        `; restored disks left: ${ids.length === 0 ? "none" : ids.join(", ")}. Run the same restore again to finish it.`,
    });
  }
  progress.report("rollingBack", 0, `Undoing the restore of VM '${vm.name}'`, vm.id);
  const problems: string[] = [];
  let originalsAttached = true;
  if (state.swapSent) {
    try {
      const restoredLuns = new Set(
        plan.targets.flatMap((t) => (t.source.lun === undefined ? [] : [t.source.lun])),
      );
      await putVirtualMachine(ctx, vm.resourceGroup, vm.name, originalVmBody(plan.vmBody, restoredLuns), {
        updateIntervalInMs,
      });
      progress.report("rollingBack", 0, `Attached the original disks to VM '${vm.name}' again`, vm.id);
    } catch (e) {
      originalsAttached = false;
      problems.push(
        `the original disks could not be attached again (${messageOf(e)}); VM '${vm.name}' is left deallocated`,
      );
    }
  }
  if (originalsAttached && state.deallocateSent && plan.wasRunning) {
    try {
      await beginPowerAction(ctx, vm.resourceGroup, vm.name, "start", updateIntervalInMs);
      progress.report("rollingBack", 0, `Started VM '${vm.name}' again`, vm.id);
    } catch (e) {
      problems.push(`VM '${vm.name}' could not be started again (${messageOf(e)})`);
    }
  }
  // Restored disks still attached to the VM cannot (and must not) be deleted.
  if (originalsAttached) {
    await deleteCreated(ctx, state.created, {
      updateIntervalInMs,
      onDeleted: (id) => {
        progress.report("rollingBack", 0, `Deleted restored disk '${id}'`, id);
      },
    });
  }
  const left = state.created.ids;
  const rolledBack = problems.length === 0 && left.length === 0;
  const originalsText = state.swapSent ? " VM has its original disks again" : " VM's disks were not changed";
  return new RestoreVmError({
    step,
    createdResourceIds: left,
    rolledBack,
    cause,
    message: rolledBack
      ? `${failure} The${originalsText}${plan.wasRunning ? " and runs" : ""}; the restored disks were deleted.`
      : `${failure} The rollback was incomplete: ${[...problems, ...(left.length === 0 ? [] : [`restored disks left: ${left.join(", ")}`])].join("; ")}.`,
  });
}
