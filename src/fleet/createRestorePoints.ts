/**
 * `client.createRestorePoints`: one restore point for each of many VMs. Per VM: find its collection
 * (one list per resource group), create it in the VM's region when missing, then create the
 * restore point and wait for it. Writes go through the WritePacer, so the subscription's buckets
 * are drained no faster than they refill; a 429 that outlasts the pipeline's retries is waited out
 * here and the same step tried again. A VM's failure is its own: the others carry on.
 */
import { maxConcurrencyOption } from "../internal/concurrencyOption.js";
import { isRestError } from "@azure/core-rest-pipeline";
import { delay } from "@azure/core-util";
import type { BeginCreateRestorePointOptions } from "../capture/captureOptions.js";
import { normalizeCreateOptions } from "../capture/restorePointRequests.js";
import type { ArmContext } from "../internal/armContext.js";
import { getVirtualMachine } from "../lro/armResources.js";
import { forEachBounded } from "../internal/boundedParallel.js";
import { stringAt } from "../internal/json.js";
import { listArmPages } from "../internal/paging.js";
import { requestCategory, runInRateLimitScope } from "../internal/rateLimitState.js";
import { parseRetryAfterHeaders } from "../internal/retryPolicy.js";
import {
  validateOptionalBoolean,
  validateOptionalInterval,
  validateOptionalTags,
  validateOptionsBag,
  describe,
} from "../internal/validation.js";
import type { RestorePointCollection } from "../models/collection.js";
import { toRestorePointCollection } from "../models/collection.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import { sameResourceId } from "../resourceId.js";
import type { FleetCollection, FleetCollectionFactory } from "./collectionPort.js";
import { planFleetTargets } from "./fleetTargets.js";
import type { FleetTarget } from "./fleetTargets.js";
import type {
  CreateRestorePointsOptions,
  FleetProgressEvent,
  FleetRestorePointResult,
} from "./fleetTypes.js";
import { WritePacer } from "./writePacer.js";

const DEFAULT_CONCURRENCY = 10;
const MAX_CONCURRENCY = 100;
/** Tries of one step that keeps being throttled after the pipeline's own retries. */
const THROTTLE_TRIES = 6;
const THROTTLE_BACKOFF_MS = 1000;

type Listing = Promise<Map<string, RestorePointCollection>>;

/** See the file comment; arguments are checked before any request. */
export async function createFleetRestorePoints(
  ctx: ArmContext,
  collections: FleetCollectionFactory,
  vmIds: readonly string[],
  options: CreateRestorePointsOptions | undefined,
): Promise<FleetRestorePointResult[]> {
  const opts = validateOptionsBag(options, "options") as CreateRestorePointsOptions;
  const concurrency = maxConcurrencyOption(opts, DEFAULT_CONCURRENCY, { min: 1, max: MAX_CONCURRENCY });
  if (opts.onProgress !== undefined && typeof opts.onProgress !== "function") {
    throw new TypeError(`onProgress must be a function, got ${describe(opts.onProgress)}`);
  }
  const tags = validateOptionalTags(opts.collectionTags, "collectionTags");
  const createOptions: BeginCreateRestorePointOptions = {
    ...(opts.consistencyMode === undefined ? {} : { consistencyMode: opts.consistencyMode }),
    ...(validateOptionalBoolean(opts.excludeUnsupportedDisks, "excludeUnsupportedDisks") === true
      ? { excludeUnsupportedDisks: true }
      : {}),
    ...(validateOptionalInterval(opts.updateIntervalInMs, "updateIntervalInMs") === undefined
      ? {}
      : { updateIntervalInMs: opts.updateIntervalInMs }),
    ...(opts.abortSignal === undefined ? {} : { abortSignal: opts.abortSignal }),
  };
  normalizeCreateOptions(createOptions); // the same checks beginCreate makes, but before any request
  const targets = planFleetTargets(ctx.subscriptionId, vmIds, opts, new Date());
  if (targets.length === 0) return [];

  const run = new FleetRun(ctx, collections, opts, tags, createOptions, targets.length);
  const results: FleetRestorePointResult[] = [];
  await forEachBounded(
    targets,
    concurrency,
    async (target) => {
      results[target.index] = await run.vm(target);
    },
    opts.abortSignal,
  );
  return results;
}

/** State shared by the VMs of one call. */
class FleetRun {
  readonly #listings = new Map<string, Listing>();
  readonly #pacer: WritePacer;
  #completed = 0;

  constructor(
    private readonly ctx: ArmContext,
    private readonly collections: FleetCollectionFactory,
    private readonly opts: CreateRestorePointsOptions,
    private readonly tags: Record<string, string> | undefined,
    private readonly createOptions: BeginCreateRestorePointOptions,
    private readonly total: number,
  ) {
    this.#pacer = new WritePacer(ctx.rateLimits, ctx.subscriptionId);
  }

  /** One VM, start to end; never throws except on abort. */
  async vm(target: FleetTarget): Promise<FleetRestorePointResult> {
    const collection = this.collections(target.vm.resourceGroup, target.collectionName);
    let collectionCreated = false;
    try {
      const { region, created } = await this.#ensureCollection(target, collection);
      collectionCreated = created;
      this.#report(target, "creatingRestorePoint");
      const restorePoint = await runInRateLimitScope(region, () =>
        this.#createPoint(target, collection, region),
      );
      this.#completed += 1;
      this.#report(target, "succeeded");
      return {
        vmId: target.vm.id,
        status: "succeeded",
        collectionId: collection.id,
        collectionCreated,
        restorePoint,
      };
    } catch (e) {
      if (e instanceof Error && e.name === "AbortError") throw e;
      const error = e instanceof Error ? e : new Error(String(e));
      this.#completed += 1;
      this.#report(target, "failed", { error });
      return { vmId: target.vm.id, status: "failed", collectionId: collection.id, collectionCreated, error };
    }
  }

  async #ensureCollection(
    target: FleetTarget,
    collection: FleetCollection,
  ): Promise<{ region: string; created: boolean }> {
    const { vm } = target;
    const existing = (await this.#listing(vm.resourceGroup)).get(target.collectionName.toLowerCase());
    if (existing !== undefined) {
      if (!sameResourceId(existing.sourceId, vm.id)) {
        throw new Error(
          `Collection '${target.collectionName}' in resource group '${vm.resourceGroup}' captures ` +
            `'${existing.sourceId ?? "another source"}', not VM '${vm.name}'; choose another collectionName.`,
        );
      }
      return { region: existing.location, created: false };
    }
    this.#report(target, "creatingCollection");
    const signal = this.opts.abortSignal;
    const vmBody = await getVirtualMachine(this.ctx, vm.resourceGroup, vm.name, { abortSignal: signal });
    const location = stringAt(vmBody, "location");
    if (location === undefined)
      throw new Error(`VM '${vm.name}' has no location; cannot place its collection.`);
    await runInRateLimitScope(location, () =>
      this.#throttled(target, async () => {
        const release = await this.#pacer.acquire(this.#categoryOf(collection.id), location, signal);
        try {
          await collection.create({
            location,
            sourceVmId: vm.id,
            // The one collection guard is "in the VM's region", true by construction: skip its VM read.
            skipPreflight: true,
            ...(this.tags === undefined ? {} : { tags: this.tags }),
            ...(signal === undefined ? {} : { abortSignal: signal }),
          });
        } finally {
          release();
        }
      }),
    );
    return { region: location, created: true };
  }

  async #createPoint(
    target: FleetTarget,
    collection: FleetCollection,
    region: string,
  ): Promise<VmRestorePoint> {
    const point = collection.getRestorePointClient(target.restorePointName);
    const category = this.#categoryOf(point.id);
    // Boxed: a poller is thenable, so returning it bare from an async function would await the result.
    const { poller } = await this.#throttled(target, async () => {
      const release = await this.#pacer.acquire(category, region, this.opts.abortSignal);
      try {
        const started = point.beginCreate(this.createOptions);
        await started.submitted();
        return { poller: started };
      } finally {
        release();
      }
    });
    // A poll throttled beyond the pipeline's retries: wait and poll again, never a second PUT.
    return this.#throttled(target, () => poller.pollUntilDone());
  }

  /** Runs `step`, waiting out and retrying 429s the pipeline's retry policy gave up on. */
  async #throttled<T>(target: FleetTarget, step: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await step();
      } catch (e) {
        if (!isRestError(e) || e.statusCode !== 429 || attempt >= THROTTLE_TRIES) throw e;
        const headers = e.response?.headers;
        const retryAfterInMs =
          parseRetryAfterHeaders((name) => headers?.get(name)) ?? THROTTLE_BACKOFF_MS * 2 ** (attempt - 1);
        this.#report(target, "throttled", { retryAfterInMs });
        await delay(
          retryAfterInMs,
          this.opts.abortSignal === undefined ? {} : { abortSignal: this.opts.abortSignal },
        );
      }
    }
  }

  /** The key under which RateLimitState remembers a PUT of this resource's type. */
  #categoryOf(id: string): string {
    return requestCategory("PUT", this.ctx.urlForId(id, this.ctx.computeApiVersion));
  }

  /** The resource group's collections, listed once per call. */
  #listing(resourceGroup: string): Listing {
    const key = resourceGroup.toLowerCase();
    let listing = this.#listings.get(key);
    if (listing === undefined) {
      listing = (async () => {
        const url = this.ctx.url(
          this.ctx.providerPath(resourceGroup, "Microsoft.Compute", "restorePointCollections"),
          this.ctx.computeApiVersion,
        );
        const found = new Map<string, RestorePointCollection>();
        for await (const c of listArmPages(this.ctx, url, toRestorePointCollection, this.opts.abortSignal)) {
          found.set(c.name.toLowerCase(), c);
        }
        return found;
      })();
      this.#listings.set(key, listing);
    }
    return listing;
  }

  #report(
    target: FleetTarget,
    status: FleetProgressEvent["status"],
    extra: { error?: Error; retryAfterInMs?: number } = {},
  ): void {
    this.opts.onProgress?.({
      vmId: target.vm.id,
      status,
      completed: this.#completed,
      total: this.total,
      ...extra,
    });
  }
}
