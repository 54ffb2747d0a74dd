import { describe, expect, it } from "vitest";
import { protectionStatusFromFacts } from "../../src/protection/statusCore.js";
import { validateProtectionPolicy } from "../../src/protection/validatePolicy.js";
import { restorePointNameOf } from "../../src/protection/naming.js";
import type { ProtectionCollectionFacts } from "../../src/protection/protectionFacts.js";
import { collectionId, ownCollection, point, vmFacts } from "./facts.js";

const HOUR = 3_600_000;
const policy = validateProtectionPolicy({
  name: "gold",
  selector: {},
  schedule: { everyHours: 4 },
  retention: { keepLast: 6 },
  copy: { regions: ["northeurope"], every: "daily" },
  rpo: { hours: 8 },
});
const at = (iso: string): Date => new Date(iso);
const name = (iso: string): string => restorePointNameOf("gold", at(iso));

describe("protection status", () => {
  const now = at("2026-11-25T10:00:00Z");
  const healthy = vmFacts("a-ok", [
    ownCollection("a-ok", "gold", "westeurope", (c) => [
      point(c, name("2026-11-25T08:00:00Z"), at("2026-11-25T08:00:10Z")),
    ]),
    ownCollection("a-ok", "gold", "northeurope", (c) => [
      point(c, name("2026-11-25T00:00:00Z"), at("2026-11-25T00:00:00Z")),
      point(c, name("2026-11-25T08:00:00Z"), at("2026-11-25T08:00:00Z"), "Succeeded", {
        sourceRestorePoint: {
          id: `${collectionId("a-ok-gold-westeurope-rpc")}/restorePoints/${name("2026-11-25T08:00:00Z")}`,
        },
        instanceView: {
          diskRestorePoints: [
            {
              replicationStatus: { status: { code: "ReplicationState/replicating" }, completionPercent: 40 },
            },
          ],
        },
      }),
    ]),
  ]);
  const late = vmFacts("b-late", [
    ownCollection("b-late", "gold", "westeurope", (c) => [
      point(c, name("2026-11-24T20:00:00Z"), at("2026-11-24T20:00:00Z")),
    ]),
  ]);
  const failing = vmFacts("c-failing", [
    ownCollection("c-failing", "gold", "westeurope", (c) => [
      point(c, name("2026-11-25T04:00:00Z"), at("2026-11-25T04:00:00Z")),
      point(c, name("2026-11-25T08:00:00Z"), at("2026-11-25T08:00:00Z"), "Failed"),
    ]),
  ]);
  const platform: ProtectionCollectionFacts = {
    id: collectionId("d-platform-bdp"),
    name: "d-platform-bdp",
    resourceGroup: "rg-prod",
    location: "westeurope",
    tags: {},
    platform: true,
    points: [point(collectionId("d-platform-bdp"), "daily-1", at("2026-11-25T03:00:00Z"))],
  };
  const coveredByPlatform = vmFacts("d-platform", [platform]);
  const never = vmFacts("e-never");
  const status = protectionStatusFromFacts(policy, {
    now,
    vms: [never, late, healthy, failing, coveredByPlatform],
  });

  it("counts protected, out of RPO and failing VMs", () => {
    expect(status.rpoMs).toBe(8 * HOUR);
    expect(status.summary).toEqual({ total: 5, protected: 2, outOfRpo: 2, failing: 1 });
    expect(status.vms.map((v) => [v.vmName, v.state])).toEqual([
      ["a-ok", "protected"],
      ["b-late", "outOfRpo"],
      ["c-failing", "failing"],
      ["d-platform", "protected"],
      ["e-never", "outOfRpo"],
    ]);
  });

  it("gives the newest good point per region with its age, dated by slot", () => {
    const ok = status.vms[0]!;
    expect(ok.newestAgeMs).toBe(2 * HOUR);
    expect(
      ok.regions.map((r) => [r.region, r.isSource, r.newest?.restorePointName, r.newest?.ageMs]),
    ).toEqual([
      ["westeurope", true, "gold-20261125T0800Z", 2 * HOUR],
      ["northeurope", false, "gold-20261125T0000Z", 10 * HOUR],
    ]);
    expect(status.vms[3]!.regions[0]?.newest).toMatchObject({
      restorePointName: "daily-1",
      kind: "platform",
      ageMs: 7 * HOUR,
    });
    expect(status.vms[4]!.newestAgeMs).toBeUndefined();
  });

  it("lists pending copies (replicating, and due by the plan) and the last failure", () => {
    expect(status.vms[0]!.pendingCopies).toEqual([
      {
        region: "northeurope",
        restorePointName: "gold-20261125T0800Z",
        state: "replicating",
        percentComplete: 40,
      },
    ]);
    expect(status.vms[1]!.pendingCopies).toEqual([
      { region: "northeurope", restorePointName: "gold-20261125T0800Z", state: "due" },
    ]);
    expect(status.vms[2]!.lastFailure).toEqual({
      restorePointName: "gold-20261125T0800Z",
      region: "westeurope",
      time: at("2026-11-25T08:00:00Z"),
    });
  });

  it("has every point in the timeline, oldest first", () => {
    expect(status.vms[0]!.timeline.map((p) => [p.region, p.restorePointName, p.state])).toEqual([
      ["northeurope", "gold-20261125T0000Z", "succeeded"],
      ["westeurope", "gold-20261125T0800Z", "succeeded"],
      ["northeurope", "gold-20261125T0800Z", "inProgress"],
    ]);
  });
});
