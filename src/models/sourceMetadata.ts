import type { ArmJson, Complete, HyperVGeneration, OperatingSystemType } from "./common.js";
import { EMPTY } from "./common.js";
import { bool, num, obj, objects, str } from "./wire/read.js";
import type {
  WireRestorePointSourceDataDisk,
  WireRestorePointSourceMetadata,
  WireRestorePointSourceOsDisk,
} from "./wire/restorePoint.js";

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
  readonly osType?: OperatingSystemType;
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
  readonly osType?: OperatingSystemType;
  /** `V1` or `V2`. */
  readonly hyperVGeneration?: HyperVGeneration;
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

/** Maps `properties.sourceMetadata` of an ARM `RestorePoint` body. */
export function toSourceMetadata(wire: WireRestorePointSourceMetadata): RestorePointSourceMetadata {
  const storage = obj(wire.storageProfile);
  const osDisk = obj(storage?.osDisk);
  const dataDiskBodies = objects(storage?.dataDisks);
  let dataDisks: readonly RestorePointSourceDisk[] = EMPTY;
  if (dataDiskBodies.length > 0) {
    const mapped: RestorePointSourceDisk[] = [];
    for (const disk of dataDiskBodies) mapped.push(toSourceDisk(disk, false));
    dataDisks = Object.freeze(mapped);
  }
  const metadata: Complete<RestorePointSourceMetadata> = {
    vmId: str(wire.vmId),
    location: str(wire.location),
    vmSize: str(obj(wire.hardwareProfile)?.vmSize),
    osType: str(osDisk?.osType),
    hyperVGeneration: str(wire.hyperVGeneration),
    licenseType: str(wire.licenseType),
    userData: str(wire.userData),
    diskControllerType: str(storage?.diskControllerType),
    securityProfile: obj(wire.securityProfile),
    osProfile: obj(wire.osProfile),
    diagnosticsProfile: obj(wire.diagnosticsProfile),
    osDisk: osDisk === undefined ? undefined : toSourceDisk(osDisk, true),
    dataDisks,
    // A JSON object like any other body: the wire type just names the members this SDK reads.
    raw: Object.freeze(wire as ArmJson),
  };
  return Object.freeze(metadata);
}

function toSourceDisk(
  body: WireRestorePointSourceOsDisk & WireRestorePointSourceDataDisk,
  isOsDisk: boolean,
): RestorePointSourceDisk {
  const managedDisk = obj(body.managedDisk);
  const diskRestorePoint = obj(body.diskRestorePoint);
  const disk: Complete<RestorePointSourceDisk> = {
    isOsDisk,
    lun: num(body.lun),
    name: str(body.name),
    caching: str(body.caching),
    sizeGB: num(body.diskSizeGB),
    managedDiskId: str(managedDisk?.id),
    storageAccountType: str(managedDisk?.storageAccountType),
    diskEncryptionSetId: str(obj(managedDisk?.diskEncryptionSet)?.id),
    writeAcceleratorEnabled: bool(body.writeAcceleratorEnabled),
    osType: str(body.osType),
    diskRestorePointId: str(diskRestorePoint?.id),
    sourceDiskRestorePointId: str(obj(diskRestorePoint?.sourceDiskRestorePoint)?.id),
  };
  return Object.freeze(disk);
}
