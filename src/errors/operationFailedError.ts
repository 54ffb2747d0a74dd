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
   * @param init - the message and the operation's outcome
   */
  constructor(init: {
    message: string;
    serviceCode?: string | undefined;
    operationUrl?: string | undefined;
    status?: "failed" | "canceled";
    details?: unknown;
  }) {
    super(init.message);
    this.serviceCode = init.serviceCode;
    this.operationUrl = init.operationUrl;
    this.status = init.status ?? "failed";
    this.details = init.details;
  }
}
