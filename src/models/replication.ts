import { arrayAt, isJsonObject, numberAt, objectAt, setIfDefined, stringAt } from "../internal/json.js";
import { sameResourceId } from "../resourceId.js";
import type { ArmJson } from "./common.js";
import { lastSegment } from "./common.js";
import type { RestorePointSourceMetadata } from "./sourceMetadata.js";

/**
 * Replication state of a cross-region copy. `NotApplicable` means the restore point is not a copy.
 *
 * @public
 */
export type ReplicationState = "NotApplicable" | "InProgress" | "Succeeded" | "Failed";

/**
 * Replication progress of one disk restore point of a copy.
 *
 * @public
 */
export interface DiskReplicationProgress {
  /** The disk restore point id. */
  readonly diskRestorePointId: string;
  /** The disk restore point name. */
  readonly name: string;
  /** Size of the disk in GiB, when the restore point recorded it. */
  readonly sizeGB?: number;
  /** 0..100. */
  readonly percentComplete: number;
  /** State of this disk's copy. */
  readonly state: ReplicationState;
  /** Instant-access snapshot state (api-version 2025-04-01 and later), e.g. `Available`. */
  readonly snapshotAccessState?: string;
  /** The service's status message for this disk, when it gave one (e.g. why the copy failed). */
  readonly message?: string;
}

/**
 * How far a cross-region copy has replicated its data. The copy operation itself finishes long
 * before the data has arrived; this follows the data.
 *
 * @public
 */
export interface ReplicationProgress {
  /** Overall state: `Succeeded` once every disk is replicated, `Failed` if any disk failed. */
  readonly state: ReplicationState;
  /** 0..100, weighted by disk size when every size is known. Never decreases within one wait. */
  readonly percentComplete: number;
  /** Per-disk progress. */
  readonly disks: readonly DiskReplicationProgress[];
  /**
   * Projected completion time, only in progress reported by a wait (a copy poller or
   * `waitForReplication`) and only once it can be estimated: a straight line through the first
   * observation above 0 % and the observation at which the current percentage first appeared, so
   * it needs the percentage to have moved at least once after leaving 0 %. Never in the past;
   * absent once replication stopped.
   */
  readonly estimatedCompletionOn?: Date;
}

/**
 * Computes replication progress from a restore point body fetched with `$expand=instanceView`.
 * Azure reports `ReplicationState/succeeded` when done; in-progress and failure codes were never
 * recorded, so anything that does not say succeeded or fail counts as in progress.
 */
export function toReplicationProgress(
  body: ArmJson,
  sourceMetadata: RestorePointSourceMetadata | undefined,
): ReplicationProgress {
  const properties = objectAt(body, "properties");
  const sizes = diskSizes(sourceMetadata);
  if (stringAt(objectAt(properties, "sourceRestorePoint"), "id") === undefined) {
    const disks = sizes.map((d) => disk(d.id, 100, "NotApplicable", d.sizeGB));
    return Object.freeze({ state: "NotApplicable", percentComplete: 100, disks: Object.freeze(disks) });
  }
  const instanceView = objectAt(properties, "instanceView");
  const viewDisks = arrayAt(instanceView, "diskRestorePoints").filter(isJsonObject);
  const disks =
    viewDisks.length > 0
      ? viewDisks.map((d) => {
          const id = stringAt(d, "id") ?? "";
          const replicationStatus = objectAt(d, "replicationStatus");
          const state = stateFromStatus(objectAt(replicationStatus, "status"));
          const percent =
            state === "Succeeded" ? 100 : clampPercent(numberAt(replicationStatus, "completionPercent"));
          const size = sizes.find((s) => sameResourceId(s.id, id))?.sizeGB;
          const message = stringAt(objectAt(replicationStatus, "status"), "message");
          return disk(id, percent, state, size, stringAt(d, "snapshotAccessState"), message);
        })
      : sizes.map((d) => disk(d.id, 0, "InProgress", d.sizeGB));
  const overallFailed =
    /fail/i.test(stringAt(properties, "provisioningState") ?? "") ||
    arrayAt(instanceView, "statuses").some((s) => stateFromStatus(s) === "Failed");
  const state: ReplicationState =
    overallFailed || disks.some((d) => d.state === "Failed")
      ? "Failed"
      : disks.length > 0 && disks.every((d) => d.state === "Succeeded")
        ? "Succeeded"
        : "InProgress";
  const percentComplete = state === "Succeeded" ? 100 : weightedPercent(disks);
  return Object.freeze({ state, percentComplete, disks: Object.freeze(disks) });
}

function disk(
  id: string,
  percentComplete: number,
  state: ReplicationState,
  sizeGB: number | undefined,
  snapshotAccessState?: string,
  message?: string,
): DiskReplicationProgress {
  const result: Record<string, unknown> = {
    diskRestorePointId: id,
    name: lastSegment(id),
    percentComplete,
    state,
  };
  setIfDefined(result, "sizeGB", sizeGB);
  setIfDefined(result, "snapshotAccessState", snapshotAccessState);
  setIfDefined(result, "message", message);
  return Object.freeze(result) as unknown as DiskReplicationProgress;
}

function stateFromStatus(status: unknown): ReplicationState {
  const text = `${stringAt(status, "code") ?? ""} ${stringAt(status, "displayStatus") ?? ""}`.toLowerCase();
  if (text.includes("succeeded")) return "Succeeded";
  if (text.includes("fail")) return "Failed";
  return "InProgress";
}

function diskSizes(metadata: RestorePointSourceMetadata | undefined): Array<{ id: string; sizeGB?: number }> {
  if (metadata === undefined) return [];
  const disks = metadata.osDisk === undefined ? metadata.dataDisks : [metadata.osDisk, ...metadata.dataDisks];
  return disks.flatMap((d) =>
    d.diskRestorePointId === undefined
      ? []
      : [
          d.sizeGB === undefined
            ? { id: d.diskRestorePointId }
            : { id: d.diskRestorePointId, sizeGB: d.sizeGB },
        ],
  );
}

function clampPercent(value: number | undefined): number {
  return Math.min(100, Math.max(0, value ?? 0));
}

/** Weighted by size when every disk has a positive size, so a small OS disk does not dominate. */
function weightedPercent(disks: readonly DiskReplicationProgress[]): number {
  if (disks.length === 0) return 0;
  const sized = disks.every((d) => d.sizeGB !== undefined && d.sizeGB > 0);
  const weight = (d: DiskReplicationProgress): number => (sized ? (d.sizeGB ?? 0) : 1);
  const total = disks.reduce((sum, d) => sum + weight(d), 0);
  const done = disks.reduce((sum, d) => sum + weight(d) * d.percentComplete, 0);
  return Math.round((done / total) * 10) / 10;
}
