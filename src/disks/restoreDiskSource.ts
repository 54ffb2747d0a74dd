import type { AbortSignalLike } from "@azure/abort-controller";
import { ReplicationIncompleteError } from "../errors/replicationIncompleteError.js";
import type { ArmContext } from "../internal/armContext.js";
import { objectAt, stringAt } from "../internal/json.js";
import type { DiskRestorePoint } from "../models/diskRestorePoint.js";
import { toSourceMetadata } from "../models/sourceMetadata.js";

/** What a disk restored from a disk restore point inherits from it. */
export interface RestoreDiskSource {
  /** Region of the new disk: the restore point's (its collection's), unless the caller chose one. */
  readonly location: string;
  /** Size of the captured disk in GiB, from the restore point's `sourceMetadata`. */
  readonly sizeGB: number | undefined;
  /** `Windows`/`Linux` for an OS disk. */
  readonly osType: string | undefined;
  /** `V1`/`V2` for an OS disk. */
  readonly hyperVGeneration: string | undefined;
}

/** Where the disk restore point sits. */
export interface DiskRestorePointPlace {
  readonly resourceGroup: string;
  readonly collectionName: string;
  readonly restorePointName: string;
  readonly name: string;
  /** "disk restore point 'x' of restore point 'y' ...", for messages. */
  readonly description: string;
}

/**
 * Refuses a cross-region copy that has not finished replicating: Azure would restore a disk from
 * incomplete data without complaint. Decided from the disk restore point alone, so a refusal costs
 * exactly one read and no write.
 */
export function ensureReplicated(point: DiskRestorePoint, place: DiskRestorePointPlace): void {
  const state = point.replicationState;
  if (state === undefined || /succeeded/i.test(state)) return;
  const percent = point.completionPercent ?? 0;
  throw new ReplicationIncompleteError({
    percentComplete: percent,
    resourceId: point.id,
    message:
      `Cannot restore a disk from ${place.description}: it is a cross-region copy that is only ` +
      `${percent}% replicated (state ${state}). Wait with waitForReplication(), ` +
      `or pass allowIncompleteReplication: true to restore incomplete data.`,
  });
}

/**
 * Reads what the new disk carries over: the size from the VM restore point's `sourceMetadata`
 * (disk restore points do not report it), OS type and Hyper-V generation from the disk restore
 * point (or the metadata for an OS disk), and the region from the collection (restore points are
 * proxy resources without a location of their own). The two reads run in parallel.
 */
export async function readRestoreDiskSource(
  ctx: ArmContext,
  place: DiskRestorePointPlace,
  point: DiskRestorePoint,
  location: string | undefined,
  abortSignal: AbortSignalLike | undefined,
): Promise<RestoreDiskSource> {
  const collectionPath = ctx.providerPath(
    place.resourceGroup,
    "Microsoft.Compute",
    "restorePointCollections",
    place.collectionName,
  );
  const restorePointPath = ctx.providerPath(
    place.resourceGroup,
    "Microsoft.Compute",
    "restorePointCollections",
    place.collectionName,
    "restorePoints",
    place.restorePointName,
  );
  const [restorePoint, collectionLocation] = await Promise.all([
    ctx.getJson(ctx.url(restorePointPath, ctx.computeApiVersion), abortSignal),
    location === undefined
      ? ctx
          .getJson(ctx.url(collectionPath, ctx.computeApiVersion), abortSignal)
          .then((body) => stringAt(body, "location"))
      : Promise.resolve(location),
  ]);
  if (collectionLocation === undefined) {
    throw new TypeError(`Collection '${place.collectionName}' has no location; pass options.location`);
  }
  const metadataBody = objectAt(objectAt(restorePoint, "properties"), "sourceMetadata");
  const metadata = metadataBody === undefined ? undefined : toSourceMetadata(metadataBody);
  const disks =
    metadata === undefined ? [] : [...(metadata.osDisk ? [metadata.osDisk] : []), ...metadata.dataDisks];
  const wanted = place.name.toLowerCase();
  const entry = disks.find((d) => d.diskRestorePointId?.split("/").pop()?.toLowerCase() === wanted);
  const isOsDisk = entry?.isOsDisk ?? point.osType !== undefined;
  return {
    location: collectionLocation,
    sizeGB: entry?.sizeGB ?? point.sizeGB,
    osType: point.osType ?? (isOsDisk ? (entry?.osType ?? metadata?.osType) : undefined),
    hyperVGeneration: point.hyperVGeneration ?? (isOsDisk ? metadata?.hyperVGeneration : undefined),
  };
}
