/**
 * Puts reads and guards together for each kind of write: reads the facts once, runs every guard
 * (collecting all violations, not only the first), and when a violation rests on cached facts,
 * reads everything again and decides on fresh facts, so a stale cache never refuses a request.
 *
 * Reads per check (see also guardReads.ts):
 * - capture: GET collection `$expand=restorePoints`, GET VM; plus, from the cache or read when
 *   missing, the subscription's collection list (all pages), GET `$expand=restorePoints` of each
 *   other collection of the VM, and GET of each managed data disk (`maxShares`).
 * - copy: GET target and source collections `$expand=restorePoints`, the list of the source's
 *   disk restore points, and GET `$expand=instanceView` of the target's newest copy.
 * - collection: GET VM, or GET source collection plus the (cached) collection list.
 */
import type { AbortSignalLike } from "@azure/abort-controller";
import type { RestorePointError } from "../errors/restorePointError.js";
import type { UnsupportedDisk } from "../errors/unsupportedDiskError.js";
import type { ArmContext } from "../internal/armContext.js";
import type { ConsistencyMode } from "../models/common.js";
import { checkNoCaptureInProgress, checkNoCopyInProgress } from "./concurrencyGuards.js";
import { checkCaptureCollection, checkCopy, checkCopyTargetCollection } from "./copyGuards.js";
import { selectCaptureDisks } from "./exclusionGuards.js";
import { GuardReader } from "./guardReads.js";
import { guardCacheOf, guardSettingsOf } from "./guardSettings.js";
import type { PointFacts } from "./guardTypes.js";
import { isCreating, sameId } from "./guardTypes.js";
import { checkRestorePointLimit } from "./limitGuards.js";
import { checkCollectionInVmRegion } from "./regionGuards.js";

/** What every check reports. */
export interface CheckResult {
  readonly violations: readonly RestorePointError[];
}

/** A capture's check, with the disks to exclude. */
export interface CaptureCheckResult extends CheckResult {
  /** The caller's exclusions plus the automatic ones. */
  readonly excludeDiskIds: readonly string[];
  readonly autoExcluded: readonly UnsupportedDisk[];
}

/** A capture to check. */
export interface CaptureCheckRequest {
  readonly collectionId: string;
  readonly restorePointId: string;
  readonly restorePointName: string;
  readonly excludeDiskIds: readonly string[];
  readonly excludeUnsupportedDisks: boolean;
  readonly consistencyMode: ConsistencyMode | undefined;
  /** Count the VM's restore points in its other collections too (they need more reads). */
  readonly countAcrossCollections: boolean;
}

async function decide<T extends CheckResult>(
  ctx: ArmContext,
  abortSignal: AbortSignalLike | undefined,
  attempt: (reader: GuardReader) => Promise<T>,
): Promise<T> {
  const cache = guardCacheOf(ctx);
  const reader = new GuardReader(ctx, cache, false, abortSignal);
  const first = await attempt(reader);
  if (first.violations.length === 0 || !reader.usedCache) return first;
  return attempt(new GuardReader(ctx, cache, true, abortSignal));
}

/** Checks a capture (a new restore point of the collection's VM). */
export function checkCapture(
  ctx: ArmContext,
  request: CaptureCheckRequest,
  abortSignal?: AbortSignalLike,
): Promise<CaptureCheckResult> {
  const asRequested = { excludeDiskIds: request.excludeDiskIds, autoExcluded: [] };
  return decide(ctx, abortSignal, async (reader) => {
    const collection = await reader.expandedCollection(request.collectionId);
    // A repeated PUT of an existing restore point is the service's to judge (idempotent or refused).
    if (collection.points.some((p) => p.name.toLowerCase() === request.restorePointName.toLowerCase())) {
      return { ...asRequested, violations: [] };
    }
    const intoCopyTarget = checkCaptureCollection(collection, request.restorePointId);
    if (intoCopyTarget.length > 0 || collection.sourceId === undefined) {
      return { ...asRequested, violations: intoCopyTarget };
    }
    const vm = await reader.vm(collection.sourceId, true);
    const disks = selectCaptureDisks(vm, request);
    const points: PointFacts[] = [...collection.points];
    if (request.countAcrossCollections) {
      const others = (await reader.allCollections()).filter(
        (c) => sameId(c.sourceId, vm.id) && !sameId(c.id, collection.id),
      );
      for (const other of others) points.push(...(await reader.pointsOf(other.id)));
    }
    const limit = guardSettingsOf(ctx).maxRestorePointsPerVm;
    return {
      excludeDiskIds: disks.excludeDiskIds,
      autoExcluded: disks.autoExcluded,
      violations: [
        ...disks.violations,
        ...checkNoCaptureInProgress(points, request.restorePointId, vm.id),
        ...checkRestorePointLimit(vm.id, points, limit, request.restorePointId),
      ],
    };
  });
}

/** Checks a cross-region copy of `sourceRestorePointId` into a new restore point. */
export function checkCopyRequest(
  ctx: ArmContext,
  request: {
    readonly collectionId: string;
    readonly restorePointId: string;
    readonly restorePointName: string;
    readonly sourceCollectionId: string;
    readonly sourceRestorePointId: string;
  },
  abortSignal?: AbortSignalLike,
): Promise<CheckResult> {
  return decide(ctx, abortSignal, async (reader) => {
    const target = await reader.expandedCollection(request.collectionId);
    if (target.points.some((p) => p.name.toLowerCase() === request.restorePointName.toLowerCase())) {
      return { violations: [] };
    }
    const sourceCollection = await reader.expandedCollection(request.sourceCollectionId);
    const source = sourceCollection.points.find((p) => sameId(p.id, request.sourceRestorePointId));
    const sourceDisks = source === undefined ? [] : await reader.diskRestorePointAccess(source.id);
    const violations = checkCopy({
      restorePointId: request.restorePointId,
      target,
      sourceCollection,
      source,
      sourceRestorePointId: request.sourceRestorePointId,
      sourceDisks,
      copyRegions: ctx.copyRegions,
    });
    const inFlight = await copyInFlight(reader, target.points);
    return {
      violations: [...violations, ...checkNoCopyInProgress(inFlight, request.restorePointId, target.id)],
    };
  });
}

/**
 * The copy into the target still running: one being created, or else the newest copy when it is
 * still replicating. Copies run one at a time and in order, so only the newest can be in flight.
 */
async function copyInFlight(
  reader: GuardReader,
  points: readonly PointFacts[],
): Promise<PointFacts | undefined> {
  const copies = points.filter((p) => p.sourceRestorePointId !== undefined);
  const creating = copies.find(isCreating);
  if (creating !== undefined) return creating;
  const newest = copies.reduce<PointFacts | undefined>(
    (a, b) => (a === undefined || (b.createdOn?.getTime() ?? 0) >= (a.createdOn?.getTime() ?? 0) ? b : a),
    undefined,
  );
  return newest !== undefined && (await reader.isReplicating(newest.id)) ? newest : undefined;
}

/** Checks a new collection: in its VM's region, or a valid copy target of a source collection. */
export function checkCollection(
  ctx: ArmContext,
  request: {
    readonly collectionId: string;
    readonly location: string;
    readonly sourceVmId?: string | undefined;
    readonly sourceCollectionId?: string | undefined;
  },
  abortSignal?: AbortSignalLike,
): Promise<CheckResult> {
  return decide(ctx, abortSignal, async (reader) => {
    if (request.sourceVmId !== undefined) {
      const vm = await reader.vmLocation(request.sourceVmId);
      return { violations: checkCollectionInVmRegion(request.collectionId, request.location, vm) };
    }
    if (request.sourceCollectionId === undefined) return { violations: [] };
    const source = await reader.collection(request.sourceCollectionId);
    const others = await reader.allCollections();
    return {
      violations: checkCopyTargetCollection(
        request.collectionId,
        request.location,
        source,
        others,
        ctx.copyRegions,
      ),
    };
  });
}
