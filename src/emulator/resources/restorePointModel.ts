/**
 * How restore points look on the wire, and the VM snapshot (`sourceMetadata`) they carry.
 * Shapes follow the recordings: the create response has no disk restore point ids yet and echoes
 * `consistencyMode` only when it was requested; later GETs carry both.
 */
import type { HandlerContext } from "../http.js";
import {
  keyOf,
  type DiskRestorePointRecord,
  type EmulatorState,
  type RestorePointRecord,
  type VirtualMachineRecord,
} from "../state.js";
import { providerResourceId } from "./common.js";
import { diskReplication, replicationStatus } from "./replication.js";

export function restorePointId(
  subscriptionId: string,
  resourceGroup: string,
  collection: string,
  name: string,
): string {
  return providerResourceId(
    subscriptionId,
    resourceGroup,
    "Microsoft.Compute",
    "restorePointCollections",
    collection,
    "restorePoints",
    name,
  );
}

/** Restore points of a collection in creation order. */
export function restorePointsOf(state: EmulatorState, collectionId: string): RestorePointRecord[] {
  const key = keyOf(collectionId);
  return Object.values(state.restorePoints)
    .filter((point) => keyOf(point.collectionId) === key)
    .sort((a, b) => a.sequence - b.sequence);
}

export function diskRestorePointsOf(
  state: EmulatorState,
  point: RestorePointRecord,
): DiskRestorePointRecord[] {
  return point.diskRestorePointIds.flatMap((id) => state.diskRestorePoints[keyOf(id)] ?? []);
}

/** Removes a restore point with its disk restore points. */
export function removeRestorePoint(state: EmulatorState, point: RestorePointRecord): void {
  for (const id of point.diskRestorePointIds) Reflect.deleteProperty(state.diskRestorePoints, keyOf(id));
  Reflect.deleteProperty(state.restorePoints, keyOf(point.id));
}

/** Disks of a VM as restore points see them: managed or not, with size and SKU. */
export interface VmDiskView {
  readonly isOsDisk: boolean;
  readonly lun?: number;
  readonly name: string;
  readonly diskId?: string;
  readonly caching: string;
  readonly writeAcceleratorEnabled: boolean;
  readonly ephemeral: boolean;
  readonly unmanaged: boolean;
}

export function vmDisks(vm: VirtualMachineRecord): VmDiskView[] {
  const os: VmDiskView = {
    isOsDisk: true,
    name: vm.osDisk.name,
    caching: vm.osDisk.caching,
    writeAcceleratorEnabled: vm.osDisk.writeAcceleratorEnabled,
    ephemeral: vm.osDisk.ephemeral === true,
    unmanaged: vm.osDisk.vhdUri !== undefined,
    ...(vm.osDisk.diskId === undefined ? {} : { diskId: vm.osDisk.diskId }),
  };
  const data = vm.dataDisks.map<VmDiskView>((slot) => ({
    isOsDisk: false,
    lun: slot.lun,
    name: slot.name,
    caching: slot.caching,
    writeAcceleratorEnabled: slot.writeAcceleratorEnabled,
    ephemeral: false,
    unmanaged: slot.vhdUri !== undefined,
    ...(slot.diskId === undefined ? {} : { diskId: slot.diskId }),
  }));
  return [os, ...data];
}

/** The `sourceMetadata` of a capture: the VM as it is now, with only the included disks. */
export function snapshotVm(
  state: EmulatorState,
  vm: VirtualMachineRecord,
  included: readonly VmDiskView[],
): Record<string, unknown> {
  const diskEntry = (view: VmDiskView): Record<string, unknown> => {
    const disk = view.diskId === undefined ? undefined : state.disks[keyOf(view.diskId)];
    const entry: Record<string, unknown> = {};
    if (view.lun !== undefined) entry.lun = view.lun;
    if (view.isOsDisk) entry.osType = vm.osType;
    entry.name = view.name;
    if (disk !== undefined) entry.diskSizeGB = disk.sizeGB;
    entry.caching = view.caching;
    if (disk !== undefined) {
      const managedDisk: Record<string, unknown> = { storageAccountType: disk.sku, id: disk.id };
      if (disk.diskEncryptionSetId !== undefined)
        managedDisk.diskEncryptionSet = { id: disk.diskEncryptionSetId };
      entry.managedDisk = managedDisk;
    }
    if (view.writeAcceleratorEnabled) entry.writeAcceleratorEnabled = true;
    return entry;
  };
  const os = included.find((d) => d.isOsDisk);
  const storageProfile: Record<string, unknown> = {};
  if (os !== undefined) storageProfile.osDisk = diskEntry(os);
  storageProfile.dataDisks = included.filter((d) => !d.isOsDisk).map(diskEntry);
  storageProfile.diskControllerType = "SCSI";
  const metadata: Record<string, unknown> = {
    vmId: vm.vmId,
    location: vm.location,
    hardwareProfile: { vmSize: vm.vmSize },
    storageProfile,
    // patchSettings and enableVMAgentPlatformUpdates are the platform defaults every recording shows.
    osProfile:
      vm.osType === "Windows"
        ? { computerName: vm.name.slice(0, 15), adminUsername: "azureuser", windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: true, patchSettings: { patchMode: "AutomaticByOS", assessmentMode: "ImageDefault" }, enableVMAgentPlatformUpdates: false }, secrets: [], allowExtensionOperations: true, requireGuestProvisionSignal: true } // prettier-ignore
        : { computerName: vm.name, adminUsername: "azureuser", linuxConfiguration: { disablePasswordAuthentication: true, provisionVMAgent: true, patchSettings: { patchMode: "ImageDefault", assessmentMode: "ImageDefault" }, enableVMAgentPlatformUpdates: false }, secrets: [], allowExtensionOperations: true, requireGuestProvisionSignal: true }, // prettier-ignore
    hyperVGeneration: vm.hyperVGeneration,
  };
  if (vm.securityProfile !== undefined) metadata.securityProfile = structuredClone(vm.securityProfile);
  if (vm.licenseType !== undefined) metadata.licenseType = vm.licenseType;
  if (vm.userData !== undefined) metadata.userData = vm.userData;
  return metadata;
}

/** Disk entries of `sourceMetadata.storageProfile` (OS first), for stamping disk restore point ids. */
export function metadataDiskEntries(metadata: Record<string, unknown>): Record<string, unknown>[] {
  const storage = metadata.storageProfile as {
    osDisk?: Record<string, unknown>;
    dataDisks?: Record<string, unknown>[];
  };
  return [...(storage.osDisk === undefined ? [] : [storage.osDisk]), ...(storage.dataDisks ?? [])];
}

export interface RenderOptions {
  /** Add `properties.instanceView` (`$expand=instanceView`). */
  readonly instanceView?: boolean;
  /** The body of the create response: no consistency mode unless requested. */
  readonly createResponse?: boolean;
}

export function renderRestorePoint(
  point: RestorePointRecord,
  context: HandlerContext,
  options: RenderOptions = {},
): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  if (point.excludeDiskIds.length > 0) properties.excludeDisks = point.excludeDiskIds.map((id) => ({ id }));
  properties.sourceMetadata = point.sourceMetadata;
  properties.provisioningState = point.provisioningState;
  if (options.createResponse !== true || point.consistencyModeRequested) {
    properties.consistencyMode = point.consistencyMode;
  }
  if (point.sourceRestorePointId !== undefined)
    properties.sourceRestorePoint = { id: point.sourceRestorePointId };
  if (point.instantAccessDurationMinutes !== undefined) {
    properties.instantAccessDurationMinutes = point.instantAccessDurationMinutes;
  }
  properties.timeCreated = point.timeCreated;
  if (options.instanceView === true) properties.instanceView = renderInstanceView(point, context);
  return { name: point.name, id: point.id, properties };
}

/** Default instant-access window of a restore point, in minutes (SERVICE-RULES: 60–300, default 300). */
const DEFAULT_INSTANT_ACCESS_MINUTES = 300;

/**
 * `snapshotAccessState` (2025-04-01+): only Premium SSD v2 and Ultra disks of a collection with
 * `instantAccess` have instant-access snapshots; those are `AvailableWithInstantAccess` for the restore
 * point's `instantAccessDurationMinutes`, `Available` afterwards. Other disks report no state (examples).
 */
function snapshotAccessState(
  point: RestorePointRecord,
  diskPoint: DiskRestorePointRecord,
  context: HandlerContext,
): string | undefined {
  if (diskPoint.sku !== "PremiumV2_LRS" && diskPoint.sku !== "UltraSSD_LRS") return undefined;
  if (context.state.collections[keyOf(point.collectionId)]?.instantAccess !== true) return undefined;
  const until =
    Date.parse(point.timeCreated) +
    (point.instantAccessDurationMinutes ?? DEFAULT_INSTANT_ACCESS_MINUTES) * 60_000;
  return context.now < until ? "AvailableWithInstantAccess" : "Available";
}

function renderInstanceView(point: RestorePointRecord, context: HandlerContext): Record<string, unknown> {
  const disks = diskRestorePointsOf(context.state, point);
  const entries = disks.map((diskPoint) => {
    const replication = diskReplication(point, diskPoint, context) ?? {
      state: "Succeeded" as const,
      completionPercent: 100,
    };
    const accessState = snapshotAccessState(point, diskPoint, context);
    return {
      id: diskPoint.id,
      replicationStatus: {
        status: replicationStatus(replication),
        completionPercent: replication.completionPercent,
      },
      ...(accessState === undefined ? {} : { snapshotAccessState: accessState }),
      replication,
    };
  });
  const failed = entries.find((e) => e.replication.state === "Failed");
  const replicating = entries.some((e) => e.replication.state === "Replicating");
  const overall = failed?.replication ?? {
    state:
      replicating || point.provisioningState === "Creating"
        ? ("Replicating" as const)
        : ("Succeeded" as const),
    completionPercent: 0,
  };
  return {
    diskRestorePoints: entries.map(({ replication: _replication, ...entry }) => entry),
    statuses: [replicationStatus(overall)],
  };
}
