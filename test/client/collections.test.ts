import { describe, expect, it } from "vitest";
import { isRestError } from "../../src/index.js";
import { useTarget } from "../support/target.js";

const target = useTarget();

describe("collections", () => {
  it("creates, reads, updates, lists and deletes a collection", async () => {
    const vm = await target.vm();
    const rg = vm.resourceGroup;
    const name = target.name("rpc");
    const collection = target.client.getCollectionClient(rg, name);
    expect(await collection.exists()).toBe(false);

    const created = await collection.create({
      location: vm.location,
      sourceVmId: vm.id,
      tags: { env: "test" },
    });
    expect(created).toMatchObject({
      name,
      resourceGroup: rg,
      location: vm.location,
      sourceId: vm.id,
      tags: { env: "test" },
    });
    expect(created.provisioningState).toBe("Succeeded");
    expect(await collection.exists()).toBe(true);

    const updated = await collection.update({ tags: { env: "prod" } });
    expect(updated.tags).toEqual({ env: "prod" });
    expect((await collection.get()).tags).toEqual({ env: "prod" });

    const inGroup: string[] = [];
    for await (const c of target.client.listCollections({ resourceGroup: rg })) inGroup.push(c.name);
    // Live, the group may hold other collections; on the emulator the group is this test's own.
    if (target.live) expect(inGroup).toContain(name);
    else expect(inGroup).toEqual([name]);
    const everywhere: string[] = [];
    for await (const page of target.client.listCollections().byPage())
      everywhere.push(...page.map((c) => c.name));
    expect(everywhere).toContain(name);

    await collection.beginDelete();
    expect(await collection.exists()).toBe(false);
    const error: unknown = await collection.get().catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 404 });
    expect((error as { details?: unknown }).details).toMatchObject({ error: { code: expect.any(String) } });
  });

  it("lists restore points oldest first from $expand=restorePoints", async () => {
    const vm = await target.vm();
    const collection = target.client.getCollectionClient(vm.resourceGroup, target.name("rpc"));
    await collection.create({ location: vm.location, sourceVmId: vm.id });
    for (const name of ["second", "first"]) {
      await collection.getRestorePointClient(name).beginCreate();
    }
    const names: string[] = [];
    for await (const point of collection.listRestorePoints()) names.push(point.name);
    expect(names).toEqual(["second", "first"]);
    if (target.live) return; // the request log is the emulator's
    const expand = target.emu.requestLog.filter(
      (r) => r.method === "GET" && r.query.includes("$expand=restorePoints"),
    );
    expect(expand.length).toBeGreaterThan(0);
  });

  it("gets the ARM error as RestError for a collection whose VM does not exist", async () => {
    const vm = await target.vm();
    const missingVm = `/subscriptions/${target.subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${target.name("nope")}`;
    const error: unknown = await target.client
      .getCollectionClient(vm.resourceGroup, target.name("rpc"))
      .create({ location: vm.location, sourceVmId: missingVm })
      .catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect((error as { statusCode?: number }).statusCode).toBeGreaterThanOrEqual(400);
    expect(typeof (error as { code?: unknown }).code).toBe("string");
  });
});
