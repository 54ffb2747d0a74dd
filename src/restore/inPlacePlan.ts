/** The pre-flight of `restoreVmInPlace`: reads the VM and the restore point, refuses conflicts. */
import type { ArmContext } from "../internal/armContext.js";
import { arrayAt } from "../internal/json.js";
import type { JsonObject } from "../internal/json.js";
import { normalizeRegion } from "../regions.js";
import { sameResourceId } from "../resourceId.js";
import { diskSlotsOf } from "./inPlaceBodies.js";
import { RESTORE_OPERATION_TAG, restoreOperationId } from "./operationTag.js";
import type { RestoreVmInPlaceRequest } from "./restoreOptions.js";
import type { DiskTarget } from "./restoreDisks.js";
import { findDiskTargets } from "./restoreDisks.js";
import type { LoadedRestorePoint } from "./restorePointSource.js";
import { loadRestorePoint, preflightError } from "./restorePointSource.js";
import { getPowerState, getVmForUpdate } from "./vmRequests.js";

/** Everything `restoreVmInPlace` will do, decided up front. */
export interface InPlacePlan {
  readonly operationId: string;
  readonly source: LoadedRestorePoint;
  /** The VM as it was (the rollback puts its disks back). */
  readonly vmBody: JsonObject;
  readonly zone: string | undefined;
  /** Whether the VM must be deallocated first, and started again at the end. */
  readonly wasDeallocated: boolean;
  readonly wasRunning: boolean;
  /** The disks to restore, OS disk first. */
  readonly targets: readonly DiskTarget[];
  /** The VM's disks the restored ones replace. */
  readonly originalDiskIds: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Reads the VM, its power state and the restore point, and checks the restored disks' names.
 * @throws ReplicationIncompleteError for a copy still replicating, unless allowed
 * @throws RestoreVmError (step `preparing`) for every conflict, before anything is created
 */
export async function planInPlace(ctx: ArmContext, request: RestoreVmInPlaceRequest): Promise<InPlacePlan> {
  const { vm, abortSignal } = request;
  const operationId = restoreOperationId("inPlace", request.restorePoint.id, vm.id);
  const [vmBody, powerState, source] = await Promise.all([
    getVmForUpdate(ctx, vm.resourceGroup, vm.name, abortSignal),
    getPowerState(ctx, vm.resourceGroup, vm.name, abortSignal).catch(() => undefined),
    loadRestorePoint(ctx, request.restorePoint, request.allowIncompleteReplication, abortSignal),
  ]);
  if (vmBody === undefined) {
    throw preflightError(
      `Cannot restore in place: VM '${vm.name}' does not exist in resource group '${vm.resourceGroup}'.`,
    );
  }
  const location = typeof vmBody["location"] === "string" ? vmBody["location"] : "";
  if (normalizeRegion(location) !== normalizeRegion(source.location)) {
    throw preflightError(
      `Cannot restore in place: VM '${vm.name}' is in '${location}' but the restore point is in '${source.location}'. ` +
        "Copy the restore point to the VM's region first.",
    );
  }
  const slots = diskSlotsOf(vmBody);
  if (slots.osDisk.diskId === undefined) {
    throw preflightError(
      `Cannot restore in place: the OS disk of VM '${vm.name}' is not a managed disk (ephemeral or unmanaged), so it cannot be swapped.`,
    );
  }
  // Short, fixed suffix: names stay within 80 characters and a re-run finds the same disks.
  const suffix = operationId.slice(-6);
  const targets = await findDiskTargets(
    ctx,
    [source.osDisk, ...source.dataDisks].map((disk) => ({
      source: disk,
      name: disk.isOsDisk ? `${vm.name}-os-${suffix}` : `${vm.name}-lun${disk.lun ?? 0}-${suffix}`,
    })),
    { resourceGroup: vm.resourceGroup, operationId, allowedOwnerId: vm.id, abortSignal },
  );
  const originalDiskIds: string[] = [];
  for (const target of targets) {
    const slot = target.source.isOsDisk
      ? slots.osDisk
      : slots.dataDisks.find((s) => s.lun === target.source.lun);
    // A slot already holding the restored disk was swapped by an interrupted run of this restore.
    if (slot?.diskId !== undefined && !sameResourceId(slot.diskId, target.id))
      originalDiskIds.push(slot.diskId);
  }
  const zone = arrayAt(vmBody, "zones").find((z): z is string => typeof z === "string");
  const state = powerState?.toLowerCase();
  return {
    operationId,
    source,
    vmBody,
    zone,
    wasDeallocated: state === "deallocated",
    // An unknown state counts as running: better restart a VM than leave a service down.
    wasRunning: state === undefined || state === "running" || state === "starting",
    targets,
    originalDiskIds,
    tags: { ...request.tags, [RESTORE_OPERATION_TAG]: operationId },
  };
}
