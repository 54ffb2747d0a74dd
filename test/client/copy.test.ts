import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { ReplicationProgress, RestorePointClient, VmRestorePoint } from "../../src/index.js";
import { isRestorePointError } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";

let emu: Emulator;
let client: RestorePointClient;

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator({ replicationDurationMs: 300, replicationSteps: 3 }));
});
afterAll(async () => {
  await emu.close();
});

/** A restore point in westeurope and an empty target collection in northeurope. */
async function sourceAndTarget(): Promise<{ source: VmRestorePoint; rg: string; targetName: string }> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({
    resourceGroup: rg,
    name: uniqueName("vm"),
    location: "westeurope",
    dataDisks: [{ lun: 0, sizeGB: 90 }],
  });
  const sourceCollection = client.getCollectionClient(rg, uniqueName("src"));
  await sourceCollection.create({ location: "westeurope", sourceVmId: vm.id });
  const source = await sourceCollection.getRestorePointClient(uniqueName("rp")).beginCreate();
  const targetName = uniqueName("dst");
  await client
    .getCollectionClient(rg, targetName)
    .create({ location: "northeurope", sourceCollectionId: sourceCollection.id });
  return { source, rg, targetName };
}

describe("cross-region copy against the emulator", () => {
  it("waits for replication by default and reports progress on the poller", async () => {
    const { source, rg, targetName } = await sourceAndTarget();
    const poller = client
      .getCollectionClient(rg, targetName)
      .getRestorePointClient(source.name)
      .beginCopy(source.id);
    const seen: number[] = [];
    poller.onProgress((state) => {
      if (state.replication !== undefined) seen.push(state.replication.percentComplete);
    });
    const copy = await poller;
    expect(copy.sourceRestorePointId).toBe(source.id);
    expect(copy.replication).toMatchObject({ state: "Succeeded", percentComplete: 100 });
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it("can return as soon as the copy operation finishes, then wait separately", async () => {
    const { source, rg, targetName } = await sourceAndTarget();
    const copyClient = client.getCollectionClient(rg, targetName).getRestorePointClient(source.name);
    const copy = await copyClient.beginCopy(source.id, { waitForReplication: false });
    expect(copy.replication).toBeUndefined();
    const early = await copyClient.getReplicationProgress();
    expect(early.state).toBe("InProgress");

    const disk = copyClient.getDiskRestorePointClient(copy.diskRestorePoints[0]!.name);
    const refused: unknown = await disk
      .beginRestoreDisk({ diskName: uniqueName("early") })
      .submitted()
      .catch((e: unknown) => e);
    expect(isRestorePointError(refused, "ReplicationIncomplete")).toBe(true);

    const reports: ReplicationProgress[] = [];
    const done = await copyClient.waitForReplication({
      updateIntervalInMs: 20,
      onProgress: (p) => reports.push(p),
    });
    expect(done).toMatchObject({ state: "Succeeded", percentComplete: 100 });
    expect(reports.map((r) => r.percentComplete)).toEqual(
      reports.map((r) => r.percentComplete).sort((a, b) => a - b),
    );
    const restored = await disk.beginRestoreDisk({ diskName: uniqueName("late") });
    expect(restored.location).toBe("northeurope");
  });
});
