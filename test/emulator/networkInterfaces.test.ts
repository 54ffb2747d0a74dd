import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { armFetch, paths } from "../support/armFetch.js";

const NV = "api-version=2024-05-01";
const RG = "rg-nics";

let emu: Emulator;
let p: ReturnType<typeof paths>;

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 5 });
  p = paths(emu, RG);
  await armFetch(emu, "PUT", `${p.rg}?api-version=2025-04-01`, { body: { location: "westeurope" } });
  await emu.addVirtualNetwork({ resourceGroup: RG, name: "vnet-1", location: "westeurope" });
});
afterAll(async () => {
  await emu.close();
});

const nic = (name: string, group = p) => `${group.rg}/providers/Microsoft.Network/networkInterfaces/${name}`;
const subnetId = () => `${p.rg}/providers/Microsoft.Network/virtualNetworks/vnet-1/subnets/default`;
const nicBody = (extra: Record<string, unknown> = {}, subnet: unknown = subnetId()) => ({
  location: "westeurope",
  properties: { ipConfigurations: [{ name: "ipconfig1", properties: { subnet: { id: subnet } } }] },
  ...extra,
});

describe("network interfaces", () => {
  it("creates (201), updates (200, new etag), reads, lists and deletes (200, then 204)", async () => {
    const created = await armFetch(emu, "PUT", `${nic("nic-1")}?${NV}`, { body: nicBody() });
    expect(created.status).toBe(201);
    expect(created.headers["azure-asyncoperation"]).toBeUndefined();
    expect(created.body).toMatchObject({
      name: "nic-1",
      id: nic("nic-1"),
      type: "Microsoft.Network/networkInterfaces",
      location: "westeurope",
      etag: expect.stringMatching(/^W\/"[0-9a-f-]{36}"$/),
      properties: {
        provisioningState: "Succeeded",
        resourceGuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ipConfigurations: [
          {
            name: "ipconfig1",
            properties: { privateIPAllocationMethod: "Dynamic", subnet: { id: subnetId() }, primary: true },
          },
        ],
      },
    });
    expect(created.body.properties.virtualMachine).toBeUndefined();
    const updated = await armFetch(emu, "PUT", `${nic("NIC-1")}?${NV}`, {
      body: nicBody({ tags: { team: "a" } }),
    });
    expect(updated.status).toBe(200);
    expect(updated.body.tags).toEqual({ team: "a" });
    expect(updated.body.etag).not.toBe(created.body.etag);
    expect(updated.body.properties.resourceGuid).toBe(created.body.properties.resourceGuid);
    const read = await armFetch(emu, "GET", `${nic("nic-1")}?${NV}`);
    expect(read.body).toEqual(updated.body);
    const list = await armFetch(emu, "GET", `${p.rg}/providers/Microsoft.Network/networkInterfaces?${NV}`);
    expect(list.body.value.map((n: { name: string }) => n.name)).toContain("nic-1");
    expect((await armFetch(emu, "DELETE", `${nic("nic-1")}?${NV}`)).status).toBe(200);
    expect((await armFetch(emu, "DELETE", `${nic("nic-1")}?${NV}`)).status).toBe(204);
    const gone = await armFetch(emu, "GET", `${nic("nic-1")}?${NV}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, "ResourceNotFound"]);
  });

  it("refuses to delete a NIC attached to a VM, and to move a NIC to another region", async () => {
    const vm = await emu.addVm({ resourceGroup: RG, name: "web", location: "westeurope" });
    const del = await armFetch(emu, "DELETE", `${vm.networkInterfaceId}?${NV}`);
    expect([del.status, del.body.error.code]).toEqual([409, "OperationNotAllowed"]);
    const read = await armFetch(emu, "GET", `${vm.networkInterfaceId}?${NV}`);
    expect(read.body.properties.virtualMachine).toEqual({ id: vm.id });
    const moved = await armFetch(emu, "PUT", `${vm.networkInterfaceId}?${NV}`, {
      body: { ...nicBody(), location: "eastus" },
    });
    expect([moved.status, moved.body.error.code]).toEqual([409, "InvalidResourceLocation"]);
    expect((await armFetch(emu, "GET", `${vm.networkInterfaceId}?${NV}`)).body).toEqual(read.body);
  });

  it("answers request errors with the ARM codes and creates nothing", async () => {
    const cases: [string, unknown, number, string][] = [
      ["-bad", nicBody(), 400, "InvalidResourceName"],
      ["no-location", { properties: nicBody().properties }, 400, "InvalidParameter"],
      ["no-ip", { location: "westeurope", properties: {} }, 400, "InvalidParameter"],
      [
        "no-subnet",
        { location: "westeurope", properties: { ipConfigurations: [{ properties: {} }] } },
        400,
        "InvalidParameter",
      ],
      ["bad-subnet", nicBody({}, "/not/a/subnet"), 400, "InvalidParameter"],
      ["subnet-number", nicBody({}, 42), 400, "InvalidParameter"],
    ];
    for (const [name, body, status, code] of cases) {
      const res = await armFetch(emu, "PUT", `${nic(name)}?${NV}`, { body });
      expect([name, res.status, res.body.error.code]).toEqual([name, status, code]);
      expect((await armFetch(emu, "GET", `${nic(name)}?${NV}`)).status).toBe(404);
    }
    const malformed = await armFetch(emu, "PUT", `${nic("malformed")}?${NV}`, { rawBody: "[" });
    expect(malformed.body.error.code).toBe("InvalidRequestContent");
    const badVersion = await armFetch(emu, "GET", `${nic("x")}?api-version=latest`);
    expect(badVersion.body.error.code).toBe("InvalidApiVersionParameter");
    const ancient = await armFetch(emu, "GET", `${nic("x")}?api-version=2014-01-01`);
    expect(ancient.body.error.code).toBe("NoRegisteredProviderFound");
    const noGroup = await armFetch(emu, "PUT", `${nic("x", paths(emu, "rg-none"))}?${NV}`, {
      body: nicBody(),
    });
    expect([noGroup.status, noGroup.body.error.code]).toEqual([404, "ResourceGroupNotFound"]);
  });
});
