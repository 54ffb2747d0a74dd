import { describe, expect, it } from "vitest";
import { withDiskAccess } from "../../src/index.js";
import { collectionBody, collectionUrlPath, restorePointBody, restorePointId } from "../support/armBodies.js";
import { ARM, createFakeClient, FakeHttpClient, RG_PATH, SUBSCRIPTION } from "../support/fakeHttpClient.js";

const DRP_NAME = "vm1_OsDisk_1_22b4bdfe-6c54-4f72-84d8-85d8860f0c57";
const DRP_ID = `${restorePointId("rp1")}/diskRestorePoints/${DRP_NAME}`;
const DRP_URL = `${ARM}${DRP_ID}`;
const SAS =
  "https://md-gpvmcxzlzxgd.partition.blob.storage.azure.net/xx3cqcx53f0v/abcd?sv=2014-02-14&sr=b&sk=key1&sig=SECRETSIG&st=2021-05-24T18:02:34Z&se=2030-05-24T18:19:14Z&sp=r";
// The spec examples' form: `&monitor=true&api-version=...` with no `?`.
const SPEC_LOCATION = `${ARM}/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Compute/locations/westeurope/operations/op-grant&monitor=true&api-version=2025-01-02`;
const POLLED_LOCATION = SPEC_LOCATION.replace("&monitor", "?monitor");

function diskRestorePoint(fake: FakeHttpClient) {
  const { client } = createFakeClient(fake);
  return client
    .getCollectionClient("rg1", "rpc1")
    .getRestorePointClient("rp1")
    .getDiskRestorePointClient(DRP_NAME);
}

describe("beginGrantAccess / beginRevokeAccess", () => {
  it("POSTs beginGetAccess, polls the repaired Location URL and returns the AccessUri of its 200", async () => {
    const fake = new FakeHttpClient()
      .on("POST", `${DRP_URL}/beginGetAccess?api-version=2025-01-02`, {
        status: 202,
        headers: { location: SPEC_LOCATION },
      })
      .sequence(
        "GET",
        POLLED_LOCATION,
        { status: 202, headers: { location: SPEC_LOCATION } },
        { status: 200, body: { accessSAS: SAS } },
      );
    const access = await diskRestorePoint(fake).beginGrantAccess({
      durationInSeconds: 3600,
      fileFormat: "VHDX",
    });
    expect(access.accessSas).toBe(SAS);
    expect(access.expiresOn).toEqual(new Date("2030-05-24T18:19:14Z"));
    expect(fake.requests[0]!.body).toEqual({ access: "Read", durationInSeconds: 3600, fileFormat: "VHDX" });
    expect(fake.requests.map((r) => r.url)).toEqual([
      `${DRP_URL}/beginGetAccess?api-version=2025-01-02`,
      POLLED_LOCATION,
      POLLED_LOCATION,
    ]);
  });

  it("with Azure-AsyncOperation and Location, takes the result from the Location URL once done", async () => {
    const status = `${ARM}/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Compute/locations/westeurope/DiskOperations/op?p=1&api-version=2025-01-02`;
    const fake = new FakeHttpClient()
      .on("POST", `${DRP_URL}/beginGetAccess`, {
        status: 202,
        headers: { "azure-asyncoperation": status, location: `${status}&monitor=true` },
      })
      .on("GET", status + "&monitor=true", {
        status: 200,
        body: { accessSAS: SAS, securityDataAccessSAS: `${SAS}_vmgs` },
      })
      .on("GET", status, { status: 200, body: { status: "Succeeded" } });
    const access = await diskRestorePoint(fake).beginGrantAccess({
      durationInSeconds: 60,
      includeVmGuestState: true,
    });
    expect(access.securityDataAccessSas).toBe(`${SAS}_vmgs`);
    expect(fake.requests[0]!.body).toMatchObject({ getSecureVMGuestStateSAS: true });
  });

  it("revokes with endGetAccess and no final GET", async () => {
    const fake = new FakeHttpClient()
      .on("POST", `${DRP_URL}/endGetAccess?api-version=2025-01-02`, {
        status: 202,
        headers: { location: SPEC_LOCATION },
      })
      .on("GET", POLLED_LOCATION, { status: 200 });
    await diskRestorePoint(fake).beginRevokeAccess();
    expect(fake.requests.map((r) => r.method)).toEqual(["POST", "GET"]);
  });

  it("withDiskAccess grants, runs the callback and always revokes", async () => {
    const fake = new FakeHttpClient()
      .on("POST", `${DRP_URL}/beginGetAccess`, { status: 200, body: { accessSAS: SAS } }, 2)
      .on("POST", `${DRP_URL}/endGetAccess`, { status: 200 }, 2);
    const drp = diskRestorePoint(fake);
    const size = await withDiskAccess(drp, { durationInSeconds: 60 }, (access) => access.accessSas.length);
    expect(size).toBe(SAS.length);
    await expect(
      withDiskAccess(drp, { durationInSeconds: 60 }, () => {
        throw new Error("download failed");
      }),
    ).rejects.toThrow("download failed");
    expect(fake.requests.map((r) => r.url.split("?")[0]!.split("/").pop())).toEqual([
      "beginGetAccess",
      "endGetAccess",
      "beginGetAccess",
      "endGetAccess",
    ]);
  });
});

describe("beginRestoreDisk", () => {
  it("PUTs createOption Restore in the collection's region and takes the disk from properties.output", async () => {
    const diskUrl = `${ARM}${RG_PATH}/disks/restored0?api-version=2025-01-02`;
    const op = `${ARM}/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Compute/locations/westeurope/DiskOperations/d1?p=x&api-version=2025-01-02`;
    const disk = {
      id: `${RG_PATH}/disks/restored0`,
      name: "restored0",
      location: "westeurope",
      sku: { name: "Premium_LRS" },
      properties: {
        creationData: { createOption: "Restore", sourceResourceId: DRP_ID },
        diskSizeGB: 30,
        provisioningState: "Succeeded",
      },
    };
    const fake = new FakeHttpClient()
      .on("GET", `${DRP_URL}?`, { status: 200, body: { id: DRP_ID, name: DRP_NAME, properties: {} } })
      .on("GET", `${ARM}${collectionUrlPath()}?`, { status: 200, body: collectionBody() })
      .on("GET", `${ARM}${restorePointId("rp1")}?`, { status: 200, body: restorePointBody("rp1") })
      .on("PUT", diskUrl, {
        status: 202,
        headers: { "azure-asyncoperation": op, location: `${op}&monitor=true` },
        body: { name: "restored0", location: "westeurope", properties: { provisioningState: "Updating" } },
      })
      .sequence(
        "GET",
        op,
        { status: 200, body: { status: "InProgress" } },
        { status: 200, body: { status: "Succeeded", properties: { output: disk } } },
      );
    const restored = await diskRestorePoint(fake).beginRestoreDisk({
      diskName: "restored0",
      sku: "Premium_LRS",
      tags: { a: "b" },
    });
    expect(restored).toMatchObject({
      name: "restored0",
      location: "westeurope",
      sku: "Premium_LRS",
      sourceResourceId: DRP_ID,
      sizeGB: 30,
    });
    expect(fake.requestsTo("PUT")[0]!.body).toEqual({
      location: "westeurope",
      sku: { name: "Premium_LRS" },
      tags: { a: "b" },
      // Size, OS type and generation are carried over from the restore point's metadata.
      properties: {
        creationData: { createOption: "Restore", sourceResourceId: DRP_ID },
        diskSizeGB: 30,
        osType: "Linux",
        hyperVGeneration: "V2",
      },
    });
    expect(fake.requestsTo("GET", `${ARM}${RG_PATH}/disks/`)).toHaveLength(0);
  });

  it("refuses a copy that is still replicating unless allowIncompleteReplication", async () => {
    const replicating = {
      id: DRP_ID,
      name: DRP_NAME,
      properties: {
        replicationState: "Replicating",
        completionPercent: 40,
        sourceResourceLocation: "eastus",
      },
    };
    const fake = new FakeHttpClient().on("GET", `${DRP_URL}?`, { status: 200, body: replicating });
    const poller = diskRestorePoint(fake).beginRestoreDisk({ diskName: "restored1", location: "westeurope" });
    await expect(poller.submitted()).rejects.toMatchObject({
      name: "ReplicationIncompleteError",
      percentComplete: 40,
    });
    expect(fake.requestsTo("PUT")).toHaveLength(0);

    const allowed = new FakeHttpClient()
      .on("GET", `${DRP_URL}?`, { status: 200, body: replicating })
      .on("GET", `${ARM}${restorePointId("rp1")}?`, { status: 200, body: restorePointBody("rp1") })
      .on("PUT", undefined, {
        status: 200,
        body: {
          id: `${RG_PATH}/disks/restored1`,
          name: "restored1",
          location: "westeurope",
          properties: { provisioningState: "Succeeded" },
        },
      });
    const disk = await diskRestorePoint(allowed).beginRestoreDisk({
      diskName: "restored1",
      location: "westeurope",
      allowIncompleteReplication: true,
    });
    expect(disk.name).toBe("restored1");
    expect(allowed.requests.map((r) => r.method)).toEqual(["GET", "GET", "PUT"]);
  });
});

describe("reads", () => {
  it("gets one and lists by nextLink", async () => {
    const list = `${ARM}${restorePointId("rp1")}/diskRestorePoints?api-version=2025-01-02`;
    const next = `${list}&$skiptoken=2`;
    const item = (n: string) => ({
      id: `${restorePointId("rp1")}/diskRestorePoints/${n}`,
      name: n,
      properties: { osType: "Linux" },
    });
    const fake = new FakeHttpClient()
      .on("GET", next, { status: 200, body: { value: [item("b")] } })
      .on("GET", list, { status: 200, body: { value: [item("a")], nextLink: next } })
      .on("GET", `${DRP_URL}?`, { status: 200, body: item(DRP_NAME) });
    const { client } = createFakeClient(fake);
    const rp = client.getCollectionClient("rg1", "rpc1").getRestorePointClient("rp1");
    const names: string[] = [];
    for await (const d of rp.listDiskRestorePoints()) names.push(d.name);
    expect(names).toEqual(["a", "b"]);
    expect((await rp.getDiskRestorePointClient(DRP_NAME).get()).osType).toBe("Linux");
  });
});
