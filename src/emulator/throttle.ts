/**
 * Throttling like ARM and Compute: token buckets refilled lazily from the request clock (no
 * timers), checked all together before any token is taken, so a refused request costs nothing.
 * Each subscription has its own set of buckets, as in Azure; the clock is the host's, not the
 * emulator's simulated one (see clock.ts).
 *
 * ARM's subscription buckets are checked first (ARM is the front door), then the Compute policies
 * of the route's `throttleGroup` (see throttlePolicies.ts). Every answer carries the remaining
 * counts, as Azure's do:
 * - `x-ms-ratelimit-remaining-subscription-<reads|writes|deletes>` and
 *   `x-ms-ratelimit-remaining-subscription-global-<reads|writes|deletes>`;
 * - for Compute routes, `x-ms-ratelimit-remaining-resource:
 *   Microsoft.Compute/<Policy>;<n>,Microsoft.Compute/<Policy>;<n>` (a refused policy shows 0).
 *
 * Without throttle options nothing is refused, but the headers still count down from the Azure
 * sizes (clamped at 0), because real Azure always sends them.
 */
import { armErrors, type ArmError } from "./armErrors.js";
import type { EmulatorThrottleOptions, TokenBucketSize } from "./options.js";
import { azureTimestamp } from "./operations.js";
import type { RouteDefinition } from "./router.js";
import {
  ARM_BUCKETS,
  COMPUTE_POLICIES,
  armKind,
  policiesFor,
  type ArmBucketName,
  type ComputePolicyName,
  type ThrottleRequest,
} from "./throttlePolicies.js";

export type { ThrottleRequest } from "./throttlePolicies.js";

export interface ThrottleDecision {
  readonly headers: Record<string, string>;
  readonly rejection?: ArmError;
  /** Gives back what an allowed request took, for an answer the ARM gateway gave on its own. */
  readonly refund?: () => void;
}

/** `Retry-After` when a bucket can never refill to one token (refill 0 or capacity below 1). */
export const NO_REFILL_RETRY_SECONDS = 3600;

/** The object id ARM names as `actor` in its throttling message (the recordings zero ids the same way). */
export const EMULATOR_ACTOR = "00000000-0000-0000-0000-000000000000";

/** A token bucket whose level is computed from the clock when asked. Times are in milliseconds. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number | undefined;
  private windowStart: number | undefined;
  private measured = 0;

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
  ) {
    this.tokens = capacity;
  }

  /** Tokens available at `now` (fractional). A clock that goes backwards refills nothing. */
  level(now: number): number {
    if (this.updatedAt !== undefined && now > this.updatedAt) {
      this.tokens = Math.min(
        this.capacity,
        this.tokens + ((now - this.updatedAt) / 1000) * this.refillPerSecond,
      );
    }
    this.updatedAt = Math.max(this.updatedAt ?? now, now);
    return this.tokens;
  }

  /** Whole requests still allowed at `now`. */
  remaining(now: number): number {
    return Math.max(0, Math.floor(this.level(now) + 1e-9));
  }

  canTake(now: number): boolean {
    return this.level(now) >= 1 - 1e-9;
  }

  /** Takes one token; an empty bucket stays at 0 (used when throttling only reports). */
  take(now: number): void {
    this.tokens = Math.max(0, this.level(now) - 1);
  }

  /** Returns a token taken at `now` (never above capacity). */
  giveBack(now: number): void {
    this.tokens = Math.min(this.capacity, this.level(now) + 1);
  }

  /** Whole seconds until one token is available, at least 1. */
  secondsUntilToken(now: number): number {
    if (this.refillPerSecond <= 0 || this.capacity < 1) return NO_REFILL_RETRY_SECONDS;
    return Math.max(1, Math.ceil((1 - this.level(now)) / this.refillPerSecond - 1e-9));
  }

  /** Length of the measurement window: the time an empty bucket takes to fill. */
  get windowMs(): number {
    return this.refillPerSecond > 0
      ? (this.capacity / this.refillPerSecond) * 1000
      : NO_REFILL_RETRY_SECONDS * 1000;
  }

  /** Counts a request (allowed or not) in the current window, for the 429 body. */
  record(now: number): void {
    if (this.windowStart === undefined || now >= this.windowStart + this.windowMs || now < this.windowStart) {
      this.windowStart = now;
      this.measured = 0;
    }
    this.measured += 1;
  }

  window(): { start: number; end: number; measured: number } {
    const start = this.windowStart ?? 0;
    return { start, end: start + this.windowMs, measured: this.measured };
  }
}

interface BucketSpec {
  readonly capacity: number;
  readonly refillPerSecond: number;
  /** Never refuses nor counts down; headers show `capacity - 1`, as a fresh Azure bucket would. */
  readonly unlimited: boolean;
}

interface ResolvedThrottle {
  readonly enforce: boolean;
  readonly arm: Readonly<Record<ArmBucketName, BucketSpec>>;
  readonly compute: Readonly<Record<ComputePolicyName, BucketSpec>>;
}

interface Entry {
  readonly name: string;
  readonly spec: BucketSpec;
  readonly bucket: TokenBucket;
}

const GLOBAL_OF = { reads: "globalReads", writes: "globalWrites", deletes: "globalDeletes" } as const;
const OPERATION_OF = { reads: "read", writes: "write", deletes: "delete" } as const;
const PRUNE_ABOVE = 5000;

export class Throttler {
  private readonly resolved: ResolvedThrottle;
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(options: EmulatorThrottleOptions | undefined) {
    this.resolved = resolveThrottleOptions(options);
  }

  /** Charges a request against its buckets, or says why it is refused (then nothing is charged). */
  take(request: ThrottleRequest, route: RouteDefinition, now: number): ThrottleDecision {
    if (this.buckets.size > PRUNE_ABOVE) this.prune(now);
    const kind = armKind(request.method);
    const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(request.path)?.[1] ?? "";
    // Every subscription has buckets of its own, in ARM and in Compute alike.
    const scope = decodeURIComponent(subscriptionId).toLowerCase();
    const arm = [kind, GLOBAL_OF[kind]].map((name) =>
      this.entry(`${scope}\narm\n${name}`, name, this.resolved.arm[name]),
    );
    const compute = policiesFor(route, request).map(({ policy, key }) =>
      this.entry(`${scope}\n${policy}\n${key}`, policy, this.resolved.compute[policy]),
    );
    for (const { spec, bucket } of [...arm, ...compute]) if (!spec.unlimited) bucket.record(now);
    const headers = (): Record<string, string> => this.headers(kind, arm, compute, now);

    const armEmpty = this.resolved.enforce ? arm.filter((e) => isEmpty(e, now)) : [];
    if (armEmpty.length > 0) {
      const retryAfter = Math.max(...armEmpty.map((e) => e.bucket.secondsUntilToken(now)));
      const actor = armEmpty.some((e) => e.name === kind) ? EMULATOR_ACTOR : undefined;
      const rejection = armErrors.armThrottled(
        OPERATION_OF[kind],
        decodeURIComponent(subscriptionId),
        actor,
        retryAfter,
      );
      return { headers: this.headers(kind, arm, [], now), rejection };
    }
    const computeEmpty = this.resolved.enforce ? compute.filter((e) => isEmpty(e, now)) : [];
    const [first, ...others] = computeEmpty;
    if (first !== undefined) {
      const wait = (e: Entry): number => e.bucket.secondsUntilToken(now);
      const refused = others.reduce((worst, e) => (wait(e) > wait(worst) ? e : worst), first);
      const window = refused.bucket.window();
      const detail = JSON.stringify({
        operationGroup: refused.name,
        startTime: azureTimestamp(window.start),
        endTime: azureTimestamp(window.end),
        allowedRequestCount: refused.spec.capacity,
        measuredRequestCount: window.measured,
      });
      return {
        headers: headers(),
        rejection: armErrors.tooManyRequests(refused.name, detail, wait(refused)),
      };
    }
    const charged = [...arm, ...compute].filter(({ spec }) => !spec.unlimited);
    for (const { bucket } of charged) bucket.take(now);
    return {
      headers: headers(),
      refund: () => {
        for (const { bucket } of charged) bucket.giveBack(now);
      },
    };
  }

  /** Refills every bucket. */
  reset(): void {
    this.buckets.clear();
  }

  private entry(id: string, name: string, spec: BucketSpec): Entry {
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      bucket = new TokenBucket(spec.capacity, spec.refillPerSecond);
      this.buckets.set(id, bucket);
    }
    return { name, spec, bucket };
  }

  private headers(
    kind: keyof typeof GLOBAL_OF,
    arm: Entry[],
    compute: Entry[],
    now: number,
  ): Record<string, string> {
    const [own, global] = arm.map((e) => String(remaining(e, now)));
    const headers: Record<string, string> = {
      [`x-ms-ratelimit-remaining-subscription-${kind}`]: own ?? "0",
      [`x-ms-ratelimit-remaining-subscription-global-${kind}`]: global ?? "0",
    };
    if (compute.length > 0) {
      headers["x-ms-ratelimit-remaining-resource"] = compute
        .map((e) => `Microsoft.Compute/${e.name};${remaining(e, now)}`)
        .join(",");
    }
    return headers;
  }

  /** Forgets full buckets (they would be created full again), so per-operation buckets do not pile up. */
  private prune(now: number): void {
    for (const [id, bucket] of this.buckets)
      if (bucket.level(now) >= bucket.capacity) this.buckets.delete(id);
  }
}

function isEmpty(entry: Entry, now: number): boolean {
  return !entry.spec.unlimited && !entry.bucket.canTake(now);
}

function remaining(entry: Entry, now: number): number {
  return entry.spec.unlimited
    ? Math.max(0, Math.floor(entry.spec.capacity) - 1)
    : entry.bucket.remaining(now);
}

/** Validates the options and works out every bucket's size. Throws `RangeError` on bad values. */
export function resolveThrottleOptions(options: EmulatorThrottleOptions | undefined): ResolvedThrottle {
  // Options may come from plain JavaScript: check what the types promise.
  const preset: string = options?.preset ?? "azure";
  if (preset !== "azure" && preset !== "none") {
    throw new RangeError(`throttle.preset must be "azure" or "none".`);
  }
  const unlimited = options !== undefined && preset === "none";
  const windowSeconds = options?.computeWindowSeconds ?? 180;
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0) {
    throw new RangeError("throttle.computeWindowSeconds must be a number > 0.");
  }
  const overrides = new Map<string, BucketSpec>();
  for (const [name, size] of Object.entries(options?.buckets ?? {})) {
    if (!(name in ARM_BUCKETS) && !(name in COMPUTE_POLICIES)) {
      const known = [...Object.keys(ARM_BUCKETS), ...Object.keys(COMPUTE_POLICIES)].join(", ");
      throw new RangeError(`throttle.buckets.${name} is not a known bucket; known: ${known}.`);
    }
    overrides.set(name, checkSize(size, `throttle.buckets.${name}`));
  }

  const arm = {} as Record<ArmBucketName, BucketSpec>;
  const burst = optionalNumber(options?.burst, "throttle.burst");
  const perSecond = {
    reads: optionalNumber(options?.readsPerSecond, "throttle.readsPerSecond"),
    writes: optionalNumber(options?.writesPerSecond, "throttle.writesPerSecond"),
    deletes: undefined,
  };
  for (const kind of ["reads", "writes", "deletes"] as const) {
    const azure = ARM_BUCKETS[kind];
    const rate = perSecond[kind];
    const shorthand =
      rate !== undefined || (burst !== undefined && kind !== "deletes")
        ? {
            capacity: burst ?? azure.capacity,
            refillPerSecond: rate ?? azure.refillPerSecond,
            unlimited: false,
          }
        : undefined;
    const own = overrides.get(kind) ?? shorthand ?? { ...azure, unlimited };
    arm[kind] = own;
    // The global limit is 15 times the per-principal one, unless given.
    arm[GLOBAL_OF[kind]] =
      overrides.get(GLOBAL_OF[kind]) ??
      (own.unlimited
        ? { ...ARM_BUCKETS[GLOBAL_OF[kind]], unlimited: true }
        : { capacity: own.capacity * 15, refillPerSecond: own.refillPerSecond * 15, unlimited: false });
  }

  const compute = {} as Record<ComputePolicyName, BucketSpec>;
  for (const name of Object.keys(COMPUTE_POLICIES) as ComputePolicyName[]) {
    const policy = COMPUTE_POLICIES[name];
    const window = policy.windowSeconds === "compute" ? windowSeconds : policy.windowSeconds;
    compute[name] = overrides.get(name) ?? {
      capacity: policy.capacity,
      refillPerSecond: policy.capacity / window,
      unlimited,
    };
  }
  return { enforce: options !== undefined, arm, compute };
}

function checkSize(size: unknown, label: string): BucketSpec {
  if (typeof size !== "object" || size === null) {
    throw new RangeError(`${label} must be { capacity, refillPerSecond }.`);
  }
  const { capacity: rawCapacity, refillPerSecond: rawRefill } = size as Partial<TokenBucketSize>;
  const capacity = optionalNumber(rawCapacity, `${label}.capacity`);
  const refillPerSecond = optionalNumber(rawRefill, `${label}.refillPerSecond`);
  if (capacity === undefined || refillPerSecond === undefined) {
    throw new RangeError(`${label} needs both capacity and refillPerSecond.`);
  }
  return { capacity, refillPerSecond, unlimited: false };
}

function optionalNumber(value: unknown, label: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${label} must be a finite number >= 0.`);
  }
  return value;
}
