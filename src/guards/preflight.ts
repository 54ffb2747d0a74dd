import type { AbortSignalLike } from "@azure/abort-controller";
import type { UnsupportedDisk } from "../errors/unsupportedDiskError.js";
import { guardCacheOf } from "./guardSettings.js";
import { checkCapture, checkCollection, checkCopyRequest } from "./preflightChecks.js";
import type { CheckResult } from "./preflightChecks.js";
import type { ConsistencyMode } from "../models/common.js";
import type { ArmContext } from "../internal/armContext.js";

/**
 * The client-side service-rule checks ("guards") run before a create or copy is sent: regions,
 * per-VM limit, one creation or copy at a time, unsupported disks, exclusions and copy rules
 * (src/guards). It is called from the `sendInitialRequest` of `collection.create`,
 * `restorePoint.beginCreate` and `restorePoint.beginCopy`, never when the caller passed
 * `skipPreflight: true` and never when a poller resumes (`resumeFrom`), so errors surface from
 * `await poller.submitted()` before any write is sent. It throws the first violation found.
 */
export type PreflightRequest =
  | {
      readonly kind: "createCollection";
      readonly resourceGroup: string;
      readonly collectionName: string;
      readonly location: string;
      readonly sourceVmId?: string | undefined;
      readonly sourceCollectionId?: string | undefined;
    }
  | {
      readonly kind: "createRestorePoint";
      readonly resourceGroup: string;
      readonly collectionName: string;
      readonly restorePointName: string;
      readonly excludeDiskIds: readonly string[];
      readonly excludeUnsupportedDisks: boolean;
      readonly consistencyMode?: ConsistencyMode | undefined;
      /** Count the VM's restore points in its other collections too (default true). */
      readonly countAcrossCollections?: boolean | undefined;
    }
  | {
      readonly kind: "copyRestorePoint";
      readonly resourceGroup: string;
      readonly collectionName: string;
      readonly restorePointName: string;
      readonly sourceRestorePointId: string;
    };

/** What the checks may change in the request. */
export interface PreflightResult {
  /**
   * For `createRestorePoint` with `excludeUnsupportedDisks`: the complete list of disk ids to
   * exclude (the caller's plus the unsupported ones). Omitted: send the caller's list.
   */
  readonly excludeDiskIds?: readonly string[];
  /** For `createRestorePoint` with `excludeUnsupportedDisks`: the disks excluded automatically. */
  readonly autoExcludedDisks?: readonly UnsupportedDisk[];
}

/**
 * Runs the guards for one request.
 *
 * @param ctx - the client's ARM context, for the reads the guards need (VM, disks, collections)
 * @param request - what is about to be sent
 * @param abortSignal - the caller's abort signal, for those reads
 * @returns what the checks change in the request
 * @throws the first RestorePointError subclass found, e.g. RestorePointLimitError
 */
export async function runPreflight(
  ctx: ArmContext,
  request: PreflightRequest,
  abortSignal?: AbortSignalLike,
): Promise<PreflightResult> {
  const collectionId = `/subscriptions/${ctx.subscriptionId}/resourceGroups/${request.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${request.collectionName}`;
  const throwFirst = (result: CheckResult): void => {
    const first = result.violations[0];
    if (first !== undefined) throw first;
  };
  // What this client is about to write must not be hidden from its next checks by the cache.
  const cache = guardCacheOf(ctx);
  if (request.kind === "createCollection") {
    throwFirst(await checkCollection(ctx, { ...request, collectionId }, abortSignal));
    cache.forgetCollections();
    return {};
  }
  const restorePointId = `${collectionId}/restorePoints/${request.restorePointName}`;
  if (request.kind === "copyRestorePoint") {
    const sourceCollectionId = request.sourceRestorePointId.replace(/\/restorePoints\/[^/]+\/?$/i, "");
    throwFirst(
      await checkCopyRequest(
        ctx,
        {
          collectionId,
          restorePointId,
          restorePointName: request.restorePointName,
          sourceCollectionId,
          sourceRestorePointId: request.sourceRestorePointId,
        },
        abortSignal,
      ),
    );
    return {};
  }
  const result = await checkCapture(
    ctx,
    {
      collectionId,
      restorePointId,
      restorePointName: request.restorePointName,
      excludeDiskIds: request.excludeDiskIds,
      excludeUnsupportedDisks: request.excludeUnsupportedDisks,
      consistencyMode: request.consistencyMode,
      countAcrossCollections: request.countAcrossCollections !== false,
    },
    abortSignal,
  );
  throwFirst(result);
  cache.forgetPoints(collectionId);
  return request.excludeUnsupportedDisks
    ? { excludeDiskIds: result.excludeDiskIds, autoExcludedDisks: result.autoExcluded }
    : {};
}
