/**
 * The small pieces the clients call around their writes: the service-error mappers handed to the
 * pollers (and to `collection.create`), and the `autoExcludedDisks` of a create's result.
 */
import { mapServiceError } from "../errors/mapServiceError.js";
import type { UnsupportedDisk } from "../errors/unsupportedDiskError.js";
import type { ArmContext } from "../internal/armContext.js";
import type { ArmJson } from "../models/common.js";
import { toVmRestorePoint, toVmRestorePointWith, type VmRestorePoint } from "../models/vmRestorePoint.js";
import { guardSettingsOf } from "./guardSettings.js";

/** Maps the service's refusal of a capture to the typed errors. */
export function captureErrorMapper(
  ctx: ArmContext,
  restorePointId: string,
  excludeDiskIds: readonly string[],
): (error: unknown) => unknown {
  const limit = guardSettingsOf(ctx).maxRestorePointsPerVm;
  return (error) =>
    mapServiceError(error, { kind: "createRestorePoint", restorePointId, excludeDiskIds, limit });
}

/** Maps the service's refusal of a cross-region copy to the typed errors. */
export function copyErrorMapper(ctx: ArmContext, restorePointId: string): (error: unknown) => unknown {
  return (error) =>
    mapServiceError(error, { kind: "copyRestorePoint", restorePointId, copyRegions: ctx.copyRegions });
}

/** Maps the service's refusal of a new collection to the typed errors. */
export function collectionErrorMapper(collectionId: string, location: string): (error: unknown) => unknown {
  return (error) => mapServiceError(error, { kind: "createCollection", collectionId, location });
}

/** The created restore point, with the disks the pre-flight checks excluded when asked to. */
export function withAutoExcludedDisks(
  body: ArmJson,
  disks: readonly UnsupportedDisk[] | undefined,
): VmRestorePoint {
  return disks === undefined
    ? toVmRestorePoint(body)
    : toVmRestorePointWith(body, { autoExcludedDisks: disks });
}
