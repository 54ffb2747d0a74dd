import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROTECTION_POLICY_SCHEMA } from "../../src/protection/policySchema.js";
import { ProtectionPolicyError } from "../../src/protection/policyErrors.js";
import { parseProtectionPolicy, validateProtectionPolicy } from "../../src/protection/validatePolicy.js";
import { resolvePolicy, rpoAt } from "../../src/protection/resolvePolicy.js";
import { isSelected } from "../../src/protection/selector.js";
import { planProtectionFromFacts } from "../../src/protection/planCore.js";
import { protectionStatusFromFacts } from "../../src/protection/statusCore.js";
import { restorePointNameOf } from "../../src/protection/naming.js";
import { ownCollection, point, vmFacts, vmId } from "./facts.js";

/** The example of issue 15, verbatim. */
export const EXAMPLE = `{
  "name": "gold",
  "selector": { "resourceGroups": ["rg-prod"], "tags": { "backup": "gold" } },
  "schedule": { "everyHours": 4 },
  "retention": { "keepLast": 6, "keepDaily": 7, "keepWeekly": 4, "keepMonthly": 12 },
  "copy": { "regions": ["northeurope"], "every": "daily" },
  "rpo": { "hours": 8 }
}`;

const HOUR = 3_600_000;

function issuesOf(text: string): Array<{ path: string; message: string; fix: string }> {
  try {
    parseProtectionPolicy(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ProtectionPolicyError);
    expect(e).toBeInstanceOf(TypeError);
    return [...(e as ProtectionPolicyError).issues];
  }
  throw new Error("the policy was accepted");
}

describe("the issue's example policy", () => {
  const policy = parseProtectionPolicy(EXAMPLE, { source: "gold.json" });

  it("validates", () => {
    expect(policy.name).toBe("gold");
  });

  it("takes a restore point every 4 hours, at 00:00, 04:00 … UTC", () => {
    const { schedule } = resolvePolicy(policy);
    expect(schedule.slotAtOrBefore(new Date("2026-11-25T09:59:00Z"))?.toISOString()).toBe(
      "2026-11-25T08:00:00.000Z",
    );
    expect(schedule.slotAtOrBefore(new Date("2026-11-25T08:00:00Z"))?.toISOString()).toBe(
      "2026-11-25T08:00:00.000Z",
    );
    expect(schedule.slotAfter(new Date("2026-11-25T08:00:00Z"))?.toISOString()).toBe(
      "2026-11-25T12:00:00.000Z",
    );
    expect(schedule.slotAfter(new Date("2026-11-25T22:30:00Z"))?.toISOString()).toBe(
      "2026-11-26T00:00:00.000Z",
    );
  });

  it("selects VMs tagged backup=gold in rg-prod, and nothing else", () => {
    const s = policy.selector;
    expect(isSelected(s, { id: vmId("a"), tags: { backup: "gold" } })).toBe(true);
    expect(isSelected(s, { id: vmId("a", "RG-PROD"), tags: { Backup: "gold" } })).toBe(true);
    expect(isSelected(s, { id: vmId("a"), tags: { backup: "silver" } })).toBe(false);
    expect(isSelected(s, { id: vmId("a"), tags: { backup: "Gold" } })).toBe(false);
    expect(isSelected(s, { id: vmId("a"), tags: {} })).toBe(false);
    expect(isSelected(s, { id: vmId("a", "rg-test"), tags: { backup: "gold" } })).toBe(false);
  });

  it("keeps the newest 6 plus the newest of each of the last 7 days, 4 weeks and 12 months", () => {
    // Two years of 4-hourly points, all of the policy: what stays is exactly what the words say.
    const now = new Date("2026-11-25T08:00:00Z"); // a Wednesday
    const slots: Date[] = [];
    for (let t = now.getTime() - 730 * 24 * HOUR; t <= now.getTime() - 4 * HOUR; t += 4 * HOUR)
      slots.push(new Date(t));
    const vm = vmFacts("web1", [
      ownCollection("web1", "gold", "westeurope", (c) =>
        slots.map((s) => point(c, restorePointNameOf("gold", s), s)),
      ),
    ]);
    const plan = planProtectionFromFacts(policy, { now, vms: [vm] });
    const kept = plan.vms[0]!.retention.find((r) => r.region === "westeurope")!.keep.map((k) =>
      k.slot.toISOString(),
    );
    const expected = new Set<string>([
      // the newest 6: the one being created now and the 5 before it
      "2026-11-25T08:00:00.000Z",
      "2026-11-25T04:00:00.000Z",
      "2026-11-25T00:00:00.000Z",
      "2026-11-24T20:00:00.000Z",
      "2026-11-24T16:00:00.000Z",
      "2026-11-24T12:00:00.000Z",
      // the newest of the last 7 days: today (08:00, above), then 24th … 19th at 20:00
      ...["24", "23", "22", "21", "20", "19"].map((d) => `2026-11-${d}T20:00:00.000Z`),
      // the newest of the last 4 ISO weeks: this week (today), then the Sundays 22nd, 15th, 8th
      "2026-11-15T20:00:00.000Z",
      "2026-11-08T20:00:00.000Z",
      // the newest of the last 12 months: this month (today), then the last day of Oct … Dec 2025
      ...[
        "2026-10-31",
        "2026-09-30",
        "2026-08-31",
        "2026-07-31",
        "2026-06-30",
        "2026-05-31",
        "2026-04-30",
        "2026-03-31",
        "2026-02-28",
        "2026-01-31",
        "2025-12-31",
      ].map((d) => `${d}T20:00:00.000Z`),
    ]);
    expect(new Set(kept)).toEqual(expected);
    expect(kept).toHaveLength(expected.size);
  });

  it("copies once a day to northeurope", () => {
    const resolved = resolvePolicy(policy);
    expect(resolved.copyRegions).toEqual(["northeurope"]);
    expect(resolved.copyEvery).toBe("daily");
  });

  it("is out of RPO after 8 hours without a point", () => {
    expect(rpoAt(resolvePolicy(policy), new Date())).toBe(8 * HOUR);
    const last = new Date("2026-11-25T00:00:00Z");
    const vms = [
      vmFacts("web1", [
        ownCollection("web1", "gold", "westeurope", (c) => [
          point(c, restorePointNameOf("gold", last), last),
        ]),
      ]),
    ];
    const at = (iso: string) => protectionStatusFromFacts(policy, { now: new Date(iso), vms }).vms[0]!.state;
    expect(at("2026-11-25T08:00:00Z")).toBe("protected");
    expect(at("2026-11-25T08:01:00Z")).toBe("outOfRpo");
  });

  it("means the same in YAML", () => {
    const yaml = `
name: gold
selector:
  resourceGroups: [rg-prod]
  tags: { backup: gold }
schedule: { everyHours: 4 }
retention: { keepLast: 6, keepDaily: 7, keepWeekly: 4, keepMonthly: 12 }
copy: { regions: [northeurope], every: daily }
rpo: { hours: 8 }
`;
    expect(parseProtectionPolicy(yaml)).toEqual(JSON.parse(EXAMPLE));
  });
});

describe("policy errors name the field and the fix", () => {
  it("a typo in a field name suggests the right one", () => {
    const issues = issuesOf(
      `{"name":"g","selector":{"tag":{"a":"b"}},"schedule":{"everyHours":4},"retention":{"keepLast":1}}`,
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: "/selector/tag",
        message: "is not a known field",
        fix: expect.stringContaining('did you mean "tags"'),
      }),
    ]);
  });

  it("out-of-range numbers say the range", () => {
    const [issue] = issuesOf(
      `{"name":"g","selector":{},"schedule":{"everyHours":400},"retention":{"keepLast":1}}`,
    );
    expect(issue).toMatchObject({
      path: "/schedule/everyHours",
      fix: "use a whole number of hours from 1 to 168",
    });
  });

  it("a schedule needs exactly one kind", () => {
    const none = issuesOf(`{"name":"g","selector":{},"schedule":{},"retention":{"keepLast":1}}`);
    expect(none).toEqual([
      expect.objectContaining({ path: "/schedule", message: "gives none of the choices" }),
    ]);
    const two = issuesOf(
      `{"name":"g","selector":{},"schedule":{"everyHours":4,"everyMinutes":30},"retention":{"keepLast":1}}`,
    );
    expect(two).toEqual([
      expect.objectContaining({ path: "/schedule", message: "gives more than one choice" }),
    ]);
  });

  it("missing fields, bad enums and several problems at once", () => {
    const issues = issuesOf(
      `name: "has space"\nschedule: {everyHours: 4}\nretention: {}\ncopy: {every: hourly}\nconsistency: Strong`,
    );
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/name",
        "/selector",
        "/retention",
        "/copy/regions",
        "/copy/every",
        "/consistency",
      ]),
    );
    expect(issues.find((i) => i.path === "/copy/every")?.fix).toBe("use slot, daily or weekly");
    expect(issues.find((i) => i.path === "/selector")?.message).toBe("is required");
  });

  it("cron and time zone are checked by croner; durations and VM ids by meaning", () => {
    const zone = issuesOf(
      `{"name":"g","selector":{},"schedule":{"cron":"0 2 * * *","timeZone":"Mars/Base"},"retention":{"keepLast":1}}`,
    );
    expect(zone).toEqual([expect.objectContaining({ path: "/schedule/timeZone" })]);
    const cron = issuesOf(
      `{"name":"g","selector":{},"schedule":{"cron":"61 2 * * * *"},"retention":{"keepLast":1}}`,
    );
    expect(cron).toEqual([expect.objectContaining({ path: "/schedule/cron" })]);
    const rest = issuesOf(
      `{"name":"g","selector":{"includeVmIds":["/subscriptions/x/resourceGroups/r/providers/Microsoft.Compute/disks/d"]},"schedule":{"everyHours":1},"retention":{"keepLast":1},"rpo":{"hours":0}}`,
    );
    expect(rest.map((i) => i.path)).toEqual(["/rpo", "/selector/includeVmIds/0"]);
  });

  it("the message lists every issue with where the policy came from", () => {
    expect(() => parseProtectionPolicy(`{"name":"g"}`, { source: "p.json" })).toThrow(
      /The protection policy in p\.json is not valid:\n {2}\/selector: is required; add it/,
    );
    expect(() => parseProtectionPolicy(`{"name":`)).toThrow(/is not JSON/);
    expect(() => parseProtectionPolicy(`name: [`)).toThrow(/is not YAML/);
    expect(() => validateProtectionPolicy(null)).toThrow(ProtectionPolicyError);
  });
});

describe("cron schedules", () => {
  it("enumerate slots with croner in the policy's time zone, across a DST change", () => {
    const policy = validateProtectionPolicy({
      name: "nightly",
      selector: {},
      schedule: { cron: "0 2 * * *", timeZone: "Europe/Berlin" },
      retention: { keepDaily: 7 },
    });
    const { schedule } = resolvePolicy(policy);
    // 02:00 Berlin is 01:00Z in winter, 00:00Z in summer (DST began 2026-03-29; 02:00 itself was skipped).
    expect(schedule.slotAtOrBefore(new Date("2026-03-28T12:00:00Z"))?.toISOString()).toBe(
      "2026-03-28T01:00:00.000Z",
    );
    expect(schedule.slotAtOrBefore(new Date("2026-03-30T12:00:00Z"))?.toISOString()).toBe(
      "2026-03-30T00:00:00.000Z",
    );
    expect(schedule.slotAfter(new Date("2026-03-30T00:00:00Z"))?.toISOString()).toBe(
      "2026-03-31T00:00:00.000Z",
    );
    // Without an RPO: twice the gap between slots.
    expect(rpoAt(resolvePolicy(policy), new Date("2026-06-01T12:00:00Z"))).toBe(48 * HOUR);
  });
});

describe("the published schema", () => {
  it("is the file shipped in the package", () => {
    const file = JSON.parse(
      readFileSync(new URL("../../schemas/protection-policy.schema.json", import.meta.url), "utf8"),
    );
    expect(file).toEqual(JSON.parse(JSON.stringify(PROTECTION_POLICY_SCHEMA)));
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(pkg.files).toContain("schemas");
  });
});
