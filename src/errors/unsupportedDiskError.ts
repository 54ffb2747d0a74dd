import { RestorePointError } from "./restorePointError.js";

/**
 * One disk that restore points cannot capture, and why.
 *
 * @public
 */
export interface UnsupportedDisk {
  /**
   * The managed disk id; the disk's name for a disk that has no id (an ephemeral OS disk or an
   * unmanaged VHD) or when only the service's refusal named it.
   */
  readonly diskId: string;
  /** Why it is unsupported, e.g. "shared disk (maxShares 2)" or "ephemeral OS disk". */
  readonly reason: string;
}

/**
 * Thrown by `beginCreate` (from `poller.submitted()`) when the VM has disks restore points cannot
 * capture: shared disks (`maxShares` above 1), ephemeral OS disks and unmanaged disks always;
 * Ultra, Premium SSD v2 and write-accelerated disks in a crash-consistent restore point. Thrown by
 * the client's own check before anything is sent (listing every such disk), or mapped from the
 * service's `VMRestorePointClientError` when the check was skipped (naming the first one). Exclude
 * the disks with `excludeDiskIds`, or pass `excludeUnsupportedDisks: true` to exclude them
 * automatically; disks without a managed disk id cannot be excluded.
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
   * @param init - the unsupported disks, optionally a custom message and the service error it was
   *   mapped from (`cause`)
   */
  constructor(init: { disks: readonly UnsupportedDisk[]; message?: string; cause?: unknown }) {
    super(
      init.message ??
        `Restore points cannot capture ${init.disks.map((d) => `'${d.diskId}' (${d.reason})`).join(", ")}. ` +
          `Exclude these disks with excludeDiskIds, or pass excludeUnsupportedDisks: true.`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.disks = Object.freeze(init.disks.map((d) => Object.freeze({ diskId: d.diskId, reason: d.reason })));
  }
}
