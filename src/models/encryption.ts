import { validateIntegerInRange, validateOneOf, validateOptionsBag } from "../internal/validation.js";
import { parseResourceIdOfType } from "../resourceId.js";
import type {
  WireRestorePointEncryption,
  WireRestorePointSourceDataDisk,
  WireRestorePointSourceMetadata,
  WireRestorePointSourceOsDisk,
} from "./wire/restorePoint.js";

/**
 * How the data of a disk restore point is encrypted at rest.
 *
 * @public
 */
export type RestorePointEncryptionType =
  | "EncryptionAtRestWithPlatformKey"
  | "EncryptionAtRestWithCustomerKey"
  | "EncryptionAtRestWithPlatformAndCustomerKeys";

/**
 * Encryption of one disk restore point made by a create or a copy.
 *
 * @public
 */
export interface DiskRestorePointEncryption {
  /**
   * The disk encryption set holding the customer-managed key (an id of a
   * `Microsoft.Compute/diskEncryptionSets` resource, in the restore point's region).
   */
  diskEncryptionSetId?: string;
  /**
   * The kind of key. A customer-key type needs `diskEncryptionSetId`; the platform key takes none.
   * @defaultValue `"EncryptionAtRestWithCustomerKey"` when `diskEncryptionSetId` is given
   */
  type?: RestorePointEncryptionType;
}

/**
 * Per-disk encryption of the disk restore points a create or copy makes (api-version 2023-03-01
 * and later), sent as `sourceMetadata.storageProfile.osDisk|dataDisks[].diskRestorePoint.encryption`
 * of the restore point PUT. Disks not named keep the service's choice: the source disk's
 * encryption for a capture; platform-key encryption for a copy (customer-key encrypted sources
 * arrive platform-key encrypted unless a disk encryption set in the target region is chosen here).
 *
 * @public
 */
export interface RestorePointEncryptionOptions {
  /** Encryption of the OS disk's restore point. */
  osDisk?: DiskRestorePointEncryption;
  /** Encryption of data disks' restore points, each identified by its LUN (0..63). */
  dataDisks?: ReadonlyArray<
    DiskRestorePointEncryption & {
      /** LUN of the data disk whose restore point this applies to. */
      lun: number;
    }
  >;
}

const TYPES: readonly RestorePointEncryptionType[] = [
  "EncryptionAtRestWithPlatformKey",
  "EncryptionAtRestWithCustomerKey",
  "EncryptionAtRestWithPlatformAndCustomerKeys",
];

/**
 * Validates `encryption` options (TypeError/RangeError before any request) and returns the
 * `sourceMetadata` to merge into the restore point PUT's properties, or `undefined` when nothing
 * was asked for.
 *
 * @param value - the caller's `encryption` option
 * @param what - its name in messages
 */
export function encryptionSourceMetadata(
  value: unknown,
  what = "encryption",
): WireRestorePointSourceMetadata | undefined {
  if (value === undefined) return undefined;
  const options = validateOptionsBag(value as object, what) as RestorePointEncryptionOptions;
  const osDisk: WireRestorePointSourceOsDisk | undefined =
    options.osDisk === undefined
      ? undefined
      : { diskRestorePoint: { encryption: toWire(options.osDisk, `${what}.osDisk`) } };
  let dataDisks: WireRestorePointSourceDataDisk[] | undefined;
  const dataDiskOptions: unknown = options.dataDisks;
  if (dataDiskOptions !== undefined) {
    if (!Array.isArray(dataDiskOptions)) throw new TypeError(`${what}.dataDisks must be an array`);
    const seen = new Set<number>();
    dataDisks = dataDiskOptions.map((entry: unknown, i): WireRestorePointSourceDataDisk => {
      const at = `${what}.dataDisks[${i}]`;
      const disk = validateOptionsBag(entry as object, at) as DiskRestorePointEncryption & { lun?: unknown };
      const lun = validateIntegerInRange(disk.lun, `${at}.lun`, { min: 0, max: 63 });
      if (seen.has(lun)) throw new TypeError(`${what}.dataDisks names LUN ${lun} twice`);
      seen.add(lun);
      return { lun, diskRestorePoint: { encryption: toWire(disk, at) } };
    });
  }
  if (osDisk === undefined && dataDisks === undefined) return undefined;
  return {
    storageProfile: {
      ...(osDisk === undefined ? {} : { osDisk }),
      ...(dataDisks === undefined ? {} : { dataDisks }),
    },
  };
}

function toWire(value: DiskRestorePointEncryption, what: string): WireRestorePointEncryption {
  const disk = validateOptionsBag(value, what) as DiskRestorePointEncryption;
  const desId =
    disk.diskEncryptionSetId === undefined
      ? undefined
      : parseResourceIdOfType(
          disk.diskEncryptionSetId,
          `${what}.diskEncryptionSetId`,
          "Microsoft.Compute/diskEncryptionSets",
        ).id;
  const given = validateOneOf(disk.type, `${what}.type`, TYPES);
  if (given === undefined && desId === undefined) {
    throw new TypeError(`${what} must give a diskEncryptionSetId, a type, or both`);
  }
  const type = given ?? "EncryptionAtRestWithCustomerKey";
  if (type === "EncryptionAtRestWithPlatformKey" && desId !== undefined) {
    throw new TypeError(`${what}: a disk encryption set cannot be used with ${type}; omit one of them`);
  }
  if (type !== "EncryptionAtRestWithPlatformKey" && desId === undefined) {
    throw new TypeError(`${what}: ${type} needs a diskEncryptionSetId`);
  }
  return desId === undefined ? { type } : { type, diskEncryptionSet: { id: desId } };
}
