/**
 * VM update bodies of the in-place restore, made from the VM as a GET returned it: one with the
 * restored disks swapped in, and one with the original disks back (the rollback).
 */
import { arrayAt, isJsonObject, numberAt, objectAt, stringAt } from "../internal/json.js";
import type { JsonObject } from "../internal/json.js";

// Server-only fields of a VM: a PUT must not echo them.
const READ_ONLY_PROPERTIES = new Set(["provisioningState", "vmId", "timeCreated", "instanceView"]);
const TOP_LEVEL = ["location", "tags", "zones", "plan", "identity", "extendedLocation"] as const;

/** A disk slot of the VM as it is. */
export interface VmDiskSlot {
  readonly lun: number | undefined;
  readonly diskId: string | undefined;
  readonly entry: JsonObject;
}

/** The OS disk and data disks of a VM body. */
export function diskSlotsOf(vm: JsonObject): { osDisk: VmDiskSlot; dataDisks: VmDiskSlot[] } {
  const storage = objectAt(objectAt(vm, "properties"), "storageProfile");
  const slot = (entry: JsonObject): VmDiskSlot => ({
    lun: numberAt(entry, "lun"),
    diskId: stringAt(objectAt(entry, "managedDisk"), "id"),
    entry,
  });
  return {
    osDisk: slot(objectAt(storage, "osDisk") ?? {}),
    dataDisks: arrayAt(storage, "dataDisks").filter(isJsonObject).map(slot),
  };
}

/** A restored disk to attach. */
export interface SwapDisk {
  readonly id: string;
  readonly name: string;
  /** Caching for a LUN the VM does not have yet (an existing LUN keeps its own). */
  readonly caching: string | undefined;
}

/**
 * The VM with the restored disks: the OS disk keeps its entry and `createOption` (Azure refuses a
 * change with 409 PropertyChangeNotAllowed) and gets the new `managedDisk.id` and name, as `az vm
 * update --os-disk` does; each data disk at a restored LUN is replaced by an `Attach` of the
 * restored disk with the slot's caching and settings; other LUNs stay as they are.
 */
export function swappedVmBody(
  vm: JsonObject,
  os: SwapDisk | undefined,
  data: ReadonlyMap<number, SwapDisk>,
): JsonObject {
  const { osDisk, dataDisks } = diskSlotsOf(vm);
  const luns = new Set(dataDisks.map((d) => d.lun));
  const swapped = dataDisks.map((slot) => {
    const disk = slot.lun === undefined ? undefined : data.get(slot.lun);
    return slot.lun === undefined || disk === undefined
      ? slot.entry
      : attachEntry(slot.entry, slot.lun, disk);
  });
  for (const [lun, disk] of data) {
    if (!luns.has(lun)) swapped.push(attachEntry({}, lun, disk));
  }
  const osEntry =
    os === undefined
      ? osDisk.entry
      : { ...withoutSizes(osDisk.entry), name: os.name, managedDisk: { id: os.id } };
  return updateBody(vm, { osDisk: osEntry, dataDisks: swapped });
}

/**
 * The VM as it was: its original OS disk entry and its original data disks, those at restored
 * LUNs attached again (`Attach`: an `Empty` entry would create a new disk); LUNs the restore
 * added are left out, which detaches them.
 */
export function originalVmBody(vm: JsonObject, restoredLuns: ReadonlySet<number>): JsonObject {
  const { osDisk, dataDisks } = diskSlotsOf(vm);
  const entries = dataDisks.map((slot) =>
    slot.lun !== undefined && restoredLuns.has(slot.lun) && slot.diskId !== undefined
      ? { ...withoutSizes(slot.entry), createOption: "Attach", managedDisk: { id: slot.diskId } }
      : slot.entry,
  );
  return updateBody(vm, { osDisk: withoutSizes(osDisk.entry), dataDisks: entries });
}

function attachEntry(current: JsonObject, lun: number, disk: SwapDisk): JsonObject {
  const caching = stringAt(current, "caching") ?? disk.caching;
  return {
    ...withoutSizes(current),
    lun,
    name: disk.name,
    createOption: "Attach",
    ...(caching === undefined ? {} : { caching }),
    managedDisk: { id: disk.id },
  };
}

/** Drops what describes the old disk rather than the slot (size, performance, SKU). */
function withoutSizes(entry: JsonObject): Record<string, unknown> {
  const {
    diskSizeGB: _size,
    diskIOPSReadWrite: _iops,
    diskMBpsReadWrite: _mbps,
    toBeDetached: _detach,
    ...rest
  } = entry;
  return rest;
}

function updateBody(vm: JsonObject, disks: { osDisk: JsonObject; dataDisks: JsonObject[] }): JsonObject {
  const properties = objectAt(vm, "properties") ?? {};
  const kept = Object.fromEntries(
    Object.entries(properties).filter(([key]) => !READ_ONLY_PROPERTIES.has(key)),
  );
  const storage = objectAt(properties, "storageProfile") ?? {};
  const body: Record<string, unknown> = {};
  for (const key of TOP_LEVEL) if (vm[key] !== undefined) body[key] = vm[key];
  body["properties"] = { ...kept, storageProfile: { ...storage, ...disks } };
  return body;
}
