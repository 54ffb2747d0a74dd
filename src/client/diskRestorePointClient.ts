import type { OperationState, PollerLike } from "@azure/core-lro";
import { SAS_DURATION_SECONDS_RANGE } from "../constants.js";
import { armContextOf, type ArmContext, type ClientContext } from "../internal/armContext.js";
import {
  validateIntegerInRange,
  validateLroOptions,
  validateOpenEnum,
  validateOptionalBoolean,
  validateOptionsBag,
} from "../internal/validation.js";
import { createArmPoller } from "../lro/armPoller.js";
import type { DiskAccess } from "../models/diskAccess.js";
import { ACCESS_LEVELS, FILE_FORMATS, KnownAccessLevel, toDiskAccess } from "../models/diskAccess.js";
import type { DiskRestorePoint } from "../models/diskRestorePoint.js";
import { toDiskRestorePoint } from "../models/diskRestorePoint.js";
import type { ManagedDisk } from "../models/managedDisk.js";
import type { WireGrantAccessData } from "../models/wire/disk.js";
import type {
  BeginGrantAccessOptions,
  BeginRevokeAccessOptions,
  GetDiskRestorePointOptions,
} from "./options.js";
import { withSpan, withStartSpan } from "../internal/tracing.js";
import type { BeginRestoreDiskOptions } from "../disks/restoreDiskOptions.js";
import { normalizeRestoreDiskOptions } from "../disks/restoreDiskRequest.js";
import { createRestoreDiskPoller } from "../disks/restoreDiskPoller.js";
import { ensureReplicated, readRestoreDiskSource } from "../disks/restoreDiskSource.js";

/**
 * Operations on one disk restore point (a Disk RP resource under a VM restore point). Get it from
 * {@link VmRestorePointClient.getDiskRestorePointClient}.
 *
 * @public
 */
export class DiskRestorePointClient {
  /** ARM id of the disk restore point. */
  readonly id: string;
  /** Disk restore point name. */
  readonly name: string;
  /** Name of its VM restore point. */
  readonly restorePointName: string;
  /** Name of the collection. */
  readonly collectionName: string;
  /** Resource group of the collection. */
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
  constructor(
    context: ClientContext,
    resourceGroup: string,
    collectionName: string,
    restorePointName: string,
    name: string,
  ) {
    const ctx = armContextOf(context);
    this.#ctx = ctx;
    this.resourceGroup = resourceGroup;
    this.collectionName = collectionName;
    this.restorePointName = restorePointName;
    this.name = name;
    this.id =
      `/subscriptions/${ctx.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute` +
      `/restorePointCollections/${collectionName}/restorePoints/${restorePointName}/diskRestorePoints/${name}`;
    this.#url = ctx.url(this.#path(), ctx.diskApiVersion);
    this.#description =
      `disk restore point '${name}' of restore point '${restorePointName}' in collection '${collectionName}' ` +
      `(resource group '${resourceGroup}')`;
  }

  #path(...more: string[]): string {
    return this.#ctx.providerPath(
      this.resourceGroup,
      "Microsoft.Compute",
      "restorePointCollections",
      this.collectionName,
      "restorePoints",
      this.restorePointName,
      "diskRestorePoints",
      this.name,
      ...more,
    );
  }

  /**
   * Reads the disk restore point.
   *
   * @param options - `abortSignal`
   * @returns the disk restore point (with replication state for cross-region copies)
   * @throws RestError with status 404 when it does not exist
   */
  async get(options: GetDiskRestorePointOptions = {}): Promise<DiskRestorePoint> {
    const opts = validateOptionsBag(options, "options") as GetDiskRestorePointOptions;
    return withSpan(this.#ctx, "DiskRestorePointClient.get", opts, (ctx) => this.#get(ctx, opts));
  }

  async #get(ctx: ArmContext, options: GetDiskRestorePointOptions): Promise<DiskRestorePoint> {
    return toDiskRestorePoint(await ctx.getJson(this.#url, options.abortSignal));
  }

  /**
   * Grants time-limited access to the disk's data as a SAS URL. Revoke it with
   * {@link DiskRestorePointClient.beginRevokeAccess} when done (or use {@link withDiskAccess}):
   * a restore point cannot be deleted while a SAS is active.
   *
   * @param options - `durationInSeconds` (1..5,184,000), access level, file format, guest state
   * @returns a poller, synchronously; `await poller` gives the {@link DiskAccess}
   * @throws TypeError or RangeError (synchronously) for invalid options
   * @throws OperationFailedError (from the poller) when the grant fails
   * @throws RestError (from the poller) when ARM rejects the request
   *
   * @example
   * ```ts
   * const access = await diskRestorePoint.beginGrantAccess({ durationInSeconds: 3600 });
   * await download(access.accessSas); // never log the SAS
   * await diskRestorePoint.beginRevokeAccess();
   * ```
   */
  beginGrantAccess(options: BeginGrantAccessOptions): PollerLike<OperationState<DiskAccess>, DiskAccess> {
    return withStartSpan(
      this.#ctx,
      "DiskRestorePointClient.beginGrantAccess",
      options,
      (ctx) => this.#beginGrantAccess(ctx, options),
      (poller) => poller.submitted(),
    );
  }

  #beginGrantAccess(
    ctx: ArmContext,
    options: BeginGrantAccessOptions,
  ): PollerLike<OperationState<DiskAccess>, DiskAccess> {
    const opts = validateOptionsBag(options, "options") as Partial<BeginGrantAccessOptions>;
    validateLroOptions(opts);
    const durationInSeconds = validateIntegerInRange(
      opts.durationInSeconds,
      "durationInSeconds",
      SAS_DURATION_SECONDS_RANGE,
    );
    const access = validateOpenEnum(opts.access, "access", ACCESS_LEVELS) ?? KnownAccessLevel.Read;
    const fileFormat = validateOpenEnum(opts.fileFormat, "fileFormat", FILE_FORMATS);
    const includeVmGuestState = validateOptionalBoolean(opts.includeVmGuestState, "includeVmGuestState");
    let grantedAt = new Date();
    return createArmPoller<DiskAccess>({
      ctx,
      method: "POST",
      url: this.#ctx.url(this.#path("beginGetAccess"), this.#ctx.diskApiVersion),
      apiVersion: this.#ctx.diskApiVersion,
      description: `Granting access to ${this.#description}`,
      finalState: "location",
      idempotent: true,
      mapResult: (body) => toDiskAccess(body, grantedAt, durationInSeconds),
      options: opts,
      prepare: () => {
        grantedAt = new Date();
        const body: WireGrantAccessData = {
          access,
          durationInSeconds,
          ...(fileFormat === undefined ? {} : { fileFormat }),
          ...(includeVmGuestState === undefined ? {} : { getSecureVMGuestStateSAS: includeVmGuestState }),
        };
        return Promise.resolve(body);
      },
    });
  }

  /**
   * Revokes the SAS granted by {@link DiskRestorePointClient.beginGrantAccess}. Revoking when no
   * access is active succeeds.
   *
   * @param options - polling interval, `resumeFrom`, `abortSignal`
   * @returns a poller, synchronously
   * @throws OperationFailedError (from the poller) when the revoke fails
   * @throws RestError (from the poller) when ARM rejects the request
   */
  beginRevokeAccess(options: BeginRevokeAccessOptions = {}): PollerLike<OperationState<void>, void> {
    return withStartSpan(
      this.#ctx,
      "DiskRestorePointClient.beginRevokeAccess",
      options,
      (ctx) => this.#beginRevokeAccess(ctx, options),
      (poller) => poller.submitted(),
    );
  }

  #beginRevokeAccess(
    ctx: ArmContext,
    options: BeginRevokeAccessOptions,
  ): PollerLike<OperationState<void>, void> {
    const opts = validateOptionsBag(options, "options") as BeginRevokeAccessOptions;
    validateLroOptions(opts);
    return createArmPoller({
      ctx,
      method: "POST",
      url: this.#ctx.url(this.#path("endGetAccess"), this.#ctx.diskApiVersion),
      apiVersion: this.#ctx.diskApiVersion,
      description: `Revoking access to ${this.#description}`,
      finalState: "none",
      idempotent: true,
      mapResult: () => undefined,
      options: opts,
    });
  }

  /**
   * Creates a managed disk from this disk restore point (`createOption: Restore`). Unless
   * `allowIncompleteReplication` is set, a cross-region copy that has not finished replicating is
   * refused, because Azure would restore incomplete data without complaint.
   *
   * @param options - new disk name, resource group, region, SKU, zone, encryption, tags
   * @returns a poller, synchronously; `await poller` gives the new disk
   * @throws TypeError or RangeError (synchronously) for invalid options
   * @throws ReplicationIncompleteError (from the poller) when the copy is still replicating
   * @throws OperationFailedError (from the poller) when the disk creation fails
   * @throws RestError (from the poller) when ARM rejects a request
   *
   * @example
   * ```ts
   * const disk = await diskRestorePoint.beginRestoreDisk({ diskName: "data0-restored", sku: "Premium_LRS" });
   * console.log(disk.id);
   * ```
   */
  beginRestoreDisk(options: BeginRestoreDiskOptions): PollerLike<OperationState<ManagedDisk>, ManagedDisk> {
    return withStartSpan(
      this.#ctx,
      "DiskRestorePointClient.beginRestoreDisk",
      options,
      (ctx) => this.#beginRestoreDisk(ctx, options),
      (poller) => poller.submitted(),
    );
  }

  #beginRestoreDisk(
    ctx: ArmContext,
    options: BeginRestoreDiskOptions,
  ): PollerLike<OperationState<ManagedDisk>, ManagedDisk> {
    const opts = validateOptionsBag(options, "options") as Partial<BeginRestoreDiskOptions>;
    const request = normalizeRestoreDiskOptions(opts, this.resourceGroup);
    return createRestoreDiskPoller({
      ctx,
      request,
      diskRestorePointId: this.id,
      sourceDescription: this.#description,
      options: opts,
      nameRemainingDisk: true,
      source: async (abortSignal) => {
        // One read decides the replication check, so a refusal sends no write.
        const point = await this.#get(ctx, abortSignal === undefined ? {} : { abortSignal });
        const place = {
          resourceGroup: this.resourceGroup,
          collectionName: this.collectionName,
          restorePointName: this.restorePointName,
          name: this.name,
          description: this.#description,
        };
        if (!request.allowIncompleteReplication) ensureReplicated(point, place);
        return readRestoreDiskSource(ctx, place, point, request.location, abortSignal);
      },
    });
  }
}
