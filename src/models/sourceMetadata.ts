import {
  arrayAt,
  booleanAt,
  isJsonObject,
  numberAt,
  objectAt,
  setIfDefined,
  stringAt,
} from "../internal/json.js";
import type { ArmJson } from "./common.js";

/**
 * One disk of the VM as it was when the restore point was taken
 * (`sourceMetadata.storageProfile.osDisk` or an entry of `dataDisks`).
 *
 * @public
 */
export interface RestorePointSourceDisk {
  /** Whether this is the OS disk. */
  readonly isOsDisk: boolean;
  /** LUN of a data disk. */
  readonly lun?: number;
  /** Disk name at capture time. */
  readonly name?: string;
  /** Host caching: `None`, `ReadOnly` or `ReadWrite`. */
  readonly caching?: string;
  /** Size in GiB. */
  readonly sizeGB?: number;
  /** Id of the captured managed disk. */
  readonly managedDiskId?: string;
  /** Storage SKU of the captured disk, e.g. `Premium_LRS`. */
  readonly storageAccountType?: string;
  /** Disk encryption set of the captured disk. */
  readonly diskEncryptionSetId?: string;
  /** Whether write acceleration was on. */
  readonly writeAcceleratorEnabled?: boolean;
  /** OS type, on the OS disk. */
  readonly osType?: string;
  /** Id of the disk restore point holding this disk's data (absent while the creation runs). */
  readonly diskRestorePointId?: string;
  /** For a cross-region copy: the disk restore point it was copied from. */
  readonly sourceDiskRestorePointId?: string;
}

/**
 * What Azure recorded about the VM when the restore point was taken; `restoreVm` rebuilds the VM
 * from it.
 *
 * @public
 */
export interface RestorePointSourceMetadata {
  /** The VM's unique id (a GUID, not the ARM id). */
  readonly vmId?: string;
  /** Region of the VM. */
  readonly location?: string;
  /** VM size, e.g. `Standard_D2s_v5`. */
  readonly vmSize?: string;
  /** `Windows` or `Linux`. */
  readonly osType?: string;
  /** `V1` or `V2`. */
  readonly hyperVGeneration?: string;
  /** Windows/Linux license type, when set. */
  readonly licenseType?: string;
  /** Base64 user data. */
  readonly userData?: string;
  /** `SCSI` or `NVMe`. */
  readonly diskControllerType?: string;
  /** Security profile (Trusted Launch, encryption at host...), as ARM returned it. */
  readonly securityProfile?: ArmJson;
  /** OS profile, as ARM returned it. */
  readonly osProfile?: ArmJson;
  /** Diagnostics profile, as ARM returned it. */
  readonly diagnosticsProfile?: ArmJson;
  /** The OS disk. */
  readonly osDisk?: RestorePointSourceDisk;
  /** The data disks, by LUN order as returned. */
  readonly dataDisks: readonly RestorePointSourceDisk[];
  /** `properties.sourceMetadata` as ARM returned it. */
  readonly raw: ArmJson;
}

export function toSourceMetadata(raw: ArmJson): RestorePointSourceMetadata {
  const storage = objectAt(raw, "storageProfile");
  const osDiskBody = objectAt(storage, "osDisk");
  const result: Record<string, unknown> = {
    dataDisks: Object.freeze(
      arrayAt(storage, "dataDisks")
        .filter(isJsonObject)
        .map((d) => toSourceDisk(d, false)),
    ),
    raw: Object.freeze(raw),
  };
  setIfDefined(result, "vmId", stringAt(raw, "vmId"));
  setIfDefined(result, "location", stringAt(raw, "location"));
  setIfDefined(result, "vmSize", stringAt(objectAt(raw, "hardwareProfile"), "vmSize"));
  setIfDefined(result, "osType", stringAt(osDiskBody, "osType"));
  setIfDefined(result, "hyperVGeneration", stringAt(raw, "hyperVGeneration"));
  setIfDefined(result, "licenseType", stringAt(raw, "licenseType"));
  setIfDefined(result, "userData", stringAt(raw, "userData"));
  setIfDefined(result, "diskControllerType", stringAt(storage, "diskControllerType"));
  setIfDefined(result, "securityProfile", objectAt(raw, "securityProfile"));
  setIfDefined(result, "osProfile", objectAt(raw, "osProfile"));
  setIfDefined(result, "diagnosticsProfile", objectAt(raw, "diagnosticsProfile"));
  if (osDiskBody !== undefined) result["osDisk"] = toSourceDisk(osDiskBody, true);
  return Object.freeze(result) as unknown as RestorePointSourceMetadata;
}

function toSourceDisk(body: ArmJson, isOsDisk: boolean): RestorePointSourceDisk {
  const managedDisk = objectAt(body, "managedDisk");
  const diskRestorePoint = objectAt(body, "diskRestorePoint");
  const result: Record<string, unknown> = { isOsDisk };
  setIfDefined(result, "lun", numberAt(body, "lun"));
  setIfDefined(result, "name", stringAt(body, "name"));
  setIfDefined(result, "caching", stringAt(body, "caching"));
  setIfDefined(result, "sizeGB", numberAt(body, "diskSizeGB"));
  setIfDefined(result, "managedDiskId", stringAt(managedDisk, "id"));
  setIfDefined(result, "storageAccountType", stringAt(managedDisk, "storageAccountType"));
  setIfDefined(result, "diskEncryptionSetId", stringAt(objectAt(managedDisk, "diskEncryptionSet"), "id"));
  setIfDefined(result, "writeAcceleratorEnabled", booleanAt(body, "writeAcceleratorEnabled"));
  setIfDefined(result, "osType", stringAt(body, "osType"));
  setIfDefined(result, "diskRestorePointId", stringAt(diskRestorePoint, "id"));
  setIfDefined(
    result,
    "sourceDiskRestorePointId",
    stringAt(objectAt(diskRestorePoint, "sourceDiskRestorePoint"), "id"),
  );
  return Object.freeze(result) as unknown as RestorePointSourceDisk;
}
