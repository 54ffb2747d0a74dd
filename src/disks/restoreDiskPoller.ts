/**
 * The long-running PUT that restores a managed disk from a disk restore point. Shared by
 * `DiskRestorePointClient.beginRestoreDisk`, which reads what the disk inherits from the service,
 * and `restoreVm`, which already holds it from the restore point it loaded once for all disks
 * (so a VM with eight disks does not pay sixteen more reads).
 */
import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationState, PollerLike } from "@azure/core-lro";
import { restoreDiskBody, type RestoreDiskRequest } from "./restoreDiskRequest.js";
import type { ArmContext } from "../internal/armContext.js";
import { createArmPoller, type ArmPollerOptions } from "../lro/armPoller.js";
import { asArmJson } from "../models/common.js";
import { toManagedDisk, type ManagedDisk } from "../models/managedDisk.js";
import type { RestoreDiskSource } from "./restoreDiskSource.js";

export interface RestoreDiskPollerSpec {
  readonly ctx: ArmContext;
  readonly request: RestoreDiskRequest;
  readonly diskRestorePointId: string;
  /** "disk restore point 'x' of restore point 'y' ...", for messages and logs. */
  readonly sourceDescription: string;
  readonly options: ArmPollerOptions;
  /** What the new disk inherits; called once, before the PUT (not when resuming). */
  readonly source: (abortSignal: AbortSignalLike | undefined) => Promise<RestoreDiskSource>;
  /**
   * Name the disk a failed restore leaves behind in the OperationFailedError. restoreVm does not:
   * its rollback deletes the disk, and its own error lists what remains.
   */
  readonly nameRemainingDisk?: boolean;
}

export function createRestoreDiskPoller(
  spec: RestoreDiskPollerSpec,
): PollerLike<OperationState<ManagedDisk>, ManagedDisk> {
  const { ctx, request } = spec;
  const path = ctx.providerPath(request.resourceGroup, "Microsoft.Compute", "disks", request.diskName);
  return createArmPoller<ManagedDisk>({
    ctx,
    method: "PUT",
    url: ctx.url(path, ctx.diskApiVersion),
    apiVersion: ctx.diskApiVersion,
    description: `Restoring disk '${request.diskName}' (resource group '${request.resourceGroup}') from ${spec.sourceDescription}`,
    finalState: "resource",
    mapResult: (body) => toManagedDisk(asArmJson(body)),
    options: spec.options,
    remainsOnFailure:
      spec.nameRemainingDisk === true
        ? { id: decodeURIComponent(path), what: `disk '${request.diskName}'` }
        : undefined,
    prepare: async (abortSignal) =>
      restoreDiskBody(request, await spec.source(abortSignal), spec.diskRestorePointId),
  });
}
