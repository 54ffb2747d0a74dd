/**
 * A checked policy in the form the planner works with: the schedule ready to enumerate, durations
 * in ms, regions normalised, the retention rules as `planPrune` takes them. Cached per policy
 * object, since a run plans thousands of VMs with one policy.
 */
import { normalizeRegion } from "../regions.js";
import type { RetentionPolicy } from "../retention/retentionTypes.js";
import type { ProtectionPolicy } from "./policyTypes.js";
import type { SlotSchedule } from "./schedule.js";
import { cronSchedule, intervalSchedule } from "./schedule.js";
import { durationMs, validateProtectionPolicy } from "./validatePolicy.js";

const HOUR_MS = 3_600_000;

/** See the file comment. */
export interface ResolvedPolicy {
  readonly source: ProtectionPolicy;
  readonly name: string;
  readonly schedule: SlotSchedule;
  /** How long after its start a slot may be taken; `undefined`: until the next slot. */
  readonly windowMs: number | undefined;
  /** `undefined`: twice the gap between the current and the next slot. */
  readonly rpoMs: number | undefined;
  readonly copyRegions: readonly string[];
  readonly copyEvery: "slot" | "daily" | "weekly";
  readonly waitForReplication: boolean;
  /** Without `now`: the planner adds it. */
  readonly retention: RetentionPolicy;
}

const cache = new WeakMap<ProtectionPolicy, ResolvedPolicy>();

/**
 * Checks (once per object) and resolves a policy.
 *
 * @throws ProtectionPolicyError for an invalid policy
 */
export function resolvePolicy(policy: ProtectionPolicy): ResolvedPolicy {
  if (typeof policy === "object" && (policy as unknown) !== null) {
    const cached = cache.get(policy);
    if (cached !== undefined) return cached;
  }
  const checked = validateProtectionPolicy(policy);
  const { schedule, retention } = checked;
  const slots =
    schedule.cron !== undefined
      ? cronSchedule(schedule.cron, schedule.timeZone ?? "UTC")
      : schedule.everyHours !== undefined
        ? intervalSchedule(schedule.everyHours * HOUR_MS, `every ${plural(schedule.everyHours, "hour")}`)
        : intervalSchedule(
            (schedule.everyMinutes ?? 60) * 60_000,
            `every ${plural(schedule.everyMinutes ?? 60, "minute")}`,
          );
  const resolved: ResolvedPolicy = Object.freeze({
    source: checked,
    name: checked.name,
    schedule: slots,
    windowMs: schedule.window === undefined ? undefined : durationMs(schedule.window),
    rpoMs: checked.rpo === undefined ? undefined : durationMs(checked.rpo),
    copyRegions: Object.freeze([...new Set((checked.copy?.regions ?? []).map(normalizeRegion))]),
    copyEvery: checked.copy?.every ?? "slot",
    waitForReplication: checked.copy?.waitForReplication === true,
    retention: Object.freeze({
      ...(retention.keepLast === undefined ? {} : { keepLast: retention.keepLast }),
      ...(retention.keepDaily === undefined ? {} : { keepDaily: retention.keepDaily }),
      ...(retention.keepWeekly === undefined ? {} : { keepWeekly: retention.keepWeekly }),
      ...(retention.keepMonthly === undefined ? {} : { keepMonthly: retention.keepMonthly }),
      ...(retention.maxAgeDays === undefined ? {} : { maxAgeInDays: retention.maxAgeDays }),
      ...(retention.protectedTag === undefined ? {} : { protectedTag: retention.protectedTag }),
    }),
  });
  cache.set(policy, resolved);
  return resolved;
}

/** The RPO in force at `now`: the policy's, or twice the gap between the current and next slot. */
export function rpoAt(policy: ResolvedPolicy, now: Date): number {
  if (policy.rpoMs !== undefined) return policy.rpoMs;
  const slot = policy.schedule.slotAtOrBefore(now) ?? now;
  const next = policy.schedule.slotAfter(slot);
  return next === undefined ? Number.POSITIVE_INFINITY : 2 * (next.getTime() - slot.getTime());
}

function plural(count: number, unit: string): string {
  return count === 1 ? unit : `${count} ${unit}s`;
}
