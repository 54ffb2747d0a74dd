import type { AbortSignalLike } from "@azure/abort-controller";
import { delay } from "@azure/core-util";
import { OperationFailedError } from "../errors/operationFailedError.js";
import { ReplicationIncompleteError } from "../errors/replicationIncompleteError.js";
import { validateOptionalInterval, validateOptionsBag } from "../internal/validation.js";
import type { ReplicationProgress } from "../models/replication.js";
import type { WaitForReplicationOptions } from "./options.js";

/**
 * Polls replication progress until it succeeds, fails or times out. Progress never goes backwards
 * within one wait (Azure refreshes it about every ten minutes and different reads may disagree),
 * and once it has moved an ETA is extrapolated from the rate seen so far.
 */
export async function waitForReplication(
  read: (abortSignal: AbortSignalLike | undefined) => Promise<ReplicationProgress>,
  target: { id: string; description: string; defaultIntervalInMs: number },
  options: WaitForReplicationOptions,
): Promise<ReplicationProgress> {
  const opts = validateOptionsBag(options, "options") as WaitForReplicationOptions;
  const intervalInMs =
    validateOptionalInterval(opts.intervalInMs, "intervalInMs") ?? target.defaultIntervalInMs;
  const timeoutInMs = validateOptionalInterval(opts.timeoutInMs, "timeoutInMs");
  if (opts.onProgress !== undefined && typeof opts.onProgress !== "function") {
    throw new TypeError("onProgress must be a function");
  }
  const started = Date.now();
  let first: { at: number; percent: number } | undefined;
  let best = 0;
  for (;;) {
    const current = await read(opts.abortSignal);
    const now = Date.now();
    best = Math.max(best, current.percentComplete);
    first ??= { at: now, percent: best };
    const eta =
      current.state === "InProgress" && best > first.percent
        ? new Date(now + ((now - first.at) * (100 - best)) / (best - first.percent))
        : undefined;
    const progress: ReplicationProgress = Object.freeze({
      ...current,
      percentComplete: best,
      ...(eta === undefined ? {} : { estimatedCompletionOn: eta }),
    });
    opts.onProgress?.(progress);
    if (progress.state === "Succeeded" || progress.state === "NotApplicable") return progress;
    if (progress.state === "Failed") {
      const failed = progress.disks.filter((d) => d.state === "Failed").map((d) => `'${d.name}'`);
      throw new OperationFailedError({
        message:
          `Replication of ${target.description} failed` +
          `${failed.length === 0 ? "" : ` for ${failed.join(", ")}`}; Azure gives no detail. Delete the copy and copy again.`,
        serviceCode: "ReplicationFailed",
        details: progress,
      });
    }
    const elapsed = Date.now() - started;
    if (timeoutInMs !== undefined && elapsed >= timeoutInMs) {
      throw new ReplicationIncompleteError({
        percentComplete: progress.percentComplete,
        resourceId: target.id,
        message:
          `${target.description} is only ${progress.percentComplete}% replicated after ${elapsed} ms ` +
          `(timeoutInMs ${timeoutInMs}). Wait longer or check again later.`,
      });
    }
    const wait = timeoutInMs === undefined ? intervalInMs : Math.min(intervalInMs, timeoutInMs - elapsed);
    await delay(wait, { abortSignal: opts.abortSignal });
  }
}
