import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddedVm, Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient, RestorePointCollectionClient } from "../../src/index.js";
import { isRestorePointError, parseResourceId, withDiskAccess } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";

let emu: Emulator;
let client: RestorePointClient;

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator());
});
afterAll(async () => {
  await emu.close();
});

async function collectionWithVm(): Promise<{ vm: AddedVm; collection: RestorePointCollectionClient }> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({
    resourceGroup: rg,
    name: uniqueName("vm"),
    location: "westeurope",
    dataDisks: [{ lun: 0 }, { lun: 1, sizeGB: 128 }],
  });
  const collection = client.getCollectionClient(rg, uniqueName("rpc"));
  await collection.create({ location: "westeurope", sourceVmId: vm.id });
  return { vm, collection };
}

describe("restore points against the emulator", () => {
  it("creates a restore point, excluding a disk, and reads it back", async () => {
    const { vm, collection } = await collectionWithVm();
    const rp = collection.getRestorePointClient(uniqueName("rp"));
    const poller = rp.beginCreate({ excludeDiskIds: [vm.dataDiskIds[1]!] });
    const states: string[] = [];
    poller.onProgress((s) => states.push(s.status));
    await poller.submitted();
    const point = await poller;
    expect(states.at(-1)).toBe("succeeded");
    expect(point.provisioningState).toBe("Succeeded");
    expect(point.excludedDiskIds.map((d) => d.toLowerCase())).toEqual([vm.dataDiskIds[1]!.toLowerCase()]);
    expect(point.diskRestorePoints.map((d) => [d.isOsDisk, d.lun])).toEqual([
      [true, undefined],
      [false, 0],
    ]);
    expect(point.createdOn).toBeInstanceOf(Date);
    expect(await rp.exists()).toBe(true);
    expect((await rp.get()).id).toBe(point.id);
    expect(await rp.getReplicationProgress()).toMatchObject({ state: "NotApplicable", percentComplete: 100 });

    const listed: string[] = [];
    for await (const d of rp.listDiskRestorePoints()) listed.push(d.name);
    expect(listed.sort()).toEqual(point.diskRestorePoints.map((d) => d.name).sort());
    const drp = await rp.getDiskRestorePointClient(point.diskRestorePoints[1]!.name).get();
    expect(drp.sourceDiskId?.toLowerCase()).toBe(vm.dataDiskIds[0]!.toLowerCase());

    await rp.beginDelete();
    expect(await rp.exists()).toBe(false);
  });

  it("resumes a create in a new client from serialize() without a second PUT", async () => {
    const slow = await startClientOnEmulator({ operationDelayMs: 150 });
    try {
      const vm = await slow.emu.addVm({ resourceGroup: "rg", name: "vm", location: "westeurope" });
      const collection = slow.client.getCollectionClient("rg", "rpc");
      await collection.create({ location: "westeurope", sourceVmId: vm.id });
      const poller = collection.getRestorePointClient("rp").beginCreate();
      await poller.submitted();
      const state = await poller.serialize();
      const puts = () =>
        slow.emu.requestLog.filter((r) => r.method === "PUT" && r.path.endsWith("/restorePoints/rp")).length;
      expect(puts()).toBe(1);
      const point = await slow
        .newClient()
        .getCollectionClient("rg", "rpc")
        .getRestorePointClient("rp")
        .beginCreate({ resumeFrom: state });
      expect(point.provisioningState).toBe("Succeeded");
      expect(puts()).toBe(1);
    } finally {
      await slow.emu.close();
    }
  });

  it("turns an operation that the service fails into OperationFailedError", async () => {
    const { collection } = await collectionWithVm();
    emu.injectFault({
      method: "PUT",
      pathPattern: "/restorePoints/",
      operationError: { code: "VMRestorePointClientError", message: "VSS writer failed" },
    });
    const error: unknown = await collection
      .getRestorePointClient(uniqueName("rp"))
      .beginCreate()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isRestorePointError(error, "OperationFailed")).toBe(true);
    expect(error).toMatchObject({ serviceCode: "VMRestorePointClientError" });
    expect((error as Error).message).toContain("VSS writer failed");
  });

  it("retries throttled requests, with and without Retry-After", async () => {
    const { collection } = await collectionWithVm();
    emu.injectFault({ method: "GET", pathPattern: "/restorePointCollections/[^/]+$", status: 429, times: 2 });
    expect((await collection.get()).name).toBe(collection.name);
    emu.injectFault({
      method: "GET",
      pathPattern: "/restorePointCollections/[^/]+$",
      status: 429,
      retryAfterSeconds: 0,
    });
    expect(await collection.exists()).toBe(true);
  });

  it("stops waiting on abort; the operation and the client carry on", async () => {
    const slow = await startClientOnEmulator({ operationDelayMs: 300 });
    try {
      const vm = await slow.emu.addVm({ resourceGroup: "rg", name: "vm", location: "westeurope" });
      const collection = slow.client.getCollectionClient("rg", "rpc");
      await collection.create({ location: "westeurope", sourceVmId: vm.id });
      const controller = new AbortController();
      const poller = collection
        .getRestorePointClient("rp")
        .beginCreate({ abortSignal: controller.signal, updateIntervalInMs: 50 });
      await poller.submitted();
      controller.abort();
      // Aborts surface as AbortError (checked by name: core-util and the HTTP runtime each have one).
      await expect(poller.pollUntilDone()).rejects.toMatchObject({ name: "AbortError" });
      // An aborted core-lro poller stays aborted; the operation itself goes on and can be resumed.
      const point = await collection
        .getRestorePointClient("rp")
        .beginCreate({ resumeFrom: await poller.serialize() });
      expect(point.provisioningState).toBe("Succeeded");
      expect(slow.emu.requestLog.filter((r) => r.method === "PUT" && r.path.endsWith("/rp"))).toHaveLength(1);
      expect((await collection.get()).name).toBe("rpc");
    } finally {
      await slow.emu.close();
    }
  });

  it("grants and revokes access, and restores a disk from a disk restore point", async () => {
    const { collection } = await collectionWithVm();
    const point = await collection.getRestorePointClient(uniqueName("rp")).beginCreate();
    const dataDisk = point.diskRestorePoints.find((d) => d.lun === 0)!;
    const drp = collection.getRestorePointClient(point.name).getDiskRestorePointClient(dataDisk.name);

    const sas = await withDiskAccess(drp, { durationInSeconds: 3600 }, (access) => {
      expect(access.expiresOn.getTime()).toBeGreaterThan(Date.now());
      return access.accessSas;
    });
    expect(sas).toMatch(/^https:\/\//);
    const grantPaths = emu.requestLog.filter(
      (r) => r.path.endsWith("/beginGetAccess") || r.path.endsWith("/endGetAccess"),
    );
    expect(grantPaths.map((r) => r.path.split("/").pop())).toEqual(["beginGetAccess", "endGetAccess"]);

    const diskName = uniqueName("restored");
    const disk = await drp.beginRestoreDisk({ diskName, sku: "StandardSSD_LRS" });
    expect(disk).toMatchObject({
      name: diskName,
      location: "westeurope",
      sourceResourceId: drp.id,
      sku: "StandardSSD_LRS",
    });
    expect(parseResourceId(disk.id).resourceGroup).toBe(collection.resourceGroup);
  });
});
