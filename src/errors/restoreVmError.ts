import { RestorePointError } from "./restorePointError.js";

/**
 * The phases of `restoreVm` and `restoreVmInPlace`, reported by their progress events and by
 * {@link RestoreVmError.step}. `deallocatingVm`, `swappingDisks`, `startingVm` and
 * `deletingOriginalDisks` belong to the in-place restore only.
 *
 * @public
 */
export type RestoreVmStep =
  | "preparing"
  | "restoringDisks"
  | "creatingNetworkInterface"
  | "creatingVm"
  | "deallocatingVm"
  | "swappingDisks"
  | "startingVm"
  | "deletingOriginalDisks"
  | "rollingBack"
  | "done";

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
  /**
   * Ids of the resources this call created that still exist: all of them without a rollback, the
   * ones whose deletion failed after a partial one, none after a complete one. Delete them (or run
   * the same restore again, which picks them up) when not empty.
   */
  readonly createdResourceIds: readonly string[];
  /**
   * Whether a rollback ran and undid everything: every created resource deleted (and, for an
   * in-place restore, the VM's original disks attached again). `false` when nothing needed
   * undoing because the call failed before creating anything.
   */
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
          (init.rolledBack
            ? "What it had created was deleted again."
            : init.createdResourceIds.length === 0
              ? "Nothing is left behind."
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
