/**
 * Virtual machines (Compute RP): PUT (create 201 / update 200, both long-running), PATCH (see
 * vmUpdate.ts), GET with `$expand=instanceView|userData`, instance view, list by resource group and
 * subscription (vmListing.ts),
 * DELETE (LRO, detaching or deleting disks by their `deleteOption`), and the power actions
 * `start`, `powerOff` and `deallocate` (LROs). Enough of a VM for restore points to capture it and
 * for a restore to rebuild one from restored disks or swap the disks of a deallocated one.
 */
import { randomUUID } from "node:crypto";
import { checkName } from "../rules/namesAndVersions.js";
import { armErrors } from "../armErrors.js";
import type { ArmRequest, ArmResponse, HandlerContext } from "../http.js";
import { azureTimestamp, type OperationEngine } from "../operations.js";
import type { RouteDefinition } from "../router.js";
import { keyOf, normalizeLocation, sameId, type EmulatorState, type VirtualMachineRecord } from "../state.js";
import {
  isObject,
  objectAt,
  optionalString,
  readTags,
  requireLocation,
  requireObjectBody,
  requireResourceGroup,
  type JsonObject,
} from "./common.js";
import { readZone } from "./diskModel.js";
import {
  applyPeriodicSwitch,
  checkPeriodicSwitch,
  readPeriodicSwitch,
  renderVmForApiVersion,
} from "./periodicRestorePoints.js";
import { listVirtualMachines } from "./vmListing.js";
import { patchedVmBody } from "./vmUpdate.js";
import {
  renderInstanceView,
  renderVirtualMachine,
  slotDeleteOption,
  VM_TYPE,
  vmResourceId,
} from "./vmRender.js";
import { planNetwork, planStorage, type VmPlace } from "./vmValidation.js";

export { renderVirtualMachine } from "./vmRender.js";

/** Azure's rule for VM resource names (the 15-character Windows limit applies to computerName only). */
function checkVmName(name: string): void {
  checkName("virtualMachine", name);
}

function requireVm(context: HandlerContext, resourceGroup: string, name: string): VirtualMachineRecord {
  const group = requireResourceGroup(context, resourceGroup);
  const vm =
    context.state.virtualMachines[keyOf(vmResourceId(context.options.subscriptionId, group.name, name))];
  if (vm === undefined) throw armErrors.resourceNotFound(VM_TYPE, name, resourceGroup);
  return vm;
}

function readVmSize(properties: JsonObject, current: string | undefined): string {
  const hardware = objectAt(properties, "hardwareProfile", "hardwareProfile");
  const size = optionalString(hardware, "vmSize", "hardwareProfile.vmSize") ?? current;
  if (size === undefined || size === "") throw armErrors.missingParameter("hardwareProfile.vmSize");
  if (!/^(Standard|Basic)_\w+$/i.test(size)) {
    throw armErrors.invalidParameter(
      "hardwareProfile.vmSize",
      `The requested VM size '${size}' is not available in this emulator's catalogue.`,
    );
  }
  return size;
}

function readUserData(properties: JsonObject): string | undefined {
  const userData = optionalString(properties, "userData", "userData");
  if (
    userData !== undefined &&
    (!/^[A-Za-z0-9+/]*={0,2}$/.test(userData) || userData.length % 4 !== 0 || userData.length > 87384)
  ) {
    throw armErrors.invalidParameter("userData", "userData must be base64 of at most 64 KB.");
  }
  return userData;
}

function readSecurityProfile(properties: JsonObject): Record<string, unknown> | undefined {
  const value = properties.securityProfile;
  if (value === undefined || value === null) return undefined;
  if (!isObject(value))
    throw armErrors.invalidParameter("securityProfile", "Property 'securityProfile' must be an object.");
  return value;
}

const DEALLOCATE_FIRST = "the VM is not deallocated; deallocate it first";

function put(request: ArmRequest, context: HandlerContext): ArmResponse {
  const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
  const name = request.params.vmName ?? "";
  checkVmName(name);
  const body = requireObjectBody(request);
  const location = normalizeLocation(requireLocation(body));
  const properties = objectAt(body, "properties", "properties");
  const id = vmResourceId(context.options.subscriptionId, group.name, name);
  const current = context.state.virtualMachines[keyOf(id)];
  const zone = readZone(body);
  if (current !== undefined) {
    if (location !== current.location)
      throw armErrors.invalidResourceLocation(name, current.location, group.name, location);
    if (current.provisioningState === "Deleting")
      throw armErrors.vmOperationNotAllowed("update", name, "it is marked for deletion");
    if (body.zones !== undefined && zone !== current.zone) throw armErrors.propertyChangeNotAllowed("zones");
  }
  const place: VmPlace = {
    id: current?.id ?? id,
    name,
    resourceGroup: group.name,
    location,
    zone: current?.zone ?? zone,
  };
  const vmSize = readVmSize(properties, current?.vmSize);
  const tags = readTags(body);
  const licenseType = optionalString(properties, "licenseType", "licenseType");
  const userData = readUserData(properties);
  const securityProfile = readSecurityProfile(properties);
  const periodic = readPeriodicSwitch(properties, request.apiVersion);
  const storage = planStorage(context, properties, place, current);
  const network = planNetwork(context, properties, place, current);
  if (current !== undefined && (storage.changed || network.changed) && current.powerState !== "deallocated") {
    throw armErrors.vmOperationNotAllowed("update", name, DEALLOCATE_FIRST);
  }
  const plannedDisks = [storage.osDisk, ...storage.dataDisks].flatMap((planned) => planned.newDisk ?? []);
  checkPeriodicSwitch(
    context,
    {
      name,
      location,
      osDisk: storage.osDisk.slot,
      dataDisks: storage.dataDisks.map((planned) => planned.slot),
      diskOf: (diskId) =>
        plannedDisks.find((disk) => sameId(disk.id, diskId)) ?? context.state.disks[keyOf(diskId)],
    },
    current,
    periodic,
  );

  // Everything is valid: release what the VM no longer uses, then take what it now uses.
  const state = context.state;
  if (current !== undefined) {
    for (const slot of [current.osDisk, ...current.dataDisks])
      setDiskOwner(state, slot.diskId, undefined, current.id);
    for (const nicId of current.networkInterfaceIds) setNicOwner(state, nicId, undefined, current.id);
  }
  for (const planned of [storage.osDisk, ...storage.dataDisks]) {
    if (planned.newDisk !== undefined) state.disks[keyOf(planned.newDisk.id)] = planned.newDisk;
    setDiskOwner(state, planned.slot.diskId, place.id, undefined);
  }
  for (const nic of network.nics) nic.virtualMachineId = place.id;
  const fields = {
    vmSize,
    osType: storage.osType,
    hyperVGeneration: storage.hyperVGeneration,
    osDisk: storage.osDisk.slot,
    dataDisks: storage.dataDisks.map((planned) => planned.slot),
    networkInterfaceIds: network.nics.map((nic) => nic.id),
  };
  let vm: VirtualMachineRecord;
  if (current === undefined) {
    vm = {
      id,
      name,
      resourceGroup: group.name,
      location,
      vmId: randomUUID(),
      ...fields,
      powerState: "running",
      provisioningState: "Creating",
      timeCreated: azureTimestamp(context.now),
      tags: tags ?? {},
      entitySequence: 1,
    };
    if (zone !== undefined) vm.zone = zone;
    state.virtualMachines[keyOf(id)] = vm;
  } else {
    vm = current;
    // Tags and the Basic data protection switch are not the VM's model: an update of only those
    // leaves a restore point being captured alone.
    const modelChanged =
      storage.changed ||
      network.changed ||
      vmSize !== current.vmSize ||
      (licenseType !== undefined && licenseType !== current.licenseType) ||
      (userData !== undefined && userData !== current.userData) ||
      (securityProfile !== undefined &&
        JSON.stringify(securityProfile) !== JSON.stringify(current.securityProfile));
    Object.assign(vm, fields);
    vm.provisioningState = "Updating";
    if (modelChanged) vm.entitySequence += 1;
    if (tags !== undefined) vm.tags = tags;
  }
  if (licenseType !== undefined) vm.licenseType = licenseType;
  if (userData !== undefined) vm.userData = userData;
  if (securityProfile !== undefined) vm.securityProfile = securityProfile;
  applyPeriodicSwitch(vm, periodic, context);
  const op = context.operations.start(context, {
    family: "operations",
    location,
    apiVersion: request.apiVersion,
    effect: { type: "vm.put", targetId: vm.id },
  });
  return {
    status: current === undefined ? 201 : 200,
    headers: context.operations.acceptedHeaders(context, op, false),
    body: renderVmForApiVersion(vm, context, request.apiVersion),
  };
}

/** PATCH: the PUT of the VM's model with the request merged in (vmUpdate.ts); always 200. */
function patch(request: ArmRequest, context: HandlerContext): ArmResponse {
  const vm = requireVm(context, request.params.resourceGroupName ?? "", request.params.vmName ?? "");
  const current = renderVmForApiVersion(vm, context, request.apiVersion, { userData: true });
  const body = patchedVmBody(current, requireObjectBody(request));
  return { ...put({ ...request, body }, context), status: 200 };
}

/** Sets a disk's owner; with `onlyIf`, only when the disk is currently owned by that VM. */
function setDiskOwner(
  state: EmulatorState,
  id: string | undefined,
  owner: string | undefined,
  onlyIf: string | undefined,
): void {
  const disk = id === undefined ? undefined : state.disks[keyOf(id)];
  if (disk === undefined || (onlyIf !== undefined && !sameId(disk.managedBy, onlyIf))) return;
  if (owner === undefined) delete disk.managedBy;
  else disk.managedBy = owner;
}

function setNicOwner(
  state: EmulatorState,
  id: string,
  owner: string | undefined,
  onlyIf: string | undefined,
): void {
  const nic = state.networkInterfaces[keyOf(id)];
  if (nic === undefined || (onlyIf !== undefined && !sameId(nic.virtualMachineId, onlyIf))) return;
  if (owner === undefined) delete nic.virtualMachineId;
  else nic.virtualMachineId = owner;
}

function get(request: ArmRequest, context: HandlerContext): ArmResponse {
  const vm = requireVm(context, request.params.resourceGroupName ?? "", request.params.vmName ?? "");
  const expand = request.query.get("$expand");
  const value = expand?.toLowerCase();
  if (expand !== null && value !== "instanceview" && value !== "userdata") {
    throw armErrors.invalidParameter(
      "$expand",
      `The value '${expand}' of '$expand' is invalid; allowed values are 'instanceView' and 'userData'.`,
    );
  }
  return {
    status: 200,
    body: renderVmForApiVersion(vm, context, request.apiVersion, {
      instanceView: value === "instanceview",
      userData: value === "userdata",
    }),
  };
}

function instanceView(request: ArmRequest, context: HandlerContext): ArmResponse {
  const vm = requireVm(context, request.params.resourceGroupName ?? "", request.params.vmName ?? "");
  return { status: 200, body: renderInstanceView(vm, context) };
}

function remove(request: ArmRequest, context: HandlerContext): ArmResponse {
  const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
  const id = vmResourceId(context.options.subscriptionId, group.name, request.params.vmName ?? "");
  const vm = context.state.virtualMachines[keyOf(id)];
  // ARM answers a delete of something that is not there with 204, not 404.
  if (vm === undefined) return { status: 204 };
  vm.provisioningState = "Deleting";
  const op = context.operations.start(context, {
    family: "operations",
    location: vm.location,
    apiVersion: request.apiVersion,
    effect: { type: "vm.delete", targetId: vm.id },
  });
  return { status: 202, headers: context.operations.acceptedHeaders(context, op, true) };
}

type PowerAction = "start" | "powerOff" | "deallocate";
const POWER_TARGET: Record<PowerAction, VirtualMachineRecord["powerState"]> = {
  start: "running",
  powerOff: "stopped",
  deallocate: "deallocated",
};

function powerAction(action: PowerAction) {
  return (request: ArmRequest, context: HandlerContext): ArmResponse => {
    const vm = requireVm(context, request.params.resourceGroupName ?? "", request.params.vmName ?? "");
    if (vm.provisioningState === "Deleting")
      throw armErrors.vmOperationNotAllowed(action, vm.name, "it is marked for deletion");
    if (action === "powerOff" && vm.powerState === "deallocated") {
      throw armErrors.vmOperationNotAllowed(action, vm.name, "the VM is deallocated");
    }
    const op = context.operations.start(context, {
      family: "operations",
      location: vm.location,
      apiVersion: request.apiVersion,
      effect: { type: "vm.power", targetId: vm.id, data: { powerState: POWER_TARGET[action] } },
    });
    return { status: 202, headers: context.operations.acceptedHeaders(context, op, true) };
  };
}

export function registerVirtualMachinesEffects(engine: OperationEngine): void {
  engine.register("vm.put", (state, effect, outcome, context) => {
    const vm = state.virtualMachines[keyOf(effect.targetId)];
    if (vm === undefined || vm.provisioningState === "Deleting") return undefined;
    if (outcome.error !== undefined) {
      vm.provisioningState = "Failed";
      return undefined;
    }
    vm.provisioningState = "Succeeded";
    return renderVirtualMachine(vm, context);
  });
  engine.register("vm.delete", (state, effect, outcome) => {
    const vm = state.virtualMachines[keyOf(effect.targetId)];
    if (vm === undefined) return undefined;
    if (outcome.error !== undefined) {
      vm.provisioningState = "Failed";
      return undefined;
    }
    for (const slot of [vm.osDisk, ...vm.dataDisks]) {
      const disk = slot.diskId === undefined ? undefined : state.disks[keyOf(slot.diskId)];
      if (disk === undefined || !sameId(disk.managedBy, vm.id)) continue;
      if (slotDeleteOption(slot) === "Delete") Reflect.deleteProperty(state.disks, keyOf(disk.id));
      else delete disk.managedBy;
    }
    for (const nicId of vm.networkInterfaceIds) setNicOwner(state, nicId, undefined, vm.id);
    Reflect.deleteProperty(state.virtualMachines, keyOf(vm.id));
    return undefined;
  });
  engine.register("vm.power", (state, effect, outcome) => {
    const vm = state.virtualMachines[keyOf(effect.targetId)];
    const target = effect.data?.powerState;
    if (vm === undefined || outcome.error !== undefined || vm.provisioningState === "Deleting")
      return undefined;
    if (target === "running" || target === "stopped" || target === "deallocated") vm.powerState = target;
    return undefined;
  });
}

const RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute";
const VM = `${RG}/virtualMachines/{vmName}`;

function action(path: string, name: PowerAction): RouteDefinition {
  return {
    pattern: `${VM}/${path}`,
    family: "compute",
    resourceType: VM_TYPE,
    throttleGroup: "vm",
    methods: { POST: powerAction(name) },
  };
}

export const vmRoutes: RouteDefinition[] = [
  {
    pattern: VM,
    family: "compute",
    resourceType: VM_TYPE,
    throttleGroup: "vm",
    methods: { PUT: put, PATCH: patch, GET: get, DELETE: remove },
  },
  {
    pattern: `${VM}/instanceView`,
    family: "compute",
    resourceType: VM_TYPE,
    throttleGroup: "vmRead",
    methods: { GET: instanceView },
  },
  action("start", "start"),
  action("powerOff", "powerOff"),
  action("deallocate", "deallocate"),
  {
    pattern: `${RG}/virtualMachines`,
    family: "compute",
    resourceType: VM_TYPE,
    throttleGroup: "vmRead",
    methods: {
      GET: (request, context) => {
        const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
        return listVirtualMachines(request, context, keyOf(group.id));
      },
    },
  },
  {
    pattern: "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/virtualMachines",
    family: "compute",
    resourceType: VM_TYPE,
    throttleGroup: "vmRead",
    methods: { GET: (request, context) => listVirtualMachines(request, context, undefined) },
  },
];
