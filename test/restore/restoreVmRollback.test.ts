import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator, FaultSpec } from "../../src/emulator/index.js";
import type { RestorePointClient, RestoreVmStep } from "../../src/index.js";
import { isRestorePointError, RESTORE_OPERATION_TAG } from "../../src/index.js";
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
let source: SourceVm;
let before: string[];

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator({ operationDelayMs: 5 }));
  source = await sourceVmWithPoint(emu, client);
  before = await resourcesIn(emu, source.rg);
});
afterAll(async () => {
  await emu.close();
});

// The client retries a 500 three times: four failures defeat it.
const HARD_500 = { status: 500, code: "InternalExecutionError", times: 4 } as const;
const LRO_FAILS = { operationError: { code: "InternalExecutionError", message: "injected" } } as const;

/** The disks the restore makes, by name: OS disk, then LUN 0, 2, 5. */
const DISK_NAMES = ["osdisk", "datadisk-0", "datadisk-2", "datadisk-5"];

function restore(vmName: string, extra: Partial<Parameters<RestorePointClient["restoreVm"]>[0]> = {}) {
  return client.restoreVm({ restorePointId: source.point.id, vmName, subnetId: source.subnetId, ...extra });
}

function idOf(vmName: string, kind: "disk" | "nic" | "vm", suffix = ""): string {
  const base = `/subscriptions/${emu.subscriptionId}/resourceGroups/${source.rg}/providers`;
  if (kind === "disk") return `${base}/Microsoft.Compute/disks/${vmName}-${suffix}`;
  if (kind === "nic") return `${base}/Microsoft.Network/networkInterfaces/${vmName}-nic`;
  return `${base}/Microsoft.Compute/virtualMachines/${vmName}`;
}

interface FaultCase {
  readonly name: string;
  readonly step: RestoreVmStep;
  readonly fault: (vmName: string) => FaultSpec;
}

const cases: FaultCase[] = [
  ...DISK_NAMES.map((disk, k): FaultCase => ({
    name: `disk ${k + 1} of 4 refused`,
    step: "restoringDisks",
    fault: (vm) => ({ method: "PUT", pathPattern: `/disks/${vm}-${disk}$`, ...HARD_500 }),
  })),
  {
    name: "disk 4 of 4 failing as an operation",
    step: "restoringDisks",
    fault: (vm) => ({ method: "PUT", pathPattern: `/disks/${vm}-datadisk-5$`, ...LRO_FAILS }),
  },
  {
    name: "NIC refused",
    step: "creatingNetworkInterface",
    fault: (vm) => ({ method: "PUT", pathPattern: `/networkInterfaces/${vm}-nic$`, ...HARD_500 }),
  },
  {
    name: "VM create refused",
    step: "creatingVm",
    fault: (vm) => ({ method: "PUT", pathPattern: `/virtualMachines/${vm}$`, ...HARD_500 }),
  },
  {
    name: "VM create failing as an operation",
    step: "creatingVm",
    fault: (vm) => ({ method: "PUT", pathPattern: `/virtualMachines/${vm}$`, ...LRO_FAILS }),
  },
];

describeEmulatorOnly("fault injection", "restoreVm rollback", () => {
  it.each(cases)("$name: throws RestoreVmError and leaves nothing behind", async ({ step, fault }) => {
    const vmName = uniqueName("fail");
    emu.injectFault(fault(vmName));
    const error = await rejectionOf(restore(vmName));
    expect(isRestorePointError(error, "RestoreVmFailed")).toBe(true);
    expect(error).toMatchObject({ step, rolledBack: true, createdResourceIds: [] });
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.message).toContain("deleted again");
    expect(await resourcesIn(emu, source.rg)).toEqual(before);
  });

  it("lists exactly what is left when a rollback DELETE fails", async () => {
    const vmName = uniqueName("stuck");
    emu.injectFault({ method: "PUT", pathPattern: `/virtualMachines/${vmName}$`, ...LRO_FAILS });
    emu.injectFault({ method: "DELETE", pathPattern: `/disks/${vmName}-datadisk-2$`, ...HARD_500 });
    const error = await rejectionOf(restore(vmName));
    expect(error).toMatchObject({ step: "creatingVm", rolledBack: false });
    expect(lower(error.createdResourceIds)).toEqual(lower([idOf(vmName, "disk", "datadisk-2")]));
    expect(await resourcesIn(emu, source.rg)).toEqual(lower([...before, ...error.createdResourceIds]));
    expect(error.message).toContain("could not delete");
    await cleanUp(error.createdResourceIds);
  });

  it("lists the VM and everything attached to it when the VM cannot be deleted", async () => {
    const vmName = uniqueName("stuck");
    emu.injectFault({ method: "PUT", pathPattern: `/virtualMachines/${vmName}$`, ...LRO_FAILS });
    emu.injectFault({ method: "DELETE", pathPattern: `/virtualMachines/${vmName}$`, ...HARD_500 });
    const error = await rejectionOf(restore(vmName));
    const expected = [
      ...DISK_NAMES.map((d) => idOf(vmName, "disk", d)),
      idOf(vmName, "nic"),
      idOf(vmName, "vm"),
    ];
    expect(lower(error.createdResourceIds)).toEqual(lower(expected));
    expect(await resourcesIn(emu, source.rg)).toEqual(lower([...before, ...expected]));
    await cleanUp(error.createdResourceIds);
  });

  it("rolls back when aborted, at the next safe point", async () => {
    const controller = new AbortController();
    const error = await rejectionOf(
      restore(uniqueName("abort"), {
        abortSignal: controller.signal,
        maxConcurrency: 1,
        onProgress: (e) => {
          if (e.message.startsWith("Restored")) controller.abort();
        },
      }),
    );
    expect(error).toMatchObject({ step: "restoringDisks", rolledBack: true, createdResourceIds: [] });
    expect(error.cause.name).toBe("AbortError");
    expect(error.message).toContain("was aborted");
    expect(await resourcesIn(emu, source.rg)).toEqual(before);
  });
});

describeEmulatorOnly("fault injection", "restoreVm re-run after an interruption", () => {
  it("picks up the finished disks instead of creating them again", async () => {
    const vmName = uniqueName("crash");
    const controller = new AbortController();
    let restored = 0;
    const crashed = await rejectionOf(
      restore(vmName, {
        abortSignal: controller.signal,
        maxConcurrency: 1,
        rollbackOnFailure: false,
        onProgress: (e) => {
          if (e.message.startsWith("Restored") && ++restored === 2) controller.abort();
        },
      }),
    );
    expect(crashed).toMatchObject({ step: "restoringDisks", rolledBack: false });
    expect(lower(crashed.createdResourceIds)).toEqual(
      lower([idOf(vmName, "disk", "osdisk"), idOf(vmName, "disk", "datadisk-0")]),
    );

    const from = emu.requestLog.length;
    const result = await restore(vmName);
    expect(requestsSince(emu, from, "PUT", new RegExp(`/disks/${vmName}-`))).toBe(2);
    expect(result.createdResourceIds).toHaveLength(6);
    const disks = (await resourcesIn(emu, source.rg)).filter((id) =>
      id.includes(`/disks/${vmName}-`.toLowerCase()),
    );
    expect(disks).toHaveLength(4);
    const first = await getById(emu, idOf(vmName, "disk", "osdisk"), DISKS);
    expect(first.tags[RESTORE_OPERATION_TAG]).toBe(result.operationId);
    await cleanUp(result.createdResourceIds);
  });

  it("finishes a restore whose VM creation failed without rollback, creating nothing twice", async () => {
    const vmName = uniqueName("again");
    emu.injectFault({ method: "PUT", pathPattern: `/virtualMachines/${vmName}$`, ...LRO_FAILS });
    const failed = await rejectionOf(restore(vmName, { rollbackOnFailure: false }));
    expect(failed).toMatchObject({ step: "creatingVm", rolledBack: false });
    expect(failed.createdResourceIds).toHaveLength(6);
    expect(failed.message).toContain("rollbackOnFailure is off");

    const from = emu.requestLog.length;
    const result = await restore(vmName);
    expect(requestsSince(emu, from, "PUT", /\/disks\//)).toBe(0);
    expect(requestsSince(emu, from, "PUT", /\/networkInterfaces\//)).toBe(0);
    expect(requestsSince(emu, from, "PUT", /\/virtualMachines\//)).toBe(1);
    expect(lower(result.createdResourceIds)).toEqual(lower(failed.createdResourceIds));
    const vm = await getById(emu, result.vmId);
    expect(vm.properties.provisioningState).toBe("Succeeded");
    await cleanUp(result.createdResourceIds);
  });
});

/** Deletes what a test left, VM first, so the next test starts from `before`. */
async function cleanUp(ids: readonly string[]): Promise<void> {
  const { armFetch, waitForOperation } = await import("../support/armFetch.js");
  const order = (id: string): number => (/virtualMachines/i.test(id) ? 0 : /disks/i.test(id) ? 1 : 2);
  for (const id of [...ids].sort((a, b) => order(a) - order(b))) {
    const version = /disks/i.test(id)
      ? DISKS
      : /Network/i.test(id)
        ? "api-version=2024-05-01"
        : "api-version=2025-04-01";
    const response = await armFetch(emu, "DELETE", `${id}?${version}`);
    const status = response.headers["azure-asyncoperation"];
    if (status !== undefined) await waitForOperation(emu, status);
  }
  expect(await resourcesIn(emu, source.rg)).toEqual(before);
}
