import type { Complete } from "../models/common.js";
import type { DiskReplicationProgress, ReplicationProgress } from "../models/replication.js";

interface Observation {
  readonly at: number;
  readonly percent: number;
}

/**
 * Turns raw replication reads into what one wait reports: percentages that never go down (Azure
 * refreshes progress about every ten minutes and two reads may disagree) and an estimated
 * completion time.
 *
 * The estimate is a straight line through two observations: the first one above 0 %, and the one
 * at which the current percentage first appeared. It needs the percentage to have moved at least
 * once after it first exceeded 0 % (a copy that has only ever shown 0 % has no measurable rate,
 * and the time before the first progress includes the copy's start-up, which would skew the
 * rate). Taking the time a value first appeared, not the time of the latest read, keeps the rate
 * from sagging between Azure's coarse updates. An estimate already in the past is reported as
 * "now", and there is none once replication is no longer in progress.
 */
export class ReplicationProgressEstimator {
  #best = 0;
  #first: Observation | undefined;
  #latestChange: Observation | undefined;
  readonly #bestByDisk = new Map<string, number>();

  /**
   * Records one read and returns it with monotonic percentages and, when it can be estimated, an
   * `estimatedCompletionOn`.
   *
   * @param current - the progress as just read from the service
   * @param now - when it was read, in ms since the epoch
   */
  observe(current: ReplicationProgress, now: number = Date.now()): ReplicationProgress {
    this.#best = Math.max(this.#best, current.percentComplete);
    const best = this.#best;
    if (best > 0) {
      this.#first ??= { at: now, percent: best };
      if (this.#latestChange === undefined || best > this.#latestChange.percent) {
        this.#latestChange = { at: now, percent: best };
      }
    }
    const eta = current.state === "InProgress" ? this.#estimate(now) : undefined;
    const progress: Complete<ReplicationProgress> = {
      state: current.state,
      percentComplete: best,
      disks: Object.freeze(current.disks.map((d) => this.#monotonicDisk(d))),
      estimatedCompletionOn: eta,
    };
    return Object.freeze(progress);
  }

  #estimate(now: number): Date | undefined {
    const first = this.#first;
    const last = this.#latestChange;
    if (first === undefined || last === undefined || last.percent <= first.percent) return undefined;
    const elapsed = last.at - first.at;
    if (elapsed <= 0) return undefined;
    const percentPerMs = (last.percent - first.percent) / elapsed;
    const at = last.at + (100 - last.percent) / percentPerMs;
    return new Date(Math.max(now, Math.round(at)));
  }

  #monotonicDisk(disk: DiskReplicationProgress): DiskReplicationProgress {
    const key = disk.diskRestorePointId.toLowerCase();
    const best = Math.max(this.#bestByDisk.get(key) ?? 0, disk.percentComplete);
    this.#bestByDisk.set(key, best);
    return best === disk.percentComplete ? disk : Object.freeze({ ...disk, percentComplete: best });
  }
}
