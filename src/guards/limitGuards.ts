/**
 * The per-VM limit: at most `limit` (MAX_RESTORE_POINTS_PER_VM, 500) restore points of one VM
 * across every collection and resource group. Copies in other regions do not count: they live in
 * copy-target collections, whose source is a collection rather than the VM.
 */
import { RestorePointLimitError } from "../errors/restorePointLimitError.js";
import type { RestorePointError } from "../errors/restorePointError.js";
import type { PointFacts } from "./guardTypes.js";
import { isCapture } from "./guardTypes.js";

/**
 * Checks that one more capture of `vmId` stays within the limit.
 *
 * @param vmId - the source VM
 * @param points - the restore points of every collection of the VM that the client could see
 * @param limit - the per-VM limit
 * @param restorePointId - the restore point about to be created, for the message
 */
export function checkRestorePointLimit(
  vmId: string,
  points: readonly PointFacts[],
  limit: number,
  restorePointId: string,
): RestorePointError[] {
  const count = points.filter(isCapture).length;
  if (count < limit) return [];
  return [
    new RestorePointLimitError({
      limit,
      count,
      vmId,
      message:
        `Cannot create '${restorePointId}': VM '${vmId}' already has ${count} restore points across its ` +
        `collections, and Azure allows ${limit} per VM. Delete older restore points first.`,
    }),
  ];
}
