/** The PUT body of a cross-region copy of `sourceRestorePointId`. */
export function copyRestorePointBody(
  sourceRestorePointId: string,
  encryptionMetadata: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return {
    properties: {
      sourceRestorePoint: { id: sourceRestorePointId },
      ...(encryptionMetadata === undefined ? {} : { sourceMetadata: encryptionMetadata }),
    },
  };
}
