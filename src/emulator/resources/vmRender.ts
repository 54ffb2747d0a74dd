/**
 * How a virtual machine looks on the wire, for VMs made by PUT and by `emu.addVm` alike: slots that
 * `emu.addVm` leaves without a create or delete option get the defaults the REST API documents.
 */
import type { HandlerContext } from "../http.js";
import { keyOf, type EmulatorState, type VirtualMachineRecord, type VmDiskSlot } from "../state.js";
import { providerResourceId } from "./common.js";

export const VM_TYPE = "Microsoft.Compute/virtualMachines";

export function vmResourceId(subscriptionId: string, resourceGroup: string, name: string): string {
  return providerResourceId(subscriptionId, resourceGroup, "Microsoft.Compute", "virtualMachines", name);
}

export function slotCreateOption(slot: VmDiskSlot, isOsDisk: boolean): string {
  return slot.createOption ?? (isOsDisk ? "FromImage" : "Empty");
}

/** The REST default is `Detach`, except for ephemeral OS disks, which cannot outlive their VM. */
export function slotDeleteOption(slot: VmDiskSlot): "Delete" | "Detach" {
  return slot.deleteOption ?? (slot.ephemeral === true ? "Delete" : "Detach");
}

function renderSlot(state: EmulatorState, slot: VmDiskSlot, isOsDisk: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (slot.ephemeral === true) body.diffDiskSettings = { option: "Local", placement: "CacheDisk" };
  body.name = slot.name;
  body.createOption = slotCreateOption(slot, isOsDisk);
  if (slot.sourceResourceId !== undefined) body.sourceResource = { id: slot.sourceResourceId };
  if (slot.vhdUri !== undefined) body.vhd = { uri: slot.vhdUri };
  body.caching = slot.caching;
  body.writeAcceleratorEnabled = slot.writeAcceleratorEnabled;
  const disk = slot.diskId === undefined ? undefined : state.disks[keyOf(slot.diskId)];
  if (slot.diskId !== undefined) {
    body.managedDisk = { storageAccountType: disk?.sku ?? "Premium_LRS", id: disk?.id ?? slot.diskId };
  } else if (slot.ephemeral === true) {
    body.managedDisk = { storageAccountType: "Standard_LRS" };
  }
  body.deleteOption = slotDeleteOption(slot);
  if (disk !== undefined) body.diskSizeGB = disk.sizeGB;
  else if (slot.ephemeral === true) body.diskSizeGB = 30;
  return body;
}

const PROVISIONING_DISPLAY: Readonly<Record<string, string>> = {
  succeeded: "Provisioning succeeded",
  creating: "Creating",
  updating: "Updating",
  deleting: "Deleting",
  failed: "Provisioning failed",
};

const POWER_DISPLAY: Readonly<Record<string, string>> = {
  running: "VM running",
  stopped: "VM stopped",
  deallocated: "VM deallocated",
  starting: "VM starting",
  stopping: "VM stopping",
  deallocating: "VM deallocating",
};

/** The power state a client sees: transitional while a power operation is in flight, as in Azure. */
function displayedPowerState(vm: VirtualMachineRecord, state: EmulatorState): string {
  if (vm.provisioningState === "Creating") return "starting";
  const pending = Object.values(state.operations).find(
    (op) => op.status === "InProgress" && op.effect.type === "vm.power" && op.effect.targetId === vm.id,
  );
  const target = pending?.effect.data?.powerState;
  if (target === "running") return "starting";
  if (target === "stopped") return "stopping";
  if (target === "deallocated") return "deallocating";
  return vm.powerState;
}

function status(
  kind: string,
  value: string,
  display: string | undefined,
  time?: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    code: `${kind}/${value}`,
    level: value === "failed" ? "Error" : "Info",
    displayStatus: display ?? value,
  };
  if (time !== undefined) body.time = time;
  return body;
}

export function renderInstanceView(
  vm: VirtualMachineRecord,
  context: HandlerContext,
): Record<string, unknown> {
  const provisioning = vm.provisioningState.toLowerCase();
  const power = displayedPowerState(vm, context.state);
  const slots: VmDiskSlot[] = [vm.osDisk, ...vm.dataDisks];
  return {
    hyperVGeneration: vm.hyperVGeneration,
    disks: slots.map((slot) => ({
      name: slot.name,
      statuses: [status("ProvisioningState", "succeeded", PROVISIONING_DISPLAY.succeeded, vm.timeCreated)],
    })),
    statuses: [
      status("ProvisioningState", provisioning, PROVISIONING_DISPLAY[provisioning], vm.timeCreated),
      status("PowerState", power, POWER_DISPLAY[power]),
    ],
  };
}

export interface RenderVmOptions {
  readonly instanceView?: boolean;
  /** `userData` is only returned with `$expand=userData`. */
  readonly userData?: boolean;
}

export function renderVirtualMachine(
  vm: VirtualMachineRecord,
  context: HandlerContext,
  options: RenderVmOptions = {},
): Record<string, unknown> {
  const state = context.state;
  const properties: Record<string, unknown> = {
    vmId: vm.vmId,
    hardwareProfile: { vmSize: vm.vmSize },
    storageProfile: {
      osDisk: { osType: vm.osType, ...renderSlot(state, vm.osDisk, true) },
      dataDisks: vm.dataDisks.map((slot) => ({
        lun: slot.lun,
        ...renderSlot(state, slot, false),
        toBeDetached: false,
      })),
      diskControllerType: "SCSI",
    },
    networkProfile: {
      networkInterfaces: vm.networkInterfaceIds.map((id, index) =>
        vm.networkInterfaceIds.length > 1 ? { id, properties: { primary: index === 0 } } : { id },
      ),
    },
  };
  if (vm.securityProfile !== undefined) properties.securityProfile = vm.securityProfile;
  if (vm.licenseType !== undefined) properties.licenseType = vm.licenseType;
  if (options.userData === true && vm.userData !== undefined) properties.userData = vm.userData;
  if (options.instanceView === true) properties.instanceView = renderInstanceView(vm, context);
  properties.provisioningState = vm.provisioningState;
  properties.timeCreated = vm.timeCreated;
  const body: Record<string, unknown> = { name: vm.name, id: vm.id, type: VM_TYPE, location: vm.location };
  if (Object.keys(vm.tags).length > 0) body.tags = vm.tags;
  if (vm.zone !== undefined) body.zones = [vm.zone];
  body.properties = properties;
  return body;
}
