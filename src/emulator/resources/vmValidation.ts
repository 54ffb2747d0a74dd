/**
 * Reads a VM PUT body into a plan, checking everything it refers to, without changing the state:
 * the handler applies the plan only once all of it is known to be valid.
 *
 * Targets in errors use the Compute RP's short form (`osDisk.createOption`, `dataDisks[1].lun`).
 */
import { armErrors } from "../armErrors.js";
import type { HandlerContext } from "../http.js";
import {
  keyOf,
  normalizeLocation,
  sameId,
  type NetworkInterfaceRecord,
  type OsType,
  type VirtualMachineRecord,
  type VmDataDiskSlot,
  type VmDiskSlot,
} from "../state.js";
import {
  isObject,
  objectAt,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
  type JsonObject,
} from "./common.js";
import { parseOsType, referenceId } from "./diskModel.js";
import {
  attachable,
  planNewDataDisk,
  planNewOsDisk,
  slotSettings,
  type PlannedSlot,
  type VmPlace,
} from "./vmDiskPlans.js";
import { slotCreateOption } from "./vmRender.js";

export type { PlannedSlot, VmPlace } from "./vmDiskPlans.js";

export interface StoragePlan {
  readonly osType: OsType;
  readonly hyperVGeneration: "V1" | "V2";
  readonly osDisk: PlannedSlot<VmDiskSlot>;
  readonly dataDisks: PlannedSlot<VmDataDiskSlot>[];
  /** Whether an existing VM's disks change (a swap, an attach or a detach). */
  readonly changed: boolean;
}

function readLun(entry: JsonObject, target: string, seen: Set<number>): number {
  const lun = optionalInteger(entry, "lun", `${target}.lun`);
  if (lun === undefined) throw armErrors.missingParameter(`${target}.lun`);
  if (lun < 0 || lun > 63)
    throw armErrors.invalidParameter(`${target}.lun`, `LUN ${lun} is invalid: it must be 0 to 63.`);
  if (seen.has(lun))
    throw armErrors.invalidParameter(`${target}.lun`, `A data disk at LUN ${lun} is given more than once.`);
  seen.add(lun);
  return lun;
}

/** Whether a body entry names the data disk already at its LUN (a GET-modify-PUT round trip). */
function sameDataDisk(entry: JsonObject, target: string, current: VmDataDiskSlot): boolean {
  const id = referenceId(entry, "managedDisk", `${target}.managedDisk`);
  if (id !== undefined) return sameId(id, current.diskId);
  const vhd = objectAt(entry, "vhd", `${target}.vhd`);
  if (typeof vhd.uri === "string") return vhd.uri === current.vhdUri;
  const name = optionalString(entry, "name", `${target}.name`);
  const createOption = optionalString(entry, "createOption", `${target}.createOption`);
  return (
    createOption?.toLowerCase() !== "attach" &&
    name !== undefined &&
    name.toLowerCase() === current.name.toLowerCase()
  );
}

function planDataDisks(
  context: HandlerContext,
  storage: JsonObject,
  place: VmPlace,
  current: VirtualMachineRecord | undefined,
  taken: Set<string>,
): { planned: PlannedSlot<VmDataDiskSlot>[]; changed: boolean } {
  const list = storage.dataDisks;
  if ((list === undefined || list === null) && current !== undefined) {
    return { planned: current.dataDisks.map((slot) => ({ slot })), changed: false };
  }
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    throw armErrors.invalidParameter("dataDisks", "Property 'dataDisks' must be an array.");
  }
  const seen = new Set<number>();
  const planned: PlannedSlot<VmDataDiskSlot>[] = [];
  let changed = false;
  let kept = 0;
  for (const [index, entry] of ((list ?? []) as unknown[]).entries()) {
    const target = `dataDisks[${index}]`;
    if (!isObject(entry)) throw armErrors.invalidParameter(target, `Property '${target}' must be an object.`);
    if (optionalBoolean(entry, "toBeDetached", `${target}.toBeDetached`) === true) continue;
    const lun = readLun(entry, target, seen);
    const existing = current?.dataDisks.find((slot) => slot.lun === lun);
    if (existing !== undefined && sameDataDisk(entry, target, existing)) {
      planned.push({ slot: { ...existing, ...slotSettings(entry, target, existing.caching) } });
      kept += 1;
      continue;
    }
    changed = true;
    planned.push(planNewDataDisk(context, entry, lun, target, place, taken));
  }
  // A LUN of the VM that the body no longer lists (or lists with another disk) is a detach.
  return { planned, changed: changed || kept < (current?.dataDisks.length ?? 0) };
}

/** An existing VM's OS disk entry: unchanged, or swapped for another disk (`osDisk.managedDisk.id`). */
function planOsDiskUpdate(
  context: HandlerContext,
  osDisk: JsonObject,
  place: VmPlace,
  current: VirtualMachineRecord,
): { planned: PlannedSlot<VmDiskSlot>; osType: OsType; hyperVGeneration: "V1" | "V2"; swapped: boolean } {
  const target = "osDisk";
  const slot = current.osDisk;
  const createOption = optionalString(osDisk, "createOption", `${target}.createOption`);
  // Azure refuses a swap sent with createOption 'Attach' on a VM created 'FromImage' (azure-sdk-for-net#37285).
  if (
    createOption !== undefined &&
    createOption.toLowerCase() !== slotCreateOption(slot, true).toLowerCase()
  ) {
    throw armErrors.propertyChangeNotAllowed(`${target}.createOption`);
  }
  const settings = slotSettings(osDisk, target, slot.caching);
  const kept = {
    ...(slot.deleteOption === undefined ? {} : { deleteOption: slot.deleteOption }),
    ...settings,
  };
  const id = referenceId(osDisk, "managedDisk", `${target}.managedDisk`);
  const name = optionalString(osDisk, "name", `${target}.name`);
  if (id === undefined || sameId(id, slot.diskId)) {
    if (name !== undefined && name.toLowerCase() !== slot.name.toLowerCase())
      throw armErrors.propertyChangeNotAllowed(`${target}.name`);
    return {
      planned: { slot: { ...slot, ...kept } },
      osType: current.osType,
      hyperVGeneration: current.hyperVGeneration,
      swapped: false,
    };
  }
  if (slot.diskId === undefined) throw armErrors.propertyChangeNotAllowed(`${target}.managedDisk.id`);
  const disk = attachable(context, id, place, `${target}.managedDisk.id`);
  const osType = disk.osType ?? parseOsType(osDisk.osType, `${target}.osType`);
  if (osType === undefined) {
    throw armErrors.invalidParameter(
      `${target}.osType`,
      `Disk '${disk.name}' has no osType, so it cannot become the OS disk.`,
    );
  }
  return {
    planned: { slot: { ...slot, ...kept, diskId: disk.id, name: disk.name } },
    osType,
    hyperVGeneration: disk.hyperVGeneration ?? current.hyperVGeneration,
    swapped: true,
  };
}

export function planStorage(
  context: HandlerContext,
  properties: JsonObject,
  place: VmPlace,
  current: VirtualMachineRecord | undefined,
): StoragePlan {
  const storage = objectAt(properties, "storageProfile", "storageProfile");
  const taken = new Set<string>();
  const osDiskBody = objectAt(storage, "osDisk", "osDisk");
  let os: {
    planned: PlannedSlot<VmDiskSlot>;
    osType: OsType;
    hyperVGeneration: "V1" | "V2";
    swapped?: boolean;
  };
  if (current === undefined) {
    if (Object.keys(osDiskBody).length === 0) throw armErrors.missingParameter("osDisk");
    os = planNewOsDisk(context, storage, osDiskBody, place, taken);
  } else {
    os =
      storage.osDisk === undefined || storage.osDisk === null
        ? {
            planned: { slot: current.osDisk },
            osType: current.osType,
            hyperVGeneration: current.hyperVGeneration,
          }
        : planOsDiskUpdate(context, osDiskBody, place, current);
  }
  const data = planDataDisks(context, storage, place, current, taken);
  const used = new Set<string>();
  for (const { slot } of [os.planned, ...data.planned]) {
    if (slot.diskId === undefined) continue;
    if (used.has(keyOf(slot.diskId))) {
      throw armErrors.invalidParameter(
        "storageProfile",
        `Disk '${slot.name}' is used more than once by virtual machine '${place.name}'.`,
      );
    }
    used.add(keyOf(slot.diskId));
  }
  return {
    osType: os.osType,
    hyperVGeneration: os.hyperVGeneration,
    osDisk: os.planned,
    dataDisks: [...data.planned].sort((a, b) => a.slot.lun - b.slot.lun),
    changed: os.swapped === true || data.changed,
  };
}

/** The NICs of the VM: each must exist, be in its region and not belong to another VM. */
export function planNetwork(
  context: HandlerContext,
  properties: JsonObject,
  place: VmPlace,
  current: VirtualMachineRecord | undefined,
): { nics: NetworkInterfaceRecord[]; changed: boolean } {
  const network = objectAt(properties, "networkProfile", "networkProfile");
  const list = network.networkInterfaces;
  if ((list === undefined || list === null) && current !== undefined) {
    const nics = current.networkInterfaceIds.flatMap(
      (id) => context.state.networkInterfaces[keyOf(id)] ?? [],
    );
    return { nics, changed: false };
  }
  if (!Array.isArray(list) || list.length === 0)
    throw armErrors.missingParameter("networkProfile.networkInterfaces");
  const nics = (list as unknown[]).map((entry, index) => {
    const target = `networkProfile.networkInterfaces[${index}].id`;
    const id = requiredString(isObject(entry) ? entry : {}, "id", target);
    const nic = context.state.networkInterfaces[keyOf(id)];
    if (nic === undefined) throw armErrors.linkedResourceNotFound(id, target);
    if (nic.virtualMachineId !== undefined && !sameId(nic.virtualMachineId, place.id)) {
      throw armErrors.resourceInUse("Network interface", nic.name, nic.virtualMachineId);
    }
    if (normalizeLocation(nic.location) !== place.location) {
      throw armErrors.invalidParameter(
        target,
        `Network interface '${nic.name}' is in '${nic.location}', not in the region of virtual machine '${place.name}' ('${place.location}').`,
      );
    }
    return nic;
  });
  if (new Set(nics.map((nic) => keyOf(nic.id))).size !== nics.length) {
    throw armErrors.invalidParameter(
      "networkProfile.networkInterfaces",
      "A network interface is listed more than once.",
    );
  }
  const changed =
    current !== undefined &&
    (current.networkInterfaceIds.length !== nics.length ||
      current.networkInterfaceIds.some((id, index) => !sameId(id, nics[index]?.id)));
  return { nics, changed };
}
