import type { RestoreVmStep } from "../errors/restoreVmError.js";
import type { DiskSku } from "../models/common.js";
import type { OperationOptions } from "../models/operationOptions.js";

/**
 * Options of {@link RestorePointClient.restoreVm}.
 *
 * @public
 */
export interface RestoreVmOptions extends OperationOptions {
  /** The VM restore point to restore from. */
  restorePointId: string;
  /** Name of the new VM. */
  vmName: string;
  /**
   * Resource group of the new VM and its disks.
   * @defaultValue the restore point's resource group
   */
  resourceGroup?: string;
  /** Existing NICs for the VM; or give `subnetId` to create a NIC `<vmName>-nic`. */
  networkInterfaceIds?: string[];
  /** Subnet for a new NIC `<vmName>-nic`. */
  subnetId?: string;
  /**
   * VM size.
   * @defaultValue the size recorded in the restore point
   */
  vmSize?: string;
  /**
   * Storage SKU of the restored disks.
   * @defaultValue each source disk's SKU
   */
  diskSku?: DiskSku;
  /** Availability zone of the VM and its disks. */
  zone?: string;
  /**
   * Delete every resource this call created when a step fails.
   * @defaultValue `true`
   */
  rollbackOnFailure?: boolean;
  /** Called as the restore advances. */
  onProgress?: (event: RestoreVmProgressEvent) => void;
  /**
   * Restore from a cross-region copy that has not finished replicating (Azure would restore
   * incomplete data without complaint).
   * @defaultValue `false`: such a copy is refused with ReplicationIncompleteError
   */
  allowIncompleteReplication?: boolean;
  /**
   * Restore even though some data disks were excluded from the restore point: the new VM lacks
   * them.
   * @defaultValue `false`: the restore is refused before anything is created, naming the LUNs
   */
  allowMissingDisks?: boolean;
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
   * Tags for every resource the restore creates (besides its `vmrp-restore-operation` tag).
   * @defaultValue none
   */
  tags?: Record<string, string>;
}

/**
 * A progress report of {@link RestorePointClient.restoreVm}.
 *
 * @public
 */
export interface RestoreVmProgressEvent {
  /** The current step. */
  readonly step: RestoreVmStep;
  /** 0..100 for the whole restore. */
  readonly percentComplete: number;
  /** What is happening, in words. */
  readonly message: string;
  /** The resource the step works on, when there is one. */
  readonly resourceId?: string;
}

/**
 * What both restores report ({@link RestoreVmResult}, {@link RestoreVmInPlaceResult}): the VM,
 * its restored disks, and what the call created.
 *
 * @public
 */
export interface RestoreVmResultBase {
  /** The restored VM (new for restoreVm; the same VM, on the restored disks, for restoreVmInPlace). */
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
   * Every resource the call created. A re-run after an interrupted restore counts what the
   * earlier run made.
   */
  readonly createdResourceIds: readonly string[];
  /**
   * The restore operation's id, the value of the `vmrp-restore-operation` tag on every resource it
   * created; the same restore point and VM name always give the same id.
   */
  readonly operationId: string;
}

/**
 * What {@link RestorePointClient.restoreVm} created: the disks, the NIC (unless
 * `networkInterfaceIds` was given) and the VM, all in `createdResourceIds`.
 *
 * @public
 */
export interface RestoreVmResult extends RestoreVmResultBase {
  /** The NICs attached to the new VM. */
  readonly networkInterfaceIds: readonly string[];
}
