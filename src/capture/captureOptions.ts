import type { RestorePointEncryptionOptions } from "../models/encryption.js";
import type { ConsistencyMode } from "../models/common.js";
import type { LroOptions } from "../models/operationOptions.js";

/**
 * Options of {@link VmRestorePointClient.beginCreate}.
 *
 * @public
 */
export interface BeginCreateRestorePointOptions extends LroOptions {
  /** Managed data disks to leave out. */
  excludeDiskIds?: readonly string[];
  /**
   * Leave out disks restore points cannot capture instead of failing with UnsupportedDiskError;
   * the result's `autoExcludedDisks` lists them. The pre-flight checks find them, so with
   * `skipPreflight` this has no effect.
   * @defaultValue `false`
   */
  excludeUnsupportedDisks?: boolean;
  /** Consistency mode; omit for an application-consistent restore point (the service default). */
  consistencyMode?: ConsistencyMode;
  /** Minutes the snapshots stay in instant-access state, 60..300 (api-version 2025-04-01+). */
  instantAccessDurationMinutes?: number;
  /**
   * Per-disk encryption of the disk restore points (disk encryption set and key type).
   * @defaultValue each disk restore point is encrypted like its source disk
   */
  encryption?: RestorePointEncryptionOptions;
  /**
   * Count the VM's restore points in its other collections too for the per-VM limit. That needs
   * the subscription's collection list and a read of each other collection of the VM (cached per
   * client, see `preflightCacheTtlInMs`); `false` counts only this collection's (Azure still
   * enforces the real limit, which then surfaces as the same RestorePointLimitError).
   * @defaultValue `true`
   */
  countAcrossCollections?: boolean;
  /**
   * Skip the client-side service-rule checks (limit, concurrency, disk support, exclusions). The
   * service's own refusals still come back as the same typed errors where their code is known.
   * @defaultValue `false`
   */
  skipPreflight?: boolean;
}
