/**
 * What a capture (a restore point of the collection's VM) includes, and the service rules that can
 * refuse it: exclusions must name the VM's disks, unsupported disks must be excluded, one creation
 * at a time per VM, and at most `maxRestorePointsPerVm` restore points per VM.
 */
import { armErrors } from "../armErrors.js";
import type { HandlerContext } from "../http.js";
import { keyOf, sameId, type CollectionRecord, type VirtualMachineRecord } from "../state.js";
import { isObject } from "./common.js";
import { snapshotVm, vmDisks, type VmDiskView } from "./restorePointModel.js";

export interface CapturePlan {
  readonly vm: VirtualMachineRecord;
  readonly excludeDiskIds: string[];
  readonly included: VmDiskView[];
  readonly sourceMetadata: Record<string, unknown>;
  /** Set when a concurrent create is refused as a failed operation (rules.concurrentCreate). */
  readonly concurrentFailure?: { code: string; message: string };
}

/** Why a disk cannot be in a restore point of the given consistency, or undefined when it can. */
export function unsupportedReason(
  context: HandlerContext,
  view: VmDiskView,
  consistencyMode: string | undefined,
): string | undefined {
  if (view.ephemeral) return "ephemeral OS disks are not supported";
  if (view.unmanaged || view.diskId === undefined) return "unmanaged disks are not supported";
  const disk = context.state.disks[keyOf(view.diskId)];
  if (disk !== undefined && (disk.maxShares ?? 1) > 1)
    return `shared disks (maxShares ${disk.maxShares}) are not supported`;
  if (consistencyMode === "CrashConsistent") {
    if (disk?.sku === "UltraSSD_LRS" || disk?.sku === "PremiumV2_LRS") {
      return `${disk.sku} disks are not supported for crash-consistent restore points`;
    }
    if (view.writeAcceleratorEnabled)
      return "write-accelerated disks are not supported for crash-consistent restore points";
  }
  return undefined;
}

export function planCapture(
  context: HandlerContext,
  collection: CollectionRecord,
  excludeDisks: readonly unknown[],
  consistencyMode: string | undefined,
): CapturePlan {
  const { state, options } = context;
  const vm = state.virtualMachines[keyOf(collection.sourceId)];
  if (vm === undefined) {
    if (state.collections[keyOf(collection.sourceId)] !== undefined) {
      throw armErrors.badRequest(
        `Restore point collection '${collection.name}' is the target of a cross-region copy: restore points can only be copied into it (set properties.sourceRestorePoint.id).`,
        "properties.sourceRestorePoint",
      );
    }
    throw armErrors.badRequest(
      `The source virtual machine '${collection.sourceId}' of restore point collection '${collection.name}' does not exist.`,
    );
  }
  if (
    options.rules.rejectExplicitAppConsistency &&
    consistencyMode !== undefined &&
    consistencyMode !== "CrashConsistent"
  ) {
    throw armErrors.unsupportedConsistencyMode(consistencyMode);
  }
  const disks = vmDisks(vm);
  const excludeDiskIds = excludeDisks.map((entry) => {
    const id = isObject(entry) ? entry.id : undefined;
    if (typeof id !== "string") {
      throw armErrors.invalidParameter(
        "properties.excludeDisks",
        "Each entry of 'excludeDisks' must be an object with an 'id'.",
      );
    }
    const disk = disks.find((d) => sameId(d.diskId, id));
    if (disk?.diskId === undefined) throw armErrors.invalidExcludedDisk(id, vm.name);
    return disk.diskId;
  });
  const included = disks.filter((d) => !excludeDiskIds.some((id) => sameId(id, d.diskId)));
  if (included.length === 0) throw armErrors.allDisksExcluded(vm.name);
  for (const view of included) {
    const reason = unsupportedReason(context, view, consistencyMode);
    if (reason !== undefined) throw armErrors.unsupportedDisk(view.name, reason);
  }
  const captures = Object.values(state.restorePoints).filter(
    (p) => sameId(p.sourceVmId, vm.id) && p.sourceRestorePointId === undefined,
  );
  let concurrentFailure: CapturePlan["concurrentFailure"];
  const inFlight = captures.find((p) => p.provisioningState === "Creating");
  if (inFlight !== undefined) {
    const error = armErrors.concurrentCreate(vm.name, inFlight.id);
    if (options.rules.concurrentCreate === "conflict") throw error;
    concurrentFailure = { code: error.code, message: error.message };
  }
  if (captures.length >= options.rules.maxRestorePointsPerVm) {
    throw armErrors.restorePointLimit(vm.name, options.rules.maxRestorePointsPerVm);
  }
  return {
    vm,
    excludeDiskIds,
    included,
    sourceMetadata: snapshotVm(state, vm, included),
    ...(concurrentFailure === undefined ? {} : { concurrentFailure }),
  };
}
