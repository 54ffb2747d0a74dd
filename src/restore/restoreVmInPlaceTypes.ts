import type { OperationOptions } from "../models/operationOptions.js";
import type { RestoreVmProgressEvent } from "./restoreVmTypes.js";
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
 * What {@link RestorePointClient.restoreVmInPlace} did.
 *
 * @public
 */
export interface RestoreVmInPlaceResult {
  /** The VM, now running on the restored disks (or deallocated, if it was before). */
  readonly vmId: string;
  /** Its restored OS disk. */
  readonly osDiskId: string;
  /** Its restored data disks, at the LUNs they had in the restore point. */
  readonly dataDisks: ReadonlyArray<{
    /** LUN of the disk on the VM, as in the restore point. */
    readonly lun: number;
    /** ARM id of the restored managed disk. */
    readonly diskId: string;
  }>;
  /**
   * The disks the VM used before that still exist (detached): all replaced disks with
   * `keepOriginalDisks`, otherwise those that could not be deleted.
   */
  readonly originalDiskIds: readonly string[];
  /** The restored disks this call created. */
  readonly createdResourceIds: readonly string[];
  /** The restore operation's id, the value of the `vmrp-restore-operation` tag on the restored disks. */
  readonly operationId: string;
}
