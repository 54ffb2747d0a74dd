import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient } from "../../src/index.js";
import { isRestorePointError } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { rejectionOf } from "../support/guardHelpers.js";
import { describeEmulatorOnly } from "../support/target.js";

// Azure's form of the refusal is undocumented: here the second create is accepted and then fails.
let emu: Emulator;
let client: RestorePointClient;

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator({
    operationDelayMs: 300,
    rules: { concurrentCreate: "failedOperation" },
  }));
});
afterAll(async () => {
  await emu.close();
});

describeEmulatorOnly("emulator settings", "a concurrent create refused as a failed operation", () => {
  it("maps the failed operation to ConcurrentOperationError, keeping OperationFailedError as cause", async () => {
    const rg = uniqueName("rg");
    const vm = await emu.addVm({ resourceGroup: rg, name: uniqueName("vm"), location: "westeurope" });
    const collection = client.getCollectionClient(rg, uniqueName("rpc"));
    await collection.create({ location: "westeurope", sourceVmId: vm.id });
    const running = collection.getRestorePointClient(uniqueName("rp"));
    const first = running.beginCreate();
    await first.submitted();
    const second = collection.getRestorePointClient(uniqueName("rp")).beginCreate({ skipPreflight: true });
    await second.submitted();
    const refused = await rejectionOf(second);
    expect(isRestorePointError(refused, "OperationInProgress"), refused.message).toBe(true);
    expect(refused.inProgressId).toBe(running.id);
    expect(isRestorePointError(refused.cause, "OperationFailed")).toBe(true);
    await first;
  });
});
