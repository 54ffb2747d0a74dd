import type { DiskReplicationProgress, ReplicationProgress } from "../models/replication.js";

/**
 * `serviceCode` of the OperationFailedError thrown when a disk of a cross-region copy failed to
 * replicate.
 */
export const REPLICATION_FAILED = "ReplicationFailed";

/**
 * `serviceCode` of the OperationFailedError thrown when Azure terminated a cross-region copy
 * because it did not finish within the service's limit (two weeks).
 */
export const REPLICATION_TIMED_OUT = "ReplicationTimedOut";

/**
 * Azure's wording for a copy it terminated at the two-week limit is not documented; these are the
 * phrasings such a status message can be expected to use (the emulator says "did not complete
 * within the allowed time (two weeks) and was terminated").
 */
const TIMED_OUT = /terminat|timed?[ -]?out|time ?limit|allowed time|two weeks|14 days/i;

/** A GUID suffix as the service appends it to disk restore point names (`<disk>_<guid>`). */
const GUID_SUFFIX = /_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The error code and message of a failed replication: a failed disk names the disk, a copy that
 * ran into the two-week limit says so. Azure gives no detail for failed disk copies.
 *
 * @param progress - a progress whose state is `Failed`
 * @param description - the copy, e.g. "the copy" or "restore point 'rp' in collection 'c' (...)"
 */
export function describeReplicationFailure(
  progress: ReplicationProgress,
  description: string,
): { code: string; message: string } {
  const failed = progress.disks.filter((d) => d.state === "Failed");
  const named = failed.map(diskLabel).join(", ");
  if (failed.some((d) => d.message !== undefined && TIMED_OUT.test(d.message))) {
    return {
      code: REPLICATION_TIMED_OUT,
      message:
        `Replication of ${description} was terminated by Azure: it did not finish within the service's ` +
        `two-week limit (${named} at ${progress.percentComplete}% overall). ` +
        `Delete the copy and copy a newer restore point again.`,
    };
  }
  return {
    code: REPLICATION_FAILED,
    message:
      `Replication of ${description} failed` +
      (failed.length === 0 ? "" : ` for ${named}`) +
      `; Azure gives no detail for failed disk copies. Delete the copy and copy again.`,
  };
}

function diskLabel(disk: DiskReplicationProgress): string {
  const diskName = disk.name.replace(GUID_SUFFIX, "");
  return diskName === disk.name
    ? `disk restore point '${disk.name}'`
    : `disk '${diskName}' (disk restore point '${disk.name}')`;
}
