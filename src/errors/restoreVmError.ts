import { RestorePointError } from "./restorePointError.js";

/**
 * The phases of `restoreVm`, reported by its progress events and by {@link RestoreVmError.step}.
 *
 * @public
 */
export type RestoreVmStep =
  "preparing" | "restoringDisks" | "creatingNetworkInterface" | "creatingVm" | "rollingBack" | "done";

/**
 * Thrown by `restoreVm` when one of its steps fails. It lists the resources the call had created,
 * and whether they were deleted again (`rollbackOnFailure`, default on); the original error is in
 * `cause`.
 *
 * @public
 */
export class RestoreVmError extends RestorePointError {
  /** Always `"RestoreVmError"`. */
  override readonly name = "RestoreVmError" as const;
  /** Always `"RestoreVmFailed"`. */
  readonly code = "RestoreVmFailed" as const;
  /** The step that failed. */
  readonly step: RestoreVmStep;
  /** Ids of the resources this call created (deleted again when `rolledBack` is true). */
  readonly createdResourceIds: readonly string[];
  /** Whether every created resource was deleted again. */
  readonly rolledBack: boolean;

  /**
   * @param init - the failed step, the created resources, the rollback outcome and the cause
   */
  constructor(init: {
    step: RestoreVmStep;
    createdResourceIds: readonly string[];
    rolledBack: boolean;
    cause: unknown;
    message?: string;
  }) {
    super(
      init.message ??
        `Restoring the VM failed while ${init.step}: ${describeCause(init.cause)}. ` +
          (init.createdResourceIds.length === 0
            ? "Nothing had been created."
            : init.rolledBack
              ? `The ${init.createdResourceIds.length} resources it had created were deleted.`
              : `Delete the resources it created: ${init.createdResourceIds.join(", ")}.`),
      { cause: init.cause },
    );
    this.step = init.step;
    this.createdResourceIds = Object.freeze([...init.createdResourceIds]);
    this.rolledBack = init.rolledBack;
  }
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
