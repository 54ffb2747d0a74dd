/**
 * The protection engine through the public API against the emulator: discovery across two
 * subscriptions, shards, and months of the example policy on the emulator's clock checked
 * against an independent calculation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import type { ProtectionPolicy } from "../../src/index.js";
import {
  RestorePointClient,
  planProtection,
  protectionShardOf,
  protectionStatus,
  runProtection,
  validateProtectionPolicy,
} from "../../src/index.js";
import { dayKey, isoWeekKey, monthKey } from "../../src/retention/calendar.js";

const HOUR = 3_600_000;
// The acceptance run is 90 days over 30 VMs (about 16,000 restore points, several minutes):
// CI runs it as its own step (`npm run test:protection-90d`). `npm test` keeps to 35 days over
// 4 VMs (two per subscription), which still crosses day, ISO-week and month boundaries for every
// GFS rule.
const SIMULATED_DAYS = Number(process.env.PROTECT_DAYS ?? 35);
const VM_COUNT = Number(process.env.PROTECT_VMS ?? 4);
const DAY = 24 * HOUR;
const OTHER_SUB = "22222222-2222-2222-2222-222222222222";

function client(emu: Emulator): RestorePointClient {
  return new RestorePointClient(emu.subscriptionId, emu.credential, {
    ...emu.clientOptions,
    updateIntervalInMs: 2,
    retryOptions: { retryDelayInMs: 5, maxRetryDelayInMs: 20 },
  });
}

describe("protection engine on the emulator", () => {
  let emu: Emulator;
  let rp: RestorePointClient;
  const start = new Date("2026-09-01T00:00:00Z");
  const policy: ProtectionPolicy = validateProtectionPolicy({
    name: "gold",
    selector: { subscriptions: [], resourceGroups: ["rg-prod"], tags: { backup: "gold" } },
    schedule: { everyHours: 4 },
    retention: { keepLast: 6, keepDaily: 7, keepWeekly: 4, keepMonthly: 12 },
    copy: { regions: ["northeurope"], every: "daily" },
    rpo: { hours: 8 },
  });
  const vmIds: string[] = [];

  beforeAll(async () => {
    // Roomy buckets: the headers still count, so the pacer is exercised, but simulated months must
    // not wait for real-time refills.
    const roomy = { capacity: 1_000_000, refillPerSecond: 1_000_000 };
    emu = await startEmulator({
      now: new Date(start.getTime() - 60_000),
      operationDelayMs: 1,
      replicationDurationMs: 1,
      throttle: {
        preset: "azure",
        buckets: Object.fromEntries(
          [
            "writes",
            "deletes",
            "reads",
            "PutRestorePointSubscriptionMaximum",
            "PutRestorePointCollectionSubscriptionMaximum",
            "PutRestorePointResource",
            "PutRestorePointCollectionResource",
            "DeleteRestorePointSubscriptionMaximum",
            "LowCostGetRestorePointSubscriptionMaximum",
            "HighCostGetRestorePointSubscriptionMaximum",
          ].map((n) => [n, roomy]),
        ),
      },
    });
    rp = client(emu);
    (policy.selector as { subscriptions: string[] }).subscriptions = [emu.subscriptionId, OTHER_SUB];
    for (let i = 0; i < VM_COUNT; i++) {
      const vm = await emu.addVm({
        ...(i % 2 === 1 ? { subscriptionId: OTHER_SUB } : {}),
        resourceGroup: "rg-prod",
        name: `vm${String(i).padStart(2, "0")}`,
        location: "westeurope",
        tags: { backup: "gold" },
      });
      vmIds.push(vm.id);
    }
    // Not selected: another tag, another resource group.
    await emu.addVm({
      resourceGroup: "rg-prod",
      name: "silver1",
      location: "westeurope",
      tags: { backup: "silver" },
    });
    await emu.addVm({
      resourceGroup: "rg-test",
      name: "gold-test",
      location: "westeurope",
      tags: { backup: "gold" },
    });
  }, 60_000);

  afterAll(async () => {
    await emu.close();
  });

  it("discovers the selected VMs of both subscriptions, and shards cover each exactly once", async () => {
    const plan = await planProtection(rp, policy, { now: start });
    expect(plan.vms.map((v) => v.vmId.toLowerCase()).sort()).toEqual(
      vmIds.map((id) => id.toLowerCase()).sort(),
    );
    expect(new Set(plan.vms.map((v) => v.subscriptionId))).toEqual(new Set([emu.subscriptionId, OTHER_SUB]));
    const shards = await Promise.all(
      [0, 1, 2].map((index) => planProtection(rp, policy, { now: start, shard: { index, count: 3 } })),
    );
    const seen = shards.flatMap((s) => s.vms.map((v) => v.vmId.toLowerCase()));
    expect(seen.sort()).toEqual(vmIds.map((id) => id.toLowerCase()).sort());
    shards.forEach((s, index) => {
      for (const v of s.vms) expect(protectionShardOf(v.vmId, 3)).toBe(index);
    });
  });

  it(`${SIMULATED_DAYS} days of 4-hourly points with daily copies over ${VM_COUNT} VMs keep exactly the GFS set, with no duplicates`, async () => {
    const creates = new Map<string, number>();
    let deletedUnmanaged = 0;
    const managed = /^gold-\d{8}T\d{4}Z$/;
    const end = start.getTime() + SIMULATED_DAYS * DAY;
    for (let t = start.getTime(); t <= end; t += 4 * HOUR) {
      if (emu.now().getTime() < t) emu.setTime(new Date(t));
      const result = await runProtection(rp, policy, { now: new Date(t), maxConcurrency: 15 });
      expect(result.summary.failed, JSON.stringify(result.vms.find((v) => v.failed.length > 0)?.failed)).toBe(
        0,
      );
      for (const vm of result.vms) {
        if (vm.created !== undefined) {
          const key = `${vm.vmId}|${vm.created}`;
          creates.set(key, (creates.get(key) ?? 0) + 1);
        }
        deletedUnmanaged += vm.deleted.filter((d) => !managed.test(d.restorePointName)).length;
      }
    }
    const slots: Date[] = [];
    for (let t = start.getTime(); t <= end; t += 4 * HOUR) slots.push(new Date(t));
    expect(creates.size).toBe(VM_COUNT * slots.length);
    expect([...creates.values()].every((n) => n === 1)).toBe(true);
    expect(deletedUnmanaged).toBe(0);

    const rules = { keepLast: 6, keepDaily: 7, keepWeekly: 4, keepMonthly: 12 };
    const expectedHome = gfs(slots, rules);
    const expectedCopy = gfs(
      slots.filter((d) => d.getUTCHours() === 0),
      rules,
    );
    const status = await protectionStatus(rp, policy, { now: new Date(end) });
    expect(status.summary).toMatchObject({ total: VM_COUNT, protected: VM_COUNT });
    for (const vm of status.vms) {
      const at = (region: string) =>
        new Set(vm.timeline.filter((p) => p.region === region).map((p) => p.time.toISOString()));
      expect(at("westeurope")).toEqual(expectedHome);
      expect(at("northeurope")).toEqual(expectedCopy);
    }
  }, 1_800_000);
});

/** GFS from the slots that were taken, calculated directly (not with planPrune). */
function gfs(
  slots: readonly Date[],
  rules: { keepLast: number; keepDaily: number; keepWeekly: number; keepMonthly: number },
): Set<string> {
  const newestFirst = [...slots].sort((a, b) => b.getTime() - a.getTime());
  const keep = new Set(newestFirst.slice(0, rules.keepLast).map((d) => d.toISOString()));
  for (const [count, key] of [
    [rules.keepDaily, dayKey],
    [rules.keepWeekly, isoWeekKey],
    [rules.keepMonthly, monthKey],
  ] as const) {
    const firstOf = new Map<string, Date>();
    for (const d of newestFirst) if (!firstOf.has(key(d))) firstOf.set(key(d), d);
    for (const d of [...firstOf.values()].slice(0, count)) keep.add(d.toISOString());
  }
  return keep;
}
