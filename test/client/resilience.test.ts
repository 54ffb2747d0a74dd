/**
 * The client under the failures Azure produces: 429 with and without Retry-After, 503, dropped
 * connections and a response lost after the change was made. Every operation completes and the
 * emulator ends up with exactly one of each resource.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { RestorePointClient } from "../../src/index.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { describeEmulatorOnly } from "../support/target.js";

let emu: Emulator;
let client: RestorePointClient;
let vmId: string;

beforeAll(async () => {
  // Long enough that the operation is still running when the retried PUT and the polls arrive, even
  // on a loaded machine: the path through the faults below must not depend on timing.
  emu = await startEmulator({ operationDelayMs: 1000 });
  vmId = (await emu.addVm({ resourceGroup: "rg", name: "vm", location: "eastus", dataDisks: [{ lun: 0 }] }))
    .id;
  client = new RestorePointClient(emu.subscriptionId, emu.credential, {
    ...emu.clientOptions,
    updateIntervalInMs: 5,
    retryOptions: { retryDelayInMs: 5, maxRetryDelayInMs: 20 },
  });
});
afterAll(async () => {
  await emu.close();
});

describeEmulatorOnly("fault injection", "resilience", () => {
  it("completes a create through throttling, 503s, resets and a lost response, creating nothing twice", async () => {
    emu.injectFault({ method: "PUT", pathPattern: "/restorePointCollections/c$", status: 429, times: 1 });
    emu.injectFault({
      method: "PUT",
      pathPattern: "/restorePointCollections/c$",
      status: 429,
      retryAfterSeconds: 0,
      times: 1,
    });
    const collection = client.getCollectionClient("rg", "c");
    await collection.create({ location: "eastus", sourceVmId: vmId });

    emu.injectFault({ method: "PUT", pathPattern: "/restorePoints/rp$", resetAfterProcessing: true });
    emu.injectFault({
      method: "GET",
      pathPattern: "/operations/",
      status: 503,
      retryAfterSeconds: 0,
      times: 2,
    });
    emu.injectFault({ method: "GET", pathPattern: "/restorePoints/rp$", resetConnection: true });
    const point = await collection.getRestorePointClient("rp").beginCreate({ skipPreflight: true });
    expect(point.provisioningState).toBe("Succeeded");

    const names: string[] = [];
    for await (const p of collection.listRestorePoints()) names.push(p.name);
    expect(names).toEqual(["rp"]);
    const log = emu.requestLog;
    // The lost PUT was processed once; its retry found the same restore point (an idempotent PUT).
    const puts = log.filter((e) => e.method === "PUT" && e.path.endsWith("/restorePoints/rp"));
    expect(puts.map((e) => e.status)).toEqual([0, 201]);
    expect(log.filter((e) => e.faulted)).toHaveLength(6);
    expect(log.some((e) => e.status === 503)).toBe(true);
    expect(log.filter((e) => e.status === 429)).toHaveLength(2);
  });

  it("completes a delete through a dropped connection on its poll", async () => {
    emu.injectFault({ method: "GET", pathPattern: "/operations/", resetConnection: true });
    await client.getCollectionClient("rg", "c").getRestorePointClient("rp").beginDelete();
    expect(await client.getCollectionClient("rg", "c").getRestorePointClient("rp").exists()).toBe(false);
  });
});
