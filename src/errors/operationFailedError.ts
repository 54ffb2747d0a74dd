import { RestorePointError } from "./restorePointError.js";

/**
 * Thrown when Azure accepted a long-running operation and it then failed or was canceled (for
 * example a restore point creation that failed inside the guest). `serviceCode` is the ARM error
 * code from the operation status, e.g. `VMRestorePointClientError`.
 *
 * @public
 */
export class OperationFailedError extends RestorePointError {
  /** Always `"OperationFailedError"`. */
  override readonly name = "OperationFailedError" as const;
  /** Always `"OperationFailed"`. */
  readonly code = "OperationFailed" as const;
  /** The ARM error code of the failed operation, when the service gave one. */
  readonly serviceCode: string | undefined;
  /** The operation status URL, without its signature query parameters. */
  readonly operationUrl: string | undefined;
  /** Whether the operation failed or was canceled. */
  readonly status: "failed" | "canceled";
  /** The ARM error body of the operation, when there was one. */
  readonly details: unknown;
  /**
   * The ARM id of the resource the failed operation was creating and left behind in the `Failed`
   * provisioning state (a disk of `beginRestoreDisk`, a restore point of `beginCreate` or
   * `beginCopy`). It still exists, keeps its name taken and may count against quotas: delete it
   * (or inspect it first). `undefined` when the operation leaves nothing behind.
   */
  readonly remainingResourceId: string | undefined;

  /**
   * @param init - the message and the operation's outcome
   */
  constructor(init: {
    message: string;
    serviceCode?: string | undefined;
    operationUrl?: string | undefined;
    status?: "failed" | "canceled";
    details?: unknown;
    remainingResourceId?: string | undefined;
  }) {
    super(init.message);
    this.remainingResourceId = init.remainingResourceId;
    this.serviceCode = init.serviceCode;
    this.operationUrl = init.operationUrl;
    this.status = init.status ?? "failed";
    this.details = init.details;
  }
}
