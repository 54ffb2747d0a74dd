import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationOptions as CoreOperationOptions } from "@azure/core-client";

/**
 * Options every operation accepts: `@azure/core-client`'s `OperationOptions`, the base of every
 * method's own options type (`GetCollectionOptions`, `BeginDeleteRestorePointOptions`, ...).
 *
 * - `abortSignal` cancels the call; for a long-running operation it stops the waiting, never the
 *   operation in Azure.
 * - `requestOptions.customHeaders` and `requestOptions.timeout` (ms, per HTTP request) apply to
 *   every request the call sends, including the initial request and the polls of a poller and
 *   every step of a helper such as `restoreVm`. `onUploadProgress`/`onDownloadProgress` are passed
 *   on too; `allowInsecureConnection` and `shouldDeserialize` are ignored (the endpoint is
 *   https-only, and responses are always parsed into models).
 * - `tracingOptions.tracingContext` is the parent of the call's span (`<ClientClass>.<method>`).
 * - `onResponse` is called for every HTTP response of the call, with the raw response (its
 *   `request` without the `Authorization` header), the parsed body and, for an error response,
 *   the error. It may be called many times.
 * - `serializerOptions` has no effect (there is no XML).
 *
 * @public
 */
export interface OperationOptions extends CoreOperationOptions {
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
