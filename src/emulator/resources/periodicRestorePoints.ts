/**
 * Basic data protection (preview): a VM's `properties.resiliencyProfile.periodicRestorePoints.isEnabled`
 * switch, and the platform's daily crash-consistent restore points it turns on.
 *
 * The wire (Azure/basic-data-protection-for-Azure-VMs, 2025): the switch is set with a VM PATCH (or
 * PUT) at Compute api-version 2025-04-01 or later and shows in the VM model from then on. Older
 * api-versions know no such property: the emulator ignores it in their requests and leaves it out
 * of their answers, as the Compute RP does with properties of later versions.
 *
 * What the platform does, with the emulator's defaults (see `BasicDataProtectionOptions`): turning
 * the switch on checks the preview's rules (region; no ephemeral OS, write-accelerated, shared,
 * Premium SSD v2, Ultra or unmanaged disk); the first restore point comes `firstPointDelayMs`
 * (3 h) later, then one every `intervalMs` (24 h), each of every disk, crash-consistent, named
 * `rp-<yyyyMMdd-HHmmss>` of its UTC creation time (the form of the preview's restore script
 * example), in a collection the platform creates in the VM's resource group and region
 * (`collectionName`, an assumption). A platform point is deleted once its age reaches
 * `retentionMs` (5 days), unless a disk of it has an active SAS (then at a later moment). Turning
 * the switch off stops both; the points already taken stay (the preview tells users to delete
 * them). Restore points users create are never pruned.
 *
 * Everything runs on the emulator's clock when a request (or `emu.advanceTime`) brings the state up
 * to date: the platform's moments are played in time order, with the operations due before each.
 */
import { randomUUID } from "node:crypto";
import { armErrors } from "../armErrors.js";
import type { HandlerContext } from "../http.js";
import { azureTimestamp, OperationFailure } from "../operations.js";
import {
  keyOf,
  normalizeLocation,
  sameId,
  type CollectionRecord,
  type DiskRecord,
  type RestorePointRecord,
  type VirtualMachineRecord,
  type VmDataDiskSlot,
  type VmDiskSlot,
} from "../state.js";
import { unsupportedReason } from "./captureRules.js";
import { collectionId } from "./collections.js";
import { objectAt, optionalBoolean, type JsonObject } from "./common.js";
import { completeCapture } from "./restorePointEffects.js";
import { removeRestorePoint, restorePointId, snapshotVm, vmDisks } from "./restorePointModel.js";
import { renderVirtualMachine, type RenderVmOptions } from "./vmRender.js";

/** The first Compute api-version with `resiliencyProfile.periodicRestorePoints`. */
export const PERIODIC_RESTORE_POINTS_API_VERSION = "2025-04-01";

const SWITCH = "properties.resiliencyProfile.periodicRestorePoints.isEnabled";

function knowsSwitch(apiVersion: string): boolean {
  return apiVersion.slice(0, 10) >= PERIODIC_RESTORE_POINTS_API_VERSION;
}

/** A VM as an answer of `apiVersion` shows it: with the switch from 2025-04-01 on, once it was set. */
export function renderVmForApiVersion(
  vm: VirtualMachineRecord,
  context: HandlerContext,
  apiVersion: string,
  options: RenderVmOptions = {},
): Record<string, unknown> {
  const body = renderVirtualMachine(vm, context, options);
  if (vm.periodicRestorePoints !== undefined && knowsSwitch(apiVersion)) {
    const properties = body.properties as JsonObject;
    properties.resiliencyProfile = {
      periodicRestorePoints: { isEnabled: vm.periodicRestorePoints.isEnabled },
    };
  }
  return body;
}

/**
 * The switch a VM PUT or PATCH sets, or `undefined` when it leaves it alone (an absent switch, or an
 * api-version before 2025-04-01). Throws the Compute RP's 400 for a malformed one.
 */
export function readPeriodicSwitch(properties: JsonObject, apiVersion: string): boolean | undefined {
  if (!knowsSwitch(apiVersion)) return undefined;
  const resiliency = objectAt(properties, "resiliencyProfile", "properties.resiliencyProfile");
  const periodic = objectAt(
    resiliency,
    "periodicRestorePoints",
    "properties.resiliencyProfile.periodicRestorePoints",
  );
  return optionalBoolean(periodic, "isEnabled", SWITCH);
}

/** The VM a request is about to make, as far as the switch's rules look at it. */
export interface SwitchCandidate {
  readonly name: string;
  readonly location: string;
  readonly osDisk: VmDiskSlot;
  readonly dataDisks: readonly VmDataDiskSlot[];
  /** The managed disk of an id: a disk the request creates, or one that exists. */
  readonly diskOf: (id: string) => DiskRecord | undefined;
}

/**
 * Refuses to turn the switch on for a VM the preview does not support, naming every reason.
 * Nothing is checked when the switch does not change.
 */
export function checkPeriodicSwitch(
  context: HandlerContext,
  candidate: SwitchCandidate,
  current: VirtualMachineRecord | undefined,
  isEnabled: boolean | undefined,
): void {
  if (isEnabled !== true || current?.periodicRestorePoints?.isEnabled === true) return;
  const reasons: string[] = [];
  const { regions } = context.options.basicDataProtection;
  const location = normalizeLocation(candidate.location);
  if (regions !== "any" && !regions.some((region) => normalizeLocation(region) === location)) {
    reasons.push(`region '${candidate.location}' is not supported (supported: ${regions.join(", ")})`);
  }
  for (const slot of [candidate.osDisk, ...candidate.dataDisks]) {
    const disk = slot.diskId === undefined ? undefined : candidate.diskOf(slot.diskId);
    if (slot.ephemeral === true) reasons.push(`disk '${slot.name}' is an ephemeral OS disk`);
    else if (slot.diskId === undefined) reasons.push(`disk '${slot.name}' is not a managed disk`);
    if (slot.writeAcceleratorEnabled) reasons.push(`disk '${slot.name}' uses Write Accelerator`);
    if (disk !== undefined && (disk.maxShares ?? 1) > 1) reasons.push(`disk '${slot.name}' is a shared disk`);
    if (disk?.sku === "PremiumV2_LRS" || disk?.sku === "UltraSSD_LRS") {
      reasons.push(
        `disk '${slot.name}' is a ${disk.sku === "UltraSSD_LRS" ? "Ultra" : "Premium SSD v2"} disk`,
      );
    }
  }
  if (reasons.length > 0) {
    throw armErrors.badRequest(
      `Periodic restore points (Basic data protection) cannot be enabled on virtual machine '${candidate.name}': ${reasons.join("; ")}.`,
      SWITCH,
    );
  }
}

/** Sets the switch on a VM (after {@link checkPeriodicSwitch}); turning it on schedules the first point. */
export function applyPeriodicSwitch(
  vm: VirtualMachineRecord,
  isEnabled: boolean | undefined,
  context: HandlerContext,
): void {
  if (isEnabled === undefined) return;
  const current = vm.periodicRestorePoints;
  if (isEnabled) {
    if (current?.isEnabled === true) return;
    vm.periodicRestorePoints = {
      ...current,
      isEnabled: true,
      nextAt: context.now + context.options.basicDataProtection.firstPointDelayMs,
    };
  } else if (current !== undefined) {
    current.isEnabled = false;
    delete current.nextAt;
  } else {
    vm.periodicRestorePoints = { isEnabled: false };
  }
}

interface Moment {
  readonly at: number;
  readonly vmKey: string;
}

/**
 * Brings the state up to `context.now`: plays every platform moment that has come (each after the
 * operations due before it), then completes the operations due by now and prunes what has aged.
 */
export function settleInTime(context: HandlerContext): void {
  const { state, operations } = context;
  const { intervalMs } = context.options.basicDataProtection;
  const moments: Moment[] = [];
  for (const [vmKey, vm] of Object.entries(state.virtualMachines)) {
    const periodic = vm.periodicRestorePoints;
    if (periodic?.isEnabled !== true || periodic.nextAt === undefined) continue;
    for (let at = periodic.nextAt; at <= context.now; at += intervalMs) moments.push({ at, vmKey });
  }
  if (moments.length > 0) {
    moments.sort((a, b) => a.at - b.at);
    // Effects never start operations, so the pending ones only get fewer as moments are played.
    let pending = Object.values(state.operations)
      .filter((op) => op.status === "InProgress")
      .map((op) => op.dueAt)
      .sort((a, b) => a - b);
    const captures = captureCounts(context);
    for (const { at, vmKey } of moments) {
      const moment: HandlerContext = { ...context, now: at };
      if (pending.length > 0 && (pending[0] ?? Infinity) <= at) {
        operations.settle(moment);
        pending = pending.filter((due) => due > at);
      }
      const vm = state.virtualMachines[vmKey];
      if (vm?.periodicRestorePoints?.isEnabled !== true) continue;
      vm.periodicRestorePoints.nextAt = at + intervalMs;
      if (takePlatformRestorePoint(moment, vm, captures.get(vmKey) ?? 0)) {
        captures.set(vmKey, (captures.get(vmKey) ?? 0) + 1);
      }
      captures.set(vmKey, (captures.get(vmKey) ?? 0) - prunePlatformRestorePoints(moment, vm));
    }
  }
  operations.settle(context);
  for (const vm of Object.values(state.virtualMachines)) {
    if (vm.periodicRestorePoints?.isEnabled === true) prunePlatformRestorePoints(context, vm);
  }
}

/** Captures (not copies) per VM key, for the per-VM restore point limit. */
function captureCounts(context: HandlerContext): Map<string, number> {
  const counts = new Map<string, number>();
  for (const point of Object.values(context.state.restorePoints)) {
    if (point.sourceRestorePointId !== undefined) continue;
    const key = keyOf(point.sourceVmId);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function subscriptionOf(id: string): string {
  return /^\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? "";
}

/** The VM's platform collection, created when missing; undefined when its name is taken by another source's. */
function platformCollection(context: HandlerContext, vm: VirtualMachineRecord): CollectionRecord | undefined {
  const template = context.options.basicDataProtection.collectionName;
  // Collection names have at most 80 characters: shorten the VM's name rather than fail.
  const room = 80 - (template.length - "{vmName}".length);
  const name = template.replace("{vmName}", vm.name.slice(0, Math.max(1, room)));
  const id = collectionId(subscriptionOf(vm.id), vm.resourceGroup, name);
  const existing = context.state.collections[keyOf(id)];
  if (existing !== undefined) {
    return sameId(existing.sourceId, vm.id) && existing.provisioningState === "Succeeded"
      ? existing
      : undefined;
  }
  const record: CollectionRecord = {
    id,
    name,
    resourceGroup: vm.resourceGroup,
    location: vm.location,
    sourceId: vm.id,
    sourceLocation: vm.location,
    restorePointCollectionId: randomUUID(),
    provisioningState: "Succeeded",
    tags: {},
  };
  context.state.collections[keyOf(id)] = record;
  return record;
}

/** `rp-yyyyMMdd-HHmmss` of a UTC time (with milliseconds when two points share a second). */
function platformPointName(context: HandlerContext, collection: CollectionRecord): string {
  const iso = new Date(context.now).toISOString();
  const base = `rp-${iso.slice(0, 10).replace(/-/g, "")}-${iso.slice(11, 19).replace(/:/g, "")}`;
  const taken = (name: string): boolean =>
    context.state.restorePoints[
      keyOf(restorePointId(subscriptionOf(collection.id), collection.resourceGroup, collection.name, name))
    ] !== undefined;
  return taken(base) ? `${base}-${iso.slice(20, 23)}` : base;
}

/**
 * Takes the platform's restore point of a VM at `context.now`. A VM that cannot have one now (being
 * created or deleted, an unsupported disk attached since, the per-VM limit reached) gets none at
 * this moment, as a platform job that fails leaves nothing behind.
 */
function takePlatformRestorePoint(
  context: HandlerContext,
  vm: VirtualMachineRecord,
  captures: number,
): boolean {
  const { state } = context;
  if (vm.provisioningState === "Deleting" || vm.provisioningState === "Creating") return false;
  const disks = vmDisks(vm);
  if (disks.some((view) => unsupportedReason(context, view, "CrashConsistent") !== undefined)) return false;
  if (captures >= context.options.rules.maxRestorePointsPerVm) return false;
  const collection = platformCollection(context, vm);
  if (collection === undefined) return false;
  const name = platformPointName(context, collection);
  const id = restorePointId(subscriptionOf(collection.id), collection.resourceGroup, collection.name, name);
  const point: RestorePointRecord = {
    id,
    name,
    collectionId: collection.id,
    resourceGroup: collection.resourceGroup,
    location: collection.location,
    provisioningState: "Creating",
    consistencyMode: "CrashConsistent",
    consistencyModeRequested: true,
    excludeDiskIds: [],
    sourceVmId: vm.id,
    sourceMetadata: snapshotVm(state, vm, disks),
    timeCreated: azureTimestamp(context.now),
    sequence: ++state.sequence,
    diskRestorePointIds: [],
    requestFingerprint: "platform",
    vmModelSequence: vm.entitySequence,
    createdBy: "platform",
  };
  state.restorePoints[keyOf(id)] = point;
  try {
    completeCapture(state, point);
  } catch (error) {
    if (!(error instanceof OperationFailure)) throw error;
    removeRestorePoint(state, point);
    return false;
  }
  const periodic = vm.periodicRestorePoints;
  if (periodic !== undefined) periodic.pointIds = [...(periodic.pointIds ?? []), id];
  return true;
}

/** Milliseconds since the epoch of an Azure timestamp (seven fractional digits). */
function timeOf(timestamp: string): number {
  return Date.parse(timestamp.replace(/(\.\d{3})\d*/, "$1"));
}

/**
 * Deletes the VM's platform points whose age has reached the retention, except those with an
 * active SAS; returns how many it deleted. Points deleted by a user meanwhile are forgotten.
 */
function prunePlatformRestorePoints(context: HandlerContext, vm: VirtualMachineRecord): number {
  const { state } = context;
  const periodic = vm.periodicRestorePoints;
  if (periodic?.pointIds === undefined) return 0;
  const cutoff = context.now - context.options.basicDataProtection.retentionMs;
  let deleted = 0;
  periodic.pointIds = periodic.pointIds.filter((id) => {
    const point = state.restorePoints[keyOf(id)];
    if (point === undefined) return false;
    if (point.provisioningState !== "Succeeded" || timeOf(point.timeCreated) > cutoff) return true;
    const inUse = point.diskRestorePointIds.some((diskId) => {
      const access = state.diskRestorePoints[keyOf(diskId)]?.access;
      return access !== undefined && access.expiresAt > context.now;
    });
    if (inUse) return true;
    removeRestorePoint(state, point);
    deleted += 1;
    return false;
  });
  return deleted;
}
