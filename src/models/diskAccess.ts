import { setIfDefined, stringAt } from "../internal/json.js";

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
  const accessSas = stringAt(body, "accessSAS");
  if (accessSas === undefined) {
    throw new TypeError("The grant-access operation finished without returning an access URL (accessSAS).");
  }
  const result: Record<string, unknown> = {
    accessSas,
    expiresOn: sasExpiry(accessSas) ?? new Date(grantedAt.getTime() + durationInSeconds * 1000),
  };
  setIfDefined(result, "securityDataAccessSas", stringAt(body, "securityDataAccessSAS"));
  setIfDefined(result, "securityMetadataAccessSas", stringAt(body, "securityMetadataAccessSAS"));
  return Object.freeze(result) as unknown as DiskAccess;
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
