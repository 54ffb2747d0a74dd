/**
 * Basic data protection through the public API against the emulator: the typed switch with the
 * preview's pre-checks (refused before any PATCH), and a policy that counts the platform's daily
 * points toward its RPO while its retention never deletes them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import {
  RestorePointClient,
  disableBasicDataProtection,
  enableBasicDataProtection,
  isRestorePointError,
  protectionStatus,
  runProtection,
  validateProtectionPolicy,
} from "../../src/index.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let emu: Emulator;
let client: RestorePointClient;
const patches = (): number =>
  emu.requestLog.filter((e) => e.method === "PATCH" && /virtualMachines/i.test(e.path)).length;

beforeAll(async () => {
  emu = await startEmulator({
    now: new Date("2026-10-01T00:00:00Z"),
    freezeTime: false,
    operationDelayMs: 1,
  });
  client = new RestorePointClient(emu.subscriptionId, emu.credential, {
    ...emu.clientOptions,
    updateIntervalInMs: 2,
  });
});

afterAll(async () => {
  await emu.close();
});

describe("enableBasicDataProtection / disableBasicDataProtection (preview)", () => {
  it("turns the switch on and off, and reports when nothing changed", async () => {
    const vm = await emu.addVm({ resourceGroup: "rg", name: "on-off", location: "northeurope" });
    expect(await enableBasicDataProtection(client, vm.id)).toEqual({
      vmId: vm.id,
      isEnabled: true,
      changed: true,
    });
    const sent = patches();
    expect(await enableBasicDataProtection(client, vm.id)).toEqual({
      vmId: vm.id,
      isEnabled: true,
      changed: false,
    });
    expect(patches()).toBe(sent);
    expect(await disableBasicDataProtection(client, vm.id)).toEqual({
      vmId: vm.id,
      isEnabled: false,
      changed: true,
    });
    expect(await disableBasicDataProtection(client, vm.id)).toEqual({
      vmId: vm.id,
      isEnabled: false,
      changed: false,
    });
  });

  it("refuses a region outside the preview before any PATCH, unless regions is 'any'", async () => {
    const vm = await emu.addVm({ resourceGroup: "rg", name: "west", location: "westeurope" });
    const sent = patches();
    const error: unknown = await enableBasicDataProtection(client, vm.id).catch((e: unknown) => e);
    expect(isRestorePointError(error, "RegionNotSupported")).toBe(true);
    expect((error as Error).message).toContain("westeurope");
    expect(patches()).toBe(sent);
    // The emulator follows the preview's list too, so "any" reaches its refusal (a RestError).
    await expect(enableBasicDataProtection(client, vm.id, { regions: "any" })).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it("names every disk the preview cannot protect, before any PATCH", async () => {
    const vm = await emu.addVm({
      resourceGroup: "rg",
      name: "odd-disks",
      location: "northeurope",
      dataDisks: [
        { lun: 0, maxShares: 2 },
        { lun: 1, sku: "UltraSSD_LRS" },
        { lun: 2, writeAcceleratorEnabled: true },
        { lun: 3 },
      ],
    });
    const sent = patches();
    const error: unknown = await enableBasicDataProtection(client, vm.id).catch((e: unknown) => e);
    expect(isRestorePointError(error, "UnsupportedDisk")).toBe(true);
    const disks = (error as { disks: Array<{ diskId: string; reason: string }> }).disks;
    expect(disks.map((d) => [d.diskId.toLowerCase(), d.reason])).toEqual([
      [vm.dataDiskIds[0]?.toLowerCase(), "shared disk (maxShares 2)"],
      [vm.dataDiskIds[1]?.toLowerCase(), "Ultra disk"],
      [vm.dataDiskIds[2]?.toLowerCase(), "Write Accelerator enabled"],
    ]);
    expect(patches()).toBe(sent);
  });

  it("checks its arguments before any request", async () => {
    const before = emu.requestLog.length;
    await expect(enableBasicDataProtection(client, "not-an-id")).rejects.toBeInstanceOf(TypeError);
    await expect(
      enableBasicDataProtection(
        client,
        `/subscriptions/${emu.subscriptionId}/resourceGroups/rg/providers/Microsoft.Compute/disks/d`,
      ),
    ).rejects.toBeInstanceOf(TypeError);
    await expect(
      enableBasicDataProtection(
        client,
        `/subscriptions/${emu.subscriptionId}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/x`,
        {
          regions: "eu" as unknown as readonly string[],
        },
      ),
    ).rejects.toBeInstanceOf(TypeError);
    expect(emu.requestLog.length).toBe(before);
  });
});

describe("a policy over a VM with Basic data protection", () => {
  it("counts the platform's points toward the RPO and never deletes them", async () => {
    const vm = await emu.addVm({
      resourceGroup: "rg-bdp",
      name: "bdp",
      location: "northeurope",
      tags: { backup: "daily" },
    });
    await enableBasicDataProtection(client, vm.id);
    const policy = validateProtectionPolicy({
      name: "daily",
      selector: { resourceGroups: ["rg-bdp"], tags: { backup: "daily" } },
      schedule: { everyHours: 24 },
      retention: { keepLast: 1 },
      rpo: { hours: 6 },
    });
    // The platform's first point comes 3 hours after the switch; before the policy ever ran, it
    // alone keeps the VM within a 6-hour RPO.
    emu.advanceTime(4 * HOUR);
    const first = await protectionStatus(client, policy, { now: emu.now() });
    expect(first.vms).toHaveLength(1);
    expect(first.vms[0]?.state).toBe("protected");
    expect(first.vms[0]?.regions.find((r) => r.isSource)?.newest?.kind).toBe("platform");

    const platformNames = new Set<string>();
    const deleted: string[] = [];
    for (let day = 0; day < 8; day++) {
      const result = await runProtection(client, policy, { now: emu.now() });
      expect(result.summary.failed).toBe(0);
      deleted.push(...result.vms.flatMap((v) => v.deleted.map((d) => d.restorePointName)));
      const status = await protectionStatus(client, policy, { now: emu.now() });
      for (const p of status.vms[0]?.timeline ?? [])
        if (p.kind === "platform") platformNames.add(p.restorePointName);
      emu.advanceTime(DAY);
    }
    // The policy pruned its own points (keepLast 1) and none of the platform's.
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.every((name) => name.startsWith("daily-"))).toBe(true);
    expect(platformNames.size).toBeGreaterThanOrEqual(5);
    expect([...platformNames].some((name) => deleted.includes(name))).toBe(false);
  });
});
