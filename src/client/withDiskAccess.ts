import { logger } from "../internal/logger.js";
import type { DiskAccess } from "../models/diskAccess.js";
import type { DiskRestorePointClient } from "./diskRestorePointClient.js";
import type { BeginGrantAccessOptions } from "./options.js";

/**
 * Grants access to a disk restore point, runs `callback` with the SAS, and always revokes the
 * access afterwards, also when the callback throws or the wait for the grant is aborted (the grant
 * may still have happened). The revoke ignores `abortSignal`, so an abort never leaves a SAS open.
 *
 * @param diskRestorePoint - the disk restore point's client
 * @param options - the grant options (`durationInSeconds`, access level, ...)
 * @param callback - receives the {@link DiskAccess}; its result is returned
 * @returns what `callback` returned
 * @throws whatever the grant or `callback` throws (the callback's error wins over a failed revoke,
 *   which is then logged); the revoke's error when only the revoke fails
 *
 * @example
 * ```ts
 * const bytes = await withDiskAccess(diskRestorePoint, { durationInSeconds: 3600 }, async (access) =>
 *   copyVhdTo(access.accessSas, "./disk.vhd"),
 * );
 * ```
 *
 * @public
 */
export async function withDiskAccess<T>(
  diskRestorePoint: DiskRestorePointClient,
  options: BeginGrantAccessOptions,
  callback: (access: DiskAccess) => T | Promise<T>,
): Promise<T> {
  if (typeof callback !== "function") throw new TypeError("callback must be a function");
  const revoke = async (): Promise<void> => {
    await diskRestorePoint.beginRevokeAccess(
      options.updateIntervalInMs === undefined ? {} : { updateIntervalInMs: options.updateIntervalInMs },
    );
  };
  const revokeAfterFailure = async (): Promise<void> => {
    try {
      await revoke();
    } catch (e) {
      logger.warning(
        `Could not revoke access to disk restore point '${diskRestorePoint.name}' after a failure: ` +
          `${e instanceof Error ? e.message : String(e)}. Revoke it with beginRevokeAccess().`,
      );
    }
  };
  // Validation errors are thrown synchronously, before anything was granted.
  const grant = diskRestorePoint.beginGrantAccess(options);
  let access: DiskAccess;
  try {
    access = await grant;
  } catch (e) {
    // Once the service accepted the grant it may complete even though we stopped waiting.
    if (grant.operationState !== undefined) await revokeAfterFailure();
    throw e;
  }
  let result: T;
  try {
    result = await callback(access);
  } catch (e) {
    await revokeAfterFailure();
    throw e;
  }
  await revoke();
  return result;
}
