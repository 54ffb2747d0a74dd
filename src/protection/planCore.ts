/**
 * The protection planner: from facts (the selected VMs with their collections and points, and the
 * time) to a plan per VM. Pure: no I/O and no clock, so it is tested without a network and gives
 * the same plan for the same facts on every machine, which is what makes concurrent and repeated
 * runs safe.
 *
 * - A slot's point is `<policy>-<slot>` in the VM's own collection of the policy; it is due when
 *   the latest slot has no point yet and the run is within the slot's window.
 * - A copy is due in a region when the newest good point (counting the one being created) is not
 *   there and, for `daily`/`weekly`, nothing of its day/week is there yet.
 * - Retention runs `planPrune` per region over the policy's own points only (those in the policy's
 *   tagged collections whose names parse as its slots), dated by their slots, with the points this
 *   plan adds counted in: nothing else is ever deleted.
 */
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import { normalizeRegion } from "../regions.js";
import { dayKey, isoWeekKey } from "../retention/calendar.js";
import { planPrune } from "../retention/planPrune.js";
import { collectionNameOf, POLICY_TAG, restorePointNameOf, slotOfPointName } from "./naming.js";
import type {
  PlannedCopy,
  PlannedDeletion,
  PlannedRetention,
  ProtectionPlan,
  ProtectionSkip,
  VmProtectionPlan,
} from "./planTypes.js";
import type { ProtectionPolicy } from "./policyTypes.js";
import type { ProtectedVmFacts, ProtectionCollectionFacts, ProtectionFacts } from "./protectionFacts.js";
import type { ResolvedPolicy } from "./resolvePolicy.js";
import { resolvePolicy } from "./resolvePolicy.js";

/** One of the policy's own points. */
export interface OwnPoint {
  readonly point: VmRestorePoint;
  readonly slot: Date;
  readonly collection: ProtectionCollectionFacts;
}

/** A VM's own collection of the policy in one region, and its points, newest slot first. */
export interface OwnRegion {
  readonly region: string;
  readonly collectionName: string;
  readonly collection: ProtectionCollectionFacts | undefined;
  readonly points: readonly OwnPoint[];
}

/**
 * Plans protection from facts: see {@link ProtectionPlan}. The same facts always give the same plan.
 *
 * @param policy - the policy (checked here)
 * @param facts - the selected VMs with their collections and points, and the time
 * @returns the plan, one entry per VM in VM id order
 * @throws ProtectionPolicyError for an invalid policy
 *
 * @example
 * ```ts
 * const plan = planProtectionFromFacts(policy, { now: new Date(), vms });
 * for (const vm of plan.vms) console.log(vm.vmName, vm.create?.restorePointName ?? vm.skip?.message);
 * ```
 *
 * @public
 */
export function planProtectionFromFacts(policy: ProtectionPolicy, facts: ProtectionFacts): ProtectionPlan {
  const resolved = resolvePolicy(policy);
  const now = checkNow(facts.now);
  const slot = resolved.schedule.slotAtOrBefore(now);
  const nextSlot = resolved.schedule.slotAfter(now);
  const vms = [...facts.vms]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((vm) => planVm(resolved, vm, now, slot, nextSlot));
  return {
    policy: resolved.name,
    now,
    ...(slot === undefined ? {} : { slot }),
    ...(nextSlot === undefined ? {} : { nextSlot }),
    vms,
  };
}

/** Plans one VM; see the file comment. */
export function planVm(
  policy: ResolvedPolicy,
  vm: ProtectedVmFacts,
  now: Date,
  slot: Date | undefined,
  nextSlot: Date | undefined,
): VmProtectionPlan {
  const home = normalizeRegion(vm.location);
  const source = ownRegion(policy, vm, home);
  const { create, skip } = planCreate(policy, source, home, now, slot, nextSlot);
  // The copy candidate: the newest good point, counting the one this plan creates.
  const newestGood = source.points.find((p) => isSucceeded(p.point));
  const candidate =
    create !== undefined
      ? { name: create.restorePointName, slot: create.slot, afterCreate: true }
      : newestGood === undefined
        ? undefined
        : { name: newestGood.point.name, slot: newestGood.slot, afterCreate: false };

  const copies: PlannedCopy[] = [];
  const copySkips: Array<{ region: string; message: string }> = [];
  const targets = new Map<string, OwnRegion>();
  for (const region of policy.copyRegions) {
    if (region === home) {
      copySkips.push({ region, message: `${region} is the VM's own region; no copy needed` });
      continue;
    }
    const target = ownRegion(policy, vm, region);
    targets.set(region, target);
    const decision = planCopy(policy, target, candidate);
    if (typeof decision === "string") copySkips.push({ region, message: decision });
    else copies.push(decision);
  }

  // Sources of copies still replicating stay until the copy has all it needs.
  const busySources = new Map<string, string>();
  for (const target of targets.values()) {
    for (const own of target.points) {
      if (isInProgress(own.point))
        busySources.set(own.point.name.toLowerCase(), "source of a copy in progress");
    }
  }
  const retention: PlannedRetention[] = [];
  const deletions: PlannedDeletion[] = [];
  const regions: Array<[OwnRegion, { name: string; slot: Date } | undefined, Map<string, string>]> = [
    [
      source,
      create === undefined ? undefined : { name: create.restorePointName, slot: create.slot },
      busySources,
    ],
    ...[...targets.values()].map(
      (t): [OwnRegion, { name: string; slot: Date } | undefined, Map<string, string>] => {
        const copy = copies.find((c) => c.region === t.region);
        return [
          t,
          copy === undefined ? undefined : { name: copy.restorePointName, slot: copy.slot },
          new Map<string, string>(),
        ];
      },
    ),
  ];
  for (const [own, added, busy] of regions) {
    const result = planRegionRetention(policy, vm, own, added, busy, now);
    retention.push(result.retention);
    deletions.push(...result.deletions);
  }
  return {
    vmId: vm.id,
    vmName: vm.name,
    subscriptionId: vm.subscriptionId,
    resourceGroup: vm.resourceGroup,
    location: home,
    ...(create === undefined ? {} : { create }),
    ...(skip === undefined ? {} : { skip }),
    copies,
    copySkips,
    deletions,
    retention,
  };
}

function planCreate(
  policy: ResolvedPolicy,
  source: OwnRegion,
  region: string,
  now: Date,
  slot: Date | undefined,
  nextSlot: Date | undefined,
): { create?: VmProtectionPlan["create"]; skip?: ProtectionSkip } {
  const next = nextSlot === undefined ? "" : `; next slot ${minute(nextSlot)}`;
  const withNext = nextSlot === undefined ? {} : { nextSlot };
  if (slot === undefined) {
    return { skip: { reason: "notDue", message: `no slot yet${next}`, ...withNext } };
  }
  const name = restorePointNameOf(policy.name, slot);
  const existing = source.points.find((p) => p.slot.getTime() === slot.getTime());
  if (existing !== undefined) {
    const state = existing.point.provisioningState?.toLowerCase();
    if (state === "creating") {
      return {
        skip: {
          reason: "inProgress",
          message: `slot ${minute(slot)} is being taken (${existing.point.name})${next}`,
          ...withNext,
        },
      };
    }
    if (state === "failed" || state === "canceled") {
      return {
        skip: {
          reason: "failed",
          message: `slot ${minute(slot)} was taken but ${existing.point.name} is ${existing.point.provisioningState ?? ""}${next}`,
          ...withNext,
        },
      };
    }
    return {
      skip: {
        reason: "alreadyTaken",
        message: `slot ${minute(slot)} already taken (${existing.point.name})${next}`,
        ...withNext,
      },
    };
  }
  if (policy.windowMs !== undefined && now.getTime() > slot.getTime() + policy.windowMs) {
    return {
      skip: {
        reason: "windowMissed",
        message: `window of slot ${minute(slot)} closed at ${minute(new Date(slot.getTime() + policy.windowMs))}${next}`,
        ...withNext,
      },
    };
  }
  return {
    create: {
      slot,
      restorePointName: name,
      collectionName: source.collectionName,
      collectionExists: source.collection !== undefined,
      region,
    },
  };
}

function planCopy(
  policy: ResolvedPolicy,
  target: OwnRegion,
  candidate: { name: string; slot: Date; afterCreate: boolean } | undefined,
): PlannedCopy | string {
  if (candidate === undefined) return "no successful point to copy yet";
  const there = target.points.find((p) => p.point.name.toLowerCase() === candidate.name.toLowerCase());
  if (there !== undefined) {
    return isInProgress(there.point)
      ? `${candidate.name} is being copied`
      : `${candidate.name} already copied (${there.point.provisioningState ?? "unknown state"})`;
  }
  let reason = "every slot";
  if (policy.copyEvery !== "slot") {
    const keyOf = policy.copyEvery === "daily" ? dayKey : isoWeekKey;
    const key = keyOf(candidate.slot);
    const sameperiod = target.points.find((p) => keyOf(p.slot) === key && !isFailed(p.point));
    if (sameperiod !== undefined) return `${key} already has ${sameperiod.point.name} (${policy.copyEvery})`;
    // A newer copy than the candidate means the candidate's period is over for this region.
    const newer = target.points.find(
      (p) => p.slot.getTime() > candidate.slot.getTime() && !isFailed(p.point),
    );
    if (newer !== undefined) return `${newer.point.name} is newer than ${candidate.name}`;
    reason = `first point of ${key} (${policy.copyEvery})`;
  }
  return {
    region: target.region,
    restorePointName: candidate.name,
    slot: candidate.slot,
    targetCollectionName: target.collectionName,
    collectionExists: target.collection !== undefined,
    afterCreate: candidate.afterCreate,
    reason,
  };
}

function planRegionRetention(
  policy: ResolvedPolicy,
  vm: ProtectedVmFacts,
  own: OwnRegion,
  added: { name: string; slot: Date } | undefined,
  busy: ReadonlyMap<string, string>,
  now: Date,
): { retention: PlannedRetention; deletions: PlannedDeletion[] } {
  const bySlot = new Map<VmRestorePoint, OwnPoint | undefined>();
  const dated: VmRestorePoint[] = own.points.map((p) => {
    const view = slotDated(p.point, p.slot);
    bySlot.set(view, p);
    return view;
  });
  if (added !== undefined) dated.push(plannedPoint(added.name, added.slot, own));
  if (dated.length === 0) return { retention: { region: own.region, keep: [] }, deletions: [] };
  const plan = planPrune(
    dated,
    { ...policy.retention, now },
    {
      ...(own.collection === undefined ? {} : { collectionTags: own.collection.tags }),
      ...(vm.activeAccess === undefined ? {} : { activeAccess: vm.activeAccess }),
      busy,
    },
  );
  const slotOf = (p: VmRestorePoint): Date => p.createdOn ?? now;
  return {
    retention: {
      region: own.region,
      keep: plan.keep.map((p) => ({
        restorePointName: p.name,
        slot: slotOf(p),
        reason: plan.reasons[p.name] ?? "",
      })),
    },
    deletions: plan.remove
      .filter((p) => bySlot.get(p) !== undefined)
      .map((p) => ({
        region: own.region,
        collectionName: own.collection?.name ?? own.collectionName,
        resourceGroup: own.collection?.resourceGroup ?? vm.resourceGroup,
        restorePointName: p.name,
        slot: slotOf(p),
        rule: plan.reasons[p.name] ?? "",
      })),
  };
}

/**
 * The VM's own collection of the policy in `region` (its deterministic name, tagged with the
 * policy) and the points in it named after the policy's slots, newest first.
 */
export function ownRegion(policy: ResolvedPolicy, vm: ProtectedVmFacts, region: string): OwnRegion {
  const collectionName = collectionNameOf(vm.name, policy.name, region);
  const collection = vm.collections.find(
    (c) =>
      c.platform !== true &&
      c.name.toLowerCase() === collectionName.toLowerCase() &&
      normalizeRegion(c.location) === region &&
      isPolicyCollection(c, policy.name),
  );
  const points: OwnPoint[] = [];
  for (const point of collection?.points ?? []) {
    const slot = slotOfPointName(policy.name, point.name);
    if (slot !== undefined && collection !== undefined) points.push({ point, slot, collection });
  }
  points.sort((a, b) => b.slot.getTime() - a.slot.getTime());
  return { region, collectionName, collection, points };
}

/** Whether a collection carries the policy's tag (tag names compare case-insensitively, as in ARM). */
export function isPolicyCollection(collection: ProtectionCollectionFacts, policyName: string): boolean {
  const value = Object.entries(collection.tags).find(([k]) => k.toLowerCase() === POLICY_TAG)?.[1];
  return value !== undefined && value.toLowerCase() === policyName.toLowerCase();
}

/** A view of a point dated by its slot, for the calendar rules; everything else as the point says. */
function slotDated(point: VmRestorePoint, slot: Date): VmRestorePoint {
  return {
    id: point.id,
    name: point.name,
    collectionName: point.collectionName,
    resourceGroup: point.resourceGroup,
    createdOn: slot,
    ...(point.provisioningState === undefined ? {} : { provisioningState: point.provisioningState }),
    excludedDiskIds: point.excludedDiskIds,
    raw: point.raw,
    // Read only when an active SAS is checked: building the disk list costs.
    get diskRestorePoints() {
      return point.diskRestorePoints;
    },
  };
}

/** The point this plan creates or copies, as retention should count it. */
function plannedPoint(name: string, slot: Date, own: OwnRegion): VmRestorePoint {
  return {
    id: `${own.collection?.id ?? own.collectionName}/restorePoints/${name}`,
    name,
    collectionName: own.collectionName,
    resourceGroup: own.collection?.resourceGroup ?? "",
    createdOn: slot,
    provisioningState: "Succeeded",
    excludedDiskIds: [],
    diskRestorePoints: [],
    raw: {},
  };
}

export function isSucceeded(point: VmRestorePoint): boolean {
  const state = point.provisioningState?.toLowerCase();
  return (state === undefined || state === "succeeded") && point.replication?.state !== "InProgress";
}

export function isFailed(point: VmRestorePoint): boolean {
  const state = point.provisioningState?.toLowerCase();
  return state === "failed" || state === "canceled" || point.replication?.state === "Failed";
}

export function isInProgress(point: VmRestorePoint): boolean {
  return point.provisioningState?.toLowerCase() === "creating" || point.replication?.state === "InProgress";
}

/** `2026-11-25T08:00Z` */
export function minute(date: Date): string {
  return `${date.toISOString().slice(0, 16)}Z`;
}

function compareIds(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function checkNow(now: unknown): Date {
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError("facts.now must be a valid Date");
  return now;
}
