import type { PagedAsyncIterableIterator } from "@azure/core-paging";
import type { OperationState, PollerLike } from "@azure/core-lro";
import { createCopyPoller } from "../copy/copyPoller.js";
import { armContextOf, type ArmContext, type ClientContext } from "../internal/armContext.js";
import { beginDeleteComputeResource } from "./beginDelete.js";
import { listArmPagesInSpans } from "../internal/paging.js";
import { withSpan, withStartSpan } from "../internal/tracing.js";
import {
  validateDiskRestorePointName,
  validateOptionalBoolean,
  validateOptionsBag,
} from "../internal/validation.js";
import type { CopyOperationState } from "../models/copyOperationState.js";
import type { DiskRestorePoint } from "../models/diskRestorePoint.js";
import { toDiskRestorePoint } from "../models/diskRestorePoint.js";
import type { ReplicationProgress } from "../models/replication.js";
import { toReplicationProgress } from "../models/replication.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import { toVmRestorePoint } from "../models/vmRestorePoint.js";
import { DiskRestorePointClient } from "./diskRestorePointClient.js";
import type {
  BeginDeleteRestorePointOptions,
  GetReplicationProgressOptions,
  GetRestorePointOptions,
  ListDiskRestorePointsOptions,
  RestorePointExistsOptions,
  WaitForReplicationOptions,
} from "./options.js";
import type { BeginCopyRestorePointOptions } from "../copy/copyOptions.js";
import type { BeginCreateRestorePointOptions } from "../capture/captureOptions.js";
import { planCapture, planCopyOf } from "../capture/plan.js";
import { createCapturePoller } from "../capture/capturePoller.js";
import type {
  PlanCopyRestorePointOptions,
  PlanCreateRestorePointOptions,
  PlanTarget,
  RestorePointPlan,
} from "../capture/plan.js";
import { waitForReplication } from "./waitForReplication.js";

/**
 * Operations on one VM restore point. Get it from
 * {@link RestorePointCollectionClient.getRestorePointClient}.
 *
 * @public
 */
export class VmRestorePointClient {
  /** ARM id of the restore point. */
  readonly id: string;
  /** Restore point name. */
  readonly name: string;
  /** Name of its collection. */
  readonly collectionName: string;
  /** Resource group of its collection. */
  readonly resourceGroup: string;
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
  constructor(context: ClientContext, resourceGroup: string, collectionName: string, name: string) {
    const ctx = armContextOf(context);
    this.#ctx = ctx;
    this.resourceGroup = resourceGroup;
    this.collectionName = collectionName;
    this.name = name;
    this.id =
      `/subscriptions/${ctx.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute` +
      `/restorePointCollections/${collectionName}/restorePoints/${name}`;
    this.#url = ctx.url(this.#path(), ctx.computeApiVersion);
    this.#description = `restore point '${name}' in collection '${collectionName}' (resource group '${resourceGroup}')`;
  }

  #path(...more: string[]): string {
    return this.#ctx.providerPath(
      this.resourceGroup,
      "Microsoft.Compute",
      "restorePointCollections",
      this.collectionName,
      "restorePoints",
      this.name,
      ...more,
    );
  }

  /**
   * Takes a restore point of the collection's VM. Arguments are checked synchronously; the
   * service-rule checks (limit, one creation at a time, disk support, exclusions) run with the
   * initial request, so their errors surface from `await poller.submitted()`.
   *
   * @param options - disks to exclude, consistency mode, instant-access duration, polling options
   * @returns a poller, synchronously; `await poller` gives the finished restore point
   * @throws TypeError or RangeError (synchronously) for invalid options
   * @throws RestorePointLimitError, ConcurrentOperationError, UnsupportedDiskError, InvalidExclusionError (from the poller) when a service rule would be broken
   * @throws OperationFailedError (from the poller) when Azure fails the creation
   * @throws RestError (from the poller) when ARM rejects a request
   *
   * @example
   * ```ts
   * const poller = collection.getRestorePointClient("nightly").beginCreate({ excludeDiskIds: [scratchDiskId] });
   * await poller.submitted(); // preflight and initial request done
   * const point = await poller;
   * ```
   */
  beginCreate(
    options: BeginCreateRestorePointOptions = {},
  ): PollerLike<OperationState<VmRestorePoint>, VmRestorePoint> {
    return withStartSpan(
      this.#ctx,
      "VmRestorePointClient.beginCreate",
      options,
      (ctx) => this.#beginCreate(ctx, options),
      (poller) => poller.submitted(),
    );
  }

  #beginCreate(
    ctx: ArmContext,
    options: BeginCreateRestorePointOptions,
  ): PollerLike<OperationState<VmRestorePoint>, VmRestorePoint> {
    return createCapturePoller(
      ctx,
      {
        id: this.id,
        resourceGroup: this.resourceGroup,
        collectionName: this.collectionName,
        name: this.name,
        url: this.#url,
        description: this.#description,
      },
      options,
    );
  }

  /**
   * Copies another restore point into this one (cross-region copy: this restore point's
   * collection must be in the target region with the source collection as its source). By
   * default the poller keeps going after Azure reports the copy operation done, until every disk
   * is replicated; `poller.operationState.replication` shows the progress.
   *
   * @param sourceRestorePointId - the restore point to copy
   * @param options - `waitForReplication` (default true), polling options, `skipPreflight`
   * @returns a poller, synchronously; `await poller` gives the copy (with `replication` when waited for)
   * @throws TypeError or RangeError (synchronously) for invalid arguments
   * @throws RegionNotSupportedError, CopyNotAllowedError, ConcurrentOperationError (from the poller) when a copy rule would be broken
   * @throws OperationFailedError (from the poller) when the copy or its replication fails
   * @throws RestError (from the poller) when ARM rejects a request
   *
   * @example
   * ```ts
   * const poller = target.getRestorePointClient("nightly").beginCopy(sourcePoint.id);
   * poller.onProgress((s) => console.log(s.replication?.percentComplete));
   * const copy = await poller;
   * ```
   */
  beginCopy(
    sourceRestorePointId: string,
    options: BeginCopyRestorePointOptions = {},
  ): PollerLike<CopyOperationState, VmRestorePoint> {
    return withStartSpan(
      this.#ctx,
      "VmRestorePointClient.beginCopy",
      options,
      (ctx) => this.#beginCopy(ctx, sourceRestorePointId, options),
      (poller) => poller.submitted(),
    );
  }

  #beginCopy(
    ctx: ArmContext,
    sourceRestorePointId: string,
    options: BeginCopyRestorePointOptions,
  ): PollerLike<CopyOperationState, VmRestorePoint> {
    return createCopyPoller(
      ctx,
      {
        id: this.id,
        resourceGroup: this.resourceGroup,
        collectionName: this.collectionName,
        name: this.name,
        url: this.#url,
        instanceViewUrl: this.#ctx.url(this.#path(), this.#ctx.computeApiVersion, {
          $expand: "instanceView",
        }),
        description: this.#description,
      },
      sourceRestorePointId,
      options,
    );
  }

  /**
   * A dry run of {@link VmRestorePointClient.beginCreate}: reads what the pre-flight checks read
   * (no write is sent) and returns the request `beginCreate` would send together with every
   * service rule it would break, not only the first.
   *
   * @param options - the options `beginCreate` would get
   * @returns the planned request (`requests`) and the `violations` found (empty: the create would be sent)
   * @throws TypeError or RangeError for invalid options, before any request
   * @throws RestError when a read fails (e.g. 404 when the collection does not exist)
   *
   * @example
   * ```ts
   * const plan = await collection.getRestorePointClient("nightly").planCreate({ excludeUnsupportedDisks: true });
   * for (const v of plan.violations) console.log(v.code, v.message);
   * console.log(plan.requests[0]?.body, plan.autoExcludedDisks);
   * ```
   */
  planCreate(options: PlanCreateRestorePointOptions = {}): Promise<RestorePointPlan> {
    return withSpan(this.#ctx, "VmRestorePointClient.planCreate", options, (ctx) =>
      planCapture(ctx, this.#planTarget(), options),
    );
  }

  /**
   * A dry run of {@link VmRestorePointClient.beginCopy}: reads what the pre-flight checks read
   * (no write is sent) and returns the request `beginCopy` would send together with every copy
   * rule it would break.
   *
   * @param sourceRestorePointId - the restore point to copy
   * @param options - `encryption`, `abortSignal`
   * @returns the planned request and the `violations` found
   * @throws TypeError for a malformed id or options, before any request
   * @throws RestError when a read fails (e.g. 404 when a collection does not exist)
   *
   * @example
   * ```ts
   * const plan = await target.getRestorePointClient("nightly").planCopy(sourcePoint.id);
   * if (plan.violations.length > 0) console.log(plan.violations.map((v) => v.message).join("\n"));
   * ```
   */
  planCopy(
    sourceRestorePointId: string,
    options: PlanCopyRestorePointOptions = {},
  ): Promise<RestorePointPlan> {
    return withSpan(this.#ctx, "VmRestorePointClient.planCopy", options, (ctx) =>
      planCopyOf(ctx, this.#planTarget(), sourceRestorePointId, options),
    );
  }

  #planTarget(): PlanTarget {
    return {
      collectionId: this.id.replace(/\/restorePoints\/[^/]+$/, ""),
      restorePointId: this.id,
      restorePointName: this.name,
      url: this.#url,
    };
  }

  /**
   * Reads the restore point.
   *
   * @param options - `instanceView: true` to include replication progress (`replication`)
   * @returns the restore point
   * @throws RestError with status 404 when it does not exist
   */
  async get(options: GetRestorePointOptions = {}): Promise<VmRestorePoint> {
    const opts = validateOptionsBag(options, "options") as GetRestorePointOptions;
    return withSpan(this.#ctx, "VmRestorePointClient.get", opts, (ctx) => this.#get(ctx, opts));
  }

  async #get(ctx: ArmContext, options: GetRestorePointOptions): Promise<VmRestorePoint> {
    const instanceView = validateOptionalBoolean(options.instanceView, "instanceView") === true;
    const url = instanceView ? `${this.#url}&$expand=instanceView` : this.#url;
    return toVmRestorePoint(await ctx.getJson(url, options.abortSignal));
  }

  /**
   * Whether the restore point exists.
   *
   * @param options - `abortSignal`
   * @returns `false` on 404, `true` otherwise
   * @throws RestError for other failures
   */
  exists(options: RestorePointExistsOptions = {}): Promise<boolean> {
    const opts = validateOptionsBag(options, "options") as RestorePointExistsOptions;
    return withSpan(this.#ctx, "VmRestorePointClient.exists", opts, (ctx) =>
      ctx.exists(this.#url, opts.abortSignal),
    );
  }

  /**
   * Reads the replication progress of a cross-region copy (state `NotApplicable`, 100 %, for a
   * restore point that is not a copy).
   *
   * @param options - `abortSignal`
   * @returns the progress, weighted by disk size
   * @throws RestError when ARM rejects the request
   */
  async getReplicationProgress(options: GetReplicationProgressOptions = {}): Promise<ReplicationProgress> {
    const opts = validateOptionsBag(options, "options") as GetReplicationProgressOptions;
    return withSpan(this.#ctx, "VmRestorePointClient.getReplicationProgress", opts, (ctx) =>
      this.#getReplicationProgress(ctx, opts),
    );
  }

  async #getReplicationProgress(
    ctx: ArmContext,
    options: GetReplicationProgressOptions,
  ): Promise<ReplicationProgress> {
    const point = await this.#get(ctx, {
      instanceView: true,
      ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
    });
    return point.replication ?? toReplicationProgress(point.raw, point.sourceMetadata);
  }

  /**
   * Waits until a cross-region copy has replicated every disk, reporting progress.
   *
   * @param options - `onProgress`, `intervalInMs`, `timeoutInMs`, `abortSignal`
   * @returns the final progress (`Succeeded`, or `NotApplicable` for a restore point that is not a copy)
   * @throws ReplicationIncompleteError when `timeoutInMs` runs out
   * @throws OperationFailedError when replication fails
   * @throws RestError when ARM rejects a request
   */
  waitForReplication(options: WaitForReplicationOptions = {}): Promise<ReplicationProgress> {
    return withSpan(this.#ctx, "VmRestorePointClient.waitForReplication", options, (ctx) =>
      waitForReplication(
        (abortSignal) => this.#getReplicationProgress(ctx, abortSignal === undefined ? {} : { abortSignal }),
        {
          id: this.id,
          description: this.#description,
          defaultIntervalInMs: ctx.replicationPollIntervalInMs,
        },
        options,
      ),
    );
  }

  /**
   * Deletes the restore point (and its disk restore points).
   *
   * @param options - polling interval, `resumeFrom`, `abortSignal` (stops waiting, not the delete)
   * @returns a poller; `await poller` resolves when the restore point is gone
   * @throws OperationFailedError (from the poller) when the delete fails
   * @throws RestError (from the poller) when ARM rejects the request, e.g. `DiskRestorePointUsedByCustomer` while a SAS is active
   */
  beginDelete(options: BeginDeleteRestorePointOptions = {}): PollerLike<OperationState<void>, void> {
    return withStartSpan(
      this.#ctx,
      "VmRestorePointClient.beginDelete",
      options,
      (ctx) => beginDeleteComputeResource(ctx, this.#url, this.#description, options),
      (poller) => poller.submitted(),
    );
  }

  /**
   * Lists the restore point's disk restore points (a Disk RP list, paged by `nextLink`).
   *
   * @param options - `abortSignal`
   * @returns an async iterator of disk restore points
   */
  listDiskRestorePoints(
    options: ListDiskRestorePointsOptions = {},
  ): PagedAsyncIterableIterator<DiskRestorePoint> {
    const opts = validateOptionsBag(options, "options") as ListDiskRestorePointsOptions;
    const url = this.#ctx.url(this.#path("diskRestorePoints"), this.#ctx.diskApiVersion);
    return listArmPagesInSpans(
      this.#ctx,
      url,
      toDiskRestorePoint,
      opts,
      "VmRestorePointClient.listDiskRestorePoints",
    );
  }

  /**
   * A client for one disk restore point of this restore point. No request is sent.
   *
   * @param diskRestorePointName - its name (`<diskName>_<guid>`, see `diskRestorePoints` of the restore point)
   * @returns the disk restore point's client, sharing this client's pipeline
   * @throws TypeError when the name is not a non-empty string
   * @throws RangeError when the name breaks ARM naming rules
   */
  getDiskRestorePointClient(diskRestorePointName: string): DiskRestorePointClient {
    return new DiskRestorePointClient(
      this.#ctx,
      this.resourceGroup,
      this.collectionName,
      this.name,
      validateDiskRestorePointName(diskRestorePointName),
    );
  }
}
