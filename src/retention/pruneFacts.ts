/**
 * The reads behind a prune plan: the collection with its restore points (one GET), and, for the
 * points a first plan would remove, whether a cross-region copy still needs them.
 */
import type { AbortSignalLike } from "@azure/abort-controller";
import { isRestError } from "@azure/core-rest-pipeline";
import type { ArmContext } from "../internal/armContext.js";
import { forEachBounded } from "../internal/boundedParallel.js";
import { arrayAt, isJsonObject, objectAt } from "../internal/json.js";
import { listArmPages } from "../internal/paging.js";
import { pathOf } from "../internal/urls.js";
import type { RestorePointCollection } from "../models/collection.js";
import { toRestorePointCollection } from "../models/collection.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import { toVmRestorePoint } from "../models/vmRestorePoint.js";
import { sameResourceId } from "../resourceId.js";

const READ_CONCURRENCY = 4;

/** A collection and its restore points, from one `GET ?$expand=restorePoints`. */
export async function loadCollectionWithPoints(
  ctx: ArmContext,
  collectionUrl: string,
  abortSignal: AbortSignalLike | undefined,
): Promise<{ collection: RestorePointCollection; points: VmRestorePoint[] }> {
  const body = await ctx.getJson(`${collectionUrl}&$expand=restorePoints`, abortSignal);
  const points = arrayAt(objectAt(body, "properties"), "restorePoints")
    .filter(isJsonObject)
    .map(toVmRestorePoint);
  return { collection: toRestorePointCollection(body), points };
}

/**
 * Which of `candidates` a cross-region copy still needs, by lower-cased name: a copy that is still
 * replicating ("copy in progress"), or the source of a copy in another collection that is still
 * replicating ("source of a copy in progress"). Deleting either would break the copy.
 */
export async function findBusyCopies(
  ctx: ArmContext,
  collection: RestorePointCollection,
  candidates: readonly VmRestorePoint[],
  abortSignal: AbortSignalLike | undefined,
): Promise<Map<string, string>> {
  const busy = new Map<string, string>();
  const ownCopies = candidates.filter((p) => p.sourceRestorePointId !== undefined);
  await forEachBounded(
    ownCopies,
    READ_CONCURRENCY,
    async (point) => {
      if (await isReplicating(ctx, point, abortSignal))
        busy.set(point.name.toLowerCase(), "copy in progress");
    },
    abortSignal,
  );

  const byId = new Map(candidates.map((p) => [p.id.toLowerCase(), p]));
  const copies: VmRestorePoint[] = [];
  const listUrl = ctx.url(
    `${ctx.subscriptionPath}${pathOf("providers", "Microsoft.Compute", "restorePointCollections")}`,
    ctx.computeApiVersion,
  );
  const targets: RestorePointCollection[] = [];
  for await (const other of listArmPages(ctx, listUrl, toRestorePointCollection, abortSignal)) {
    // A copy target names its source collection as its source.
    if (sameResourceId(other.sourceId, collection.id)) targets.push(other);
  }
  await forEachBounded(
    targets,
    READ_CONCURRENCY,
    async (target) => {
      const url = ctx.urlForId(target.id, ctx.computeApiVersion);
      const { points } = await loadCollectionWithPoints(ctx, url, abortSignal);
      for (const copy of points) {
        if (copy.sourceRestorePointId !== undefined && byId.has(copy.sourceRestorePointId.toLowerCase())) {
          copies.push(copy);
        }
      }
    },
    abortSignal,
  );
  await forEachBounded(
    copies,
    READ_CONCURRENCY,
    async (copy) => {
      const source = byId.get(copy.sourceRestorePointId?.toLowerCase() ?? "");
      if (source !== undefined && (await isReplicating(ctx, copy, abortSignal))) {
        busy.set(source.name.toLowerCase(), "source of a copy in progress");
      }
    },
    abortSignal,
  );
  return busy;
}

/** Whether a copy is still being made: created but not yet fully replicated. */
async function isReplicating(
  ctx: ArmContext,
  copy: VmRestorePoint,
  abortSignal: AbortSignalLike | undefined,
): Promise<boolean> {
  if (copy.provisioningState?.toLowerCase() === "creating") return true;
  let current: VmRestorePoint;
  try {
    const url = ctx.urlForId(copy.id, ctx.computeApiVersion, { $expand: "instanceView" });
    current = toVmRestorePoint(await ctx.getJson(url, abortSignal));
  } catch (e) {
    if (isRestError(e) && e.statusCode === 404) return false;
    throw e;
  }
  return (
    current.provisioningState?.toLowerCase() === "creating" || current.replication?.state === "InProgress"
  );
}
