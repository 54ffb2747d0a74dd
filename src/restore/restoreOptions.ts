/**
 * Validation of `restoreVm` / `restoreVmInPlace` options: TypeError or RangeError before any
 * request, as everywhere in the SDK.
 */
import type { AbortSignalLike } from "@azure/abort-controller";
import { DISK_SKUS } from "../models/common.js";
import type { RestoreVmOptions, RestoreVmProgressEvent } from "./restoreVmTypes.js";
import type { ArmContext } from "../internal/armContext.js";
import {
  validateIntegerInRange,
  validateNonEmptyString,
  validateOpenEnum,
  validateOptionalBoolean,
  validateOptionalInterval,
  validateOptionalString,
  validateOptionalTags,
  validateOptionsBag,
  validateResourceGroupName,
  validateResourceName,
  describe,
} from "../internal/validation.js";
import type { DiskSku } from "../models/common.js";
import { parseResourceId, parseResourceIdOfType } from "../resourceId.js";
import { RESTORE_OPERATION_TAG } from "./operationTag.js";
import type { RestoreVmInPlaceOptions } from "./restoreVmInPlaceTypes.js";

/** Disks restored at once unless told otherwise: every disk of most VMs in one wave. */
export const DEFAULT_RESTORE_CONCURRENCY = 16;
const CONCURRENCY_RANGE = { min: 1, max: 64 } as const;
// The only shape a subnet id has; anything before, between or after these segments is refused.
const SUBNET_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i;

/** The restore point a restore reads, split into its parts. */
export interface RestorePointRef {
  readonly id: string;
  readonly resourceGroup: string;
  readonly collectionName: string;
  readonly restorePointName: string;
}

/** What both restores share, validated. */
export interface CommonRestoreRequest {
  readonly restorePoint: RestorePointRef;
  readonly diskSku: DiskSku | undefined;
  readonly rollbackOnFailure: boolean;
  readonly allowIncompleteReplication: boolean;
  readonly maxConcurrency: number;
  readonly updateIntervalInMs: number | undefined;
  readonly tags: Readonly<Record<string, string>>;
  readonly onProgress: ((event: RestoreVmProgressEvent) => void) | undefined;
  readonly abortSignal: AbortSignalLike | undefined;
}

/** `restoreVm` options, validated. */
export interface RestoreVmRequest extends CommonRestoreRequest {
  readonly vmName: string;
  readonly resourceGroup: string;
  readonly networkInterfaceIds: readonly string[] | undefined;
  readonly subnetId: string | undefined;
  readonly vmSize: string | undefined;
  readonly zone: string | undefined;
  readonly allowMissingDisks: boolean;
}

/** `restoreVmInPlace` options, validated. */
export interface RestoreVmInPlaceRequest extends CommonRestoreRequest {
  readonly vm: { readonly id: string; readonly resourceGroup: string; readonly name: string };
  readonly keepOriginalDisks: boolean;
}

function validateCommon(ctx: ArmContext, opts: Partial<RestoreVmOptions>): CommonRestoreRequest {
  const point = parseResourceIdOfType(
    opts.restorePointId,
    "restorePointId",
    "Microsoft.Compute/restorePointCollections/restorePoints",
  );
  checkSubscription(ctx, point.subscriptionId, "restorePointId");
  if (opts.onProgress !== undefined && typeof opts.onProgress !== "function") {
    throw new TypeError(`onProgress must be a function, got ${describe(opts.onProgress)}`);
  }
  const tags = validateOptionalTags(opts.tags) ?? {};
  if (Object.keys(tags).some((k) => k.toLowerCase() === RESTORE_OPERATION_TAG)) {
    throw new RangeError(`tags must not set '${RESTORE_OPERATION_TAG}': the restore sets it itself`);
  }
  return {
    restorePoint: {
      id: point.id,
      resourceGroup: point.resourceGroup,
      collectionName: point.collectionName ?? "",
      restorePointName: point.restorePointName ?? "",
    },
    diskSku: validateOpenEnum(opts.diskSku, "diskSku", DISK_SKUS),
    rollbackOnFailure: validateOptionalBoolean(opts.rollbackOnFailure, "rollbackOnFailure") ?? true,
    allowIncompleteReplication:
      validateOptionalBoolean(opts.allowIncompleteReplication, "allowIncompleteReplication") === true,
    maxConcurrency:
      opts.maxConcurrency === undefined
        ? DEFAULT_RESTORE_CONCURRENCY
        : validateIntegerInRange(opts.maxConcurrency, "maxConcurrency", CONCURRENCY_RANGE),
    updateIntervalInMs: validateOptionalInterval(opts.updateIntervalInMs, "updateIntervalInMs"),
    tags,
    onProgress: opts.onProgress,
    abortSignal: opts.abortSignal,
  };
}

function checkSubscription(ctx: ArmContext, subscriptionId: string, what: string): void {
  if (subscriptionId.toLowerCase() !== ctx.subscriptionId.toLowerCase()) {
    throw new RangeError(
      `${what} is in subscription ${subscriptionId}, but this client works in ${ctx.subscriptionId}; ` +
        "use a client of that subscription",
    );
  }
}

/** Validates `restoreVm` options. */
export function normalizeRestoreVmOptions(ctx: ArmContext, options: RestoreVmOptions): RestoreVmRequest {
  const opts = validateOptionsBag(options, "options") as Partial<RestoreVmOptions>;
  const common = validateCommon(ctx, opts);
  const vmName = validateResourceName(opts.vmName, "vmName", "virtualMachine");
  if ((opts.networkInterfaceIds === undefined) === (opts.subnetId === undefined)) {
    throw new TypeError(
      "Give exactly one of networkInterfaceIds (existing NICs) and subnetId (a new NIC is created)",
    );
  }
  return {
    ...common,
    vmName,
    resourceGroup:
      opts.resourceGroup === undefined
        ? common.restorePoint.resourceGroup
        : validateResourceGroupName(opts.resourceGroup),
    networkInterfaceIds: validateNicIds(ctx, opts.networkInterfaceIds),
    subnetId: opts.subnetId === undefined ? undefined : validateSubnetId(ctx, opts.subnetId),
    vmSize: validateOptionalString(opts.vmSize, "vmSize"),
    zone: validateOptionalString(opts.zone, "zone"),
    allowMissingDisks: validateOptionalBoolean(opts.allowMissingDisks, "allowMissingDisks") === true,
  };
}

/**
 * A subnet id, parsed strictly: exactly
 * `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}`
 * in this client's subscription, every name keeping Azure's rules, nothing trailing.
 */
function validateSubnetId(ctx: ArmContext, value: unknown): string {
  const id = validateNonEmptyString(value, "subnetId");
  const fail = (why: string): never => {
    throw new TypeError(
      `subnetId must be /subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}; ${why}, got ${describe(id)}`,
    );
  };
  parseResourceId(id);
  const match = SUBNET_ID.exec(id) ?? fail("it has another shape or trailing text");
  const [, subscriptionId = "", resourceGroup, vnet, subnet] = match;
  checkSubscription(ctx, subscriptionId, "subnetId");
  validateResourceGroupName(resourceGroup, "subnetId's resource group");
  validateResourceName(vnet, "subnetId's virtual network name", "virtualNetwork");
  validateResourceName(subnet, "subnetId's subnet name", "subnet");
  return id;
}

function validateNicIds(ctx: ArmContext, value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    throw new TypeError("networkInterfaceIds must be a non-empty array of network interface ids");
  }
  const ids = (value as unknown[]).map((id, i) => {
    const parsed = parseResourceIdOfType(
      id,
      `networkInterfaceIds[${i}]`,
      "Microsoft.Network/networkInterfaces",
    );
    checkSubscription(ctx, parsed.subscriptionId, `networkInterfaceIds[${i}]`);
    return parsed.id;
  });
  if (new Set(ids.map((id) => id.toLowerCase())).size !== ids.length) {
    throw new RangeError("networkInterfaceIds lists a network interface more than once");
  }
  return Object.freeze(ids);
}

/** Validates `restoreVmInPlace` options. */
export function normalizeRestoreVmInPlaceOptions(
  ctx: ArmContext,
  options: RestoreVmInPlaceOptions,
): RestoreVmInPlaceRequest {
  const opts = validateOptionsBag(options, "options") as Partial<RestoreVmInPlaceOptions>;
  const common = validateCommon(ctx, opts);
  const vm = parseResourceIdOfType(opts.vmId, "vmId", "Microsoft.Compute/virtualMachines");
  checkSubscription(ctx, vm.subscriptionId, "vmId");
  return {
    ...common,
    vm: { id: vm.id, resourceGroup: vm.resourceGroup, name: vm.name },
    keepOriginalDisks: validateOptionalBoolean(opts.keepOriginalDisks, "keepOriginalDisks") ?? true,
  };
}
