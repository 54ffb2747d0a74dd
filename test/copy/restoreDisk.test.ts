import { afterAll, beforeAll, expect, it } from "vitest";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import type { Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient, VmRestorePoint, VmRestorePointClient } from "../../src/index.js";
import { RestError } from "@azure/core-rest-pipeline";
import { isRestorePointError, KnownDiskSku } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly } from "../support/target.js";

let emu: Emulator;
let client: RestorePointClient;
/** Bodies of the disk PUTs the client sent. */
const diskPuts: Array<Record<string, any>> = [];
const capture: PipelinePolicy = {
  name: "captureDiskPuts",
  sendRequest: (request, next) => {
    if (
      request.method === "PUT" &&
      /\/disks\/[^/?]+\?/.test(request.url) &&
      typeof request.body === "string"
    ) {
      diskPuts.push(JSON.parse(request.body));
    }
    return next(request);
  },
};

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator(
    { replicationDurationMs: 600, replicationSteps: 2 },
    { additionalPolicies: [{ policy: capture, position: "perCall" }] },
  ));
});
afterAll(async () => {
  await emu.close();
});

/** A Windows VM in westeurope (OS 40 GB, data 90 GB), its restore point, and a running copy of it. */
async function copyInProgress(): Promise<{ rg: string; source: VmRestorePoint; copy: VmRestorePointClient }> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({
    resourceGroup: rg,
    name: uniqueName("vm"),
    location: "westeurope",
    osType: "Windows",
    osDisk: { sizeGB: 40 },
    dataDisks: [{ lun: 0, sizeGB: 90 }],
  });
  const collection = client.getCollectionClient(rg, uniqueName("src"));
  await collection.create({ location: "westeurope", sourceVmId: vm.id });
  const source = await collection.getRestorePointClient(uniqueName("rp")).beginCreate();
  const copied = await client.beginCopyToRegion(source.id, {
    targetLocation: "northeurope",
    waitForReplication: false,
  });
  const copy = client
    .getCollectionClient(copied.resourceGroup, copied.collectionName)
    .getRestorePointClient(copied.name);
  return { rg, source, copy };
}

async function untilHalfReplicated(copy: VmRestorePointClient): Promise<void> {
  for (;;) {
    const progress = await copy.getReplicationProgress();
    if (progress.percentComplete >= 50) {
      expect(progress.state).toBe("InProgress");
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

describeEmulatorOnly("request log", "beginRestoreDisk from a cross-region copy", () => {
  it("refuses a half-replicated copy with one read and no write, then restores the source's size", async () => {
    const { rg, source, copy } = await copyInProgress();
    await untilHalfReplicated(copy);
    const copied = await copy.get();
    const data = copied.diskRestorePoints.find((d) => d.lun === 0)!;
    const disk = copy.getDiskRestorePointClient(data.name);

    const start = emu.requestLog.length;
    const poller = disk.beginRestoreDisk({ diskName: uniqueName("early") });
    const error = await poller.submitted().catch((e: unknown) => e);
    expect(isRestorePointError(error, "ReplicationIncomplete")).toBe(true);
    expect(error).toMatchObject({ percentComplete: 50 });
    expect((error as Error).message).toMatch(
      /only 50% replicated.*waitForReplication\(\).*allowIncompleteReplication/s,
    );
    const sent = emu.requestLog.slice(start);
    expect(sent.map((r) => r.method)).toEqual(["GET"]);
    expect(sent[0]!.path).toContain(`/diskRestorePoints/${data.name}`);

    await copy.waitForReplication({ updateIntervalInMs: 10 });
    const restored = await disk.beginRestoreDisk({ diskName: uniqueName("late"), resourceGroup: rg });
    const sourceSize = source.diskRestorePoints.find((d) => d.lun === 0)!.sizeGB;
    expect(sourceSize).toBe(90);
    expect(restored).toMatchObject({
      sizeGB: 90,
      location: "northeurope",
      createOption: "Restore",
      sourceResourceId: disk.id,
    });
    expect(diskPuts.at(-1)).toMatchObject({
      location: "northeurope",
      properties: { creationData: { createOption: "Restore", sourceResourceId: disk.id }, diskSizeGB: 90 },
    });
    expect(diskPuts.at(-1)!.properties.osType).toBeUndefined();
  });

  it("restores incomplete data only when told to, carrying OS type and generation of an OS disk", async () => {
    const { copy } = await copyInProgress();
    await untilHalfReplicated(copy);
    const os = (await copy.get()).diskRestorePoints.find((d) => d.isOsDisk)!;
    const restored = await copy.getDiskRestorePointClient(os.name).beginRestoreDisk({
      diskName: uniqueName("os"),
      allowIncompleteReplication: true,
      sku: "StandardSSD_LRS",
      zone: "2",
      tags: { purpose: "test" },
      diskEncryptionSetId: `/subscriptions/${emu.subscriptionId}/resourceGroups/keys/providers/Microsoft.Compute/diskEncryptionSets/des1`,
    });
    expect(restored).toMatchObject({
      sizeGB: 40,
      sku: "StandardSSD_LRS",
      zone: "2",
      location: "northeurope",
    });
    expect(restored.raw).toMatchObject({
      tags: { purpose: "test" },
      properties: {
        osType: "Windows",
        encryption: { type: "EncryptionAtRestWithCustomerKey" },
      },
    });
    expect(diskPuts.at(-1)!.properties).toMatchObject({
      diskSizeGB: 40,
      osType: "Windows",
      hyperVGeneration: "V2",
    });
  });

  it("sends a SKU it does not know, and Azure's refusal of it comes back as a RestError", async () => {
    const { source } = await copyInProgress();
    const os = source.diskRestorePoints.find((d) => d.isOsDisk)!;
    const drp = client
      .getCollectionClient(source.resourceGroup, source.collectionName)
      .getRestorePointClient(source.name)
      .getDiskRestorePointClient(os.name);
    const known = await drp.beginRestoreDisk({ diskName: uniqueName("known"), sku: "standardssd_lrs" });
    // A known SKU in another casing is sent in its canonical spelling.
    expect(diskPuts.at(-1)!.sku).toEqual({ name: "StandardSSD_LRS" });
    expect(known.sku).toBe(KnownDiskSku.StandardSSDLRS);
    const puts = diskPuts.length;
    const error = await drp.beginRestoreDisk({ diskName: uniqueName("v3"), sku: "PremiumV3_LRS" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(diskPuts.length).toBe(puts + 1);
    expect(diskPuts.at(-1)!.sku).toEqual({ name: "PremiumV3_LRS" });
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({ statusCode: 400, code: "InvalidParameter" });
    expect((error as RestError).message).toContain("sku.name");
  });

  it("checks its options before any request", () => {
    const disk = client
      .getCollectionClient("rg", "c")
      .getRestorePointClient("p")
      .getDiskRestorePointClient("d_68785190-1acb-4d5e-a8ae-705b45f3dca5");
    const start = emu.requestLog.length;
    expect(() => disk.beginRestoreDisk({ diskName: "" })).toThrow(TypeError);
    expect(() => disk.beginRestoreDisk({ diskName: "d", sku: "" })).toThrow(RangeError);
    expect(() => disk.beginRestoreDisk({ diskName: "d", diskEncryptionSetId: "/not/a/des" })).toThrow(
      TypeError,
    );
    expect(emu.requestLog.length).toBe(start);
  });
});
