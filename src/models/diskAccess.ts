import type { Complete } from "./common.js";
import { asArmJson } from "./common.js";
import type { WireAccessUri } from "./wire/disk.js";
import { str } from "./wire/read.js";

/**
 * Access levels of a SAS grant Azure knows, as the values of {@link AccessLevel}.
 *
 * @public
 */
export enum KnownAccessLevel {
  /** Read the data (download, export). */
  Read = "Read",
  /** Write the data (upload). */
  Write = "Write",
}

/**
 * Access level of a SAS grant: one of {@link KnownAccessLevel}, or another string the service may
 * add (sent as given; the service decides).
 *
 * @public
 */
export type AccessLevel = `${KnownAccessLevel}` | (string & {});

/**
 * File formats a SAS grant can export, as the values of {@link FileFormat}.
 *
 * @public
 */
export enum KnownFileFormat {
  /** Virtual Hard Disk. */
  VHD = "VHD",
  /** Virtual Hard Disk v2. */
  VHDX = "VHDX",
}

/**
 * File format of a SAS grant: one of {@link KnownFileFormat}, or another string the service may
 * add (sent as given; the service decides).
 *
 * @public
 */
export type FileFormat = `${KnownFileFormat}` | (string & {});

/** The known access levels, for validation. */
export const ACCESS_LEVELS: readonly string[] = Object.freeze(Object.values(KnownAccessLevel));

/** The known file formats, for validation. */
export const FILE_FORMATS: readonly string[] = Object.freeze(Object.values(KnownFileFormat));

/**
 * Read (or write) access to a disk restore point's data. The SAS URLs are secrets: this SDK never
 * logs them or puts them in error messages; do not log them either.
 *
 * @public
 */
export interface DiskAccess {
  /** SAS URL of the disk's VHD (or VHDX). */
  readonly accessSas: string;
  /** SAS URL of the VM guest state blob, when requested with `includeVmGuestState`. */
  readonly securityDataAccessSas?: string;
  /** SAS URL of the VM metadata blob, for confidential VMs (Disk RP 2025-01-02 and later). */
  readonly securityMetadataAccessSas?: string;
  /** When the SAS stops working. */
  readonly expiresOn: Date;
}

/**
 * Maps an ARM `AccessUri` body. The expiry comes from the SAS's own `se=` parameter when it has
 * one, since that is what storage enforces; otherwise from the requested duration.
 */
export function toDiskAccess(body: unknown, grantedAt: Date, durationInSeconds: number): DiskAccess {
  const wire: WireAccessUri = asArmJson(body);
  const accessSas = str(wire.accessSAS);
  if (accessSas === undefined) {
    throw new TypeError("The grant-access operation finished without returning an access URL (accessSAS).");
  }
  const access: Complete<DiskAccess> = {
    accessSas,
    securityDataAccessSas: str(wire.securityDataAccessSAS),
    securityMetadataAccessSas: str(wire.securityMetadataAccessSAS),
    expiresOn: sasExpiry(accessSas) ?? new Date(grantedAt.getTime() + durationInSeconds * 1000),
  };
  return Object.freeze(access);
}

function sasExpiry(sas: string): Date | undefined {
  try {
    const se = new URL(sas).searchParams.get("se");
    if (se === null) return undefined;
    const d = new Date(se);
    return Number.isNaN(d.getTime()) ? undefined : d;
  } catch {
    return undefined;
  }
}
