import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient, VmRestorePoint } from "../../src/index.js";
import { armFetch, paths } from "../support/armFetch.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly } from "../support/target.js";

let emu: Emulator;
let client: RestorePointClient;

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator({ replicationDurationMs: 50, replicationSteps: 1 }));
});
afterAll(async () => {
  await emu.close();
});

function desId(name: string): string {
  return `/subscriptions/${emu.subscriptionId}/resourceGroups/keys/providers/Microsoft.Compute/diskEncryptionSets/${name}`;
}

async function vmWithCollection(
  options: { instantAccess?: boolean; dataSku?: "PremiumV2_LRS" } = {},
): Promise<{ rg: string; collectionName: string; vmId: string }> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({
    resourceGroup: rg,
    name: uniqueName("vm"),
    location: "westeurope",
    dataDisks: [
      { lun: 0, sizeGB: 16, ...(options.dataSku === undefined ? {} : { sku: options.dataSku }) },
      { lun: 1, sizeGB: 32 },
    ],
  });
  const collectionName = uniqueName("rpc");
  await client.getCollectionClient(rg, collectionName).create({
    location: "westeurope",
    sourceVmId: vm.id,
    ...(options.instantAccess === undefined ? {} : { instantAccess: options.instantAccess }),
  });
  return { rg, collectionName, vmId: vm.id };
}

/** The encryption each disk restore point of a restore point reports, by LUN ("os" for the OS disk). */
async function encryptionBySlot(point: VmRestorePoint): Promise<Record<string, unknown>> {
  const rp = client
    .getCollectionClient(point.resourceGroup, point.collectionName)
    .getRestorePointClient(point.name);
  const result: Record<string, unknown> = {};
  for (const d of point.diskRestorePoints) {
    result[d.isOsDisk ? "os" : String(d.lun)] = (await rp.getDiskRestorePointClient(d.name).get()).encryption;
  }
  return result;
}

describeEmulatorOnly("VM shapes", "per-disk encryption of restore points", () => {
  it("creates disk restore points with the requested disk encryption sets and key types", async () => {
    const { rg, collectionName } = await vmWithCollection();
    const point = await client
      .getCollectionClient(rg, collectionName)
      .getRestorePointClient(uniqueName("rp"))
      .beginCreate({
        encryption: {
          osDisk: { diskEncryptionSetId: desId("des-os") },
          dataDisks: [
            {
              lun: 1,
              type: "EncryptionAtRestWithPlatformAndCustomerKeys",
              diskEncryptionSetId: desId("des-1"),
            },
          ],
        },
      });
    expect(await encryptionBySlot(point)).toEqual({
      os: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: desId("des-os") },
      "0": { type: "EncryptionAtRestWithPlatformKey" },
      "1": { type: "EncryptionAtRestWithPlatformAndCustomerKeys", diskEncryptionSetId: desId("des-1") },
    });
    // The restore point's metadata says the same.
    const storage = (point.sourceMetadata?.raw as any).storageProfile;
    expect(storage.osDisk.diskRestorePoint.encryption).toEqual({
      type: "EncryptionAtRestWithCustomerKey",
      diskEncryptionSet: { id: desId("des-os") },
    });
  });

  it("gives a cross-region copy the encryption asked for, platform key elsewhere", async () => {
    const { rg, collectionName } = await vmWithCollection();
    const source = await client
      .getCollectionClient(rg, collectionName)
      .getRestorePointClient(uniqueName("rp"))
      .beginCreate({ encryption: { dataDisks: [{ lun: 0, diskEncryptionSetId: desId("des-we") }] } });
    const copy = await client.beginCopyToRegion(source.id, {
      targetLocation: "northeurope",
      encryption: { dataDisks: [{ lun: 1, diskEncryptionSetId: desId("des-ne") }] },
    });
    expect(await encryptionBySlot(copy)).toEqual({
      os: { type: "EncryptionAtRestWithPlatformKey" },
      // Customer-key encrypted sources arrive platform-key encrypted unless a DES is chosen.
      "0": { type: "EncryptionAtRestWithPlatformKey" },
      "1": { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: desId("des-ne") },
    });
  });

  it("checks the encryption options before any request", () => {
    const rp = client.getCollectionClient("rg", "rpc").getRestorePointClient("rp");
    const start = emu.requestLog.length;
    const bad: Array<[unknown, ErrorConstructor]> = [
      [{ osDisk: {} }, TypeError],
      [{ osDisk: { type: "Rot13" } }, RangeError],
      [
        {
          osDisk: {
            diskEncryptionSetId: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/disks/d",
          },
        },
        TypeError,
      ],
      [{ osDisk: { type: "EncryptionAtRestWithPlatformKey", diskEncryptionSetId: desId("x") } }, TypeError],
      [{ osDisk: { type: "EncryptionAtRestWithCustomerKey" } }, TypeError],
      [{ dataDisks: [{ lun: 64, diskEncryptionSetId: desId("x") }] }, RangeError],
      [{ dataDisks: [{ diskEncryptionSetId: desId("x") }] }, TypeError],
      [
        {
          dataDisks: [
            { lun: 2, diskEncryptionSetId: desId("x") },
            { lun: 2, diskEncryptionSetId: desId("y") },
          ],
        },
        TypeError,
      ],
      [{ dataDisks: {} }, TypeError],
    ];
    for (const [encryption, type] of bad) {
      expect(() => rp.beginCreate({ encryption: encryption as never }), JSON.stringify(encryption)).toThrow(
        type,
      );
      expect(() => rp.beginCopy(rp.id, { encryption: encryption as never })).toThrow(type);
    }
    expect(emu.requestLog.length).toBe(start);
  });

  it("the emulator refuses a customer-key encryption without a disk encryption set", async () => {
    const { rg, collectionName } = await vmWithCollection();
    const res = await armFetch(
      emu,
      "PUT",
      `${paths(emu, rg).restorePoint(collectionName, "rp-bad")}?api-version=2025-04-01`,
      {
        body: {
          properties: {
            sourceMetadata: {
              storageProfile: {
                osDisk: { diskRestorePoint: { encryption: { type: "EncryptionAtRestWithCustomerKey" } } },
              },
            },
          },
        },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.target).toBe(
      "properties.sourceMetadata.storageProfile.osDisk.diskRestorePoint.encryption.diskEncryptionSet.id",
    );
  });
});

describeEmulatorOnly("VM shapes", "instant access", () => {
  it("is set on collections and read back; restore points keep their instant-access duration", async () => {
    const { rg, collectionName } = await vmWithCollection({ instantAccess: true, dataSku: "PremiumV2_LRS" });
    const collection = client.getCollectionClient(rg, collectionName);
    expect((await collection.get()).instantAccess).toBe(true);
    const rp = collection.getRestorePointClient(uniqueName("rp"));
    const point = await rp.beginCreate({ instantAccessDurationMinutes: 120 });
    expect(point.instantAccessDurationMinutes).toBe(120);
    const withView = await rp.get({ instanceView: true });
    expect(withView.instantAccessDurationMinutes).toBe(120);
    const states = (withView.raw as any).properties.instanceView.diskRestorePoints.map(
      (d: { snapshotAccessState?: string }) => d.snapshotAccessState,
    );
    // Only the Premium SSD v2 data disk has an instant-access snapshot.
    expect(states.filter((s: unknown) => s !== undefined)).toEqual(["AvailableWithInstantAccess"]);

    expect((await collection.update({ instantAccess: false })).instantAccess).toBe(false);
    expect(() => rp.beginCreate({ instantAccessDurationMinutes: 30 })).toThrow(RangeError);
    await expect(collection.update({ instantAccess: "yes" as never })).rejects.toThrow(TypeError);
  });
});
