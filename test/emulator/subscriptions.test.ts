/**
 * Several subscriptions in one emulator: one token serves all, resources live per subscription
 * (ids, lookups, lists, operation URLs), each has its own throttling buckets, unknown ones get
 * ARM's SubscriptionNotFound, and persistence keeps them all.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { RestorePointClient } from "../../src/index.js";
import { armFetch, waitForOperation } from "../support/armFetch.js";

const CV = "api-version=2025-04-01";
const DV = "api-version=2025-01-02";
const RV = "api-version=2021-04-01";
const OTHER = "11111111-2222-3333-4444-555555555555";
const UNKNOWN = "99999999-9999-9999-9999-999999999999";

const running: Emulator[] = [];
async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  const emu = await startEmulator({ operationDelayMs: 5, ...options });
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

const compute = (sub: string, rg: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute`;

describe("several subscriptions", () => {
  it("creates VMs in another subscription, reachable only under it", async () => {
    const emu = await start();
    const own = await emu.addVm({ resourceGroup: "rg", name: "app", location: "westeurope" });
    const other = await emu.addVm({
      subscriptionId: OTHER,
      resourceGroup: "rg",
      name: "app",
      location: "westeurope",
      dataDisks: [{ lun: 0 }],
      tags: { backup: "gold" },
    });
    expect(own.id).toBe(`${compute(emu.subscriptionId, "rg")}/virtualMachines/app`);
    expect(other.id).toBe(`${compute(OTHER, "rg")}/virtualMachines/app`);
    expect(other.osDiskId?.startsWith(`/subscriptions/${OTHER}/`)).toBe(true);
    expect(other.dataDiskIds[0]?.startsWith(`/subscriptions/${OTHER}/`)).toBe(true);
    expect(other.networkInterfaceId.startsWith(`/subscriptions/${OTHER}/`)).toBe(true);
    expect(emu.subscriptionIds).toEqual([emu.subscriptionId, OTHER]);

    const got = await armFetch(emu, "GET", `${other.id}?${CV}`);
    expect([got.status, got.body.id, got.body.tags]).toEqual([200, other.id, { backup: "gold" }]);
    const disk = await armFetch(emu, "GET", `${other.dataDiskIds[0]}?${DV}`);
    expect(disk.status).toBe(200);
    // Any casing of the subscription segment, as ARM accepts.
    const upper = await armFetch(emu, "GET", `${other.id.replace(OTHER, OTHER.toUpperCase())}?${CV}`);
    expect(upper.status).toBe(200);

    // The same names in the emulator's own subscription are other resources.
    const ownVm = await armFetch(emu, "GET", `${own.id}?${CV}`);
    expect(ownVm.body.properties.vmId).not.toBe(got.body.properties.vmId);
    expect(ownVm.body.properties.storageProfile.dataDisks).toHaveLength(0);
  });

  it("answers an unknown subscription with ARM's 404 SubscriptionNotFound, even with a valid token", async () => {
    const emu = await start();
    const res = await armFetch(emu, "GET", `/subscriptions/${UNKNOWN}/resourcegroups?${RV}`);
    expect([res.status, res.body.error.code]).toEqual([404, "SubscriptionNotFound"]);
    expect(res.body.error.message).toContain(UNKNOWN);
    const noToken = await armFetch(emu, "GET", `/subscriptions/${UNKNOWN}/resourcegroups?${RV}`, {
      noAuth: true,
    });
    expect(noToken.status).toBe(401);
    emu.addSubscription(UNKNOWN);
    const empty = await armFetch(
      emu,
      "GET",
      `/subscriptions/${UNKNOWN}/providers/Microsoft.Compute/virtualMachines?${CV}`,
    );
    expect([empty.status, empty.body.value]).toEqual([200, []]);
    emu.addSubscription(UNKNOWN.toUpperCase());
    expect(emu.subscriptionIds).toEqual([emu.subscriptionId, UNKNOWN]);
    expect(() => {
      emu.addSubscription("a/b");
    }).toThrow(RangeError);
    expect(() => {
      emu.addSubscription("");
    }).toThrow(TypeError);
    await expect(
      emu.addVm({ subscriptionId: "bad id", resourceGroup: "rg", name: "x", location: "westeurope" }),
    ).rejects.toThrow(RangeError);
  });

  it("lists VMs, disks, collections and resource groups per subscription", async () => {
    const emu = await start();
    await emu.addVm({ resourceGroup: "rg-a", name: "a1", location: "westeurope" });
    const b1 = await emu.addVm({
      subscriptionId: OTHER,
      resourceGroup: "rg-b",
      name: "b1",
      location: "westeurope",
    });
    await emu.addVm({ subscriptionId: OTHER, resourceGroup: "rg-b", name: "b2", location: "westeurope" });
    const names = async (path: string, version: string): Promise<string[]> => {
      const res = await armFetch(emu, "GET", `${path}?${version}`);
      expect(res.status).toBe(200);
      return (res.body.value as { name: string }[]).map((item) => item.name).sort();
    };
    const sub = (id: string) => `/subscriptions/${id}`;
    expect(await names(`${sub(emu.subscriptionId)}/providers/Microsoft.Compute/virtualMachines`, CV)).toEqual(
      ["a1"],
    );
    expect(await names(`${sub(OTHER)}/providers/Microsoft.Compute/virtualMachines`, CV)).toEqual([
      "b1",
      "b2",
    ]);
    expect(await names(`${sub(emu.subscriptionId)}/resourcegroups`, RV)).toEqual(["rg-a"]);
    expect(await names(`${sub(OTHER)}/resourcegroups`, RV)).toEqual(["rg-b"]);
    expect(await names(`${sub(OTHER)}/providers/Microsoft.Compute/disks`, DV)).toHaveLength(2);
    expect(await names(`${sub(emu.subscriptionId)}/providers/Microsoft.Compute/disks`, DV)).toHaveLength(1);
    // A resource group of one subscription does not exist in the other.
    const missing = await armFetch(
      emu,
      "GET",
      `${compute(emu.subscriptionId, "rg-b")}/virtualMachines?${CV}`,
    );
    expect([missing.status, missing.body.error.code]).toEqual([404, "ResourceGroupNotFound"]);

    const collection = `${compute(OTHER, "rg-b")}/restorePointCollections/b1-rpc`;
    const put = await armFetch(emu, "PUT", `${collection}?${CV}`, {
      body: { location: "westeurope", properties: { source: { id: b1.id } } },
    });
    expect(put.status).toBe(201);
    expect(await names(`${sub(OTHER)}/providers/Microsoft.Compute/restorePointCollections`, CV)).toEqual([
      "b1-rpc",
    ]);
    expect(
      await names(`${sub(emu.subscriptionId)}/providers/Microsoft.Compute/restorePointCollections`, CV),
    ).toEqual([]);
  });

  it("runs operations per subscription: polling URLs carry it, other subscriptions do not know them", async () => {
    const emu = await start();
    const vm = await emu.addVm({
      subscriptionId: OTHER,
      resourceGroup: "rg",
      name: "app",
      location: "westeurope",
    });
    const collection = `${compute(OTHER, "rg")}/restorePointCollections/app-rpc`;
    await armFetch(emu, "PUT", `${collection}?${CV}`, {
      body: { location: "westeurope", properties: { source: { id: vm.id } } },
    });
    const create = await armFetch(emu, "PUT", `${collection}/restorePoints/rp1?${CV}`, {
      body: { properties: {} },
    });
    expect(create.status).toBe(201);
    const statusUrl = create.headers["azure-asyncoperation"]!;
    expect(
      new URL(statusUrl).pathname.startsWith(
        `/subscriptions/${OTHER}/providers/Microsoft.Compute/locations/`,
      ),
    ).toBe(true);
    const elsewhere = await armFetch(emu, "GET", statusUrl.replace(OTHER, emu.subscriptionId));
    expect(elsewhere.status).toBe(404);
    expect((await waitForOperation(emu, statusUrl)).body.status).toBe("Succeeded");
    const point = await armFetch(emu, "GET", `${collection}/restorePoints/rp1?${CV}`);
    expect(point.body.properties.provisioningState).toBe("Succeeded");
    expect(point.body.properties.sourceMetadata.storageProfile.osDisk.managedDisk.id).toBe(vm.osDiskId);
  });

  it("gives each subscription its own ARM and Compute throttling buckets and headers", async () => {
    const emu = await start({ throttle: { buckets: { writes: { capacity: 2, refillPerSecond: 0.001 } } } });
    emu.addSubscription(OTHER);
    const group = (sub: string, name: string) =>
      armFetch(emu, "PUT", `/subscriptions/${sub}/resourcegroups/${name}?${RV}`, {
        body: { location: "westeurope" },
      });
    const ownWrites = [await group(emu.subscriptionId, "g1"), await group(emu.subscriptionId, "g2")];
    expect(ownWrites.map((r) => r.headers["x-ms-ratelimit-remaining-subscription-writes"])).toEqual([
      "1",
      "0",
    ]);
    const refused = await group(emu.subscriptionId, "g3");
    expect([refused.status, refused.body.error.code]).toEqual([429, "SubscriptionRequestsThrottled"]);
    expect(refused.body.error.message).toContain(emu.subscriptionId);
    // The other subscription's budget is untouched.
    const otherWrite = await group(OTHER, "g1");
    expect(otherWrite.status).toBe(201);
    expect(otherWrite.headers["x-ms-ratelimit-remaining-subscription-writes"]).toBe("1");

    // Compute policies count per subscription too.
    const reads = async (sub: string) =>
      (await armFetch(emu, "GET", `/subscriptions/${sub}/providers/Microsoft.Compute/virtualMachines?${CV}`))
        .headers["x-ms-ratelimit-remaining-resource"];
    const first = await reads(emu.subscriptionId);
    const second = await reads(emu.subscriptionId);
    const otherFirst = await reads(OTHER);
    expect(first).toMatch(/^Microsoft\.Compute\/HighCostGetVMSubscriptionMaximum;\d+$/);
    const count = (header: string | undefined) => Number(header?.split(";")[1]);
    expect(count(second)).toBe(count(first) - 1);
    expect(otherFirst).toBe(first);
  });

  it("serves every subscription to the SDK with the one credential", async () => {
    const emu = await start();
    const vm = await emu.addVm({
      subscriptionId: OTHER,
      resourceGroup: "rg",
      name: "app",
      location: "westeurope",
    });
    const client = new RestorePointClient(OTHER, emu.credential, {
      ...emu.clientOptions,
      updateIntervalInMs: 5,
    });
    const collection = client.getCollectionClient("rg", "app-rpc");
    await collection.create({ location: "westeurope", sourceVmId: vm.id });
    const point = await collection.getRestorePointClient("rp").beginCreate();
    expect(point.id.startsWith(`/subscriptions/${OTHER}/`)).toBe(true);
    expect(point.diskRestorePoints.length).toBe(1);
  });

  it("keeps every subscription across a restart, and reset() forgets the added ones", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "emu-subs-"));
    dirs.push(dataDir);
    const first = await startEmulator({ dataDir });
    const vm = await first.addVm({
      subscriptionId: OTHER,
      resourceGroup: "rg",
      name: "app",
      location: "westeurope",
    });
    first.addSubscription(UNKNOWN);
    await first.close();
    const second = await start({ dataDir });
    expect(second.subscriptionIds).toEqual([second.subscriptionId, OTHER, UNKNOWN]);
    expect((await armFetch(second, "GET", `${vm.id}?${CV}`)).status).toBe(200);
    second.reset();
    expect(second.subscriptionIds).toEqual([second.subscriptionId]);
    const gone = await armFetch(second, "GET", `${vm.id}?${CV}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, "SubscriptionNotFound"]);
  });
});
