import type { TokenCredential } from "@azure/core-auth";
import type { PagedAsyncIterableIterator } from "@azure/core-paging";
import type { PollerLike } from "@azure/core-lro";
import type { ArmContext } from "../internal/armContext.js";
import { configureGuards } from "../guards/guardSettings.js";
import { listArmPagesInSpans } from "../internal/paging.js";
import { withSpan, withStartSpan } from "../internal/tracing.js";
import { createRootContext } from "./clientSettings.js";
import { createFleetRestorePoints } from "../fleet/createRestorePoints.js";
import type { CreateRestorePointsOptions, FleetRestorePointResult } from "../fleet/fleetTypes.js";
import { pathOf } from "../internal/urls.js";
import {
  validateCollectionName,
  validateDiskRestorePointName,
  validateOptionsBag,
  validateResourceGroupName,
  validateRestorePointName,
  validateSubscriptionId,
} from "../internal/validation.js";
import type { RestorePointCollection } from "../models/collection.js";
import { toRestorePointCollection } from "../models/collection.js";
import type { CopyOperationState } from "../models/copyOperationState.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import { registerClientContext } from "./clientInternals.js";
import { parseResourceIdOfType } from "../resourceId.js";
import { RestorePointCollectionClient } from "./collectionClient.js";
import { DiskRestorePointClient } from "./diskRestorePointClient.js";
import { VmRestorePointClient } from "./vmRestorePointClient.js";
import type { ListCollectionsOptions, RestorePointClientOptions } from "./options.js";
import type { RestoreVmOptions, RestoreVmResult } from "../restore/restoreVmTypes.js";
import type { BeginCopyToRegionOptions } from "../copy/copyToRegionTypes.js";
import { beginCopyToRegion } from "../copy/copyToRegion.js";
import { restoreVm as runRestoreVm } from "../restore/restoreVm.js";
import { restoreVmInPlace as runRestoreVmInPlace } from "../restore/restoreVmInPlace.js";
import type { RestoreVmInPlaceOptions, RestoreVmInPlaceResult } from "../restore/restoreVmInPlaceTypes.js";

const COLLECTION_TYPE = "Microsoft.Compute/restorePointCollections";
const RESTORE_POINT_TYPE = `${COLLECTION_TYPE}/restorePoints`;
const DISK_RESTORE_POINT_TYPE = `${RESTORE_POINT_TYPE}/diskRestorePoints`;

/**
 * Entry point of the SDK: manages restore point collections, VM restore points and disk restore
 * points of one subscription over Azure Resource Manager.
 *
 * Sub-clients (`getCollectionClient` and below) are created synchronously without any request and
 * share this client's pipeline (authentication, retries, logging).
 *
 * @example
 * ```ts
 * import { DefaultAzureCredential } from "@azure/identity";
 * import { RestorePointClient } from "azure-vm-restore-points";
 *
 * const client = new RestorePointClient("<subscription-id>", new DefaultAzureCredential());
 * const collection = client.getCollectionClient("my-rg", "my-vm-points");
 * await collection.create({ location: "westeurope", sourceVmId: vmId });
 * const point = await collection.getRestorePointClient("nightly-2026-11-25").beginCreate();
 * console.log(point.diskRestorePoints.map((d) => d.name));
 * ```
 *
 * @public
 */
export class RestorePointClient {
  /** The subscription this client works in. */
  readonly subscriptionId: string;
  /** The ARM endpoint, e.g. `https://management.azure.com`. */
  readonly endpoint: string;
  readonly #ctx: ArmContext;
  readonly #guardOptions: RestorePointClientOptions;
  /** Contexts of the other subscriptions ids pointed at, by lower-cased subscription id. */
  readonly #otherSubscriptions = new Map<string, ArmContext>();

  /**
   * @param subscriptionId - the Azure subscription id
   * @param credential - any `@azure/core-auth` TokenCredential, e.g. `DefaultAzureCredential`
   * @param options - endpoint or cloud, api-versions, polling interval, and pipeline options
   * @throws TypeError when an argument has the wrong type or the endpoint is not an https URL
   * @throws RangeError when `computeApiVersion` is older than 2021-03-01, `cloud` is unknown, or
   *   `maxRestorePointsPerVm` / `preflightCacheTtlInMs` are out of range
   */
  constructor(subscriptionId: string, credential: TokenCredential, options: RestorePointClientOptions = {}) {
    const { ctx, endpoint, options: opts } = createRootContext(subscriptionId, credential, options);
    this.subscriptionId = subscriptionId;
    this.endpoint = endpoint;
    this.#ctx = ctx;
    this.#guardOptions = opts;
    configureGuards(this.#ctx, opts);
    registerClientContext(this, this.#ctx);
  }

  /**
   * Takes a restore point of each of many VMs ("fleet snapshot"). Each VM's collection
   * (`<vmName>-rpc` in its resource group by default) is created in the VM's region when missing.
   * Each VM has at most one creation at a time, and writes are paced from the
   * `x-ms-ratelimit-remaining-*` headers so that they stay just under the subscription's
   * throttling buckets (e.g. `PutRestorePointSubscriptionMaximum`) instead of hitting 429s; a 429
   * that comes anyway is waited out (`Retry-After`) and that VM's step retried. One VM's failure
   * does not stop the others: it is reported in its result.
   *
   * @param vmIds - ARM ids of the VMs, each at most once, in this client's subscription
   * @param options - names, consistency mode, `maxConcurrency` (default 10), `onProgress`, `abortSignal`
   * @returns one result per VM, in the order of `vmIds`: `succeeded` with the restore point, or `failed` with the error
   * @throws TypeError for a malformed or repeated VM id, a VM of another subscription, or two VMs sharing a collection; RangeError for invalid names or options (all before any request)
   * @throws AbortError when `abortSignal` fires (creations already accepted continue in Azure)
   *
   * @example
   * ```ts
   * const results = await client.createRestorePoints(vmIds, {
   *   consistencyMode: "CrashConsistent",
   *   onProgress: (e) => console.log(`${e.completed}/${e.total} ${e.vmId} ${e.status}`),
   * });
   * for (const r of results) if (r.status === "failed") console.error(r.vmId, r.error?.message);
   * ```
   */
  createRestorePoints(
    vmIds: readonly string[],
    options: CreateRestorePointsOptions = {},
  ): Promise<FleetRestorePointResult[]> {
    return withSpan(this.#ctx, "RestorePointClient.createRestorePoints", options, (ctx) =>
      createFleetRestorePoints(ctx, this.#collections(ctx), vmIds, options),
    );
  }

  /**
   * A client for one restore point collection. No request is sent; the collection need not exist.
   *
   * @param resourceGroup - resource group of the collection
   * @param collectionName - collection name
   * @returns the collection's client, sharing this client's pipeline
   * @throws TypeError when a name is not a non-empty string
   * @throws RangeError when a name breaks ARM naming rules
   */
  getCollectionClient(resourceGroup: string, collectionName: string): RestorePointCollectionClient {
    return new RestorePointCollectionClient(
      this.#ctx,
      validateResourceGroupName(resourceGroup),
      validateCollectionName(collectionName),
    );
  }

  /**
   * A client for the restore point collection with this ARM id. No request is sent. The id may be
   * in any casing (as ARM returns ids of other resources); an id in another subscription gives a
   * client of that subscription that shares this client's pipeline and credential.
   *
   * @param id - `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/restorePointCollections/{name}`
   * @returns the collection's client (its `id` names the id's subscription)
   * @throws TypeError when `id` is not a string, not a resource id, or the id of another resource type
   * @throws RangeError when a name in the id breaks ARM naming rules
   *
   * @example
   * ```ts
   * const collection = client.getCollectionClientById(point.id.replace(/\/restorePoints\/[^/]+$/i, ""));
   * console.log((await collection.get()).location);
   * ```
   */
  getCollectionClientById(id: string): RestorePointCollectionClient {
    const parsed = parseResourceIdOfType(id, "id", COLLECTION_TYPE);
    return new RestorePointCollectionClient(
      this.#contextFor(parsed.subscriptionId),
      validateResourceGroupName(parsed.resourceGroup),
      validateCollectionName(parsed.name),
    );
  }

  /**
   * A client for the VM restore point with this ARM id. No request is sent. The id may be in any
   * casing; an id in another subscription gives a client of that subscription that shares this
   * client's pipeline and credential.
   *
   * @param id - `.../providers/Microsoft.Compute/restorePointCollections/{collection}/restorePoints/{name}`
   * @returns the restore point's client (its `id` names the id's subscription)
   * @throws TypeError when `id` is not a string, not a resource id, or the id of another resource type
   * @throws RangeError when a name in the id breaks ARM naming rules
   *
   * @example
   * ```ts
   * const point = client.getRestorePointClientById(restorePointId);
   * const progress = await point.getReplicationProgress();
   * ```
   */
  getRestorePointClientById(id: string): VmRestorePointClient {
    const parsed = parseResourceIdOfType(id, "id", RESTORE_POINT_TYPE);
    return new VmRestorePointClient(
      this.#contextFor(parsed.subscriptionId),
      validateResourceGroupName(parsed.resourceGroup),
      validateCollectionName(parsed.collectionName ?? ""),
      validateRestorePointName(parsed.name),
    );
  }

  /**
   * A client for the disk restore point with this ARM id. No request is sent. The id may be in
   * any casing; an id in another subscription gives a client of that subscription that shares this
   * client's pipeline and credential.
   *
   * @param id - `.../restorePointCollections/{collection}/restorePoints/{point}/diskRestorePoints/{name}`
   * @returns the disk restore point's client (its `id` names the id's subscription)
   * @throws TypeError when `id` is not a string, not a resource id, or the id of another resource type
   * @throws RangeError when a name in the id breaks ARM naming rules
   *
   * @example
   * ```ts
   * const disk = client.getDiskRestorePointClientById(point.diskRestorePoints[0].id);
   * const access = await disk.beginGrantAccess({ durationInSeconds: 3600 });
   * ```
   */
  getDiskRestorePointClientById(id: string): DiskRestorePointClient {
    const parsed = parseResourceIdOfType(id, "id", DISK_RESTORE_POINT_TYPE);
    return new DiskRestorePointClient(
      this.#contextFor(parsed.subscriptionId),
      validateResourceGroupName(parsed.resourceGroup),
      validateCollectionName(parsed.collectionName ?? ""),
      validateRestorePointName(parsed.restorePointName ?? ""),
      validateDiskRestorePointName(parsed.name),
    );
  }

  /** This client's context, or one for another subscription sharing its pipeline (made once). */
  #contextFor(subscriptionId: string): ArmContext {
    const key = validateSubscriptionId(subscriptionId, "the id's subscription").toLowerCase();
    if (key === this.subscriptionId.toLowerCase()) return this.#ctx;
    let ctx = this.#otherSubscriptions.get(key);
    if (ctx === undefined) {
      ctx = this.#ctx.withSubscription(subscriptionId);
      configureGuards(ctx, this.#guardOptions);
      this.#otherSubscriptions.set(key, ctx);
    }
    return ctx;
  }

  /** The collection clients the feature helpers (copy, fleet) work with, in `ctx`'s subscription. */
  #collections(ctx: ArmContext): (resourceGroup: string, name: string) => RestorePointCollectionClient {
    return (resourceGroup, name) => new RestorePointCollectionClient(ctx, resourceGroup, name);
  }

  /**
   * Lists the restore point collections of the subscription, or of one resource group.
   *
   * @param options - `resourceGroup` to narrow the list; `abortSignal`
   * @returns an async iterator of collections; `byPage()` iterates pages, following `nextLink`
   * @throws TypeError or RangeError (synchronously) for an invalid resource group name
   *
   * @example
   * ```ts
   * for await (const collection of client.listCollections({ resourceGroup: "my-rg" })) {
   *   console.log(collection.name, collection.location);
   * }
   * ```
   */
  listCollections(options: ListCollectionsOptions = {}): PagedAsyncIterableIterator<RestorePointCollection> {
    const opts = validateOptionsBag(options, "options") as ListCollectionsOptions;
    const ctx = this.#ctx;
    const path =
      opts.resourceGroup === undefined
        ? `${ctx.subscriptionPath}${pathOf("providers", "Microsoft.Compute", "restorePointCollections")}`
        : ctx.providerPath(
            validateResourceGroupName(opts.resourceGroup),
            "Microsoft.Compute",
            "restorePointCollections",
          );
    return listArmPagesInSpans(
      ctx,
      ctx.url(path, ctx.computeApiVersion),
      toRestorePointCollection,
      opts,
      "RestorePointClient.listCollections",
    );
  }

  /**
   * Restores a whole VM from a restore point: checks everything first (nothing is created when
   * the VM name is taken, the OS disk or, without `allowMissingDisks`, a data disk was excluded),
   * restores every disk in parallel (keeping LUN, caching and size), creates or reuses the NIC,
   * then creates the VM from the restore point's metadata (size, OS type, security profile,
   * license type, user data). On failure or abort (checked between steps; running disk
   * restores are awaited) it deletes what it created, VM first, and never anything else.
   *
   * Every resource it creates carries the tag `vmrp-restore-operation`, whose value is the same
   * for the same restore point and VM name: running the same restore again after a crash, or
   * after a failure with `rollbackOnFailure: false`, picks up the finished disks instead of
   * creating them twice.
   *
   * @param options - the restore point, the new VM's name and placement, rollback and progress
   * @returns the VM, its disks by LUN, its NICs and what the call created
   * @throws TypeError or RangeError for invalid options, before any request
   * @throws ReplicationIncompleteError for a cross-region copy that is still replicating, unless
   *   `allowIncompleteReplication` is set
   * @throws RestoreVmError when a check or step fails or the call is aborted: `step`,
   *   `createdResourceIds` (what is left), `rolledBack`, and the failure as `cause`
   *
   * @example
   * ```ts
   * const result = await client.restoreVm({
   *   restorePointId: point.id,
   *   vmName: "web-restored",
   *   subnetId,
   *   onProgress: (e) => console.log(`${e.percentComplete}% ${e.message}`),
   * });
   * console.log(result.vmId, result.dataDisks);
   * ```
   */
  restoreVm(options: RestoreVmOptions): Promise<RestoreVmResult> {
    return withSpan(this.#ctx, "RestorePointClient.restoreVm", options, (ctx) => runRestoreVm(ctx, options));
  }

  /**
   * Restores a restore point into an existing VM, replacing its disks: restores the disks (while
   * the VM still runs), deallocates the VM, swaps the OS disk (only `managedDisk.id` changes; the
   * original `createOption` stays, as Azure refuses a change) and the data disks at the restore
   * point's LUNs, then starts the VM again if it was running. Data disks at LUNs the restore point
   * lacks stay attached. The original disks are kept (detached) unless `keepOriginalDisks` is
   * `false`; on failure they are attached again, the VM restarted and the restored disks deleted.
   *
   * @param options - the VM, the restore point, what to do with the original disks
   * @returns the VM's new disks, the originals left, and the disks created
   * @throws TypeError or RangeError for invalid options, before any request
   * @throws ReplicationIncompleteError for a cross-region copy that is still replicating, unless
   *   `allowIncompleteReplication` is set
   * @throws RestoreVmError when a check or step fails or the call is aborted
   *
   * @example
   * ```ts
   * const result = await client.restoreVmInPlace({ vmId, restorePointId: point.id });
   * console.log("replaced disks kept:", result.originalDiskIds);
   * ```
   */
  restoreVmInPlace(options: RestoreVmInPlaceOptions): Promise<RestoreVmInPlaceResult> {
    return withSpan(this.#ctx, "RestorePointClient.restoreVmInPlace", options, (ctx) =>
      runRestoreVmInPlace(ctx, options),
    );
  }

  /**
   * Copies a restore point to another region. In the poller's initial request it finds the
   * collection in the target region whose source is the restore point's collection (reusing an
   * existing one, see `targetCollectionName`) or creates `<source collection>-<targetLocation>`,
   * then copies the restore point into it; by default the poller completes only when every disk
   * is replicated, with the progress (size-weighted, never decreasing, with an ETA once it can be
   * estimated) in `poller.operationState.replication`. A copy that Azure refuses outright removes
   * the collection this call created. `poller.serialize()` + `resumeFrom` continue the copy and
   * its replication wait elsewhere without creating anything again.
   *
   * @param sourceRestorePointId - the restore point to copy
   * @param options - target region and names, `waitForReplication`, encryption, polling options
   * @returns a poller, synchronously; `await poller` gives the copy
   * @throws TypeError or RangeError (synchronously) for invalid arguments or a `resumeFrom` of another copy
   * @throws RegionNotSupportedError, CopyNotAllowedError (from the poller) when a copy rule would be broken
   * @throws OperationFailedError (from the poller) when the copy fails, a disk fails to replicate
   *   (`serviceCode` `ReplicationFailed`, naming the disk) or Azure terminates the copy at its
   *   two-week limit (`serviceCode` `ReplicationTimedOut`)
   * @throws RestError (from the poller) when ARM rejects a request
   *
   * @example
   * ```ts
   * const poller = client.beginCopyToRegion(point.id, { targetLocation: "northeurope" });
   * poller.onProgress((s) => console.log(s.replication?.percentComplete, s.replication?.estimatedCompletionOn));
   * await poller.submitted(); // target collection ready, copy accepted
   * const copy = await poller; // every disk replicated
   * ```
   */
  beginCopyToRegion(
    sourceRestorePointId: string,
    options: BeginCopyToRegionOptions,
  ): PollerLike<CopyOperationState, VmRestorePoint> {
    return withStartSpan(
      this.#ctx,
      "RestorePointClient.beginCopyToRegion",
      options,
      (ctx) => beginCopyToRegion(ctx, this.#collections(ctx), sourceRestorePointId, options),
      (poller) => poller.submitted(),
    );
  }
}
