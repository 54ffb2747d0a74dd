import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationState, PollerLike } from "@azure/core-lro";
import type { BeginCreateRestorePointOptions } from "../capture/captureOptions.js";
import type { RestorePointCollection } from "../models/collection.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";

/**
 * What a fleet run needs of one VM's collection. The fleet runs below `client/`, so it cannot
 * construct the client classes itself: RestorePointClient hands it a factory, and
 * RestorePointCollectionClient satisfies this interface.
 */
export interface FleetCollection {
  readonly id: string;
  create(options: {
    location: string;
    sourceVmId: string;
    skipPreflight?: boolean;
    tags?: Record<string, string>;
    abortSignal?: AbortSignalLike;
  }): Promise<RestorePointCollection>;
  getRestorePointClient(restorePointName: string): {
    readonly id: string;
    beginCreate(
      options?: BeginCreateRestorePointOptions,
    ): PollerLike<OperationState<VmRestorePoint>, VmRestorePoint>;
  };
}

/** Makes the client of collection `name` in `resourceGroup` (names already validated); no request. */
export type FleetCollectionFactory = (resourceGroup: string, name: string) => FleetCollection;
