import { afterAll, beforeAll, expect, expectTypeOf, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type {
  BeginCopyToRegionOptions,
  CopyToRegionOptions,
  PruneProgressEvent,
  RestorePointClient,
} from "../../src/index.js";
import { runProtection, validateProtectionPolicy } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly, live } from "../support/target.js";

let emu: Emulator;
let client: RestorePointClient;

// The whole file is emulator-only (see the groups below): a live run starts no emulator.
beforeAll(async () => {
  if (live) return;
  ({ emu, client } = await startClientOnEmulator({ operationDelayMs: 5 }));
});
afterAll(async () => {
  if (live) return;
  await emu.close();
});

async function collectionWithPoints(count: number) {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({ resourceGroup: rg, name: uniqueName("vm"), location: "westeurope" });
  const collection = client.getCollectionClient(rg, uniqueName("rpc"));
  await collection.create({ location: "westeurope", sourceVmId: vm.id });
  for (let i = 1; i <= count; i++) await collection.getRestorePointClient(`rp-${i}`).beginCreate();
  return { rg, vm, collection };
}

/** Deletions in flight at most, from prune's progress events. */
function maxInFlight(events: readonly PruneProgressEvent[]): number {
  let running = 0;
  let most = 0;
  for (const e of events) {
    running += e.status === "deleting" ? 1 : -1;
    most = Math.max(most, running);
  }
  return most;
}

describeEmulatorOnly("VM shapes", "concurrency, the deprecated name of maxConcurrency", () => {
  it("still bounds prune's deletions", async () => {
    const { collection } = await collectionWithPoints(5);
    const events: PruneProgressEvent[] = [];
    const result = await collection.prune(
      { keepLast: 1 },
      { concurrency: 1, onProgress: (e) => events.push(e) },
    );
    expect(result.deleted).toHaveLength(4);
    expect(maxInFlight(events)).toBe(1);
    const { collection: other } = await collectionWithPoints(5);
    const wide: PruneProgressEvent[] = [];
    await other.prune({ keepLast: 1 }, { maxConcurrency: 4, onProgress: (e) => wide.push(e) });
    expect(maxInFlight(wide)).toBeGreaterThan(1);
  });

  it("is validated under its own name, and may not disagree with maxConcurrency", async () => {
    const { collection, vm } = await collectionWithPoints(1);
    await expect(collection.prune({ keepLast: 1 }, { concurrency: 0 })).rejects.toThrow(/concurrency/);
    await expect(collection.prune({ keepLast: 1 }, { concurrency: 2, maxConcurrency: 3 })).rejects.toThrow(
      RangeError,
    );
    await expect(client.createRestorePoints([vm.id], { concurrency: 0 })).rejects.toThrow(/concurrency/);
    const policy = validateProtectionPolicy({
      name: "alias",
      selector: { resourceGroups: [uniqueName("rg")] },
      schedule: { everyHours: 4 },
      retention: { keepLast: 2 },
    });
    await expect(runProtection(client, policy, { concurrency: 0 })).rejects.toThrow(/concurrency/);
    await expect(runProtection(client, policy, { concurrency: 2 })).resolves.toMatchObject({
      summary: { vms: 0 },
    });
  });

  it("still works for createRestorePoints", async () => {
    const rg = uniqueName("rg");
    const vms = await Promise.all(
      [1, 2, 3].map((i) => emu.addVm({ resourceGroup: rg, name: `vm${i}`, location: "westeurope" })),
    );
    const results = await client.createRestorePoints(
      vms.map((v) => v.id),
      { concurrency: 2, collectionName: (v) => `${v.name}-rpc` },
    );
    expect(results.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
  });
});

describeEmulatorOnly(
  "VM shapes",
  "intervalInMs, the deprecated name of updateIntervalInMs in waitForReplication",
  () => {
    it("is still read (and checked) when updateIntervalInMs is absent", async () => {
      const { collection } = await collectionWithPoints(1);
      const point = collection.getRestorePointClient("rp-1");
      await expect(point.waitForReplication({ intervalInMs: -1 })).rejects.toThrow(/intervalInMs/);
      await expect(point.waitForReplication({ intervalInMs: 5 })).resolves.toMatchObject({
        state: "NotApplicable",
      });
      await expect(point.waitForReplication({ updateIntervalInMs: -1 })).rejects.toThrow(
        /updateIntervalInMs/,
      );
    });
  },
);

describeEmulatorOnly("VM shapes", "CopyToRegionOptions", () => {
  it("is the same type as BeginCopyToRegionOptions (checked by the type checker)", () => {
    expectTypeOf<CopyToRegionOptions>().toEqualTypeOf<BeginCopyToRegionOptions>();
  });
});
