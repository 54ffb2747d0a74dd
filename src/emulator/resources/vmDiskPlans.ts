/**
 * The disk slots of a VM PUT that add a disk: an OS disk from an image or attached, a data disk
 * attached or created (`Empty`, or `Restore`/`Copy` from a disk restore point or disk), with the
 * checks every disk a VM takes must pass. Disks to create are returned, not stored.
 */
import { randomUUID } from "node:crypto";
import { armErrors } from "../armErrors.js";
import type { HandlerContext } from "../http.js";
import { azureTimestamp } from "../operations.js";
import {
  keyOf,
  normalizeLocation,
  sameId,
  type Caching,
  type DiskRecord,
  type OsType,
  type VmDataDiskSlot,
  type VmDiskSlot,
} from "../state.js";
import {
  objectAt,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
  type JsonObject,
} from "./common.js";
import {
  checkDiskSize,
  diskId,
  parseChoice,
  parseOsType,
  parseSku,
  referenceId,
  resolveDiskSource,
  sizeFromSource,
} from "./diskModel.js";

/** Where the VM lives, as the disks and NICs it uses must match. */
export interface VmPlace {
  readonly id: string;
  readonly name: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly zone: string | undefined;
}

export interface PlannedSlot<S extends VmDiskSlot> {
  readonly slot: S;
  /** A disk the VM creates (FromImage, Empty, Restore, Copy). */
  readonly newDisk?: DiskRecord;
}

const CACHING: readonly Caching[] = ["None", "ReadOnly", "ReadWrite"];
const DELETE_OPTIONS = ["Delete", "Detach"] as const;

/** The parts every disk entry of a storage profile shares. */
export function slotSettings(entry: JsonObject, target: string, defaultCaching: Caching) {
  const deleteOption = parseChoice(entry.deleteOption, DELETE_OPTIONS, `${target}.deleteOption`);
  return {
    caching: parseChoice(entry.caching, CACHING, `${target}.caching`) ?? defaultCaching,
    writeAcceleratorEnabled:
      optionalBoolean(entry, "writeAcceleratorEnabled", `${target}.writeAcceleratorEnabled`) ?? false,
    ...(deleteOption === undefined ? {} : { deleteOption }),
  };
}

/** An existing disk that this VM may take: free (or already its own), idle, in its region and zone. */
export function attachable(context: HandlerContext, id: string, place: VmPlace, target: string): DiskRecord {
  const disk = context.state.disks[keyOf(id)];
  if (disk === undefined) throw armErrors.linkedResourceNotFound(id, target);
  if (disk.managedBy !== undefined && !sameId(disk.managedBy, place.id)) {
    throw armErrors.resourceInUse("Disk", disk.name, disk.managedBy);
  }
  if (disk.provisioningState !== "Succeeded") {
    throw armErrors.diskOperationNotAllowed(
      disk.name,
      `its provisioning state is '${disk.provisioningState}'`,
    );
  }
  if (normalizeLocation(disk.location) !== place.location) {
    throw armErrors.invalidParameter(
      target,
      `Disk '${disk.name}' is in '${disk.location}' and cannot be attached to virtual machine '${place.name}' in '${place.location}'.`,
    );
  }
  const zoneRedundant = disk.sku.endsWith("_ZRS");
  if (!zoneRedundant && disk.zone !== place.zone) {
    throw armErrors.invalidParameter(
      target,
      `Disk '${disk.name}' is in zone '${disk.zone ?? ""}' and cannot be attached to virtual machine '${place.name}' in zone '${place.zone ?? ""}'.`,
    );
  }
  return disk;
}

/** A disk the VM creates for a slot, checked against the names already taken. */
function newDisk(
  context: HandlerContext,
  place: VmPlace,
  name: string,
  fields: Pick<DiskRecord, "sku" | "sizeGB" | "createOption"> & Partial<DiskRecord>,
  taken: Set<string>,
): DiskRecord {
  const id = diskId(context.options.subscriptionId, place.resourceGroup, name);
  if (context.state.disks[keyOf(id)] !== undefined || taken.has(keyOf(id)))
    throw armErrors.alreadyExists("Disk", name);
  taken.add(keyOf(id));
  return {
    id,
    name,
    resourceGroup: place.resourceGroup,
    location: place.location,
    ...(place.zone === undefined ? {} : { zone: place.zone }),
    managedBy: place.id,
    provisioningState: "Succeeded",
    uniqueId: randomUUID(),
    timeCreated: azureTimestamp(context.now),
    encryptionType: "EncryptionAtRestWithPlatformKey",
    networkAccessPolicy: "AllowAll",
    tags: {},
    ...fields,
  };
}

function hex(): string {
  return randomUUID().replace(/-/g, "");
}

export function planNewOsDisk(
  context: HandlerContext,
  storage: JsonObject,
  osDisk: JsonObject,
  place: VmPlace,
  taken: Set<string>,
): { planned: PlannedSlot<VmDiskSlot>; osType: OsType; hyperVGeneration: "V1" | "V2" } {
  const target = "osDisk";
  const settings = slotSettings(osDisk, target, "ReadWrite");
  const createOption = requiredString(osDisk, "createOption", `${target}.createOption`);
  const givenOsType = parseOsType(osDisk.osType, `${target}.osType`);
  if (osDisk.vhd !== undefined || osDisk.diffDiskSettings !== undefined) {
    throw armErrors.invalidParameter(
      target,
      "Unmanaged (vhd) and ephemeral (diffDiskSettings) OS disks are not modelled by PUT; create such VMs with emu.addVm.",
    );
  }
  const managed = objectAt(osDisk, "managedDisk", `${target}.managedDisk`);
  if (createOption.toLowerCase() === "attach") {
    const id = referenceId(osDisk, "managedDisk", `${target}.managedDisk`);
    if (id === undefined) throw armErrors.missingParameter(`${target}.managedDisk.id`);
    const disk = attachable(context, id, place, `${target}.managedDisk.id`);
    const osType = disk.osType ?? givenOsType;
    if (osType === undefined) {
      throw armErrors.invalidParameter(
        `${target}.osType`,
        `Disk '${disk.name}' has no osType, so it cannot be attached as an OS disk.`,
      );
    }
    return {
      planned: { slot: { diskId: disk.id, name: disk.name, createOption: "Attach", ...settings } },
      osType,
      hyperVGeneration: disk.hyperVGeneration ?? "V1",
    };
  }
  if (createOption.toLowerCase() !== "fromimage") {
    throw armErrors.invalidParameter(
      `${target}.createOption`,
      `createOption '${createOption}' is not supported for an OS disk; use 'FromImage' or 'Attach'.`,
    );
  }
  const image = objectAt(storage, "imageReference", "imageReference");
  if (Object.keys(image).length === 0) throw armErrors.missingParameter("imageReference");
  if (managed.id !== undefined) {
    throw armErrors.invalidParameter(
      `${target}.managedDisk.id`,
      "An OS disk created from an image cannot name an existing managed disk; use createOption 'Attach'.",
    );
  }
  const describe = ["publisher", "offer", "sku", "id"]
    .map((key) => (typeof image[key] === "string" ? image[key] : ""))
    .join(" ");
  const osType = givenOsType ?? (/windows/i.test(describe) ? "Windows" : "Linux");
  const hyperVGeneration = /gen2|-g2\b|_g2\b/i.test(describe) ? "V2" : "V1";
  const sku =
    parseSku(managed.storageAccountType, `${target}.managedDisk.storageAccountType`) ?? "Premium_LRS";
  const sizeGB =
    optionalInteger(osDisk, "diskSizeGB", `${target}.diskSizeGB`) ?? (osType === "Windows" ? 127 : 30);
  checkDiskSize(sizeGB, sku, `${target}.diskSizeGB`);
  const name = optionalString(osDisk, "name", `${target}.name`) ?? `${place.name}_OsDisk_1_${hex()}`;
  const disk = newDisk(
    context,
    place,
    name,
    { sku, sizeGB, createOption: "FromImage", osType, hyperVGeneration },
    taken,
  );
  return {
    planned: { slot: { diskId: disk.id, name, createOption: "FromImage", ...settings }, newDisk: disk },
    osType,
    hyperVGeneration,
  };
}

/** A data disk entry that adds a disk at its LUN (attach or create). */
export function planNewDataDisk(
  context: HandlerContext,
  entry: JsonObject,
  lun: number,
  target: string,
  place: VmPlace,
  taken: Set<string>,
): PlannedSlot<VmDataDiskSlot> {
  const settings = slotSettings(entry, target, "None");
  const given = requiredString(entry, "createOption", `${target}.createOption`);
  const createOption = (["Attach", "Empty", "Restore", "Copy"] as const).find(
    (o) => o.toLowerCase() === given.toLowerCase(),
  );
  if (createOption === undefined) {
    throw armErrors.invalidParameter(
      `${target}.createOption`,
      `createOption '${given}' is not supported for a data disk; use 'Attach', 'Empty', 'Restore' or 'Copy'.`,
    );
  }
  if (entry.vhd !== undefined) {
    throw armErrors.invalidParameter(
      `${target}.vhd`,
      "Unmanaged (vhd) data disks are not modelled by PUT; create such VMs with emu.addVm.",
    );
  }
  if (createOption === "Attach") {
    const id = referenceId(entry, "managedDisk", `${target}.managedDisk`);
    if (id === undefined) throw armErrors.missingParameter(`${target}.managedDisk.id`);
    const disk = attachable(context, id, place, `${target}.managedDisk.id`);
    return { slot: { lun, diskId: disk.id, name: disk.name, createOption, ...settings } };
  }
  const managed = objectAt(entry, "managedDisk", `${target}.managedDisk`);
  const sku =
    parseSku(managed.storageAccountType, `${target}.managedDisk.storageAccountType`) ?? "Premium_LRS";
  const requested = optionalInteger(entry, "diskSizeGB", `${target}.diskSizeGB`);
  const name = optionalString(entry, "name", `${target}.name`) ?? `${place.name}_${lun}_${hex()}`;
  let fields: Pick<DiskRecord, "sku" | "sizeGB" | "createOption"> & Partial<DiskRecord>;
  let sourceResourceId: string | undefined;
  if (createOption === "Empty") {
    if (requested === undefined) throw armErrors.missingParameter(`${target}.diskSizeGB`);
    fields = { sku, sizeGB: requested, createOption };
  } else {
    const sourceId = referenceId(entry, "sourceResource", `${target}.sourceResource`);
    if (sourceId === undefined) throw armErrors.missingParameter(`${target}.sourceResource.id`);
    const source = resolveDiskSource(
      context,
      createOption,
      sourceId,
      place.location,
      `${target}.sourceResource.id`,
    );
    sourceResourceId = source.id;
    fields = {
      sku,
      sizeGB: sizeFromSource(source, requested, `${target}.diskSizeGB`),
      createOption,
      sourceResourceId: source.id,
      sourceUniqueId: source.uniqueId,
      ...(source.osType === undefined ? {} : { osType: source.osType }),
      ...(source.hyperVGeneration === undefined ? {} : { hyperVGeneration: source.hyperVGeneration }),
    };
  }
  checkDiskSize(fields.sizeGB, sku, `${target}.diskSizeGB`);
  const disk = newDisk(context, place, name, fields, taken);
  return {
    slot: {
      lun,
      diskId: disk.id,
      name,
      createOption,
      ...settings,
      ...(sourceResourceId === undefined ? {} : { sourceResourceId }),
    },
    newDisk: disk,
  };
}
