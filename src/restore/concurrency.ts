/** What {@link runBounded} did with each item. */
export interface BoundedRun<R> {
  /** Results by item index; `undefined` for items that failed or never started. */
  readonly results: ReadonlyArray<R | undefined>;
  /** The errors of the failed items, in the order they failed. */
  readonly errors: readonly unknown[];
  /** How many items were never started (after a failure or a stop). */
  readonly skipped: number;
}

/**
 * Runs `task` over `items` with at most `limit` running at once. After the first failure, or once
 * `shouldStop()` says so, no further item starts; the running ones are always awaited, so that
 * the caller knows every resource they made before it rolls back.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  shouldStop: () => boolean,
): Promise<BoundedRun<R>> {
  const results: Array<R | undefined> = items.map(() => undefined);
  const errors: unknown[] = [];
  let next = 0;
  let skipped = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      if (errors.length > 0 || shouldStop()) {
        skipped += items.length - next;
        next = items.length;
        return;
      }
      const index = next++;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (e) {
        errors.push(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return { results, errors, skipped };
}
