/**
 * One operation at a time: Azure runs one restore point creation per VM, and one copy per source
 * and target collection, and refuses a second one while the first is still running.
 */
import { ConcurrentOperationError } from "../errors/concurrentOperationError.js";
import type { RestorePointError } from "../errors/restorePointError.js";
import type { PointFacts } from "./guardTypes.js";
import { isCapture, isCreating } from "./guardTypes.js";

/** No other capture of the VM may still be `Creating`. */
export function checkNoCaptureInProgress(
  points: readonly PointFacts[],
  restorePointId: string,
  vmId: string,
): RestorePointError[] {
  const running = points.find((p) => isCapture(p) && isCreating(p));
  if (running === undefined) return [];
  return [
    new ConcurrentOperationError({
      inProgressId: running.id,
      resourceId: restorePointId,
      message:
        `Cannot create '${restorePointId}': restore point '${running.id}' of VM '${vmId}' is still being created, ` +
        `and Azure runs one creation per VM at a time. Wait for it to finish, then retry.`,
    }),
  ];
}

/**
 * No other copy into the target collection may still be running (created, or replicating).
 *
 * @param inFlight - the copy still running, as found by the state read, if any
 */
export function checkNoCopyInProgress(
  inFlight: PointFacts | undefined,
  restorePointId: string,
  targetCollectionId: string,
): RestorePointError[] {
  if (inFlight === undefined) return [];
  return [
    new ConcurrentOperationError({
      inProgressId: inFlight.id,
      resourceId: restorePointId,
      message:
        `Cannot copy into '${restorePointId}': the copy '${inFlight.id}' into collection '${targetCollectionId}' is ` +
        `still running, and Azure runs one copy between the same collections at a time. Wait for it ` +
        `(waitForReplication()), then retry.`,
    }),
  ];
}
