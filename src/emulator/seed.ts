/**
 * `emu.addVm`: puts a virtual machine with its managed disks and a NIC straight into the state, the
 * way a test fixture needs it (ARM has no single call for this; a deployment would take minutes).
 */
import { randomUUID } from "node:crypto";
import type { HandlerContext } from "./http.js";
import { ensureResourceGroup } from "./resources/resourceGroups.js";
import { providerResourceId } from "./resources/common.js";
import {
  keyOf,
  normalizeLocation,
  type Caching,
  type DiskRecord,
  type DiskSkuName,
  type OsType,
  type VirtualMachineRecord,
} from "./state.js";
import { azureTimestamp } from "./operations.js";

/**
 * A disk of a VM made by `emu.addVm`.
 * @public
 */
export interface SeedDiskSpec {
  /** @defaultValue "Premium_LRS" */
  sku?: DiskSkuName;
  /** @defaultValue 30 for the OS disk, 64 for data disks */
  sizeGB?: number;
  /** @defaultValue "ReadWrite" for the OS disk, "None" for data disks */
  caching?: Caching;
  /** Shared disk when above 1 (restore points cannot include it). */
  maxShares?: number;
  writeAcceleratorEnabled?: boolean;
  /** Disk name; `<vm>_OsDisk_1_<hex>` / `<vm>_DataDisk_<lun>` when absent. */
  name?: string;
  /** Network access policy; `AllowPrivate` disks cannot be copied across regions. */
  networkAccessPolicy?: "AllowAll" | "AllowPrivate" | "DenyAll";
}

/**
 * The VM that `emu.addVm` creates.
 * @public
 */
export interface AddVmOptions {
  resourceGroup: string;
  name: string;
  location: string;
  /** @defaultValue "Standard_D2s_v5" */
  vmSize?: string;
  /** @defaultValue "Linux" */
  osType?: OsType;
  zone?: string;
  /** @defaultValue "V2" */
  hyperVGeneration?: "V1" | "V2";
  /** Trusted launch and similar settings, copied into restore point metadata. */
  securityProfile?: Record<string, unknown>;
  licenseType?: string;
  /** Base64 user data. */
  userData?: string;
  osDisk?: SeedDiskSpec & { ephemeral?: boolean; unmanaged?: boolean };
  dataDisks?: (SeedDiskSpec & { lun: number; unmanaged?: boolean })[];
  tags?: Record<string, string>;
}

/**
 * What `emu.addVm` created.
 * @public
 */
export interface AddedVm {
  readonly id: string;
  readonly osDiskId: string | undefined;
  readonly dataDiskIds: readonly string[];
  readonly networkInterfaceId: string;
}

export function seedVirtualMachine(context: HandlerContext, spec: AddVmOptions): AddedVm {
  if (typeof spec.name !== "string" || spec.name === "") throw new TypeError("addVm: name is required.");
  if (typeof spec.location !== "string" || spec.location === "")
    throw new TypeError("addVm: location is required.");
  const group = ensureResourceGroup(context, spec.resourceGroup, spec.location);
  const sub = context.options.subscriptionId;
  const location = normalizeLocation(spec.location);
  const vmId = providerResourceId(sub, group.name, "Microsoft.Compute", "virtualMachines", spec.name);
  if (context.state.virtualMachines[keyOf(vmId)] !== undefined) {
    throw new Error(`addVm: virtual machine '${spec.name}' already exists in '${group.name}'.`);
  }
  const luns = new Set<number>();
  for (const disk of spec.dataDisks ?? []) {
    if (!Number.isInteger(disk.lun) || disk.lun < 0 || disk.lun > 63 || luns.has(disk.lun)) {
      throw new RangeError(`addVm: data disk LUNs must be distinct integers 0..63 (got ${disk.lun}).`);
    }
    luns.add(disk.lun);
  }
  const osType = spec.osType ?? "Linux";
  const makeDisk = (name: string, disk: SeedDiskSpec, isOs: boolean): DiskRecord => {
    const id = providerResourceId(sub, group.name, "Microsoft.Compute", "disks", name);
    const record: DiskRecord = {
      id,
      name,
      resourceGroup: group.name,
      location,
      sku: disk.sku ?? "Premium_LRS",
      sizeGB: disk.sizeGB ?? (isOs ? 30 : 64),
      managedBy: vmId,
      createOption: isOs ? "FromImage" : "Empty",
      provisioningState: "Succeeded",
      uniqueId: randomUUID(),
      timeCreated: azureTimestamp(context.now),
      encryptionType: "EncryptionAtRestWithPlatformKey",
      networkAccessPolicy: disk.networkAccessPolicy ?? "AllowAll",
      tags: {},
    };
    if (isOs) {
      record.osType = osType;
      record.hyperVGeneration = spec.hyperVGeneration ?? "V2";
    }
    if (spec.zone !== undefined) record.zone = spec.zone;
    if (disk.maxShares !== undefined) record.maxShares = disk.maxShares;
    context.state.disks[keyOf(id)] = record;
    return record;
  };
  const os = spec.osDisk ?? {};
  const osDiskName = os.name ?? `${spec.name}_OsDisk_1_${randomUUID().replace(/-/g, "")}`;
  const osManaged = os.ephemeral !== true && os.unmanaged !== true;
  const osDisk = osManaged ? makeDisk(osDiskName, os, true) : undefined;
  const dataDiskIds: string[] = [];
  const dataSlots = (spec.dataDisks ?? []).map((disk) => {
    const name = disk.name ?? `${spec.name}_DataDisk_${disk.lun}`;
    const caching: Caching = disk.caching ?? "None";
    const slot = {
      lun: disk.lun,
      name,
      caching,
      writeAcceleratorEnabled: disk.writeAcceleratorEnabled ?? false,
    };
    if (disk.unmanaged === true) {
      return { ...slot, vhdUri: `https://emulatorstorage.blob.core.windows.net/vhds/${name}.vhd` };
    }
    const record = makeDisk(name, disk, false);
    dataDiskIds.push(record.id);
    return { ...slot, diskId: record.id };
  });
  const nicId = providerResourceId(
    sub,
    group.name,
    "Microsoft.Network",
    "networkInterfaces",
    `${spec.name}-nic`,
  );
  context.state.networkInterfaces[keyOf(nicId)] = {
    id: nicId,
    name: `${spec.name}-nic`,
    resourceGroup: group.name,
    location,
    virtualMachineId: vmId,
    provisioningState: "Succeeded",
    resourceGuid: randomUUID(),
    tags: {},
  };
  const vm: VirtualMachineRecord = {
    id: vmId,
    name: spec.name,
    resourceGroup: group.name,
    location,
    vmId: randomUUID(),
    vmSize: spec.vmSize ?? "Standard_D2s_v5",
    osType,
    hyperVGeneration: spec.hyperVGeneration ?? "V2",
    osDisk: {
      name: osDiskName,
      caching: os.caching ?? "ReadWrite",
      writeAcceleratorEnabled: os.writeAcceleratorEnabled ?? false,
      ...(osDisk === undefined ? {} : { diskId: osDisk.id }),
      ...(os.ephemeral === true ? { ephemeral: true } : {}),
      ...(os.unmanaged === true
        ? { vhdUri: `https://emulatorstorage.blob.core.windows.net/vhds/${osDiskName}.vhd` }
        : {}),
    },
    dataDisks: dataSlots,
    networkInterfaceIds: [nicId],
    powerState: "running",
    provisioningState: "Succeeded",
    timeCreated: azureTimestamp(context.now),
    tags: spec.tags ?? {},
    entitySequence: 1,
  };
  if (spec.zone !== undefined) vm.zone = spec.zone;
  if (spec.securityProfile !== undefined) vm.securityProfile = spec.securityProfile;
  if (spec.licenseType !== undefined) vm.licenseType = spec.licenseType;
  if (spec.userData !== undefined) vm.userData = spec.userData;
  context.state.virtualMachines[keyOf(vmId)] = vm;
  return { id: vmId, osDiskId: osDisk?.id, dataDiskIds, networkInterfaceId: nicId };
}
