import type { PagedAsyncIterableIterator } from "@azure/core-paging";
import type { OperationState, PollerLike } from "@azure/core-lro";
import { armContextOf, type ArmContext, type ClientContext } from "../internal/armContext.js";
import { beginDeleteComputeResource } from "./beginDelete.js";
import { arrayAt, isJsonObject, objectAt } from "../internal/json.js";
import { createPagedIterator } from "../internal/paging.js";
import { runPreflight } from "../guards/preflight.js";
import { collectionErrorMapper } from "../guards/clientHooks.js";
import {
  validateNonEmptyString,
  validateOptionalBoolean,
  validateOptionalTags,
  validateOptionsBag,
  validateRestorePointName,
} from "../internal/validation.js";
import type { RestorePointCollection } from "../models/collection.js";
import { toRestorePointCollection } from "../models/collection.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import { compareRestorePoints, toVmRestorePoint } from "../models/vmRestorePoint.js";
import { parseResourceIdOfType } from "../resourceId.js";
import { planCollectionPrune, pruneCollection } from "../retention/prune.js";
import type { PruneTarget } from "../retention/prune.js";
import type {
  PlanPruneOptions,
  PruneOptions,
  PrunePlan,
  PruneResult,
  RetentionPolicy,
} from "../retention/retentionTypes.js";
import type {
  BeginDeleteCollectionOptions,
  CollectionExistsOptions,
  CreateCollectionOptions,
  GetCollectionOptions,
  ListRestorePointsOptions,
  UpdateCollectionOptions,
} from "./options.js";
import { withSpan, withStartSpan } from "../internal/tracing.js";
import { VmRestorePointClient } from "./vmRestorePointClient.js";

/**
 * Operations on one restore point collection. Get it from
 * {@link RestorePointClient.getCollectionClient}.
 *
 * @public
 */
export class RestorePointCollectionClient {
  /** ARM id of the collection. */
  readonly id: string;
  /** Resource group of the collection. */
  readonly resourceGroup: string;
  /** Collection name. */
  readonly name: string;
  readonly #ctx: ArmContext;
  readonly #url: string;
  readonly #description: string;

  /**
   * Not for users: get the client from its parent client (or a `…ById` method of
   * RestorePointClient), which validates the names and shares its pipeline.
   *
   * @param context - the parent client's connection to ARM
   *
   * @internal
   */
  constructor(context: ClientContext, resourceGroup: string, name: string) {
    const ctx = armContextOf(context);
    this.#ctx = ctx;
    this.resourceGroup = resourceGroup;
    this.name = name;
    this.id = `/subscriptions/${ctx.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${name}`;
    this.#url = ctx.url(
      ctx.providerPath(resourceGroup, "Microsoft.Compute", "restorePointCollections", name),
      ctx.computeApiVersion,
    );
    this.#description = `restore point collection '${name}' (resource group '${resourceGroup}')`;
  }

  /**
   * Creates the collection (or updates its tags when it exists). Give exactly one source: the VM
   * (the collection must be in the VM's region; cross-region creation was retired), or, for the
   * target of a cross-region copy, the source collection.
   *
   * @param options - region, source, tags, instant access
   * @returns the collection
   * @throws TypeError when the options are malformed, e.g. both or neither source given
   * @throws RegionNotSupportedError and other RestorePointErrors from the service-rule checks
   * @throws RestError when ARM rejects the request
   *
   * @example
   * ```ts
   * const collection = client.getCollectionClient("my-rg", "my-vm-points");
   * await collection.create({ location: "westeurope", sourceVmId: vm.id, tags: { team: "infra" } });
   * ```
   */
  create(options: CreateCollectionOptions): Promise<RestorePointCollection> {
    return withSpan(this.#ctx, "RestorePointCollectionClient.create", options, (ctx) =>
      this.#create(ctx, options),
    );
  }

  async #create(ctx: ArmContext, options: CreateCollectionOptions): Promise<RestorePointCollection> {
    const opts = validateOptionsBag(options, "options") as Partial<CreateCollectionOptions>;
    const location = validateNonEmptyString(opts.location, "location");
    if ((opts.sourceVmId === undefined) === (opts.sourceCollectionId === undefined)) {
      throw new TypeError("Give exactly one of sourceVmId and sourceCollectionId");
    }
    const sourceId =
      opts.sourceVmId !== undefined
        ? parseResourceIdOfType(opts.sourceVmId, "sourceVmId", "Microsoft.Compute/virtualMachines").id
        : parseResourceIdOfType(
            opts.sourceCollectionId,
            "sourceCollectionId",
            "Microsoft.Compute/restorePointCollections",
          ).id;
    const tags = validateOptionalTags(opts.tags);
    const instantAccess = validateOptionalBoolean(opts.instantAccess, "instantAccess");
    if (validateOptionalBoolean(opts.skipPreflight, "skipPreflight") !== true) {
      await runPreflight(
        ctx,
        {
          kind: "createCollection",
          resourceGroup: this.resourceGroup,
          collectionName: this.name,
          location,
          sourceVmId: opts.sourceVmId,
          sourceCollectionId: opts.sourceCollectionId,
        },
        opts.abortSignal,
      );
    }
    const mapError = collectionErrorMapper(this.id, location);
    const response = await ctx
      .send({
        method: "PUT",
        url: this.#url,
        abortSignal: opts.abortSignal,
        body: {
          location,
          ...(tags === undefined ? {} : { tags }),
          properties: { source: { id: sourceId }, ...(instantAccess === undefined ? {} : { instantAccess }) },
        },
      })
      .catch((error: unknown) => {
        throw mapError(error);
      });
    return isJsonObject(response.body) ? toRestorePointCollection(response.body) : this.#get(ctx, opts);
  }

  /**
   * Reads the collection.
   *
   * @param options - `abortSignal`
   * @returns the collection (without its restore points; see {@link RestorePointCollectionClient.listRestorePoints})
   * @throws RestError with status 404 when it does not exist
   */
  async get(options: GetCollectionOptions = {}): Promise<RestorePointCollection> {
    const opts = validateOptionsBag(options, "options") as GetCollectionOptions;
    return withSpan(this.#ctx, "RestorePointCollectionClient.get", opts, (ctx) => this.#get(ctx, opts));
  }

  async #get(ctx: ArmContext, options: GetCollectionOptions): Promise<RestorePointCollection> {
    return toRestorePointCollection(await ctx.getJson(this.#url, options.abortSignal));
  }

  /**
   * Whether the collection exists.
   *
   * @param options - `abortSignal`
   * @returns `false` on 404, `true` otherwise
   * @throws RestError for other failures
   */
  exists(options: CollectionExistsOptions = {}): Promise<boolean> {
    const opts = validateOptionsBag(options, "options") as CollectionExistsOptions;
    return withSpan(this.#ctx, "RestorePointCollectionClient.exists", opts, (ctx) =>
      ctx.exists(this.#url, opts.abortSignal),
    );
  }

  /**
   * Changes the collection's tags or instant-access setting (the only updatable properties).
   *
   * @param options - new tags (replacing the old ones) and/or instant access
   * @returns the updated collection
   * @throws TypeError for malformed options
   * @throws RestError when ARM rejects the request
   */
  update(options: UpdateCollectionOptions): Promise<RestorePointCollection> {
    return withSpan(this.#ctx, "RestorePointCollectionClient.update", options, (ctx) =>
      this.#update(ctx, options),
    );
  }

  async #update(ctx: ArmContext, options: UpdateCollectionOptions): Promise<RestorePointCollection> {
    const opts = validateOptionsBag(options, "options") as UpdateCollectionOptions;
    const tags = validateOptionalTags(opts.tags);
    const instantAccess = validateOptionalBoolean(opts.instantAccess, "instantAccess");
    const response = await ctx.send({
      method: "PATCH",
      url: this.#url,
      abortSignal: opts.abortSignal,
      body: {
        ...(tags === undefined ? {} : { tags }),
        ...(instantAccess === undefined ? {} : { properties: { instantAccess } }),
      },
    });
    return isJsonObject(response.body) ? toRestorePointCollection(response.body) : this.#get(ctx, opts);
  }

  /**
   * Deletes the collection and every restore point in it.
   *
   * @param options - polling interval, `resumeFrom`, `abortSignal` (stops waiting, not the delete)
   * @returns a poller; `await poller` resolves when the collection is gone
   * @throws OperationFailedError (from the poller) when the delete fails
   * @throws RestError (from the poller) when ARM rejects the request
   */
  beginDelete(options: BeginDeleteCollectionOptions = {}): PollerLike<OperationState<void>, void> {
    return withStartSpan(
      this.#ctx,
      "RestorePointCollectionClient.beginDelete",
      options,
      (ctx) => beginDeleteComputeResource(ctx, this.#url, this.#description, options),
      (poller) => poller.submitted(),
    );
  }

  /**
   * Lists the collection's restore points, oldest first (by creation time, then name). ARM has no
   * list operation for restore points: they come from one `GET collection?$expand=restorePoints`,
   * exposed as a single page.
   *
   * @param options - `abortSignal`
   * @returns an async iterator of restore points
   */
  listRestorePoints(options: ListRestorePointsOptions = {}): PagedAsyncIterableIterator<VmRestorePoint> {
    const opts = validateOptionsBag(options, "options") as ListRestorePointsOptions;
    const expandUrl = `${this.#url}&$expand=restorePoints`;
    return createPagedIterator(async (continuationToken) => {
      if (continuationToken !== undefined) return { items: [] };
      const body = await withSpan(this.#ctx, "RestorePointCollectionClient.listRestorePoints", opts, (ctx) =>
        ctx.getJson(expandUrl, opts.abortSignal),
      );
      const points = arrayAt(objectAt(body, "properties"), "restorePoints")
        .filter(isJsonObject)
        .map(toVmRestorePoint);
      return { items: points.sort(compareRestorePoints) };
    });
  }

  /**
   * Plans a prune without deleting anything: which restore points `policy` keeps and removes, and
   * why. The newest point, protected points, points with an active SAS (as far as known: see
   * `activeAccess`), copies still replicating and sources of copies in progress are always kept.
   *
   * @param policy - retention rules and protection; see {@link RetentionPolicy}
   * @param options - `activeAccess`, `checkCopies`, `abortSignal`
   * @returns the plan, with a human-readable reason for every point
   * @throws TypeError or RangeError for a malformed policy or options, before any request
   * @throws RestError when ARM rejects a read (404 when the collection does not exist)
   *
   * @example
   * ```ts
   * const plan = await collection.planPrune({ keepLast: 3, keepDaily: 7, keepMonthly: 12 });
   * for (const p of plan.remove) console.log(`would delete ${p.name}: ${plan.reasons[p.name]}`);
   * ```
   */
  planPrune(policy: RetentionPolicy, options: PlanPruneOptions = {}): Promise<PrunePlan> {
    return withSpan(this.#ctx, "RestorePointCollectionClient.planPrune", options, (ctx) =>
      planCollectionPrune(this.#pruneTarget(ctx), policy, options),
    );
  }

  /**
   * Applies a retention policy: plans like {@link RestorePointCollectionClient.planPrune}, then
   * deletes the planned points in parallel (`maxConcurrency`, default 4). One failed deletion does
   * not stop the others; a point whose SAS is still active fails with reason `ActiveSas`.
   *
   * @param policy - retention rules and protection; see {@link RetentionPolicy}
   * @param options - `dryRun`, `maxConcurrency`, `onProgress`, `activeAccess`, `checkCopies`, `abortSignal`
   * @returns the deleted, kept and failed points, and the plan
   * @throws TypeError or RangeError for a malformed policy or options, before any request
   * @throws RestError when ARM rejects a read of the plan
   * @throws AbortError when `abortSignal` fires (deletions already sent continue in Azure)
   *
   * @example
   * ```ts
   * const result = await collection.prune({ keepLast: 7, maxAgeInDays: 30 }, { onProgress: (e) => console.log(e) });
   * console.log(`deleted ${result.deleted.length}, failed ${result.failed.length}`);
   * ```
   */
  prune(policy: RetentionPolicy, options: PruneOptions = {}): Promise<PruneResult> {
    return withSpan(this.#ctx, "RestorePointCollectionClient.prune", options, (ctx) =>
      pruneCollection(this.#pruneTarget(ctx), policy, options),
    );
  }

  /** What prune works on; deletions go through restore point clients of the call's context. */
  #pruneTarget(ctx: ArmContext): PruneTarget {
    return {
      ctx,
      url: this.#url,
      beginDelete: (name, options) =>
        new VmRestorePointClient(
          ctx,
          this.resourceGroup,
          this.name,
          validateRestorePointName(name),
        ).beginDelete(options),
    };
  }

  /**
   * A client for one restore point of this collection. No request is sent.
   *
   * @param restorePointName - the restore point's name
   * @returns the restore point's client, sharing this client's pipeline
   * @throws TypeError when the name is not a non-empty string
   * @throws RangeError when the name breaks ARM naming rules
   */
  getRestorePointClient(restorePointName: string): VmRestorePointClient {
    return new VmRestorePointClient(
      this.#ctx,
      this.resourceGroup,
      this.name,
      validateRestorePointName(restorePointName),
    );
  }
}
