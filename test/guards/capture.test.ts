import { afterAll, beforeAll, expect, it } from "vitest";
import type { AddVmOptions, Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient, RestorePointCollectionClient } from "../../src/index.js";
import { isRestError, isRestorePointError } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { logMark, rejectionOf } from "../support/guardHelpers.js";
import { describeEmulatorOnly } from "../support/target.js";

// Both sides enforce a limit of 2, so the per-VM limit is reached in two creates.
const LIMIT = 2;
let emu: Emulator;
let client: RestorePointClient;

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator(
    { rules: { maxRestorePointsPerVm: LIMIT } },
    { maxRestorePointsPerVm: LIMIT },
  ));
});
afterAll(async () => {
  await emu.close();
});

async function vmWithCollection(spec: Partial<AddVmOptions> = {}): Promise<{
  vm: Awaited<ReturnType<Emulator["addVm"]>>;
  collection: RestorePointCollectionClient;
  rg: string;
}> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({ resourceGroup: rg, name: uniqueName("vm"), location: "westeurope", ...spec });
  const collection = client.getCollectionClient(rg, uniqueName("rpc"));
  await collection.create({ location: "westeurope", sourceVmId: vm.id });
  return { vm, collection, rg };
}

/**
 * The same create twice: the guard refuses it without a write, and with `skipPreflight` the
 * emulator refuses it and the client maps its answer to the same class (RestError as cause).
 */
async function refusedBothWays(
  collection: RestorePointCollectionClient,
  options: Parameters<ReturnType<RestorePointCollectionClient["getRestorePointClient"]>["beginCreate"]>[0],
  code: Parameters<typeof isRestorePointError>[1],
): Promise<{ guard: Error & Record<string, unknown>; service: Error & Record<string, unknown> }> {
  const mark = logMark(emu);
  const guard = await rejectionOf(
    collection.getRestorePointClient(uniqueName("rp")).beginCreate(options).submitted(),
  );
  expect(isRestorePointError(guard, code), guard.message).toBe(true);
  expect(mark.writes()).toEqual([]);
  const service = await rejectionOf(
    collection
      .getRestorePointClient(uniqueName("rp"))
      .beginCreate({ ...options, skipPreflight: true })
      .submitted(),
  );
  expect(isRestorePointError(service, code), service.message).toBe(true);
  expect(isRestError(service.cause)).toBe(true);
  expect(mark.writes().map((w) => `${w.method} ${w.status}`)).toEqual([
    `PUT ${(service.cause as { statusCode: number }).statusCode}`,
  ]);
  return { guard, service };
}

describeEmulatorOnly("request log", "capture guards: exclusions", () => {
  it("refuses excluding a disk that is not the VM's", async () => {
    const { collection } = await vmWithCollection({ dataDisks: [{ lun: 0 }] });
    const other = await emu.addVm({
      resourceGroup: uniqueName("rg"),
      name: uniqueName("vm"),
      location: "westeurope",
      dataDisks: [{ lun: 0 }],
    });
    const stranger = other.dataDiskIds[0]!;
    const { guard, service } = await refusedBothWays(
      collection,
      { excludeDiskIds: [stranger] },
      "InvalidExcludedDisk",
    );
    expect(guard.diskIds).toEqual([stranger]);
    expect(guard.message).toContain(stranger);
    expect(service.diskIds).toEqual([stranger]);
  });

  it("refuses excluding every disk", async () => {
    const { vm, collection } = await vmWithCollection({ dataDisks: [{ lun: 0 }] });
    const all = [vm.osDiskId!, ...vm.dataDiskIds];
    const { guard, service } = await refusedBothWays(
      collection,
      { excludeDiskIds: all },
      "InvalidExcludedDisk",
    );
    expect(guard.diskIds).toEqual(all);
    expect(guard.message).toMatch(/at least one disk/);
    expect(service.diskIds).toEqual(all);
  });

  it("lets the OS disk or a data disk be excluded and sends exactly the given exclusions", async () => {
    const { vm, collection } = await vmWithCollection({ dataDisks: [{ lun: 0 }, { lun: 1 }] });
    const point = await collection
      .getRestorePointClient(uniqueName("rp"))
      .beginCreate({ excludeDiskIds: [vm.dataDiskIds[1]!] });
    expect(point.excludedDiskIds.map((d) => d.toLowerCase())).toEqual([vm.dataDiskIds[1]!.toLowerCase()]);
    expect(point.autoExcludedDisks).toBeUndefined();
  });
});

describeEmulatorOnly("VM shapes", "capture guards: unsupported disks", () => {
  it("lists a shared disk, and the emulator's refusal maps to the same class", async () => {
    const { vm, collection } = await vmWithCollection({ dataDisks: [{ lun: 0 }, { lun: 1, maxShares: 2 }] });
    const { guard, service } = await refusedBothWays(collection, {}, "UnsupportedDisk");
    expect(guard.disks).toEqual([{ diskId: vm.dataDiskIds[1], reason: "shared disk (maxShares 2)" }]);
    expect(guard.message).toContain(vm.dataDiskIds[1]);
    expect((service.disks as { reason: string }[])[0]?.reason).toMatch(/shared/);
  });

  it("lists every disk a crash-consistent restore point cannot hold, with its reason", async () => {
    const { vm, collection } = await vmWithCollection({
      dataDisks: [
        { lun: 0, sku: "UltraSSD_LRS" },
        { lun: 1, writeAcceleratorEnabled: true },
        { lun: 2, sku: "PremiumV2_LRS" },
        { lun: 3 },
      ],
    });
    const { guard } = await refusedBothWays(
      collection,
      { consistencyMode: "CrashConsistent" },
      "UnsupportedDisk",
    );
    expect(guard.disks).toEqual([
      { diskId: vm.dataDiskIds[0], reason: "UltraSSD_LRS disk in a crash-consistent restore point" },
      { diskId: vm.dataDiskIds[1], reason: "write-accelerated disk in a crash-consistent restore point" },
      { diskId: vm.dataDiskIds[2], reason: "PremiumV2_LRS disk in a crash-consistent restore point" },
    ]);
    // The mode is an open enumeration, but a known mode in another casing is still checked.
    const lower = collection
      .getRestorePointClient(uniqueName("rp"))
      .beginCreate({ consistencyMode: "crashconsistent" });
    await expect(lower.submitted()).rejects.toMatchObject({ code: "UnsupportedDisk" });
    // The same disks are fine for an application-consistent restore point.
    await collection.getRestorePointClient(uniqueName("rp")).beginCreate();
  });

  it("refuses an ephemeral OS disk, which cannot be excluded even when asked to", async () => {
    const { collection } = await vmWithCollection({ osDisk: { ephemeral: true }, dataDisks: [{ lun: 0 }] });
    const { guard } = await refusedBothWays(collection, { excludeUnsupportedDisks: true }, "UnsupportedDisk");
    expect((guard.disks as { reason: string }[]).map((d) => d.reason)).toEqual(["ephemeral OS disk"]);
  });

  it("excludes unsupported disks automatically and says which in the result", async () => {
    const { vm, collection } = await vmWithCollection({ dataDisks: [{ lun: 0 }, { lun: 1, maxShares: 3 }] });
    const point = await collection
      .getRestorePointClient(uniqueName("rp"))
      .beginCreate({ excludeUnsupportedDisks: true });
    expect(point.autoExcludedDisks).toEqual([
      { diskId: vm.dataDiskIds[1], reason: "shared disk (maxShares 3)" },
    ]);
    expect(point.excludedDiskIds.map((d) => d.toLowerCase())).toEqual([vm.dataDiskIds[1]!.toLowerCase()]);
    expect(point.diskRestorePoints).toHaveLength(2);
    const plain = await collection
      .getRestorePointClient(uniqueName("rp"))
      .beginCreate({ excludeUnsupportedDisks: true, excludeDiskIds: [vm.dataDiskIds[1]!] });
    expect(plain.autoExcludedDisks).toEqual([]);
  });
});

describeEmulatorOnly("emulator settings", "capture guards: the per-VM limit", () => {
  it("counts this collection's restore points", async () => {
    const { vm, collection } = await vmWithCollection();
    for (let i = 0; i < LIMIT; i++) await collection.getRestorePointClient(uniqueName("rp")).beginCreate();
    const { guard, service } = await refusedBothWays(collection, {}, "RestorePointLimitReached");
    expect(guard).toMatchObject({ limit: LIMIT, count: LIMIT, vmId: vm.id });
    expect(guard.message).toContain(vm.id);
    expect(service).toMatchObject({ limit: LIMIT });
  });

  it("counts the VM's restore points in its other collections, unless told not to", async () => {
    const { vm, collection, rg } = await vmWithCollection();
    const second = client.getCollectionClient(rg, uniqueName("rpc"));
    await second.create({ location: "westeurope", sourceVmId: vm.id });
    await collection.getRestorePointClient(uniqueName("rp")).beginCreate();
    await second.getRestorePointClient(uniqueName("rp")).beginCreate();
    const { guard } = await refusedBothWays(collection, {}, "RestorePointLimitReached");
    expect(guard).toMatchObject({ count: 2, limit: LIMIT });

    // Counting only this collection (1 < 2) lets the create through; the emulator refuses it.
    const mark = logMark(emu);
    const service = await rejectionOf(
      collection
        .getRestorePointClient(uniqueName("rp"))
        .beginCreate({ countAcrossCollections: false })
        .submitted(),
    );
    expect(isRestorePointError(service, "RestorePointLimitReached")).toBe(true);
    expect(mark.writes()).toHaveLength(1);
  });

  it("does not count copies, and a retried create of an existing restore point is the service's call", async () => {
    const { collection } = await vmWithCollection();
    const rp = collection.getRestorePointClient(uniqueName("rp"));
    await rp.beginCreate();
    await collection.getRestorePointClient(uniqueName("rp")).beginCreate();
    // At the limit, repeating the identical PUT of an existing point is idempotent, not a new point.
    const again = await rp.beginCreate();
    expect(again.name).toBe(rp.name);
  });
});

describeEmulatorOnly("request log", "capture guards: a collection that receives copies", () => {
  it("refuses a capture into a copy target", async () => {
    const { collection, rg } = await vmWithCollection();
    const target = client.getCollectionClient(rg, uniqueName("dst"));
    await target.create({ location: "northeurope", sourceCollectionId: collection.id });
    const { guard } = await refusedBothWays(target, {}, "CopyNotAllowed");
    expect(guard.reason).toBe("CopyTargetCollection");
  });
});

describeEmulatorOnly("request log", "planCreate", () => {
  it("returns the request and every violation without writing", async () => {
    const { vm, collection } = await vmWithCollection({ dataDisks: [{ lun: 0, maxShares: 2 }] });
    for (let i = 0; i < LIMIT; i++) {
      await collection.getRestorePointClient(uniqueName("rp")).beginCreate({ excludeUnsupportedDisks: true });
    }
    const stranger = `${vm.id.replace(/virtualMachines\/.*/, "")}disks/nope`;
    const rp = collection.getRestorePointClient(uniqueName("rp"));
    const mark = logMark(emu);
    const plan = await rp.planCreate({ excludeDiskIds: [stranger], instantAccessDurationMinutes: 60 });
    expect(mark.writes()).toEqual([]);
    expect(plan.violations.map((v) => v.code)).toEqual([
      "InvalidExcludedDisk",
      "UnsupportedDisk",
      "RestorePointLimitReached",
    ]);
    expect(plan.requests).toEqual([
      {
        method: "PUT",
        url: expect.stringContaining(`/restorePoints/${rp.name}?api-version=`) as unknown,
        body: { properties: { excludeDisks: [{ id: stranger }], instantAccessDurationMinutes: 60 } },
      },
    ]);
    expect(await rp.exists()).toBe(false);
  });

  it("shows the automatic exclusions in the planned body, and no violation when there is none", async () => {
    const { vm, collection } = await vmWithCollection({ dataDisks: [{ lun: 0, maxShares: 2 }] });
    const plan = await collection
      .getRestorePointClient(uniqueName("rp"))
      .planCreate({ excludeUnsupportedDisks: true });
    expect(plan.violations).toEqual([]);
    expect(plan.autoExcludedDisks).toEqual([
      { diskId: vm.dataDiskIds[0], reason: "shared disk (maxShares 2)" },
    ]);
    expect(plan.requests[0]?.body).toEqual({ properties: { excludeDisks: [{ id: vm.dataDiskIds[0] }] } });
  });

  it("rejects bad options with TypeError or RangeError before any request", async () => {
    const { collection } = await vmWithCollection();
    const mark = logMark(emu);
    const rp = collection.getRestorePointClient(uniqueName("rp"));
    await expect(rp.planCreate({ instantAccessDurationMinutes: 10 })).rejects.toThrow(RangeError);
    await expect(rp.planCreate({ excludeDiskIds: ["nope"] })).rejects.toThrow(TypeError);
    expect(mark.gets()).toEqual([]);
  });
});
