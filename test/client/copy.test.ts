import { describe, expect } from "vitest";
import type { ReplicationProgress, VmRestorePoint } from "../../src/index.js";
import { isRestorePointError } from "../../src/index.js";
import { itCopies, useTarget } from "../support/target.js";

const target = useTarget({ emulator: { replicationDurationMs: 300, replicationSteps: 3 } });

/** A restore point in the source region and an empty target collection in the copy region. */
async function sourceAndTarget(): Promise<{ source: VmRestorePoint; rg: string; targetName: string }> {
  const vm = await target.vm();
  const rg = vm.resourceGroup;
  const sourceCollection = target.client.getCollectionClient(rg, target.name("src"));
  await sourceCollection.create({ location: vm.location, sourceVmId: vm.id });
  const source = await sourceCollection
    .getRestorePointClient(target.name("rp"))
    .beginCreate({ excludeUnsupportedDisks: true });
  const targetName = target.name("dst");
  await target.client
    .getCollectionClient(rg, targetName)
    .create({ location: target.copyLocation, sourceCollectionId: sourceCollection.id });
  return { source, rg, targetName };
}
describe("cross-region copy", () => {
  itCopies("waits for replication by default and reports progress on the poller", async () => {
    const { source, rg, targetName } = await sourceAndTarget();
    const poller = target.client
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

  itCopies("can return as soon as the copy operation finishes, then wait separately", async () => {
    const { source, rg, targetName } = await sourceAndTarget();
    const copyClient = target.client.getCollectionClient(rg, targetName).getRestorePointClient(source.name);
    const copy = await copyClient.beginCopy(source.id, { waitForReplication: false });
    expect(copy.replication).toBeUndefined();
    const early = await copyClient.getReplicationProgress();
    expect(early.state).toBe("InProgress");

    const disk = copyClient.getDiskRestorePointClient(copy.diskRestorePoints[0]!.name);
    const refused: unknown = await disk
      .beginRestoreDisk({ diskName: target.name("early") })
      .submitted()
      .catch((e: unknown) => e);
    expect(isRestorePointError(refused, "ReplicationIncomplete")).toBe(true);

    const reports: ReplicationProgress[] = [];
    const done = await copyClient.waitForReplication({
      updateIntervalInMs: target.live ? 60_000 : 20,
      onProgress: (p) => reports.push(p),
    });
    expect(done).toMatchObject({ state: "Succeeded", percentComplete: 100 });
    expect(reports.map((r) => r.percentComplete)).toEqual(
      reports.map((r) => r.percentComplete).sort((a, b) => a - b),
    );
    const restored = await disk.beginRestoreDisk({ diskName: target.name("late") });
    expect(restored.location).toBe(target.copyLocation);
  });
});
