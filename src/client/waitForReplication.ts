import type { AbortSignalLike } from "@azure/abort-controller";
import { delay } from "@azure/core-util";
import { ReplicationProgressEstimator } from "../copy/progressEstimator.js";
import { describeReplicationFailure } from "../copy/replicationFailure.js";
import { OperationFailedError } from "../errors/operationFailedError.js";
import { ReplicationIncompleteError } from "../errors/replicationIncompleteError.js";
import { validateOptionalInterval, validateOptionsBag, describe } from "../internal/validation.js";
import type { ReplicationProgress } from "../models/replication.js";
import type { WaitForReplicationOptions } from "./options.js";

/**
 * Polls replication progress until it succeeds, fails or times out. Progress never goes backwards
 * within one wait (Azure refreshes it about every ten minutes and different reads may disagree),
 * and once it has moved an ETA is extrapolated from the rate seen so far (see
 * ReplicationProgressEstimator for the method).
 */
export async function waitForReplication(
  read: (abortSignal: AbortSignalLike | undefined) => Promise<ReplicationProgress>,
  target: { id: string; description: string; defaultIntervalInMs: number },
  options: WaitForReplicationOptions,
): Promise<ReplicationProgress> {
  const opts = validateOptionsBag(options, "options") as WaitForReplicationOptions;
  // `intervalInMs` is the deprecated name of `updateIntervalInMs`.
  const intervalInMs =
    validateOptionalInterval(opts.updateIntervalInMs, "updateIntervalInMs") ??
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the old name still works
    validateOptionalInterval(opts.intervalInMs, "intervalInMs") ??
    target.defaultIntervalInMs;
  const timeoutInMs = validateOptionalInterval(opts.timeoutInMs, "timeoutInMs");
  if (opts.onProgress !== undefined && typeof opts.onProgress !== "function") {
    throw new TypeError(`onProgress must be a function, got ${describe(opts.onProgress)}`);
  }
  const started = Date.now();
  const estimator = new ReplicationProgressEstimator();
  for (;;) {
    const progress = estimator.observe(await read(opts.abortSignal));
    opts.onProgress?.(progress);
    if (progress.state === "Succeeded" || progress.state === "NotApplicable") return progress;
    if (progress.state === "Failed") {
      const failure = describeReplicationFailure(progress, target.description);
      throw new OperationFailedError({
        message: failure.message,
        serviceCode: failure.code,
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
