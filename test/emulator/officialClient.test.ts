/**
 * The emulator must serve the official `@azure/arm-compute` client, not only ours: it is the
 * closest thing to real Azure's clients that runs here, with its own pollers and api-versions.
 */
import { ComputeManagementClient } from "@azure/arm-compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";

let emu: Emulator;
let client: ComputeManagementClient;
let vm: Awaited<ReturnType<Emulator["addVm"]>>;

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 10, replicationDurationMs: 50 });
  vm = await emu.addVm({
    resourceGroup: "rg-arm",
    name: "app",
    location: "westus2",
    dataDisks: [{ lun: 0 }, { lun: 3 }],
  });
  client = new ComputeManagementClient(emu.credential, emu.subscriptionId, {
    endpoint: emu.url,
    tlsOptions: { ca: emu.certificatePem },
    credentials: { scopes: [`${emu.url}/.default`] },
  });
});
afterAll(async () => {
  await emu.close();
});

describe("@azure/arm-compute against the emulator", () => {
  it("creates a collection and a restore point, lists and reads them, then deletes", async () => {
    const collection = await client.restorePointCollections.createOrUpdate("rg-arm", "rpc", {
      location: "westus2",
      source: { id: vm.id },
    });
    expect(collection.provisioningState).toBe("Succeeded");

    const point = await client.restorePoints.create(
      "rg-arm",
      "rpc",
      "rp1",
      { excludeDisks: [{ id: vm.dataDiskIds[1]! }] },
      { updateIntervalInMs: 5 },
    );
    expect(point.provisioningState).toBe("Succeeded");
    expect(point.sourceMetadata?.storageProfile?.dataDisks?.map((d) => d.lun)).toEqual([0]);

    const expanded = await client.restorePointCollections.get("rg-arm", "rpc", { expand: "restorePoints" });
    expect(expanded.restorePoints?.map((p) => p.name)).toEqual(["rp1"]);

    const names: string[] = [];
    for await (const c of client.restorePointCollections.listAll()) names.push(c.name ?? "");
    expect(names).toContain("rpc");

    const disks: string[] = [];
    for await (const d of client.diskRestorePoint.listByRestorePoint("rg-arm", "rpc", "rp1"))
      disks.push(d.id ?? "");
    expect(disks).toHaveLength(2);
    const diskPointName = disks[0]!.split("/").at(-1)!;

    const access = await client.diskRestorePoint.grantAccess(
      "rg-arm",
      "rpc",
      "rp1",
      diskPointName,
      { access: "Read", durationInSeconds: 600 },
      { updateIntervalInMs: 5 },
    );
    expect(access.accessSAS).toMatch(/^https:\/\//);
    await client.diskRestorePoint.revokeAccess("rg-arm", "rpc", "rp1", diskPointName, {
      updateIntervalInMs: 5,
    });

    await client.restorePoints.delete("rg-arm", "rpc", "rp1", { updateIntervalInMs: 5 });
    await expect(client.restorePoints.get("rg-arm", "rpc", "rp1")).rejects.toMatchObject({ statusCode: 404 });
    await client.restorePointCollections.delete("rg-arm", "rpc", { updateIntervalInMs: 5 });
    await expect(client.restorePointCollections.get("rg-arm", "rpc")).rejects.toMatchObject({
      statusCode: 404,
      code: "ResourceNotFound",
    });
  });

  it("copies to another region and reads the replication progress", async () => {
    const source = await client.restorePointCollections.createOrUpdate("rg-arm", "src", {
      location: "westus2",
      source: { id: vm.id },
    });
    const point = await client.restorePoints.create("rg-arm", "src", "p", {}, { updateIntervalInMs: 5 });
    await client.restorePointCollections.createOrUpdate("rg-arm", "dst", {
      location: "eastus",
      source: { id: source.id! },
    });
    const copy = await client.restorePoints.create(
      "rg-arm",
      "dst",
      "p-copy",
      { sourceRestorePoint: { id: point.id! } },
      { updateIntervalInMs: 5 },
    );
    expect(copy.provisioningState).toBe("Succeeded");
    const view = await client.restorePoints.get("rg-arm", "dst", "p-copy", { expand: "instanceView" });
    const percents = view.instanceView?.diskRestorePoints?.map((d) => d.replicationStatus?.completionPercent);
    expect(percents).toHaveLength(3);
  });
});
