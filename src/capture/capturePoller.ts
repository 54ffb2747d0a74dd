/**
 * Creating a VM restore point: the pre-flight checks (unless skipped) run when the poller starts,
 * decide the disks to exclude and shape the PUT body; a failed creation names the restore point it
 * leaves behind.
 */
import type { OperationState, PollerLike } from "@azure/core-lro";
import type { UnsupportedDisk } from "../errors/unsupportedDiskError.js";
import { captureErrorMapper, withAutoExcludedDisks } from "../guards/clientHooks.js";
import { runPreflight } from "../guards/preflight.js";
import type { ArmContext } from "../internal/armContext.js";
import { validateOptionsBag } from "../internal/validation.js";
import { createArmPoller } from "../lro/armPoller.js";
import { asArmJson } from "../models/common.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import type { BeginCreateRestorePointOptions } from "./captureOptions.js";
import { createRestorePointBody, normalizeCreateOptions } from "./restorePointRequests.js";

/** The restore point being created, as its client knows it. */
export interface CaptureTarget {
  readonly id: string;
  readonly resourceGroup: string;
  readonly collectionName: string;
  readonly name: string;
  /** Its ARM URL with the api-version. */
  readonly url: string;
  /** How messages name it. */
  readonly description: string;
}

/** The poller of `VmRestorePointClient.beginCreate`. */
export function createCapturePoller(
  ctx: ArmContext,
  target: CaptureTarget,
  options: BeginCreateRestorePointOptions,
): PollerLike<OperationState<VmRestorePoint>, VmRestorePoint> {
  const opts = validateOptionsBag(options, "options") as BeginCreateRestorePointOptions;
  const request = normalizeCreateOptions(opts);
  let autoExcluded: readonly UnsupportedDisk[] | undefined;
  return createArmPoller<VmRestorePoint>({
    ctx,
    method: "PUT",
    url: target.url,
    apiVersion: ctx.computeApiVersion,
    description: `Creating ${target.description}`,
    finalState: "resource",
    mapResult: (body) => withAutoExcludedDisks(asArmJson(body), autoExcluded),
    mapError: captureErrorMapper(ctx, target.id, request.excludeDiskIds),
    remainsOnFailure: { id: target.id, what: "restore point" },
    options: opts,
    prepare: async (abortSignal) => {
      const checked = request.skipPreflight
        ? {}
        : await runPreflight(
            ctx,
            {
              kind: "createRestorePoint",
              resourceGroup: target.resourceGroup,
              collectionName: target.collectionName,
              restorePointName: target.name,
              excludeDiskIds: request.excludeDiskIds,
              excludeUnsupportedDisks: request.excludeUnsupportedDisks,
              consistencyMode: request.consistencyMode,
              countAcrossCollections: request.countAcrossCollections,
            },
            abortSignal,
          );
      autoExcluded = checked.autoExcludedDisks;
      return createRestorePointBody(request, checked.excludeDiskIds ?? request.excludeDiskIds);
    },
  });
}
