import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient, RestoreVmProgressEvent } from "../../src/index.js";
import { isRestorePointError, RESTORE_OPERATION_TAG } from "../../src/index.js";
import { armFetch } from "../support/armFetch.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import {
  COMPUTE,
  DISKS,
  getById,
  lower,
  rejectionOf,
  requestsSince,
  resourcesIn,
  SOURCE_DATA_DISKS,
  sourceVmWithPoint,
} from "./restoreFixtures.js";
import { describeEmulatorOnly } from "../support/target.js";

let emu: Emulator;
let client: RestorePointClient;

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator({ operationDelayMs: 5 }));
});
afterAll(async () => {
  await emu.close();
});

describeEmulatorOnly("restored VMs and NICs (no live cleanup)", "restoreVm", () => {
  it("restores a VM whose disks match the source's LUN, size and caching, from the recorded metadata", async () => {
    const { rg, vm, point, subnetId } = await sourceVmWithPoint(emu, client);
    const events: RestoreVmProgressEvent[] = [];
    const vmName = uniqueName("restored");
    const result = await client.restoreVm({
      restorePointId: point.id,
      vmName,
      subnetId,
      onProgress: (e) => events.push(e),
    });

    const restored = await getById(emu, result.vmId, `${COMPUTE}&$expand=userData`);
    const source = await getById(emu, vm.id, `${COMPUTE}&$expand=userData`);
    const slots = (body: any) =>
      body.properties.storageProfile.dataDisks.map((d: any) => [d.lun, d.diskSizeGB, d.caching]);
    expect(slots(restored)).toEqual(slots(source));
    expect(slots(restored)).toEqual(SOURCE_DATA_DISKS.map((d) => [d.lun, d.sizeGB, d.caching]));
    expect(result.dataDisks.map((d) => d.lun)).toEqual([0, 2, 5]);
    const os = restored.properties.storageProfile.osDisk;
    expect(os.managedDisk.id.toLowerCase()).toBe(result.osDiskId.toLowerCase());
    expect([os.createOption, os.caching, os.diskSizeGB, os.osType]).toEqual([
      "Attach",
      "ReadWrite",
      64,
      "Linux",
    ]);
    for (const key of ["hardwareProfile", "securityProfile", "licenseType", "userData"]) {
      expect(restored.properties[key]).toEqual(source.properties[key]);
    }
    const view = await getById(emu, `${result.vmId}/instanceView`);
    expect(view.hyperVGeneration).toBe(point.sourceMetadata?.hyperVGeneration);

    // Disks restored from the restore point, with the source SKU; a new NIC in the subnet.
    const disk2 = await getById(emu, result.dataDisks[1]!.diskId, DISKS);
    expect(disk2.properties.creationData).toMatchObject({
      createOption: "Restore",
      sourceResourceId: point.diskRestorePoints.find((d) => d.lun === 2)!.id,
    });
    expect(disk2.sku.name).toBe("StandardSSD_LRS");
    const nic = await getById(emu, result.networkInterfaceIds[0]!, "api-version=2024-05-01");
    expect(nic.name).toBe(`${vmName}-nic`);
    expect(nic.properties.ipConfigurations[0].properties.subnet.id).toBe(subnetId);

    // Everything created is tagged with the operation and listed; nothing else in the group changed.
    expect(result.createdResourceIds).toHaveLength(6);
    for (const id of result.createdResourceIds) {
      const body = await getById(
        emu,
        id,
        id.includes("/disks/") ? DISKS : id.includes("Network") ? "api-version=2024-05-01" : COMPUTE,
      );
      expect(body.tags[RESTORE_OPERATION_TAG]).toBe(result.operationId);
    }
    expect(await resourcesIn(emu, rg)).toEqual(
      lower([vm.id, vm.osDiskId!, ...vm.dataDiskIds, vm.networkInterfaceId, ...result.createdResourceIds]),
    );

    // Progress: every step in order, never going back, ending at 100.
    const percents = events.map((e) => e.percentComplete);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ step: "done", percentComplete: 100, resourceId: result.vmId });
    expect([...new Set(events.map((e) => e.step))]).toEqual([
      "preparing",
      "restoringDisks",
      "creatingNetworkInterface",
      "creatingVm",
      "done",
    ]);
    expect(
      events.filter((e) => e.step === "restoringDisks" && e.message.startsWith("Restored")),
    ).toHaveLength(4);
  });

  it("reads the restore point once for all disks, and carries the OS type and generation over", async () => {
    const { point, subnetId } = await sourceVmWithPoint(emu, client);
    const from = emu.requestLog.length;
    const result = await client.restoreVm({
      restorePointId: point.id,
      vmName: uniqueName("reads"),
      subnetId,
    });
    // One GET of the restore point (with its instance view) and none of its disk restore points,
    // whatever the number of disks (four here).
    expect(requestsSince(emu, from, "GET", /\/restorePoints\/[^/]+$/)).toBe(1);
    expect(requestsSince(emu, from, "GET", /\/diskRestorePoints\//)).toBe(0);
    expect(requestsSince(emu, from, "PUT", /\/disks\//)).toBe(4);
    const osDisk = await getById(emu, result.osDiskId, DISKS);
    expect(osDisk.properties).toMatchObject({
      osType: "Linux",
      hyperVGeneration: point.sourceMetadata?.hyperVGeneration,
      diskSizeGB: 64,
    });
    const dataDisk = await getById(emu, result.dataDisks[0]!.diskId, DISKS);
    expect(dataDisk.properties.osType).toBeUndefined();
    expect(dataDisk.properties.hyperVGeneration).toBeUndefined();
  });

  it("restores the disks in parallel, bounded by maxConcurrency", async () => {
    const { point, subnetId } = await sourceVmWithPoint(emu, client);
    const running = { now: 0, max: 0 };
    const track = (e: RestoreVmProgressEvent): void => {
      if (e.step !== "restoringDisks") return;
      running.now += e.message.startsWith("Restoring") ? 1 : -1;
      running.max = Math.max(running.max, running.now);
    };
    await client.restoreVm({
      restorePointId: point.id,
      vmName: uniqueName("par"),
      subnetId,
      onProgress: track,
    });
    expect(running.max).toBe(4);
    running.max = 0;
    await client.restoreVm({
      restorePointId: point.id,
      vmName: uniqueName("seq"),
      subnetId,
      maxConcurrency: 2,
      onProgress: track,
    });
    expect(running.max).toBe(2);
  });

  it("reuses given NICs and never deletes them on rollback", async () => {
    const { rg, point, subnetId } = await sourceVmWithPoint(emu, client);
    const nicId = await putNic(rg, uniqueName("nic"), subnetId);
    const before = await resourcesIn(emu, rg);
    emu.injectFault({ method: "PUT", pathPattern: "/virtualMachines/", status: 500, times: 4 });
    const error = await rejectionOf(
      client.restoreVm({ restorePointId: point.id, vmName: uniqueName("nic"), networkInterfaceIds: [nicId] }),
    );
    expect(error).toMatchObject({
      name: "RestoreVmError",
      step: "creatingVm",
      rolledBack: true,
      createdResourceIds: [],
    });
    expect(await resourcesIn(emu, rg)).toEqual(before);

    const vmName = uniqueName("nic");
    const result = await client.restoreVm({ restorePointId: point.id, vmName, networkInterfaceIds: [nicId] });
    expect(result.networkInterfaceIds).toEqual([nicId]);
    expect(lower(result.createdResourceIds).some((id) => id.includes("networkinterfaces"))).toBe(false);

    // A NIC in use by another VM is refused up front.
    const inUse = await rejectionOf(
      client.restoreVm({ restorePointId: point.id, vmName: uniqueName("nic"), networkInterfaceIds: [nicId] }),
    );
    expect(inUse).toMatchObject({ step: "preparing", createdResourceIds: [] });
    expect(inUse.message).toContain(`attached to VM`);
  });
});

/** Creates a NIC on the wire; returns its id. */
async function putNic(rg: string, name: string, subnetId: string): Promise<string> {
  const path = `/subscriptions/${emu.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Network/networkInterfaces/${name}`;
  const response = await armFetch(emu, "PUT", `${path}?api-version=2024-05-01`, {
    body: {
      location: "westeurope",
      properties: { ipConfigurations: [{ name: "c", properties: { subnet: { id: subnetId } } }] },
    },
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

describeEmulatorOnly("request log", "restoreVm pre-flight: refused before anything is created", () => {
  it("refuses a VM name that exists, an excluded OS disk, and excluded data disks (naming the LUNs)", async () => {
    const source = await sourceVmWithPoint(emu, client);
    const from = emu.requestLog.length;
    const taken = await rejectionOf(
      client.restoreVm({ restorePointId: source.point.id, vmName: source.vmName, subnetId: source.subnetId }),
    );
    expect(isRestorePointError(taken, "RestoreVmFailed")).toBe(true);
    expect(taken).toMatchObject({ step: "preparing", createdResourceIds: [], rolledBack: false });
    expect(taken.message).toContain(`VM '${source.vmName}' already exists`);

    const noOs = await sourceVmWithPoint(emu, client, { excludeOsDisk: true });
    const osError = await rejectionOf(
      client.restoreVm({ restorePointId: noOs.point.id, vmName: uniqueName("r"), subnetId: noOs.subnetId }),
    );
    expect(osError.step).toBe("preparing");
    expect(osError.message).toContain("OS disk was excluded");

    const partial = await sourceVmWithPoint(emu, client, { excludeLuns: [2, 5] });
    const missing = await rejectionOf(
      client.restoreVm({
        restorePointId: partial.point.id,
        vmName: uniqueName("r"),
        subnetId: partial.subnetId,
      }),
    );
    expect(missing.message).toMatch(/LUN 2 .*LUN 5 .*allowMissingDisks: true/);
    expect(requestsSince(emu, from, "PUT", /\/(disks|virtualMachines|networkInterfaces)\//)).toBe(0);

    const result = await client.restoreVm({
      restorePointId: partial.point.id,
      vmName: uniqueName("r"),
      subnetId: partial.subnetId,
      allowMissingDisks: true,
    });
    expect(result.dataDisks.map((d) => d.lun)).toEqual([0]);
  });

  it("refuses a disk or NIC name taken by something it did not make", async () => {
    const { rg, point, subnetId } = await sourceVmWithPoint(emu, client);
    const vmName = uniqueName("r");
    await putNic(rg, `${vmName}-nic`, subnetId);
    const error = await rejectionOf(client.restoreVm({ restorePointId: point.id, vmName, subnetId }));
    expect(error.message).toContain(`network interface '${vmName}-nic' already exists`);
    expect(error.createdResourceIds).toEqual([]);
  });

  it("refuses a cross-region copy that is still replicating", async () => {
    const { rg, point, subnetId } = await sourceVmWithPoint(emu, client, { dataDisks: [{ lun: 0 }] });
    const target = client.getCollectionClient(rg, uniqueName("dst"));
    await target.create({
      location: "northeurope",
      sourceCollectionId: point.id.split("/restorePoints/")[0]!,
    });
    const copy = await target
      .getRestorePointClient(point.name)
      .beginCopy(point.id, { waitForReplication: false });
    const error = await rejectionOf(
      client.restoreVm({ restorePointId: copy.id, vmName: uniqueName("r"), subnetId }),
    );
    expect(isRestorePointError(error, "ReplicationIncomplete")).toBe(true);
  });

  it("wraps a failed read of the restore point, with the RestError as cause", async () => {
    const { point, subnetId } = await sourceVmWithPoint(emu, client, { dataDisks: [] });
    const error = await rejectionOf(
      client.restoreVm({ restorePointId: `${point.id}-gone`, vmName: uniqueName("r"), subnetId }),
    );
    expect(error).toMatchObject({ name: "RestoreVmError", step: "preparing", createdResourceIds: [] });
    expect(error.cause).toMatchObject({ name: "RestError", statusCode: 404 });
    expect(error.message).toContain("Nothing was created");
  });

  it("rejects bad arguments with TypeError or RangeError before any request", async () => {
    const from = emu.requestLog.length;
    const id = `/subscriptions/${emu.subscriptionId}/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/c/restorePoints/p`;
    const subnetId = `/subscriptions/${emu.subscriptionId}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s`;
    const nic = `/subscriptions/${emu.subscriptionId}/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/n`;
    await expect(client.restoreVm({ restorePointId: id, vmName: "vm" })).rejects.toThrow(TypeError);
    await expect(
      client.restoreVm({ restorePointId: id, vmName: "vm", subnetId, networkInterfaceIds: [nic] }),
    ).rejects.toThrow(TypeError);
    await expect(client.restoreVm({ restorePointId: id, vmName: "-vm", subnetId })).rejects.toThrow(
      RangeError,
    );
    await expect(client.restoreVm({ restorePointId: "nope", vmName: "vm", subnetId })).rejects.toThrow(
      TypeError,
    );
    await expect(
      client.restoreVm({ restorePointId: id, vmName: "vm", subnetId, maxConcurrency: 0 }),
    ).rejects.toThrow(RangeError);
    await expect(client.restoreVm({ restorePointId: id, vmName: "vm", subnetId: nic })).rejects.toThrow(
      TypeError,
    );
    await expect(
      client.restoreVm({
        restorePointId: id,
        vmName: "vm",
        subnetId,
        tags: { [RESTORE_OPERATION_TAG]: "x" },
      }),
    ).rejects.toThrow(RangeError);
    expect(emu.requestLog.length).toBe(from);
  });
});
