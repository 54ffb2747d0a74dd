import { RestorePointError } from "./restorePointError.js";

/**
 * Thrown by `beginCreate`/`beginCopy` (from `poller.submitted()`) when another restore point
 * creation for the same VM, or another copy from the same source collection into the same target
 * collection, is still running: Azure runs one at a time. Thrown by the client's own check before
 * anything is sent, or mapped from the service's refusal (`VMRestorePointClientError` or
 * `OperationNotAllowed`) when the check was skipped. Wait for `inProgressId` to finish, then retry.
 *
 * @public
 */
export class ConcurrentOperationError extends RestorePointError {
  /** Always `"ConcurrentOperationError"`. */
  override readonly name = "ConcurrentOperationError" as const;
  /** Always `"OperationInProgress"`. */
  readonly code = "OperationInProgress" as const;
  /**
   * The id of the restore point whose creation or copy is still running; empty when the service
   * refused without naming it.
   */
  readonly inProgressId: string;
  /** The restore point that could not be created or copied, when known. */
  readonly resourceId?: string;

  /**
   * @param init - the restore point in progress, the one refused, optionally a custom message and
   *   the service error it was mapped from (`cause`)
   */
  constructor(init: { inProgressId: string; resourceId?: string; message?: string; cause?: unknown }) {
    const running =
      init.inProgressId === "" ? "another restore point" : `restore point '${init.inProgressId}'`;
    super(
      init.message ??
        `Cannot start ${init.resourceId === undefined ? "the operation" : `'${init.resourceId}'`}: ${running} is still ` +
          `being created or copied, and Azure runs one creation per VM (and one copy per source and target ` +
          `collection) at a time. Wait for it to finish, then retry.`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.inProgressId = init.inProgressId;
    if (init.resourceId !== undefined) this.resourceId = init.resourceId;
  }
}
