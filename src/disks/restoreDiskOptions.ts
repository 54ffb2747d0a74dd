import type { DiskSku } from "../models/common.js";
import type { LroOptions } from "../models/operationOptions.js";

/**
 * Options of {@link DiskRestorePointClient.beginRestoreDisk}.
 *
 * @public
 */
export interface BeginRestoreDiskOptions extends LroOptions {
  /** Name of the new managed disk. */
  diskName: string;
  /**
   * Resource group of the new disk.
   * @defaultValue the restore point's resource group
   */
  resourceGroup?: string;
  /**
   * Region of the new disk; it must be the restore point's region.
   * @defaultValue the restore point's region (that of its collection)
   */
  location?: string;
  /**
   * Storage SKU. Size, OS type and Hyper-V generation are always carried over from the source.
   * @defaultValue the service's default SKU for a new disk
   */
  sku?: DiskSku;
  /** Availability zone. */
  zone?: string;
  /** Encrypt the new disk with this disk encryption set (customer-managed keys). */
  diskEncryptionSetId?: string;
  /** Tags of the new disk. */
  tags?: Record<string, string>;
  /**
   * Restore even when a cross-region copy has not finished replicating (the disk would hold
   * incomplete data); otherwise that throws ReplicationIncompleteError.
   * @defaultValue `false`
   */
  allowIncompleteReplication?: boolean;
}
