/** Values the CLI accepts for enumerated options, in one place. */
import { KnownDiskSku, type DiskSku } from "../index.js";

export const DISK_SKU_CHOICES: readonly DiskSku[] = Object.values(KnownDiskSku);
