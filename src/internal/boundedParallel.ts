import type { AbortSignalLike } from "@azure/abort-controller";
import { AbortError } from "@azure/abort-controller";

/**
 * Runs `task` for every item with at most `concurrency` running at once. Tasks that should not
 * stop the others must catch their own errors: the first error that escapes a task stops new
 * tasks from starting and is rethrown once the running ones have settled. An abort does the same
 * with an `AbortError`, so no task is left running when this returns.
 */
export async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
  abortSignal?: AbortSignalLike,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      if (abortSignal?.aborted === true) {
        failure = { error: new AbortError("The operation was aborted.") };
        return;
      }
      const index = next++;
      try {
        await task(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure !== undefined) throw failure.error;
}
