import { RestorePointError } from "./restorePointError.js";

/**
 * Thrown by `beginCopy`/`beginCopyToRegion` (from `poller.submitted()`) when Azure's copy rules
 * forbid the copy: same-region copy, copy of a copy, a second copy of the same source to the same
 * region, an out-of-order copy, a target collection that belongs to another source collection, or
 * an unsupported source (e.g. confidential VM). `reason` says which.
 *
 * @public
 */
export class CopyNotAllowedError extends RestorePointError {
  /** Always `"CopyNotAllowedError"`. */
  override readonly name = "CopyNotAllowedError" as const;
  /** Always `"CopyNotAllowed"`. */
  readonly code = "CopyNotAllowed" as const;
  /** The broken rule, in words. */
  readonly reason: string;

  /**
   * @param init - the broken rule and optionally a custom message
   */
  constructor(init: { reason: string; message?: string }) {
    super(init.message ?? `The restore point cannot be copied: ${init.reason}.`);
    this.reason = init.reason;
  }
}
