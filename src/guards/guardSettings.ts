/**
 * Per-client guard settings and the per-client cache of facts the guards read, kept beside the
 * client's ArmContext (a WeakMap, so they go when the client goes) rather than in it.
 */
import { validateIntegerInRange, validateOptionalInterval } from "../internal/validation.js";
import { DEFAULT_PREFLIGHT_CACHE_TTL_IN_MS, MAX_RESTORE_POINTS_PER_VM } from "../constants.js";
import type { ArmContext } from "../internal/armContext.js";
import type { CollectionFacts, PointFacts } from "./guardTypes.js";

/** The client options the guards use, validated. */
export interface GuardSettings {
  readonly maxRestorePointsPerVm: number;
  readonly cacheTtlInMs: number;
}

const DEFAULTS: GuardSettings = {
  maxRestorePointsPerVm: MAX_RESTORE_POINTS_PER_VM,
  cacheTtlInMs: DEFAULT_PREFLIGHT_CACHE_TTL_IN_MS,
};

const settings = new WeakMap<ArmContext, GuardSettings>();
const caches = new WeakMap<ArmContext, GuardCache>();

/**
 * Validates the guard options of a client and attaches them to its context.
 *
 * @throws TypeError when an option is not a number
 * @throws RangeError when `maxRestorePointsPerVm` is not a whole number >= 1 or the TTL is not a
 *   number of milliseconds from 0 to 2^31-1
 */
export function configureGuards(
  ctx: ArmContext,
  options: { readonly maxRestorePointsPerVm?: unknown; readonly preflightCacheTtlInMs?: unknown },
): void {
  // Only `undefined` means "not given": a stray null is a mistake worth reporting.
  const limit =
    options.maxRestorePointsPerVm === undefined
      ? DEFAULTS.maxRestorePointsPerVm
      : options.maxRestorePointsPerVm;
  const maxRestorePointsPerVm = validateIntegerInRange(limit, "maxRestorePointsPerVm", {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
  });
  const ttl =
    validateOptionalInterval(options.preflightCacheTtlInMs, "preflightCacheTtlInMs") ?? DEFAULTS.cacheTtlInMs;
  settings.set(ctx.root, Object.freeze({ maxRestorePointsPerVm, cacheTtlInMs: ttl }));
}

/** The guard settings of a client (the defaults when it configured none). */
export function guardSettingsOf(ctx: ArmContext): GuardSettings {
  // Per-call contexts share their client's settings and cache (see ArmContext.root).
  return settings.get(ctx.root) ?? DEFAULTS;
}

/** The guard cache of a client. */
export function guardCacheOf(ctx: ArmContext): GuardCache {
  const root = ctx.root;
  let cache = caches.get(root);
  if (cache === undefined) {
    cache = new GuardCache(() => guardSettingsOf(root).cacheTtlInMs);
    caches.set(root, cache);
  }
  return cache;
}

interface Entry<T> {
  readonly at: number;
  readonly value: T;
}

// A long-running process that checks thousands of VMs must not grow without bound.
const MAX_ENTRIES = 2000;

/** Facts the guards may reuse for a while; see DEFAULT_PREFLIGHT_CACHE_TTL_IN_MS. */
export class GuardCache {
  #collections: Entry<readonly CollectionFacts[]> | undefined;
  readonly #points = new Map<string, Entry<readonly PointFacts[]>>();
  readonly #maxShares = new Map<string, Entry<number | undefined>>();
  readonly #ttl: () => number;

  constructor(ttl: () => number) {
    this.#ttl = ttl;
  }

  #live<T>(entry: Entry<T> | undefined): entry is Entry<T> {
    return entry !== undefined && Date.now() - entry.at < this.#ttl();
  }

  collections(): readonly CollectionFacts[] | undefined {
    return this.#live(this.#collections) ? this.#collections.value : undefined;
  }

  setCollections(value: readonly CollectionFacts[]): void {
    this.#collections = { at: Date.now(), value };
  }

  /** Forgets the collection list: this client is about to create a collection. */
  forgetCollections(): void {
    this.#collections = undefined;
  }

  /** Forgets a collection's restore points: this client is about to add one. */
  forgetPoints(collectionId: string): void {
    this.#points.delete(collectionId.toLowerCase());
  }

  points(collectionId: string): readonly PointFacts[] | undefined {
    const entry = this.#points.get(collectionId.toLowerCase());
    return this.#live(entry) ? entry.value : undefined;
  }

  setPoints(collectionId: string, value: readonly PointFacts[]): void {
    bounded(this.#points).set(collectionId.toLowerCase(), { at: Date.now(), value });
  }

  /** `{ value }` when known (the value itself may be undefined: the disk sets no maxShares). */
  maxShares(diskId: string): { value: number | undefined } | undefined {
    const entry = this.#maxShares.get(diskId.toLowerCase());
    return this.#live(entry) ? { value: entry.value } : undefined;
  }

  setMaxShares(diskId: string, value: number | undefined): void {
    bounded(this.#maxShares).set(diskId.toLowerCase(), { at: Date.now(), value });
  }
}

function bounded<T>(map: Map<string, T>): Map<string, T> {
  if (map.size >= MAX_ENTRIES) map.clear();
  return map;
}
