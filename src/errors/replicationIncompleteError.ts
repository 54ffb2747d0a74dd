import { RestorePointError } from "./restorePointError.js";

/**
 * Thrown when a cross-region copy has not finished replicating: by `beginRestoreDisk` (from
 * `poller.submitted()`) unless `allowIncompleteReplication` is set, because Azure would restore a
 * disk from incomplete data without complaint; and by `waitForReplication` when `timeoutInMs`
 * runs out. Wait with `waitForReplication()` and try again.
 *
 * @public
 */
export class ReplicationIncompleteError extends RestorePointError {
  /** Always `"ReplicationIncompleteError"`. */
  override readonly name = "ReplicationIncompleteError" as const;
  /** Always `"ReplicationIncomplete"`. */
  readonly code = "ReplicationIncomplete" as const;
  /** How far replication has got, 0..100. */
  readonly percentComplete: number;
  /** The restore point or disk restore point that is still replicating. */
  readonly resourceId?: string;

  /**
   * @param init - the progress, the resource and optionally a custom message
   */
  constructor(init: { percentComplete: number; resourceId?: string; message?: string }) {
    super(
      init.message ??
        `${init.resourceId === undefined ? "The copy" : `'${init.resourceId}'`} is only ${init.percentComplete}% replicated. ` +
          `Wait for replication to finish (waitForReplication()) and try again.`,
    );
    this.percentComplete = init.percentComplete;
    if (init.resourceId !== undefined) this.resourceId = init.resourceId;
  }
}
