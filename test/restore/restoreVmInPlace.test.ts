import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient, RestoreVmProgressEvent } from "../../src/index.js";
import { isRestorePointError } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import type { SourceVm } from "./restoreFixtures.js";
import {
  DISKS,
  getById,
  lower,
  rejectionOf,
  requestsSince,
  resourcesIn,
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

const HARD_500 = { status: 500, code: "InternalExecutionError", times: 4 } as const;

/** The VM's disks as [lun or "os", disk id] pairs, lower-cased, and its power state. */
async function vmState(
  source: SourceVm,
): Promise<{ disks: Array<[string, string]>; power: string; createOption: string }> {
  const vm = await getById(emu, source.vm.id);
  const view = await getById(emu, `${source.vm.id}/instanceView`);
  const storage = vm.properties.storageProfile;
  return {
    disks: [
      ["os", storage.osDisk.managedDisk.id.toLowerCase()],
      ...storage.dataDisks.map((d: any): [string, string] => [String(d.lun), d.managedDisk.id.toLowerCase()]),
    ],
    power: view.statuses.find((s: any) => s.code.startsWith("PowerState/")).code,
    createOption: storage.osDisk.createOption,
  };
}

function originalDisks(source: SourceVm): Array<[string, string]> {
  return [
    ["os", source.vm.osDiskId!.toLowerCase()],
    ...source.vm.dataDiskIds.map((id, i): [string, string] => [String([0, 2, 5][i]), id.toLowerCase()]),
  ];
}

describeEmulatorOnly("restored VMs and NICs (no live cleanup)", "restoreVmInPlace", () => {
  it("swaps every disk for a restored one, keeps the originals, and starts the VM again", async () => {
    const source = await sourceVmWithPoint(emu, client);
    const before = await vmState(source);
    expect(before.disks).toEqual(originalDisks(source));
    const events: RestoreVmProgressEvent[] = [];
    const result = await client.restoreVmInPlace({
      vmId: source.vm.id,
      restorePointId: source.point.id,
      onProgress: (e) => events.push(e),
    });

    const after = await vmState(source);
    expect(after.disks).toEqual([
      ["os", result.osDiskId.toLowerCase()],
      ...result.dataDisks.map((d): [string, string] => [String(d.lun), d.diskId.toLowerCase()]),
    ]);
    expect(result.dataDisks.map((d) => d.lun)).toEqual([0, 2, 5]);
    expect(after.power).toBe("PowerState/running");
    // The OS disk keeps its createOption: Azure refuses a change with 409 PropertyChangeNotAllowed.
    expect(after.createOption).toBe(before.createOption);
    const vm = await getById(emu, source.vm.id);
    expect(vm.properties.storageProfile.dataDisks.map((d: any) => [d.lun, d.caching, d.diskSizeGB])).toEqual([
      [0, "ReadOnly", 32],
      [2, "None", 128],
      [5, "ReadWrite", 256],
    ]);

    // The originals are kept, detached; the restored disks are what the call created.
    expect(lower(result.originalDiskIds)).toEqual(lower(originalDisks(source).map(([, id]) => id)));
    for (const id of result.originalDiskIds) {
      expect((await getById(emu, id, DISKS)).properties.diskState).toBe("Unattached");
    }
    expect(lower(result.createdResourceIds)).toEqual(
      lower([result.osDiskId, ...result.dataDisks.map((d) => d.diskId)]),
    );
    expect([...new Set(events.map((e) => e.step))]).toEqual([
      "preparing",
      "restoringDisks",
      "deallocatingVm",
      "swappingDisks",
      "startingVm",
      "done",
    ]);
  });

  it("deletes the replaced disks with keepOriginalDisks: false", async () => {
    const source = await sourceVmWithPoint(emu, client, { dataDisks: [{ lun: 0 }] });
    const result = await client.restoreVmInPlace({
      vmId: source.vm.id,
      restorePointId: source.point.id,
      keepOriginalDisks: false,
    });
    expect(result.originalDiskIds).toEqual([]);
    expect(await getById(emu, source.vm.osDiskId!, DISKS)).toBeUndefined();
    expect(await getById(emu, source.vm.dataDiskIds[0]!, DISKS)).toBeUndefined();
  });

  it("leaves a deallocated VM deallocated", async () => {
    const source = await sourceVmWithPoint(emu, client, { dataDisks: [] });
    const { armFetch, waitForOperation } = await import("../support/armFetch.js");
    const response = await armFetch(emu, "POST", `${source.vm.id}/deallocate?api-version=2025-04-01`);
    await waitForOperation(emu, response.headers["azure-asyncoperation"]!);
    const from = emu.requestLog.length;
    await client.restoreVmInPlace({ vmId: source.vm.id, restorePointId: source.point.id });
    expect((await vmState(source)).power).toBe("PowerState/deallocated");
    expect(requestsSince(emu, from, "POST", /\/(start|deallocate)$/)).toBe(0);
  });

  it.each([
    { step: "startingVm", fault: { method: "POST", pathPattern: "/start$", ...HARD_500 } },
    {
      step: "swappingDisks",
      fault: {
        method: "PUT",
        pathPattern: "$",
        operationError: { code: "InternalExecutionError" },
      },
    },
    { step: "deallocatingVm", fault: { method: "POST", pathPattern: "/deallocate$", ...HARD_500 } },
  ] as const)("puts the original disks back when $step fails", async ({ step, fault }) => {
    const source = await sourceVmWithPoint(emu, client);
    const before = await resourcesIn(emu, source.rg);
    emu.injectFault({ ...fault, pathPattern: `${source.vmName}${fault.pathPattern}` });
    const error = await rejectionOf(
      client.restoreVmInPlace({ vmId: source.vm.id, restorePointId: source.point.id }),
    );
    expect(isRestorePointError(error, "RestoreVmFailed")).toBe(true);
    expect(error).toMatchObject({ step, rolledBack: true, createdResourceIds: [] });
    const after = await vmState(source);
    expect(after.disks).toEqual(originalDisks(source));
    expect(after.power).toBe("PowerState/running");
    expect(await resourcesIn(emu, source.rg)).toEqual(before);
  });

  it("leaves the VM untouched when a disk restore fails", async () => {
    const source = await sourceVmWithPoint(emu, client);
    const before = await resourcesIn(emu, source.rg);
    const from = emu.requestLog.length;
    emu.injectFault({ method: "PUT", pathPattern: `/disks/${source.vmName}-lun2-`, ...HARD_500 });
    const error = await rejectionOf(
      client.restoreVmInPlace({ vmId: source.vm.id, restorePointId: source.point.id }),
    );
    expect(error).toMatchObject({ step: "restoringDisks", rolledBack: true, createdResourceIds: [] });
    expect(requestsSince(emu, from, "POST", /\/deallocate$/)).toBe(0);
    expect(requestsSince(emu, from, "PUT", /\/virtualMachines\//)).toBe(0);
    expect(await resourcesIn(emu, source.rg)).toEqual(before);
    expect((await vmState(source)).disks).toEqual(originalDisks(source));
  });

  it("reports what it could not undo when the rollback fails too", async () => {
    const source = await sourceVmWithPoint(emu, client, { dataDisks: [{ lun: 0 }] });
    emu.injectFault({ method: "POST", pathPattern: `${source.vmName}/start$`, status: 500, times: 8 });
    const error = await rejectionOf(
      client.restoreVmInPlace({ vmId: source.vm.id, restorePointId: source.point.id }),
    );
    expect(error).toMatchObject({ step: "startingVm", rolledBack: false, createdResourceIds: [] });
    expect(error.message).toContain("could not be started again");
    expect((await vmState(source)).disks).toEqual(originalDisks(source));
  });

  it("picks up the restored disks of an interrupted run instead of restoring them again", async () => {
    const source = await sourceVmWithPoint(emu, client);
    const controller = new AbortController();
    const aborted = await rejectionOf(
      client.restoreVmInPlace({
        vmId: source.vm.id,
        restorePointId: source.point.id,
        rollbackOnFailure: false,
        abortSignal: controller.signal,
        onProgress: (e) => {
          if (e.step === "restoringDisks" && e.percentComplete === 55) controller.abort();
        },
      }),
    );
    expect(aborted).toMatchObject({ step: "restoringDisks", rolledBack: false });
    expect(aborted.cause.name).toBe("AbortError");
    expect(aborted.createdResourceIds).toHaveLength(4);
    expect((await vmState(source)).disks).toEqual(originalDisks(source));

    const from = emu.requestLog.length;
    const result = await client.restoreVmInPlace({ vmId: source.vm.id, restorePointId: source.point.id });
    expect(requestsSince(emu, from, "PUT", /\/disks\//)).toBe(0);
    expect(lower(result.createdResourceIds)).toEqual(lower(aborted.createdResourceIds));
    expect((await vmState(source)).disks.map(([, id]) => id)).toEqual(
      lower([result.osDiskId]).concat(result.dataDisks.map((d) => d.diskId.toLowerCase())),
    );
  });

  it("refuses a missing VM and a restore point of another region before changing anything", async () => {
    const source = await sourceVmWithPoint(emu, client, { dataDisks: [] });
    const from = emu.requestLog.length;
    const missing = await rejectionOf(
      client.restoreVmInPlace({ vmId: `${source.vm.id}-gone`, restorePointId: source.point.id }),
    );
    expect(missing).toMatchObject({ step: "preparing", createdResourceIds: [], rolledBack: false });
    expect(missing.message).toContain("does not exist");
    const elsewhere = await emu.addVm({
      resourceGroup: source.rg,
      name: uniqueName("ne"),
      location: "northeurope",
    });
    const region = await rejectionOf(
      client.restoreVmInPlace({ vmId: elsewhere.id, restorePointId: source.point.id }),
    );
    expect(region.message).toContain("Copy the restore point");
    expect(requestsSince(emu, from, "PUT", /./) + requestsSince(emu, from, "POST", /./)).toBe(0);
    await expect(client.restoreVmInPlace({ vmId: "nope", restorePointId: source.point.id })).rejects.toThrow(
      TypeError,
    );
  });
});
