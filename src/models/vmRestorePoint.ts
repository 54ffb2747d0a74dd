import type { UnsupportedDisk } from "../errors/unsupportedDiskError.js";
import type { ArmJson, Complete, ConsistencyMode } from "./common.js";
import { EMPTY, lastSegment } from "./common.js";
import type { ReplicationProgress } from "./replication.js";
import { toReplicationProgress } from "./replication.js";
import type { RestorePointSourceDisk, RestorePointSourceMetadata } from "./sourceMetadata.js";
import { toSourceMetadata } from "./sourceMetadata.js";
import { date, num, obj, objects, str } from "./wire/read.js";
import type { WireRestorePoint, WireRestorePointProperties } from "./wire/restorePoint.js";

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
 * A VM restore point: a plain frozen object, so `{ ...point }`, `structuredClone(point)` and
 * `JSON.stringify(point)` keep every member. Members the service did not report are `undefined`.
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

/** What only some callers know about a restore point, beyond its ARM body. */
export interface VmRestorePointExtras {
  /** See {@link VmRestorePoint.autoExcludedDisks}. */
  readonly autoExcludedDisks?: readonly UnsupportedDisk[];
}

/**
 * Maps an ARM `RestorePoint` body; `replication` only when the body has an instance view. One
 * parameter, so that it can be passed to `Array.prototype.map` as it is.
 */
export function toVmRestorePoint(body: ArmJson): VmRestorePoint {
  return build(body, undefined);
}

/** {@link toVmRestorePoint} plus what only the caller knows (the disks a create left out). */
export function toVmRestorePointWith(body: ArmJson, extras: VmRestorePointExtras): VmRestorePoint {
  return build(body, extras.autoExcludedDisks);
}

/**
 * Builds every member eagerly, as one object literal, so that all points share one shape. Listings
 * map a thousand points at a time (bench/cpuPerOp.ts holds this to arm-compute's CPU), hence the
 * plain loops, the id parsed without splitting it, and one shared empty array for empty lists.
 */
function build(body: ArmJson, autoExcluded: readonly UnsupportedDisk[] | undefined): VmRestorePoint {
  const wire: WireRestorePoint = body;
  const id = str(wire.id) ?? "";
  const properties = obj(wire.properties);
  const metadataBody = obj(properties?.sourceMetadata);
  const sourceMetadata = metadataBody === undefined ? undefined : toSourceMetadata(metadataBody);
  const point: Complete<VmRestorePoint> = {
    id,
    name: str(wire.name) ?? idSegmentAfter(id, "/restorePoints/", true) ?? "",
    collectionName: idSegmentAfter(id, "/restorePointCollections/", false) ?? "",
    resourceGroup: idSegmentAfter(id, "/resourceGroups/", false) ?? "",
    location: str(wire.location),
    createdOn: date(properties?.timeCreated),
    provisioningState: str(properties?.provisioningState),
    consistencyMode: str(properties?.consistencyMode),
    excludedDiskIds: excludedDiskIds(properties),
    sourceRestorePointId: str(obj(properties?.sourceRestorePoint)?.id),
    instantAccessDurationMinutes: num(properties?.instantAccessDurationMinutes),
    sourceMetadata,
    diskRestorePoints: sourceMetadata === undefined ? EMPTY : toDisks(sourceMetadata),
    replication:
      obj(properties?.instanceView) === undefined ? undefined : toReplicationProgress(body, sourceMetadata),
    autoExcludedDisks: autoExcluded === undefined ? undefined : Object.freeze([...autoExcluded]),
    raw: Object.freeze(body),
  };
  return Object.freeze(point);
}

/**
 * The segment after `key` (e.g. `/restorePoints/`) in an ARM id, without splitting the whole id.
 * The key is looked up in its usual casing first and, only when absent, case-insensitively: ids in
 * responses are almost always in canonical casing, and lower-casing every id cost measurable CPU.
 * `last` searches from the end, for the key of the id's own type (a parent may bear its name).
 */
function idSegmentAfter(id: string, key: string, last: boolean): string | undefined {
  let at = last ? id.lastIndexOf(key) : id.indexOf(key);
  if (at < 0) {
    const lowerId = id.toLowerCase();
    const lowerKey = key.toLowerCase();
    at = last ? lowerId.lastIndexOf(lowerKey) : lowerId.indexOf(lowerKey);
    if (at < 0) return undefined;
  }
  const start = at + key.length;
  const end = id.indexOf("/", start);
  const value = end < 0 ? id.slice(start) : id.slice(start, end);
  return value === "" ? undefined : value;
}

function excludedDiskIds(properties: WireRestorePointProperties | undefined): readonly string[] {
  const disks = objects(properties?.excludeDisks);
  if (disks.length === 0) return EMPTY;
  const ids: string[] = [];
  for (const disk of disks) {
    const diskId = str(disk.id);
    if (diskId !== undefined) ids.push(diskId);
  }
  return Object.freeze(ids);
}

/** The disk restore points of the snapshot, OS disk first; disks without one are left out. */
function toDisks(metadata: RestorePointSourceMetadata): readonly VmRestorePointDisk[] {
  const disks: VmRestorePointDisk[] = [];
  if (metadata.osDisk !== undefined) addDisk(disks, metadata.osDisk);
  for (const dataDisk of metadata.dataDisks) addDisk(disks, dataDisk);
  return disks.length === 0 ? EMPTY : Object.freeze(disks);
}

function addDisk(disks: VmRestorePointDisk[], source: RestorePointSourceDisk): void {
  const id = source.diskRestorePointId;
  if (id === undefined) return;
  const disk: Complete<VmRestorePointDisk> = {
    id,
    name: lastSegment(id),
    lun: source.lun,
    isOsDisk: source.isOsDisk,
    sourceDiskId: source.managedDiskId,
    sizeGB: source.sizeGB,
    caching: source.caching,
    storageAccountType: source.storageAccountType,
  };
  disks.push(Object.freeze(disk));
}

/** Oldest first, then by name, so listing is stable when several points share a timestamp. */
export function compareRestorePoints(a: VmRestorePoint, b: VmRestorePoint): number {
  const ta = a.createdOn?.getTime() ?? Number.POSITIVE_INFINITY;
  const tb = b.createdOn?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
