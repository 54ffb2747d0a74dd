import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { armFetch, paths, waitForOperation, type WireResponse } from "../support/armFetch.js";

const CV = "api-version=2025-04-01";
const DV = "api-version=2025-01-02";
const NV = "api-version=2024-05-01";
const RG = "rg-vms";
const LOCATION = "westeurope";

let emu: Emulator;
let p: ReturnType<typeof paths>;

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 5 });
  p = paths(emu, RG);
  await armFetch(emu, "PUT", `${p.rg}?${CV}`, { body: { location: LOCATION } });
  await emu.addVirtualNetwork({ resourceGroup: RG, name: "vnet", location: LOCATION });
});
afterAll(async () => {
  await emu.close();
});

const nicPath = (name: string) => `${p.rg}/providers/Microsoft.Network/networkInterfaces/${name}`;
const subnet = () => `${p.rg}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`;

async function createNic(name: string, location = LOCATION): Promise<string> {
  const res = await armFetch(emu, "PUT", `${nicPath(name)}?${NV}`, {
    body: {
      location,
      properties: { ipConfigurations: [{ name: "ipconfig1", properties: { subnet: { id: subnet() } } }] },
    },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function createDisk(
  name: string,
  sizeGB: number,
  extra: Record<string, unknown> = {},
  location = LOCATION,
) {
  const put = await armFetch(emu, "PUT", `${p.disk(name)}?${DV}`, {
    body: { location, properties: { creationData: { createOption: "Empty" }, diskSizeGB: sizeGB, ...extra } },
  });
  expect(put.status).toBe(202);
  await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
  return p.disk(name);
}

const osDisk = (name: string) => createDisk(name, 30, { osType: "Linux", hyperVGeneration: "V2" });

function vmBody(
  osDiskId: string,
  nicIds: string[],
  dataDisks: unknown[] = [],
  extra: Record<string, unknown> = {},
) {
  return {
    location: LOCATION,
    properties: {
      hardwareProfile: { vmSize: "Standard_D2s_v5" },
      storageProfile: { osDisk: { createOption: "Attach", managedDisk: { id: osDiskId } }, dataDisks },
      networkProfile: { networkInterfaces: nicIds.map((id) => ({ id })) },
      ...extra,
    },
  };
}

async function putVm(name: string, body: unknown): Promise<WireResponse> {
  return armFetch(emu, "PUT", `${p.vm(name)}?${CV}`, { body });
}

async function createVm(name: string, body: unknown): Promise<WireResponse> {
  const put = await putVm(name, body);
  expect(put.status).toBe(201);
  const done = await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
  expect(done.body.status).toBe("Succeeded");
  return armFetch(emu, "GET", `${p.vm(name)}?${CV}`);
}

async function act(name: string, action: string): Promise<WireResponse> {
  const res = await armFetch(emu, "POST", `${p.vm(name)}/${action}?${CV}`);
  expect(res.status).toBe(202);
  expect(res.headers.location).toMatch(/\/operations\/.*&monitor=true$/);
  return waitForOperation(emu, res.headers["azure-asyncoperation"]!);
}

async function powerState(name: string): Promise<string> {
  const res = await armFetch(emu, "GET", `${p.vm(name)}?${CV}&$expand=instanceView`);
  const statuses = res.body.properties.instanceView.statuses as { code: string }[];
  return statuses.find((s) => s.code.startsWith("PowerState/"))!.code;
}

const get = async (id: string, version = DV) => armFetch(emu, "GET", `${id}?${version}`);

describe("virtual machines: create and read", () => {
  it("creates a VM from existing disks: 201 Creating, then Succeeded/running; disks and NIC show the owner", async () => {
    const os = await osDisk("web-os");
    const data = await createDisk("web-data", 64);
    const nic = await createNic("web-nic");
    const put = await putVm(
      "web",
      vmBody(
        os,
        [nic],
        [{ lun: 3, createOption: "Attach", managedDisk: { id: data }, caching: "ReadOnly" }],
        {
          userData: "aGVsbG8=",
          licenseType: "Windows_Server",
          securityProfile: { securityType: "TrustedLaunch" },
        },
      ),
    );
    expect(put.status).toBe(201);
    expect(put.headers["azure-asyncoperation"]).toMatch(
      /\/providers\/Microsoft\.Compute\/locations\/westeurope\/operations\/[0-9a-f-]+\?p=[0-9a-f-]+&api-version=2025-04-01$/,
    );
    expect(put.headers.location).toBeUndefined();
    expect(put.body.properties.provisioningState).toBe("Creating");
    await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
    const vm = await get(p.vm("WEB"), CV);
    expect(vm.body).toMatchObject({
      name: "web",
      type: "Microsoft.Compute/virtualMachines",
      location: LOCATION,
    });
    expect(vm.body.properties).toMatchObject({
      vmId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      hardwareProfile: { vmSize: "Standard_D2s_v5" },
      provisioningState: "Succeeded",
      licenseType: "Windows_Server",
      securityProfile: { securityType: "TrustedLaunch" },
      networkProfile: { networkInterfaces: [{ id: nic }] },
      storageProfile: {
        osDisk: {
          osType: "Linux",
          name: "web-os",
          createOption: "Attach",
          caching: "ReadWrite",
          managedDisk: { id: os, storageAccountType: "Premium_LRS" },
          deleteOption: "Detach",
          diskSizeGB: 30,
        },
        dataDisks: [
          { lun: 3, name: "web-data", createOption: "Attach", caching: "ReadOnly", diskSizeGB: 64 },
        ],
        diskControllerType: "SCSI",
      },
    });
    expect(vm.body.properties.userData).toBeUndefined();
    const withUserData = await armFetch(emu, "GET", `${p.vm("web")}?${CV}&$expand=userData`);
    expect(withUserData.body.properties.userData).toBe("aGVsbG8=");
    const view = await armFetch(emu, "GET", `${p.vm("web")}?${CV}&$expand=instanceView`);
    expect(view.body.properties.instanceView).toMatchObject({
      hyperVGeneration: "V2",
      statuses: [
        { code: "ProvisioningState/succeeded" },
        { code: "PowerState/running", displayStatus: "VM running" },
      ],
    });
    const instanceView = await armFetch(emu, "GET", `${p.vm("web")}/instanceView?${CV}`);
    expect(instanceView.body).toEqual(view.body.properties.instanceView);
    for (const id of [os, data]) {
      const disk = await get(id);
      expect(disk.body).toMatchObject({ managedBy: vm.body.id, properties: { diskState: "Attached" } });
    }
    expect((await get(nic, NV)).body.properties.virtualMachine).toEqual({ id: vm.body.id });
  });

  it("refuses a disk or NIC that another VM uses (409) and leaves everything as it was", async () => {
    const taken = (await get(p.vm("web"), CV)).body.properties.storageProfile.dataDisks[0].managedDisk
      .id as string;
    const os = await osDisk("thief-os");
    const nic = await createNic("thief-nic");
    const disk = await putVm(
      "thief",
      vmBody(os, [nic], [{ lun: 0, createOption: "Attach", managedDisk: { id: taken } }]),
    );
    expect(disk.status).toBe(409);
    expect(disk.body.error.code).toBe("OperationNotAllowed");
    const webNic = (await get(p.vm("web"), CV)).body.properties.networkProfile.networkInterfaces[0]
      .id as string;
    const nicInUse = await putVm(
      "thief",
      vmBody(os, [webNic], [{ lun: 0, createOption: "Empty", diskSizeGB: 4, name: "thief-new" }]),
    );
    expect(nicInUse.status).toBe(409);
    expect(nicInUse.body.error.code).toBe("OperationNotAllowed");
    expect((await get(p.vm("thief"), CV)).status).toBe(404);
    expect((await get(p.disk("thief-new"))).status).toBe(404);
    expect((await get(os)).body.managedBy).toBeUndefined();
    expect((await get(nic, NV)).body.properties.virtualMachine).toBeUndefined();
  });

  it("creates an OS disk from an image and data disks Empty and Restore (from a disk restore point)", async () => {
    const source = await emu.addVm({
      resourceGroup: RG,
      name: "src",
      location: LOCATION,
      dataDisks: [{ lun: 0, sizeGB: 16 }],
    });
    await armFetch(emu, "PUT", `${p.collection("rpc-src")}?${CV}`, {
      body: { location: LOCATION, properties: { source: { id: source.id } } },
    });
    const point = await armFetch(emu, "PUT", `${p.restorePoint("rpc-src", "rp1")}?${CV}`, { body: {} });
    await waitForOperation(emu, point.headers["azure-asyncoperation"]!);
    const points = await armFetch(emu, "GET", `${p.restorePoint("rpc-src", "rp1")}/diskRestorePoints?${DV}`);
    const dataPoint = (points.body.value as { id: string }[]).find((d) =>
      d.id.includes("src_DataDisk_0"),
    )!.id;
    const nic = await createNic("img-nic");
    const vm = await createVm("img", {
      location: LOCATION,
      properties: {
        hardwareProfile: { vmSize: "Standard_D2_v2" },
        storageProfile: {
          imageReference: {
            publisher: "MicrosoftWindowsServer",
            offer: "WindowsServer",
            sku: "2016-Datacenter",
            version: "latest",
          },
          osDisk: {
            createOption: "FromImage",
            name: "img-osdisk",
            managedDisk: { storageAccountType: "Standard_LRS" },
          },
          dataDisks: [
            { lun: 0, createOption: "Empty", diskSizeGB: 8, deleteOption: "Delete" },
            { lun: 2, createOption: "Restore", diskSizeGB: 32, sourceResource: { id: dataPoint } },
          ],
        },
        networkProfile: { networkInterfaces: [{ id: nic, properties: { primary: true } }] },
      },
    });
    const storage = vm.body.properties.storageProfile;
    expect(storage.osDisk).toMatchObject({
      osType: "Windows",
      name: "img-osdisk",
      createOption: "FromImage",
      diskSizeGB: 127,
    });
    expect(storage.osDisk.managedDisk.storageAccountType).toBe("Standard_LRS");
    expect(storage.dataDisks[0]).toMatchObject({
      lun: 0,
      createOption: "Empty",
      deleteOption: "Delete",
      diskSizeGB: 8,
    });
    expect(storage.dataDisks[0].name).toMatch(/^img_0_[0-9a-f]{32}$/);
    expect(storage.dataDisks[1]).toMatchObject({
      lun: 2,
      createOption: "Restore",
      sourceResource: { id: dataPoint },
      diskSizeGB: 32,
    });
    const restored = await get(storage.dataDisks[1].managedDisk.id as string);
    expect(restored.body).toMatchObject({
      managedBy: vm.body.id,
      properties: { creationData: { createOption: "Restore", sourceResourceId: dataPoint }, diskSizeGB: 32 },
    });
    const shrink = await putVm("img2", {
      location: LOCATION,
      properties: {
        hardwareProfile: { vmSize: "Standard_D2_v2" },
        storageProfile: {
          imageReference: { publisher: "Canonical" },
          osDisk: { createOption: "FromImage" },
          dataDisks: [{ lun: 0, createOption: "Restore", diskSizeGB: 4, sourceResource: { id: dataPoint } }],
        },
        networkProfile: { networkInterfaces: [{ id: await createNic("img2-nic") }] },
      },
    });
    expect(shrink.status).toBe(400);
    expect(shrink.body.error.code).toBe("InvalidParameter");
  });

  it("renders seeded VMs like PUT ones, with ephemeral OS and unmanaged disks", async () => {
    await emu.addVm({
      resourceGroup: RG,
      name: "seeded",
      location: LOCATION,
      osDisk: { ephemeral: true },
      dataDisks: [
        { lun: 0, unmanaged: true },
        { lun: 1, sizeGB: 10 },
      ],
    });
    const vm = await get(p.vm("seeded"), CV);
    const storage = vm.body.properties.storageProfile;
    expect(storage.osDisk).toMatchObject({
      diffDiskSettings: { option: "Local" },
      createOption: "FromImage",
      deleteOption: "Delete",
    });
    expect(storage.dataDisks[0].vhd.uri).toMatch(/^https:\/\/.*\.vhd$/);
    expect(storage.dataDisks[0].managedDisk).toBeUndefined();
    expect(storage.dataDisks[1]).toMatchObject({
      lun: 1,
      createOption: "Empty",
      diskSizeGB: 10,
      deleteOption: "Detach",
    });
    expect(vm.body.properties.networkProfile.networkInterfaces).toHaveLength(1);
    expect(await powerState("seeded")).toBe("PowerState/running");
  });

  it("answers request errors with the ARM codes", async () => {
    const os = await osDisk("err-os");
    const nic = await createNic("err-nic");
    const noOsType = await createDisk("err-plain", 8);
    const far = await createDisk("err-far", 8, {}, "northeurope");
    const base = vmBody(os, [nic]);
    const cases: [string, unknown, number, string][] = [
      ["bad_name-", base, 400, "InvalidResourceName"],
      [
        "no-size",
        { ...base, properties: { ...base.properties, hardwareProfile: {} } },
        400,
        "InvalidParameter",
      ],
      ["no-os", { ...base, properties: { ...base.properties, storageProfile: {} } }, 400, "InvalidParameter"],
      ["os-without-type", vmBody(noOsType, [nic]), 400, "InvalidParameter"],
      ["missing-disk", vmBody(p.disk("nope"), [nic]), 404, "NotFound"],
      ["missing-nic", vmBody(os, [nicPath("nope")]), 404, "NotFound"],
      ["no-nic", vmBody(os, []), 400, "InvalidParameter"],
      [
        "far-disk",
        vmBody(os, [nic], [{ lun: 0, createOption: "Attach", managedDisk: { id: far } }]),
        400,
        "InvalidParameter",
      ],
      [
        "lun-64",
        vmBody(os, [nic], [{ lun: 64, createOption: "Empty", diskSizeGB: 4 }]),
        400,
        "InvalidParameter",
      ],
      [
        "lun-twice",
        vmBody(
          os,
          [nic],
          [0, 0].map((lun) => ({ lun, createOption: "Empty", diskSizeGB: 4 })),
        ),
        400,
        "InvalidParameter",
      ],
      [
        "same-disk",
        vmBody(os, [nic], [{ lun: 0, createOption: "Attach", managedDisk: { id: os } }]),
        400,
        "InvalidParameter",
      ],
      ["empty-no-size", vmBody(os, [nic], [{ lun: 0, createOption: "Empty" }]), 400, "InvalidParameter"],
      [
        "bad-caching",
        vmBody(os, [nic], [{ lun: 0, createOption: "Empty", diskSizeGB: 4, caching: "Sometimes" }]),
        400,
        "InvalidParameter",
      ],
      ["bad-user-data", vmBody(os, [nic], [], { userData: "not base64!" }), 400, "InvalidParameter"],
      ["zoned", { ...vmBody(os, [nic]), zones: ["1"] }, 400, "InvalidParameter"],
    ];
    for (const [name, body, status, code] of cases) {
      const res = await putVm(name, body);
      expect([name, res.status, res.body.error.code]).toEqual([name, status, code]);
      expect((await get(p.vm(name), CV)).status).toBe(404);
    }
    const malformed = await armFetch(emu, "PUT", `${p.vm("malformed")}?${CV}`, { rawBody: "{" });
    expect(malformed.body.error.code).toBe("InvalidRequestContent");
    const missing = await get(p.vm("never"), CV);
    expect([missing.status, missing.body.error.code]).toEqual([404, "ResourceNotFound"]);
    const expand = await armFetch(emu, "GET", `${p.vm("web")}?${CV}&$expand=everything`);
    expect([expand.status, expand.body.error.code]).toEqual([400, "InvalidParameter"]);
    expect((await armFetch(emu, "POST", `${p.vm("never")}/start?${CV}`)).status).toBe(404);
    expect((await armFetch(emu, "DELETE", `${p.vm("never")}?${CV}`)).status).toBe(204);
    expect((await get(os)).body.managedBy).toBeUndefined();
    expect((await get(nic, NV)).body.properties.virtualMachine).toBeUndefined();
  });

  it("lists by resource group and subscription with nextLink paging", async () => {
    for (let i = 0; i < 51; i++)
      await emu.addVm({ resourceGroup: "rg-vm-list", name: `vm${i}`, location: LOCATION });
    const group = paths(emu, "rg-vm-list");
    const first = await armFetch(emu, "GET", `${group.rg}/providers/Microsoft.Compute/virtualMachines?${CV}`);
    expect(first.body.value).toHaveLength(50);
    const second = await armFetch(emu, "GET", first.body.nextLink);
    expect(second.body.value).toHaveLength(1);
    const all = await armFetch(emu, "GET", `${p.sub}/providers/Microsoft.Compute/virtualMachines?${CV}`);
    expect(all.body.nextLink).toEqual(expect.any(String));
  });
});

describe("virtual machines: power, update, delete", () => {
  it("deallocates, refuses powerOff while deallocated, starts and powers off", async () => {
    expect((await act("web", "deallocate")).body.status).toBe("Succeeded");
    expect(await powerState("web")).toBe("PowerState/deallocated");
    const powerOff = await armFetch(emu, "POST", `${p.vm("web")}/powerOff?${CV}`);
    expect([powerOff.status, powerOff.body.error.code]).toEqual([409, "OperationNotAllowed"]);
    await act("web", "start");
    expect(await powerState("web")).toBe("PowerState/running");
    await act("web", "powerOff");
    expect(await powerState("web")).toBe("PowerState/stopped");
    await act("web", "start");
  });

  it("swaps the OS disk and changes data disks only while deallocated", async () => {
    const vm = (await get(p.vm("web"), CV)).body;
    const oldOs = vm.properties.storageProfile.osDisk.managedDisk.id as string;
    const oldData = vm.properties.storageProfile.dataDisks[0].managedDisk.id as string;
    const newOs = await osDisk("web-os-2");
    const newData = await createDisk("web-data-2", 16);
    const swap = structuredClone(vm);
    swap.properties.storageProfile.osDisk.managedDisk.id = newOs;
    swap.properties.storageProfile.dataDisks = [
      { lun: 1, createOption: "Attach", managedDisk: { id: newData } },
    ];
    const running = await putVm("web", swap);
    expect([running.status, running.body.error.code]).toEqual([409, "OperationNotAllowed"]);
    expect(running.body.error.message).toMatch(/deallocate/);
    await act("web", "deallocate");
    const recreate = structuredClone(swap);
    recreate.properties.storageProfile.osDisk.createOption = "FromImage";
    const wrongOption = await putVm("web", recreate);
    expect([wrongOption.status, wrongOption.body.error.code]).toEqual([409, "PropertyChangeNotAllowed"]);
    const updated = await putVm("web", swap);
    expect(updated.status).toBe(200);
    expect(updated.headers["azure-asyncoperation"]).toMatch(/\/operations\//);
    expect(updated.body.properties.provisioningState).toBe("Updating");
    await waitForOperation(emu, updated.headers["azure-asyncoperation"]!);
    const after = (await get(p.vm("web"), CV)).body.properties.storageProfile;
    expect(after.osDisk).toMatchObject({
      name: "web-os-2",
      createOption: "Attach",
      managedDisk: { id: newOs },
    });
    expect(after.dataDisks.map((d: { lun: number }) => d.lun)).toEqual([1]);
    expect((await get(oldOs)).body.managedBy).toBeUndefined();
    expect((await get(oldData)).body.properties.diskState).toBe("Unattached");
    expect((await get(newOs)).body.managedBy).toBe(vm.id);
    const moved = await putVm("web", { ...swap, location: "eastus" });
    expect([moved.status, moved.body.error.code]).toEqual([409, "InvalidResourceLocation"]);
    const rezoned = await putVm("web", { ...swap, zones: ["2"] });
    expect([rezoned.status, rezoned.body.error.code]).toEqual([409, "PropertyChangeNotAllowed"]);
  });

  it("deletes as an LRO: Detach disks are freed, Delete disks are removed, NICs are released", async () => {
    const vm = (await get(p.vm("img"), CV)).body;
    const storage = vm.properties.storageProfile;
    const emptyDisk = storage.dataDisks[0].managedDisk.id as string;
    const restoredDisk = storage.dataDisks[1].managedDisk.id as string;
    const osDiskId = storage.osDisk.managedDisk.id as string;
    const nic = vm.properties.networkProfile.networkInterfaces[0].id as string;
    const del = await armFetch(emu, "DELETE", `${p.vm("img")}?${CV}`);
    expect(del.status).toBe(202);
    expect(del.headers.location).toMatch(/&monitor=true$/);
    await waitForOperation(emu, del.headers["azure-asyncoperation"]!);
    expect((await get(p.vm("img"), CV)).status).toBe(404);
    expect((await get(emptyDisk)).status).toBe(404);
    expect((await get(restoredDisk)).body.properties.diskState).toBe("Unattached");
    expect((await get(osDiskId)).body.managedBy).toBeUndefined();
    expect((await get(nic, NV)).body.properties.virtualMachine).toBeUndefined();
    const deletable = await armFetch(emu, "DELETE", `${restoredDisk}?${DV}`);
    expect(deletable.status).toBe(202);
  });

  it("frees the disks of a seeded VM on delete", async () => {
    const seeded = await emu.addVm({
      resourceGroup: RG,
      name: "seeded-del",
      location: LOCATION,
      dataDisks: [{ lun: 0 }],
    });
    const del = await armFetch(emu, "DELETE", `${seeded.id}?${CV}`);
    await waitForOperation(emu, del.headers["azure-asyncoperation"]!);
    for (const id of [seeded.osDiskId!, ...seeded.dataDiskIds]) {
      expect((await get(id)).body.properties.diskState).toBe("Unattached");
    }
  });
});
