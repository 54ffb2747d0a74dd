import type { ArmJson, Complete, HyperVGeneration, OperatingSystemType } from "./common.js";
import { idParts } from "./common.js";
import type { WireDiskRestorePoint } from "./wire/disk.js";
import { date, num, obj, str } from "./wire/read.js";

/**
 * A disk restore point: the snapshot of one disk inside a VM restore point (a Disk RP resource).
 * A plain frozen object; members the service did not report are `undefined`.
 *
 * @public
 */
export interface DiskRestorePoint {
  /** ARM id. */
  readonly id: string;
  /** Name (`<diskName>_<guid>`). */
  readonly name: string;
  /** The VM restore point holding it. */
  readonly restorePointName: string;
  /** The collection holding the VM restore point. */
  readonly collectionName: string;
  /** Resource group of the collection. */
  readonly resourceGroup: string;
  /** The captured managed disk, or for a copy the source disk restore point. */
  readonly sourceDiskId?: string;
  /** Size in GiB, when the service reports it. */
  readonly sizeGB?: number;
  /** `Windows` or `Linux`, for OS disks. */
  readonly osType?: OperatingSystemType;
  /** `V1` or `V2`. */
  readonly hyperVGeneration?: HyperVGeneration;
  /** When it was taken. */
  readonly createdOn?: Date;
  /** For a cross-region copy: the region of the source. */
  readonly sourceResourceLocation?: string;
  /** For a cross-region copy: replication state, e.g. `Succeeded`. */
  readonly replicationState?: string;
  /** For a cross-region copy: 0..100. */
  readonly completionPercent?: number;
  /** 512 or 4096 (Ultra and Premium SSD v2). */
  readonly logicalSectorSize?: number;
  /** Encryption at rest: the key type and, for customer-managed keys, the disk encryption set. */
  readonly encryption?: {
    /** e.g. `EncryptionAtRestWithPlatformKey` or `EncryptionAtRestWithCustomerKey`. */
    readonly type?: string;
    /** The disk encryption set holding the customer-managed key, when there is one. */
    readonly diskEncryptionSetId?: string;
  };
  /** The response body as ARM sent it. */
  readonly raw: ArmJson;
}

/** Maps an ARM `DiskRestorePoint` body. */
export function toDiskRestorePoint(body: ArmJson): DiskRestorePoint {
  const wire: WireDiskRestorePoint = body;
  const id = str(wire.id) ?? "";
  const parts = idParts(id);
  const properties = obj(wire.properties);
  const encryption = obj(properties?.encryption);
  const point: Complete<DiskRestorePoint> = {
    id,
    name: str(wire.name) ?? parts.diskRestorePointName ?? "",
    restorePointName: parts.restorePointName ?? "",
    collectionName: parts.collectionName ?? "",
    resourceGroup: parts.resourceGroup ?? "",
    sourceDiskId: str(properties?.sourceResourceId),
    sizeGB: num(properties?.diskSizeGB),
    osType: str(properties?.osType),
    hyperVGeneration: str(properties?.hyperVGeneration),
    createdOn: date(properties?.timeCreated),
    sourceResourceLocation: str(properties?.sourceResourceLocation),
    replicationState: str(properties?.replicationState),
    completionPercent: num(properties?.completionPercent),
    logicalSectorSize: num(properties?.logicalSectorSize),
    encryption:
      encryption === undefined
        ? undefined
        : Object.freeze({
            type: str(encryption.type),
            diskEncryptionSetId: str(encryption.diskEncryptionSetId),
          }),
    raw: Object.freeze(body),
  };
  return Object.freeze(point);
}
