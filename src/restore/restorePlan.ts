/**
 * The pre-flight of `restoreVm`: everything is read and checked, and every conflict refused,
 * before the first resource is created.
 */
import type { ArmContext } from "../internal/armContext.js";
import { hasOperationTag, RESTORE_OPERATION_TAG, restoreOperationId } from "./operationTag.js";
import type { RestoreVmRequest } from "./restoreOptions.js";
import type { DiskTarget } from "./restoreDisks.js";
import { findDiskTargets } from "./restoreDisks.js";
import type { LoadedRestorePoint } from "./restorePointSource.js";
import { describeMissing, loadRestorePoint, preflightError } from "./restorePointSource.js";
import type { NetworkPlan } from "./network.js";
import { planNetwork } from "./network.js";
import { getIfExists } from "./rollback.js";

/** Everything `restoreVm` will do, decided up front. */
export interface RestoreVmPlan {
  readonly operationId: string;
  readonly vmId: string;
  readonly source: LoadedRestorePoint;
  readonly vmSize: string;
  /** The disks to restore, OS disk first. */
  readonly disks: readonly DiskTarget[];
  readonly network: NetworkPlan;
  /** Tags of every created resource, the operation tag included. */
  readonly tags: Readonly<Record<string, string>>;
  /** A VM of an interrupted run of this restore already stands at the name. */
  readonly vmExists: boolean;
}

/** Names of the restored disks: fixed, so that a re-run finds the disks of an interrupted one. */
export function restoredDiskName(vmName: string, lun: number | undefined): string {
  return lun === undefined ? `${vmName}-osdisk` : `${vmName}-datadisk-${lun}`;
}

/**
 * Reads the restore point and checks the target names.
 * @throws ReplicationIncompleteError for a copy still replicating, unless allowed
 * @throws RestoreVmError (step `preparing`) for every conflict, before anything is created
 */
export async function planRestoreVm(ctx: ArmContext, request: RestoreVmRequest): Promise<RestoreVmPlan> {
  const { abortSignal, resourceGroup, vmName } = request;
  const operationId = restoreOperationId("vm", request.restorePoint.id, resourceGroup, vmName);
  const vmId = ctx.providerPath(resourceGroup, "Microsoft.Compute", "virtualMachines", vmName);
  const [source, existingVm] = await Promise.all([
    loadRestorePoint(ctx, request.restorePoint, request.allowIncompleteReplication, abortSignal),
    getIfExists(ctx, vmId, abortSignal),
  ]);
  if (existingVm !== undefined && !hasOperationTag(existingVm, operationId)) {
    throw preflightError(
      `Cannot restore: VM '${vmName}' already exists in resource group '${resourceGroup}'. Choose another ` +
        "vmName, or use restoreVmInPlace to put the restore point's disks into that VM.",
    );
  }
  if (source.missingDataDisks.length > 0 && !request.allowMissingDisks) {
    throw preflightError(
      `Restore point '${request.restorePoint.restorePointName}' lacks data disks of its VM (excluded when it ` +
        `was taken): ${describeMissing(source.missingDataDisks)}. The restored VM would not have them; pass ` +
        "allowMissingDisks: true to restore it anyway.",
    );
  }
  const vmSize = request.vmSize ?? source.metadata.vmSize;
  if (vmSize === undefined) {
    throw preflightError("The restore point records no VM size; pass vmSize.");
  }
  const [disks, network] = await Promise.all([
    findDiskTargets(
      ctx,
      [source.osDisk, ...source.dataDisks].map((disk, index) => ({
        source: disk,
        name: restoredDiskName(vmName, disk.isOsDisk ? undefined : (disk.lun ?? index - 1)),
      })),
      { resourceGroup, operationId, allowedOwnerId: vmId, abortSignal },
    ),
    planNetwork(ctx, { ...request, vmId, location: source.location, operationId }),
  ]);
  return {
    operationId,
    vmId,
    source,
    vmSize,
    disks,
    network,
    tags: { ...request.tags, [RESTORE_OPERATION_TAG]: operationId },
    vmExists: existingVm !== undefined,
  };
}
