import type { OperationOptions } from "../models/operationOptions.js";
import type { RestoreVmProgressEvent, RestoreVmResultBase } from "./restoreVmTypes.js";
import type { DiskSku } from "../models/common.js";

/**
 * Options of {@link RestorePointClient.restoreVmInPlace}.
 *
 * @public
 */
export interface RestoreVmInPlaceOptions extends OperationOptions {
  /** The VM whose disks are replaced. */
  vmId: string;
  /** The VM restore point to restore from (its collection must be in the VM's region). */
  restorePointId: string;
  /**
   * Keep the VM's replaced disks (detached) after a successful restore; with `false` they are
   * deleted once the VM runs on the restored disks. They are always kept until then, so a failed
   * restore can put them back.
   * @defaultValue `true`
   */
  keepOriginalDisks?: boolean;
  /**
   * On failure, attach the original disks again, start the VM if it was running, and delete the
   * restored disks.
   * @defaultValue `true`
   */
  rollbackOnFailure?: boolean;
  /**
   * Restore from a cross-region copy that has not finished replicating.
   * @defaultValue `false`: such a copy is refused with ReplicationIncompleteError
   */
  allowIncompleteReplication?: boolean;
  /**
   * Storage SKU of the restored disks.
   * @defaultValue each source disk's SKU
   */
  diskSku?: DiskSku;
  /**
   * How many disks are restored at the same time.
   * @defaultValue `16`
   */
  maxConcurrency?: number;
  /**
   * Delay between polls of each long-running operation, in ms.
   * @defaultValue the client's `updateIntervalInMs`
   */
  updateIntervalInMs?: number;
  /**
   * Tags for the restored disks (besides their `vmrp-restore-operation` tag).
   * @defaultValue none
   */
  tags?: Record<string, string>;
  /** Called as the restore advances. */
  onProgress?: (event: RestoreVmProgressEvent) => void;
}

/**
 * What {@link RestorePointClient.restoreVmInPlace} did: `createdResourceIds` holds the restored
 * disks it created.
 *
 * @public
 */
export interface RestoreVmInPlaceResult extends RestoreVmResultBase {
  /**
   * The disks the VM used before that still exist (detached): all replaced disks with
   * `keepOriginalDisks`, otherwise those that could not be deleted.
   */
  readonly originalDiskIds: readonly string[];
}
