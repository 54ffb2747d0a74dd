import { INSTANT_ACCESS_MINUTES_RANGE } from "../constants.js";
import { encryptionSourceMetadata } from "../models/encryption.js";
import {
  validateIntegerInRange,
  validateLroOptions,
  validateOpenEnum,
  validateOptionalBoolean,
} from "../internal/validation.js";
import { KnownConsistencyMode, type ConsistencyMode } from "../models/common.js";
import { parseResourceIdOfType } from "../resourceId.js";
import type {
  WireRestorePoint,
  WireRestorePointProperties,
  WireRestorePointSourceMetadata,
} from "../models/wire/restorePoint.js";
import type { BeginCreateRestorePointOptions } from "./captureOptions.js";

const CONSISTENCY_MODES: readonly string[] = Object.values(KnownConsistencyMode);

/** `beginCreate` options after validation. */
export interface CreateRestorePointRequest {
  readonly excludeDiskIds: readonly string[];
  readonly consistencyMode: ConsistencyMode | undefined;
  readonly instantAccessDurationMinutes: number | undefined;
  readonly excludeUnsupportedDisks: boolean;
  readonly skipPreflight: boolean;
  readonly countAcrossCollections: boolean;
  /** `sourceMetadata` carrying the requested per-disk encryption, when any. */
  readonly encryptionMetadata: WireRestorePointSourceMetadata | undefined;
}

/** Validates `beginCreate` options; TypeError/RangeError before any request. */
export function normalizeCreateOptions(options: BeginCreateRestorePointOptions): CreateRestorePointRequest {
  validateLroOptions(options);
  const excludeDiskIds: unknown = options.excludeDiskIds;
  if (excludeDiskIds !== undefined && !Array.isArray(excludeDiskIds)) {
    throw new TypeError("excludeDiskIds must be an array of managed disk ids");
  }
  return {
    excludeDiskIds: (excludeDiskIds ?? []).map(
      (id: unknown, i) => parseResourceIdOfType(id, `excludeDiskIds[${i}]`, "Microsoft.Compute/disks").id,
    ),
    consistencyMode: validateOpenEnum(options.consistencyMode, "consistencyMode", CONSISTENCY_MODES),
    instantAccessDurationMinutes:
      options.instantAccessDurationMinutes === undefined
        ? undefined
        : validateIntegerInRange(
            options.instantAccessDurationMinutes,
            "instantAccessDurationMinutes",
            INSTANT_ACCESS_MINUTES_RANGE,
          ),
    excludeUnsupportedDisks:
      validateOptionalBoolean(options.excludeUnsupportedDisks, "excludeUnsupportedDisks") === true,
    skipPreflight: validateOptionalBoolean(options.skipPreflight, "skipPreflight") === true,
    countAcrossCollections:
      validateOptionalBoolean(options.countAcrossCollections, "countAcrossCollections") !== false,
    encryptionMetadata: encryptionSourceMetadata(options.encryption),
  };
}

/**
 * The PUT body of a capture. The recorded clients send `{}` for a plain capture, so properties are
 * only present when something was asked for; `consistencyMode` is only sent when given, because
 * the service default (application-consistent) has no accepted explicit spelling.
 */
export function createRestorePointBody(
  request: CreateRestorePointRequest,
  excludeDiskIds: readonly string[],
): WireRestorePoint {
  const properties: WireRestorePointProperties = {
    ...(excludeDiskIds.length === 0 ? {} : { excludeDisks: excludeDiskIds.map((id) => ({ id })) }),
    ...(request.consistencyMode === undefined ? {} : { consistencyMode: request.consistencyMode }),
    ...(request.instantAccessDurationMinutes === undefined
      ? {}
      : { instantAccessDurationMinutes: request.instantAccessDurationMinutes }),
    ...(request.encryptionMetadata === undefined ? {} : { sourceMetadata: request.encryptionMetadata }),
  };
  return Object.keys(properties).length === 0 ? {} : { properties };
}
