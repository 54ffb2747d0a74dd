import type { TokenCredential } from "@azure/core-auth";
import type { PagedAsyncIterableIterator } from "@azure/core-paging";
import type { PollerLike } from "@azure/core-lro";
import { createDefaultHttpClient } from "@azure/core-rest-pipeline";
import {
  DEFAULT_COMPUTE_API_VERSION,
  DEFAULT_DISK_API_VERSION,
  DEFAULT_UPDATE_INTERVAL_IN_MS,
  MIN_COMPUTE_API_VERSION,
} from "../constants.js";
import { ArmContext } from "../internal/armContext.js";
import { listArmPages } from "../internal/paging.js";
import { createArmPipeline, resolveArmTarget } from "../internal/pipeline.js";
import { pathOf } from "../internal/urls.js";
import {
  validateCollectionName,
  validateNonEmptyString,
  validateOptionalInterval,
  validateOptionsBag,
  validateResourceGroupName,
} from "../internal/validation.js";
import type { RestorePointCollection } from "../models/collection.js";
import { toRestorePointCollection } from "../models/collection.js";
import type { CopyOperationState } from "../models/copyOperationState.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import { CROSS_REGION_SUPPORTED_REGIONS, normalizeRegion } from "../regions.js";
import { newCollectionClient } from "./collectionClient.js";
import type { RestorePointCollectionClient } from "./collectionClient.js";
import type { ListCollectionsOptions, RestorePointClientOptions } from "./options.js";
import type { CopyToRegionOptions, RestoreVmOptions, RestoreVmResult } from "./restoreVmTypes.js";

const API_VERSION = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

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

  /**
   * @param subscriptionId - the Azure subscription id
   * @param credential - any `@azure/core-auth` TokenCredential, e.g. `DefaultAzureCredential`
   * @param options - endpoint or cloud, api-versions, polling interval, and pipeline options
   * @throws TypeError when an argument has the wrong type or the endpoint is not an https URL
   * @throws RangeError when `computeApiVersion` is older than 2021-03-01 or `cloud` is unknown
   */
  constructor(subscriptionId: string, credential: TokenCredential, options: RestorePointClientOptions = {}) {
    validateNonEmptyString(subscriptionId, "subscriptionId");
    if (typeof (credential as Partial<TokenCredential> | undefined)?.getToken !== "function") {
      throw new TypeError("credential must be a TokenCredential (an object with a getToken method)");
    }
    const opts = validateOptionsBag(options, "options") as RestorePointClientOptions;
    const computeApiVersion = validateApiVersion(
      opts.computeApiVersion,
      "computeApiVersion",
      DEFAULT_COMPUTE_API_VERSION,
    );
    if (computeApiVersion < MIN_COMPUTE_API_VERSION) {
      throw new RangeError(
        `computeApiVersion ${computeApiVersion} predates restore points; use ${MIN_COMPUTE_API_VERSION} or later`,
      );
    }
    const diskApiVersion = validateApiVersion(
      opts.diskApiVersion,
      "diskApiVersion",
      DEFAULT_DISK_API_VERSION,
    );
    const target = resolveArmTarget(opts);
    this.subscriptionId = subscriptionId;
    this.endpoint = target.endpoint;
    this.#ctx = new ArmContext({
      pipeline: createArmPipeline(credential, target.scopes, opts),
      httpClient: opts.httpClient ?? createDefaultHttpClient(),
      endpoint: target.endpoint,
      subscriptionId,
      computeApiVersion,
      diskApiVersion,
      updateIntervalInMs:
        validateOptionalInterval(opts.updateIntervalInMs, "updateIntervalInMs") ??
        DEFAULT_UPDATE_INTERVAL_IN_MS,
      copyRegions: validateCopyRegions(opts.copyRegions),
    });
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
    return newCollectionClient(
      this.#ctx,
      validateResourceGroupName(resourceGroup),
      validateCollectionName(collectionName),
    );
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
    return listArmPages(
      ctx,
      ctx.url(path, ctx.computeApiVersion),
      toRestorePointCollection,
      opts.abortSignal,
    );
  }

  /**
   * Restores a whole VM from a restore point: restores every disk in parallel (keeping LUN,
   * caching and size), then creates a VM from the restore point's metadata.
   *
   * Not implemented yet: it always rejects with an Error saying so.
   *
   * @param options - the restore point, the new VM's name and placement
   * @returns what was created
   * @throws RestoreVmError when a step fails (with the created resources, rolled back by default)
   */
  restoreVm(options: RestoreVmOptions): Promise<RestoreVmResult> {
    return Promise.reject(notImplemented("restoreVm", options));
  }

  /**
   * Copies a restore point to another region: creates the target collection when missing, then
   * copies the restore point and (by default) waits until every disk is replicated.
   *
   * Not implemented yet: it always throws an Error saying so.
   *
   * @param sourceRestorePointId - the restore point to copy
   * @param options - target region and names
   * @returns a poller of the copy
   * @throws Error always, for now
   */
  beginCopyToRegion(
    sourceRestorePointId: string,
    options: CopyToRegionOptions,
  ): PollerLike<CopyOperationState, VmRestorePoint> {
    throw notImplemented("beginCopyToRegion", sourceRestorePointId, options);
  }
}

/** Placeholder of the helpers a later change implements; takes the arguments so none is unused. */
function notImplemented(method: string, ..._args: unknown[]): Error {
  return new Error(`${method} is not implemented yet`);
}

function validateApiVersion(value: unknown, what: string, fallback: string): string {
  if (value === undefined) return fallback;
  const version = validateNonEmptyString(value, what);
  if (!API_VERSION.test(version)) {
    throw new RangeError(`${what} must look like 2025-04-01 (or 2025-04-01-preview), got "${version}"`);
  }
  return version;
}

function validateCopyRegions(value: unknown): readonly string[] | "any" {
  if (value === undefined) return CROSS_REGION_SUPPORTED_REGIONS;
  if (value === "any") return "any";
  if (!Array.isArray(value) || value.some((r) => typeof r !== "string" || r === "")) {
    throw new TypeError('copyRegions must be an array of region names or "any"');
  }
  return Object.freeze((value as string[]).map(normalizeRegion));
}
