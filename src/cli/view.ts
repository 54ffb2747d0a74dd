/**
 * What the CLI prints of SDK models: the models themselves minus `raw` (the unmodelled ARM JSON),
 * so `--output json` is the SDK model shape and stable across service versions, plus the table
 * columns per model. Every table ends with the resource's full ARM id, to paste into `--ids`.
 */
import type { DiskRestorePoint, RestorePointCollection, VmRestorePoint } from "../index.js";
import type { Column } from "./output.js";

/**
 * A model without its raw ARM body, for output. Members the service did not report (`undefined`
 * in the model) are left out as JSON leaves them out, so every format shows the same members.
 */
export function plain<T extends { raw?: unknown }>(model: T): Omit<T, "raw"> {
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(model)) {
    if (key !== "raw" && value !== undefined) shown[key] = value;
  }
  return shown as Omit<T, "raw">;
}

export const collectionColumns: Column<RestorePointCollection>[] = [
  { header: "NAME", value: (c) => c.name },
  { header: "RESOURCE GROUP", value: (c) => c.resourceGroup },
  { header: "LOCATION", value: (c) => c.location },
  { header: "SOURCE", value: (c) => c.sourceId?.split("/").slice(-2).join("/") },
  { header: "STATE", value: (c) => c.provisioningState },
  { header: "ID", value: (c) => c.id },
];

export const restorePointColumns: Column<VmRestorePoint>[] = [
  { header: "NAME", value: (p) => p.name },
  { header: "CREATED", value: (p) => p.createdOn },
  { header: "STATE", value: (p) => p.provisioningState },
  { header: "CONSISTENCY", value: (p) => p.consistencyMode },
  { header: "DISKS", value: (p) => p.diskRestorePoints.length },
  { header: "EXCLUDED", value: (p) => p.excludedDiskIds.length },
  { header: "COPY OF", value: (p) => p.sourceRestorePointId?.split("/").at(-1) },
  { header: "ID", value: (p) => p.id },
];

export const diskRestorePointColumns: Column<DiskRestorePoint>[] = [
  { header: "NAME", value: (d) => d.name },
  { header: "SOURCE DISK", value: (d) => d.sourceDiskId?.split("/").at(-1) },
  { header: "OS", value: (d) => d.osType },
  { header: "REPLICATION", value: (d) => d.replicationState },
  { header: "PERCENT", value: (d) => d.completionPercent },
  { header: "ID", value: (d) => d.id },
];

/** One resource prints as an object, several (from `--ids a b`) as an array, as in `az`. */
export function one<T>(items: readonly T[]): T | readonly T[] {
  return items.length === 1 ? (items[0] as T) : items;
}
