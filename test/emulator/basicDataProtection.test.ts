/**
 * Basic data protection: the VM's `resiliencyProfile.periodicRestorePoints.isEnabled` switch
 * (api-version 2025-04-01 and later) and the platform's daily crash-consistent restore points with
 * their 5-day retention, all on the emulator's clock.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startEmulator, type AddVmOptions, type Emulator } from "../../src/emulator/index.js";
import { RestorePointClient } from "../../src/index.js";
import { armFetch, waitForOperation } from "../support/armFetch.js";

const V2025 = "api-version=2025-04-01";
const V2024 = "api-version=2024-11-01";
const DV = "api-version=2025-01-02";
const START = new Date("2026-01-05T00:00:00Z");
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const running: Emulator[] = [];
async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  const emu = await startEmulator({ now: START, freezeTime: true, operationDelayMs: 0, ...options });
  running.push(emu);
  return emu;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.close()));
});
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function addVm(emu: Emulator, extra: Partial<AddVmOptions> = {}) {
  return emu.addVm({
    resourceGroup: "rg",
    name: "app",
    location: "northeurope",
    dataDisks: [{ lun: 0 }],
    ...extra,
  });
}

function setSwitch(emu: Emulator, vmId: string, isEnabled: unknown, version = V2025) {
  return armFetch(emu, "PATCH", `${vmId}?${version}`, {
    body: {
      location: "northeurope",
      properties: { resiliencyProfile: { periodicRestorePoints: { isEnabled } } },
    },
  });
}

interface WirePoint {
  name: string;
  properties: {
    timeCreated: string;
    consistencyMode: string;
    provisioningState: string;
    sourceMetadata: {
      storageProfile: { osDisk: { diskRestorePoint?: { id: string } }; dataDisks: unknown[] };
    };
  };
}

/** The restore points of a collection, oldest first, or undefined when it does not exist. */
async function pointsIn(emu: Emulator, collectionId: string): Promise<WirePoint[] | undefined> {
  const res = await armFetch(emu, "GET", `${collectionId}?${V2025}&$expand=restorePoints`);
  if (res.status === 404) return undefined;
  expect(res.status).toBe(200);
  return res.body.properties.restorePoints as WirePoint[];
}

const platformCollection = (vmId: string, vmName = "app") =>
  `${vmId.replace(/\/virtualMachines\/[^/]+$/, "")}/restorePointCollections/${vmName}-basic-protection`;
const timeOf = (point: WirePoint): string =>
  new Date(point.properties.timeCreated.replace(/(\.\d{3})\d*/, "$1")).toISOString();

/**
 * The points a daily schedule keeps at `now`, worked out independently of the emulator: one every
 * `interval` from `enabledAt + firstDelay`, each kept while younger than `retention`.
 */
function expectedPoints(
  enabledAt: number,
  now: number,
  firstDelay = 3 * HOUR,
  interval = DAY,
  retention = 5 * DAY,
) {
  const times: string[] = [];
  for (let t = enabledAt + firstDelay; t <= now; t += interval)
    if (now - t < retention) times.push(new Date(t).toISOString());
  return times;
}

describe("Basic data protection: the switch", () => {
  it("is set by PATCH at 2025-04-01 and shows only to api-versions that know it", async () => {
    const emu = await start();
    const vm = await addVm(emu);
    const before = await armFetch(emu, "GET", `${vm.id}?${V2025}`);
    expect(before.body.properties.resiliencyProfile).toBeUndefined();
    const enabled = await setSwitch(emu, vm.id, true);
    expect(enabled.status).toBe(200);
    expect(enabled.body.properties.resiliencyProfile).toEqual({ periodicRestorePoints: { isEnabled: true } });
    await waitForOperation(emu, enabled.headers["azure-asyncoperation"]!);
    const got = await armFetch(emu, "GET", `${vm.id}?${V2025}`);
    expect(got.body.properties.resiliencyProfile).toEqual({ periodicRestorePoints: { isEnabled: true } });
    const old = await armFetch(emu, "GET", `${vm.id}?${V2024}`);
    expect(old.body.properties.resiliencyProfile).toBeUndefined();
    const listed = await armFetch(
      emu,
      "GET",
      `/subscriptions/${emu.subscriptionId}/providers/Microsoft.Compute/virtualMachines?${V2025}`,
    );
    expect(listed.body.value[0].properties.resiliencyProfile.periodicRestorePoints.isEnabled).toBe(true);

    // An older api-version knows no such property: the request is served, the switch untouched.
    const ignored = await setSwitch(emu, vm.id, false, V2024);
    expect(ignored.status).toBe(200);
    await waitForOperation(emu, ignored.headers["azure-asyncoperation"]!);
    expect((await armFetch(emu, "GET", `${vm.id}?${V2025}`)).body.properties.resiliencyProfile).toEqual({
      periodicRestorePoints: { isEnabled: true },
    });
    const malformed = await setSwitch(emu, vm.id, "yes");
    expect([malformed.status, malformed.body.error.code, malformed.body.error.target]).toEqual([
      400,
      "InvalidParameter",
      "properties.resiliencyProfile.periodicRestorePoints.isEnabled",
    ]);
    const disabled = await setSwitch(emu, vm.id, false);
    expect(disabled.body.properties.resiliencyProfile).toEqual({
      periodicRestorePoints: { isEnabled: false },
    });
  });

  it("can be set at creation by PUT", async () => {
    const emu = await start();
    const seed = await addVm(emu, { name: "template" });
    const template = (await armFetch(emu, "GET", `${seed.id}?${V2025}`)).body;
    // A new VM on a new OS disk (the template's is attached to it): an empty-disk VM is enough here.
    const disk = await armFetch(emu, "PUT", `${seed.osDiskId!.replace(/disks\/.*$/, "disks/new-os")}?${DV}`, {
      body: {
        location: "northeurope",
        properties: {
          creationData: { createOption: "Empty" },
          diskSizeGB: 30,
          osType: "Linux",
          hyperVGeneration: "V2",
        },
      },
    });
    await waitForOperation(emu, disk.headers["azure-asyncoperation"]!);
    const nic = await armFetch(
      emu,
      "PUT",
      `${seed.networkInterfaceId.replace(/template-nic$/, "new-nic")}?api-version=2024-05-01`,
      {
        body: {
          location: "northeurope",
          properties: {
            ipConfigurations: [
              {
                name: "ipconfig1",
                properties: {
                  subnet: { id: seed.subnetId },
                },
              },
            ],
          },
        },
      },
    );
    const vmId = seed.id.replace(/template$/, "fresh");
    const put = await armFetch(emu, "PUT", `${vmId}?${V2025}`, {
      body: {
        location: "northeurope",
        properties: {
          hardwareProfile: template.properties.hardwareProfile,
          storageProfile: {
            osDisk: { createOption: "Attach", osType: "Linux", managedDisk: { id: disk.body.id } },
          },
          networkProfile: { networkInterfaces: [{ id: nic.body.id }] },
          resiliencyProfile: { periodicRestorePoints: { isEnabled: true } },
        },
      },
    });
    expect(put.status).toBe(201);
    expect(put.body.properties.resiliencyProfile).toEqual({ periodicRestorePoints: { isEnabled: true } });
    await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
    emu.advanceTime(3 * HOUR);
    const points = await pointsIn(emu, platformCollection(vmId, "fresh"));
    expect(points?.map(timeOf)).toEqual(["2026-01-05T03:00:00.000Z"]);
  });

  it("refuses VMs and regions the preview does not support, naming every reason", async () => {
    const emu = await start();
    const cases: [Partial<AddVmOptions>, RegExp][] = [
      [{ name: "eph", osDisk: { ephemeral: true } }, /'eph_OsDisk_1_[0-9a-f]+' is an ephemeral OS disk/],
      [{ name: "wa", dataDisks: [{ lun: 0, writeAcceleratorEnabled: true }] }, /Write Accelerator/],
      [{ name: "shared", dataDisks: [{ lun: 0, maxShares: 2 }] }, /is a shared disk/],
      [
        {
          name: "ultra",
          dataDisks: [
            { lun: 0, sku: "UltraSSD_LRS" },
            { lun: 1, sku: "PremiumV2_LRS" },
          ],
        },
        /Ultra disk; .*Premium SSD v2 disk/,
      ],
      [{ name: "vhd", dataDisks: [{ lun: 0, unmanaged: true }] }, /is not a managed disk/],
      [{ name: "west", location: "westeurope" }, /region 'westeurope' is not supported/],
    ];
    for (const [extra, reason] of cases) {
      const vm = await addVm(emu, extra);
      const res = await armFetch(emu, "PATCH", `${vm.id}?${V2025}`, {
        body: { properties: { resiliencyProfile: { periodicRestorePoints: { isEnabled: true } } } },
      });
      expect([res.status, res.body.error.code]).toEqual([400, "BadRequest"]);
      expect(res.body.error.message).toMatch(reason);
      expect(res.body.error.target).toBe("properties.resiliencyProfile.periodicRestorePoints.isEnabled");
      const after = await armFetch(emu, "GET", `${vm.id}?${V2025}`);
      expect(after.body.properties.resiliencyProfile).toBeUndefined();
    }
    const anywhere = await start({ basicDataProtection: { regions: "any" } });
    const west = await addVm(anywhere, { location: "westeurope" });
    const ok = await armFetch(anywhere, "PATCH", `${west.id}?${V2025}`, {
      body: { properties: { resiliencyProfile: { periodicRestorePoints: { isEnabled: true } } } },
    });
    expect(ok.status).toBe(200);
  });
});

describe("Basic data protection: the platform's restore points", () => {
  it("takes one crash-consistent point a day, 3 hours after enabling, and keeps 5 days of them", async () => {
    const emu = await start();
    const vm = await addVm(emu);
    await setSwitch(emu, vm.id, true);
    const collection = platformCollection(vm.id);
    emu.advanceTime(3 * HOUR - 1);
    expect(await pointsIn(emu, collection)).toBeUndefined();
    emu.advanceTime(1);
    expect((await pointsIn(emu, collection))?.map(timeOf)).toEqual(["2026-01-05T03:00:00.000Z"]);

    emu.advanceTime(30 * DAY - 3 * HOUR);
    const points = (await pointsIn(emu, collection)) ?? [];
    const expected = expectedPoints(START.getTime(), emu.now().getTime());
    expect(expected).toHaveLength(5);
    expect(points.map(timeOf)).toEqual(expected);
    expect(points.map((p) => p.name)).toEqual([
      "rp-20260130-030000",
      "rp-20260131-030000",
      "rp-20260201-030000",
      "rp-20260202-030000",
      "rp-20260203-030000",
    ]);
    for (const point of points) {
      expect(point.properties.consistencyMode).toBe("CrashConsistent");
      expect(point.properties.provisioningState).toBe("Succeeded");
      expect(point.properties.sourceMetadata.storageProfile.osDisk.diskRestorePoint?.id).toContain(
        point.name,
      );
      expect(point.properties.sourceMetadata.storageProfile.dataDisks).toHaveLength(1);
    }
    const rpc = await armFetch(emu, "GET", `${collection}?${V2025}`);
    expect(rpc.body.properties.source).toEqual({ id: vm.id, location: "northeurope" });
    expect(rpc.body.location).toBe("northeurope");
    // The oldest kept point is deleted the moment it turns 5 days old, as the next one is taken.
    emu.advanceTime(3 * HOUR - 1);
    expect((await pointsIn(emu, collection))?.map((p) => p.name)[0]).toBe("rp-20260130-030000");
    emu.advanceTime(1);
    const next = (await pointsIn(emu, collection))?.map((p) => p.name);
    expect(next).toEqual([
      "rp-20260131-030000",
      "rp-20260201-030000",
      "rp-20260202-030000",
      "rp-20260203-030000",
      "rp-20260204-030000",
    ]);
  });

  it("gives the same points however time is advanced", async () => {
    const atOnce = await start();
    const stepwise = await start();
    const a = await addVm(atOnce);
    const b = await addVm(stepwise);
    await setSwitch(atOnce, a.id, true);
    await setSwitch(stepwise, b.id, true);
    atOnce.advanceTime(17 * DAY + 5 * HOUR);
    for (const step of [HOUR, 2 * HOUR + 59 * 60_000, 60_000, 5 * DAY, 11 * DAY, DAY + HOUR])
      stepwise.advanceTime(step);
    expect(stepwise.now().toISOString()).toBe(atOnce.now().toISOString());
    const names = async (emu: Emulator, vmId: string) =>
      (await pointsIn(emu, platformCollection(vmId)))?.map((p) => p.name);
    expect(await names(stepwise, b.id)).toEqual(await names(atOnce, a.id));
    expect(await names(atOnce, a.id)).toHaveLength(5);
  });

  it("stops when disabled (the points taken stay) and starts again 3 hours after re-enabling", async () => {
    const emu = await start();
    const vm = await addVm(emu);
    const collection = platformCollection(vm.id);
    await setSwitch(emu, vm.id, true);
    emu.advanceTime(2 * DAY + 3 * HOUR);
    expect(await pointsIn(emu, collection)).toHaveLength(3);
    await setSwitch(emu, vm.id, false);
    emu.advanceTime(20 * DAY);
    // No new point, and none pruned though all are older than 5 days.
    expect((await pointsIn(emu, collection))?.map(timeOf)).toEqual([
      "2026-01-05T03:00:00.000Z",
      "2026-01-06T03:00:00.000Z",
      "2026-01-07T03:00:00.000Z",
    ]);
    const enabledAt = emu.now().getTime();
    await setSwitch(emu, vm.id, true);
    // Enabling again while enabled does not move the schedule.
    emu.advanceTime(2 * HOUR);
    await setSwitch(emu, vm.id, true);
    emu.advanceTime(HOUR);
    const after = (await pointsIn(emu, collection))?.map(timeOf);
    expect(after).toEqual([new Date(enabledAt + 3 * HOUR).toISOString()]);
  });

  it("never prunes restore points users made, and keeps a platform point while a SAS of it is active", async () => {
    const emu = await start();
    const vm = await addVm(emu);
    const collection = platformCollection(vm.id);
    await setSwitch(emu, vm.id, true);
    emu.advanceTime(3 * HOUR);
    const own = await armFetch(emu, "PUT", `${collection}/restorePoints/mine?${V2025}`, {
      body: { properties: {} },
    });
    expect(own.status).toBe(201);
    await waitForOperation(emu, own.headers["azure-asyncoperation"]!);
    const first = (await pointsIn(emu, collection))?.[0];
    const diskPointId = first?.properties.sourceMetadata.storageProfile.osDisk.diskRestorePoint?.id ?? "";
    const grant = await armFetch(emu, "POST", `${diskPointId}/beginGetAccess?${DV}`, {
      body: { access: "Read", durationInSeconds: 6 * 24 * 3600 },
    });
    expect(grant.status).toBe(202);
    await waitForOperation(emu, grant.headers["azure-asyncoperation"]!);
    emu.advanceTime(5 * DAY);
    const names = async () => (await pointsIn(emu, collection))?.map((p) => p.name);
    expect(await names()).toEqual([
      "rp-20260105-030000",
      "mine",
      "rp-20260106-030000",
      "rp-20260107-030000",
      "rp-20260108-030000",
      "rp-20260109-030000",
      "rp-20260110-030000",
    ]);
    emu.advanceTime(DAY);
    // The SAS has expired: the overdue point goes with the next one's moment.
    expect(await names()).toEqual([
      "mine",
      "rp-20260107-030000",
      "rp-20260108-030000",
      "rp-20260109-030000",
      "rp-20260110-030000",
      "rp-20260111-030000",
    ]);
  });

  it("takes its schedule, retention and collection name from the options", async () => {
    const emu = await start({
      basicDataProtection: {
        firstPointDelayMs: HOUR,
        intervalMs: 6 * HOUR,
        retentionMs: DAY,
        collectionName: "platform-{vmName}",
      },
    });
    const vm = await addVm(emu);
    await setSwitch(emu, vm.id, true);
    emu.advanceTime(3 * DAY);
    const collection = vm.id.replace(/virtualMachines\/app$/, "restorePointCollections/platform-app");
    const points = await pointsIn(emu, collection);
    expect(points?.map(timeOf)).toEqual(
      expectedPoints(START.getTime(), emu.now().getTime(), HOUR, 6 * HOUR, DAY),
    );
    expect(points).toHaveLength(4);
    await expect(startEmulator({ basicDataProtection: { collectionName: "fixed" } })).rejects.toThrow(
      RangeError,
    );
    await expect(startEmulator({ basicDataProtection: { intervalMs: 0 } })).rejects.toThrow(RangeError);
  });

  it("serves the platform's points to the SDK, in every subscription, across a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "emu-bdp-"));
    dirs.push(dataDir);
    const other = "11111111-2222-3333-4444-555555555555";
    const first = await startEmulator({ now: START, freezeTime: true, operationDelayMs: 0, dataDir });
    const vm = await addVm(first, { subscriptionId: other });
    await setSwitch(first, vm.id, true);
    first.advanceTime(DAY);
    await first.close();
    const emu = await start({ now: undefined, dataDir });
    emu.advanceTime(9 * DAY);
    const client = new RestorePointClient(other, emu.credential, {
      ...emu.clientOptions,
      updateIntervalInMs: 5,
    });
    const createdOn: string[] = [];
    for await (const point of client.getCollectionClient("rg", "app-basic-protection").listRestorePoints())
      createdOn.push(point.createdOn?.toISOString() ?? "");
    expect(createdOn).toEqual(expectedPoints(START.getTime(), emu.now().getTime()));
    expect(createdOn).toHaveLength(5);
  });
});
