/**
 * Compute RP wire shapes of restore point collections and restore points (restorePoint.json,
 * api-version 2025-04-01). Internal; see ./common.ts for why every member is optional.
 */
import type { WireInstanceViewStatus, WireReference, WireResource } from "./common.js";

/** `RestorePointCollection`. */
export interface WireRestorePointCollection extends WireResource {
  readonly properties?: WireRestorePointCollectionProperties;
}

/** `RestorePointCollectionProperties`. */
export interface WireRestorePointCollectionProperties {
  readonly source?: WireRestorePointCollectionSource;
  readonly provisioningState?: string;
  readonly restorePointCollectionId?: string;
  /** Only with `$expand=restorePoints`. */
  readonly restorePoints?: readonly WireRestorePoint[];
  readonly instantAccess?: boolean;
}

/** `RestorePointCollectionSourceProperties`. */
export interface WireRestorePointCollectionSource {
  readonly id?: string;
  readonly location?: string;
}

/** `RestorePoint` (a proxy resource: usually without `location`). */
export interface WireRestorePoint extends WireResource {
  readonly properties?: WireRestorePointProperties;
}

/** `RestorePointProperties`. */
export interface WireRestorePointProperties {
  readonly excludeDisks?: readonly WireReference[];
  readonly sourceMetadata?: WireRestorePointSourceMetadata;
  readonly provisioningState?: string;
  /** `ConsistencyModeTypes`. */
  readonly consistencyMode?: string;
  readonly timeCreated?: string;
  readonly sourceRestorePoint?: WireReference;
  /** Only with `$expand=instanceView`. */
  readonly instanceView?: WireRestorePointInstanceView;
  readonly instantAccessDurationMinutes?: number;
}

/** `RestorePointSourceMetadata`. */
export interface WireRestorePointSourceMetadata {
  readonly hardwareProfile?: { readonly vmSize?: string };
  readonly storageProfile?: WireRestorePointSourceStorageProfile;
  /** `OSProfile`, kept as ARM sent it. */
  readonly osProfile?: Readonly<Record<string, unknown>>;
  /** `DiagnosticsProfile`, kept as ARM sent it. */
  readonly diagnosticsProfile?: Readonly<Record<string, unknown>>;
  readonly licenseType?: string;
  readonly vmId?: string;
  /** `SecurityProfile`, kept as ARM sent it. */
  readonly securityProfile?: Readonly<Record<string, unknown>>;
  readonly location?: string;
  readonly userData?: string;
  /** `HyperVGenerationType`. */
  readonly hyperVGeneration?: string;
}

/** `RestorePointSourceVMStorageProfile`. */
export interface WireRestorePointSourceStorageProfile {
  readonly osDisk?: WireRestorePointSourceOsDisk;
  readonly dataDisks?: readonly WireRestorePointSourceDataDisk[];
  /** `SCSI` or `NVMe`. */
  readonly diskControllerType?: string;
}

/** Members the OS disk and the data disks of `sourceMetadata` share. */
export interface WireRestorePointSourceDisk {
  readonly name?: string;
  /** `None`, `ReadOnly`, `ReadWrite`. */
  readonly caching?: string;
  readonly diskSizeGB?: number;
  readonly managedDisk?: WireManagedDiskParameters;
  readonly diskRestorePoint?: WireDiskRestorePointAttributes;
  readonly writeAcceleratorEnabled?: boolean;
}

/** `RestorePointSourceVMOSDisk`. */
export interface WireRestorePointSourceOsDisk extends WireRestorePointSourceDisk {
  /** `Windows` or `Linux`. */
  readonly osType?: string;
  /** `DiskEncryptionSettings`, kept as ARM sent it. */
  readonly encryptionSettings?: Readonly<Record<string, unknown>>;
}

/** `RestorePointSourceVMDataDisk`. */
export interface WireRestorePointSourceDataDisk extends WireRestorePointSourceDisk {
  readonly lun?: number;
}

/** `ManagedDiskParameters`. */
export interface WireManagedDiskParameters {
  readonly id?: string;
  /** `StorageAccountTypes`, e.g. `Premium_LRS`. */
  readonly storageAccountType?: string;
  readonly diskEncryptionSet?: WireReference;
}

/** `DiskRestorePointAttributes`. */
export interface WireDiskRestorePointAttributes {
  readonly id?: string;
  readonly encryption?: WireRestorePointEncryption;
  readonly sourceDiskRestorePoint?: WireReference;
}

/** `RestorePointEncryption`. */
export interface WireRestorePointEncryption {
  /** `RestorePointEncryptionType`. */
  readonly type?: string;
  readonly diskEncryptionSet?: WireReference;
}

/** `RestorePointInstanceView`. */
export interface WireRestorePointInstanceView {
  readonly diskRestorePoints?: readonly WireDiskRestorePointInstanceView[];
  readonly statuses?: readonly WireInstanceViewStatus[];
}

/** `DiskRestorePointInstanceView`. */
export interface WireDiskRestorePointInstanceView {
  readonly id?: string;
  readonly replicationStatus?: WireDiskRestorePointReplicationStatus;
  /** `SnapshotAccessState`. */
  readonly snapshotAccessState?: string;
}

/** `DiskRestorePointReplicationStatus`. */
export interface WireDiskRestorePointReplicationStatus {
  readonly status?: WireInstanceViewStatus;
  readonly completionPercent?: number;
}
