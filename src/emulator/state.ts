/**
 * The emulator's whole world as plain JSON-able records, so that it can be cloned (a failed request
 * must leave no trace), written to a data directory and read back after a restart.
 *
 * Every table is keyed by the lower-cased ARM id: ARM compares ids case-insensitively and real
 * responses change the casing of segments (see the recordings' upper-cased resource groups).
 */

/**
 * Managed disk SKUs.
 * @public
 */
export type DiskSkuName =
  | "Standard_LRS"
  | "Premium_LRS"
  | "StandardSSD_LRS"
  | "UltraSSD_LRS"
  | "Premium_ZRS"
  | "StandardSSD_ZRS"
  | "PremiumV2_LRS";

/**
 * Operating system of an OS disk.
 * @public
 */
export type OsType = "Windows" | "Linux";
/**
 * Host caching of a VM disk.
 * @public
 */
export type Caching = "None" | "ReadOnly" | "ReadWrite";

export interface ResourceGroupRecord {
  id: string;
  name: string;
  location: string;
  tags: Record<string, string>;
}

export interface VmDiskSlot {
  /** Managed disk id; absent for an unmanaged (VHD) or ephemeral OS disk. */
  diskId?: string;
  name: string;
  caching: Caching;
  writeAcceleratorEnabled: boolean;
  /** Ephemeral OS disks live on the host cache and cannot be captured. */
  ephemeral?: boolean;
  /** Unmanaged disks are page blobs; restore points do not support them. */
  vhdUri?: string;
  /** As given at creation: `FromImage`, `Attach`, `Empty`, `Restore`, `Copy`. */
  createOption?: string;
  /** What happens to the disk when the VM is deleted. */
  deleteOption?: "Delete" | "Detach";
  /** `sourceResource.id` of a disk made by `Restore`/`Copy` at VM creation. */
  sourceResourceId?: string;
}

export interface VmDataDiskSlot extends VmDiskSlot {
  lun: number;
}

export interface VirtualMachineRecord {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  vmId: string;
  vmSize: string;
  osType: OsType;
  zone?: string;
  hyperVGeneration: "V1" | "V2";
  licenseType?: string;
  userData?: string;
  securityProfile?: Record<string, unknown>;
  osDisk: VmDiskSlot;
  dataDisks: VmDataDiskSlot[];
  networkInterfaceIds: string[];
  powerState: "running" | "stopped" | "deallocated";
  provisioningState: string;
  timeCreated: string;
  tags: Record<string, string>;
  /** ARM sequence number that the Compute RP stamps on restore points. */
  entitySequence: number;
  /** Basic data protection (`resiliencyProfile.periodicRestorePoints`), once it was ever set. */
  periodicRestorePoints?: PeriodicRestorePointsRecord;
}

/** The platform's daily restore points of a VM (see resources/periodicRestorePoints.ts). */
export interface PeriodicRestorePointsRecord {
  isEnabled: boolean;
  /** When the platform takes the VM's next restore point, while enabled (ms since the epoch). */
  nextAt?: number;
  /** Ids of the restore points the platform took and has not pruned yet, oldest first. */
  pointIds?: string[];
}

export interface DiskRecord {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  sku: DiskSkuName;
  sizeGB: number;
  osType?: OsType;
  hyperVGeneration?: "V1" | "V2";
  zone?: string;
  maxShares?: number;
  /** VM id the disk is attached to. */
  managedBy?: string;
  createOption: string;
  sourceResourceId?: string;
  sourceUniqueId?: string;
  provisioningState: string;
  uniqueId: string;
  timeCreated: string;
  diskEncryptionSetId?: string;
  encryptionType: string;
  networkAccessPolicy: "AllowAll" | "AllowPrivate" | "DenyAll";
  diskAccessId?: string;
  securityProfile?: Record<string, unknown>;
  tags: Record<string, string>;
}

export interface NetworkInterfaceRecord {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  subnetId?: string;
  virtualMachineId?: string;
  provisioningState: string;
  resourceGuid: string;
  tags: Record<string, string>;
}

/** A subnet of a virtual network. */
export interface SubnetRecord {
  name: string;
  addressPrefix: string;
}

/** A virtual network (Network RP), thinly: enough for NICs to reference real subnets. */
export interface VirtualNetworkRecord {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  addressPrefixes: string[];
  subnets: SubnetRecord[];
  resourceGuid: string;
  tags: Record<string, string>;
}

export interface CollectionRecord {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  /** The source VM id, or the source collection id when this collection is a copy target. */
  sourceId: string;
  sourceLocation: string;
  restorePointCollectionId: string;
  instantAccess?: boolean;
  provisioningState: string;
  tags: Record<string, string>;
}

/** A cross-region copy in flight or done: progress is derived from the clock, never stored. */
export interface CopyProgressRecord {
  startedAt: number;
  durationMs: number;
  /** Disk restore point ids (of the copy) whose replication fails. */
  failingDiskRestorePointIds: string[];
}

/** Encryption a restore point PUT asked for one disk (`...diskRestorePoint.encryption`). */
export interface RequestedDiskEncryption {
  type: string;
  diskEncryptionSetId?: string;
}

export interface RestorePointRecord {
  id: string;
  name: string;
  collectionId: string;
  resourceGroup: string;
  location: string;
  provisioningState: string;
  /** What the service reports: the requested mode, or the default for the VM's OS. */
  consistencyMode: string;
  /** Whether the request named a consistency mode (the create response echoes only then). */
  consistencyModeRequested: boolean;
  excludeDiskIds: string[];
  /** The VM the points were captured from (for copies: the source point's VM). */
  sourceVmId: string;
  sourceRestorePointId?: string;
  instantAccessDurationMinutes?: number;
  sourceMetadata: Record<string, unknown>;
  timeCreated: string;
  /** Order of creation within the emulator, for "newest copied" rules. */
  sequence: number;
  copy?: CopyProgressRecord;
  /** Per-disk encryption the create or copy asked for: `os`, or the data disk's LUN as a string. */
  requestedEncryption?: Record<string, RequestedDiskEncryption>;
  diskRestorePointIds: string[];
  /** The body of the create request, to recognise an identical (idempotent) PUT. */
  requestFingerprint: string;
  /** The create operation, while it is in flight. */
  createOperationId?: string;
  /** The source VM's model version when the capture started (captures only). */
  vmModelSequence?: number;
  /** Set on the restore points the platform takes for Basic data protection (it prunes only these). */
  createdBy?: "platform";
}

export interface DiskAccessRecord {
  accessSas: string;
  securityDataAccessSas?: string;
  securityMetadataAccessSas?: string;
  expiresAt: number;
}

export interface DiskRestorePointRecord {
  id: string;
  name: string;
  restorePointId: string;
  location: string;
  /** Managed disk id, or for a copy the source disk restore point id. */
  sourceResourceId: string;
  sourceDiskId: string;
  sourceUniqueId: string;
  sourceResourceLocation?: string;
  sizeGB: number;
  sku: DiskSkuName;
  osType?: OsType;
  hyperVGeneration?: "V1" | "V2";
  lun?: number;
  isOsDisk: boolean;
  caching: Caching;
  familyId: string;
  timeCreated: string;
  encryptionType: string;
  diskEncryptionSetId?: string;
  networkAccessPolicy: "AllowAll" | "AllowPrivate" | "DenyAll";
  logicalSectorSize?: number;
  access?: DiskAccessRecord;
}

export type OperationStatus = "InProgress" | "Succeeded" | "Failed" | "Canceled";

/** What happens when an operation completes; run by the owning resource module. */
export interface OperationEffect {
  type: string;
  targetId: string;
  data?: Record<string, unknown>;
}

export interface OperationRecord {
  id: string;
  /** "operations" for Compute, "DiskOperations" for the Disk RP (different URL and final body). */
  family: "operations" | "DiskOperations";
  location: string;
  startTime: string;
  endTime?: string;
  dueAt: number;
  status: OperationStatus;
  effect: OperationEffect;
  /** Set when the effect ran; the disk RP returns it in `properties.output`, `Location` polls return it. */
  output?: unknown;
  error?: { code: string; message: string };
  /** The api-version of the request that started it, echoed in the polling URLs. */
  apiVersion: string;
  /** Random value of the `p=` query parameter, as in the recorded polling URLs. */
  p: string;
  /** The subscription of the request that started it (absent in state saved before there were several). */
  subscriptionId?: string;
}

export interface EmulatorState {
  /**
   * Subscriptions hosted besides the emulator's own (`options.subscriptionId`, always there):
   * lower-cased id to the id as first given.
   */
  subscriptions: Record<string, string>;
  resourceGroups: Record<string, ResourceGroupRecord>;
  virtualMachines: Record<string, VirtualMachineRecord>;
  disks: Record<string, DiskRecord>;
  networkInterfaces: Record<string, NetworkInterfaceRecord>;
  virtualNetworks: Record<string, VirtualNetworkRecord>;
  collections: Record<string, CollectionRecord>;
  restorePoints: Record<string, RestorePointRecord>;
  diskRestorePoints: Record<string, DiskRestorePointRecord>;
  operations: Record<string, OperationRecord>;
  /** Monotonic counter for creation order. */
  sequence: number;
}

export function emptyState(): EmulatorState {
  return {
    subscriptions: {},
    resourceGroups: {},
    virtualMachines: {},
    disks: {},
    networkInterfaces: {},
    virtualNetworks: {},
    collections: {},
    restorePoints: {},
    diskRestorePoints: {},
    operations: {},
    sequence: 0,
  };
}

/** The table key of an ARM id. */
export function keyOf(id: string): string {
  return id.toLowerCase();
}

/** Case-insensitive comparison of ARM ids or names. */
export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Region names compare without case or spaces ("West Europe" is "westeurope"). */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}
