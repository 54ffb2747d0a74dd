import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WritePacer } from "../../src/fleet/writePacer.js";
import {
  BucketEstimate,
  RateLimitState,
  parseRemaining,
  requestCategory,
  runInRateLimitScope,
} from "../../src/internal/rateLimitState.js";

const RP_URL =
  "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/c/restorePoints/r?api-version=2025-04-01";
const RP = requestCategory("PUT", RP_URL);

const headers =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    values[name];

describe("rate-limit headers", () => {
  it("reads ARM counters and subscription-wide Compute policies, not per-resource ones", () => {
    const counts = parseRemaining(
      headers({
        "x-ms-ratelimit-remaining-subscription-writes": "199",
        "x-ms-ratelimit-remaining-subscription-global-writes": "2999",
        "x-ms-ratelimit-remaining-resource":
          "Microsoft.Compute/PutRestorePointResource;5, Microsoft.Compute/PutRestorePointSubscriptionMaximum;149,Microsoft.Compute/CreateRestorePoints3Min;119,garbage",
      }),
    );
    expect(counts).toEqual([
      { name: "subscription-writes", remaining: 199 },
      { name: "subscription-global-writes", remaining: 2999 },
      { name: "Microsoft.Compute/PutRestorePointSubscriptionMaximum", remaining: 149 },
      { name: "Microsoft.Compute/CreateRestorePoints3Min", remaining: 119 },
    ]);
    expect(parseRemaining(headers({ "x-ms-ratelimit-remaining-subscription-reads": "x" }))).toEqual([]);
  });

  it("names a request by method and resource type", () => {
    expect(RP).toBe("PUT microsoft.compute/restorepointcollections/restorepoints");
    expect(requestCategory("get", RP_URL.replace(/\/restorePoints\/r/, ""))).toBe(
      "GET microsoft.compute/restorepointcollections",
    );
  });

  it("estimates the refill from consecutive answers, and restarts when the bucket is full", () => {
    const bucket = new BucketEstimate();
    bucket.observe(149, 0, 1);
    expect(bucket.refillPerSecond).toBeUndefined();
    // 10 takes per 100 ms against a refill of 50/s: -5 per 100 ms.
    for (let t = 100; t <= 1000; t += 100) bucket.observe(149 - t / 20, t, 10);
    expect(bucket.refillPerSecond).toBeCloseTo(50, 0);
    expect(bucket.level(1200)).toBeCloseTo(99 + 10, 0);
    expect(bucket.level(100_000)).toBe(150); // never above capacity
    bucket.observe(149, 5000, 1); // full again: old answers no longer count
    bucket.observe(148, 5050, 1);
    expect(bucket.refillPerSecond).toBeCloseTo(50, 0);
  });

  it("keeps Compute buckets per region and ARM counters per subscription", () => {
    const state = new RateLimitState();
    const changes: number[] = [];
    state.onChange(() => changes.push(1));
    const answer = {
      "x-ms-ratelimit-remaining-subscription-writes": "150",
      "x-ms-ratelimit-remaining-resource": "Microsoft.Compute/PutRestorePointSubscriptionMaximum;20",
    };
    runInRateLimitScope("East US", () => {
      state.observe("PUT", RP_URL, 201, headers(answer));
    });
    expect(
      state.estimate("Microsoft.Compute/PutRestorePointSubscriptionMaximum", "eastus", "s")?.remaining,
    ).toBe(20);
    expect(
      state.estimate("Microsoft.Compute/PutRestorePointSubscriptionMaximum", "westus", "s"),
    ).toBeUndefined();
    expect(state.estimate("subscription-writes", "westus", "s")?.remaining).toBe(150);
    const release = state.claim(RP, "eastus", "s");
    state.claim(RP, "westus", "s");
    expect(state.outstandingFor("Microsoft.Compute/PutRestorePointSubscriptionMaximum", "eastus", "s")).toBe(
      1,
    );
    expect(state.outstandingFor("subscription-writes", "eastus", "s")).toBe(2);
    expect(state.outstandingFor("Microsoft.Compute/PutRestorePointSubscriptionMaximum", "East US", "s")).toBe(
      1,
    );
    release();
    release(); // idempotent
    expect(state.outstandingOf(RP, "eastus", "s")).toBe(0);
    expect(changes).toHaveLength(2);
  });
});

/** A Compute-like subscription bucket that answers with the remaining count. */
class SimulatedBucket {
  #level: number;
  #at: number;
  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
  ) {
    this.#level = capacity;
    this.#at = Date.now();
  }
  take(): { status: number; remaining: number } {
    const now = Date.now();
    this.#level = Math.min(this.capacity, this.#level + ((now - this.#at) / 1000) * this.refillPerSecond);
    this.#at = now;
    if (this.#level < 1) return { status: 429, remaining: 0 };
    this.#level -= 1;
    return { status: 201, remaining: Math.floor(this.#level) };
  }
}

/** `writes` paced creates by `workers` workers; each answer arrives `latencyMs` after it is sent. */
async function simulate(
  buckets: Record<string, SimulatedBucket>,
  writes: number,
  workers: number,
  latencyMs: number,
): Promise<{ seconds: number; throttled: number }> {
  const state = new RateLimitState();
  const pacer = new WritePacer(state, "s");
  const regions = Object.keys(buckets);
  let next = 0;
  let throttled = 0;
  const started = Date.now();
  const worker = async (): Promise<void> => {
    while (next < writes) {
      const region = regions[next++ % regions.length]!;
      for (;;) {
        const release = await pacer.acquire(RP, region);
        await new Promise((r) => setTimeout(r, latencyMs));
        const answer = buckets[region]!.take();
        runInRateLimitScope(region, () => {
          state.observe(
            "PUT",
            RP_URL,
            answer.status,
            headers({
              "x-ms-ratelimit-remaining-resource": `Microsoft.Compute/PutRestorePointSubscriptionMaximum;${answer.remaining}`,
            }),
          );
        });
        release();
        if (answer.status !== 429) break;
        throttled += 1;
        await new Promise((r) => setTimeout(r, 1000)); // Retry-After
      }
    }
  };
  const run = { done: false };
  const all = Promise.all(Array.from({ length: workers }, worker)).finally(() => {
    run.done = true;
  });
  while (!run.done) await vi.advanceTimersByTimeAsync(5);
  await all;
  return { seconds: (Date.now() - started) / 1000, throttled };
}

describe("WritePacer against simulated buckets", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("drains the burst, then follows the refill without 429s", async () => {
    // 150 at once, then 50/s: 500 writes need (500 - 150) / 50 = 7 s at best.
    const { seconds, throttled } = await simulate({ eastus: new SimulatedBucket(150, 50) }, 500, 64, 20);
    expect(throttled).toBe(0);
    expect(seconds).toBeLessThan(7 / 0.95);
    expect(seconds).toBeGreaterThanOrEqual(7);
  });

  it("learns a small fast bucket too", async () => {
    const { seconds, throttled } = await simulate({ eastus: new SimulatedBucket(10, 20) }, 60, 20, 5);
    expect(throttled).toBe(0);
    expect(seconds).toBeLessThan(50 / 20 / 0.95);
  });

  it("paces each region against its own bucket", async () => {
    const { seconds, throttled } = await simulate(
      { eastus: new SimulatedBucket(20, 20), westus: new SimulatedBucket(20, 20) },
      200,
      32,
      10,
    );
    // Each region: 100 writes, 20 at once, then 20/s: 4 s, in parallel.
    expect(throttled).toBe(0);
    expect(seconds).toBeLessThan(4 / 0.95);
  });

  it("rejects a waiting acquire on abort", async () => {
    const state = new RateLimitState();
    const pacer = new WritePacer(state, "s");
    const first = await pacer.acquire(RP, "eastus"); // unknown kind: one at a time
    const controller = new AbortController();
    const waiting = pacer.acquire(RP, "eastus", controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    first();
    await expect(pacer.acquire(RP, "eastus", AbortSignal.abort())).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});

describe("several subscriptions", () => {
  it("keeps every bucket per subscription, taken from the request URL", () => {
    const state = new RateLimitState();
    const other = RP_URL.replace("/subscriptions/s/", "/subscriptions/T/");
    runInRateLimitScope("eastus", () => {
      state.observe(
        "PUT",
        RP_URL,
        201,
        headers({
          "x-ms-ratelimit-remaining-subscription-writes": "150",
          "x-ms-ratelimit-remaining-resource": "Microsoft.Compute/PutRestorePointSubscriptionMaximum;20",
        }),
      );
      state.observe(
        "PUT",
        other,
        201,
        headers({
          "x-ms-ratelimit-remaining-subscription-writes": "7",
          "x-ms-ratelimit-remaining-resource": "Microsoft.Compute/PutRestorePointSubscriptionMaximum;3",
        }),
      );
    });
    expect(state.estimate("subscription-writes", "eastus", "s")?.remaining).toBe(150);
    expect(state.estimate("subscription-writes", "eastus", "t")?.remaining).toBe(7);
    expect(
      state.estimate("Microsoft.Compute/PutRestorePointSubscriptionMaximum", "eastus", "S")?.remaining,
    ).toBe(20);
    expect(
      state.estimate("Microsoft.Compute/PutRestorePointSubscriptionMaximum", "eastus", "t")?.remaining,
    ).toBe(3);
    state.claim(RP, "eastus", "t");
    expect(state.outstandingFor("subscription-writes", "eastus", "s")).toBe(0);
    expect(state.outstandingFor("subscription-writes", "eastus", "T")).toBe(1);
  });
});
