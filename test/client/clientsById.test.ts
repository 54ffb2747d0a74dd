import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
import { isRestError } from "@azure/core-rest-pipeline";
import { beforeAll, describe, expect, it } from "vitest";
import { RestorePointClient, type VmRestorePoint } from "../../src/index.js";
import { itEmulatorOnly, useTarget } from "../support/target.js";

const OTHER_SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";

const target = useTarget();
let client: RestorePointClient;
let point: VmRestorePoint;
let collectionId: string;

beforeAll(async () => {
  client = target.client;
  const vm = await target.vm();
  const collection = client.getCollectionClient(vm.resourceGroup, target.name("rpc"));
  collectionId = (await collection.create({ location: vm.location, sourceVmId: vm.id })).id;
  point = await collection
    .getRestorePointClient(target.name("rp"))
    .beginCreate({ excludeUnsupportedDisks: true });
});

/** Upper-cases the fixed ARM segments of an id, as some tools and older API versions return them. */
function shout(id: string): string {
  return id
    .replace(
      /\/(subscriptions|resourceGroups|providers|restorePointCollections|restorePoints|diskRestorePoints)\//gi,
      (s) => s.toUpperCase(),
    )
    .replace("Microsoft.Compute", "MICROSOFT.COMPUTE");
}

/** Counts the tokens the pipeline asks for. */
function countingCredential(inner: TokenCredential): TokenCredential & { calls: number } {
  const counted = {
    calls: 0,
    getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      counted.calls += 1;
      return inner.getToken(scopes, options);
    },
  };
  return counted;
}

describe("sub-clients from ARM ids", () => {
  it("reads a collection, a restore point and a disk restore point by id", async () => {
    const collection = client.getCollectionClientById(collectionId);
    expect((await collection.get()).id).toBe(collectionId);
    const rp = client.getRestorePointClientById(point.id);
    expect(rp.id).toBe(point.id);
    expect((await rp.get()).name).toBe(point.name);
    const diskId = point.diskRestorePoints[0]!.id;
    const drp = client.getDiskRestorePointClientById(diskId);
    expect(drp.name).toBe(point.diskRestorePoints[0]!.name);
    expect((await drp.get()).id.toLowerCase()).toBe(diskId.toLowerCase());
  });

  it("accepts ids in any casing", async () => {
    const shouted = shout(point.id);
    expect(shouted).not.toBe(point.id);
    expect(shouted).toContain("/SUBSCRIPTIONS/");
    const rp = client.getRestorePointClientById(shouted);
    expect(rp.resourceGroup).toBe(point.resourceGroup);
    expect(rp.collectionName).toBe(point.collectionName);
    expect((await rp.get()).id).toBe(point.id);
    expect((await client.getCollectionClientById(shout(collectionId)).get()).id).toBe(collectionId);
    const drp = client.getDiskRestorePointClientById(shout(point.diskRestorePoints[0]!.id));
    expect((await drp.get()).name).toBe(point.diskRestorePoints[0]!.name);
  });

  it("refuses an id of another resource type, naming what it expected and what it got", () => {
    expect(() => client.getCollectionClientById(point.id)).toThrow(
      new RegExp(`must be the id of a Microsoft\\.Compute/restorePointCollections, got "${point.id}"`),
    );
    expect(() => client.getRestorePointClientById(collectionId)).toThrow(TypeError);
    expect(() => client.getRestorePointClientById(collectionId)).toThrow(
      /Microsoft\.Compute\/restorePointCollections\/restorePoints/,
    );
    expect(() => client.getDiskRestorePointClientById(point.id)).toThrow(
      /Microsoft\.Compute\/restorePointCollections\/restorePoints\/diskRestorePoints/,
    );
    const vmId = `/subscriptions/${target.subscriptionId}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm`;
    expect(() => client.getCollectionClientById(vmId)).toThrow(TypeError);
    expect(() => client.getCollectionClientById(vmId)).toThrow(/virtualMachines\/vm/);
  });

  it("refuses malformed ids and non-strings with TypeError, bad names with RangeError", () => {
    for (const bad of [
      "",
      "not-an-id",
      "/subscriptions/",
      "/subscriptions/s/resourceGroups//providers/x",
      42,
      undefined,
    ]) {
      expect(() => client.getCollectionClientById(bad as string)).toThrow(TypeError);
      expect(() => client.getRestorePointClientById(bad as string)).toThrow(TypeError);
      expect(() => client.getDiskRestorePointClientById(bad as string)).toThrow(TypeError);
    }
    const badName = collectionId.replace(/[^/]+$/, "bad name!");
    expect(() => client.getCollectionClientById(badName)).toThrow(RangeError);
  });

  itEmulatorOnly(
    "request log",
    "aims an id of another subscription at that subscription, on the same pipeline and credential",
    async () => {
      const emu = target.emu;
      const credential = countingCredential(emu.credential);
      const own = new RestorePointClient(emu.subscriptionId, credential, {
        ...emu.clientOptions,
        retryOptions: { maxRetries: 0 },
      });
      await own.getCollectionClientById(collectionId).get();
      const tokensBefore = credential.calls;
      expect(tokensBefore).toBe(1);

      const foreignId = point.id.replace(emu.subscriptionId, OTHER_SUBSCRIPTION);
      const foreign = own.getRestorePointClientById(foreignId);
      expect(foreign.id).toBe(foreignId);
      const logged = emu.requestLog.length;
      const error = await foreign.get().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isRestError(error)).toBe(true);
      const sent = emu.requestLog.slice(logged);
      expect(sent.map((r) => r.path)).toEqual([foreignId]);
      // The emulator hosts one subscription and answers for any other as ARM does for an unknown one.
      expect(sent[0]!.status).toBe(404);
      expect(sent[0]!.errorCode).toBe("SubscriptionNotFound");
      // The same pipeline: its cached token serves the other subscription, no new token request.
      expect(credential.calls).toBe(tokensBefore);

      const foreignCollection = own.getCollectionClientById(
        shout(collectionId.replace(emu.subscriptionId, OTHER_SUBSCRIPTION)),
      );
      expect(foreignCollection.id).toContain(`/subscriptions/${OTHER_SUBSCRIPTION}/`);
      await expect(foreignCollection.getRestorePointClient(point.name).get()).rejects.toMatchObject({
        statusCode: 404,
        code: "SubscriptionNotFound",
      });
      expect(emu.requestLog.at(-1)!.path.toLowerCase()).toBe(foreignId.toLowerCase());
      expect(credential.calls).toBe(tokensBefore);
    },
  );
});
