/**
 * Replication progress is read at the client's `replicationPollIntervalInMs`, not at the
 * operation polling interval: Azure refreshes it about every ten minutes, and each read spends the
 * subscription's restore point read quota.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { RestorePointClient, type VmRestorePoint } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly } from "../support/target.js";

let emu: Emulator;
let newClient: Awaited<ReturnType<typeof startClientOnEmulator>>["newClient"];

beforeAll(async () => {
  ({ emu, newClient } = await startClientOnEmulator({ replicationDurationMs: 600, replicationSteps: 6 }));
});
afterAll(async () => {
  await emu.close();
});

async function sourcePoint(client: RestorePointClient): Promise<VmRestorePoint> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({ resourceGroup: rg, name: uniqueName("vm"), location: "eastus" });
  const collection = client.getCollectionClient(rg, uniqueName("src"));
  await collection.create({ location: "eastus", sourceVmId: vm.id });
  return collection.getRestorePointClient(uniqueName("rp")).beginCreate();
}

/** GETs of restore points with their instance view since `from`, and when they were answered. */
function progressReads(from: number): number[] {
  return emu.requestLog
    .slice(from)
    .filter(
      (r) => r.method === "GET" && /\/restorePoints\/[^/]+$/.test(r.path) && /instanceView/.test(r.query),
    )
    .map((r) => r.timestamp);
}

describeEmulatorOnly("request log", "replication progress reads", () => {
  it("are spaced by replicationPollIntervalInMs while operation polls stay fast", async () => {
    const client = newClient({ updateIntervalInMs: 5, replicationPollIntervalInMs: 150 });
    const source = await sourcePoint(client);
    const from = emu.requestLog.length;
    const copy = await client.beginCopyToRegion(source.id, { targetLocation: "westus" });
    expect(copy.replication?.state).toBe("Succeeded");
    const reads = progressReads(from);
    // 600 ms of replication read every 150 ms: about five reads, not the ~100 of a 5 ms interval.
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads.length).toBeLessThanOrEqual(7);
    // Arrival times at the emulator, so transit jitter on a loaded machine is allowed for; a 5 ms
    // operation interval would put them a few milliseconds apart.
    for (let i = 1; i < reads.length; i++) {
      expect(reads[i]! - reads[i - 1]!).toBeGreaterThanOrEqual(100);
    }
  });

  it("set waitForReplication's default interval", async () => {
    const client = newClient({ updateIntervalInMs: 5, replicationPollIntervalInMs: 150 });
    const source = await sourcePoint(client);
    const copy = await client.beginCopyToRegion(source.id, {
      targetLocation: "westus",
      waitForReplication: false,
    });
    const from = emu.requestLog.length;
    const done = await client
      .getCollectionClient(copy.resourceGroup, copy.collectionName)
      .getRestorePointClient(copy.name)
      .waitForReplication();
    expect(done.state).toBe("Succeeded");
    const reads = progressReads(from);
    expect(reads.length).toBeLessThanOrEqual(7);
    // Arrival times at the emulator, so transit jitter on a loaded machine is allowed for; a 5 ms
    // operation interval would put them a few milliseconds apart.
    for (let i = 1; i < reads.length; i++) {
      expect(reads[i]! - reads[i - 1]!).toBeGreaterThanOrEqual(100);
    }
  });

  it("suggests a fast interval for the emulator, and refuses a bad one", () => {
    expect(emu.clientOptions.replicationPollIntervalInMs).toBe(50);
    expect(
      () => new RestorePointClient(emu.subscriptionId, emu.credential, { replicationPollIntervalInMs: -1 }),
    ).toThrow(RangeError);
  });
});
