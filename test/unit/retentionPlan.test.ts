import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RetentionPolicy, VmRestorePoint } from "../../src/index.js";
import { toVmRestorePoint } from "../../src/models/vmRestorePoint.js";
import { dayKey, isoWeekKey, monthKey } from "../../src/retention/calendar.js";
import { planPrune } from "../../src/retention/planPrune.js";
import { restorePointBody, restorePointId } from "../support/armBodies.js";

function point(name: string, iso: string | undefined, provisioningState = "Succeeded"): VmRestorePoint {
  const body = restorePointBody(name, { provisioningState });
  const properties = body["properties"] as Record<string, unknown>;
  if (iso === undefined) delete properties["timeCreated"];
  else properties["timeCreated"] = iso;
  return toVmRestorePoint(body);
}

const names = (points: readonly VmRestorePoint[]): string[] => points.map((p) => p.name);

describe("UTC calendar keys", () => {
  it.each([
    ["2026-01-01T00:00:00Z", "2026-W01"], // Thursday: week 1 of its own year
    ["2026-12-31T23:59:59Z", "2026-W53"], // 2026 has 53 ISO weeks
    ["2027-01-01T12:00:00Z", "2026-W53"], // Friday belongs to the previous ISO year
    ["2027-01-03T23:59:59Z", "2026-W53"], // Sunday closes the week
    ["2027-01-04T00:00:00Z", "2027-W01"], // Monday opens the next one
    ["2024-12-30T00:00:00Z", "2025-W01"], // Monday whose Thursday is in 2025
    ["2021-01-03T00:00:00Z", "2020-W53"],
    ["2026-11-22T23:59:59Z", "2026-W47"],
    ["2026-11-23T00:00:00Z", "2026-W48"],
    ["2026-11-25T10:15:00+05:00", "2026-W48"],
  ])("%s is in ISO week %s", (iso, week) => {
    expect(isoWeekKey(new Date(iso))).toBe(week);
  });

  it("uses UTC for days and months, whatever the offset of the timestamp", () => {
    const d = new Date("2026-11-01T01:30:00+02:00"); // 2026-10-31T23:30Z
    expect(dayKey(d)).toBe("2026-10-31");
    expect(monthKey(d)).toBe("2026-10");
  });
});

describe("planPrune rules", () => {
  const week = [
    point("mon", "2026-11-16T10:00:00Z"),
    point("wed", "2026-11-18T10:00:00Z"),
    point("sun", "2026-11-22T23:59:00Z"),
    point("mon2-early", "2026-11-23T00:01:00Z"),
    point("mon2-late", "2026-11-23T20:00:00Z"),
  ];

  it("keeps everything, with a reason, when no rule is given or every rule is 0", () => {
    for (const policy of [{}, { keepLast: 0, keepDaily: 0 }, { protectedNames: ["x"] }]) {
      const plan = planPrune(week, policy);
      expect(plan.remove).toEqual([]);
      expect(names(plan.keep)).toEqual(names(week));
      expect(plan.reasons["wed"]).toBe("no retention rule");
    }
  });

  it("keepLast keeps the N newest, and the newest point says so", () => {
    const plan = planPrune([...week].reverse(), { keepLast: 2 });
    expect(names(plan.keep)).toEqual(["mon2-early", "mon2-late"]);
    expect(names(plan.remove)).toEqual(["mon", "wed", "sun"]); // oldest first
    expect(plan.reasons["mon2-late"]).toBe("newest point; keepLast 2");
    expect(plan.reasons["mon2-early"]).toBe("keepLast 2");
    expect(plan.reasons["sun"]).toBe("not selected by keepLast 2");
  });

  it("keepDaily keeps the newest point of each of the N most recent days that have one", () => {
    const plan = planPrune(week, { keepDaily: 3 });
    expect(names(plan.keep)).toEqual(["wed", "sun", "mon2-late"]);
    expect(plan.reasons["sun"]).toBe("daily 2026-11-22");
    expect(plan.reasons["mon2-early"]).toBe("not selected by keepDaily 3");
  });

  it("keepWeekly splits weeks between Sunday and Monday (ISO, UTC)", () => {
    const plan = planPrune(week, { keepWeekly: 2 });
    expect(names(plan.keep)).toEqual(["sun", "mon2-late"]);
    expect(plan.reasons["sun"]).toBe("weekly 2026-W47");
    expect(plan.reasons["mon2-late"]).toBe("newest point; weekly 2026-W48");
  });

  it("keepWeekly and keepMonthly across a year boundary (2026-W53 spans into 2027)", () => {
    const points = [
      point("dec30", "2026-12-30T12:00:00Z"),
      point("dec31", "2026-12-31T12:00:00Z"),
      point("jan1", "2027-01-01T12:00:00Z"),
      point("jan4", "2027-01-04T12:00:00Z"),
    ];
    expect(names(planPrune(points, { keepWeekly: 2 }).keep)).toEqual(["jan1", "jan4"]);
    const monthly = planPrune(points, { keepMonthly: 2 });
    expect(names(monthly.keep)).toEqual(["dec31", "jan4"]);
    expect(monthly.reasons["dec31"]).toBe("monthly 2026-12");
  });

  it("keepMonthly across a month boundary in UTC", () => {
    const points = [
      point("oct30", "2026-10-30T10:00:00Z"),
      point("oct31-late", "2026-11-01T01:30:00+02:00"), // still October in UTC
      point("nov1-early", "2026-11-01T00:30:00Z"),
      point("nov1-late", "2026-11-01T06:00:00Z"),
    ];
    const plan = planPrune(points, { keepMonthly: 2 });
    expect(names(plan.keep)).toEqual(["oct31-late", "nov1-late"]);
    expect(plan.reasons["oct31-late"]).toBe("monthly 2026-10");
  });

  it("rules combine as a union (GFS)", () => {
    const plan = planPrune(week, { keepLast: 1, keepDaily: 2, keepWeekly: 2 });
    expect(names(plan.keep)).toEqual(["sun", "mon2-late"]);
    expect(plan.reasons["sun"]).toBe("daily 2026-11-22; weekly 2026-W47");
  });

  it("maxAgeInDays counts back from policy.now and keeps the younger points", () => {
    const now = new Date("2026-12-20T00:00:00Z"); // 30 days after 2026-11-20T00:00Z
    const plan = planPrune(week, { maxAgeInDays: 30, now });
    expect(names(plan.remove)).toEqual(["mon", "wed"]);
    expect(plan.reasons["wed"]).toBe("older than 30 days");
    expect(plan.reasons["sun"]).toBe("within 30 days");
    const all = planPrune(week, { maxAgeInDays: 1, now });
    expect(names(all.keep)).toEqual(["mon2-late"]); // never the newest point
    expect(all.reasons["mon"]).toBe("older than 1 day");
  });

  it("never removes protected points: by name, by pattern (even a global one) or by collection tag", () => {
    const policy: RetentionPolicy = {
      keepLast: 1,
      protectedNames: ["MON"],
      protectedNamePattern: /^w/g,
      protectedTag: "keep-these",
    };
    const plan = planPrune(week, policy, { collectionTags: { "Keep-These": "sun, other" } });
    expect(names(plan.remove)).toEqual(["mon2-early"]);
    expect(plan.reasons["mon"]).toBe("protected name");
    expect(plan.reasons["wed"]).toBe("protected pattern");
    expect(plan.reasons["sun"]).toBe("protected tag");
    // The default tag is vmrp-protected; "*" protects everything; false ignores the tag.
    expect(planPrune(week, { keepLast: 1 }, { collectionTags: { "vmrp-protected": "*" } }).remove).toEqual(
      [],
    );
    const ignored = planPrune(
      week,
      { keepLast: 1, protectedTag: false },
      { collectionTags: { "vmrp-protected": "*" } },
    );
    expect(ignored.remove).toHaveLength(4);
  });

  it("keeps points with an active SAS (by restore point or disk restore point id) and busy copies", () => {
    const sas = week[0]!;
    const plan = planPrune(
      week,
      { keepLast: 1 },
      {
        activeAccess: [
          sas.diskRestorePoints[0]!.id.toUpperCase(),
          `${restorePointId("sun")}/diskRestorePoints/other`,
        ],
        busy: new Map([["wed", "copy in progress"]]),
      },
    );
    expect(plan.reasons["mon"]).toBe("active SAS");
    expect(plan.reasons["sun"]).toBe("active SAS");
    expect(plan.reasons["wed"]).toBe("copy in progress");
    expect(names(plan.remove)).toEqual(["mon2-early"]);
  });

  it("does not let failed points fill slots, keeps in-flight and undated points", () => {
    const points = [
      point("good-old", "2026-11-01T00:00:00Z"),
      point("good", "2026-11-02T00:00:00Z"),
      point("failed-newer", "2026-11-03T00:00:00Z", "Failed"),
      point("failed-newest", "2026-11-04T00:00:00Z", "Failed"),
      point("creating", "2026-11-04T01:00:00Z", "Creating"),
      point("undated", undefined),
    ];
    const plan = planPrune(points, { keepLast: 1 });
    expect(plan.reasons["creating"]).toBe("newest point; creation in progress");
    expect(plan.reasons["good"]).toBe("newest successful point; keepLast 1");
    expect(plan.reasons["undated"]).toBe("creation time unknown");
    expect(plan.reasons["failed-newer"]).toBe("Failed restore point");
    expect(names(plan.remove)).toEqual(["good-old", "failed-newer", "failed-newest"]);
  });

  it("explains a point whatever its name", () => {
    const plan = planPrune([point("__proto__", "2026-11-01T00:00:00Z"), point("b", "2026-11-02T00:00:00Z")], {
      keepLast: 1,
    });
    expect(plan.reasons["__proto__"]).toBe("not selected by keepLast 1");
    expect(Object.keys(JSON.parse(JSON.stringify(plan.reasons)) as object)).toEqual(["__proto__", "b"]);
  });

  it("rejects malformed policies", () => {
    expect(() => planPrune(week, null as unknown as RetentionPolicy)).toThrow(TypeError);
    expect(() => planPrune(week, { keepLast: -1 })).toThrow(RangeError);
    expect(() => planPrune(week, { keepDaily: 1.5 })).toThrow(RangeError);
    expect(() => planPrune(week, { keepWeekly: "2" as unknown as number })).toThrow(TypeError);
    expect(() => planPrune(week, { maxAgeInDays: 0 })).toThrow(RangeError);
    expect(() => planPrune(week, { maxAgeInDays: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => planPrune(week, { protectedNamePattern: "^a" as unknown as RegExp })).toThrow(TypeError);
    expect(() => planPrune(week, { protectedNames: "a" as unknown as string[] })).toThrow(TypeError);
    expect(() => planPrune(week, { protectedTag: "" })).toThrow(TypeError);
    expect(() => planPrune(week, { now: new Date("nope") })).toThrow(TypeError);
  });
});

describe("planPrune properties", () => {
  const START = Date.UTC(2025, 0, 1);
  const arbPoints = fc
    .uniqueArray(
      fc.record({
        name: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
        // Two years of timestamps, so day, week, month and year boundaries are all crossed.
        offset: fc.integer({ min: 0, max: 730 * 86_400_000 }),
        state: fc.constantFrom("Succeeded", "Succeeded", "Succeeded", "Failed", "Creating"),
      }),
      { selector: (p) => p.name, maxLength: 40 },
    )
    .map((raw) => raw.map((r) => point(r.name, new Date(START + r.offset).toISOString(), r.state)));
  const small = fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined });
  const arbPolicy = fc.record(
    {
      keepLast: small,
      keepDaily: small,
      keepWeekly: small,
      keepMonthly: small,
      maxAgeInDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
      protectedNamePattern: fc.option(fc.constantFrom(/^a/, /7/, /-x$/), { nil: undefined }),
    },
    { requiredKeys: [] },
  );
  const now = new Date(START + 731 * 86_400_000);

  it("partitions the points, explains each, and never removes the newest or a protected point", () => {
    fc.assert(
      fc.property(arbPoints, arbPolicy, (points, policy) => {
        const plan = planPrune(points, { ...policy, now });
        expect(names(plan.keep).length + plan.remove.length).toBe(points.length);
        expect(new Set([...names(plan.keep), ...names(plan.remove)]).size).toBe(points.length);
        for (const p of points) expect(plan.reasons[p.name]).toMatch(/\S/);
        const newest = [...points].sort(
          (a, b) => b.createdOn!.getTime() - a.createdOn!.getTime() || (a.name < b.name ? 1 : -1),
        )[0];
        if (newest !== undefined) expect(names(plan.remove)).not.toContain(newest.name);
        for (const p of plan.remove) {
          expect(policy.protectedNamePattern?.test(p.name) ?? false).toBe(false);
          expect(p.provisioningState).not.toBe("Creating");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps exactly what a reference GFS implementation selects", () => {
    fc.assert(
      fc.property(arbPoints, arbPolicy, (points, policy) => {
        const plan = planPrune(points, { ...policy, protectedNamePattern: undefined, now });
        const expected = referenceKeep(points, { ...policy, now });
        expect(names(plan.keep).sort()).toEqual([...expected].sort());
      }),
      { numRuns: 300 },
    );
  });

  it("adding a rule never removes more", () => {
    fc.assert(
      fc.property(arbPoints, arbPolicy, fc.integer({ min: 1, max: 5 }), (points, policy, extra) => {
        // The base has a rule (keepLast >= 1): without one, everything is kept anyway.
        const base = { ...policy, keepLast: Math.max(1, policy.keepLast ?? 0), now };
        const before = planPrune(points, base);
        const more = planPrune(points, { ...base, keepDaily: (policy.keepDaily ?? 0) + extra });
        for (const name of names(more.remove)) expect(names(before.remove)).toContain(name);
      }),
      { numRuns: 200 },
    );
  });
});

/** An independent GFS: ISO week from the Thursday's day of the year, periods from sorted keys. */
function referenceKeep(points: readonly VmRestorePoint[], policy: RetentionPolicy): Set<string> {
  const keep = new Set<string>();
  const byTime = [...points].sort(
    (a, b) => b.createdOn!.getTime() - a.createdOn!.getTime() || (a.name < b.name ? 1 : -1),
  );
  const usable = byTime.filter((p) => p.provisioningState === "Succeeded");
  const rules = [policy.keepLast, policy.keepDaily, policy.keepWeekly, policy.keepMonthly].some(
    (n) => (n ?? 0) > 0,
  );
  if (!rules && policy.maxAgeInDays === undefined) return new Set(points.map((p) => p.name));
  for (const p of points) if (p.provisioningState === "Creating") keep.add(p.name);
  if (byTime[0] !== undefined) keep.add(byTime[0].name);
  if (usable[0] !== undefined) keep.add(usable[0].name);
  usable.slice(0, policy.keepLast ?? 0).forEach((p) => keep.add(p.name));
  const isoWeek = (d: Date): string => {
    const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    t.setUTCDate(t.getUTCDate() + 3 - ((t.getUTCDay() + 6) % 7));
    const dayOfYear = Math.floor((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000);
    return `${t.getUTCFullYear()}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, "0")}`;
  };
  const periods: Array<[number | undefined, (d: Date) => string]> = [
    [policy.keepDaily, (d) => d.toISOString().slice(0, 10)],
    [policy.keepWeekly, isoWeek],
    [policy.keepMonthly, (d) => d.toISOString().slice(0, 7)],
  ];
  for (const [count, key] of periods) {
    const groups = new Map<string, VmRestorePoint>();
    for (const p of usable) if (!groups.has(key(p.createdOn!))) groups.set(key(p.createdOn!), p);
    [...groups.keys()]
      .sort()
      .reverse()
      .slice(0, count ?? 0)
      .forEach((k) => keep.add(groups.get(k)!.name));
  }
  if (policy.maxAgeInDays !== undefined) {
    const cutoff = policy.now!.getTime() - policy.maxAgeInDays * 86_400_000;
    for (const p of usable) if (p.createdOn!.getTime() >= cutoff) keep.add(p.name);
  }
  return keep;
}
