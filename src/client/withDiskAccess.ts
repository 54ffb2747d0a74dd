import type { AbortSignalLike } from "@azure/abort-controller";
import { AbortError } from "@azure/abort-controller";
import { acquireDiskAccessLease } from "../disks/diskAccessLeases.js";
import { logger } from "../internal/logger.js";
import { validateOptionsBag, describe } from "../internal/validation.js";
import type { DiskAccess } from "../models/diskAccess.js";
import type { DiskRestorePointClient } from "./diskRestorePointClient.js";
import { tracingClient } from "../internal/tracing.js";
import type { WithDiskAccessOptions } from "./options.js";

/**
 * Grants access to a disk restore point, runs `callback` with the SAS, and always revokes the
 * access afterwards: when the callback returns, when it throws, and when `options.abortSignal`
 * fires (while waiting for the grant, the grant may still have happened; while the callback runs,
 * the access is revoked at once and the call rejects with an `AbortError` without waiting for the
 * callback, whose outcome is then ignored). The revoke itself ignores `abortSignal`, so an abort
 * never leaves a SAS open.
 *
 * Overlapping calls on the same disk restore point in one process share the access (Azure extends
 * an active grant and returns the same URL): each call grants, and only the last one to finish
 * revokes, exactly once.
 *
 * @param diskRestorePoint - the disk restore point's client
 * Runs in a span named `withDiskAccess`, with the grant's and the revoke's spans as children.
 *
 * @param options - the grant options (`durationInSeconds`, access level, ...) and `abortSignal`;
 *   `requestOptions`, `tracingOptions` and `onResponse` apply to the grant and the revoke
 * @param callback - receives the {@link DiskAccess}; its result is returned
 * @returns what `callback` returned
 * @throws TypeError or RangeError before any request when the options or callback are invalid
 * @throws whatever the grant or `callback` throws (the callback's error wins over a failed revoke,
 *   which is then logged without the SAS); the revoke's error when only the revoke fails
 * @throws AbortError when `options.abortSignal` fires before the callback finished
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
  options: WithDiskAccessOptions,
  callback: (access: DiskAccess) => T | Promise<T>,
): Promise<T> {
  if (typeof callback !== "function")
    throw new TypeError(`callback must be a function, got ${describe(callback)}`);
  const checked = validateOptionsBag(options, "options") as WithDiskAccessOptions;
  return tracingClient.withSpan("withDiskAccess", checked, (opts) =>
    grantRunRevoke(diskRestorePoint, opts, callback),
  );
}

async function grantRunRevoke<T>(
  diskRestorePoint: DiskRestorePointClient,
  opts: WithDiskAccessOptions,
  callback: (access: DiskAccess) => T | Promise<T>,
): Promise<T> {
  const revoke = async (): Promise<void> => {
    // Everything of the call but its abort signal: an abort must never leave a SAS open.
    await diskRestorePoint.beginRevokeAccess({
      ...(opts.updateIntervalInMs === undefined ? {} : { updateIntervalInMs: opts.updateIntervalInMs }),
      ...(opts.requestOptions === undefined ? {} : { requestOptions: opts.requestOptions }),
      ...(opts.tracingOptions === undefined ? {} : { tracingOptions: opts.tracingOptions }),
      ...(opts.onResponse === undefined ? {} : { onResponse: opts.onResponse }),
    });
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
  const lease = await acquireDiskAccessLease(diskRestorePoint.id);
  let result: T;
  try {
    // Options are validated synchronously here, before anything is sent.
    const grant = diskRestorePoint.beginGrantAccess(opts);
    lease.markGranted();
    // Even a grant that failed or whose wait was aborted may have been accepted: revoke then too.
    result = await runUntilAborted(async () => callback(await grant), opts.abortSignal);
  } catch (e) {
    await lease.release(revokeAfterFailure);
    throw e;
  }
  await lease.release(revoke);
  return result;
}

/** Runs `work`, rejecting with an AbortError as soon as `abortSignal` fires. */
function runUntilAborted<T>(work: () => Promise<T>, abortSignal: AbortSignalLike | undefined): Promise<T> {
  if (abortSignal === undefined) return work();
  if (abortSignal.aborted) return Promise.reject(new AbortError("withDiskAccess was aborted"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(new AbortError("withDiskAccess was aborted"));
    };
    abortSignal.addEventListener("abort", onAbort, { once: true });
    work()
      .then(resolve, reject)
      .finally(() => {
        abortSignal.removeEventListener("abort", onAbort);
      });
  });
}
