import { afterAll, beforeAll, expect, it } from "vitest";
import type { AddVmOptions, Emulator } from "../../src/emulator/index.js";
import type {
  CreateCollectionOptions,
  RestorePointClient,
  RestorePointClientOptions,
  RestorePointCollectionClient,
  RestorePointErrorCode,
  VmRestorePoint,
} from "../../src/index.js";
import { isRestError, isRestorePointError } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { logMark, rejectionOf } from "../support/guardHelpers.js";
import { describeEmulatorOnly } from "../support/target.js";

let emu: Emulator;
let client: RestorePointClient;
let newClient: (o?: RestorePointClientOptions) => RestorePointClient;

beforeAll(async () => {
  ({ emu, client, newClient } = await startClientOnEmulator({
    replicationDurationMs: 500,
    replicationSteps: 2,
  }));
});
afterAll(async () => {
  await emu.close();
});

type Refusal = Error & Record<string, unknown>;

/** A VM in `location` with a collection and `points` restore points (oldest first). */
async function source(
  points = 1,
  spec: Partial<AddVmOptions> = {},
  location = "westeurope",
): Promise<{ rg: string; collection: RestorePointCollectionClient; points: VmRestorePoint[] }> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({
    resourceGroup: rg,
    name: uniqueName("vm"),
    location,
    dataDisks: [{ lun: 0 }],
    ...spec,
  });
  const collection = client.getCollectionClient(rg, uniqueName("src"));
  await collection.create({ location, sourceVmId: vm.id });
  const created: VmRestorePoint[] = [];
  for (let i = 0; i < points; i++)
    created.push(await collection.getRestorePointClient(`rp${i}`).beginCreate());
  return { rg, collection, points: created };
}

async function targetOf(
  from: RestorePointCollectionClient,
  location = "northeurope",
): Promise<RestorePointCollectionClient> {
  const target = client.getCollectionClient(from.resourceGroup, uniqueName("dst"));
  await target.create({ location, sourceCollectionId: from.id });
  return target;
}

/** The guard refuses the collection without a write; with skipPreflight the emulator's refusal maps to the same class. */
async function collectionRefusedBothWays(
  rg: string,
  options: CreateCollectionOptions,
  code: RestorePointErrorCode,
  via: RestorePointClient = client,
): Promise<{ guard: Refusal; service: Refusal }> {
  const mark = logMark(emu);
  const guard = await rejectionOf(via.getCollectionClient(rg, uniqueName("c")).create(options));
  expect(isRestorePointError(guard, code), guard.message).toBe(true);
  expect(mark.writes()).toEqual([]);
  const service = await rejectionOf(
    via.getCollectionClient(rg, uniqueName("c")).create({ ...options, skipPreflight: true }),
  );
  expect(isRestorePointError(service, code), service.message).toBe(true);
  expect(isRestError(service.cause)).toBe(true);
  expect(mark.writes()).toHaveLength(1);
  return { guard, service };
}

/** The same for a copy into `target`. */
async function copyRefusedBothWays(
  target: RestorePointCollectionClient,
  sourceId: string,
  code: RestorePointErrorCode,
): Promise<{ guard: Refusal; service: Refusal }> {
  const mark = logMark(emu);
  const guard = await rejectionOf(
    target
      .getRestorePointClient(uniqueName("cp"))
      .beginCopy(sourceId, { waitForReplication: false })
      .submitted(),
  );
  expect(isRestorePointError(guard, code), guard.message).toBe(true);
  expect(mark.writes()).toEqual([]);
  const service = await rejectionOf(
    target
      .getRestorePointClient(uniqueName("cp"))
      .beginCopy(sourceId, { waitForReplication: false, skipPreflight: true })
      .submitted(),
  );
  expect(isRestorePointError(service, code), service.message).toBe(true);
  expect(isRestError(service.cause)).toBe(true);
  expect(mark.writes()).toHaveLength(1);
  return { guard, service };
}

describeEmulatorOnly("request log", "region guards", () => {
  it("refuses a copy target outside the allow-list", async () => {
    const { rg, collection } = await source(0);
    const { guard, service } = await collectionRefusedBothWays(
      rg,
      { location: "swedencentral", sourceCollectionId: collection.id },
      "RegionNotSupported",
    );
    expect(guard).toMatchObject({ region: "swedencentral" });
    expect(guard.supportedRegions).toContain("westeurope");
    expect(service).toMatchObject({ region: "swedencentral" });
  });

  it("compares regions ignoring case and spaces, and uses the client's copyRegions", async () => {
    const { rg, collection } = await source(0);
    await client
      .getCollectionClient(rg, uniqueName("c"))
      .create({ location: "North Europe", sourceCollectionId: collection.id });
    const onlyTwo = newClient({ copyRegions: ["West Europe", "NorthEurope"] });
    const mark = logMark(emu);
    const refused = await rejectionOf(
      onlyTwo
        .getCollectionClient(rg, uniqueName("c"))
        .create({ location: "East US", sourceCollectionId: collection.id }),
    );
    expect(refused).toMatchObject({
      name: "RegionNotSupportedError",
      region: "eastus",
      supportedRegions: ["westeurope", "northeurope"],
    });
    expect(mark.writes()).toEqual([]);
  });

  it("refuses a copy within one region", async () => {
    const { rg, collection } = await source(0);
    const { guard, service } = await collectionRefusedBothWays(
      rg,
      { location: "WestEurope", sourceCollectionId: collection.id },
      "CopyNotAllowed",
    );
    expect(guard.reason).toBe("SameRegion");
    expect(service.reason).toBe("SameRegion");
  });

  it("refuses a capture collection outside its VM's region (cross-region creation was retired)", async () => {
    const rg = uniqueName("rg");
    const vm = await emu.addVm({ resourceGroup: rg, name: uniqueName("vm"), location: "westeurope" });
    const { guard, service } = await collectionRefusedBothWays(
      rg,
      { location: "northeurope", sourceVmId: vm.id },
      "RegionNotSupported",
    );
    expect(guard).toMatchObject({ region: "northeurope", supportedRegions: ["westeurope"] });
    expect(guard.message).toMatch(/retired/);
    expect(service).toMatchObject({ region: "northeurope", supportedRegions: ["westeurope"] });
  });
});

describeEmulatorOnly("request log", "copy-target collection guards", () => {
  it("refuses a copy target of a copy target", async () => {
    const { rg, collection } = await source(0);
    const target = await targetOf(collection);
    const { guard, service } = await collectionRefusedBothWays(
      rg,
      { location: "eastus", sourceCollectionId: target.id },
      "CopyNotAllowed",
    );
    expect(guard.reason).toBe("CopyOfCopy");
    expect(service.reason).toBe("CopyOfCopy");
  });

  it("refuses a second target collection in the same region", async () => {
    const { rg, collection } = await source(0);
    const first = await targetOf(collection);
    const { guard, service } = await collectionRefusedBothWays(
      rg,
      { location: "northeurope", sourceCollectionId: collection.id },
      "CopyNotAllowed",
    );
    expect(guard.reason).toBe("DuplicateTarget");
    expect(guard.message).toContain(first.id);
    expect(service.reason).toBe("DuplicateTarget");
    // Re-creating the existing target itself is not a duplicate.
    await first.create({
      location: "northeurope",
      sourceCollectionId: collection.id,
      tags: { again: "yes" },
    });
  });
});

describeEmulatorOnly("request log", "copy guards", () => {
  it("refuses a target collection that belongs to another source", async () => {
    const a = await source(1);
    const b = await source(0);
    const targetOfB = await targetOf(b.collection);
    const { guard, service } = await copyRefusedBothWays(targetOfB, a.points[0]!.id, "CopyNotAllowed");
    expect(guard.reason).toBe("TargetHasOtherSource");
    expect(service.reason).toBe("TargetHasOtherSource");
  });

  it("refuses copying the same restore point twice to a region", async () => {
    const { collection, points } = await source(1);
    const target = await targetOf(collection);
    await target.getRestorePointClient(uniqueName("cp")).beginCopy(points[0]!.id);
    const { guard, service } = await copyRefusedBothWays(target, points[0]!.id, "CopyNotAllowed");
    expect(guard.reason).toBe("AlreadyCopied");
    expect(service.reason).toBe("AlreadyCopied");
  });

  it("refuses an out-of-order copy", async () => {
    const { collection, points } = await source(2);
    const target = await targetOf(collection);
    await target.getRestorePointClient(uniqueName("cp")).beginCopy(points[1]!.id);
    const { guard, service } = await copyRefusedBothWays(target, points[0]!.id, "CopyNotAllowed");
    expect(guard.reason).toBe("OutOfOrder");
    expect(service.reason).toBe("OutOfOrder");
  });

  it("refuses restore points of private-link disks", async () => {
    const { collection, points } = await source(1, {
      dataDisks: [{ lun: 0, networkAccessPolicy: "AllowPrivate" }],
    });
    const target = await targetOf(collection);
    const { guard, service } = await copyRefusedBothWays(target, points[0]!.id, "CopyNotAllowed");
    expect(guard.reason).toBe("PrivateLink");
    expect(service.reason).toBe("PrivateLink");
  });

  it("refuses a copy while another copy between the same collections is replicating", async () => {
    const { collection, points } = await source(2);
    const target = await targetOf(collection);
    const first = await target
      .getRestorePointClient(uniqueName("cp"))
      .beginCopy(points[0]!.id, { waitForReplication: false });
    const { guard, service } = await copyRefusedBothWays(target, points[1]!.id, "OperationInProgress");
    expect(guard.inProgressId).toBe(first.id);
    expect(service.inProgressId).toBe(first.id);
    await target.getRestorePointClient(first.name).waitForReplication({ updateIntervalInMs: 20 });
    const second = await target
      .getRestorePointClient(uniqueName("cp"))
      .beginCopy(points[1]!.id, { waitForReplication: false });
    expect(second.sourceRestorePointId).toBe(points[1]!.id);
  });

  it("refuses restoring a disk from a copy that is still replicating, unless allowed", async () => {
    const { collection, points } = await source(1);
    const target = await targetOf(collection);
    const copy = await target
      .getRestorePointClient(uniqueName("cp"))
      .beginCopy(points[0]!.id, { waitForReplication: false });
    const disk = target
      .getRestorePointClient(copy.name)
      .getDiskRestorePointClient(copy.diskRestorePoints[0]!.name);
    const mark = logMark(emu);
    const refused = await rejectionOf(disk.beginRestoreDisk({ diskName: uniqueName("d") }).submitted());
    expect(isRestorePointError(refused, "ReplicationIncomplete")).toBe(true);
    expect(mark.writes()).toEqual([]);
    const restored = await disk.beginRestoreDisk({
      diskName: uniqueName("d"),
      allowIncompleteReplication: true,
    });
    expect(restored.location).toBe("northeurope");
  });
});

describeEmulatorOnly("request log", "planCopy", () => {
  it("returns the request and every broken rule without writing", async () => {
    const { collection, points } = await source(2);
    const target = await targetOf(collection);
    await target
      .getRestorePointClient(uniqueName("cp"))
      .beginCopy(points[1]!.id, { waitForReplication: false });
    const rp = target.getRestorePointClient(uniqueName("cp"));
    const mark = logMark(emu);
    const plan = await rp.planCopy(points[0]!.id);
    expect(mark.writes()).toEqual([]);
    expect(
      plan.violations.map((v) => (isRestorePointError(v, "CopyNotAllowed") ? v.reason : v.code)),
    ).toEqual(["OutOfOrder", "OperationInProgress"]);
    expect(plan.requests).toEqual([
      {
        method: "PUT",
        url: expect.stringContaining(`/restorePoints/${rp.name}?api-version=`) as unknown,
        body: { properties: { sourceRestorePoint: { id: points[0]!.id } } },
      },
    ]);
    await expect(rp.planCopy("not-an-id")).rejects.toThrow(TypeError);
  });
});
