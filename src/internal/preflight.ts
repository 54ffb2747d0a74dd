import type { AbortSignalLike } from "@azure/abort-controller";
import type { ConsistencyMode } from "../models/common.js";
import type { ArmContext } from "./armContext.js";

/**
 * The client-side service-rule checks ("guards") run before a create or copy is sent.
 *
 * THIS IS THE HOOK for the guards issue: fill in `runPreflight` (regions via `ctx.copyRegions`,
 * per-VM limit, one creation at a time, unsupported disks, exclusions, copy rules), throwing the
 * RestorePointError subclasses from src/errors. It is called from the `sendInitialRequest` of
 * `collection.create`, `restorePoint.beginCreate` and `restorePoint.beginCopy`, never when the
 * caller passed `skipPreflight: true` and never when a poller resumes (`resumeFrom`), so errors
 * surface from `await poller.submitted()` before any write is sent.
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
}

/**
 * Runs the guards for one request. For now it checks nothing and changes nothing.
 *
 * @param _ctx - the client's ARM context, for the reads the guards need (VM, disks, collections)
 * @param _request - what is about to be sent
 * @param _abortSignal - the caller's abort signal, for those reads
 */
export function runPreflight(
  _ctx: ArmContext,
  _request: PreflightRequest,
  _abortSignal?: AbortSignalLike,
): Promise<PreflightResult> {
  return Promise.resolve({});
}
