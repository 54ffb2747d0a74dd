/**
 * Disk RP wire shapes (disk.json, diskRestorePoint.json and diskRPCommon.json, api-version
 * 2025-01-02): managed disks, disk restore points and SAS grants. Internal; see ./common.ts for why
 * every member is optional.
 */
import type { WireResource } from "./common.js";

/** `DiskRestorePoint` (a proxy resource). */
export interface WireDiskRestorePoint extends WireResource {
  readonly properties?: WireDiskRestorePointProperties;
}

/** `DiskRestorePointProperties`. */
export interface WireDiskRestorePointProperties {
  readonly timeCreated?: string;
  readonly sourceResourceId?: string;
  /** `Windows` or `Linux`. */
  readonly osType?: string;
  /** `V1` or `V2`. */
  readonly hyperVGeneration?: string;
  readonly familyId?: string;
  readonly sourceUniqueId?: string;
  readonly encryption?: WireDiskEncryption;
  readonly supportsHibernation?: boolean;
  readonly networkAccessPolicy?: string;
  readonly publicNetworkAccess?: string;
  readonly diskAccessId?: string;
  readonly completionPercent?: number;
  readonly replicationState?: string;
  readonly sourceResourceLocation?: string;
  readonly logicalSectorSize?: number;
  /** Not in the spec, but sent by some service versions; read when present. */
  readonly diskSizeGB?: number;
}

/** `Encryption` of a disk or disk restore point. */
export interface WireDiskEncryption {
  readonly diskEncryptionSetId?: string;
  /** `EncryptionType`. */
  readonly type?: string;
}

/** `Disk`. */
export interface WireDisk extends WireResource {
  readonly managedBy?: string;
  readonly sku?: WireDiskSku;
  readonly zones?: readonly string[];
  readonly properties?: WireDiskProperties;
}

/** `DiskSku`. */
export interface WireDiskSku {
  /** `DiskStorageAccountTypes`, e.g. `Premium_LRS`. */
  readonly name?: string;
  readonly tier?: string;
}

/** The members of `DiskProperties` this SDK reads or sends. */
export interface WireDiskProperties {
  readonly timeCreated?: string;
  readonly osType?: string;
  readonly hyperVGeneration?: string;
  readonly creationData?: WireCreationData;
  readonly diskSizeGB?: number;
  readonly provisioningState?: string;
  /** `DiskState`: `Unattached`, `Attached`, `ActiveSAS`... */
  readonly diskState?: string;
  readonly encryption?: WireDiskEncryption;
  readonly maxShares?: number;
}

/** The members of `CreationData` this SDK reads or sends. */
export interface WireCreationData {
  /** `DiskCreateOption`, e.g. `Restore`. */
  readonly createOption?: string;
  readonly sourceResourceId?: string;
  readonly logicalSectorSize?: number;
}

/** `GrantAccessData`: the body of a `beginGetAccess` POST. */
export interface WireGrantAccessData {
  /** `AccessLevel`: `None`, `Read`, `Write`. */
  readonly access: string;
  readonly durationInSeconds: number;
  readonly getSecureVMGuestStateSAS?: boolean;
  /** `FileFormat`: `VHD`, `VHDX`. */
  readonly fileFormat?: string;
}

/** `AccessUri`: the result of a grant. */
export interface WireAccessUri {
  readonly accessSAS?: string;
  readonly securityDataAccessSAS?: string;
  readonly securityMetadataAccessSAS?: string;
}
