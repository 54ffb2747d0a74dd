/**
 * The same scenarios against real Azure, opt-in: `RP_LIVE=1` with `AZURE_SUBSCRIPTION_ID`,
 * `RP_LIVE_RESOURCE_GROUP` (a group the tests may create collections in), `RP_LIVE_VM_ID` (a
 * running VM with managed disks in that subscription) and `RP_LIVE_LOCATION` (the VM's region),
 * authenticated by `DefaultAzureCredential`.
 * Without them the suite says it skipped them, so a green run never pretends to have touched Azure.
 */
import { afterAll, describe, expect, it } from "vitest";
import { isRestError, parseResourceId, RestorePointClient } from "../../src/index.js";

const env = {
  live: process.env.RP_LIVE === "1",
  subscriptionId: process.env.AZURE_SUBSCRIPTION_ID,
  resourceGroup: process.env.RP_LIVE_RESOURCE_GROUP,
  vmId: process.env.RP_LIVE_VM_ID,
  location: process.env.RP_LIVE_LOCATION,
};
const missing = Object.entries({
  AZURE_SUBSCRIPTION_ID: env.subscriptionId,
  RP_LIVE_RESOURCE_GROUP: env.resourceGroup,
  RP_LIVE_VM_ID: env.vmId,
  RP_LIVE_LOCATION: env.location,
})
  .filter(([, value]) => value === undefined || value === "")
  .map(([name]) => name);
const enabled = env.live && missing.length === 0;

if (!enabled) {
  console.warn(
    env.live
      ? `live Azure tests SKIPPED: RP_LIVE=1 but ${missing.join(", ")} not set`
      : "live Azure tests SKIPPED: set RP_LIVE=1, AZURE_SUBSCRIPTION_ID, RP_LIVE_RESOURCE_GROUP, RP_LIVE_VM_ID and RP_LIVE_LOCATION to run them",
  );
}

describe.skipIf(!enabled)("live Azure", () => {
  const suffix = Date.now().toString(36);
  const collectionName = `vmrp-live-${suffix}`;
  let client: RestorePointClient | undefined;

  afterAll(async () => {
    await client?.getCollectionClient(env.resourceGroup ?? "", collectionName).beginDelete();
  }, 600_000);

  it("creates a collection and a restore point, lists and deletes it", async () => {
    const { DefaultAzureCredential } = await import("@azure/identity");
    const live = new RestorePointClient(env.subscriptionId ?? "", new DefaultAzureCredential(), {
      updateIntervalInMs: 15_000,
    });
    client = live;
    const vmId = env.vmId ?? "";
    const vm = parseResourceId(vmId);
    expect(vm.vmName).toBeDefined();
    const collection = live.getCollectionClient(env.resourceGroup ?? "", collectionName);
    const created = await collection.create({ location: env.location ?? "", sourceVmId: vmId });
    expect(created.provisioningState).toBe("Succeeded");
    const point = await collection
      .getRestorePointClient("rp-1")
      .beginCreate({ excludeUnsupportedDisks: true });
    expect(point.provisioningState).toBe("Succeeded");
    expect(point.diskRestorePoints.length).toBeGreaterThan(0);
    const names: string[] = [];
    for await (const p of collection.listRestorePoints()) names.push(p.name);
    expect(names).toContain("rp-1");
    await collection.getRestorePointClient("rp-1").beginDelete();
    await expect(collection.getRestorePointClient("rp-1").get()).rejects.toSatisfy(
      (error: unknown) => isRestError(error) && error.statusCode === 404,
    );
  }, 1_800_000);
});
