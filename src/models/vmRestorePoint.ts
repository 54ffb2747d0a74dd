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
 * A VM restore point: a frozen object. `sourceMetadata` and `diskRestorePoints` are built on first
 * read (listings seldom need them) and then kept. `JSON.stringify` includes them; an object spread
 * (`{ ...point }`) does not, since they are getters.
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
  return new RestorePointModel(body, {});
}

/** {@link toVmRestorePoint} plus what only the caller knows (the disks a create left out). */
export function toVmRestorePointWith(body: ArmJson, extras: VmRestorePointExtras): VmRestorePoint {
  return new RestorePointModel(body, extras);
}

/**
 * A frozen restore point. A class rather than an object literal because listings map hundreds of
 * these at a time: a class keeps one shape for all of them, and its two costly members (the VM
 * snapshot and the disk list, which listings rarely read) are getters on the prototype that build
 * their value on first read. Own accessors per object, the earlier design, cost about six times as
 * much CPU per listed point. `toJSON` puts the getters' values back into `JSON.stringify`.
 */
class RestorePointModel implements VmRestorePoint {
  readonly id: string;
  readonly name: string;
  readonly collectionName: string;
  readonly resourceGroup: string;
  readonly excludedDiskIds: readonly string[];
  readonly raw: ArmJson;
  // `declare`d: assigned only when known, so that an unknown value is an absent key, as in ARM.
  declare readonly location?: string;
  declare readonly createdOn?: Date;
  declare readonly provisioningState?: string;
  declare readonly consistencyMode?: string;
  declare readonly sourceRestorePointId?: string;
  declare readonly instantAccessDurationMinutes?: number;
  declare readonly replication?: ReplicationProgress;
  declare readonly autoExcludedDisks?: readonly UnsupportedDisk[];
  readonly #metadataBody: ArmJson | undefined;
  #metadata: RestorePointSourceMetadata | undefined;
  #disks: readonly VmRestorePointDisk[] | undefined;

  constructor(body: ArmJson, extras: VmRestorePointExtras) {
    const id = stringAt(body, "id") ?? "";
    const properties = objectAt(body, "properties");
    this.#metadataBody = objectAt(properties, "sourceMetadata");
    this.id = id;
    this.name = stringAt(body, "name") ?? idSegmentAfter(id, "restorepoints") ?? "";
    this.collectionName = idSegmentAfter(id, "restorepointcollections") ?? "";
    this.resourceGroup = idSegmentAfter(id, "resourcegroups") ?? "";
    const excluded: string[] = [];
    for (const disk of arrayAt(properties, "excludeDisks")) {
      const diskId = stringAt(disk, "id");
      if (diskId !== undefined) excluded.push(diskId);
    }
    this.excludedDiskIds = Object.freeze(excluded);
    this.raw = Object.freeze(body);
    const self = this as unknown as Record<string, unknown>;
    setIfDefined(self, "location", stringAt(body, "location"));
    setIfDefined(self, "createdOn", dateAt(properties, "timeCreated"));
    setIfDefined(self, "provisioningState", stringAt(properties, "provisioningState"));
    setIfDefined(self, "consistencyMode", stringAt(properties, "consistencyMode"));
    setIfDefined(self, "sourceRestorePointId", stringAt(objectAt(properties, "sourceRestorePoint"), "id"));
    setIfDefined(self, "instantAccessDurationMinutes", numberAt(properties, "instantAccessDurationMinutes"));
    if (isJsonObject(properties?.["instanceView"])) {
      self["replication"] = toReplicationProgress(body, this.sourceMetadata);
    }
    if (extras.autoExcludedDisks !== undefined) {
      self["autoExcludedDisks"] = Object.freeze([...extras.autoExcludedDisks]);
    }
    // Private fields stay writable on a frozen object, so the getters can still cache.
    Object.freeze(this);
  }

  get sourceMetadata(): RestorePointSourceMetadata | undefined {
    if (this.#metadataBody === undefined) return undefined;
    return (this.#metadata ??= toSourceMetadata(this.#metadataBody));
  }

  get diskRestorePoints(): readonly VmRestorePointDisk[] {
    return (this.#disks ??= Object.freeze(toDisks(this.sourceMetadata)));
  }

  /** The own fields plus the getters' values, for `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { ...(this as object) };
    setIfDefined(json, "sourceMetadata", this.sourceMetadata);
    json["diskRestorePoints"] = this.diskRestorePoints;
    return json;
  }
}

/**
 * The segment after `/<key>/` in an ARM id (keys compared case-insensitively), without splitting
 * the whole id: listings parse one id per point.
 */
function idSegmentAfter(id: string, key: string): string | undefined {
  const at = id.toLowerCase().indexOf(`/${key}/`);
  if (at < 0) return undefined;
  const start = at + key.length + 2;
  const end = id.indexOf("/", start);
  const value = end < 0 ? id.slice(start) : id.slice(start, end);
  return value === "" ? undefined : value;
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
