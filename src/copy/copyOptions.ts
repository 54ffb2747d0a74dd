import type { RestorePointEncryptionOptions } from "../models/encryption.js";
import type { LroOptions } from "../models/operationOptions.js";

/**
 * Options of {@link VmRestorePointClient.beginCopy}.
 *
 * @public
 */
export interface BeginCopyRestorePointOptions extends LroOptions {
  /**
   * Keep polling after the copy operation succeeds until every disk is replicated; progress is in
   * `poller.operationState.replication`. Azure reports the copy operation done long before the data
   * has arrived.
   * @defaultValue `true`
   */
  waitForReplication?: boolean;
  /**
   * Per-disk encryption of the copy's disk restore points, e.g. a disk encryption set in the
   * target region.
   * @defaultValue platform-key encryption (customer-key encrypted sources arrive platform-key encrypted)
   */
  encryption?: RestorePointEncryptionOptions;
  /**
   * Skip the client-side service-rule checks (regions, copy rules).
   * @defaultValue `false`
   */
  skipPreflight?: boolean;
}
