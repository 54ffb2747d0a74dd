/** Values the CLI accepts for enumerated options, in one place. */
import { KnownAccessLevel, KnownConsistencyMode, KnownDiskSku, KnownFileFormat } from "../index.js";

/** Open choices: the CLI offers these in help and accepts other values too, as the SDK does. */
export const DISK_SKU_CHOICES: readonly string[] = Object.values(KnownDiskSku);
export const CONSISTENCY_MODE_CHOICES: readonly string[] = Object.values(KnownConsistencyMode);
export const ACCESS_LEVEL_CHOICES: readonly string[] = Object.values(KnownAccessLevel);
export const FILE_FORMAT_CHOICES: readonly string[] = Object.values(KnownFileFormat);

/** Help text of an open choice. */
export function knownValues(choices: readonly string[]): string {
  return `known: ${choices.join(", ")}; other values are sent as given`;
}
