import {
  arrayAt,
  dateAt,
  isJsonObject,
  numberAt,
  objectAt,
  setIfDefined,
  stringAt,
} from "../internal/json.js";
import type { UnsupportedDisk } from "../errors/unsupportedDiskError.js";
import type { ArmJson, ConsistencyMode } from "./common.js";
import { lastSegment } from "./common.js";
import type { ReplicationProgress } from "./replication.js";
import { toReplicationProgress } from "./replication.js";
import type { RestorePointSourceMetadata } from "./sourceMetadata.js";
import { toSourceMetadata } from "./sourceMetadata.js";

/**
 * A disk restore point listed by its VM restore point.
 *
 * @public
 */
export interface VmRestorePointDisk {
  /** Disk restore point id. */
  readonly id: string;
  /** Disk restore point name (`<diskName>_<guid>`). */
  readonly name: string;
  /** LUN, for data disks. */
  readonly lun?: number;
  /** Whether it holds the OS disk. */
  readonly isOsDisk: boolean;
  /** The managed disk it captured. */
  readonly sourceDiskId?: string;
  /** Size in GiB at capture time. */
  readonly sizeGB?: number;
  /** Host caching of the captured disk. */
  readonly caching?: string;
  /** Storage SKU of the captured disk. */
  readonly storageAccountType?: string;
}

/**
 * A VM restore point.
 *
 * @public
 */
export interface VmRestorePoint {
  /** ARM id. */
  readonly id: string;
  /** Restore point name. */
  readonly name: string;
  /** Name of the collection holding it. */
  readonly collectionName: string;
  /** Resource group of the collection. */
  readonly resourceGroup: string;
  /** Region, when ARM returns one (restore points are proxy resources and usually do not). */
  readonly location?: string;
  /** When it was taken (ARM `timeCreated`; a copy reports its source's time). */
  readonly createdOn?: Date;
  /** ARM provisioning state, e.g. `Creating` or `Succeeded`. */
  readonly provisioningState?: string;
  /** Consistency the service achieved (or `CrashConsistent` when requested). */
  readonly consistencyMode?: ConsistencyMode | (string & {});
  /** Ids of the managed disks left out of the restore point. */
  readonly excludedDiskIds: readonly string[];
  /** For a cross-region copy: the restore point it was copied from. */
  readonly sourceRestorePointId?: string;
  /** Instant-access duration in minutes (api-version 2025-04-01 and later). */
  readonly instantAccessDurationMinutes?: number;
  /** What Azure recorded about the VM at capture time. */
  readonly sourceMetadata?: RestorePointSourceMetadata;
  /** The disk restore points, OS disk first (empty while the creation runs). */
  readonly diskRestorePoints: readonly VmRestorePointDisk[];
  /** Replication progress; only present when the instance view was requested. */
  readonly replication?: ReplicationProgress;
  /**
   * Disks that `beginCreate` with `excludeUnsupportedDisks: true` left out because restore points
   * cannot capture them, and why (empty when none had to be). Only on the result of that call;
   * the service does not record why a disk was excluded, so `get` and lists lack it.
   */
  readonly autoExcludedDisks?: readonly UnsupportedDisk[];
  /** The response body as ARM sent it. */
  readonly raw: ArmJson;
}

/** Maps an ARM `RestorePoint` body; `replication` only when the body has an instance view. */
export function toVmRestorePoint(body: ArmJson): VmRestorePoint {
  const id = stringAt(body, "id") ?? "";
  const parts = restorePointIdParts(id);
  const properties = objectAt(body, "properties");
  const metadataBody = objectAt(properties, "sourceMetadata");
  const result: Record<string, unknown> = {
    id,
    name: stringAt(body, "name") ?? parts.restorePointName ?? "",
    collectionName: parts.collectionName ?? "",
    resourceGroup: parts.resourceGroup ?? "",
    excludedDiskIds: Object.freeze(
      arrayAt(properties, "excludeDisks").flatMap((d) => {
        const diskId = stringAt(d, "id");
        return diskId === undefined ? [] : [diskId];
      }),
    ),
    raw: Object.freeze(body),
  };
  setIfDefined(result, "location", stringAt(body, "location"));
  setIfDefined(result, "createdOn", dateAt(properties, "timeCreated"));
  setIfDefined(result, "provisioningState", stringAt(properties, "provisioningState"));
  setIfDefined(result, "consistencyMode", stringAt(properties, "consistencyMode"));
  setIfDefined(result, "sourceRestorePointId", stringAt(objectAt(properties, "sourceRestorePoint"), "id"));
  setIfDefined(result, "instantAccessDurationMinutes", numberAt(properties, "instantAccessDurationMinutes"));
  // The VM snapshot and the disk list are the costly part of a restore point, and a listing of
  // hundreds of points rarely reads them: they are built on first access (and then kept).
  let metadata: RestorePointSourceMetadata | undefined;
  const sourceMetadata = (): RestorePointSourceMetadata | undefined =>
    metadataBody === undefined ? undefined : (metadata ??= toSourceMetadata(metadataBody));
  let disks: readonly VmRestorePointDisk[] | undefined;
  Object.defineProperty(result, "diskRestorePoints", {
    enumerable: true,
    get: () => (disks ??= Object.freeze(toDisks(sourceMetadata()))),
  });
  if (metadataBody !== undefined) {
    Object.defineProperty(result, "sourceMetadata", { enumerable: true, get: sourceMetadata });
  }
  if (isJsonObject(properties?.["instanceView"])) {
    result["replication"] = toReplicationProgress(body, sourceMetadata());
  }
  return Object.freeze(result) as unknown as VmRestorePoint;
}

/** The names in a restore point id, without the general parser's cost (this runs per listed point). */
function restorePointIdParts(id: string): {
  resourceGroup?: string;
  collectionName?: string;
  restorePointName?: string;
} {
  const segments = id.split("/");
  const parts: { resourceGroup?: string; collectionName?: string; restorePointName?: string } = {};
  // Ids are `/key/value/key/value...`: keys sit at the odd positions.
  for (let i = 1; i + 1 < segments.length; i += 2) {
    const key = segments[i]?.toLowerCase();
    const value = segments[i + 1];
    if (value === undefined || value === "") continue;
    if (key === "resourcegroups") parts.resourceGroup = value;
    else if (key === "restorepointcollections") parts.collectionName = value;
    else if (key === "restorepoints") parts.restorePointName = value;
  }
  return parts;
}

function toDisks(metadata: RestorePointSourceMetadata | undefined): VmRestorePointDisk[] {
  if (metadata === undefined) return [];
  const all = metadata.osDisk === undefined ? metadata.dataDisks : [metadata.osDisk, ...metadata.dataDisks];
  return all.flatMap((d) => {
    if (d.diskRestorePointId === undefined) return [];
    const result: Record<string, unknown> = {
      id: d.diskRestorePointId,
      name: lastSegment(d.diskRestorePointId),
      isOsDisk: d.isOsDisk,
    };
    setIfDefined(result, "lun", d.lun);
    setIfDefined(result, "sourceDiskId", d.managedDiskId);
    setIfDefined(result, "sizeGB", d.sizeGB);
    setIfDefined(result, "caching", d.caching);
    setIfDefined(result, "storageAccountType", d.storageAccountType);
    return [Object.freeze(result) as unknown as VmRestorePointDisk];
  });
}

/** Oldest first, then by name, so listing is stable when several points share a timestamp. */
export function compareRestorePoints(a: VmRestorePoint, b: VmRestorePoint): number {
  const ta = a.createdOn?.getTime() ?? Number.POSITIVE_INFINITY;
  const tb = b.createdOn?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
