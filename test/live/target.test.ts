/**
 * Checks of the live target itself, before the client tests lean on it: the credential reaches
 * the subscription, the configured VM is there in the configured region, and the group the tests
 * write to can be listed. The client tests (test/client, test/copy, …) are the live scenarios;
 * they run live with the same switch. Emulator runs list this group as skipped, with how to run it.
 */
import { describe, expect, it } from "vitest";
import { normalizeRegion, parseResourceId } from "../../src/index.js";
import { describeLiveOnly, targetConfig, useTarget } from "../support/target.js";

const target = useTarget();

describeLiveOnly("the live target", () => {
  it("reads the configured VM, in the configured region, with managed data disks", async () => {
    const vm = await target.vm();
    expect(targetConfig.kind).toBe("live");
    expect(parseResourceId(vm.id).subscriptionId.toLowerCase()).toBe(target.subscriptionId.toLowerCase());
    expect(normalizeRegion(vm.location)).toBe(normalizeRegion(target.location));
    expect(vm.dataDisks.length).toBeGreaterThan(0);
    expect(vm.osDiskId).toMatch(/\/providers\/Microsoft\.Compute\/disks\//i);
  });

  it("lists the collections of the group the tests write to", async () => {
    const vm = await target.vm();
    const names: string[] = [];
    for await (const c of target.client.listCollections({ resourceGroup: vm.resourceGroup }))
      names.push(c.name);
    expect(names.every((n) => typeof n === "string")).toBe(true);
  });
});

describe("the emulator target", () => {
  it("is what runs without RP_LIVE, and keeps the emulator within reach", async () => {
    if (target.live) {
      expect(() => target.emu).toThrow("declare it with itEmulatorOnly");
      return;
    }
    const vm = await target.vm();
    expect(vm.dataDisks.map((d) => d.lun)).toEqual([0, 1]);
    expect(target.emu.subscriptionId).toBe(target.subscriptionId);
  });
});
