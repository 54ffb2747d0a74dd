import type { RestoreVmStep } from "../errors/restoreVmError.js";
import type { DiskSku } from "../models/common.js";
import type { OperationOptions } from "./options.js";

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
 * What {@link RestorePointClient.restoreVm} created.
 *
 * @public
 */
export interface RestoreVmResult {
  /** The new VM. */
  readonly vmId: string;
  /** Its restored OS disk. */
  readonly osDiskId: string;
  /** Its restored data disks, with the LUNs they had. */
  readonly dataDisks: ReadonlyArray<{ readonly lun: number; readonly diskId: string }>;
  /** The NICs attached to it. */
  readonly networkInterfaceIds: readonly string[];
  /** Every resource the call created. */
  readonly createdResourceIds: readonly string[];
}

/**
 * Options of {@link RestorePointClient.beginCopyToRegion}.
 *
 * @public
 */
export interface CopyToRegionOptions extends OperationOptions {
  /**
   * Delay between polls in ms.
   * @defaultValue the client's `updateIntervalInMs` (2000)
   */
  updateIntervalInMs?: number;
  /** Region to copy to. */
  targetLocation: string;
  /**
   * Resource group of the target collection.
   * @defaultValue the source's resource group
   */
  targetResourceGroup?: string;
  /**
   * Target collection, created when missing.
   * @defaultValue `<source collection>-<targetLocation>`
   */
  targetCollectionName?: string;
  /**
   * Name of the copy.
   * @defaultValue the source restore point's name
   */
  targetRestorePointName?: string;
  /**
   * Wait until every disk is replicated.
   * @defaultValue `true`
   */
  waitForReplication?: boolean;
}
