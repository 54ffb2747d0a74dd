import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient } from "../../src/index.js";
import { isRestError } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";

let emu: Emulator;
let client: RestorePointClient;

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator());
});
afterAll(async () => {
  await emu.close();
});

async function vmIn(resourceGroup: string, location = "westeurope") {
  return emu.addVm({ resourceGroup, name: uniqueName("vm"), location, dataDisks: [{ lun: 0 }] });
}

describe("collections against the emulator", () => {
  it("creates, reads, updates, lists and deletes a collection", async () => {
    const rg = uniqueName("rg");
    const vm = await vmIn(rg);
    const name = uniqueName("rpc");
    const collection = client.getCollectionClient(rg, name);
    expect(await collection.exists()).toBe(false);

    const created = await collection.create({
      location: "westeurope",
      sourceVmId: vm.id,
      tags: { env: "test" },
    });
    expect(created).toMatchObject({
      name,
      resourceGroup: rg,
      location: "westeurope",
      sourceId: vm.id,
      tags: { env: "test" },
    });
    expect(created.provisioningState).toBe("Succeeded");
    expect(await collection.exists()).toBe(true);

    const updated = await collection.update({ tags: { env: "prod" } });
    expect(updated.tags).toEqual({ env: "prod" });
    expect((await collection.get()).tags).toEqual({ env: "prod" });

    const inGroup: string[] = [];
    for await (const c of client.listCollections({ resourceGroup: rg })) inGroup.push(c.name);
    expect(inGroup).toEqual([name]);
    const everywhere: string[] = [];
    for await (const page of client.listCollections().byPage()) everywhere.push(...page.map((c) => c.name));
    expect(everywhere).toContain(name);

    await collection.beginDelete();
    expect(await collection.exists()).toBe(false);
    const error: unknown = await collection.get().catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 404 });
    expect((error as { details?: unknown }).details).toMatchObject({ error: { code: expect.any(String) } });
  });

  it("lists restore points oldest first from $expand=restorePoints", async () => {
    const rg = uniqueName("rg");
    const vm = await vmIn(rg);
    const collection = client.getCollectionClient(rg, uniqueName("rpc"));
    await collection.create({ location: "westeurope", sourceVmId: vm.id });
    for (const name of ["second", "first"]) {
      await collection.getRestorePointClient(name).beginCreate();
    }
    const names: string[] = [];
    for await (const point of collection.listRestorePoints()) names.push(point.name);
    expect(names).toEqual(["second", "first"]);
    const expand = emu.requestLog.filter(
      (r) => r.method === "GET" && r.query.includes("$expand=restorePoints"),
    );
    expect(expand.length).toBeGreaterThan(0);
  });

  it("gets the ARM error as RestError for a collection whose VM does not exist", async () => {
    const rg = uniqueName("rg");
    await vmIn(rg);
    const missingVm = `/subscriptions/${emu.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/nope`;
    const error: unknown = await client
      .getCollectionClient(rg, uniqueName("rpc"))
      .create({ location: "westeurope", sourceVmId: missingVm })
      .catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect((error as { statusCode?: number }).statusCode).toBeGreaterThanOrEqual(400);
    expect(typeof (error as { code?: unknown }).code).toBe("string");
  });
});
