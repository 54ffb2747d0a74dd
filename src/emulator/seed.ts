/**
 * `emu.addVm`: puts a virtual machine with its managed disks and a NIC straight into the state, the
 * way a test fixture needs it (ARM has no single call for this; a deployment would take minutes).
 */
import { randomUUID } from "node:crypto";
import type { HandlerContext } from "./http.js";
import { ensureResourceGroup } from "./resources/resourceGroups.js";
import { checkResourceGroupName, providerResourceId, resourceGroupId } from "./resources/common.js";
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
import { checkStorableValue } from "./requestLimits.js";
import { checkSeedTags, newTagRecord } from "./rules/tags.js";
import { subnetForSeededVm } from "./seedNetwork.js";

/**
 * A disk of a VM made by `emu.addVm`.
 * @public
 */
export interface SeedDiskSpec {
  /**
   * Storage SKU. Ultra and Premium SSD v2 disks are refused by crash-consistent restore points.
   * @defaultValue "Premium_LRS"
   */
  sku?: DiskSkuName;
  /**
   * Size in GiB.
   * @defaultValue 30 for the OS disk, 64 for data disks
   */
  sizeGB?: number;
  /**
   * Host caching of the disk on the VM.
   * @defaultValue "ReadWrite" for the OS disk, "None" for data disks
   */
  caching?: Caching;
  /** Shared disk when above 1 (restore points cannot include it). */
  maxShares?: number;
  /** Write Accelerator on the disk (M-series VMs); copied into restore point metadata. */
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
  /**
   * Subscription of the VM, its disks, NIC and resource group; the emulator hosts it from then on
   * (the same token serves it).
   * @defaultValue the emulator's own subscription (`emu.subscriptionId`)
   */
  subscriptionId?: string;
  /** Resource group of the VM; created (in `location`) when it does not exist. */
  resourceGroup: string;
  /** VM name, unique in its resource group. */
  name: string;
  /** Region, e.g. `eastus`; its disks, NIC and restore points live there too. */
  location: string;
  /**
   * VM size, recorded in restore point metadata and used by `restoreVm`.
   * @defaultValue "Standard_D2s_v5"
   */
  vmSize?: string;
  /**
   * Operating system of the OS disk.
   * @defaultValue "Linux"
   */
  osType?: OsType;
  /** Availability zone (`"1"`, `"2"` or `"3"`) of the VM and its disks; none when absent. */
  zone?: string;
  /**
   * Hyper-V generation of the VM and its OS disk.
   * @defaultValue "V2"
   */
  hyperVGeneration?: "V1" | "V2";
  /** Trusted launch and similar settings, copied into restore point metadata. */
  securityProfile?: Record<string, unknown>;
  /** Azure Hybrid Benefit license type, e.g. `Windows_Server`; copied into restore point metadata. */
  licenseType?: string;
  /** Base64 user data. */
  userData?: string;
  /** The OS disk; a 30 GiB Premium SSD when absent. */
  osDisk?: SeedDiskSpec & {
    /** An ephemeral OS disk (on the host's cache): restore points cannot capture it. */
    ephemeral?: boolean;
    /** A VHD in a storage account instead of a managed disk: restore points cannot capture it. */
    unmanaged?: boolean;
  };
  /** The data disks, each at its LUN; none when absent. */
  dataDisks?: (SeedDiskSpec & {
    /** LUN of the disk on the VM, 0..63 and distinct. */
    lun: number;
    /** A VHD in a storage account instead of a managed disk: restore points cannot capture it. */
    unmanaged?: boolean;
  })[];
  /** Tags of the VM (Azure's tag rules apply). */
  tags?: Record<string, string>;
  /**
   * Subnet of the VM's NIC; it must exist (see `emu.addVirtualNetwork`) in the VM's region. When
   * absent, the NIC goes into subnet `default` of the network `vnet-<location>` in the VM's resource
   * group, which is created when missing.
   */
  subnetId?: string;
}

/**
 * What `emu.addVm` created.
 * @public
 */
export interface AddedVm {
  /** ARM id of the VM. */
  readonly id: string;
  /** ARM id of its managed OS disk; `undefined` for an ephemeral or unmanaged OS disk. */
  readonly osDiskId: string | undefined;
  /** ARM ids of its managed data disks, in the order given (unmanaged ones left out). */
  readonly dataDiskIds: readonly string[];
  /** ARM id of the NIC made for it. */
  readonly networkInterfaceId: string;
  /** ARM id of the subnet of that NIC: a real subnet, to pass as `restoreVm`'s `subnetId`. */
  readonly subnetId: string;
}

export function seedVirtualMachine(context: HandlerContext, spec: AddVmOptions): AddedVm {
  if (typeof spec.name !== "string" || spec.name === "") throw new TypeError("addVm: name is required.");
  if (typeof spec.location !== "string" || spec.location === "")
    throw new TypeError("addVm: location is required.");
  // What a request could not store, addVm cannot either: it would break responses and persistence.
  for (const [key, value] of [
    ["securityProfile", spec.securityProfile],
    ["userData", spec.userData],
    ["licenseType", spec.licenseType],
    ["vmSize", spec.vmSize],
  ] as const) {
    if (value !== undefined) checkStorableValue(value, `addVm: ${key}`, context.options.limits);
  }
  const vmTags = spec.tags === undefined ? newTagRecord() : checkSeedTags(spec.tags, "addVm: tags");
  checkResourceGroupName(spec.resourceGroup);
  const sub = context.options.subscriptionId;
  // The group's own casing when it exists; it is created only after every check passed.
  const groupName =
    context.state.resourceGroups[keyOf(resourceGroupId(sub, spec.resourceGroup))]?.name ?? spec.resourceGroup;
  const location = normalizeLocation(spec.location);
  const vmId = providerResourceId(sub, groupName, "Microsoft.Compute", "virtualMachines", spec.name);
  if (context.state.virtualMachines[keyOf(vmId)] !== undefined) {
    throw new Error(`addVm: virtual machine '${spec.name}' already exists in '${groupName}'.`);
  }
  const luns = new Set<number>();
  for (const disk of spec.dataDisks ?? []) {
    if (!Number.isInteger(disk.lun) || disk.lun < 0 || disk.lun > 63 || luns.has(disk.lun)) {
      throw new RangeError(`addVm: data disk LUNs must be distinct integers 0..63 (got ${disk.lun}).`);
    }
    luns.add(disk.lun);
  }
  const nicName = `${spec.name}-nic`;
  const nicId = providerResourceId(sub, groupName, "Microsoft.Network", "networkInterfaces", nicName);
  // The last check, and the first write when it makes the default network: nothing after it throws.
  const subnetId = subnetForSeededVm(context, { resourceGroup: groupName, location, nicId }, spec.subnetId);
  const group = ensureResourceGroup(context, groupName, spec.location);
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
  context.state.networkInterfaces[keyOf(nicId)] = {
    id: nicId,
    name: nicName,
    resourceGroup: group.name,
    location,
    subnetId,
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
    tags: vmTags,
    entitySequence: 1,
  };
  if (spec.zone !== undefined) vm.zone = spec.zone;
  if (spec.securityProfile !== undefined) vm.securityProfile = spec.securityProfile;
  if (spec.licenseType !== undefined) vm.licenseType = spec.licenseType;
  if (spec.userData !== undefined) vm.userData = spec.userData;
  context.state.virtualMachines[keyOf(vmId)] = vm;
  return { id: vmId, osDiskId: osDisk?.id, dataDiskIds, networkInterfaceId: nicId, subnetId };
}
