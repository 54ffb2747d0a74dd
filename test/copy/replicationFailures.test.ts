import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { OperationFailedError, RestorePointClient, VmRestorePoint } from "../../src/index.js";
import { isRestorePointError } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly } from "../support/target.js";

let emu: Emulator;
let client: RestorePointClient;

// Replication takes 400 ms, but the service terminates copies after 300 ms (its "two weeks"); a
// failing disk fails half-way (200 ms), before that limit.
beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator({
    replicationDurationMs: 400,
    replicationSteps: 4,
    rules: { copyTimeoutMs: 300 },
  }));
});
afterAll(async () => {
  await emu.close();
});

async function sourcePoint(): Promise<VmRestorePoint> {
  const rg = uniqueName("rg");
  const vmName = uniqueName("vm");
  const vm = await emu.addVm({
    resourceGroup: rg,
    name: vmName,
    location: "eastus",
    dataDisks: [
      { lun: 0, sizeGB: 32 },
      { lun: 3, sizeGB: 128 },
    ],
  });
  const collection = client.getCollectionClient(rg, uniqueName("src"));
  await collection.create({ location: "eastus", sourceVmId: vm.id });
  return collection.getRestorePointClient(uniqueName("rp")).beginCreate();
}

describeEmulatorOnly("replication control", "a copy whose replication does not succeed", () => {
  it("fails with OperationFailedError naming the disk that failed", async () => {
    const point = await sourcePoint();
    const dataDisk = point.diskRestorePoints.find((d) => d.lun === 3)!;
    const diskName = dataDisk.name.replace(/_[0-9a-f-]{36}$/i, "");
    emu.failReplication({ diskNamePattern: `^${diskName}_` });
    const poller = client.beginCopyToRegion(point.id, { targetLocation: "westus2" });
    const seen: number[] = [];
    poller.onProgress((s) => {
      if (s.replication) seen.push(s.replication.percentComplete);
    });
    const error = await poller.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isRestorePointError(error, "OperationFailed")).toBe(true);
    const failed = error as OperationFailedError;
    expect(failed.serviceCode).toBe("ReplicationFailed");
    expect(failed.message).toContain(`disk '${diskName}'`);
    // Only that disk is named: the other disks were fine.
    const others = point.diskRestorePoints.filter((d) => d !== dataDisk);
    for (const other of others) expect(failed.message).not.toContain(other.name.slice(0, -37));
    expect(poller.operationState?.status).toBe("failed");
    expect(poller.operationState?.replication?.state).toBe("Failed");
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it("reports the service's two-week ceiling as such", async () => {
    const point = await sourcePoint();
    const error = await client.beginCopyToRegion(point.id, { targetLocation: "centralus" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isRestorePointError(error, "OperationFailed")).toBe(true);
    const failed = error as OperationFailedError;
    expect(failed.serviceCode).toBe("ReplicationTimedOut");
    expect(failed.message).toMatch(/was terminated by Azure: .* two-week limit/);
  });

  it("fails waitForReplication the same way", async () => {
    const point = await sourcePoint();
    emu.failReplication({ diskNamePattern: "OsDisk" });
    const copy = await client.beginCopyToRegion(point.id, {
      targetLocation: "southcentralus",
      waitForReplication: false,
    });
    const rp = client
      .getCollectionClient(copy.resourceGroup, copy.collectionName)
      .getRestorePointClient(copy.name);
    const error = await rp.waitForReplication({ updateIntervalInMs: 10 }).catch((e: unknown) => e);
    expect(isRestorePointError(error, "OperationFailed")).toBe(true);
    expect((error as OperationFailedError).serviceCode).toBe("ReplicationFailed");
    expect((error as Error).message).toMatch(/disk '[^']*OsDisk[^']*'/);
  });
});
