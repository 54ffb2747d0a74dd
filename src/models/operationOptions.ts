import type { AbortSignalLike } from "@azure/abort-controller";

/**
 * Options every operation accepts.
 *
 * @public
 */
export interface OperationOptions {
  /** Cancels the call. For a long-running operation it stops the waiting, never the operation. */
  abortSignal?: AbortSignalLike;
}

/**
 * Options of every `begin*` method.
 *
 * @public
 */
export interface LroOptions extends OperationOptions {
  /**
   * Stops the waiting (`await poller`, `pollUntilDone()`), never the operation in Azure. A poller
   * whose wait was aborted stays aborted: continue with `resumeFrom: await poller.serialize()`.
   */
  abortSignal?: AbortSignalLike;
  /**
   * Delay between status polls in ms; the service's `Retry-After` takes precedence.
   * @defaultValue the client's `updateIntervalInMs` (2000)
   */
  updateIntervalInMs?: number;
  /**
   * A string from `poller.serialize()`: continue that operation (possibly in another process)
   * instead of starting a new one. No initial request is sent.
   */
  resumeFrom?: string;
}
