/**
 * What managed disks share between the Disk RP routes and VM creation (which makes disks too):
 * name rule, SKU and zone reading, performance tiers, and where a new disk's content comes from.
 */
import { KnownDiskSku } from "../../index.js";
import { armErrors } from "../armErrors.js";
import { checkName } from "../rules/namesAndVersions.js";
import type { HandlerContext } from "../http.js";
import { keyOf, normalizeLocation, type DiskSkuName, type OsType } from "../state.js";
import { objectAt, optionalString, providerResourceId, type JsonObject } from "./common.js";

export const DISK_TYPE = "Microsoft.Compute/disks";

/** The SKUs the emulator serves: the SDK's public list, so the two never drift apart. */
export const DISK_SKUS: readonly DiskSkuName[] = Object.values(KnownDiskSku);

export function diskId(subscriptionId: string, resourceGroup: string, name: string): string {
  return providerResourceId(subscriptionId, resourceGroup, "Microsoft.Compute", "disks", name);
}

/** The `diskName` parameter rule of the Disk RP spec (see rules/namesAndVersions.ts). */
export function checkDiskName(name: string): void {
  checkName("disk", name);
}

/** A request value as it appears in an error message. */
export function shown(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** One of a fixed set of values, matched without case as ARM does; undefined when absent. */
export function parseChoice<T extends string>(
  value: unknown,
  allowed: readonly T[],
  target: string,
): T | undefined {
  if (value === undefined || value === null) return undefined;
  const found =
    typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
  if (found === undefined) {
    throw armErrors.invalidParameter(
      target,
      `The value '${shown(value)}' of '${target}' is invalid. Allowed values are ${allowed.join(", ")}.`,
    );
  }
  return found;
}

/** A SKU name given in a request, matched without case as ARM does; undefined when absent. */
export function parseSku(value: unknown, target: string): DiskSkuName | undefined {
  return parseChoice(value, DISK_SKUS, target);
}

/** `zones: ["1"]` as the single zone the emulator models. */
export function readZone(body: JsonObject): string | undefined {
  const zones = body.zones;
  if (zones === undefined || zones === null) return undefined;
  if (
    !Array.isArray(zones) ||
    zones.length > 1 ||
    zones.some((zone) => !["1", "2", "3"].includes(String(zone)))
  ) {
    throw armErrors.invalidParameter(
      "zones",
      "Property 'zones' must list at most one of the zones '1', '2', '3'.",
    );
  }
  return zones.length === 0 ? undefined : String(zones[0]);
}

export function parseOsType(value: unknown, target: string): OsType | undefined {
  return parseChoice(value, ["Windows", "Linux"] as const, target);
}

export function parseHyperVGeneration(value: unknown, target: string): "V1" | "V2" | undefined {
  return parseChoice(value, ["V1", "V2"] as const, target);
}

/** Largest size per SKU (Ultra and Premium SSD v2 go to 64 TiB). */
export function checkDiskSize(sizeGB: number, sku: DiskSkuName, target: string): void {
  const max = sku === "UltraSSD_LRS" || sku === "PremiumV2_LRS" ? 65536 : 32767;
  if (!Number.isInteger(sizeGB) || sizeGB < 1 || sizeGB > max) {
    throw armErrors.invalidParameter(
      target,
      `Disk size ${sizeGB} GB is invalid for SKU '${sku}': it must be 1 to ${max}.`,
    );
  }
}

export function skuTier(sku: DiskSkuName): string {
  if (sku.startsWith("Premium")) return "Premium";
  if (sku === "UltraSSD_LRS") return "Ultra";
  return "Standard";
}

/** Billing tiers by upper size bound (GiB): P/E/S 1, 2, 3, 4, 6, 10, 15, 20, 30, 40, 50, 60, 70, 80. */
const TIER_BOUNDS = [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767] as const;
const TIER_NUMBERS = [1, 2, 3, 4, 6, 10, 15, 20, 30, 40, 50, 60, 70, 80] as const;
const PREMIUM_IOPS = [
  120, 120, 120, 120, 240, 500, 1100, 2300, 5000, 7500, 7500, 16000, 18000, 20000,
] as const;
const PREMIUM_MBPS = [25, 25, 25, 25, 50, 100, 125, 150, 200, 250, 250, 500, 750, 900] as const;
const SSD_IOPS = [500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 2000, 4000, 6000] as const;
const SSD_MBPS = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 400, 600, 750] as const;
const HDD_IOPS = [500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 1300, 2000, 2000] as const;
const HDD_MBPS = [60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 300, 500, 500] as const;

export interface DiskPerformance {
  /** The performance tier (`P1`, `E10`...); absent where Azure shows none (HDD, Ultra, v2). */
  tier?: string;
  iops: number;
  mbps: number;
}

/** Published baseline performance of a disk, as the Disk RP reports it (recording: 2 GB P1 = 120/25). */
export function diskPerformance(sku: DiskSkuName, sizeGB: number): DiskPerformance {
  if (sku === "UltraSSD_LRS" || sku === "PremiumV2_LRS") return { iops: 3000, mbps: 125 };
  const index = Math.max(
    0,
    TIER_BOUNDS.findIndex((bound) => sizeGB <= bound),
  );
  const number = TIER_NUMBERS[index] ?? 80;
  if (sku.startsWith("Premium")) {
    return { tier: `P${number}`, iops: PREMIUM_IOPS[index] ?? 20000, mbps: PREMIUM_MBPS[index] ?? 900 };
  }
  if (sku.startsWith("StandardSSD")) {
    return { tier: `E${number}`, iops: SSD_IOPS[index] ?? 6000, mbps: SSD_MBPS[index] ?? 750 };
  }
  return { iops: HDD_IOPS[index] ?? 2000, mbps: HDD_MBPS[index] ?? 500 };
}

const DISK_RESTORE_POINT_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/restorePointCollections\/[^/]+\/restorePoints\/[^/]+\/diskRestorePoints\/[^/]+$/i;
const DISK_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/disks\/[^/]+$/i;

/** Where a disk made by `Restore` or `Copy` takes its content and defaults from. */
export interface DiskSource {
  /** The source id as the source resource spells it. */
  readonly id: string;
  readonly location: string;
  readonly sizeGB: number;
  readonly uniqueId: string;
  readonly osType?: OsType;
  readonly hyperVGeneration?: "V1" | "V2";
}

/**
 * Resolves the source of a `Restore` (disk restore points only) or `Copy` (a disk, or leniently a
 * disk restore point) and checks it is in the new disk's region. Azure does not check that a
 * cross-region copy of the restore point finished replicating, so neither does this.
 */
export function resolveDiskSource(
  context: HandlerContext,
  createOption: "Restore" | "Copy",
  sourceId: string,
  location: string,
  target: string,
): DiskSource {
  let source: DiskSource | undefined;
  if (DISK_RESTORE_POINT_ID.test(sourceId)) {
    const point = context.state.diskRestorePoints[keyOf(sourceId)];
    if (point === undefined) throw armErrors.linkedResourceNotFound(sourceId, target);
    source = {
      id: point.id,
      location: point.location,
      sizeGB: point.sizeGB,
      uniqueId: point.sourceUniqueId,
      ...(point.osType === undefined ? {} : { osType: point.osType }),
      ...(point.hyperVGeneration === undefined ? {} : { hyperVGeneration: point.hyperVGeneration }),
    };
  } else if (createOption === "Copy" && DISK_ID.test(sourceId)) {
    const disk = context.state.disks[keyOf(sourceId)];
    if (disk === undefined) throw armErrors.linkedResourceNotFound(sourceId, target);
    source = {
      id: disk.id,
      location: disk.location,
      sizeGB: disk.sizeGB,
      uniqueId: disk.uniqueId,
      ...(disk.osType === undefined ? {} : { osType: disk.osType }),
      ...(disk.hyperVGeneration === undefined ? {} : { hyperVGeneration: disk.hyperVGeneration }),
    };
  } else {
    throw armErrors.invalidParameter(
      target,
      createOption === "Restore"
        ? `The source '${sourceId}' of createOption 'Restore' must be a disk restore point id.`
        : `The source '${sourceId}' of createOption 'Copy' must be a managed disk or disk restore point id (snapshots are not modelled).`,
    );
  }
  if (normalizeLocation(source.location) !== normalizeLocation(location)) {
    throw armErrors.invalidParameter(
      target,
      `The source '${source.id}' is in '${source.location}'; a disk made from it must be created in the same region, not '${location}'. Copy the restore point to '${location}' first.`,
    );
  }
  return source;
}

/** The size of a disk made from a source: the source's size unless a larger one is asked for. */
export function sizeFromSource(source: DiskSource, requested: number | undefined, target: string): number {
  if (requested === undefined) return source.sizeGB;
  if (requested < source.sizeGB) {
    throw armErrors.invalidParameter(
      target,
      `Disk size can only grow: the requested ${requested} GB is smaller than the ${source.sizeGB} GB of the source '${source.id}'.`,
    );
  }
  return requested;
}

/** `managedDisk.id` (or any `{id}` reference) of a body object, when given. */
export function referenceId(obj: JsonObject, key: string, target: string): string | undefined {
  return optionalString(objectAt(obj, key, target), "id", `${target}.id`);
}
