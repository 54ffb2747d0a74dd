/**
 * VM listing as the Compute RP answers it: per subscription and per resource group, pages of
 * `vmListPageSize` (50 by default) with a `nextLink` that keeps the query, tags included, the list
 * parameters checked; and VM tag updates by PATCH and PUT.
 */
import { ComputeManagementClient } from "@azure/arm-compute";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { armFetch, waitForOperation } from "../support/armFetch.js";

const CV = "api-version=2025-04-01";

const running: Emulator[] = [];
async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  const emu = await startEmulator({ operationDelayMs: 5, ...options });
  running.push(emu);
  return emu;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.close()));
});

const subscriptionList = (emu: Emulator, query = CV) =>
  `/subscriptions/${emu.subscriptionId}/providers/Microsoft.Compute/virtualMachines?${query}`;
const groupList = (emu: Emulator, group: string, query = CV) =>
  `/subscriptions/${emu.subscriptionId}/resourceGroups/${group}/providers/Microsoft.Compute/virtualMachines?${query}`;

interface Page {
  value: { name: string; tags?: Record<string, string>; properties: Record<string, unknown> }[];
  nextLink?: string;
}

/** Every page of a list, following nextLink. */
async function allPages(emu: Emulator, first: string): Promise<Page[]> {
  const pages: Page[] = [];
  let next: string | undefined = first;
  while (next !== undefined) {
    const res = await armFetch(emu, "GET", next);
    expect(res.status).toBe(200);
    pages.push(res.body as Page);
    next = (res.body as Page).nextLink;
  }
  return pages;
}

describe("VM listing", () => {
  it("pages a subscription's and a resource group's VMs 50 at a time, with tags", async () => {
    const emu = await start();
    const created: string[] = [];
    for (let i = 0; i < 120; i++) {
      const name = `vm${String(i).padStart(3, "0")}`;
      await emu.addVm({
        resourceGroup: i < 70 ? "rg-one" : "rg-two",
        name,
        location: "westeurope",
        tags: { index: String(i), ...(i % 3 === 0 ? { backup: "gold" } : {}) },
      });
      created.push(name);
    }
    const pages = await allPages(emu, subscriptionList(emu));
    expect(pages.map((page) => page.value.length)).toEqual([50, 50, 20]);
    const names = pages.flatMap((page) => page.value.map((vm) => vm.name));
    expect(names).toEqual(created);
    const listed = pages.flatMap((page) => page.value);
    expect(listed.filter((vm) => vm.tags?.backup === "gold")).toHaveLength(40);
    expect(listed.every((vm, i) => vm.tags?.index === String(i))).toBe(true);
    expect(listed[0]?.properties.instanceView).toBeUndefined();

    const one = await allPages(emu, groupList(emu, "rg-one"));
    expect(one.map((page) => page.value.length)).toEqual([50, 20]);
    const two = await allPages(emu, groupList(emu, "rg-two"));
    expect(two.map((page) => page.value.length)).toEqual([50]);
    expect(two[0]?.nextLink).toBeUndefined();
  });

  it("takes the page size as an option and keeps the query in nextLink", async () => {
    const emu = await start({ vmListPageSize: 2 });
    for (let i = 0; i < 5; i++)
      await emu.addVm({ resourceGroup: "rg", name: `vm${i}`, location: "westeurope" });
    const first = await armFetch(emu, "GET", subscriptionList(emu, `${CV}&statusOnly=true`));
    expect(first.body.value).toHaveLength(2);
    const next = new URL(first.body.nextLink as string);
    expect(next.origin).toBe(emu.url);
    expect(next.searchParams.get("statusOnly")).toBe("true");
    expect(next.searchParams.get("api-version")).toBe("2025-04-01");
    const pages = await allPages(emu, subscriptionList(emu, `${CV}&statusOnly=true`));
    expect(pages.map((page) => page.value.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((page) => page.value).every((vm) => vm.properties.instanceView !== undefined)).toBe(
      true,
    );
    await expect(startEmulator({ vmListPageSize: 0 })).rejects.toThrow(RangeError);
  });

  it("supports statusOnly, $expand=instanceView and the scale-set $filter; refuses what the API does not offer", async () => {
    const emu = await start();
    await emu.addVm({ resourceGroup: "rg", name: "app", location: "westeurope" });
    const statuses = await armFetch(emu, "GET", subscriptionList(emu, `${CV}&statusOnly=true`));
    const view = statuses.body.value[0].properties.instanceView as { statuses: { code: string }[] };
    expect(view.statuses.map((s) => s.code)).toEqual(["ProvisioningState/succeeded", "PowerState/running"]);
    const notStatus = await armFetch(emu, "GET", subscriptionList(emu, `${CV}&statusOnly=false`));
    expect(notStatus.body.value[0].properties.instanceView).toBeUndefined();
    const expanded = await armFetch(emu, "GET", groupList(emu, "rg", `${CV}&$expand=instanceView`));
    expect(expanded.body.value[0].properties.instanceView).toBeDefined();
    const scaleSet = `'virtualMachineScaleSet/id' eq '/subscriptions/${emu.subscriptionId}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/ss'`;
    const filtered = await armFetch(
      emu,
      "GET",
      subscriptionList(emu, `${CV}&$filter=${encodeURIComponent(scaleSet)}`),
    );
    expect([filtered.status, filtered.body.value]).toEqual([200, []]);

    const refused = async (url: string) => {
      const res = await armFetch(emu, "GET", url);
      return [res.status, res.body.error.code];
    };
    expect(await refused(subscriptionList(emu, `${CV}&statusOnly=yes`))).toEqual([400, "InvalidParameter"]);
    expect(await refused(groupList(emu, "rg", `${CV}&statusOnly=true`))).toEqual([400, "InvalidParameter"]);
    expect(await refused(groupList(emu, "rg", `${CV}&$expand=userData`))).toEqual([400, "InvalidParameter"]);
    expect(
      await refused(subscriptionList(emu, `${CV}&$filter=${encodeURIComponent("name eq 'app'")}`)),
    ).toEqual([400, "InvalidParameter"]);
    expect(await refused(subscriptionList(emu, `${CV}&$skiptoken=abc`))).toEqual([400, "InvalidParameter"]);
    // api-versions are checked as on every Compute route.
    expect(await refused(subscriptionList(emu, ""))).toEqual([400, "MissingApiVersionParameter"]);
    expect(await refused(subscriptionList(emu, "api-version=2025-02-28"))).toEqual([
      400,
      "NoRegisteredProviderFound",
    ]);
    // Not a calendar date: a malformed api-version, not an unknown one.
    expect(await refused(subscriptionList(emu, "api-version=2025-02-30"))).toEqual([
      400,
      "InvalidApiVersionParameter",
    ]);
    expect(await refused(groupList(emu, "nowhere"))).toEqual([404, "ResourceGroupNotFound"]);
  });

  it("changes VM tags by PATCH (replacing them all) and by PUT, and lists the new ones", async () => {
    const emu = await start();
    const vm = await emu.addVm({
      resourceGroup: "rg",
      name: "app",
      location: "westeurope",
      dataDisks: [{ lun: 0 }],
      tags: { backup: "gold", owner: "ops" },
    });
    const patch = await armFetch(emu, "PATCH", `${vm.id}?${CV}`, { body: { tags: { backup: "silver" } } });
    expect(patch.status).toBe(200);
    expect(patch.body.tags).toEqual({ backup: "silver" });
    await waitForOperation(emu, patch.headers["azure-asyncoperation"]!);
    const got = await armFetch(emu, "GET", `${vm.id}?${CV}`);
    expect(got.body.tags).toEqual({ backup: "silver" });
    // The rest of the model is untouched by a tags-only PATCH.
    expect(got.body.properties.storageProfile.dataDisks).toHaveLength(1);
    expect(got.body.properties.storageProfile.osDisk.managedDisk.id).toBe(vm.osDiskId);
    expect(got.body.properties.provisioningState).toBe("Succeeded");

    const size = await armFetch(emu, "PATCH", `${vm.id}?${CV}`, {
      body: { properties: { hardwareProfile: { vmSize: "Standard_D4s_v5" } } },
    });
    expect(size.status).toBe(200);
    expect([size.body.properties.hardwareProfile.vmSize, size.body.tags]).toEqual([
      "Standard_D4s_v5",
      { backup: "silver" },
    ]);
    const bad = await armFetch(emu, "PATCH", `${vm.id}?${CV}`, { body: { tags: { bad: 7 } } });
    expect([bad.status, bad.body.error.code]).toEqual([400, "InvalidParameter"]);
    const moved = await armFetch(emu, "PATCH", `${vm.id}?${CV}`, { body: { location: "eastus" } });
    expect([moved.status, moved.body.error.code]).toEqual([409, "InvalidResourceLocation"]);
    const missing = await armFetch(emu, "PATCH", `${vm.id.replace(/app$/, "nope")}?${CV}`, {
      body: { tags: {} },
    });
    expect(missing.status).toBe(404);

    await waitForOperation(emu, size.headers["azure-asyncoperation"]!);
    const put = await armFetch(emu, "PUT", `${vm.id}?${CV}`, {
      body: { ...got.body, tags: { backup: "gold" } },
    });
    expect(put.status).toBe(200);
    const listed = await armFetch(emu, "GET", groupList(emu, "rg"));
    expect(listed.body.value[0].tags).toEqual({ backup: "gold" });
    const cleared = await armFetch(emu, "PATCH", `${vm.id}?${CV}`, { body: { tags: {} } });
    expect(cleared.body.tags).toBeUndefined();
  });

  it("lets a capture in flight finish through a tags PATCH, not through a size change", async () => {
    const emu = await start({
      now: new Date("2026-01-05T00:00:00Z"),
      freezeTime: true,
      operationDelayMs: 1000,
    });
    const vm = await emu.addVm({ resourceGroup: "rg", name: "app", location: "westeurope" });
    const collection = vm.id.replace(/virtualMachines\/app$/, "restorePointCollections/app-rpc");
    await armFetch(emu, "PUT", `${collection}?${CV}`, {
      body: { location: "westeurope", properties: { source: { id: vm.id } } },
    });
    const capture = async (name: string, change: unknown) => {
      const put = await armFetch(emu, "PUT", `${collection}/restorePoints/${name}?${CV}`, {
        body: { properties: {} },
      });
      expect(put.status).toBe(201);
      expect((await armFetch(emu, "PATCH", `${vm.id}?${CV}`, { body: change })).status).toBe(200);
      emu.advanceTime(1000);
      return (await armFetch(emu, "GET", put.headers["azure-asyncoperation"]!)).body;
    };
    expect((await capture("tags", { tags: { backup: "gold" } })).status).toBe("Succeeded");
    const resized = await capture("size", { properties: { hardwareProfile: { vmSize: "Standard_D8s_v5" } } });
    expect([resized.status, resized.error.code]).toEqual(["Failed", "OperationNotAllowed"]);
  });

  it("serves @azure/arm-compute's listAll and list, following nextLink", async () => {
    const emu = await start({ vmListPageSize: 3 });
    for (let i = 0; i < 7; i++)
      await emu.addVm({
        resourceGroup: i < 4 ? "rg-a" : "rg-b",
        name: `vm${i}`,
        location: "westeurope",
        tags: { i: String(i) },
      });
    const client = new ComputeManagementClient(emu.credential, emu.subscriptionId, {
      endpoint: emu.url,
      tlsOptions: { ca: emu.certificatePem },
      credentials: { scopes: [`${emu.url}/.default`] },
    });
    const all: string[] = [];
    for await (const vm of client.virtualMachines.listAll()) all.push(`${vm.name}:${vm.tags?.i}`);
    expect(all).toEqual(["vm0:0", "vm1:1", "vm2:2", "vm3:3", "vm4:4", "vm5:5", "vm6:6"]);
    const inGroup: string[] = [];
    for await (const vm of client.virtualMachines.list("rg-a")) inGroup.push(vm.name ?? "");
    expect(inGroup).toEqual(["vm0", "vm1", "vm2", "vm3"]);
  });
});
