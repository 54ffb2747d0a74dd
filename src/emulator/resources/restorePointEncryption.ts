/**
 * Per-disk encryption requested in a restore point PUT (api-version 2023-03-01 and later):
 * `properties.sourceMetadata.storageProfile.osDisk|dataDisks[].diskRestorePoint.encryption`
 * = `{ diskEncryptionSet: { id }, type }`. Data disks are identified by `lun` (the swagger's
 * `x-ms-identifiers`). The created disk restore points carry what was asked for; disks not named
 * keep the default (the source disk's encryption for a capture, platform key for a copy).
 */
import { armErrors } from "../armErrors.js";
import type { DiskRestorePointRecord, RequestedDiskEncryption } from "../state.js";
import { isObject, objectAt, optionalInteger, optionalString, type JsonObject } from "./common.js";

const TYPES = [
  "EncryptionAtRestWithPlatformKey",
  "EncryptionAtRestWithCustomerKey",
  "EncryptionAtRestWithPlatformAndCustomerKeys",
];

/** The requested encryption by slot (`os` or the LUN), or `undefined` when none was asked for. */
export function readRequestedEncryption(
  properties: JsonObject,
): Record<string, RequestedDiskEncryption> | undefined {
  const storage = objectAt(
    objectAt(properties, "sourceMetadata", "properties.sourceMetadata"),
    "storageProfile",
    "properties.sourceMetadata.storageProfile",
  );
  const base = "properties.sourceMetadata.storageProfile";
  const result: Record<string, RequestedDiskEncryption> = {};
  const os = readDisk(objectAt(storage, "osDisk", `${base}.osDisk`), `${base}.osDisk`);
  if (os !== undefined) result.os = os;
  const dataDisks = storage.dataDisks ?? [];
  if (!Array.isArray(dataDisks)) {
    throw armErrors.invalidParameter(`${base}.dataDisks`, `Property '${base}.dataDisks' must be an array.`);
  }
  dataDisks.forEach((entry: unknown, i) => {
    const target = `${base}.dataDisks[${i}]`;
    if (!isObject(entry)) throw armErrors.invalidParameter(target, `Property '${target}' must be an object.`);
    const requested = readDisk(entry, target);
    if (requested === undefined) return;
    const lun = optionalInteger(entry, "lun", `${target}.lun`);
    if (lun === undefined) throw armErrors.missingParameter(`${target}.lun`);
    result[String(lun)] = requested;
  });
  return Object.keys(result).length === 0 ? undefined : result;
}

function readDisk(disk: JsonObject, target: string): RequestedDiskEncryption | undefined {
  const attributes = objectAt(disk, "diskRestorePoint", `${target}.diskRestorePoint`);
  if (attributes.encryption === undefined || attributes.encryption === null) return undefined;
  const at = `${target}.diskRestorePoint.encryption`;
  const encryption = objectAt(attributes, "encryption", at);
  const desId = optionalString(objectAt(encryption, "diskEncryptionSet", `${at}.diskEncryptionSet`), "id", `${at}.diskEncryptionSet.id`); // prettier-ignore
  const given = optionalString(encryption, "type", `${at}.type`);
  if (given !== undefined && !TYPES.includes(given)) {
    throw armErrors.invalidParameter(`${at}.type`, `The value '${given}' of '${at}.type' is invalid.`);
  }
  const type = given ?? (desId === undefined ? undefined : "EncryptionAtRestWithCustomerKey");
  if (type === undefined) return undefined;
  if (type !== "EncryptionAtRestWithPlatformKey" && desId === undefined) {
    throw armErrors.missingParameter(`${at}.diskEncryptionSet.id`);
  }
  return desId === undefined || type === "EncryptionAtRestWithPlatformKey"
    ? { type }
    : { type, diskEncryptionSetId: desId };
}

/** Applies the requested encryption of the record's slot, if any; returns the metadata form. */
export function applyRequestedEncryption(
  record: DiskRestorePointRecord,
  requested: Record<string, RequestedDiskEncryption> | undefined,
): Record<string, unknown> {
  const wanted = requested?.[record.isOsDisk ? "os" : String(record.lun)];
  if (wanted !== undefined) {
    record.encryptionType = wanted.type;
    if (wanted.diskEncryptionSetId === undefined) Reflect.deleteProperty(record, "diskEncryptionSetId");
    else record.diskEncryptionSetId = wanted.diskEncryptionSetId;
  }
  return record.diskEncryptionSetId === undefined
    ? { type: record.encryptionType }
    : { type: record.encryptionType, diskEncryptionSet: { id: record.diskEncryptionSetId } };
}
