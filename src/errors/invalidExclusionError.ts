import { RestorePointError } from "./restorePointError.js";

/**
 * Thrown by `beginCreate` (from `poller.submitted()`) when `excludeDiskIds` names disks that are
 * not attached to the collection's VM, or when the exclusions (yours plus those of
 * `excludeUnsupportedDisks`) leave no disk to capture. Thrown by the client's own check before
 * anything is sent, or mapped from the service's `InvalidParameter` (target `excludeDisks`) when
 * the check was skipped. Fix the list of disk ids.
 *
 * @public
 */
export class InvalidExclusionError extends RestorePointError {
  /** Always `"InvalidExclusionError"`. */
  override readonly name = "InvalidExclusionError" as const;
  /** Always `"InvalidExcludedDisk"`. */
  readonly code = "InvalidExcludedDisk" as const;
  /** The rejected disk ids (every excluded disk when the exclusions left nothing to capture). */
  readonly diskIds: readonly string[];

  /**
   * @param init - the rejected disk ids, optionally a custom message and the service error it was
   *   mapped from (`cause`)
   */
  constructor(init: { diskIds: readonly string[]; message?: string; cause?: unknown }) {
    super(
      init.message ??
        `Cannot exclude ${init.diskIds.map((d) => `'${d}'`).join(", ")}: only disks attached to the source VM can be ` +
          `excluded. Remove them from excludeDiskIds.`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.diskIds = Object.freeze([...init.diskIds]);
  }
}
