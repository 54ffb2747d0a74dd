/**
 * Dry runs of `beginCreate` and `beginCopy`: the writes they would send and every service rule
 * they would break, found by the same reads and guards as the pre-flight checks, without sending
 * any write.
 */
import type { OperationOptions } from "../models/operationOptions.js";
import type { BeginCopyRestorePointOptions } from "../copy/copyOptions.js";
import type { BeginCreateRestorePointOptions } from "./captureOptions.js";
import { copyRestorePointBody } from "../copy/copyRequest.js";
import { createRestorePointBody, normalizeCreateOptions } from "./restorePointRequests.js";
import { encryptionSourceMetadata } from "../models/encryption.js";
import type { RestorePointError } from "../errors/restorePointError.js";
import type { UnsupportedDisk } from "../errors/unsupportedDiskError.js";
import type { ArmContext } from "../internal/armContext.js";
import { validateOptionsBag } from "../internal/validation.js";
import { parseResourceIdOfType } from "../resourceId.js";
import { checkCapture, checkCopyRequest } from "../guards/preflightChecks.js";

/**
 * One write a plan would send.
 *
 * @public
 */
export interface PlannedRequest {
  /** HTTP method. */
  readonly method: "PUT" | "PATCH" | "POST" | "DELETE";
  /** Absolute URL, with `api-version`. */
  readonly url: string;
  /** JSON body, when the request has one. */
  readonly body?: unknown;
}

/**
 * The outcome of a dry run ({@link VmRestorePointClient.planCreate},
 * {@link VmRestorePointClient.planCopy}).
 *
 * @public
 */
export interface RestorePointPlan {
  /**
   * The writes the operation sends, in order, as they would be sent without the checks. Reads made
   * to check the rules are not listed. With no `violations`, `beginCreate`/`beginCopy` send
   * exactly these (until the service says otherwise).
   */
  readonly requests: readonly PlannedRequest[];
  /** Every service rule the operation would break, not only the first; empty when none. */
  readonly violations: readonly RestorePointError[];
  /** For `planCreate` with `excludeUnsupportedDisks`: the disks it would exclude, and why. */
  readonly autoExcludedDisks?: readonly UnsupportedDisk[];
}

/**
 * Options of {@link VmRestorePointClient.planCreate}: those of `beginCreate` that shape the request.
 *
 * @public
 */
export type PlanCreateRestorePointOptions = Omit<
  BeginCreateRestorePointOptions,
  "skipPreflight" | "resumeFrom" | "updateIntervalInMs"
>;

/**
 * Options of {@link VmRestorePointClient.planCopy}: those of `beginCopy` that shape the request.
 *
 * @public
 */
export type PlanCopyRestorePointOptions = Pick<BeginCopyRestorePointOptions, "encryption"> & OperationOptions;

/** Where the restore point to plan lives. */
export interface PlanTarget {
  readonly collectionId: string;
  readonly restorePointId: string;
  readonly restorePointName: string;
  /** The restore point's URL, with api-version. */
  readonly url: string;
}

/** `planCreate`: validates like `beginCreate` (TypeError/RangeError), then reads and checks. */
export async function planCapture(
  ctx: ArmContext,
  target: PlanTarget,
  options: PlanCreateRestorePointOptions,
): Promise<RestorePointPlan> {
  const opts = validateOptionsBag(options, "options") as BeginCreateRestorePointOptions;
  const request = normalizeCreateOptions(opts);
  const check = await checkCapture(
    ctx,
    {
      collectionId: target.collectionId,
      restorePointId: target.restorePointId,
      restorePointName: target.restorePointName,
      excludeDiskIds: request.excludeDiskIds,
      excludeUnsupportedDisks: request.excludeUnsupportedDisks,
      consistencyMode: request.consistencyMode,
      countAcrossCollections: request.countAcrossCollections,
    },
    opts.abortSignal,
  );
  const excludeDiskIds = request.excludeUnsupportedDisks ? check.excludeDiskIds : request.excludeDiskIds;
  return Object.freeze({
    requests: Object.freeze([
      Object.freeze({
        method: "PUT",
        url: target.url,
        body: createRestorePointBody(request, excludeDiskIds),
      }),
    ]),
    violations: Object.freeze([...check.violations]),
    ...(request.excludeUnsupportedDisks ? { autoExcludedDisks: check.autoExcluded } : {}),
  });
}

/** `planCopy`: validates like `beginCopy`, then reads and checks. */
export async function planCopyOf(
  ctx: ArmContext,
  target: PlanTarget,
  sourceRestorePointId: string,
  options: PlanCopyRestorePointOptions,
): Promise<RestorePointPlan> {
  const sourceId = parseResourceIdOfType(
    sourceRestorePointId,
    "sourceRestorePointId",
    "Microsoft.Compute/restorePointCollections/restorePoints",
  ).id;
  const opts = validateOptionsBag(options, "options") as PlanCopyRestorePointOptions;
  const body = copyRestorePointBody(sourceId, encryptionSourceMetadata(opts.encryption));
  const check = await checkCopyRequest(
    ctx,
    {
      collectionId: target.collectionId,
      restorePointId: target.restorePointId,
      restorePointName: target.restorePointName,
      sourceCollectionId: sourceId.replace(/\/restorePoints\/[^/]+\/?$/i, ""),
      sourceRestorePointId: sourceId,
    },
    opts.abortSignal,
  );
  return Object.freeze({
    requests: Object.freeze([Object.freeze({ method: "PUT", url: target.url, body })]),
    violations: Object.freeze([...check.violations]),
  });
}
