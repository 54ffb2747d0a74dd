import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationState, PollerLike } from "@azure/core-lro";
import type { CopyOperationState } from "../models/copyOperationState.js";
import type { RestorePointCollection } from "../models/collection.js";
import type { LroOptions, OperationOptions } from "../models/operationOptions.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import type { BeginCopyRestorePointOptions } from "./copyOptions.js";

/**
 * What a cross-region copy needs of a target collection. The copy runs below `client/`, so it
 * cannot construct the client classes itself: the caller (RestorePointClient) hands it a factory,
 * and RestorePointCollectionClient satisfies this interface.
 */
export interface CopyTargetCollection {
  readonly id: string;
  get(options?: OperationOptions): Promise<RestorePointCollection>;
  create(options: {
    location: string;
    sourceCollectionId: string;
    skipPreflight?: boolean;
    abortSignal?: AbortSignalLike;
  }): Promise<RestorePointCollection>;
  beginDelete(options?: LroOptions): PollerLike<OperationState<void>, void>;
  getRestorePointClient(restorePointName: string): {
    beginCopy(
      sourceRestorePointId: string,
      options?: BeginCopyRestorePointOptions,
    ): PollerLike<CopyOperationState, VmRestorePoint>;
  };
}

/** Makes the client of collection `name` in `resourceGroup` (names already validated); no request. */
export type CopyTargetCollectionFactory = (resourceGroup: string, name: string) => CopyTargetCollection;
