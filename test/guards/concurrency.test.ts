import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient } from "../../src/index.js";
import { isRestError, isRestorePointError } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { logMark, rejectionOf } from "../support/guardHelpers.js";
import { describeEmulatorOnly } from "../support/target.js";

// Creations stay `Creating` long enough for a second request to meet them.
let emu: Emulator;
let client: RestorePointClient;

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator({ operationDelayMs: 400 }));
});
afterAll(async () => {
  await emu.close();
});

async function vmWithCollections(
  count: number,
): Promise<ReturnType<RestorePointClient["getCollectionClient"]>[]> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({ resourceGroup: rg, name: uniqueName("vm"), location: "westeurope" });
  const collections = [];
  for (let i = 0; i < count; i++) {
    const collection = client.getCollectionClient(rg, uniqueName("rpc"));
    await collection.create({ location: "westeurope", sourceVmId: vm.id });
    collections.push(collection);
  }
  return collections;
}

describeEmulatorOnly("request log", "concurrency guards", () => {
  it("refuses a second creation for the VM while one is running, in any of its collections", async () => {
    const [first, second] = await vmWithCollections(2);
    const running = first!.getRestorePointClient(uniqueName("rp"));
    const poller = running.beginCreate();
    await poller.submitted();

    for (const collection of [first!, second!]) {
      const mark = logMark(emu);
      const guard = await rejectionOf(
        collection.getRestorePointClient(uniqueName("rp")).beginCreate().submitted(),
      );
      expect(isRestorePointError(guard, "OperationInProgress"), guard.message).toBe(true);
      expect(guard.inProgressId).toBe(running.id);
      expect(guard.message).toContain(running.id);
      expect(mark.writes()).toEqual([]);
    }

    const mark = logMark(emu);
    const service = await rejectionOf(
      second!.getRestorePointClient(uniqueName("rp")).beginCreate({ skipPreflight: true }).submitted(),
    );
    expect(isRestorePointError(service, "OperationInProgress"), service.message).toBe(true);
    expect(service.inProgressId).toBe(running.id);
    expect(isRestError(service.cause)).toBe(true);
    expect(mark.writes()).toHaveLength(1);

    await poller;
    await second!.getRestorePointClient(uniqueName("rp")).beginCreate();
  });

  it("refuses copying a restore point that is still being created", async () => {
    const [collection] = await vmWithCollections(1);
    const target = client.getCollectionClient(collection!.resourceGroup, uniqueName("dst"));
    await target.create({ location: "northeurope", sourceCollectionId: collection!.id });
    const creating = collection!.getRestorePointClient(uniqueName("rp"));
    const poller = creating.beginCreate();
    await poller.submitted();
    const mark = logMark(emu);
    const guard = await rejectionOf(
      target.getRestorePointClient(uniqueName("cp")).beginCopy(creating.id).submitted(),
    );
    expect(guard).toMatchObject({ name: "CopyNotAllowedError", reason: "SourceNotReady" });
    expect(mark.writes()).toEqual([]);
    const service = await rejectionOf(
      target
        .getRestorePointClient(uniqueName("cp"))
        .beginCopy(creating.id, { skipPreflight: true })
        .submitted(),
    );
    expect(service).toMatchObject({ name: "CopyNotAllowedError", reason: "SourceNotReady" });
    await poller;
  });
});
