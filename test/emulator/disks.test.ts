import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { armFetch, paths, waitForOperation, type WireResponse } from "../support/armFetch.js";

const CV = "api-version=2025-04-01";
const DV = "api-version=2025-01-02";
const RG = "rg-disks";

let emu: Emulator;
let p: ReturnType<typeof paths>;

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 5 });
  p = paths(emu, RG);
  expect((await armFetch(emu, "PUT", `${p.rg}?${CV}`, { body: { location: "westeurope" } })).status).toBe(
    201,
  );
});
afterAll(async () => {
  await emu.close();
});

function putDisk(name: string, body: unknown): Promise<WireResponse> {
  return armFetch(emu, "PUT", `${p.disk(name)}?${DV}`, { body });
}

async function createDisk(name: string, body: unknown): Promise<WireResponse> {
  const put = await putDisk(name, body);
  expect(put.status).toBe(202);
  const done = await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
  expect(done.body.status).toBe("Succeeded");
  return armFetch(emu, "GET", `${p.disk(name)}?${DV}`);
}

const empty = (sizeGB: number, extra: Record<string, unknown> = {}) => ({
  location: "westeurope",
  properties: { creationData: { createOption: "Empty" }, diskSizeGB: sizeGB, ...extra },
});

/** A VM with a 1 GB data disk, a collection and a finished restore point; returns its disk restore points. */
async function diskRestorePoints(vmName: string): Promise<{ os: string; data: string; vmId: string }> {
  const vm = await emu.addVm({
    resourceGroup: RG,
    name: vmName,
    location: "westeurope",
    dataDisks: [{ lun: 0, sizeGB: 1 }],
  });
  const rpc = `rpc-${vmName}`;
  const created = await armFetch(emu, "PUT", `${p.collection(rpc)}?${CV}`, {
    body: { location: "westeurope", properties: { source: { id: vm.id } } },
  });
  expect(created.status).toBe(201);
  const point = await armFetch(emu, "PUT", `${p.restorePoint(rpc, "rp1")}?${CV}`, { body: {} });
  expect(point.status).toBe(201);
  await waitForOperation(emu, point.headers["azure-asyncoperation"]!);
  const list = await armFetch(emu, "GET", `${p.restorePoint(rpc, "rp1")}/diskRestorePoints?${DV}`);
  const ids = (list.body.value as { id: string }[]).map((d) => d.id);
  const data = ids.find((id) => id.includes(`/diskRestorePoints/${vmName}_DataDisk_0_`));
  const os = ids.find((id) => id.includes(`/diskRestorePoints/${vmName}_OsDisk_1_`));
  expect(data).toBeDefined();
  expect(os).toBeDefined();
  return { os: os!, data: data!, vmId: vm.id };
}

describe("managed disks: create", () => {
  it("creates an Empty disk: 202 + DiskOperations URLs, status poll ends with properties.output", async () => {
    const put = await putDisk("empty-1", empty(64, { osType: "Linux" }));
    expect(put.status).toBe(202);
    expect(put.headers["azure-asyncoperation"]).toMatch(
      /\/subscriptions\/[^/]+\/providers\/Microsoft\.Compute\/locations\/westeurope\/DiskOperations\/[0-9a-f-]+\?p=[0-9a-f-]+&api-version=2025-01-02$/,
    );
    expect(put.headers.location).toBe(`${put.headers["azure-asyncoperation"]}&monitor=true`);
    expect(put.headers["azure-asyncnotification"]).toBeUndefined();
    expect(put.body).toMatchObject({
      name: "empty-1",
      id: p.disk("empty-1"),
      type: "Microsoft.Compute/disks",
      location: "westeurope",
      tags: {},
      sku: { name: "Premium_LRS" },
      properties: { creationData: { createOption: "Empty" }, diskSizeGB: 64, provisioningState: "Updating" },
    });
    const done = await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
    expect(done.body).toMatchObject({
      status: "Succeeded",
      name: expect.any(String),
      endTime: expect.any(String),
    });
    const output = done.body.properties.output;
    expect(output.properties.provisioningState).toBe("Succeeded");
    const get = await armFetch(emu, "GET", `${p.disk("EMPTY-1")}?${DV}`);
    expect(get.status).toBe(200);
    expect(get.body).toEqual(output);
    expect(get.body.sku).toEqual({ name: "Premium_LRS", tier: "Premium" });
    expect(get.body.properties).toMatchObject({
      osType: "Linux",
      diskSizeGB: 64,
      diskSizeBytes: 64 * 1024 ** 3,
      diskIOPSReadWrite: 240,
      diskMBpsReadWrite: 50,
      tier: "P6",
      diskState: "Unattached",
      encryption: { type: "EncryptionAtRestWithPlatformKey" },
      networkAccessPolicy: "AllowAll",
      publicNetworkAccess: "Enabled",
      uniqueId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      timeCreated: expect.stringMatching(/\.\d{7}\+00:00$/),
    });
    expect(get.body.managedBy).toBeUndefined();
    const monitor = await armFetch(emu, "GET", put.headers.location!);
    expect(monitor.status).toBe(200);
    expect(monitor.body).toEqual(output);
  });

  it("honours sku, zone, tags and the SSD tier names", async () => {
    const get = await createDisk("zoned", {
      ...empty(128),
      sku: { name: "standardssd_lrs" },
      zones: ["2"],
      tags: { env: "test" },
    });
    expect(get.body).toMatchObject({
      sku: { name: "StandardSSD_LRS", tier: "Standard" },
      zones: ["2"],
      tags: { env: "test" },
    });
    expect(get.body.properties.tier).toBe("E10");
    const zrs = await putDisk("zrs-zoned", { ...empty(8), sku: { name: "Premium_ZRS" }, zones: ["1"] });
    expect(zrs.status).toBe(400);
    expect(zrs.body.error.code).toBe("InvalidParameter");
  });

  it("restores from a disk restore point as recorded (grow 1 → 2 GB, tier P1, no osType)", async () => {
    const drp = await diskRestorePoints("src1");
    const put = await putDisk("restored", {
      location: "westeurope",
      properties: { creationData: { createOption: "Restore", sourceResourceId: drp.data }, diskSizeGB: 2 },
      sku: { name: "Premium_LRS" },
      tags: {},
    });
    expect(put.status).toBe(202);
    expect(put.body.properties).toEqual({
      creationData: { createOption: "Restore", sourceResourceId: drp.data },
      diskSizeGB: 2,
      provisioningState: "Updating",
    });
    const done = await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
    expect(done.body.properties.output.properties.creationData).toEqual({
      createOption: "Restore",
      sourceResourceId: drp.data,
    });
    const get = await armFetch(emu, "GET", `${p.disk("restored")}?${DV}`);
    expect(get.body.properties).toMatchObject({
      diskSizeGB: 2,
      diskSizeBytes: 2147483648,
      diskIOPSReadWrite: 120,
      diskMBpsReadWrite: 25,
      tier: "P1",
      diskState: "Unattached",
      provisioningState: "Succeeded",
    });
    expect(get.body.properties.osType).toBeUndefined();

    const os = await createDisk("restored-os", {
      location: "westeurope",
      properties: { creationData: { createOption: "Restore", sourceResourceId: drp.os } },
    });
    expect(os.body.properties).toMatchObject({ osType: "Linux", hyperVGeneration: "V2", diskSizeGB: 30 });
  });

  it("refuses a restore that shrinks, changes region, or names no disk restore point", async () => {
    const drp = await diskRestorePoints("src2");
    const restore = (
      sourceResourceId: string,
      extra: Record<string, unknown> = {},
      location = "westeurope",
    ) =>
      putDisk("bad-restore", {
        location,
        properties: { creationData: { createOption: "Restore", sourceResourceId }, ...extra },
      });
    const shrink = await restore(drp.os, { diskSizeGB: 8 });
    expect(shrink.status).toBe(400);
    expect(shrink.body.error).toMatchObject({ code: "InvalidParameter", target: "properties.diskSizeGB" });
    expect(shrink.body.error.message).toMatch(/can only grow/);
    const region = await restore(drp.data, {}, "northeurope");
    expect(region.status).toBe(400);
    expect(region.body.error.code).toBe("InvalidParameter");
    const missing = await restore(`${drp.data}-nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NotFound");
    const notAPoint = await restore(p.disk("empty-1"));
    expect(notAPoint.status).toBe(400);
    expect(notAPoint.body.error.code).toBe("InvalidParameter");
    const noSource = await putDisk("bad-restore", {
      location: "westeurope",
      properties: { creationData: { createOption: "Restore" } },
    });
    expect(noSource.body.error).toMatchObject({
      code: "InvalidParameter",
      target: "properties.creationData.sourceResourceId",
    });
    expect((await armFetch(emu, "GET", `${p.disk("bad-restore")}?${DV}`)).status).toBe(404);
  });

  it("copies a disk (with sourceUniqueId) and, leniently, a disk restore point", async () => {
    const source = await createDisk("copy-src", empty(16, { osType: "Windows" }));
    const copy = await createDisk("copy-of-disk", {
      location: "westeurope",
      properties: { creationData: { createOption: "Copy", sourceResourceId: source.body.id } },
    });
    expect(copy.body.properties).toMatchObject({
      osType: "Windows",
      diskSizeGB: 16,
      creationData: {
        createOption: "Copy",
        sourceResourceId: source.body.id,
        sourceUniqueId: source.body.properties.uniqueId,
      },
    });
    const drp = await diskRestorePoints("src3");
    const fromPoint = await createDisk("copy-of-point", {
      location: "westeurope",
      properties: { creationData: { createOption: "Copy", sourceResourceId: drp.data } },
    });
    expect(fromPoint.body.properties.diskSizeGB).toBe(1);
  });

  it("answers request errors with the ARM codes", async () => {
    const cases: [string, unknown, number, string][] = [
      ["bad.name", empty(8), 400, "InvalidResourceName"],
      ["x".repeat(81), empty(8), 400, "InvalidResourceName"],
      [
        "no-size",
        { location: "westeurope", properties: { creationData: { createOption: "Empty" } } },
        400,
        "InvalidParameter",
      ],
      [
        "no-location",
        { properties: { creationData: { createOption: "Empty" }, diskSizeGB: 8 } },
        400,
        "InvalidParameter",
      ],
      [
        "attach",
        { location: "westeurope", properties: { creationData: { createOption: "Attach" }, diskSizeGB: 8 } },
        400,
        "InvalidParameter",
      ],
      ["bad-sku", { ...empty(8), sku: { name: "Gold_LRS" } }, 400, "InvalidParameter"],
      ["too-big", empty(40000), 400, "InvalidParameter"],
      ["private", empty(8, { networkAccessPolicy: "AllowPrivate" }), 400, "InvalidParameter"],
      ["not-object", [1, 2], 400, "InvalidRequestContent"],
    ];
    for (const [name, body, status, code] of cases) {
      const res = await putDisk(name, body);
      expect([name, res.status, res.body.error.code]).toEqual([name, status, code]);
    }
    const malformed = await armFetch(emu, "PUT", `${p.disk("malformed")}?${DV}`, { rawBody: "{ nope" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("InvalidRequestContent");
    const computeVersion = await armFetch(emu, "PUT", `${p.disk("v")}?${CV}`, { body: empty(8) });
    expect(computeVersion.body.error.code).toBe("NoRegisteredProviderFound");
    const noGroup = await armFetch(emu, "PUT", `${paths(emu, "rg-missing").disk("d")}?${DV}`, {
      body: empty(8),
    });
    expect(noGroup.status).toBe(404);
    expect(noGroup.body.error.code).toBe("ResourceGroupNotFound");
    const get = await armFetch(emu, "GET", `${p.disk("never")}?${DV}`);
    expect(get.status).toBe(404);
    expect(get.body.error.code).toBe("ResourceNotFound");
    expect(get.headers["x-ms-failure-cause"]).toBe("gateway");
    for (const [name] of cases)
      expect((await armFetch(emu, "GET", `${p.disk(name)}?${DV}`)).status).toBe(404);
  });

  it("ends Failed when the operation fails, and the disk says so", async () => {
    emu.injectFault({
      method: "PUT",
      pathPattern: "/disks/doomed$",
      operationError: { code: "InternalDiskError" },
    });
    const put = await putDisk("doomed", empty(8));
    expect(put.status).toBe(202);
    const done = await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
    expect(done.body).toMatchObject({ status: "Failed", error: { code: "InternalDiskError" } });
    const get = await armFetch(emu, "GET", `${p.disk("doomed")}?${DV}`);
    expect(get.body.properties.provisioningState).toBe("Failed");
  });
});

describe("managed disks: update, list, delete", () => {
  it("grows a disk and changes tags and SKU; refuses shrinking and fixed properties without changing it", async () => {
    await createDisk("upd", empty(32));
    const grow = await putDisk("upd", { ...empty(64), sku: { name: "StandardSSD_LRS" }, tags: { a: "b" } });
    expect(grow.status).toBe(202);
    await waitForOperation(emu, grow.headers["azure-asyncoperation"]!);
    const after = await armFetch(emu, "GET", `${p.disk("upd")}?${DV}`);
    expect(after.body).toMatchObject({
      sku: { name: "StandardSSD_LRS" },
      tags: { a: "b" },
      properties: { diskSizeGB: 64 },
    });
    const shrink = await putDisk("upd", empty(16));
    expect(shrink.status).toBe(400);
    expect(shrink.body.error.code).toBe("InvalidParameter");
    const option = await putDisk("upd", {
      location: "westeurope",
      properties: { creationData: { createOption: "Copy", sourceResourceId: p.disk("empty-1") } },
    });
    expect(option.status).toBe(409);
    expect(option.body.error.code).toBe("PropertyChangeNotAllowed");
    const moved = await putDisk("upd", { ...empty(64), location: "eastus" });
    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe("InvalidResourceLocation");
    expect((await armFetch(emu, "GET", `${p.disk("upd")}?${DV}`)).body).toEqual(after.body);
  });

  it("refuses to delete or resize an attached disk of a running VM", async () => {
    const vm = await emu.addVm({
      resourceGroup: RG,
      name: "owner",
      location: "westeurope",
      dataDisks: [{ lun: 0 }],
    });
    const dataDisk = vm.dataDiskIds[0]!;
    const before = await armFetch(emu, "GET", `${dataDisk}?${DV}`);
    expect(before.body).toMatchObject({ managedBy: vm.id, properties: { diskState: "Attached" } });
    const del = await armFetch(emu, "DELETE", `${dataDisk}?${DV}`);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe("OperationNotAllowed");
    const resize = await armFetch(emu, "PUT", `${dataDisk}?${DV}`, {
      body: { location: "westeurope", properties: { diskSizeGB: 128 } },
    });
    expect(resize.status).toBe(409);
    expect(resize.body.error.code).toBe("OperationNotAllowed");
    expect((await armFetch(emu, "GET", `${dataDisk}?${DV}`)).body).toEqual(before.body);
  });

  it("deletes as an LRO, answers 204 for a missing disk", async () => {
    await createDisk("gone", empty(8));
    const del = await armFetch(emu, "DELETE", `${p.disk("gone")}?${DV}`);
    expect(del.status).toBe(202);
    expect(del.headers.location).toMatch(/\/DiskOperations\/.*&monitor=true$/);
    const done = await waitForOperation(emu, del.headers["azure-asyncoperation"]!);
    expect(done.body.status).toBe("Succeeded");
    expect((await armFetch(emu, "GET", `${p.disk("gone")}?${DV}`)).status).toBe(404);
    expect((await armFetch(emu, "DELETE", `${p.disk("gone")}?${DV}`)).status).toBe(204);
  });

  it("lists by resource group and subscription with nextLink paging", async () => {
    const group = paths(emu, "rg-disk-list");
    await armFetch(emu, "PUT", `${group.rg}?${CV}`, { body: { location: "westeurope" } });
    for (let i = 0; i < 12; i++) {
      expect((await armFetch(emu, "PUT", `${group.disk(`d${i}`)}?${DV}`, { body: empty(4) })).status).toBe(
        202,
      );
    }
    const first = await armFetch(emu, "GET", `${group.rg}/providers/Microsoft.Compute/disks?${DV}`);
    expect(first.body.value).toHaveLength(10);
    const second = await armFetch(emu, "GET", first.body.nextLink);
    expect(second.body.value).toHaveLength(2);
    expect(second.body.nextLink).toBeUndefined();
    const all = await armFetch(emu, "GET", `${p.sub}/providers/Microsoft.Compute/disks?${DV}`);
    expect(all.body.nextLink).toEqual(expect.any(String));
  });
});
