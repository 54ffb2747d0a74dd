import type { ConcurrentOperationError } from "./concurrentOperationError.js";
import type { CopyNotAllowedError } from "./copyNotAllowedError.js";
import type { InvalidExclusionError } from "./invalidExclusionError.js";
import type { OperationFailedError } from "./operationFailedError.js";
import type { RegionNotSupportedError } from "./regionNotSupportedError.js";
import type { ReplicationIncompleteError } from "./replicationIncompleteError.js";
import type { RestorePointLimitError } from "./restorePointLimitError.js";
import type { RestoreVmError } from "./restoreVmError.js";
import type { UnsupportedDiskError } from "./unsupportedDiskError.js";

/**
 * The `code` of every error class this SDK defines.
 *
 * @public
 */
export type RestorePointErrorCode =
  | "RegionNotSupported"
  | "RestorePointLimitReached"
  | "OperationInProgress"
  | "UnsupportedDisk"
  | "InvalidExcludedDisk"
  | "CopyNotAllowed"
  | "ReplicationIncomplete"
  | "OperationFailed"
  | "RestoreVmFailed";

/**
 * Base class of the errors this SDK throws for service rules and failed operations. HTTP failures
 * are `RestError`s instead, and bad arguments are `TypeError`/`RangeError`.
 *
 * Check errors with {@link isRestorePointError} (by `name`/`code`) rather than `instanceof`, which
 * fails when two copies of the package are loaded (ESM and CommonJS, or two versions).
 *
 * No message or field of these errors contains an access token or a SAS.
 *
 * @public
 */
export abstract class RestorePointError extends Error {
  /** Stable, machine-readable reason for the error. */
  abstract readonly code: RestorePointErrorCode;
}

/**
 * Whether `error` is one of this SDK's errors, optionally with a given `code`. It checks the `name`
 * and `code` fields, so it works across package copies and realms where `instanceof` does not.
 *
 * @param error - anything caught
 * @param code - the {@link RestorePointErrorCode} to match; omit to match any SDK error
 * @returns `true` when `error` is a {@link RestorePointError} (with that code)
 *
 * @example
 * ```ts
 * try {
 *   await restorePoint.beginCreate();
 * } catch (e) {
 *   if (isRestorePointError(e, "RestorePointLimitReached")) console.log(`limit ${e.limit} reached`);
 * }
 * ```
 *
 * @public
 */
export function isRestorePointError<C extends RestorePointErrorCode>(
  error: unknown,
  code?: C,
): error is RestorePointErrorByCode[C] {
  if (typeof error !== "object" || error === null) return false;
  const { name, code: actual } = error as { name?: unknown; code?: unknown };
  if (typeof name !== "string" || typeof actual !== "string") return false;
  const expectedName = ERROR_NAMES[actual as RestorePointErrorCode] as string | undefined;
  if (expectedName === undefined || expectedName !== name) return false;
  return code === undefined || code === actual;
}

/**
 * Maps each {@link RestorePointErrorCode} to its error class, so that
 * {@link isRestorePointError} narrows to the right class.
 *
 * @public
 */
export interface RestorePointErrorByCode {
  /** The code of {@link RegionNotSupportedError}. */
  RegionNotSupported: RegionNotSupportedError;
  /** The code of {@link RestorePointLimitError}. */
  RestorePointLimitReached: RestorePointLimitError;
  /** The code of {@link ConcurrentOperationError}. */
  OperationInProgress: ConcurrentOperationError;
  /** The code of {@link UnsupportedDiskError}. */
  UnsupportedDisk: UnsupportedDiskError;
  /** The code of {@link InvalidExclusionError}. */
  InvalidExcludedDisk: InvalidExclusionError;
  /** The code of {@link CopyNotAllowedError}. */
  CopyNotAllowed: CopyNotAllowedError;
  /** The code of {@link ReplicationIncompleteError}. */
  ReplicationIncomplete: ReplicationIncompleteError;
  /** The code of {@link OperationFailedError}. */
  OperationFailed: OperationFailedError;
  /** The code of {@link RestoreVmError}. */
  RestoreVmFailed: RestoreVmError;
}

const ERROR_NAMES: Readonly<Record<RestorePointErrorCode, string>> = {
  RegionNotSupported: "RegionNotSupportedError",
  RestorePointLimitReached: "RestorePointLimitError",
  OperationInProgress: "ConcurrentOperationError",
  UnsupportedDisk: "UnsupportedDiskError",
  InvalidExcludedDisk: "InvalidExclusionError",
  CopyNotAllowed: "CopyNotAllowedError",
  ReplicationIncomplete: "ReplicationIncompleteError",
  OperationFailed: "OperationFailedError",
  RestoreVmFailed: "RestoreVmError",
};
