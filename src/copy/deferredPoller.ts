import type { AbortSignalLike } from "@azure/abort-controller";
import type { CancelOnProgress, OperationState, PollerLike } from "@azure/core-lro";
import { promiseMembers } from "../lro/pollerWrapper.js";

/**
 * A poller returned synchronously for an operation that needs asynchronous work (reads, creating a
 * parent resource) before its own poller can exist. `setup` starts at once; its errors surface from
 * `submitted()`, `poll()` and `await poller`, like an initial-request error of any other poller.
 * Once the inner poller exists every member delegates to it; progress callbacks registered earlier
 * are attached to it.
 *
 * The inner poller travels in a box (`{ poller }`): a PollerLike is thenable, so a promise resolved
 * with it directly would wait for the whole operation instead.
 *
 * @param setup - does the preparatory work and returns the operation's poller (already started)
 * @param serialize - turns the inner poller's serialized state into this poller's (e.g. to add
 *   what a resume needs)
 */
export function deferredPoller<TState extends OperationState<TResult>, TResult>(
  setup: () => Promise<{ readonly poller: PollerLike<TState, TResult> }>,
  serialize: (inner: string) => string = (inner) => inner,
): PollerLike<TState, TResult> {
  let inner: PollerLike<TState, TResult> | undefined;
  const callbacks = new Map<symbol, { callback: (state: TState) => void; cancel?: CancelOnProgress }>();
  const ready = setup().then((box) => {
    inner = box.poller;
    for (const entry of callbacks.values()) entry.cancel = box.poller.onProgress(entry.callback);
    return box;
  });
  // A setup error nobody awaited yet must not be an unhandled rejection; it still surfaces below.
  ready.catch(() => undefined);

  const pollUntilDone = async (options?: { abortSignal?: AbortSignalLike }): Promise<TResult> =>
    (await ready).poller.pollUntilDone(options);
  // Object.assign keeps the getters of the first object (a spread would freeze their values).
  const poller: PollerLike<TState, TResult> = Object.assign(
    {
      get isDone(): boolean {
        return inner?.isDone ?? false;
      },
      get operationState(): TState | undefined {
        return inner?.operationState;
      },
      get result(): TResult | undefined {
        return inner?.result;
      },
      poll: async (options?: { abortSignal?: AbortSignalLike }) => (await ready).poller.poll(options),
      pollUntilDone,
      onProgress: (callback: (state: TState) => void): CancelOnProgress => {
        const key = Symbol("progress");
        const entry: { callback: (state: TState) => void; cancel?: CancelOnProgress } = { callback };
        if (inner !== undefined) entry.cancel = inner.onProgress(callback);
        callbacks.set(key, entry);
        return () => {
          callbacks.delete(key);
          entry.cancel?.();
        };
      },
      serialize: async () => serialize(await (await ready).poller.serialize()),
      submitted: async () => (await ready).poller.submitted(),
    },
    promiseMembers(() => pollUntilDone()),
  );
  return poller;
}
