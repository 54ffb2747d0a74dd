import { validateIntegerInRange } from "./validation.js";

/**
 * The `maxConcurrency` option of a helper, or its deprecated name `concurrency` (fleet, prune and
 * protection used it before the SDK settled on one name). Both given must agree.
 *
 * @throws TypeError or RangeError when the value is not a whole number in `range`, or the two
 *   names disagree
 */
export function maxConcurrencyOption(
  options: { readonly maxConcurrency?: unknown; readonly concurrency?: unknown },
  fallback: number,
  range: { readonly min: number; readonly max: number },
): number {
  const { maxConcurrency, concurrency } = options;
  if (maxConcurrency !== undefined && concurrency !== undefined && maxConcurrency !== concurrency) {
    throw new RangeError(
      "Give maxConcurrency only: concurrency is its deprecated name, and the two values differ",
    );
  }
  if (maxConcurrency !== undefined) return validateIntegerInRange(maxConcurrency, "maxConcurrency", range);
  if (concurrency !== undefined) return validateIntegerInRange(concurrency, "concurrency", range);
  return fallback;
}
