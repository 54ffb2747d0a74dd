import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type {
  PruneProgressEvent,
  RestorePointClient,
  RestorePointCollectionClient,
  VmRestorePoint,
} from "../../src/index.js";
import { isRestError } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly } from "../support/target.js";

let emu: Emulator;
let client: RestorePointClient;

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator({ operationDelayMs: 5, replicationDurationMs: 1500 }));
});
afterAll(async () => {
  await emu.close();
});

const DAY_MS = 86_400_000;

/** A collection with `count` points rp-1 (oldest) .. rp-N, created one after the other. */
async function collectionWithPoints(
  count = 8,
  tags?: Record<string, string>,
): Promise<{ collection: RestorePointCollectionClient; points: VmRestorePoint[]; rg: string }> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({ resourceGroup: rg, name: uniqueName("vm"), location: "westeurope" });
  const collection = client.getCollectionClient(rg, uniqueName("rpc"));
  await collection.create({ location: "westeurope", sourceVmId: vm.id, ...(tags ? { tags } : {}) });
  const points: VmRestorePoint[] = [];
  for (let i = 1; i <= count; i++) {
    points.push(await collection.getRestorePointClient(`rp-${i}`).beginCreate());
    // Distinct creation times, so "older than" and "newest" are unambiguous.
    await new Promise((r) => setTimeout(r, 3));
  }
  return { collection, points, rg };
}

async function remaining(collection: RestorePointCollectionClient): Promise<string[]> {
  const names: string[] = [];
  for await (const p of collection.listRestorePoints()) names.push(p.name);
  return names;
}

const deletesOf = (collectionName: string): string[] =>
  emu.requestLog
    .filter((r) => r.method === "DELETE" && r.path.includes(`/restorePointCollections/${collectionName}/`))
    .map((r) => r.path.split("/").at(-1)!);

describeEmulatorOnly("fault injection", "collection.planPrune and prune against the emulator", () => {
  it("deletes exactly what the plan removes, and reports progress", async () => {
    const { collection, points } = await collectionWithPoints();
    // maxAgeInDays counts back from `now`: put rp-5 exactly 30 days before it.
    const now = new Date(points[4]!.createdOn!.getTime() + 30 * DAY_MS);
    const policy = { keepLast: 2, maxAgeInDays: 30, now };
    const plan = await collection.planPrune(policy);
    expect(plan.remove.map((p) => p.name)).toEqual(["rp-1", "rp-2", "rp-3", "rp-4"]);
    expect(plan.keep.map((p) => p.name)).toEqual(["rp-5", "rp-6", "rp-7", "rp-8"]);
    expect(plan.reasons["rp-1"]).toBe("older than 30 days");
    expect(plan.reasons["rp-8"]).toBe("newest point; keepLast 2; within 30 days");
    expect(deletesOf(collection.name)).toEqual([]);

    const events: PruneProgressEvent[] = [];
    const result = await collection.prune(policy, { maxConcurrency: 3, onProgress: (e) => events.push(e) });
    expect(result.deleted).toEqual(plan.remove.map((p) => p.name));
    expect(result.kept).toEqual(plan.keep.map((p) => p.name));
    expect(result.failed).toEqual([]);
    expect(result.plan.remove.map((p) => p.name)).toEqual(plan.remove.map((p) => p.name));
    expect(deletesOf(collection.name).sort()).toEqual(["rp-1", "rp-2", "rp-3", "rp-4"]);
    expect(await remaining(collection)).toEqual(["rp-5", "rp-6", "rp-7", "rp-8"]);
    expect(events.filter((e) => e.status === "deleted")).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ completed: 4, total: 4 });

    // Nothing left to do: a second run deletes nothing.
    expect((await collection.prune(policy)).deleted).toEqual([]);
  });

  it("dry-runs, keeps everything without rules, and honours protection by tag and name", async () => {
    const { collection } = await collectionWithPoints(5, { "vmrp-protected": "rp-2,rp-3" });
    const dry = await collection.prune({ keepLast: 1 }, { dryRun: true });
    expect(dry.deleted).toEqual([]);
    expect(dry.plan.remove.map((p) => p.name)).toEqual(["rp-1", "rp-4"]);
    expect(dry.plan.reasons["rp-2"]).toBe("protected tag");
    expect((await collection.prune({})).deleted).toEqual([]);
    const result = await collection.prune({ keepLast: 1, protectedNames: ["RP-1"] });
    expect(result.deleted).toEqual(["rp-4"]);
    expect(result.plan.reasons["rp-1"]).toBe("protected name");
    expect(await remaining(collection)).toEqual(["rp-1", "rp-2", "rp-3", "rp-5"]);
    expect(deletesOf(collection.name)).toEqual(["rp-4"]);
  });

  it("keeps going when one delete fails, and types an active SAS", async () => {
    const { collection, points } = await collectionWithPoints(5);
    const sasPoint = collection.getRestorePointClient("rp-1");
    const disk = sasPoint.getDiskRestorePointClient(points[0]!.diskRestorePoints[0]!.name);
    await disk.beginGrantAccess({ durationInSeconds: 600 });
    const fault = emu.injectFault({
      method: "DELETE",
      pathPattern: `/${collection.name}/restorePoints/rp-3$`,
      status: 500,
      times: 10,
    });

    // Told about the SAS, the plan keeps the point.
    const told = await collection.planPrune({ keepLast: 1 }, { activeAccess: [disk.id] });
    expect(told.reasons["rp-1"]).toBe("active SAS");

    const result = await collection.prune({ keepLast: 1 });
    expect(result.deleted).toEqual(["rp-2", "rp-4"]);
    expect(result.failed.map((f) => [f.name, f.reason])).toEqual([
      ["rp-1", "ActiveSas"],
      ["rp-3", "Error"],
    ]);
    const sasError = result.failed[0]!.error;
    expect(isRestError(sasError) && sasError.code).toBe("DiskRestorePointUsedByCustomer");
    expect(await remaining(collection)).toEqual(["rp-1", "rp-3", "rp-5"]);

    await disk.beginRevokeAccess();
    fault.cancel();
    expect((await collection.prune({ keepLast: 1 })).deleted).toEqual(["rp-1", "rp-3"]);
  });

  it("keeps the source of a cross-region copy that is still replicating", async () => {
    const { collection, rg } = await collectionWithPoints(3);
    const source = await collection.getRestorePointClient("rp-1").get();
    const target = client.getCollectionClient(rg, uniqueName("dst"));
    await target.create({ location: "northeurope", sourceCollectionId: collection.id });
    await target.getRestorePointClient("rp-1").beginCopy(source.id, { waitForReplication: false });

    const plan = await collection.planPrune({ keepLast: 1 });
    expect(plan.reasons["rp-1"]).toBe("source of a copy in progress");
    expect(plan.remove.map((p) => p.name)).toEqual(["rp-2"]);
    // Without the copy checks, the same policy would delete it.
    const unchecked = await collection.planPrune({ keepLast: 1 }, { checkCopies: false });
    expect(unchecked.remove.map((p) => p.name)).toEqual(["rp-1", "rp-2"]);
    // The copy itself is the newest (and only) point of its collection.
    expect((await target.planPrune({ keepLast: 1 })).reasons["rp-1"]).toBe("newest point; keepLast 1");
  });

  it("rejects bad arguments before any request", async () => {
    const collection = client.getCollectionClient("rg-none", "rpc-none");
    const before = emu.requestLog.length;
    await expect(collection.planPrune({ keepLast: -1 })).rejects.toThrow(RangeError);
    await expect(collection.prune({ keepLast: 1 }, { maxConcurrency: 0 })).rejects.toThrow(RangeError);
    await expect(collection.prune({ keepLast: 1 }, { dryRun: "yes" as unknown as boolean })).rejects.toThrow(
      TypeError,
    );
    await expect(
      collection.planPrune({ keepLast: 1 }, { activeAccess: "id" as unknown as string[] }),
    ).rejects.toThrow(TypeError);
    expect(emu.requestLog.length).toBe(before);
    // A collection that does not exist is a 404 RestError.
    const missing: unknown = await collection.planPrune({ keepLast: 1 }).catch((e: unknown) => e);
    expect(isRestError(missing) && missing.statusCode).toBe(404);
  });

  it("stops on abort with an AbortError", async () => {
    const { collection } = await collectionWithPoints(4);
    const controller = new AbortController();
    const pending = collection.prune(
      { keepLast: 1 },
      {
        maxConcurrency: 1,
        abortSignal: controller.signal,
        onProgress: (e) => {
          if (e.status === "deleted") controller.abort();
        },
      },
    );
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect((await remaining(collection)).length).toBeGreaterThanOrEqual(2);
  });
});
