import { withStepSpan } from "../internal/tracing.js";
import type { PollerLike } from "@azure/core-lro";
import { isRestError } from "@azure/core-rest-pipeline";
import type { CopyToRegionOptions } from "./copyToRegionTypes.js";
import { CopyNotAllowedError } from "../errors/copyNotAllowedError.js";
import { RegionNotSupportedError } from "../errors/regionNotSupportedError.js";
import { isRestorePointError } from "../errors/restorePointError.js";
import type { ArmContext } from "../internal/armContext.js";
import { objectAt, stringAt } from "../internal/json.js";
import { logger } from "../internal/logger.js";
import {
  validateCollectionName,
  validateLroOptions,
  validateNonEmptyString,
  validateOptionalBoolean,
  validateOptionsBag,
  validateResourceGroupName,
  validateRestorePointName,
} from "../internal/validation.js";
import type { CopyOperationState } from "../models/copyOperationState.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import { normalizeRegion } from "../regions.js";
import { parseResourceIdOfType, sameResourceId } from "../resourceId.js";
import type { CopyTargetCollectionFactory } from "./collectionPort.js";
import { deferredPoller } from "./deferredPoller.js";
import { encryptionSourceMetadata } from "../models/encryption.js";
import { parseCopyResumeState, withCopyResumeInfo } from "./copyResumeState.js";
import type { TargetCollection } from "./targetCollection.js";
import { findOrCreateTargetCollection } from "./targetCollection.js";

const RESTORE_POINT_TYPE = "Microsoft.Compute/restorePointCollections/restorePoints";

/**
 * `client.beginCopyToRegion`: finds or creates the target collection, then runs the copy poller of
 * `VmRestorePointClient.beginCopy` (which, by default, waits for replication). All of it happens
 * in the poller's initial request, so errors surface from `await poller.submitted()`. A resumed
 * poller (`resumeFrom`) goes straight to polling the copy it names: nothing is looked up, created
 * or copied again.
 *
 * @param ctx - the client's ARM context
 * @param sourceRestorePointId - the restore point to copy
 * @param options - see {@link CopyToRegionOptions}
 */
export function beginCopyToRegion(
  ctx: ArmContext,
  collections: CopyTargetCollectionFactory,
  sourceRestorePointId: string,
  options: CopyToRegionOptions,
): PollerLike<CopyOperationState, VmRestorePoint> {
  const source = parseResourceIdOfType(sourceRestorePointId, "sourceRestorePointId", RESTORE_POINT_TYPE);
  const opts = validateOptionsBag(options, "options") as Partial<CopyToRegionOptions>;
  validateLroOptions(opts);
  const targetLocation = normalizeRegion(validateNonEmptyString(opts.targetLocation, "targetLocation"));
  const targetResourceGroup =
    opts.targetResourceGroup === undefined ? undefined : validateResourceGroupName(opts.targetResourceGroup);
  const targetCollectionName =
    opts.targetCollectionName === undefined ? undefined : validateCollectionName(opts.targetCollectionName);
  const targetRestorePointName =
    opts.targetRestorePointName === undefined
      ? undefined
      : validateRestorePointName(opts.targetRestorePointName);
  const waitOption = validateOptionalBoolean(opts.waitForReplication, "waitForReplication");
  const skipPreflight = validateOptionalBoolean(opts.skipPreflight, "skipPreflight") === true;
  encryptionSourceMetadata(opts.encryption);
  const pollOptions = {
    ...(opts.updateIntervalInMs === undefined ? {} : { updateIntervalInMs: opts.updateIntervalInMs }),
    ...(opts.abortSignal === undefined ? {} : { abortSignal: opts.abortSignal }),
  };

  if (opts.resumeFrom !== undefined) {
    const resumed = parseCopyResumeState(opts.resumeFrom, {
      subscriptionId: ctx.subscriptionId,
      sourceRestorePointId: source.id,
      targetLocation,
      targetResourceGroup,
      targetCollectionName,
      targetRestorePointName,
    });
    const waitForReplication = waitOption ?? resumed.waitForReplication;
    const poller = collections(
      validateResourceGroupName(resumed.resourceGroup),
      validateCollectionName(resumed.collectionName),
    )
      .getRestorePointClient(resumed.restorePointName)
      .beginCopy(source.id, { ...pollOptions, waitForReplication, resumeFrom: opts.resumeFrom });
    const info = { sourceRestorePointId: source.id, targetLocation, waitForReplication };
    return deferredPoller(
      () => Promise.resolve({ poller }),
      (state) => withCopyResumeInfo(state, info),
    );
  }

  const waitForReplication = waitOption ?? true;
  const info = { sourceRestorePointId: source.id, targetLocation, waitForReplication };
  return deferredPoller(
    async () => {
      const sourceCollection = await withStepSpan(ctx, "beginCopyToRegion.checkingSource", (stepCtx) =>
        readSourceCollection(stepCtx, source, targetLocation, skipPreflight, opts),
      );
      const target = await withStepSpan(ctx, "beginCopyToRegion.targetCollection", (stepCtx) =>
        findOrCreateTargetCollection(stepCtx, collections, {
          sourceCollectionId: sourceCollection.id,
          sourceCollectionName: source.collectionName ?? "",
          sourceResourceGroup: source.resourceGroup,
          targetLocation,
          targetResourceGroup,
          targetCollectionName,
          skipPreflight,
          abortSignal: opts.abortSignal,
        }),
      );
      const poller = target.client
        .getRestorePointClient(targetRestorePointName ?? source.name)
        .beginCopy(source.id, {
          ...pollOptions,
          waitForReplication,
          skipPreflight,
          ...(opts.encryption === undefined ? {} : { encryption: opts.encryption }),
        });
      try {
        await poller.submitted();
      } catch (e) {
        await undoCreatedCollection(target, e, opts.updateIntervalInMs);
        throw e;
      }
      return { poller };
    },
    (state) => withCopyResumeInfo(state, info),
  );
}

/**
 * Reads the source collection (its id as ARM spells it, its region) and, unless told to skip the
 * checks, refuses before anything is created what Azure would refuse later: an unsupported region,
 * a copy within one region, a copy of a copy.
 */
async function readSourceCollection(
  ctx: ArmContext,
  source: {
    readonly subscriptionId: string;
    readonly resourceGroup: string;
    readonly collectionName?: string;
  },
  targetLocation: string,
  skipPreflight: boolean,
  opts: Partial<CopyToRegionOptions>,
): Promise<{ id: string }> {
  const collectionId =
    `/subscriptions/${source.subscriptionId}/resourceGroups/${source.resourceGroup}` +
    `/providers/Microsoft.Compute/restorePointCollections/${source.collectionName ?? ""}`;
  if (skipPreflight) return { id: collectionId };
  checkRegion(ctx, targetLocation);
  const body = await ctx.getJson(ctx.urlForId(collectionId, ctx.computeApiVersion), opts.abortSignal);
  const sourceLocation = normalizeRegion(stringAt(body, "location") ?? "");
  checkRegion(ctx, sourceLocation);
  if (sourceLocation === targetLocation) {
    throw new CopyNotAllowedError({
      reason: "SameRegion",
      resourceId: collectionId,
      message:
        `Cannot copy '${collectionId}' to '${targetLocation}': the source collection is already in that ` +
        `region. A copy must go to another region.`,
    });
  }
  const sourceOfSource = stringAt(objectAt(objectAt(body, "properties"), "source"), "id");
  if (sourceOfSource !== undefined && /\/restorePointCollections\/[^/]+$/i.test(sourceOfSource)) {
    throw new CopyNotAllowedError({
      reason: "CopyOfCopy",
      resourceId: collectionId,
      message:
        `Cannot copy from '${collectionId}': it is itself the target of a cross-region copy, and a copy ` +
        `of a copy is not supported. Copy from the original collection '${sourceOfSource}'.`,
    });
  }
  const id = stringAt(body, "id");
  return { id: id !== undefined && sameResourceId(id, collectionId) ? id : collectionId };
}

function checkRegion(ctx: ArmContext, region: string): void {
  if (ctx.copyRegions === "any" || ctx.copyRegions.includes(region)) return;
  throw new RegionNotSupportedError({ region, supportedRegions: ctx.copyRegions });
}

/**
 * A copy refused outright leaves the target collection this call just created empty: delete it,
 * so nothing is half-created. When the outcome is unclear (network error, timeout, 5xx, abort) the
 * copy may exist after all, so the collection stays and a warning names it.
 */
async function undoCreatedCollection(
  target: TargetCollection,
  error: unknown,
  updateIntervalInMs: number | undefined,
): Promise<void> {
  if (!target.created) return;
  const refused =
    isRestorePointError(error) ||
    (isRestError(error) &&
      error.statusCode !== undefined &&
      error.statusCode >= 400 &&
      error.statusCode < 500 &&
      error.statusCode !== 408);
  if (refused) {
    try {
      await target.client.beginDelete(updateIntervalInMs === undefined ? {} : { updateIntervalInMs });
      return;
    } catch (e) {
      logger.warning(
        `beginCopyToRegion created '${target.client.id}' but could not delete it after the copy was refused: ` +
          `${e instanceof Error ? e.message : String(e)}. Delete it yourself.`,
      );
      return;
    }
  }
  logger.warning(
    `beginCopyToRegion created '${target.client.id}' and the copy request did not complete; the copy may ` +
      `exist. Check the collection and delete it if it is empty.`,
  );
}
