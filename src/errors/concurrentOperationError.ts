import { RestorePointError } from "./restorePointError.js";

/**
 * Thrown by `beginCreate`/`beginCopy` (from `poller.submitted()`) when another restore point
 * creation or copy for the same VM or target collection is still running: Azure allows one at a
 * time. Wait for `inProgressId` to finish, then retry.
 *
 * @public
 */
export class ConcurrentOperationError extends RestorePointError {
  /** Always `"ConcurrentOperationError"`. */
  override readonly name = "ConcurrentOperationError" as const;
  /** Always `"OperationInProgress"`. */
  readonly code = "OperationInProgress" as const;
  /** The id of the restore point whose creation or copy is still running. */
  readonly inProgressId: string;

  /**
   * @param init - the restore point in progress and optionally a custom message
   */
  constructor(init: { inProgressId: string; message?: string }) {
    super(
      init.message ??
        `Restore point '${init.inProgressId}' is still being created; Azure runs one creation per VM at a time. ` +
          `Wait for it to finish, then retry.`,
    );
    this.inProgressId = init.inProgressId;
  }
}
