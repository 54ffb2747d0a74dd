import { RestorePointError } from "./restorePointError.js";

/**
 * Thrown by `beginCreate` (from `poller.submitted()`) when the source VM already has the maximum
 * number of restore points ({@link MAX_RESTORE_POINTS_PER_VM}, counted across all collections and
 * resource groups; copies in other regions do not count). Thrown by the client's own check before
 * anything is sent, or mapped from the service's `VMRestorePointClientError` when the check was
 * skipped. Delete older restore points first.
 *
 * @public
 */
export class RestorePointLimitError extends RestorePointError {
  /** Always `"RestorePointLimitError"`. */
  override readonly name = "RestorePointLimitError" as const;
  /** Always `"RestorePointLimitReached"`. */
  readonly code = "RestorePointLimitReached" as const;
  /** The per-VM limit that applies. */
  readonly limit: number;
  /**
   * How many restore points the VM has now (the limit itself when only the service's refusal is
   * known: it does not say the count).
   */
  readonly count: number;
  /** The VM whose limit is reached, when known. */
  readonly vmId?: string;

  /**
   * @param init - the limit, the current count, the VM, optionally a custom message and the
   *   service error it was mapped from (`cause`)
   */
  constructor(init: { limit: number; count: number; vmId?: string; message?: string; cause?: unknown }) {
    super(
      init.message ??
        `Cannot create a restore point${init.vmId === undefined ? "" : ` of VM '${init.vmId}'`}: ` +
          `it already has ${init.count} restore points and the limit is ${init.limit}. Delete older restore points first.`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.limit = init.limit;
    this.count = init.count;
    if (init.vmId !== undefined) this.vmId = init.vmId;
  }
}
