/**
 * Replication progress of cross-region copies, derived from the clock at read time: the copy says
 * `Succeeded` as soon as its operation ends, while each disk's `completionPercent` climbs in coarse
 * steps over `replicationDurationMs`, as Azure's (updated about every ten minutes, often 0 → 100).
 */
import type { HandlerContext } from "../http.js";
import type { DiskRestorePointRecord, RestorePointRecord } from "../state.js";

/**
 * Which disks of the next cross-region copies fail to replicate (`emu.failReplication`).
 * @public
 */
export interface ReplicationFailureSpec {
  /** Regular expression (strings compile case-insensitively) over disk restore point names; all disks when absent. */
  diskNamePattern?: string | RegExp;
  /** How many copies are affected. @defaultValue 1 */
  times?: number;
}

interface ActiveReplicationFailure {
  pattern: RegExp | undefined;
  remaining: number;
}

export class ReplicationFaults {
  private active: ActiveReplicationFailure[] = [];

  add(spec: ReplicationFailureSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError("ReplicationFailureSpec.times must be >= 1.");
    const pattern =
      spec.diskNamePattern === undefined
        ? undefined
        : typeof spec.diskNamePattern === "string"
          ? new RegExp(spec.diskNamePattern, "i")
          : spec.diskNamePattern;
    this.active.push({ pattern, remaining: times });
  }

  /** For a copy that is starting: the ids of its disk restore points that will fail. */
  take(diskRestorePoints: readonly { id: string; name: string }[]): string[] {
    const fault = this.active[0];
    if (fault === undefined) return [];
    const failing = diskRestorePoints.filter(
      (d) => fault.pattern === undefined || fault.pattern.test(d.name),
    );
    if (failing.length === 0) return [];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.active.shift();
    return failing.map((d) => d.id);
  }

  clear(): void {
    this.active = [];
  }
}

export type ReplicationState = "Replicating" | "Succeeded" | "Failed";

export interface DiskReplication {
  readonly state: ReplicationState;
  readonly completionPercent: number;
  /** Why a failed disk failed. */
  readonly message?: string;
}

/** Replication of one disk of a restore point; `undefined` for a restore point that is not a copy. */
export function diskReplication(
  point: RestorePointRecord,
  diskPoint: DiskRestorePointRecord,
  context: HandlerContext,
): DiskReplication | undefined {
  const copy = point.copy;
  if (copy === undefined) return undefined;
  if (point.provisioningState === "Creating") return { state: "Replicating", completionPercent: 0 };
  const { replicationDurationMs: duration, replicationSteps: steps } = context.options;
  const elapsed = Math.max(0, context.now - copy.startedAt);
  const fraction = duration === 0 ? 1 : Math.min(1, elapsed / duration);
  const percentAt = (f: number): number => Math.round((Math.floor(f * steps + 1e-9) / steps) * 100);
  if (copy.failingDiskRestorePointIds.some((id) => id.toLowerCase() === diskPoint.id.toLowerCase())) {
    // A failing disk fails half-way, keeping whatever it had reached.
    if (fraction >= 0.5) {
      return {
        state: "Failed",
        completionPercent: percentAt(0.5),
        message: `Replication of disk restore point '${diskPoint.name}' failed.`,
      };
    }
    return { state: "Replicating", completionPercent: percentAt(fraction) };
  }
  // Checked before completion: a copy terminated at the time limit stays failed at the
  // percentage it had then, however long ago that was.
  const timeout = context.options.rules.copyTimeoutMs;
  if (duration > timeout && elapsed > timeout) {
    return {
      state: "Failed",
      completionPercent: percentAt(timeout / duration),
      message: "The copy did not complete within the allowed time (two weeks) and was terminated.",
    };
  }
  if (fraction >= 1) return { state: "Succeeded", completionPercent: 100 };
  return { state: "Replicating", completionPercent: percentAt(fraction) };
}

/** The instance-view status object of a replication state. */
export function replicationStatus(replication: DiskReplication): Record<string, unknown> {
  const base = {
    code: `ReplicationState/${replication.state.toLowerCase()}`,
    level: replication.state === "Failed" ? "Error" : "Info",
    displayStatus: replication.state,
  };
  return replication.message === undefined ? base : { ...base, message: replication.message };
}

/** Whether any disk of a copy is still replicating. */
export function isReplicating(
  point: RestorePointRecord,
  diskPoints: readonly DiskRestorePointRecord[],
  context: HandlerContext,
): boolean {
  if (point.copy === undefined) return false;
  if (point.provisioningState === "Creating") return true;
  return diskPoints.some((d) => diskReplication(point, d, context)?.state === "Replicating");
}
