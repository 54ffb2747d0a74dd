import { RestorePointError } from "./restorePointError.js";

/**
 * Thrown by `beginCreate` (from `poller.submitted()`) when `excludeDiskIds` names disks that are
 * not attached to the collection's VM, or excludes the OS disk. Fix the list of disk ids.
 *
 * @public
 */
export class InvalidExclusionError extends RestorePointError {
  /** Always `"InvalidExclusionError"`. */
  override readonly name = "InvalidExclusionError" as const;
  /** Always `"InvalidExcludedDisk"`. */
  readonly code = "InvalidExcludedDisk" as const;
  /** The rejected disk ids. */
  readonly diskIds: readonly string[];

  /**
   * @param init - the rejected disk ids and optionally a custom message
   */
  constructor(init: { diskIds: readonly string[]; message?: string }) {
    super(
      init.message ??
        `Cannot exclude ${init.diskIds.map((d) => `'${d}'`).join(", ")}: only data disks attached to the source VM can be excluded.`,
    );
    this.diskIds = Object.freeze([...init.diskIds]);
  }
}
