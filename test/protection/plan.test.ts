import { describe, expect, it } from "vitest";
import type { VmRestorePoint } from "../../src/index.js";
import { dayKey, isoWeekKey, monthKey } from "../../src/retention/calendar.js";
import { planProtectionFromFacts } from "../../src/protection/planCore.js";
import { validateProtectionPolicy } from "../../src/protection/validatePolicy.js";
import type { ProtectionPolicy } from "../../src/protection/policyTypes.js";
import type { ProtectedVmFacts, ProtectionCollectionFacts } from "../../src/protection/protectionFacts.js";
import {
  collectionNameOf,
  formatSlot,
  restorePointNameOf,
  slotOfPointName,
} from "../../src/protection/naming.js";
import { protectionShardOf } from "../../src/protection/selector.js";
import { collectionId, ownCollection, point, vmFacts, vmId } from "./facts.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const gold = (extra: Partial<ProtectionPolicy> = {}): ProtectionPolicy =>
  validateProtectionPolicy({
    name: "gold",
    selector: { resourceGroups: ["rg-prod"], tags: { backup: "gold" } },
    schedule: { everyHours: 4 },
    retention: { keepLast: 6, keepDaily: 7, keepWeekly: 4, keepMonthly: 12 },
    copy: { regions: ["northeurope"], every: "daily" },
    rpo: { hours: 8 },
    ...extra,
  });

const at = (iso: string): Date => new Date(iso);
const name = (iso: string): string => restorePointNameOf("gold", at(iso));

describe("naming", () => {
  it("names points by policy and UTC slot, and reads the slot back", () => {
    expect(formatSlot(at("2026-11-25T08:00:00Z"))).toBe("20261125T0800Z");
    expect(name("2026-11-25T08:00:00Z")).toBe("gold-20261125T0800Z");
    expect(slotOfPointName("gold", "GOLD-20261125T0800Z")?.toISOString()).toBe("2026-11-25T08:00:00.000Z");
    expect(slotOfPointName("gold", "gold-20261340T0800Z")).toBeUndefined();
    expect(slotOfPointName("gold", "golden-20261125T0800Z")).toBeUndefined();
    expect(slotOfPointName("gold", "gold-20261125T0800Z-manual")).toBeUndefined();
  });

  it("names collections per VM, policy and region within 80 characters, hashing long ones apart", () => {
    expect(collectionNameOf("web1", "gold", "westeurope")).toBe("web1-gold-westeurope-rpc");
    const long = "v".repeat(64);
    const a = collectionNameOf(`${long}a`, "gold", "westeurope");
    const b = collectionNameOf(`${long}b`, "gold", "westeurope");
    expect(a.length).toBeLessThanOrEqual(80);
    expect(a).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]*-[0-9a-f]{12}-rpc$/);
    expect(a).not.toBe(b);
  });
});

describe("when a restore point is due", () => {
  const empty = [vmFacts("web1")];

  it("creates the latest slot's point, in the VM's collection of the policy", () => {
    const plan = planProtectionFromFacts(gold(), { now: at("2026-11-25T09:30:00Z"), vms: empty });
    expect(plan.slot?.toISOString()).toBe("2026-11-25T08:00:00.000Z");
    expect(plan.nextSlot?.toISOString()).toBe("2026-11-25T12:00:00.000Z");
    expect(plan.vms[0]?.create).toEqual({
      slot: at("2026-11-25T08:00:00Z"),
      restorePointName: "gold-20261125T0800Z",
      collectionName: "web1-gold-westeurope-rpc",
      collectionExists: false,
      region: "westeurope",
    });
    expect(plan.vms[0]?.skip).toBeUndefined();
  });

  it("says why not: already taken, in progress, failed, window missed", () => {
    const with1 = (state: string) => [
      vmFacts("web1", [
        ownCollection("web1", "gold", "westeurope", (c) => [
          point(c, name("2026-11-25T08:00:00Z"), at("2026-11-25T08:01:00Z"), state),
        ]),
      ]),
    ];
    const skip = (vms: ProtectedVmFacts[], policy = gold(), now = "2026-11-25T09:30:00Z") =>
      planProtectionFromFacts(policy, { now: at(now), vms }).vms[0]?.skip;
    expect(skip(with1("Succeeded"))).toEqual({
      reason: "alreadyTaken",
      message: "slot 2026-11-25T08:00Z already taken (gold-20261125T0800Z); next slot 2026-11-25T12:00Z",
      nextSlot: at("2026-11-25T12:00:00Z"),
    });
    expect(skip(with1("Creating"))?.reason).toBe("inProgress");
    expect(skip(with1("Failed"))?.reason).toBe("failed");
    const windowed = gold({ schedule: { everyHours: 4, window: { minutes: 30 } } });
    expect(skip(empty, windowed)).toMatchObject({
      reason: "windowMissed",
      message: expect.stringContaining("closed at 2026-11-25T08:30Z"),
    });
    expect(skip(empty, windowed, "2026-11-25T08:30:00Z")).toBeUndefined();
  });

  it("ignores points of other policies and of other collections when deciding", () => {
    const vms = [
      vmFacts("web1", [
        // Right name, but not in the policy's tagged collection.
        {
          ...ownCollection("web1", "gold", "westeurope", (c) => [
            point(c, name("2026-11-25T08:00:00Z"), at("2026-11-25T08:00:00Z")),
          ]),
          tags: {},
        },
      ]),
    ];
    expect(
      planProtectionFromFacts(gold(), { now: at("2026-11-25T09:00:00Z"), vms }).vms[0]?.create
        ?.collectionExists,
    ).toBe(false);
  });
});

describe("copies", () => {
  it("copies the point being created, once a day, to the copy region", () => {
    const plan = planProtectionFromFacts(gold(), { now: at("2026-11-25T00:00:00Z"), vms: [vmFacts("web1")] });
    expect(plan.vms[0]?.copies).toEqual([
      {
        region: "northeurope",
        restorePointName: "gold-20261125T0000Z",
        slot: at("2026-11-25T00:00:00Z"),
        targetCollectionName: "web1-gold-northeurope-rpc",
        collectionExists: false,
        afterCreate: true,
        reason: "first point of 2026-11-25 (daily)",
      },
    ]);
  });

  it("does not copy again that day, nor a point already there or being copied", () => {
    const vms = (copyState: string) => [
      vmFacts("web1", [
        ownCollection("web1", "gold", "westeurope", (c) => [
          point(c, name("2026-11-25T00:00:00Z"), at("2026-11-25T00:00:00Z")),
        ]),
        ownCollection("web1", "gold", "northeurope", (c) => [
          point(c, name("2026-11-25T00:00:00Z"), at("2026-11-25T00:00:00Z"), copyState),
        ]),
      ]),
    ];
    const later = planProtectionFromFacts(gold(), { now: at("2026-11-25T04:00:00Z"), vms: vms("Succeeded") })
      .vms[0]!;
    expect(later.copies).toEqual([]);
    expect(later.copySkips).toEqual([
      { region: "northeurope", message: "2026-11-25 already has gold-20261125T0000Z (daily)" },
    ]);
    const same = planProtectionFromFacts(gold(), { now: at("2026-11-25T01:00:00Z"), vms: vms("Creating") })
      .vms[0]!;
    expect(same.copySkips[0]?.message).toBe("gold-20261125T0000Z is being copied");
    const next = planProtectionFromFacts(gold(), { now: at("2026-11-26T00:00:00Z"), vms: vms("Succeeded") })
      .vms[0]!;
    expect(next.copies.map((c) => c.restorePointName)).toEqual(["gold-20261126T0000Z"]);
  });

  it("copies every slot with every: slot, and a failed copy does not count for its day", () => {
    const policy = gold({ copy: { regions: ["northeurope"], every: "slot" } });
    const vms = [
      vmFacts("web1", [
        ownCollection("web1", "gold", "westeurope", (c) => [
          point(c, name("2026-11-25T00:00:00Z"), at("2026-11-25T00:00:00Z")),
        ]),
        ownCollection("web1", "gold", "northeurope", (c) => [
          point(c, name("2026-11-25T00:00:00Z"), at("2026-11-25T00:00:00Z")),
        ]),
      ]),
    ];
    expect(
      planProtectionFromFacts(policy, { now: at("2026-11-25T04:00:00Z"), vms }).vms[0]?.copies[0]
        ?.restorePointName,
    ).toBe("gold-20261125T0400Z");
    const failedCopy = [
      vmFacts("web1", [
        ownCollection("web1", "gold", "westeurope", (c) => [
          point(c, name("2026-11-25T00:00:00Z"), at("2026-11-25T00:00:00Z")),
          point(c, name("2026-11-25T04:00:00Z"), at("2026-11-25T04:00:00Z")),
        ]),
        ownCollection("web1", "gold", "northeurope", (c) => [
          point(c, name("2026-11-25T00:00:00Z"), at("2026-11-25T00:00:00Z"), "Failed"),
        ]),
      ]),
    ];
    const plan = planProtectionFromFacts(gold(), { now: at("2026-11-25T05:00:00Z"), vms: failedCopy })
      .vms[0]!;
    expect(plan.copies.map((c) => [c.restorePointName, c.afterCreate])).toEqual([
      ["gold-20261125T0400Z", false],
    ]);
  });
});

describe("retention", () => {
  const policy = gold({ retention: { keepLast: 2 }, copy: undefined });

  it("deletes only the policy's own points, with the rule that dropped each", () => {
    const slots = [
      "2026-11-24T12:00:00Z",
      "2026-11-24T16:00:00Z",
      "2026-11-24T20:00:00Z",
      "2026-11-25T00:00:00Z",
    ];
    const own = ownCollection("web1", "gold", "westeurope", (c) => [
      ...slots.map((s) => point(c, name(s), at(s))),
      point(c, "manual-before-upgrade", at("2026-11-01T00:00:00Z")),
      point(c, "silver-20261101T0000Z", at("2026-11-01T00:00:00Z")),
    ]);
    const other: ProtectionCollectionFacts = {
      id: collectionId("web1-rpc"),
      name: "web1-rpc",
      resourceGroup: "rg-prod",
      location: "westeurope",
      tags: {},
      points: [point(collectionId("web1-rpc"), name("2026-10-01T00:00:00Z"), at("2026-10-01T00:00:00Z"))],
    };
    const plan = planProtectionFromFacts(policy, {
      now: at("2026-11-25T04:00:00Z"),
      vms: [vmFacts("web1", [own, other])],
    }).vms[0]!;
    expect(plan.deletions.map((d) => [d.restorePointName, d.rule])).toEqual([
      ["gold-20261124T1200Z", "not selected by keepLast 2"],
      ["gold-20261124T1600Z", "not selected by keepLast 2"],
      ["gold-20261124T2000Z", "not selected by keepLast 2"],
    ]);
    expect(plan.retention[0]?.keep.map((k) => [k.restorePointName, k.reason])).toEqual([
      ["gold-20261125T0000Z", "keepLast 2"],
      ["gold-20261125T0400Z", "newest point; keepLast 2"],
    ]);
  });

  it("never deletes a protected point, one with an active SAS, or the newest good point", () => {
    const slots = [
      "2026-11-24T12:00:00Z",
      "2026-11-24T16:00:00Z",
      "2026-11-24T20:00:00Z",
      "2026-11-25T00:00:00Z",
    ];
    const own = ownCollection(
      "web1",
      "gold",
      "westeurope",
      (c) => [
        ...slots.slice(0, 3).map((s) => point(c, name(s), at(s))),
        point(c, name(slots[3]!), at(slots[3]!), "Failed"),
      ],
      { "vmrp-protected": name(slots[0]!) },
    );
    const sas = `${own.id}/restorePoints/${name(slots[1]!)}`;
    // At 01:00 the 00:00 slot exists but failed, so nothing is created; keepLast 1 alone would
    // keep only 20:00, the newest good point: the protected and the SAS points stay as well.
    const p = gold({ retention: { keepLast: 1 }, copy: undefined });
    const plan = planProtectionFromFacts(p, {
      now: at("2026-11-25T01:00:00Z"),
      vms: [vmFacts("web1", [own], { activeAccess: [sas] })],
    }).vms[0]!;
    const reasons = Object.fromEntries(plan.retention[0]!.keep.map((k) => [k.restorePointName, k.reason]));
    expect(reasons[name(slots[0]!)]).toBe("protected tag");
    expect(reasons[name(slots[1]!)]).toBe("active SAS");
    expect(reasons[name(slots[2]!)]).toContain("newest successful point");
    expect(plan.deletions).toEqual([]);
  });

  it("never prunes platform points; they count toward the RPO only", () => {
    const platform: ProtectionCollectionFacts = {
      id: collectionId("platform"),
      name: "platform",
      resourceGroup: "rg-prod",
      location: "westeurope",
      tags: {},
      platform: true,
      points: [point(collectionId("platform"), "gold-20261101T0000Z", at("2026-11-01T00:00:00Z"))],
    };
    const plan = planProtectionFromFacts(policy, {
      now: at("2026-11-25T04:00:00Z"),
      vms: [vmFacts("web1", [platform])],
    }).vms[0]!;
    expect(plan.deletions).toEqual([]);
    expect(plan.create?.restorePointName).toBe("gold-20261125T0400Z");
  });
});

describe("sharding", () => {
  it("puts every VM in exactly one of n shards, stably", () => {
    const ids = Array.from({ length: 300 }, (_, i) => vmId(`vm${i}`, `rg${i % 7}`));
    const shards = [0, 1, 2].map((index) => ids.filter((id) => protectionShardOf(id, 3) === index));
    expect(shards.flat().sort()).toEqual([...ids].sort());
    for (const shard of shards) expect(shard.length).toBeGreaterThan(60);
    expect(protectionShardOf(ids[5]!.toUpperCase(), 3)).toBe(protectionShardOf(ids[5]!, 3));
  });
});

/** GFS, calculated directly from the slots that exist: the reference the simulation is checked against. */
function expectedKeep(
  slots: readonly Date[],
  rules: { keepLast: number; keepDaily: number; keepWeekly: number; keepMonthly: number },
): Set<string> {
  const newestFirst = [...slots].sort((a, b) => b.getTime() - a.getTime());
  const keep = new Set(newestFirst.slice(0, Math.max(1, rules.keepLast)).map((d) => d.toISOString()));
  for (const [count, key] of [
    [rules.keepDaily, dayKey],
    [rules.keepWeekly, isoWeekKey],
    [rules.keepMonthly, monthKey],
  ] as const) {
    const periods = new Map<string, Date>();
    for (const d of newestFirst) if (!periods.has(key(d))) periods.set(key(d), d);
    for (const d of [...periods.values()].slice(0, count)) keep.add(d.toISOString());
  }
  return keep;
}

describe("90 days of the example policy on the pure planner", () => {
  it("keeps exactly the GFS set per region, never duplicates, never touches other points", () => {
    const policy = gold();
    const start = at("2026-09-01T00:00:00Z");
    const collections = new Map<string, { facts: ProtectionCollectionFacts; points: VmRestorePoint[] }>();
    const unmanaged = point(
      collectionId("web1-gold-westeurope-rpc"),
      "before-upgrade",
      at("2026-08-01T00:00:00Z"),
    );
    const get = (region: string) => {
      let c = collections.get(region);
      if (c === undefined) {
        const facts = ownCollection("web1", "gold", region, () => []);
        c = { facts, points: region === "westeurope" ? [unmanaged] : [] };
        collections.set(region, c);
      }
      return c;
    };
    const created: string[] = [];
    for (let t = start.getTime(); t <= start.getTime() + 90 * DAY; t += 4 * HOUR) {
      const now = new Date(t);
      const vm = vmFacts(
        "web1",
        [...collections.values()].map((c) => ({ ...c.facts, points: [...c.points] })),
      );
      const plan = planProtectionFromFacts(policy, { now, vms: [vm] }).vms[0]!;
      if (plan.create !== undefined) {
        const c = get("westeurope");
        created.push(plan.create.restorePointName);
        c.points.push(point(c.facts.id, plan.create.restorePointName, now));
      }
      for (const copy of plan.copies) {
        const c = get(copy.region);
        c.points.push(point(c.facts.id, copy.restorePointName, now));
      }
      for (const d of plan.deletions) {
        const c = get(d.region);
        c.points = c.points.filter((p) => p.name !== d.restorePointName);
      }
    }
    const end = new Date(start.getTime() + 90 * DAY);
    const allSlots: Date[] = [];
    for (let t = start.getTime(); t <= end.getTime(); t += 4 * HOUR) allSlots.push(new Date(t));
    expect(created).toHaveLength(allSlots.length);
    expect(new Set(created).size).toBe(created.length);
    const rules = { keepLast: 6, keepDaily: 7, keepWeekly: 4, keepMonthly: 12 };
    const keptIn = (region: string) =>
      new Set(
        get(region)
          .points.map((p) => slotOfPointName("gold", p.name)?.toISOString())
          .filter((s) => s !== undefined),
      );
    expect(keptIn("westeurope")).toEqual(expectedKeep(allSlots, rules));
    // One copy a day: the day's first slot.
    const copied = allSlots.filter((d) => d.getUTCHours() === 0);
    expect(keptIn("northeurope")).toEqual(expectedKeep(copied, rules));
    expect(get("westeurope").points).toContain(unmanaged);
  });
});
