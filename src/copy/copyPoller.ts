/**
 * The poller of a restore point copy (`VmRestorePointClient.beginCopy`): pre-flight copy rules, the
 * PUT with `sourceRestorePoint`, and, by default, the wait until every disk has replicated.
 */
import type { OperationState, PollerLike } from "@azure/core-lro";
import type { BeginCopyRestorePointOptions } from "./copyOptions.js";
import { copyErrorMapper } from "../guards/clientHooks.js";
import type { ArmContext } from "../internal/armContext.js";
import { runPreflight } from "../guards/preflight.js";
import { validateLroOptions, validateOptionalBoolean, validateOptionsBag } from "../internal/validation.js";
import { createArmPoller } from "../lro/armPoller.js";
import { ReplicationTracker } from "./replicationTracker.js";
import type { CopyOperationState } from "../models/copyOperationState.js";
import { toVmRestorePoint, type VmRestorePoint } from "../models/vmRestorePoint.js";
import { parseResourceIdOfType } from "../resourceId.js";
import { copyRestorePointBody } from "./copyRequest.js";
import { asArmJson } from "../models/common.js";
import { encryptionSourceMetadata } from "../models/encryption.js";

/** The restore point the copy creates. */
export interface CopyTarget {
  readonly id: string;
  readonly resourceGroup: string;
  readonly collectionName: string;
  readonly name: string;
  /** The restore point's URL with the Compute api-version. */
  readonly url: string;
  /** The same URL with `$expand=instanceView`, read while waiting for replication. */
  readonly instanceViewUrl: string;
  /** How messages name the restore point. */
  readonly description: string;
}

export function createCopyPoller(
  ctx: ArmContext,
  target: CopyTarget,
  sourceRestorePointId: string,
  options: BeginCopyRestorePointOptions,
): PollerLike<CopyOperationState, VmRestorePoint> {
  const sourceId = parseResourceIdOfType(
    sourceRestorePointId,
    "sourceRestorePointId",
    "Microsoft.Compute/restorePointCollections/restorePoints",
  ).id;
  const opts = validateOptionsBag(options, "options") as BeginCopyRestorePointOptions;
  validateLroOptions(opts);
  const wait = validateOptionalBoolean(opts.waitForReplication, "waitForReplication") !== false;
  const skipPreflight = validateOptionalBoolean(opts.skipPreflight, "skipPreflight") === true;
  const encryptionMetadata = encryptionSourceMetadata(opts.encryption);
  const tracker = wait ? new ReplicationTracker(ctx, target.instanceViewUrl, "the copy") : undefined;
  return createArmPoller<VmRestorePoint, CopyOperationState>({
    ctx,
    method: "PUT",
    url: target.url,
    apiVersion: ctx.computeApiVersion,
    description: `Copying '${sourceId}' to ${target.description}`,
    finalState: "resource",
    mapResult: (body) => toVmRestorePoint(asArmJson(body)),
    replication: tracker,
    mapError: copyErrorMapper(ctx, target.id),
    remainsOnFailure: { id: target.id, what: "restore point copy" },
    decorateState: (state: OperationState<VmRestorePoint>) => {
      if (tracker?.progress !== undefined) (state as CopyOperationState).replication = tracker.progress;
    },
    options: opts,
    prepare: async (abortSignal) => {
      if (!skipPreflight) {
        await runPreflight(
          ctx,
          {
            kind: "copyRestorePoint",
            resourceGroup: target.resourceGroup,
            collectionName: target.collectionName,
            restorePointName: target.name,
            sourceRestorePointId: sourceId,
          },
          abortSignal,
        );
      }
      return copyRestorePointBody(sourceId, encryptionMetadata);
    },
  });
}
