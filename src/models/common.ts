import { parseResourceId } from "../resourceId.js";
import type { ParsedResourceId } from "../resourceId.js";

/**
 * A JSON object as ARM returned it. Models keep the whole body in `raw` so that fields this SDK
 * does not model yet stay reachable.
 *
 * @public
 */
export interface ArmJson {
  /** Any JSON value. */
  readonly [key: string]: unknown;
}

/**
 * Storage SKUs of managed disks (`sku.name`). Other strings are accepted for SKUs Azure adds later.
 *
 * @public
 */
export type DiskSku =
  | "Standard_LRS"
  | "Premium_LRS"
  | "StandardSSD_LRS"
  | "UltraSSD_LRS"
  | "Premium_ZRS"
  | "StandardSSD_ZRS"
  | "PremiumV2_LRS";

/**
 * The storage SKUs of managed disks Azure knows today, as the values of {@link DiskSku}: the one
 * list the SDK, the CLI (`--sku` choices) and the emulator use.
 *
 * @public
 */
export enum KnownDiskSku {
  /** Standard HDD, locally redundant. */
  StandardLRS = "Standard_LRS",
  /** Premium SSD, locally redundant. */
  PremiumLRS = "Premium_LRS",
  /** Standard SSD, locally redundant. */
  StandardSSDLRS = "StandardSSD_LRS",
  /** Ultra disk, locally redundant. */
  UltraSSDLRS = "UltraSSD_LRS",
  /** Premium SSD, zone redundant. */
  PremiumZRS = "Premium_ZRS",
  /** Standard SSD, zone redundant. */
  StandardSSDZRS = "StandardSSD_ZRS",
  /** Premium SSD v2, locally redundant. */
  PremiumV2LRS = "PremiumV2_LRS",
}

/** Every known disk SKU, for validation (typed as {@link DiskSku}, which lists the same values). */
export const DISK_SKUS: readonly DiskSku[] = Object.freeze(Object.values(KnownDiskSku));

/**
 * Restore point consistency modes. Omitting the mode on create gives an application-consistent
 * restore point (Linux VMs report `FileSystemConsistent`).
 *
 * @public
 */
export type ConsistencyMode = "CrashConsistent" | "FileSystemConsistent" | "ApplicationConsistent";

/** Parses an id from a response without throwing: a malformed id maps to empty parts. */
export function idParts(id: string): Partial<ParsedResourceId> {
  try {
    return parseResourceId(id);
  } catch {
    return {};
  }
}

/** The last path segment of an ARM id (its name). */
export function lastSegment(id: string): string {
  // Hot path when listing hundreds of restore points: no regular expression, no array.
  let end = id.length;
  while (end > 0 && id.charCodeAt(end - 1) === 47) end--;
  return id.slice(id.lastIndexOf("/", end - 1) + 1, end);
}
