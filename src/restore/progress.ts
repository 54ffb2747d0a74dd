import { AbortError } from "@azure/abort-controller";
import type { AbortSignalLike } from "@azure/abort-controller";
import type { RestoreVmProgressEvent } from "./restoreVmTypes.js";
import type { RestoreVmStep } from "../errors/restoreVmError.js";
import { logger } from "../internal/logger.js";

/**
 * Reports progress of a restore: the percentage never goes down, and a callback that throws is
 * logged and ignored, because a broken progress bar must not leave half a VM behind.
 */
export class ProgressReporter {
  #percent = 0;
  #step: RestoreVmStep = "preparing";
  readonly #onProgress: ((event: RestoreVmProgressEvent) => void) | undefined;
  readonly #what: string;

  constructor(onProgress: ((event: RestoreVmProgressEvent) => void) | undefined, what: string) {
    this.#onProgress = onProgress;
    this.#what = what;
  }

  /** The step reported last. */
  get step(): RestoreVmStep {
    return this.#step;
  }

  /** Reports `step` at `percent` (clamped to 0..100 and never below the last report). */
  report(step: RestoreVmStep, percent: number, message: string, resourceId?: string): void {
    this.#step = step;
    this.#percent = Math.max(this.#percent, Math.min(100, Math.max(0, Math.round(percent))));
    logger.info(`${this.#what}: ${step} ${this.#percent}%: ${message}`);
    if (this.#onProgress === undefined) return;
    const event: RestoreVmProgressEvent = {
      step,
      percentComplete: this.#percent,
      message,
      ...(resourceId === undefined ? {} : { resourceId }),
    };
    try {
      this.#onProgress(Object.freeze(event));
    } catch (e) {
      logger.warning(`${this.#what}: the onProgress callback threw and was ignored: ${String(e)}`);
    }
  }
}

/** Throws an AbortError when the restore was asked to stop (checked at each safe point). */
export function throwIfAborted(abortSignal: AbortSignalLike | undefined, what: string): void {
  if (abortSignal?.aborted === true) throw new AbortError(`${what} was aborted`);
}
