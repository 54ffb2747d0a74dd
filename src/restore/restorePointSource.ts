/**
 * Reads what a restore restores from: the restore point (with its replication state), its
 * collection's region, and the disks it holds, and refuses restore points that cannot give a VM.
 */
import type { AbortSignalLike } from "@azure/abort-controller";
import { ReplicationIncompleteError } from "../errors/replicationIncompleteError.js";
import { RestoreVmError } from "../errors/restoreVmError.js";
import type { ArmContext } from "../internal/armContext.js";
import { arrayAt, isJsonObject, numberAt, objectAt, stringAt } from "../internal/json.js";
import { pathOf } from "../internal/urls.js";
import { lastSegment } from "../models/common.js";
import type { RestorePointSourceDisk, RestorePointSourceMetadata } from "../models/sourceMetadata.js";
import { toVmRestorePoint, type VmRestorePoint } from "../models/vmRestorePoint.js";
import { sameResourceId } from "../resourceId.js";
import type { RestorePointRef } from "./restoreOptions.js";
import { getIfExists } from "./rollback.js";

/** One disk of the restore point, with what its restored copy needs. */
export interface SourceDisk {
  readonly isOsDisk: boolean;
  readonly lun: number | undefined;
  readonly diskRestorePointId: string;
  readonly diskRestorePointName: string;
  readonly caching: string | undefined;
  readonly sizeGB: number | undefined;
  readonly storageAccountType: string | undefined;
  readonly writeAcceleratorEnabled: boolean | undefined;
}

/** A data disk of the source VM that the restore point does not hold. */
export interface MissingDisk {
  readonly lun: number | undefined;
  readonly diskId: string | undefined;
}

/** The restore point, read and checked. */
export interface LoadedRestorePoint {
  readonly point: VmRestorePoint;
  readonly metadata: RestorePointSourceMetadata;
  /** Region of the collection: restored disks and the VM must be there. */
  readonly location: string;
  readonly osDisk: SourceDisk;
  readonly dataDisks: readonly SourceDisk[];
  readonly missingDataDisks: readonly MissingDisk[];
}

/** A refusal before anything was created. */
export function preflightError(message: string, cause?: unknown): RestoreVmError {
  return new RestoreVmError({
    step: "preparing",
    createdResourceIds: [],
    rolledBack: false,
    cause: cause ?? new Error(message),
    message,
  });
}

/**
 * Reads and checks the restore point.
 * @throws ReplicationIncompleteError for a copy still replicating, unless allowed
 * @throws RestoreVmError (step `preparing`) when it cannot give a VM
 */
export async function loadRestorePoint(
  ctx: ArmContext,
  ref: RestorePointRef,
  allowIncompleteReplication: boolean,
  abortSignal: AbortSignalLike | undefined,
): Promise<LoadedRestorePoint> {
  const collectionPath = ctx.providerPath(
    ref.resourceGroup,
    "Microsoft.Compute",
    "restorePointCollections",
    ref.collectionName,
  );
  const pointUrl = ctx.url(
    `${collectionPath}${pathOf("restorePoints", ref.restorePointName)}`,
    ctx.computeApiVersion,
    {
      $expand: "instanceView",
    },
  );
  const [point, collection] = await Promise.all([
    ctx.getJson(pointUrl, abortSignal).then(toVmRestorePoint),
    ctx.getJson(ctx.url(collectionPath, ctx.computeApiVersion), abortSignal),
  ]);
  const what = `restore point '${ref.restorePointName}' of collection '${ref.collectionName}'`;
  if (point.provisioningState !== undefined && !/^succeeded$/i.test(point.provisioningState)) {
    throw preflightError(
      `Cannot restore from ${what}: its provisioning state is ${point.provisioningState}; wait until it is Succeeded.`,
    );
  }
  const replication = point.replication;
  if (
    !allowIncompleteReplication &&
    replication !== undefined &&
    replication.state !== "NotApplicable" &&
    replication.state !== "Succeeded"
  ) {
    throw new ReplicationIncompleteError({
      percentComplete: replication.percentComplete,
      resourceId: point.id,
      message:
        `Cannot restore a VM from ${what}: it is a cross-region copy that is only ` +
        `${replication.percentComplete}% replicated (state ${replication.state}). Wait with ` +
        "waitForReplication(), or pass allowIncompleteReplication: true to restore incomplete data.",
    });
  }
  const metadata = point.sourceMetadata;
  const location = stringAt(collection, "location");
  if (metadata === undefined || location === undefined) {
    throw preflightError(
      `Cannot restore from ${what}: it carries no source metadata (or its collection no region).`,
    );
  }
  const osDisk = metadata.osDisk === undefined ? undefined : toSourceDisk(metadata.osDisk);
  if (osDisk === undefined) {
    throw preflightError(
      `Cannot restore a VM from ${what}: its OS disk was excluded, so it holds data disks only. ` +
        "Restore single disks with DiskRestorePointClient.beginRestoreDisk instead.",
    );
  }
  const dataDisks = metadata.dataDisks.flatMap((d) => {
    const disk = toSourceDisk(d);
    return disk === undefined ? [] : [disk];
  });
  const unrecorded = metadata.dataDisks
    .filter((d) => d.diskRestorePointId === undefined)
    .map((d) => ({ lun: d.lun, diskId: d.managedDiskId }));
  const excluded = await excludedDataDisks(ctx, point, collection, abortSignal);
  return { point, metadata, location, osDisk, dataDisks, missingDataDisks: [...unrecorded, ...excluded] };
}

function toSourceDisk(disk: RestorePointSourceDisk): SourceDisk | undefined {
  if (disk.diskRestorePointId === undefined) return undefined;
  return {
    isOsDisk: disk.isOsDisk,
    lun: disk.lun,
    diskRestorePointId: disk.diskRestorePointId,
    diskRestorePointName: lastSegment(disk.diskRestorePointId),
    caching: disk.caching,
    sizeGB: disk.sizeGB,
    storageAccountType: disk.storageAccountType,
    writeAcceleratorEnabled: disk.writeAcceleratorEnabled,
  };
}

/**
 * The excluded data disks, with their LUNs when the source VM still exists to tell them (the
 * restore point itself records only the disk ids).
 */
async function excludedDataDisks(
  ctx: ArmContext,
  point: VmRestorePoint,
  collection: unknown,
  abortSignal: AbortSignalLike | undefined,
): Promise<MissingDisk[]> {
  if (point.excludedDiskIds.length === 0) return [];
  const sourceId = stringAt(objectAt(objectAt(collection, "properties"), "source"), "id");
  let vm: unknown;
  if (sourceId !== undefined && /\/virtualmachines\/[^/]+$/i.test(sourceId)) {
    try {
      vm = await getIfExists(ctx, sourceId, abortSignal);
    } catch {
      vm = undefined; // the LUNs are a courtesy; the disk ids still say what is missing
    }
  }
  const storage = objectAt(objectAt(vm, "properties"), "storageProfile");
  const osDiskId = stringAt(objectAt(objectAt(storage, "osDisk"), "managedDisk"), "id");
  const slots = arrayAt(storage, "dataDisks").filter(isJsonObject);
  return point.excludedDiskIds
    .filter((id) => !sameResourceId(id, osDiskId))
    .map((diskId) => {
      const slot = slots.find((s) => sameResourceId(stringAt(objectAt(s, "managedDisk"), "id"), diskId));
      return { lun: numberAt(slot, "lun"), diskId };
    });
}

/** "LUN 1 (disk-a), LUN 3 (disk-b)" for messages. */
export function describeMissing(missing: readonly MissingDisk[]): string {
  return missing
    .map((m) => {
      const name = m.diskId === undefined ? undefined : lastSegment(m.diskId);
      if (m.lun === undefined) return `disk '${name ?? "unknown"}' (LUN unknown)`;
      return name === undefined ? `LUN ${m.lun}` : `LUN ${m.lun} ('${name}')`;
    })
    .join(", ");
}
