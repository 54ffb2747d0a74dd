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

/**
 * Storage SKU of a managed disk (`sku.name`): one of {@link KnownDiskSku}, or any other string for
 * SKUs Azure adds later. The SDK sends other strings as given and the service decides.
 *
 * @public
 */
export type DiskSku = `${KnownDiskSku}` | (string & {});

/** Every known disk SKU (the values of {@link KnownDiskSku}). */
export const DISK_SKUS: readonly `${KnownDiskSku}`[] = Object.freeze(Object.values(KnownDiskSku));

/**
 * Restore point consistency modes Azure knows today, as the values of {@link ConsistencyMode}.
 *
 * @public
 */
export enum KnownConsistencyMode {
  /** Crash-consistent: the disks as they are, without involving the guest. */
  CrashConsistent = "CrashConsistent",
  /** File-system consistent: what Linux VMs report for an application-consistent request. */
  FileSystemConsistent = "FileSystemConsistent",
  /** Application-consistent: the default when the mode is omitted. */
  ApplicationConsistent = "ApplicationConsistent",
}

/**
 * Restore point consistency mode: one of {@link KnownConsistencyMode}, or any other string the
 * service may add (sent as given; the service decides). Omitting the mode on create gives an
 * application-consistent restore point (Linux VMs report `FileSystemConsistent`).
 *
 * @public
 */
export type ConsistencyMode = `${KnownConsistencyMode}` | (string & {});

/**
 * Operating system types Azure knows, as the values of {@link OperatingSystemType}.
 *
 * @public
 */
export enum KnownOperatingSystemType {
  /** Windows. */
  Windows = "Windows",
  /** Linux. */
  Linux = "Linux",
}

/**
 * Operating system of a disk or VM as the service reports it: one of
 * {@link KnownOperatingSystemType} or another string.
 *
 * @public
 */
export type OperatingSystemType = `${KnownOperatingSystemType}` | (string & {});

/**
 * Hyper-V generations Azure knows, as the values of {@link HyperVGeneration}.
 *
 * @public
 */
export enum KnownHyperVGeneration {
  /** Generation 1. */
  V1 = "V1",
  /** Generation 2. */
  V2 = "V2",
}

/**
 * Hyper-V generation as the service reports it: one of {@link KnownHyperVGeneration} or another
 * string.
 *
 * @public
 */
export type HyperVGeneration = `${KnownHyperVGeneration}` | (string & {});

/**
 * Every member of `T` present, `undefined` when unknown. Models are built as object literals of
 * this type, so a forgotten or misspelled member fails to compile, and every object of a model has
 * the same members (one hidden class, which keeps listing 1,000 points cheap).
 */
export type Complete<T> = { readonly [K in Exclude<keyof T, OptionalKeys<T>>]: T[K] } & {
  readonly [K in OptionalKeys<T>]: T[K] | undefined;
};

/** The optional members of `T`. */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/** One shared frozen empty array, for the many empty lists in listings. */
export const EMPTY: readonly never[] = Object.freeze([]);

/**
 * A response body as a JSON object. A body that is not one (an empty 200, `null`) reads as an
 * empty object, whose members then all read as missing, as the mappers expect.
 */
export function asArmJson(body: unknown): ArmJson {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as ArmJson) : NO_BODY;
}

const NO_BODY: ArmJson = Object.freeze({});

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
