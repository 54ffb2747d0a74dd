/**
 * The protection status from facts: per VM the newest good point per region and its age against
 * the RPO, the copies still pending, the last failure, and the timeline for the report. Pure, like
 * the planner (whose copy decisions give the copies that are due).
 */
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import { normalizeRegion } from "../regions.js";
import type { OwnPoint } from "./planCore.js";
import { isFailed, isInProgress, isSucceeded, ownRegion, planVm } from "./planCore.js";
import type { ProtectionPolicy } from "./policyTypes.js";
import type { ProtectedVmFacts, ProtectionFacts } from "./protectionFacts.js";
import type { ResolvedPolicy } from "./resolvePolicy.js";
import { resolvePolicy, rpoAt } from "./resolvePolicy.js";
import type {
  PendingCopy,
  ProtectionStatus,
  RegionProtectionStatus,
  TimelinePoint,
  VmProtectionState,
  VmProtectionStatus,
} from "./statusTypes.js";

/**
 * The protection status from facts: see {@link ProtectionStatus}.
 *
 * @param policy - the policy (checked here)
 * @param facts - the selected VMs with their collections and points, and the time
 * @returns the status, one entry per VM in VM id order
 * @throws ProtectionPolicyError for an invalid policy
 *
 * @public
 */
export function protectionStatusFromFacts(
  policy: ProtectionPolicy,
  facts: ProtectionFacts,
): ProtectionStatus {
  const resolved = resolvePolicy(policy);
  const now = facts.now;
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError("facts.now must be a valid Date");
  const rpoMs = rpoAt(resolved, now);
  const slot = resolved.schedule.slotAtOrBefore(now);
  const nextSlot = resolved.schedule.slotAfter(now);
  const vms = [...facts.vms]
    .sort((a, b) => (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : 1))
    .map((vm) => vmStatus(resolved, vm, now, rpoMs, slot, nextSlot));
  const count = (state: VmProtectionState): number => vms.filter((v) => v.state === state).length;
  return {
    policy: resolved.name,
    now,
    rpoMs,
    summary: {
      total: vms.length,
      protected: count("protected"),
      outOfRpo: count("outOfRpo"),
      failing: count("failing"),
    },
    vms,
  };
}

function vmStatus(
  policy: ResolvedPolicy,
  vm: ProtectedVmFacts,
  now: Date,
  rpoMs: number,
  slot: Date | undefined,
  nextSlot: Date | undefined,
): VmProtectionStatus {
  const home = normalizeRegion(vm.location);
  const regionNames = [home, ...policy.copyRegions.filter((r) => r !== home)];
  const timeline: TimelinePoint[] = [];
  const regions: RegionProtectionStatus[] = [];
  const pendingCopies: PendingCopy[] = [];
  let lastFailure: VmProtectionStatus["lastFailure"];
  for (const region of regionNames) {
    const own = ownRegion(policy, vm, region);
    const platform = platformPoints(vm, region);
    const all: Array<{ point: VmRestorePoint; time: Date; kind: "policy" | "platform" }> = [
      ...own.points.map((p: OwnPoint) => ({ point: p.point, time: p.slot, kind: "policy" as const })),
      ...platform,
    ];
    all.sort((a, b) => b.time.getTime() - a.time.getTime());
    for (const entry of all) {
      timeline.push({
        restorePointName: entry.point.name,
        region,
        time: entry.time,
        kind: entry.kind,
        state: isFailed(entry.point) ? "failed" : isInProgress(entry.point) ? "inProgress" : "succeeded",
      });
      if (
        entry.kind === "policy" &&
        isFailed(entry.point) &&
        (lastFailure === undefined || lastFailure.time < entry.time)
      ) {
        lastFailure = { restorePointName: entry.point.name, region, time: entry.time };
      }
      if (region !== home && entry.kind === "policy" && isInProgress(entry.point)) {
        const percent = entry.point.replication?.percentComplete;
        pendingCopies.push({
          region,
          restorePointName: entry.point.name,
          state: "replicating",
          ...(percent === undefined ? {} : { percentComplete: percent }),
        });
      }
    }
    const good = all.filter((e) => isSucceeded(e.point));
    const newest = good[0];
    regions.push({
      region,
      isSource: region === home,
      ...(newest === undefined
        ? {}
        : {
            newest: {
              restorePointName: newest.point.name,
              time: newest.time,
              kind: newest.kind,
              ageMs: now.getTime() - newest.time.getTime(),
            },
          }),
      pointCount: good.length,
    });
  }
  for (const copy of planVm(policy, vm, now, slot, nextSlot).copies) {
    pendingCopies.push({ region: copy.region, restorePointName: copy.restorePointName, state: "due" });
  }
  const newestAgeMs = regions[0]?.newest?.ageMs;
  const newestOwn = ownRegion(policy, vm, home).points[0];
  const state: VmProtectionState =
    newestOwn !== undefined && isFailed(newestOwn.point)
      ? "failing"
      : newestAgeMs === undefined || newestAgeMs > rpoMs
        ? "outOfRpo"
        : "protected";
  timeline.sort((a, b) => a.time.getTime() - b.time.getTime());
  return {
    vmId: vm.id,
    vmName: vm.name,
    subscriptionId: vm.subscriptionId,
    resourceGroup: vm.resourceGroup,
    location: home,
    state,
    ...(newestAgeMs === undefined ? {} : { newestAgeMs }),
    regions,
    pendingCopies,
    ...(lastFailure === undefined ? {} : { lastFailure }),
    timeline,
  };
}

/** Basic data protection's points in a region, dated by their creation. */
function platformPoints(
  vm: ProtectedVmFacts,
  region: string,
): Array<{ point: VmRestorePoint; time: Date; kind: "platform" }> {
  return vm.collections
    .filter((c) => c.platform === true && normalizeRegion(c.location) === region)
    .flatMap((c) => c.points)
    .filter((p) => p.createdOn !== undefined)
    .map((point) => ({ point, time: point.createdOn ?? new Date(0), kind: "platform" as const }));
}
