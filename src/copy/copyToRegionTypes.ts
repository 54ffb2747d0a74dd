import type { RestorePointEncryptionOptions } from "../models/encryption.js";
import type { OperationOptions } from "../models/operationOptions.js";

/**
 * Options of {@link RestorePointClient.beginCopyToRegion}.
 *
 * @public
 */
export interface BeginCopyToRegionOptions extends OperationOptions {
  /**
   * Delay between polls in ms.
   * @defaultValue the client's `updateIntervalInMs` (2000)
   */
  updateIntervalInMs?: number;
  /** Region to copy to. */
  targetLocation: string;
  /**
   * Resource group of the target collection: where an existing target is looked for and a new
   * one is created.
   * @defaultValue look in the whole subscription; create in the source's resource group
   */
  targetResourceGroup?: string;
  /**
   * Target collection (in the target region, with the source collection as its source), created
   * when missing.
   * @defaultValue an existing target of the source collection in that region, else a new
   *   `<source collection>-<targetLocation>` (e.g. `web-points-northeurope`)
   */
  targetCollectionName?: string;
  /**
   * Name of the copy.
   * @defaultValue the source restore point's name
   */
  targetRestorePointName?: string;
  /**
   * Wait until every disk is replicated; `poller.operationState.replication` shows the progress.
   * @defaultValue `true`
   */
  waitForReplication?: boolean;
  /**
   * A string from `poller.serialize()` of an earlier `beginCopyToRegion`: continue that copy (and
   * its replication wait), possibly in another process, without creating or copying anything.
   */
  resumeFrom?: string;
  /**
   * Per-disk encryption of the copy's disk restore points, e.g. a disk encryption set in the
   * target region.
   * @defaultValue platform-key encryption
   */
  encryption?: RestorePointEncryptionOptions;
  /**
   * Skip the client-side service-rule checks (regions, copy rules) of the collection creation
   * and the copy.
   * @defaultValue `false`
   */
  skipPreflight?: boolean;
}

/**
 * The options of {@link RestorePointClient.beginCopyToRegion} under the name the API has used
 * since its first release: the same type as {@link BeginCopyToRegionOptions}.
 *
 * @public
 */
export type CopyToRegionOptions = BeginCopyToRegionOptions;
