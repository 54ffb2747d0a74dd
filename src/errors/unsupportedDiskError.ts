import { RestorePointError } from "./restorePointError.js";

/**
 * One disk that restore points cannot capture, and why.
 *
 * @public
 */
export interface UnsupportedDisk {
  /** The managed disk id. */
  readonly diskId: string;
  /** Why it is unsupported, e.g. "shared disk (maxShares above 1)" or "ephemeral OS disk". */
  readonly reason: string;
}

/**
 * Thrown by `beginCreate` (from `poller.submitted()`) when the VM has disks restore points cannot
 * capture (shared disks, ephemeral OS disks, unmanaged disks, or disk types the requested
 * consistency mode does not support). Exclude them with `excludeDiskIds`, or pass
 * `excludeUnsupportedDisks: true` to exclude them automatically.
 *
 * @public
 */
export class UnsupportedDiskError extends RestorePointError {
  /** Always `"UnsupportedDiskError"`. */
  override readonly name = "UnsupportedDiskError" as const;
  /** Always `"UnsupportedDisk"`. */
  readonly code = "UnsupportedDisk" as const;
  /** The disks that block the creation. */
  readonly disks: readonly UnsupportedDisk[];

  /**
   * @param init - the unsupported disks and optionally a custom message
   */
  constructor(init: { disks: readonly UnsupportedDisk[]; message?: string }) {
    super(
      init.message ??
        `Restore points cannot capture ${init.disks.map((d) => `'${d.diskId}' (${d.reason})`).join(", ")}. ` +
          `Exclude these disks with excludeDiskIds, or pass excludeUnsupportedDisks: true.`,
    );
    this.disks = Object.freeze(init.disks.map((d) => Object.freeze({ diskId: d.diskId, reason: d.reason })));
  }
}
