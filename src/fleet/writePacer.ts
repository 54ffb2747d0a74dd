/**
 * Paces writes so that they stay just under the subscription's throttling buckets: a write may go
 * when every bucket its kind of request is charged to is estimated to hold more than a small
 * reserve, after subtracting the writes already announced and not yet answered. Waiting writes are
 * served first come, first served, per kind and region.
 *
 * Estimates come from the client's RateLimitState (the response headers). Until a kind of request
 * has been answered once, one at a time is allowed per region; when a bucket's refill is unknown
 * and nothing is in flight, one write probes PROBE_MS after the last answer. Its answer (or the
 * 429's Retry-After, which the pipeline waits out) is the next data point; the bucket keeps what
 * it refills meanwhile, so the pause costs nothing unless the bucket fills up completely.
 */
import type { AbortSignalLike } from "@azure/abort-controller";
import { AbortError } from "@azure/abort-controller";
import type { BucketEstimate, RateLimitState } from "../internal/rateLimitState.js";

/** Spacing of probes while a bucket's refill is unknown (a 429 answer backs off by itself). */
const PROBE_MS = 100;
/** Longest wait before the queue is looked at again, in case no answer comes. */
const RECHECK_MS = 1000;
/** Shortest timer, so a tiny deficit does not spin. */
const MIN_WAIT_MS = 5;

interface Waiter {
  readonly category: string;
  readonly region: string;
  readonly grant: (release: () => void) => void;
}

/** Releases the announced write; call when its answer arrived (or it was never sent). */
export type PacerRelease = () => void;

export class WritePacer {
  readonly #state: RateLimitState;
  readonly #subscription: string;
  readonly #queue: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unsubscribe: (() => void) | undefined;

  /**
   * @param state - the client's throttling counts
   * @param subscriptionId - the subscription whose buckets this pacer keeps to (one pacer per subscription)
   */
  constructor(state: RateLimitState, subscriptionId: string) {
    this.#state = state;
    this.#subscription = subscriptionId;
  }

  /**
   * Waits until a write of `category` in `region` may be sent, and announces it.
   *
   * @returns the function to call once the write was answered
   * @throws AbortError when `abortSignal` fires while waiting
   */
  acquire(category: string, region: string, abortSignal?: AbortSignalLike): Promise<PacerRelease> {
    if (abortSignal?.aborted === true) return Promise.reject(new AbortError("The operation was aborted."));
    return new Promise<PacerRelease>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        this.#idle();
        reject(new AbortError("The operation was aborted."));
      };
      const waiter: Waiter = {
        category,
        region,
        grant: (release) => {
          abortSignal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
      };
      abortSignal?.addEventListener("abort", onAbort);
      this.#queue.push(waiter);
      this.#unsubscribe ??= this.#state.onChange(() => {
        this.#pump();
      });
      this.#pump();
    });
  }

  #pump(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const now = Date.now();
    let wait = Number.POSITIVE_INFINITY;
    const blocked = new Set<string>();
    for (let i = 0; i < this.#queue.length;) {
      const waiter = this.#queue[i] as Waiter;
      const key = `${waiter.region}|${waiter.category}`;
      // First come, first served within a kind and region.
      const delay = blocked.has(key) ? Number.POSITIVE_INFINITY : this.#delayFor(waiter, now);
      if (delay <= 0) {
        this.#queue.splice(i, 1);
        waiter.grant(this.#state.claim(waiter.category, waiter.region, this.#subscription));
        continue;
      }
      blocked.add(key);
      wait = Math.min(wait, delay);
      i += 1;
    }
    if (this.#queue.length > 0) {
      // Waiting for an answer (Infinity) still re-checks now and then, in case none comes.
      this.#timer = setTimeout(
        () => {
          this.#pump();
        },
        Math.max(MIN_WAIT_MS, Math.ceil(Math.min(wait, RECHECK_MS))),
      );
    }
    this.#idle();
  }

  /** Stops listening when nobody waits, so an idle pacer holds no timer or subscription. */
  #idle(): void {
    if (this.#queue.length > 0) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** 0 when the write may go now; else ms to wait (Infinity: until the next answer). */
  #delayFor(waiter: Waiter, now: number): number {
    const state = this.#state;
    const inFlight = state.outstandingOf(waiter.category, waiter.region, this.#subscription);
    const buckets = state.bucketsOf(waiter.category);
    if (buckets === undefined) return inFlight === 0 ? 0 : Number.POSITIVE_INFINITY;
    let delay = 0;
    for (const name of buckets) {
      const estimate = state.estimate(name, waiter.region, this.#subscription);
      if (estimate === undefined) {
        if (inFlight > 0) return Number.POSITIVE_INFINITY;
        continue;
      }
      delay = Math.max(
        delay,
        bucketDelay(estimate, state.outstandingFor(name, waiter.region, this.#subscription), now),
      );
    }
    return delay;
  }
}

/** How long until `estimate` holds one token above its reserve for one more write. */
function bucketDelay(estimate: BucketEstimate, outstanding: number, now: number): number {
  const reserve = Math.max(1, Math.ceil(0.02 * (estimate.maxSeen + 1)));
  const deficit = 1 + reserve - (estimate.level(now) - outstanding);
  if (deficit <= 0) return 0;
  const rate = estimate.refillPerSecond ?? 0;
  if (rate > 0) return (deficit / rate) * 1000;
  // Refill unknown: an answer in flight will tell more; with none, probe with one write.
  if (outstanding > 0) return Number.POSITIVE_INFINITY;
  return Math.max(0, estimate.observedAt + PROBE_MS - now);
}
