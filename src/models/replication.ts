import { sameResourceId } from "../resourceId.js";
import type { ArmJson, Complete } from "./common.js";
import { lastSegment } from "./common.js";
import type { RestorePointSourceMetadata } from "./sourceMetadata.js";
import type { WireInstanceViewStatus } from "./wire/common.js";
import { num, obj, objects, str } from "./wire/read.js";
import type { WireRestorePoint } from "./wire/restorePoint.js";

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
  const wire: WireRestorePoint = body;
  const properties = obj(wire.properties);
  const sizes = diskSizes(sourceMetadata);
  if (str(obj(properties?.sourceRestorePoint)?.id) === undefined) {
    const disks = sizes.map((d) => disk(d.id, 100, "NotApplicable", d.sizeGB));
    return progress("NotApplicable", 100, disks);
  }
  const instanceView = obj(properties?.instanceView);
  const viewDisks = objects(instanceView?.diskRestorePoints);
  const disks =
    viewDisks.length > 0
      ? viewDisks.map((d) => {
          const id = str(d.id) ?? "";
          const replicationStatus = obj(d.replicationStatus);
          const status = obj(replicationStatus?.status);
          const state = stateFromStatus(status);
          const percent =
            state === "Succeeded" ? 100 : clampPercent(num(replicationStatus?.completionPercent));
          const size = sizes.find((s) => sameResourceId(s.id, id))?.sizeGB;
          return disk(id, percent, state, size, str(d.snapshotAccessState), str(status?.message));
        })
      : sizes.map((d) => disk(d.id, 0, "InProgress", d.sizeGB));
  const overallFailed =
    /fail/i.test(str(properties?.provisioningState) ?? "") ||
    objects(instanceView?.statuses).some((s) => stateFromStatus(s) === "Failed");
  const state: ReplicationState =
    overallFailed || disks.some((d) => d.state === "Failed")
      ? "Failed"
      : disks.length > 0 && disks.every((d) => d.state === "Succeeded")
        ? "Succeeded"
        : "InProgress";
  return progress(state, state === "Succeeded" ? 100 : weightedPercent(disks), disks);
}

function progress(
  state: ReplicationState,
  percentComplete: number,
  disks: DiskReplicationProgress[],
): ReplicationProgress {
  const result: Complete<ReplicationProgress> = {
    state,
    percentComplete,
    disks: Object.freeze(disks),
    estimatedCompletionOn: undefined,
  };
  return Object.freeze(result);
}

function disk(
  id: string,
  percentComplete: number,
  state: ReplicationState,
  sizeGB: number | undefined,
  snapshotAccessState?: string,
  message?: string,
): DiskReplicationProgress {
  const result: Complete<DiskReplicationProgress> = {
    diskRestorePointId: id,
    name: lastSegment(id),
    sizeGB,
    percentComplete,
    state,
    snapshotAccessState,
    message,
  };
  return Object.freeze(result);
}

function stateFromStatus(status: WireInstanceViewStatus | undefined): ReplicationState {
  const text = `${str(status?.code) ?? ""} ${str(status?.displayStatus) ?? ""}`.toLowerCase();
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
