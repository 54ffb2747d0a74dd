import { describe, expect, it } from "vitest";
import type { RestorePointCollectionClient } from "../../src/index.js";
import { isRestError, isRestorePointError, parseResourceId, withDiskAccess } from "../../src/index.js";
import type { TargetVm } from "../support/target.js";
import { itEmulatorOnly, useTarget } from "../support/target.js";
const target = useTarget();

async function collectionWithVm(): Promise<{ vm: TargetVm; collection: RestorePointCollectionClient }> {
  const vm = await target.vm();
  const collection = target.client.getCollectionClient(vm.resourceGroup, target.name("rpc"));
  await collection.create({ location: vm.location, sourceVmId: vm.id });
  return { vm, collection };
}

import { startClientOnEmulator } from "../support/emulatorClient.js";
describe("restore points", () => {
  it("creates a restore point, excluding a disk, and reads it back", async () => {
    const { vm, collection } = await collectionWithVm();
    const excluded = vm.dataDisks.at(-1)!;
    const kept = vm.dataDisks.slice(0, -1);
    const rp = collection.getRestorePointClient(target.name("rp"));
    const poller = rp.beginCreate({ excludeDiskIds: [excluded.id] });
    const states: string[] = [];
    poller.onProgress((s) => states.push(s.status));
    await poller.submitted();
    const point = await poller;
    expect(states.at(-1)).toBe("succeeded");
    expect(point.provisioningState).toBe("Succeeded");
    expect(point.excludedDiskIds.map((d) => d.toLowerCase())).toEqual([excluded.id.toLowerCase()]);
    expect(point.diskRestorePoints.map((d) => [d.isOsDisk, d.lun])).toEqual([
      [true, undefined],
      ...kept.map((d) => [false, d.lun]),
    ]);
    expect(point.createdOn).toBeInstanceOf(Date);
    expect(await rp.exists()).toBe(true);
    expect((await rp.get()).id).toBe(point.id);
    expect(await rp.getReplicationProgress()).toMatchObject({ state: "NotApplicable", percentComplete: 100 });

    const listed: string[] = [];
    for await (const d of rp.listDiskRestorePoints()) listed.push(d.name);
    expect(listed.sort()).toEqual(point.diskRestorePoints.map((d) => d.name).sort());
    const sources = await Promise.all(
      point.diskRestorePoints.map(
        async (d) => (await rp.getDiskRestorePointClient(d.name).get()).sourceDiskId,
      ),
    );
    expect(sources.map((id) => id?.toLowerCase())).toEqual(
      [vm.osDiskId, ...kept.map((d) => d.id)].map((id) => id?.toLowerCase()),
    );

    await rp.beginDelete();
    expect(await rp.exists()).toBe(false);
  });

  // Formerly the separate live scenario (test/live): kept here so it runs on both targets.
  it("creates with excludeUnsupportedDisks, lists it, deletes it, then answers 404", async () => {
    const { collection } = await collectionWithVm();
    const name = target.name("rp");
    const point = await collection.getRestorePointClient(name).beginCreate({ excludeUnsupportedDisks: true });
    expect(point.provisioningState).toBe("Succeeded");
    expect(point.diskRestorePoints.length).toBeGreaterThan(0);
    const names: string[] = [];
    for await (const p of collection.listRestorePoints()) names.push(p.name);
    expect(names).toContain(name);
    await collection.getRestorePointClient(name).beginDelete();
    await expect(collection.getRestorePointClient(name).get()).rejects.toSatisfy(
      (error: unknown) => isRestError(error) && error.statusCode === 404,
    );
  });

  itEmulatorOnly(
    "request log",
    "resumes a create in a new client from serialize() without a second PUT",
    async () => {
      const slow = await startClientOnEmulator({ operationDelayMs: 150 });
      try {
        const vm = await slow.emu.addVm({ resourceGroup: "rg", name: "vm", location: "westeurope" });
        const collection = slow.client.getCollectionClient("rg", "rpc");
        await collection.create({ location: "westeurope", sourceVmId: vm.id });
        const poller = collection.getRestorePointClient("rp").beginCreate();
        await poller.submitted();
        const state = await poller.serialize();
        const puts = () =>
          slow.emu.requestLog.filter((r) => r.method === "PUT" && r.path.endsWith("/restorePoints/rp"))
            .length;
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
    },
  );

  itEmulatorOnly(
    "fault injection",
    "turns an operation that the service fails into OperationFailedError",
    async () => {
      const { collection } = await collectionWithVm();
      target.emu.injectFault({
        method: "PUT",
        pathPattern: "/restorePoints/",
        operationError: { code: "VMRestorePointClientError", message: "VSS writer failed" },
      });
      const error: unknown = await collection
        .getRestorePointClient(target.name("rp"))
        .beginCreate()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(isRestorePointError(error, "OperationFailed")).toBe(true);
      expect(error).toMatchObject({ serviceCode: "VMRestorePointClientError" });
      expect((error as Error).message).toContain("VSS writer failed");
    },
  );

  itEmulatorOnly("fault injection", "retries throttled requests, with and without Retry-After", async () => {
    const { collection } = await collectionWithVm();
    target.emu.injectFault({
      method: "GET",
      pathPattern: "/restorePointCollections/[^/]+$",
      status: 429,
      times: 2,
    });
    expect((await collection.get()).name).toBe(collection.name);
    target.emu.injectFault({
      method: "GET",
      pathPattern: "/restorePointCollections/[^/]+$",
      status: 429,
      retryAfterSeconds: 0,
    });
    expect(await collection.exists()).toBe(true);
  });

  itEmulatorOnly(
    "emulator settings",
    "stops waiting on abort; the operation and the client carry on",
    async () => {
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
        expect(slow.emu.requestLog.filter((r) => r.method === "PUT" && r.path.endsWith("/rp"))).toHaveLength(
          1,
        );
        expect((await collection.get()).name).toBe("rpc");
      } finally {
        await slow.emu.close();
      }
    },
  );

  it("grants and revokes access, and restores a disk from a disk restore point", async () => {
    const { collection } = await collectionWithVm();
    const point = await collection.getRestorePointClient(target.name("rp")).beginCreate();
    const dataDisk = point.diskRestorePoints.find((d) => !d.isOsDisk)!;
    const drp = collection.getRestorePointClient(point.name).getDiskRestorePointClient(dataDisk.name);

    const sas = await withDiskAccess(drp, { durationInSeconds: 3600 }, (access) => {
      expect(access.expiresOn.getTime()).toBeGreaterThan(Date.now());
      return access.accessSas;
    });
    expect(sas).toMatch(/^https:\/\//);
    if (!target.live) {
      const grantPaths = target.emu.requestLog.filter(
        (r) => r.path.endsWith("/beginGetAccess") || r.path.endsWith("/endGetAccess"),
      );
      expect(grantPaths.map((r) => r.path.split("/").pop())).toEqual(["beginGetAccess", "endGetAccess"]);
    }

    const diskName = target.name("restored");
    const disk = await drp.beginRestoreDisk({ diskName, sku: "StandardSSD_LRS" });
    expect(disk).toMatchObject({
      name: diskName,
      location: target.location,
      sourceResourceId: drp.id,
      sku: "StandardSSD_LRS",
    });
    expect(parseResourceId(disk.id).resourceGroup).toBe(collection.resourceGroup);
  });
});
