import { describe, expect, it } from "vitest";
import type { RestoreVmProgressEvent } from "../../src/index.js";
import { runBounded } from "../../src/restore/concurrency.js";
import { originalVmBody, swappedVmBody } from "../../src/restore/inPlaceBodies.js";
import {
  hasOperationTag,
  RESTORE_OPERATION_TAG,
  restoreOperationId,
} from "../../src/restore/operationTag.js";
import { ProgressReporter } from "../../src/restore/progress.js";

const RP =
  "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/c/restorePoints/p";

describe("restore operation ids", () => {
  it("are deterministic, case-insensitive like ARM ids, and differ per restore", () => {
    const id = restoreOperationId("vm", RP, "rg", "vm1");
    expect(id).toMatch(/^restore-[0-9a-f]{16}$/);
    expect(restoreOperationId("vm", RP.toUpperCase(), "RG", "VM1")).toBe(id);
    expect(restoreOperationId("vm", RP, "rg", "vm2")).not.toBe(id);
    expect(restoreOperationId("inPlace", RP, "rg", "vm1")).not.toBe(id);
    expect(hasOperationTag({ tags: { [RESTORE_OPERATION_TAG]: id } }, id)).toBe(true);
    expect(hasOperationTag({ tags: { [RESTORE_OPERATION_TAG]: "other" } }, id)).toBe(false);
    expect(hasOperationTag({}, id)).toBe(false);
  });
});

describe("runBounded", () => {
  it("never runs more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const run = await runBounded(
      [1, 2, 3, 4, 5, 6, 7],
      3,
      async (n) => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
        return n * 2;
      },
      () => false,
    );
    expect(most).toBe(3);
    expect(run).toEqual({ results: [2, 4, 6, 8, 10, 12, 14], errors: [], skipped: 0 });
  });

  it("starts nothing after a failure but awaits the running tasks", async () => {
    const finished: number[] = [];
    const run = await runBounded(
      [0, 1, 2, 3, 4],
      2,
      async (n) => {
        await new Promise((r) => setTimeout(r, n === 0 ? 1 : 20));
        if (n === 0) throw new Error("boom");
        finished.push(n);
        return n;
      },
      () => false,
    );
    expect(run.errors).toHaveLength(1);
    expect(finished).toEqual([1]);
    expect(run.skipped).toBe(3);
  });

  it("stops starting tasks once told to stop", async () => {
    let stop = false;
    const run = await runBounded(
      [0, 1, 2],
      1,
      (n) => {
        stop = true;
        return Promise.resolve(n);
      },
      () => stop,
    );
    expect(run).toMatchObject({ results: [0, undefined, undefined], skipped: 2 });
  });
});

describe("ProgressReporter", () => {
  it("never goes back, clamps to 0..100, and survives a throwing callback", () => {
    const events: RestoreVmProgressEvent[] = [];
    const progress = new ProgressReporter((e) => {
      events.push(e);
      throw new Error("broken progress bar");
    }, "test");
    progress.report("preparing", 10, "a");
    progress.report("rollingBack", 0, "b", "/id");
    progress.report("done", 250, "c");
    expect(events.map((e) => [e.step, e.percentComplete])).toEqual([
      ["preparing", 10],
      ["rollingBack", 10],
      ["done", 100],
    ]);
    expect(events[1]?.resourceId).toBe("/id");
    expect(progress.step).toBe("done");
  });
});

describe("in-place VM bodies", () => {
  const vm = {
    id: "/vm",
    name: "vm",
    location: "westeurope",
    tags: { a: "b" },
    properties: {
      vmId: "guid",
      provisioningState: "Succeeded",
      hardwareProfile: { vmSize: "Standard_D2s_v5" },
      storageProfile: {
        osDisk: {
          osType: "Linux",
          name: "os",
          createOption: "FromImage",
          caching: "ReadWrite",
          diskSizeGB: 30,
          managedDisk: { id: "/os", storageAccountType: "Premium_LRS" },
        },
        dataDisks: [
          {
            lun: 0,
            name: "d0",
            createOption: "Empty",
            caching: "ReadOnly",
            diskSizeGB: 64,
            managedDisk: { id: "/d0" },
            toBeDetached: false,
          },
          { lun: 1, name: "d1", createOption: "Attach", caching: "None", managedDisk: { id: "/d1" } },
        ],
      },
    },
  };

  it("swaps the OS disk without changing its createOption and replaces data disks at their LUNs", () => {
    const body = swappedVmBody(
      vm,
      { id: "/new-os", name: "new-os", caching: "ReadWrite" },
      new Map([
        [0, { id: "/new-d0", name: "new-d0", caching: "None" }],
        [3, { id: "/new-d3", name: "new-d3", caching: "ReadOnly" }],
      ]),
    ) as any;
    expect(body.properties.vmId).toBeUndefined();
    expect(body.properties.provisioningState).toBeUndefined();
    expect(body.tags).toEqual({ a: "b" });
    expect(body.properties.storageProfile.osDisk).toEqual({
      osType: "Linux",
      name: "new-os",
      createOption: "FromImage",
      caching: "ReadWrite",
      managedDisk: { id: "/new-os" },
    });
    expect(body.properties.storageProfile.dataDisks).toEqual([
      { lun: 0, name: "new-d0", createOption: "Attach", caching: "ReadOnly", managedDisk: { id: "/new-d0" } },
      vm.properties.storageProfile.dataDisks[1],
      { lun: 3, name: "new-d3", createOption: "Attach", caching: "ReadOnly", managedDisk: { id: "/new-d3" } },
    ]);
  });

  it("puts the originals back as attached disks", () => {
    const body = originalVmBody(vm, new Set([0, 3])) as any;
    expect(body.properties.storageProfile.osDisk.managedDisk.id).toBe("/os");
    expect(body.properties.storageProfile.osDisk.createOption).toBe("FromImage");
    expect(
      body.properties.storageProfile.dataDisks.map((d: any) => [d.lun, d.createOption, d.managedDisk.id]),
    ).toEqual([
      [0, "Attach", "/d0"],
      [1, "Attach", "/d1"],
    ]);
  });
});
