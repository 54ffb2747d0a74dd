/** Values the CLI accepts for enumerated options, in one place. */
import type { DiskSku } from "../index.js";

export const DISK_SKU_CHOICES: readonly DiskSku[] = [
  "Standard_LRS",
  "Premium_LRS",
  "StandardSSD_LRS",
  "UltraSSD_LRS",
  "Premium_ZRS",
  "StandardSSD_ZRS",
  "PremiumV2_LRS",
];
