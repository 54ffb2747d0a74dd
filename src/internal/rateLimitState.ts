/**
 * What the client knows about ARM's and Compute's throttling buckets, learnt from the
 * `x-ms-ratelimit-remaining-*` headers of every response (rateLimitObserverPolicy.ts feeds it),
 * plus the writes callers have announced and not yet seen answered. The fleet's pacer
 * (src/fleet/writePacer.ts) reads it to stay just under the buckets instead of bouncing off 429s.
 *
 * Azure publishes the bucket sizes but not every refill rate, so each bucket's refill is estimated
 * from consecutive observations: between two answers, `refill = remaining_now - remaining_then +
 * requests it took`, over a sliding window. The level in between is extrapolated with that rate.
 *
 * Every bucket is kept per subscription (taken from the request URL): a client that works in
 * several subscriptions (the protection engine) must pace each against its own buckets.
 * Only subscription-wide buckets are tracked (`...SubscriptionMaximum`, the old `...3Min`/`...30Min`
 * pairs, and ARM's `subscription-*`/`tenant-*` counters): per-resource policies share one name
 * across resources, so their counts cannot be told apart (one creation per VM keeps them low).
 * Compute buckets are per region, ARM's are not: Compute buckets are keyed by the region the
 * caller declares with {@link runInRateLimitScope}.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** Refill estimates use answers from at most this long ago... */
const WINDOW_MS = 5000;
/** ...and at least this long, so that one answer's rounding does not dominate. */
const MIN_WINDOW_MS = 100;

const scope = new AsyncLocalStorage<string>();

/**
 * Runs `fn` with the requests it sends attributed to `region` (Compute's buckets are per region;
 * the request URLs of restore points do not show it).
 */
export function runInRateLimitScope<T>(region: string, fn: () => T): T {
  return scope.run(scopeOf(region), fn);
}

/** A region as a scope key: "East US" and "eastus" are the same region. */
function scopeOf(region: string): string {
  return region.toLowerCase().replace(/\s+/g, "");
}

/** The region of the current {@link runInRateLimitScope}, or `""`. */
export function currentRateLimitScope(): string {
  return scope.getStore() ?? "";
}

/**
 * `PUT microsoft.compute/restorepointcollections/restorepoints`: the method and resource type of a
 * request URL, the key under which the buckets a kind of request is charged to are remembered.
 */
export function requestCategory(method: string, url: string): string {
  const path = new URL(url).pathname.toLowerCase().split("/");
  const at = path.indexOf("providers");
  const types = at < 0 ? [] : [path[at + 1] ?? "", ...path.slice(at + 2).filter((_, i) => i % 2 === 0)];
  return `${method.toUpperCase()} ${types.join("/")}`;
}

/** Whether a Compute policy counts per subscription (and region) rather than per resource. */
export function isSubscriptionPolicy(policy: string): boolean {
  return /SubscriptionMaximum$/i.test(policy) || /\d+Min$/i.test(policy);
}

/** One bucket's last known count and estimated refill. */
export class BucketEstimate {
  /** Requests still allowed at `observedAt`, as the service said. */
  remaining = 0;
  observedAt = 0;
  /** The largest count seen: the bucket's capacity minus one. */
  maxSeen = 0;
  /** Estimated refill in tokens per second; `undefined` until a window was long enough. */
  refillPerSecond: number | undefined;
  #taken = 0;
  #samples: Array<{ at: number; remaining: number; taken: number }> = [];

  /** Records an answer: `took` is 1 when the request was charged (anything but a 429). */
  observe(remaining: number, at: number, took: number): void {
    this.#taken += took;
    if (remaining >= this.maxSeen) {
      // A (nearly) full bucket wastes refill, so earlier answers would under-estimate it.
      this.maxSeen = remaining;
      this.#samples = [];
    }
    this.#samples.push({ at, remaining, taken: this.#taken });
    while (this.#samples.length > 2 && (this.#samples[0]?.at ?? at) < at - WINDOW_MS) this.#samples.shift();
    const first = this.#samples[0];
    if (first !== undefined && at - first.at >= MIN_WINDOW_MS) {
      const refilled = remaining - first.remaining + (this.#taken - first.taken);
      this.refillPerSecond = Math.max(0, refilled) / ((at - first.at) / 1000);
    }
    this.remaining = remaining;
    this.observedAt = at;
  }

  /** Estimated requests allowed at `now`, before subtracting announced writes. */
  level(now: number): number {
    const refill = ((this.refillPerSecond ?? 0) * Math.max(0, now - this.observedAt)) / 1000;
    return Math.min(this.maxSeen + 1, this.remaining + refill);
  }
}

/** Shared by a client's requests: see the file comment. */
export class RateLimitState {
  readonly #buckets = new Map<string, BucketEstimate>();
  readonly #categoryBuckets = new Map<string, Set<string>>();
  /** Announced writes not yet answered, by `scope|category`. */
  readonly #outstanding = new Map<string, number>();
  readonly #listeners = new Set<() => void>();

  /** Records the counts of one answer (every attempt, 429s included). */
  observe(
    method: string,
    url: string,
    status: number,
    header: (name: string) => string | undefined,
    now = Date.now(),
  ): void {
    const region = currentRateLimitScope();
    const subscription = subscriptionOfUrl(url);
    const counts = parseRemaining(header);
    if (counts.length === 0) return;
    const names = new Set<string>();
    for (const { name, remaining } of counts) {
      names.add(name);
      const key = bucketKey(name, region, subscription);
      let bucket = this.#buckets.get(key);
      if (bucket === undefined) {
        bucket = new BucketEstimate();
        this.#buckets.set(key, bucket);
      }
      bucket.observe(remaining, now, status === 429 ? 0 : 1);
    }
    // Merged, not replaced: an ARM-level 429 lists only ARM's counters.
    const category = requestCategory(method, url);
    this.#categoryBuckets.set(category, new Set([...(this.#categoryBuckets.get(category) ?? []), ...names]));
    this.#notify();
  }

  /** The bucket names a kind of request was last charged to; `undefined` before its first answer. */
  bucketsOf(category: string): ReadonlySet<string> | undefined {
    return this.#categoryBuckets.get(category);
  }

  /** A bucket's estimate in a region of a subscription; `undefined` before its first answer. */
  estimate(name: string, region: string, subscription: string): BucketEstimate | undefined {
    return this.#buckets.get(bucketKey(name, scopeOf(region), subscription));
  }

  /** Announced writes charged to bucket `name` in `region` of `subscription` that have no answer yet. */
  outstandingFor(name: string, region: string, subscription: string): number {
    const wanted = scopeOf(region);
    const sub = subscription.toLowerCase();
    let total = 0;
    for (const [key, count] of this.#outstanding) {
      const [keySub = "", keyRegion = "", category = ""] = key.split("|");
      if (keySub !== sub) continue;
      if (isRegional(name) && keyRegion !== wanted) continue;
      if (this.#categoryBuckets.get(category)?.has(name) === true) total += count;
    }
    return total;
  }

  /** Announced writes of one kind in a region of a subscription that have no answer yet. */
  outstandingOf(category: string, region: string, subscription: string): number {
    return this.#outstanding.get(`${subscription.toLowerCase()}|${scopeOf(region)}|${category}`) ?? 0;
  }

  /** Announces a write about to be sent; call the returned function once it is answered. */
  claim(category: string, region: string, subscription: string): () => void {
    const key = `${subscription.toLowerCase()}|${scopeOf(region)}|${category}`;
    this.#outstanding.set(key, (this.#outstanding.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#outstanding.get(key) ?? 1) - 1;
      if (left <= 0) this.#outstanding.delete(key);
      else this.#outstanding.set(key, left);
      this.#notify();
    };
  }

  /** Calls `listener` after every observation and release; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

/** ARM counts per subscription wherever the resource is; Compute per subscription and region. */
function isRegional(name: string): boolean {
  return name.includes("/");
}

function bucketKey(name: string, region: string, subscription: string): string {
  const sub = subscription.toLowerCase();
  return isRegional(name) ? `${sub}|${region}|${name}` : `${sub}|${name}`;
}

/** The subscription id of an ARM request URL, lower-cased; `""` for a URL outside one. */
function subscriptionOfUrl(url: string): string {
  return /\/subscriptions\/([^/?#]+)/i.exec(url)?.[1]?.toLowerCase() ?? "";
}

const ARM_COUNTER = /^x-ms-ratelimit-remaining-((?:subscription|tenant)-[a-z-]+)$/;
const ARM_COUNTERS = [
  "reads",
  "writes",
  "deletes",
  "global-reads",
  "global-writes",
  "global-deletes",
].flatMap((kind) => [
  `x-ms-ratelimit-remaining-subscription-${kind}`,
  `x-ms-ratelimit-remaining-tenant-${kind}`,
]);

/** The subscription-wide counts of one answer: ARM's counters and Compute's policies. */
export function parseRemaining(
  header: (name: string) => string | undefined,
): Array<{ name: string; remaining: number }> {
  const counts: Array<{ name: string; remaining: number }> = [];
  for (const headerName of ARM_COUNTERS) {
    const value = Number(header(headerName));
    const name = ARM_COUNTER.exec(headerName)?.[1];
    if (name !== undefined && header(headerName) !== undefined && Number.isFinite(value)) {
      counts.push({ name, remaining: Math.max(0, value) });
    }
  }
  for (const part of (header("x-ms-ratelimit-remaining-resource") ?? "").split(",")) {
    const match = /^\s*([^;]+\/([^;/]+));\s*(\d+)\s*$/.exec(part);
    if (match?.[1] !== undefined && match[2] !== undefined && isSubscriptionPolicy(match[2])) {
      counts.push({ name: match[1], remaining: Number(match[3]) });
    }
  }
  return counts;
}
