/**
 * Reading a disk PUT: the settings it may give, a new disk from a create request, and the checks
 * on an update of an existing disk. Nothing here changes the state.
 */
import { randomUUID } from "node:crypto";
import { armErrors } from "../armErrors.js";
import type { HandlerContext } from "../http.js";
import { azureTimestamp } from "../operations.js";
import { keyOf, sameId, type DiskRecord } from "../state.js";
import {
  isObject,
  objectAt,
  optionalInteger,
  optionalString,
  readTags,
  requiredString,
  type JsonObject,
} from "./common.js";
import {
  checkDiskSize,
  parseChoice,
  parseHyperVGeneration,
  parseOsType,
  parseSku,
  readZone,
  resolveDiskSource,
  sizeFromSource,
} from "./diskModel.js";

const ENCRYPTION_TYPES = [
  "EncryptionAtRestWithPlatformKey",
  "EncryptionAtRestWithCustomerKey",
  "EncryptionAtRestWithPlatformAndCustomerKeys",
] as const;
const ACCESS_POLICIES = ["AllowAll", "AllowPrivate", "DenyAll"] as const;
const UNMODELLED_OPTIONS = [
  "attach",
  "fromimage",
  "import",
  "importsecure",
  "upload",
  "uploadpreparedsecure",
  "copystart",
  "copyfromsansnapshot",
];

/** The settings a PUT may give on create and on update. */
export interface DiskSettings {
  sku: DiskRecord["sku"] | undefined;
  sizeGB: number | undefined;
  osType: DiskRecord["osType"];
  hyperVGeneration: DiskRecord["hyperVGeneration"];
  encryptionType: DiskRecord["encryptionType"] | undefined;
  diskEncryptionSetId: string | undefined;
  networkAccessPolicy: DiskRecord["networkAccessPolicy"] | undefined;
  diskAccessId: string | undefined;
  maxShares: number | undefined;
  securityProfile: Record<string, unknown> | undefined;
  tags: Record<string, string> | undefined;
}

export function readSettings(body: JsonObject, properties: JsonObject): DiskSettings {
  const encryption = objectAt(properties, "encryption", "properties.encryption");
  const diskEncryptionSetId = optionalString(
    encryption,
    "diskEncryptionSetId",
    "properties.encryption.diskEncryptionSetId",
  );
  const encryptionType =
    parseChoice(encryption.type, ENCRYPTION_TYPES, "properties.encryption.type") ??
    (diskEncryptionSetId === undefined ? undefined : "EncryptionAtRestWithCustomerKey");
  if (
    encryptionType !== undefined &&
    encryptionType !== "EncryptionAtRestWithPlatformKey" &&
    diskEncryptionSetId === undefined
  ) {
    throw armErrors.missingParameter("properties.encryption.diskEncryptionSetId");
  }
  const maxShares = optionalInteger(properties, "maxShares", "properties.maxShares");
  if (maxShares !== undefined && (maxShares < 1 || maxShares > 10)) {
    throw armErrors.invalidParameter(
      "properties.maxShares",
      `maxShares ${maxShares} is invalid: it must be 1 to 10.`,
    );
  }
  const securityProfile = properties.securityProfile;
  if (securityProfile !== undefined && securityProfile !== null && !isObject(securityProfile)) {
    throw armErrors.invalidParameter(
      "properties.securityProfile",
      "Property 'properties.securityProfile' must be an object.",
    );
  }
  return {
    sku: parseSku(objectAt(body, "sku", "sku").name, "sku.name"),
    sizeGB: optionalInteger(properties, "diskSizeGB", "properties.diskSizeGB"),
    osType: parseOsType(properties.osType, "properties.osType"),
    hyperVGeneration: parseHyperVGeneration(properties.hyperVGeneration, "properties.hyperVGeneration"),
    encryptionType,
    diskEncryptionSetId,
    networkAccessPolicy: parseChoice(
      properties.networkAccessPolicy,
      ACCESS_POLICIES,
      "properties.networkAccessPolicy",
    ),
    diskAccessId: optionalString(properties, "diskAccessId", "properties.diskAccessId"),
    maxShares,
    securityProfile: isObject(securityProfile) ? securityProfile : undefined,
    tags: readTags(body),
  };
}

/** Copies the optional settings a request gave onto a record. */
export function applySettings(disk: DiskRecord, settings: DiskSettings): void {
  if (settings.osType !== undefined) disk.osType = settings.osType;
  if (settings.hyperVGeneration !== undefined) disk.hyperVGeneration = settings.hyperVGeneration;
  if (settings.encryptionType !== undefined) disk.encryptionType = settings.encryptionType;
  if (settings.diskEncryptionSetId !== undefined) disk.diskEncryptionSetId = settings.diskEncryptionSetId;
  if (settings.networkAccessPolicy !== undefined) disk.networkAccessPolicy = settings.networkAccessPolicy;
  if (settings.diskAccessId !== undefined) disk.diskAccessId = settings.diskAccessId;
  if (settings.maxShares !== undefined) disk.maxShares = settings.maxShares;
  if (settings.securityProfile !== undefined) disk.securityProfile = settings.securityProfile;
  if (settings.tags !== undefined) disk.tags = settings.tags;
}

function checkAccessPolicy(
  networkAccessPolicy: DiskRecord["networkAccessPolicy"],
  diskAccessId: string | undefined,
): void {
  if (networkAccessPolicy === "AllowPrivate" && diskAccessId === undefined) {
    throw armErrors.missingParameter("properties.diskAccessId");
  }
}

/** A new disk record from a create request (not yet stored). */
export function planCreate(
  context: HandlerContext,
  place: { id: string; name: string; resourceGroup: string; location: string; zone: string | undefined },
  properties: JsonObject,
  settings: DiskSettings,
): DiskRecord {
  const creationData = objectAt(properties, "creationData", "properties.creationData");
  const given = requiredString(creationData, "createOption", "properties.creationData.createOption");
  const createOption = (["Empty", "Restore", "Copy"] as const).find(
    (o) => o.toLowerCase() === given.toLowerCase(),
  );
  if (createOption === undefined) {
    throw armErrors.invalidParameter(
      "properties.creationData.createOption",
      UNMODELLED_OPTIONS.includes(given.toLowerCase())
        ? `createOption '${given}' is not supported by the emulator; use 'Empty', 'Restore' or 'Copy'.`
        : `The value '${given}' of 'properties.creationData.createOption' is invalid.`,
    );
  }
  const sku = settings.sku ?? "Premium_LRS";
  if (place.zone !== undefined && sku.endsWith("_ZRS")) {
    throw armErrors.invalidParameter(
      "zones",
      `Zone-redundant SKU '${sku}' spans zones; a zone cannot be given.`,
    );
  }
  let sizeGB: number;
  let source: ReturnType<typeof resolveDiskSource> | undefined;
  if (createOption === "Empty") {
    if (settings.sizeGB === undefined) throw armErrors.missingParameter("properties.diskSizeGB");
    sizeGB = settings.sizeGB;
  } else {
    const target = "properties.creationData.sourceResourceId";
    source = resolveDiskSource(
      context,
      createOption,
      requiredString(creationData, "sourceResourceId", target),
      place.location,
      target,
    );
    sizeGB = sizeFromSource(source, settings.sizeGB, "properties.diskSizeGB");
  }
  checkDiskSize(sizeGB, sku, "properties.diskSizeGB");
  const networkAccessPolicy = settings.networkAccessPolicy ?? "AllowAll";
  checkAccessPolicy(networkAccessPolicy, settings.diskAccessId);
  const disk: DiskRecord = {
    id: place.id,
    name: place.name,
    resourceGroup: place.resourceGroup,
    location: place.location,
    sku,
    sizeGB,
    createOption,
    provisioningState: "Updating",
    uniqueId: randomUUID(),
    timeCreated: azureTimestamp(context.now),
    encryptionType: "EncryptionAtRestWithPlatformKey",
    networkAccessPolicy,
    tags: {},
  };
  if (place.zone !== undefined) disk.zone = place.zone;
  if (source !== undefined) {
    disk.sourceResourceId = source.id;
    disk.sourceUniqueId = source.uniqueId;
    if (source.osType !== undefined) disk.osType = source.osType;
    if (source.hyperVGeneration !== undefined) disk.hyperVGeneration = source.hyperVGeneration;
  }
  applySettings(disk, settings);
  return disk;
}

/** Checks an update of an existing disk; what may change is tags, SKU, a larger size and settings. */
export function checkUpdate(
  context: HandlerContext,
  disk: DiskRecord,
  body: JsonObject,
  properties: JsonObject,
  settings: DiskSettings,
): void {
  if (disk.provisioningState === "Deleting")
    throw armErrors.diskOperationNotAllowed(disk.name, "it is being deleted");
  const creationData = objectAt(properties, "creationData", "properties.creationData");
  const createOption = optionalString(creationData, "createOption", "properties.creationData.createOption");
  if (createOption !== undefined && createOption.toLowerCase() !== disk.createOption.toLowerCase()) {
    throw armErrors.propertyChangeNotAllowed("properties.creationData.createOption");
  }
  const sourceId = optionalString(
    creationData,
    "sourceResourceId",
    "properties.creationData.sourceResourceId",
  );
  if (sourceId !== undefined && !sameId(sourceId, disk.sourceResourceId)) {
    throw armErrors.propertyChangeNotAllowed("properties.creationData.sourceResourceId");
  }
  if (body.zones !== undefined && readZone(body) !== disk.zone)
    throw armErrors.propertyChangeNotAllowed("zones");
  if (settings.sizeGB !== undefined && settings.sizeGB < disk.sizeGB) {
    throw armErrors.invalidParameter(
      "properties.diskSizeGB",
      `Disk size can only grow: disk '${disk.name}' is ${disk.sizeGB} GB and cannot be resized to ${settings.sizeGB} GB.`,
    );
  }
  checkDiskSize(settings.sizeGB ?? disk.sizeGB, settings.sku ?? disk.sku, "properties.diskSizeGB");
  checkAccessPolicy(
    settings.networkAccessPolicy ?? disk.networkAccessPolicy,
    settings.diskAccessId ?? disk.diskAccessId,
  );
  const owner =
    disk.managedBy === undefined ? undefined : context.state.virtualMachines[keyOf(disk.managedBy)];
  const resizes = settings.sizeGB !== undefined && settings.sizeGB !== disk.sizeGB;
  const changesSku = settings.sku !== undefined && settings.sku !== disk.sku;
  if (owner !== undefined && owner.powerState !== "deallocated" && (resizes || changesSku)) {
    throw armErrors.diskOperationNotAllowed(
      disk.name,
      `its size and SKU can only change while it is unattached or virtual machine '${owner.name}' is deallocated`,
    );
  }
}
