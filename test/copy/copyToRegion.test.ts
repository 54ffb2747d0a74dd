import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient, VmRestorePoint } from "../../src/index.js";
import { isRestorePointError, isRestError } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly } from "../support/target.js";

let emu: Emulator;
let client: RestorePointClient;

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator({ replicationDurationMs: 400, replicationSteps: 4 }));
});
afterAll(async () => {
  await emu.close();
});

/** A restore point of a westeurope VM with an OS disk and two data disks of different sizes. */
async function sourcePoint(): Promise<{ rg: string; collectionName: string; point: VmRestorePoint }> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({
    resourceGroup: rg,
    name: uniqueName("vm"),
    location: "westeurope",
    osDisk: { sizeGB: 30 },
    dataDisks: [
      { lun: 0, sizeGB: 64 },
      { lun: 1, sizeGB: 256 },
    ],
  });
  const collectionName = uniqueName("src");
  const collection = client.getCollectionClient(rg, collectionName);
  await collection.create({ location: "westeurope", sourceVmId: vm.id });
  const point = await collection.getRestorePointClient(uniqueName("rp")).beginCreate();
  return { rg, collectionName, point };
}

function writesSince(start: number): Array<{ method: string; path: string }> {
  return emu.requestLog.slice(start).filter((r) => r.method !== "GET");
}

describeEmulatorOnly("request log", "beginCopyToRegion", () => {
  it("creates the target collection and completes only when every disk is replicated", async () => {
    const { rg, collectionName, point } = await sourcePoint();
    const poller = client.beginCopyToRegion(point.id, { targetLocation: "North Europe" });
    const events: Array<{ percent: number; eta: Date | undefined }> = [];
    const reads: Array<Promise<string | undefined>> = [];
    poller.onProgress((state) => {
      if (state.replication === undefined) return;
      events.push({
        percent: state.replication.percentComplete,
        eta: state.replication.estimatedCompletionOn,
      });
      // What the restore point itself says while replication is still running.
      if (state.replication.percentComplete < 100) {
        reads.push(
          client
            .getCollectionClient(rg, `${collectionName}-northeurope`)
            .getRestorePointClient(point.name)
            .get()
            .then((p) => p.provisioningState),
        );
      }
    });
    const copy = await poller;

    const percents = events.map((e) => e.percent);
    expect(percents.length).toBeGreaterThan(2);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    // The copy operation was long done ("Succeeded") while the poller kept waiting for the data.
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(await Promise.all(reads))).toEqual(new Set(["Succeeded"]));
    // An ETA appears once progress has moved twice, and never after completion.
    expect(events.some((e) => e.eta instanceof Date)).toBe(true);
    expect(events.at(-1)?.eta).toBeUndefined();

    expect(copy.sourceRestorePointId).toBe(point.id);
    expect(copy.replication).toMatchObject({ state: "Succeeded", percentComplete: 100 });
    expect(copy.replication?.disks).toHaveLength(3);
    expect(poller.operationState?.replication?.percentComplete).toBe(100);
    const target = await client.getCollectionClient(rg, `${collectionName}-northeurope`).get();
    expect(target.location).toBe("northeurope");
    expect(target.sourceId?.toLowerCase()).toBe(
      client.getCollectionClient(rg, collectionName).id.toLowerCase(),
    );
    // Nothing was left behind half-way: the replication state now says done for every disk.
    const now = await client
      .getCollectionClient(rg, target.name)
      .getRestorePointClient(point.name)
      .getReplicationProgress();
    expect(now).toMatchObject({ state: "Succeeded", percentComplete: 100 });
  });

  it("reuses the source collection's existing target in that region", async () => {
    const { rg, collectionName, point } = await sourcePoint();
    const existing = uniqueName("mine");
    await client.getCollectionClient(rg, existing).create({
      location: "germanywestcentral",
      sourceCollectionId: client.getCollectionClient(rg, collectionName).id,
    });
    const start = emu.requestLog.length;
    const copy = await client.beginCopyToRegion(point.id, {
      targetLocation: "germanywestcentral",
      targetRestorePointName: "copied",
      waitForReplication: false,
    });
    expect(copy.collectionName).toBe(existing);
    expect(copy.name).toBe("copied");
    expect(copy.replication).toBeUndefined();
    const writes = writesSince(start);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.path).toMatch(new RegExp(`/restorePointCollections/${existing}/restorePoints/copied$`));
  });

  it("refuses a named target collection of another source before writing anything", async () => {
    const a = await sourcePoint();
    const b = await sourcePoint();
    const otherTarget = `${b.collectionName}-eastus`;
    await client.getCollectionClient(b.rg, otherTarget).create({
      location: "eastus",
      sourceCollectionId: client.getCollectionClient(b.rg, b.collectionName).id,
    });
    const start = emu.requestLog.length;
    const poller = client.beginCopyToRegion(a.point.id, {
      targetLocation: "eastus",
      targetResourceGroup: b.rg,
      targetCollectionName: otherTarget,
    });
    const error = await poller.submitted().catch((e: unknown) => e);
    expect(isRestorePointError(error, "CopyNotAllowed")).toBe(true);
    expect((error as Error).message).toContain(otherTarget);
    await expect(poller).rejects.toBe(error);
    expect(writesSince(start)).toEqual([]);
  });

  it("refuses unsupported regions and same-region copies before writing anything", async () => {
    const { point } = await sourcePoint();
    const start = emu.requestLog.length;
    const region = await client
      .beginCopyToRegion(point.id, { targetLocation: "swedencentral" })
      .submitted()
      .catch((e: unknown) => e);
    expect(isRestorePointError(region, "RegionNotSupported")).toBe(true);
    const same = await client
      .beginCopyToRegion(point.id, { targetLocation: "westeurope" })
      .submitted()
      .catch((e: unknown) => e);
    expect(isRestorePointError(same, "CopyNotAllowed")).toBe(true);
    expect(writesSince(start)).toEqual([]);
  });

  it("deletes the collection it created when the service refuses the copy", async () => {
    const { rg, collectionName, point } = await sourcePoint();
    emu.injectFault({
      method: "PUT",
      pathPattern: `${collectionName}-centralus/restorePoints/`,
      status: 409,
      code: "OperationNotAllowed",
      times: 1,
    });
    const error = await client
      .beginCopyToRegion(point.id, { targetLocation: "centralus" })
      .submitted()
      .catch((e: unknown) => e);
    expect(isRestError(error) && error.statusCode).toBe(409);
    expect(await client.getCollectionClient(rg, `${collectionName}-centralus`).exists()).toBe(false);
  });

  it("checks its arguments synchronously", () => {
    expect(() => client.beginCopyToRegion("not-an-id", { targetLocation: "eastus" })).toThrow(TypeError);
    const id = `/subscriptions/${emu.subscriptionId}/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/c/restorePoints/p`;
    expect(() => client.beginCopyToRegion(id, { targetLocation: "" })).toThrow(TypeError);
    expect(() =>
      client.beginCopyToRegion(id, { targetLocation: "eastus", targetCollectionName: "bad/name" }),
    ).toThrow(RangeError);
    expect(() =>
      client.beginCopyToRegion(id, {
        targetLocation: "eastus",
        encryption: { osDisk: { type: "EncryptionAtRestWithCustomerKey" } },
      }),
    ).toThrow(/needs a diskEncryptionSetId/);
    expect(() => client.beginCopyToRegion(id, { targetLocation: "eastus", resumeFrom: "{}" })).toThrow(
      TypeError,
    );
  });
});

describeEmulatorOnly("replication control", "replication progress of a restore point", () => {
  it("is NotApplicable at 100 % for a restore point that is not a copy", async () => {
    const { rg, collectionName, point } = await sourcePoint();
    const rp = client.getCollectionClient(rg, collectionName).getRestorePointClient(point.name);
    expect(await rp.getReplicationProgress()).toMatchObject({ state: "NotApplicable", percentComplete: 100 });
    const seen: number[] = [];
    const done = await rp.waitForReplication({ onProgress: (p) => seen.push(p.percentComplete) });
    expect(done.state).toBe("NotApplicable");
    expect(seen).toEqual([100]);
  });

  it("waits separately with onProgress, and times out with ReplicationIncompleteError", async () => {
    const { point } = await sourcePoint();
    const copy = await client.beginCopyToRegion(point.id, {
      targetLocation: "westus",
      waitForReplication: false,
    });
    const rp = client
      .getCollectionClient(copy.resourceGroup, copy.collectionName)
      .getRestorePointClient(copy.name);
    const early = await rp
      .waitForReplication({ updateIntervalInMs: 5, timeoutInMs: 0 })
      .catch((e: unknown) => e);
    expect(isRestorePointError(early, "ReplicationIncomplete")).toBe(true);
    const seen: number[] = [];
    const done = await rp.waitForReplication({
      updateIntervalInMs: 10,
      onProgress: (p) => seen.push(p.percentComplete),
    });
    expect(done).toMatchObject({ state: "Succeeded", percentComplete: 100 });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(100);
  });
});
