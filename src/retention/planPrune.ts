/**
 * The retention planner: decides from already-fetched facts which restore points a policy keeps
 * and why. Pure (no I/O, no clock unless `policy.now` is absent), so it is tested without a network;
 * the fetching lives in pruneFacts.ts and the deleting in prune.ts.
 */
import { describe } from "../internal/validation.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import { compareRestorePoints } from "../models/vmRestorePoint.js";
import { dayKey, isoWeekKey, monthKey } from "./calendar.js";
import type { PrunePlan, RetentionPolicy } from "./retentionTypes.js";
import { DEFAULT_PROTECTED_TAG } from "./retentionTypes.js";

const DAY_MS = 86_400_000;
const COUNT_RULES = ["keepLast", "keepDaily", "keepWeekly", "keepMonthly"] as const;

/** A validated policy. */
export interface NormalizedRetentionPolicy {
  readonly keepLast: number;
  readonly keepDaily: number;
  readonly keepWeekly: number;
  readonly keepMonthly: number;
  readonly maxAgeInDays: number | undefined;
  readonly protectedNames: ReadonlySet<string>;
  readonly protectedNamePattern: RegExp | undefined;
  readonly protectedTag: string | undefined;
  readonly now: Date | undefined;
}

/** What the planner needs besides the points: fetched by pruneFacts.ts or given by the caller. */
export interface PruneFacts {
  /** Tags of the collection, for `protectedTag`. */
  readonly collectionTags?: Readonly<Record<string, string>>;
  /** Ids of restore points or disk restore points with an active SAS. */
  readonly activeAccess?: readonly string[];
  /** Points busy with a cross-region copy, by lower-cased name, with the reason to show. */
  readonly busy?: ReadonlyMap<string, string>;
}

/**
 * Checks a policy; TypeError/RangeError before any request.
 *
 * @param policy - the caller's policy
 * @returns the policy with defaults applied
 */
export function normalizeRetentionPolicy(policy: RetentionPolicy): NormalizedRetentionPolicy {
  if (typeof policy !== "object" || (policy as unknown) === null || Array.isArray(policy)) {
    throw new TypeError("policy must be an object such as { keepLast: 7 }");
  }
  const counts = {} as Record<(typeof COUNT_RULES)[number], number>;
  for (const rule of COUNT_RULES) {
    const value: unknown = policy[rule];
    if (value !== undefined && typeof value !== "number") {
      throw new TypeError(`policy.${rule} must be a number, got ${describe(value)}`);
    }
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new RangeError(`policy.${rule} must be a whole number >= 0, got ${value}`);
    }
    counts[rule] = value ?? 0;
  }
  const maxAge: unknown = policy.maxAgeInDays;
  if (maxAge !== undefined && typeof maxAge !== "number") {
    throw new TypeError(`policy.maxAgeInDays must be a number, got ${describe(maxAge)}`);
  }
  if (maxAge !== undefined && (!Number.isFinite(maxAge) || maxAge <= 0)) {
    throw new RangeError(`policy.maxAgeInDays must be a finite number > 0, got ${maxAge}`);
  }
  const names: unknown = policy.protectedNames;
  if (names !== undefined && (!Array.isArray(names) || names.some((n) => typeof n !== "string"))) {
    throw new TypeError("policy.protectedNames must be an array of restore point names");
  }
  const pattern: unknown = policy.protectedNamePattern;
  if (pattern !== undefined && !(pattern instanceof RegExp)) {
    throw new TypeError("policy.protectedNamePattern must be a RegExp");
  }
  const tag: unknown = policy.protectedTag;
  if (tag !== undefined && tag !== false && (typeof tag !== "string" || tag === "")) {
    throw new TypeError("policy.protectedTag must be a non-empty tag name or false");
  }
  const now: unknown = policy.now;
  if (now !== undefined && (!(now instanceof Date) || Number.isNaN(now.getTime()))) {
    throw new TypeError("policy.now must be a valid Date");
  }
  return {
    ...counts,
    maxAgeInDays: maxAge,
    protectedNames: new Set(((names as string[] | undefined) ?? []).map((n) => n.toLowerCase())),
    // Without the stateful g/y flags, so test() gives the same answer for every point.
    protectedNamePattern:
      pattern === undefined ? undefined : new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")),
    protectedTag: tag === false ? undefined : (tag ?? DEFAULT_PROTECTED_TAG),
    now,
  };
}

/**
 * Plans a prune: which points the policy keeps and which it removes, with the reasons. A point is
 * kept when any rule or safety check selects it; see {@link RetentionPolicy}.
 *
 * @param points - every restore point of the collection
 * @param policy - the retention policy (validated here)
 * @param facts - collection tags, active SAS and copies in progress
 * @returns the plan; `keep` and `remove` oldest first, `reasons` for every point
 * @throws TypeError or RangeError for a malformed policy
 */
export function planPrune(
  points: readonly VmRestorePoint[],
  policy: RetentionPolicy | NormalizedRetentionPolicy,
  facts: PruneFacts = {},
): PrunePlan {
  const rules = isNormalized(policy) ? policy : normalizeRetentionPolicy(policy);
  const keepReasons = new Map<VmRestorePoint, string[]>(points.map((p) => [p, []]));
  const keepFor = (point: VmRestorePoint | undefined, reason: string): void => {
    if (point !== undefined) keepReasons.get(point)?.push(reason);
  };
  const newestFirst = [...points].sort(compareRestorePoints).reverse();
  const dated = newestFirst.filter((p) => p.createdOn !== undefined);
  const usable = dated.filter(isUsable);
  const active = hasRules(rules);

  keepFor(dated[0], "newest point");
  if (usable[0] !== dated[0]) keepFor(usable[0], "newest successful point");
  for (const point of usable.slice(0, rules.keepLast)) keepFor(point, `keepLast ${rules.keepLast}`);
  keepPeriods(usable, rules.keepDaily, "daily", dayKey, keepFor);
  keepPeriods(usable, rules.keepWeekly, "weekly", isoWeekKey, keepFor);
  keepPeriods(usable, rules.keepMonthly, "monthly", monthKey, keepFor);
  const cutoff =
    rules.maxAgeInDays === undefined
      ? undefined
      : (rules.now ?? new Date()).getTime() - rules.maxAgeInDays * DAY_MS;
  if (cutoff !== undefined) {
    for (const point of usable) {
      if ((point.createdOn?.getTime() ?? 0) >= cutoff) keepFor(point, `within ${days(rules.maxAgeInDays)}`);
    }
  }
  const isProtected = protection(rules, facts.collectionTags);
  const sasIds = (facts.activeAccess ?? []).map((id) => id.toLowerCase());
  for (const point of points) {
    if (!active) keepFor(point, "no retention rule");
    if (point.createdOn === undefined) keepFor(point, "creation time unknown");
    const state = point.provisioningState?.toLowerCase();
    if (state === "creating") keepFor(point, "creation in progress");
    if (state === "deleting") keepFor(point, "deletion already in progress");
    keepFor(point, isProtected(point.name));
    if (hasActiveAccess(point, sasIds)) keepFor(point, "active SAS");
    const busy = facts.busy?.get(point.name.toLowerCase());
    if (busy !== undefined) keepFor(point, busy);
  }

  const keep: VmRestorePoint[] = [];
  const remove: VmRestorePoint[] = [];
  // No prototype: "__proto__" is a valid restore point name.
  const reasons = Object.create(null) as Record<string, string>;
  for (const point of [...points].sort(compareRestorePoints)) {
    const why = (keepReasons.get(point) ?? []).filter((r) => r !== "");
    if (why.length > 0) {
      keep.push(point);
      reasons[point.name] = why.join("; ");
    } else {
      remove.push(point);
      reasons[point.name] = removalReason(point, rules, cutoff);
    }
  }
  return { keep, remove, reasons: Object.freeze(reasons) };
}

function isNormalized(
  policy: RetentionPolicy | NormalizedRetentionPolicy,
): policy is NormalizedRetentionPolicy {
  return (policy as Partial<NormalizedRetentionPolicy>).protectedNames instanceof Set;
}

function hasRules(rules: NormalizedRetentionPolicy): boolean {
  return COUNT_RULES.some((rule) => rules[rule] > 0) || rules.maxAgeInDays !== undefined;
}

/** Failed, canceled or half-made points never fill a rule's slot, so a good point takes it. */
function isUsable(point: VmRestorePoint): boolean {
  const state = point.provisioningState?.toLowerCase();
  return state === undefined || state === "succeeded";
}

/** The newest point of each of the `count` most recent periods that have one. */
function keepPeriods(
  newestFirst: readonly VmRestorePoint[],
  count: number,
  label: string,
  keyOf: (date: Date) => string,
  keepFor: (point: VmRestorePoint, reason: string) => void,
): void {
  const seen = new Set<string>();
  for (const point of newestFirst) {
    if (seen.size >= count || point.createdOn === undefined) break;
    const key = keyOf(point.createdOn);
    if (seen.has(key)) continue;
    seen.add(key);
    keepFor(point, `${label} ${key}`);
  }
}

/** The protection reason of a name (`""` when unprotected). */
function protection(
  rules: NormalizedRetentionPolicy,
  tags: Readonly<Record<string, string>> | undefined,
): (name: string) => string {
  const tagValue = rules.protectedTag === undefined ? undefined : tagIgnoringCase(tags, rules.protectedTag);
  const tagged = new Set(
    (tagValue ?? "")
      .split(/[\s,;]+/)
      .filter((n) => n !== "")
      .map((n) => n.toLowerCase()),
  );
  return (name) => {
    const lower = name.toLowerCase();
    if (rules.protectedNames.has(lower)) return "protected name";
    if (rules.protectedNamePattern?.test(name) === true) return "protected pattern";
    if (tagged.has("*") || tagged.has(lower)) return "protected tag";
    return "";
  };
}

/** ARM tag names are case-insensitive. */
function tagIgnoringCase(
  tags: Readonly<Record<string, string>> | undefined,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(tags ?? {}).find(([k]) => k.toLowerCase() === wanted)?.[1];
}

function hasActiveAccess(point: VmRestorePoint, ids: readonly string[]): boolean {
  if (ids.length === 0) return false;
  const own = point.id.toLowerCase();
  const disks = new Set(point.diskRestorePoints.map((d) => d.id.toLowerCase()));
  return ids.some((id) => id === own || disks.has(id) || id.startsWith(`${own}/diskrestorepoints/`));
}

function removalReason(
  point: VmRestorePoint,
  rules: NormalizedRetentionPolicy,
  cutoff: number | undefined,
): string {
  if (!isUsable(point)) return `${point.provisioningState ?? "unusable"} restore point`;
  if (cutoff !== undefined && (point.createdOn?.getTime() ?? 0) < cutoff) {
    return `older than ${days(rules.maxAgeInDays)}`;
  }
  const given = COUNT_RULES.filter((rule) => rules[rule] > 0).map((rule) => `${rule} ${rules[rule]}`);
  return `not selected by ${given.join(", ")}`;
}

function days(count: number | undefined): string {
  return count === 1 ? "1 day" : `${count ?? 0} days`;
}
