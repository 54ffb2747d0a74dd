import type { WireRestorePoint, WireRestorePointSourceMetadata } from "../models/wire/restorePoint.js";

/** The PUT body of a cross-region copy of `sourceRestorePointId`. */
export function copyRestorePointBody(
  sourceRestorePointId: string,
  encryptionMetadata: WireRestorePointSourceMetadata | undefined,
): WireRestorePoint {
  return {
    properties: {
      sourceRestorePoint: { id: sourceRestorePointId },
      ...(encryptionMetadata === undefined ? {} : { sourceMetadata: encryptionMetadata }),
    },
  };
}
