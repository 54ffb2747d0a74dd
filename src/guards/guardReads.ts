/**
 * The reads behind the guards, each turned into guard facts at once. A reader is made per check
 * with `fresh` set or not: the collection written to and the VM are always read, while the
 * subscription's collection list, the restore points of other collections and disks' `maxShares`
 * come from the client's cache when `fresh` is false. `usedCache` tells the caller whether a
 * refusal rests on cached facts, which it then confirms with a fresh reader.
 */
import type { AbortSignalLike } from "@azure/abort-controller";
import { isRestError } from "@azure/core-rest-pipeline";
import type { ArmContext } from "../internal/armContext.js";
import { apiVersionForId } from "../lro/armResources.js";
import { forEachBounded } from "../internal/boundedParallel.js";
import { arrayAt, booleanAt, isJsonObject, numberAt, objectAt, stringAt } from "../internal/json.js";
import type { JsonObject } from "../internal/json.js";
import { listArmPages } from "../internal/paging.js";
import { pathOf } from "../internal/urls.js";
import { toRestorePointCollection } from "../models/collection.js";
import { toVmRestorePoint } from "../models/vmRestorePoint.js";
import { normalizeRegion } from "../regions.js";
import type { DiskRestorePointAccess } from "./copyGuards.js";
import type { GuardCache } from "./guardSettings.js";
import type {
  CollectionFacts,
  DiskFacts,
  ExpandedCollectionFacts,
  PointFacts,
  VmFacts,
} from "./guardTypes.js";

// Disk reads run in parallel, but a VM with 64 data disks must not fire 64 requests at once.
const DISK_READ_CONCURRENCY = 8;

export class GuardReader {
  /** Whether any fact so far came from the cache rather than from a read. */
  usedCache = false;
  readonly #ctx: ArmContext;
  readonly #cache: GuardCache;
  readonly #fresh: boolean;
  readonly #abortSignal: AbortSignalLike | undefined;

  constructor(ctx: ArmContext, cache: GuardCache, fresh: boolean, abortSignal: AbortSignalLike | undefined) {
    this.#ctx = ctx;
    this.#cache = cache;
    this.#fresh = fresh;
    this.#abortSignal = abortSignal;
  }

  #get(id: string, query?: Readonly<Record<string, string>>): Promise<JsonObject> {
    const ctx = this.#ctx;
    return ctx.getJson(ctx.urlForId(id, apiVersionForId(ctx, id), query), this.#abortSignal);
  }

  /** GET collection `$expand=restorePoints`, always read; refreshes the cached points. */
  async expandedCollection(collectionId: string): Promise<ExpandedCollectionFacts> {
    const body = await this.#get(collectionId, { $expand: "restorePoints" });
    const facts = { ...toCollectionFacts(body), points: pointsOf(body) };
    this.#cache.setPoints(facts.id, facts.points);
    return facts;
  }

  /** GET collection without its restore points, always read. */
  async collection(collectionId: string): Promise<CollectionFacts> {
    return toCollectionFacts(await this.#get(collectionId));
  }

  /** The restore points of a collection; cached unless fresh. A vanished collection has none. */
  async pointsOf(collectionId: string): Promise<readonly PointFacts[]> {
    const cached = this.#fresh ? undefined : this.#cache.points(collectionId);
    if (cached !== undefined) {
      this.usedCache = true;
      return cached;
    }
    try {
      return (await this.expandedCollection(collectionId)).points;
    } catch (error) {
      if (isRestError(error) && error.statusCode === 404) return [];
      throw error;
    }
  }

  /** Every collection of the subscription (all pages, no `$expand`); cached unless fresh. */
  async allCollections(): Promise<readonly CollectionFacts[]> {
    const cached = this.#fresh ? undefined : this.#cache.collections();
    if (cached !== undefined) {
      this.usedCache = true;
      return cached;
    }
    const ctx = this.#ctx;
    const url = ctx.url(
      `${ctx.subscriptionPath}${pathOf("providers", "Microsoft.Compute", "restorePointCollections")}`,
      ctx.computeApiVersion,
    );
    const list: CollectionFacts[] = [];
    for await (const c of listArmPages(ctx, url, toRestorePointCollection, this.#abortSignal)) {
      list.push({ id: c.id, name: c.name, location: normalizeRegion(c.location), sourceId: c.sourceId });
    }
    this.#cache.setCollections(list);
    return list;
  }

  /** GET the VM (always read); `withSharing` also reads `maxShares` of its managed data disks. */
  async vm(vmId: string, withSharing: boolean): Promise<VmFacts> {
    const body = await this.#get(vmId);
    const storage = objectAt(objectAt(body, "properties"), "storageProfile");
    const osDisk = objectAt(storage, "osDisk");
    const slots = [
      ...(osDisk === undefined ? [] : [{ slot: osDisk, isOsDisk: true }]),
      ...arrayAt(storage, "dataDisks")
        .filter(isJsonObject)
        .map((slot) => ({ slot, isOsDisk: false })),
    ];
    const disks = slots.map(({ slot, isOsDisk }) => toDiskFacts(slot, isOsDisk));
    const shares = withSharing ? await this.#maxShares(disks) : new Map<string, number | undefined>();
    return {
      id: stringAt(body, "id") ?? vmId,
      name: stringAt(body, "name") ?? "",
      location: normalizeRegion(stringAt(body, "location") ?? ""),
      disks: disks.map((d) =>
        d.diskId === undefined ? d : { ...d, maxShares: shares.get(d.diskId.toLowerCase()) },
      ),
    };
  }

  /** The VM's region only (one GET). */
  async vmLocation(vmId: string): Promise<{ id: string; location: string }> {
    const body = await this.#get(vmId);
    return { id: stringAt(body, "id") ?? vmId, location: stringAt(body, "location") ?? "" };
  }

  // Only data disks can be shared; OS disks are never read.
  async #maxShares(disks: readonly DiskFacts[]): Promise<Map<string, number | undefined>> {
    const result = new Map<string, number | undefined>();
    const toRead: string[] = [];
    for (const disk of disks) {
      if (disk.isOsDisk || disk.diskId === undefined) continue;
      // maxShares can only change while a disk is detached from every VM, and the fresh VM read
      // shows it attached, so a cached value stays right for as long as the cache lives.
      const cached = this.#fresh ? undefined : this.#cache.maxShares(disk.diskId);
      if (cached === undefined) toRead.push(disk.diskId);
      else {
        this.usedCache = true;
        result.set(disk.diskId.toLowerCase(), cached.value);
      }
    }
    await forEachBounded(
      toRead,
      DISK_READ_CONCURRENCY,
      async (diskId) => {
        let value: number | undefined;
        try {
          value = numberAt(objectAt(await this.#get(diskId), "properties"), "maxShares");
        } catch (error) {
          // A disk that vanished since the VM read: the service will say what it thinks.
          if (!isRestError(error) || error.statusCode !== 404) throw error;
        }
        this.#cache.setMaxShares(diskId, value);
        result.set(diskId.toLowerCase(), value);
      },
      this.#abortSignal,
    );
    return result;
  }

  /** The disk restore points of a restore point with their network access policy (one list). */
  async diskRestorePointAccess(restorePointId: string): Promise<DiskRestorePointAccess[]> {
    const ctx = this.#ctx;
    const url = ctx.urlForId(`${restorePointId}/diskRestorePoints`, ctx.diskApiVersion);
    const result: DiskRestorePointAccess[] = [];
    const map = (item: JsonObject): DiskRestorePointAccess => ({
      id: stringAt(item, "id") ?? "",
      name: stringAt(item, "name") ?? "",
      networkAccessPolicy: stringAt(objectAt(item, "properties"), "networkAccessPolicy"),
    });
    for await (const d of listArmPages(ctx, url, map, this.#abortSignal)) result.push(d);
    return result;
  }

  /** Whether a copy is still replicating (GET with `$expand=instanceView`). */
  async isReplicating(copyId: string): Promise<boolean> {
    const point = toVmRestorePoint(await this.#get(copyId, { $expand: "instanceView" }));
    return point.replication?.state === "InProgress";
  }
}

function toCollectionFacts(body: JsonObject): CollectionFacts {
  const c = toRestorePointCollection(body);
  return { id: c.id, name: c.name, location: normalizeRegion(c.location), sourceId: c.sourceId };
}

function pointsOf(body: JsonObject): PointFacts[] {
  return arrayAt(objectAt(body, "properties"), "restorePoints")
    .filter(isJsonObject)
    .map((item) => {
      const p = toVmRestorePoint(item);
      return {
        id: p.id,
        name: p.name,
        provisioningState: p.provisioningState,
        sourceRestorePointId: p.sourceRestorePointId,
        createdOn: p.createdOn,
      };
    });
}

function toDiskFacts(slot: JsonObject, isOsDisk: boolean): DiskFacts {
  const managed = objectAt(slot, "managedDisk");
  const diskId = stringAt(managed, "id");
  return {
    diskId,
    name: stringAt(slot, "name") ?? diskId ?? (isOsDisk ? "OS disk" : "data disk"),
    isOsDisk,
    sku: stringAt(managed, "storageAccountType"),
    ephemeral: objectAt(slot, "diffDiskSettings") !== undefined,
    unmanaged: diskId === undefined && objectAt(slot, "vhd") !== undefined,
    writeAcceleratorEnabled: booleanAt(slot, "writeAcceleratorEnabled") === true,
    maxShares: undefined,
  };
}
