import { dateAt, numberAt, objectAt, setIfDefined, stringAt } from "../internal/json.js";
import type { ArmJson } from "./common.js";
import { idParts } from "./common.js";

/**
 * A disk restore point: the snapshot of one disk inside a VM restore point (a Disk RP resource).
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
  readonly osType?: string;
  /** `V1` or `V2`. */
  readonly hyperVGeneration?: string;
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
  const id = stringAt(body, "id") ?? "";
  const parts = idParts(id);
  const properties = objectAt(body, "properties");
  const result: Record<string, unknown> = {
    id,
    name: stringAt(body, "name") ?? parts.diskRestorePointName ?? "",
    restorePointName: parts.restorePointName ?? "",
    collectionName: parts.collectionName ?? "",
    resourceGroup: parts.resourceGroup ?? "",
    raw: Object.freeze(body),
  };
  setIfDefined(result, "sourceDiskId", stringAt(properties, "sourceResourceId"));
  setIfDefined(result, "sizeGB", numberAt(properties, "diskSizeGB"));
  setIfDefined(result, "osType", stringAt(properties, "osType"));
  setIfDefined(result, "hyperVGeneration", stringAt(properties, "hyperVGeneration"));
  setIfDefined(result, "createdOn", dateAt(properties, "timeCreated"));
  setIfDefined(result, "sourceResourceLocation", stringAt(properties, "sourceResourceLocation"));
  setIfDefined(result, "replicationState", stringAt(properties, "replicationState"));
  setIfDefined(result, "completionPercent", numberAt(properties, "completionPercent"));
  setIfDefined(result, "logicalSectorSize", numberAt(properties, "logicalSectorSize"));
  const encryption = objectAt(properties, "encryption");
  if (encryption !== undefined) {
    const mapped: Record<string, unknown> = {};
    setIfDefined(mapped, "type", stringAt(encryption, "type"));
    setIfDefined(mapped, "diskEncryptionSetId", stringAt(encryption, "diskEncryptionSetId"));
    result["encryption"] = Object.freeze(mapped);
  }
  return Object.freeze(result) as unknown as DiskRestorePoint;
}
