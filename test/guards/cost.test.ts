import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator, RequestLogEntry } from "../../src/emulator/index.js";
import type { RestorePointClient, RestorePointClientOptions } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly } from "../support/target.js";

let emu: Emulator;
let newClient: (o?: RestorePointClientOptions) => RestorePointClient;

beforeAll(async () => {
  ({ emu, newClient } = await startClientOnEmulator());
});
afterAll(async () => {
  await emu.close();
});

/** The reads a create sends before its PUT, as `METHOD kind` (the last path segment's type). */
async function preflightReads(create: () => PromiseLike<unknown>): Promise<string[]> {
  const start = emu.requestLog.length;
  await create();
  const log = emu.requestLog.slice(start);
  const put = log.findIndex((e) => e.method === "PUT");
  expect(put).toBeGreaterThanOrEqual(0);
  return log.slice(0, put).map(describeRead);
}

function describeRead(entry: RequestLogEntry): string {
  const segments = entry.path.split("/");
  const type = segments.length % 2 === 0 ? segments.at(-1) : segments.at(-2);
  return `${entry.method} ${type ?? ""}${entry.query.includes("expand") ? " $expand" : ""}`;
}

async function vmAndCollection(
  dataDisks: { lun: number }[],
): Promise<{ rg: string; collectionName: string }> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({
    resourceGroup: rg,
    name: uniqueName("vm"),
    location: "westeurope",
    dataDisks,
  });
  const collectionName = uniqueName("rpc");
  await newClient()
    .getCollectionClient(rg, collectionName)
    .create({ location: "westeurope", sourceVmId: vm.id });
  return { rg, collectionName };
}

describeEmulatorOnly("request log", "what the pre-flight checks of a create cost", () => {
  it("adds exactly 2 GETs (collection with its restore points, VM) once the client's cache is warm", async () => {
    const { rg, collectionName } = await vmAndCollection([{ lun: 0 }, { lun: 1 }]);
    const client = newClient();
    const collection = client.getCollectionClient(rg, collectionName);
    const cold = await preflightReads(() => collection.getRestorePointClient(uniqueName("rp")).beginCreate());
    // Cold: the two reads, the subscription's collection list, and maxShares of each data disk.
    expect(cold.slice(0, 2)).toEqual(["GET restorePointCollections $expand", "GET virtualMachines"]);
    expect(cold.filter((r) => r === "GET disks")).toHaveLength(2);
    expect(cold.filter((r) => r === "GET restorePointCollections").length).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 3; i++) {
      const warm = await preflightReads(() =>
        collection.getRestorePointClient(uniqueName("rp")).beginCreate(),
      );
      expect(warm).toEqual(["GET restorePointCollections $expand", "GET virtualMachines"]);
    }
  });

  it("adds exactly 2 GETs even cold without data disks and with countAcrossCollections: false", async () => {
    const { rg, collectionName } = await vmAndCollection([]);
    const rp = newClient().getCollectionClient(rg, collectionName).getRestorePointClient(uniqueName("rp"));
    const reads = await preflightReads(() => rp.beginCreate({ countAcrossCollections: false }));
    expect(reads).toEqual(["GET restorePointCollections $expand", "GET virtualMachines"]);
  });

  it("reads everything for every check with preflightCacheTtlInMs: 0, and nothing with skipPreflight", async () => {
    const { rg, collectionName } = await vmAndCollection([{ lun: 0 }]);
    const collection = newClient({ preflightCacheTtlInMs: 0 }).getCollectionClient(rg, collectionName);
    for (let i = 0; i < 2; i++) {
      const reads = await preflightReads(() =>
        collection.getRestorePointClient(uniqueName("rp")).beginCreate(),
      );
      expect(reads).toContain("GET disks");
      expect(reads.length).toBeGreaterThan(2);
    }
    const none = await preflightReads(() =>
      collection.getRestorePointClient(uniqueName("rp")).beginCreate({ skipPreflight: true }),
    );
    expect(none).toEqual([]);
  });
});
