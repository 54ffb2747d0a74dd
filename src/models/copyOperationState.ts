import type { OperationState } from "@azure/core-lro";
import type { ReplicationProgress } from "./replication.js";
import type { VmRestorePoint } from "./vmRestorePoint.js";

/**
 * State of a copy poller: the operation state plus, once the copy operation has succeeded and the
 * poller waits for the data, the replication progress.
 *
 * @public
 */
export interface CopyOperationState extends OperationState<VmRestorePoint> {
  /** Replication progress, refreshed on every poll while waiting for replication. */
  replication?: ReplicationProgress;
}
