import type { AbortSignalLike } from "@azure/abort-controller";
import type { CancelOnProgress, OperationState, PollerLike } from "@azure/core-lro";
import { isRestError } from "@azure/core-rest-pipeline";
import { OperationFailedError } from "../errors/operationFailedError.js";
import { isRestorePointError } from "../errors/restorePointError.js";
import { objectAt, stringAt } from "../internal/json.js";
import { redactUrl } from "../internal/urls.js";
import { operationLocationOf } from "./lroMode.js";
import { sanitizeSerializedState } from "./resumeState.js";

/** Builds the error of an operation the service accepted and then failed or canceled. */
export function operationFailure(
  description: string,
  body: unknown,
  status: "failed" | "canceled",
  operationUrl: string | undefined,
  remains?: { readonly id: string; readonly what: string },
): OperationFailedError {
  const error = objectAt(body, "error");
  const serviceCode = stringAt(error, "code");
  const serviceMessage = stringAt(error, "message");
  return new OperationFailedError({
    message: [
      `${description} ${status === "canceled" ? "was canceled" : "failed"}`,
      serviceCode === undefined ? "" : ` with ${serviceCode}`,
      serviceMessage === undefined ? "" : `: ${serviceMessage}`,
      remains === undefined
        ? ""
        : `${/[.!?]$/.test(serviceMessage ?? "") ? "" : "."} The ${remains.what} it was creating remains in the Failed state: ${remains.id} (delete it before retrying with the same name; see remainingResourceId)`,
    ].join(""),
    remainingResourceId: remains?.id,
    serviceCode,
    operationUrl: redactUrl(operationUrl),
    status,
    details: error === undefined ? undefined : { error },
  });
}

/**
 * Wraps core-lro's poller so that:
 * - `await poller` and `pollUntilDone()` honour the `abortSignal` given to the `begin*` call
 *   (core-lro's `then` polls without one);
 * - failures are OperationFailedError even where core-lro throws a plain Error (canceled
 *   operations, operations already failed in the initial response);
 * - an initial-request error nobody awaited yet is not an unhandled rejection (it still surfaces
 *   from `submitted()` and `await poller`);
 * - `serialize()` holds no result, error or SAS.
 */
export function wrapPoller<TState extends OperationState<TResult>, TResult>(
  inner: PollerLike<TState, TResult>,
  init: {
    abortSignal: AbortSignalLike | undefined;
    description: string;
    expectsResult: boolean;
    lastResponseBody: () => unknown;
    /** Puts back into a serialized state what the poller kept from core-lro (real polling URLs). */
    expandSerialized?: ((serialized: string) => string) | undefined;
    /**
     * Reads the result again: for an operation that succeeded but whose result read failed (a
     * final GET that outlasted the retries), or that was resumed from a state without a result.
     */
    refetchResult?: ((abortSignal: AbortSignalLike | undefined) => Promise<TResult>) | undefined;
  },
): PollerLike<TState, TResult> {
  const mapError = (error: unknown): Error => {
    if (isRestorePointError(error) || isRestError(error)) return error;
    if (error instanceof Error && error.name === "AbortError") return error;
    const state = inner.operationState;
    if (state?.status === "failed" || state?.status === "canceled") {
      return isRestorePointError(state.error, "OperationFailed")
        ? state.error
        : operationFailure(
            init.description,
            init.lastResponseBody(),
            state.status,
            operationLocationOf(state),
          );
    }
    return error instanceof Error ? error : new Error(String(error));
  };
  let refetched: TResult | undefined;
  const checkResult = async (result: TResult, abortSignal: AbortSignalLike | undefined): Promise<TResult> => {
    if (!init.expectsResult || result !== undefined) return result;
    if (refetched !== undefined) return refetched;
    if (init.refetchResult !== undefined && inner.operationState?.status === "succeeded") {
      refetched = await init.refetchResult(abortSignal);
      return refetched;
    }
    throw new Error(
      `${init.description} finished before its poller was serialized; a serialized state holds no result, ` +
        `so read the resource instead of resuming.`,
    );
  };
  const pollUntilDone = (options?: { abortSignal?: AbortSignalLike }): Promise<TResult> => {
    const abortSignal = options?.abortSignal ?? init.abortSignal;
    return inner.pollUntilDone({ abortSignal }).then(
      (result) => checkResult(result, abortSignal),
      (e: unknown) => {
        throw mapError(e);
      },
    );
  };
  // Marks the initial request's rejection as handled; callers still see it from submitted()/await.
  inner.submitted().catch(() => undefined);
  // Object.assign keeps the getters of the first object (a spread would freeze their values).
  const poller: PollerLike<TState, TResult> = Object.assign(
    {
      get isDone(): boolean {
        return inner.isDone;
      },
      get operationState(): TState | undefined {
        return inner.operationState;
      },
      get result(): TResult | undefined {
        return inner.result ?? refetched;
      },
      poll: (options?: { abortSignal?: AbortSignalLike }) =>
        inner.poll({ abortSignal: options?.abortSignal ?? init.abortSignal }).catch((e: unknown) => {
          throw mapError(e);
        }),
      pollUntilDone,
      onProgress: (callback: (state: TState) => void): CancelOnProgress => inner.onProgress(callback),
      serialize: async () => {
        const serialized = await inner.serialize();
        return sanitizeSerializedState(init.expandSerialized?.(serialized) ?? serialized);
      },
      submitted: () => inner.submitted(),
    },
    promiseMembers(() => pollUntilDone()),
  );
  return poller;
}

/**
 * The `Promise` half of a `PollerLike` (`then`, `catch`, `finally`): awaiting a poller waits for
 * the operation's result. Shared by every poller this package builds.
 */
export function promiseMembers<TResult>(
  pollUntilDone: () => Promise<TResult>,
): Pick<Promise<TResult>, "then" | "catch" | "finally" | typeof Symbol.toStringTag> {
  return {
    then: <A = TResult, B = never>(
      onfulfilled?: ((value: TResult) => A | PromiseLike<A>) | null,
      onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
    ): Promise<A | B> => pollUntilDone().then(onfulfilled, onrejected),
    catch: <B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<TResult | B> =>
      pollUntilDone().catch(onrejected),
    finally: (onfinally?: (() => void) | null): Promise<TResult> => pollUntilDone().finally(onfinally),
    [Symbol.toStringTag]: "Poller",
  };
}
