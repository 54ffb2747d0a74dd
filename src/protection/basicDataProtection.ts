/**
 * Basic data protection (Azure preview): the VM switch `resiliencyProfile.periodicRestorePoints.isEnabled`
 * (Compute api-version 2025-04-01), with which the platform takes one crash-consistent restore
 * point a day and keeps it 5 days. Enabling checks the preview's rules first (region, disk kinds),
 * so a VM the preview cannot protect is refused before the PATCH, naming every reason.
 */
import type { RestorePointClient } from "../client/restorePointClient.js";
import { contextOfClient } from "../client/clientInternals.js";
import { RegionNotSupportedError } from "../errors/regionNotSupportedError.js";
import { UnsupportedDiskError, type UnsupportedDisk } from "../errors/unsupportedDiskError.js";
import type { AbortSignalLike } from "@azure/abort-controller";
import type { ArmContext } from "../internal/armContext.js";
import { arrayAt, booleanAt, numberAt, objectAt, stringAt, type JsonObject } from "../internal/json.js";
import { withSpan } from "../internal/tracing.js";
import { validateOptionsBag } from "../internal/validation.js";
import type { OperationOptions } from "../models/operationOptions.js";
import { parseResourceId, parseResourceIdOfType } from "../resourceId.js";

/** The first Compute api-version with `resiliencyProfile.periodicRestorePoints`. */
const PERIODIC_API_VERSION = "2025-04-01";

/**
 * Regions of the Basic data protection preview (its enablement script, 2025). Pass
 * `regions: "any"` when Azure has added yours.
 *
 * @beta
 */
export const BASIC_DATA_PROTECTION_REGIONS: readonly string[] = Object.freeze([
  "eastasia",
  "uksouth",
  "northeurope",
  "westcentralus",
  "eastus2",
  "eastus",
  "eastus2euap",
  "centraluseuap",
]);

/**
 * Options of {@link enableBasicDataProtection} and {@link disableBasicDataProtection}.
 *
 * @beta
 */
export interface BasicDataProtectionSwitchOptions extends OperationOptions {
  /**
   * Regions accepted by the pre-check, or `"any"` to skip the region check.
   * @defaultValue {@link BASIC_DATA_PROTECTION_REGIONS}
   */
  regions?: readonly string[] | "any";
}

/**
 * A VM's Basic data protection switch after {@link enableBasicDataProtection} or
 * {@link disableBasicDataProtection}.
 *
 * @beta
 */
export interface BasicDataProtectionState {
  /** The VM. */
  readonly vmId: string;
  /** Whether the platform takes its daily restore points of the VM. */
  readonly isEnabled: boolean;
  /** Whether this call changed the switch (false when it already was in that state). */
  readonly changed: boolean;
}

function checkArguments(vmId: unknown, options: unknown): BasicDataProtectionSwitchOptions {
  parseResourceIdOfType(vmId, "vmId", "Microsoft.Compute/virtualMachines");
  const opts = validateOptionsBag(options ?? {}, "options") as BasicDataProtectionSwitchOptions;
  const regions: unknown = opts.regions;
  if (
    regions !== undefined &&
    regions !== "any" &&
    (!Array.isArray(regions) || regions.some((r) => typeof r !== "string"))
  ) {
    throw new TypeError('options.regions must be an array of region names or "any"');
  }
  return opts;
}

function isEnabledIn(vm: JsonObject): boolean {
  const periodic = objectAt(
    objectAt(objectAt(vm, "properties"), "resiliencyProfile"),
    "periodicRestorePoints",
  );
  return booleanAt(periodic, "isEnabled") === true;
}

const normalize = (region: string): string => region.replace(/\s+/g, "").toLowerCase();

/** Every reason the preview refuses this VM's disks (the disks are read for `maxShares` and SKU). */
async function unsupportedDisks(
  ctx: ArmContext,
  vm: JsonObject,
  abortSignal: AbortSignalLike | undefined,
): Promise<UnsupportedDisk[]> {
  const storage = objectAt(objectAt(vm, "properties"), "storageProfile");
  const osDisk = objectAt(storage, "osDisk");
  const slots = [
    osDisk,
    ...arrayAt(storage, "dataDisks").filter(
      (d): d is JsonObject => typeof d === "object" && d !== null && !Array.isArray(d),
    ),
  ];
  const found: UnsupportedDisk[] = [];
  for (const [index, slot] of slots.entries()) {
    if (slot === undefined) continue;
    const diskId = stringAt(objectAt(slot, "managedDisk"), "id");
    const name = diskId ?? stringAt(slot, "name") ?? `disk ${index}`;
    if (index === 0 && objectAt(slot, "diffDiskSettings") !== undefined) {
      found.push({ diskId: name, reason: "ephemeral OS disk" });
      continue;
    }
    if (diskId === undefined) {
      found.push({ diskId: name, reason: "not a managed disk" });
      continue;
    }
    if (booleanAt(slot, "writeAcceleratorEnabled") === true) {
      found.push({ diskId, reason: "Write Accelerator enabled" });
    }
    const disk = await ctx.getJson(ctx.urlForId(diskId, ctx.diskApiVersion), abortSignal);
    const maxShares = numberAt(objectAt(disk, "properties"), "maxShares") ?? 1;
    if (maxShares > 1) found.push({ diskId, reason: `shared disk (maxShares ${maxShares})` });
    const sku = stringAt(objectAt(disk, "sku"), "name");
    if (sku === "PremiumV2_LRS") found.push({ diskId, reason: "Premium SSD v2 disk" });
    if (sku === "UltraSSD_LRS") found.push({ diskId, reason: "Ultra disk" });
  }
  return found;
}

async function setSwitch(
  ctx: ArmContext,
  vmId: string,
  isEnabled: boolean,
  abortSignal: AbortSignalLike | undefined,
): Promise<boolean> {
  const response = await ctx.send({
    method: "PATCH",
    url: ctx.urlForId(vmId, PERIODIC_API_VERSION),
    body: { properties: { resiliencyProfile: { periodicRestorePoints: { isEnabled } } } },
    abortSignal,
  });
  const body = response.body;
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? isEnabledIn(body as JsonObject)
    : isEnabled;
}

/**
 * Turns Basic data protection on for a VM (preview): the platform then takes one crash-consistent
 * restore point of it a day, kept 5 days, in a collection of its own. Checks the preview's rules
 * first and refuses, before the PATCH, a VM outside its regions or with an ephemeral OS disk, an
 * unmanaged, shared, write-accelerated, Premium SSD v2 or Ultra disk. Does nothing when it is on.
 *
 * `runProtection` and `protectionStatus` count these platform points toward a policy's RPO; the
 * policy's retention never deletes them.
 *
 * @param client - the client (its pipeline; the VM may be in another subscription)
 * @param vmId - the VM's ARM id
 * @param options - `regions`, `abortSignal`
 * @returns the switch's state
 * @throws RegionNotSupportedError when the VM's region is not in `regions`
 * @throws UnsupportedDiskError naming every disk the preview cannot protect
 * @throws TypeError for a malformed id or options (before any request)
 *
 * @example
 * ```ts
 * const state = await enableBasicDataProtection(client, vmId);
 * console.log(state.isEnabled, state.changed);
 * ```
 *
 * @beta
 */
export async function enableBasicDataProtection(
  client: RestorePointClient,
  vmId: string,
  options: BasicDataProtectionSwitchOptions = {},
): Promise<BasicDataProtectionState> {
  const opts = checkArguments(vmId, options);
  const base = contextOfClient(client).withSubscription(parseResourceId(vmId).subscriptionId);
  return withSpan(base, "enableBasicDataProtection", opts, (ctx) =>
    flipSwitch(ctx, vmId, true, opts, (vm) => checkPreviewSupports(ctx, vm, vmId, opts)),
  );
}

/**
 * Reads the VM and, unless its switch already is `on`, runs `precheck` and sets it: a VM that is
 * already in the wanted state gets no write.
 */
async function flipSwitch(
  ctx: ArmContext,
  vmId: string,
  on: boolean,
  opts: BasicDataProtectionSwitchOptions,
  precheck?: (vm: JsonObject) => Promise<void>,
): Promise<BasicDataProtectionState> {
  const vm = await ctx.getJson(ctx.urlForId(vmId, PERIODIC_API_VERSION), opts.abortSignal);
  if (isEnabledIn(vm) === on) return { vmId, isEnabled: on, changed: false };
  await precheck?.(vm);
  const isEnabled = await setSwitch(ctx, vmId, on, opts.abortSignal);
  return { vmId, isEnabled, changed: true };
}

/** The preview's pre-checks before turning it on: its regions and the disks it supports. */
async function checkPreviewSupports(
  ctx: ArmContext,
  vm: JsonObject,
  vmId: string,
  opts: BasicDataProtectionSwitchOptions,
): Promise<void> {
  const location = stringAt(vm, "location") ?? "";
  const regions = opts.regions ?? BASIC_DATA_PROTECTION_REGIONS;
  if (regions !== "any" && !regions.some((r) => normalize(r) === normalize(location))) {
    throw new RegionNotSupportedError({
      region: normalize(location),
      supportedRegions: regions.map(normalize),
      message:
        `Basic data protection (preview) is not available in region '${location}'. ` +
        `Supported: ${regions.join(", ")}; pass regions: "any" if Azure has added the region.`,
    });
  }
  const disks = await unsupportedDisks(ctx, vm, opts.abortSignal);
  if (disks.length > 0) {
    throw new UnsupportedDiskError({
      disks,
      message:
        `Basic data protection (preview) cannot protect VM '${stringAt(vm, "name") ?? vmId}': ` +
        disks.map((d) => `'${d.diskId}' (${d.reason})`).join(", ") +
        ". The preview supports VMs whose disks are all managed, unshared, without Write Accelerator, and not Premium SSD v2 or Ultra.",
    });
  }
}

/**
 * Turns Basic data protection off for a VM (preview). The platform stops taking points; the
 * points it already took stay until you delete them (as the preview documents).
 *
 * @param client - the client
 * @param vmId - the VM's ARM id
 * @param options - `abortSignal`
 * @returns the switch's state
 * @throws TypeError for a malformed id or options (before any request)
 *
 * @example
 * ```ts
 * await disableBasicDataProtection(client, vmId);
 * ```
 *
 * @beta
 */
export async function disableBasicDataProtection(
  client: RestorePointClient,
  vmId: string,
  options: BasicDataProtectionSwitchOptions = {},
): Promise<BasicDataProtectionState> {
  const opts = checkArguments(vmId, options);
  const base = contextOfClient(client).withSubscription(parseResourceId(vmId).subscriptionId);
  return withSpan(base, "disableBasicDataProtection", opts, (ctx) => flipSwitch(ctx, vmId, false, opts));
}
