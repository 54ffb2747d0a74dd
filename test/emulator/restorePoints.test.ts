import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { armFetch, paths, waitForOperation } from "../support/armFetch.js";

const CV = "api-version=2025-04-01";
const DV = "api-version=2025-01-02";

let emu: Emulator;
let p: ReturnType<typeof paths>;
let vm: Awaited<ReturnType<Emulator["addVm"]>>;

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 250, replicationDurationMs: 400, replicationSteps: 4 });
  p = paths(emu, "rg-rp");
  vm = await emu.addVm({
    resourceGroup: "rg-rp",
    name: "web",
    location: "westeurope",
    osType: "Windows",
    dataDisks: [{ lun: 0, sizeGB: 128 }, { lun: 1 }, { lun: 2, maxShares: 2 }],
  });
});
afterAll(async () => {
  await emu.close();
});

async function createCollection(name: string, location = "westeurope", sourceId = vm.id) {
  return armFetch(emu, "PUT", `${p.collection(name)}?${CV}`, {
    body: { location, properties: { source: { id: sourceId } } },
  });
}

describe("restore point collections", () => {
  it("creates with 201, then 200 on an identical PUT, and lists restore points only with $expand", async () => {
    const created = await createCollection("rpc-a");
    expect(created.status).toBe(201);
    expect(created.headers["azure-asyncoperation"]).toBeUndefined();
    expect(created.body.properties).toMatchObject({
      provisioningState: "Succeeded",
      source: { id: vm.id, location: "westeurope" },
    });
    expect(created.body.type).toBe("Microsoft.Compute/restorePointCollections");
    const again = await createCollection("rpc-a");
    expect(again.status).toBe(200);
    expect(again.body.properties.restorePointCollectionId).toBe(
      created.body.properties.restorePointCollectionId,
    );
    const plain = await armFetch(emu, "GET", `${p.collection("rpc-a")}?${CV}`);
    expect(plain.body.properties.restorePoints).toBeUndefined();
    const expanded = await armFetch(emu, "GET", `${p.collection("RPC-A")}?${CV}&$expand=restorePoints`);
    expect(expanded.body.properties.restorePoints).toEqual([]);
  });

  it("refuses a collection outside its VM's region (cross-region creation was retired)", async () => {
    const res = await createCollection("rpc-elsewhere", "eastus");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BadRequest");
    const get = await armFetch(emu, "GET", `${p.collection("rpc-elsewhere")}?${CV}`);
    expect(get.status).toBe(404);
    expect(get.body.error.code).toBe("ResourceNotFound");
    expect(get.headers["x-ms-failure-cause"]).toBe("gateway");
  });

  it("pages the subscription list with nextLink", async () => {
    for (let i = 0; i < 12; i++) expect((await createCollection(`rpc-page-${i}`)).status).toBe(201);
    const first = await armFetch(
      emu,
      "GET",
      `${p.sub}/providers/Microsoft.Compute/restorePointCollections?${CV}`,
    );
    expect(first.body.value).toHaveLength(10);
    expect(first.body.nextLink).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    const second = await armFetch(emu, "GET", first.body.nextLink);
    expect(second.body.nextLink).toBeUndefined();
    expect(
      (first.body.value as unknown[]).length + (second.body.value as unknown[]).length,
    ).toBeGreaterThanOrEqual(13);
  });
});

describe("restore points", () => {
  it("captures with 201 Creating + Azure-AsyncOperation, then Succeeded with disk restore points", async () => {
    await createCollection("rpc-cap");
    const shared = vm.dataDiskIds[2]!;
    const put = await armFetch(emu, "PUT", `${p.restorePoint("rpc-cap", "rp1")}?${CV}`, {
      body: { properties: { excludeDisks: [{ id: shared }] } },
    });
    expect(put.status).toBe(201);
    expect(put.headers["azure-asyncoperation"]).toMatch(
      /\/providers\/Microsoft\.Compute\/locations\/westeurope\/operations\/[0-9a-f-]+\?p=[0-9a-f-]+&api-version=2025-04-01$/,
    );
    expect(put.headers.location).toBeUndefined();
    expect(put.body.properties.provisioningState).toBe("Creating");
    expect(put.body.properties.consistencyMode).toBeUndefined();
    expect(put.body.properties.sourceMetadata.storageProfile.osDisk.diskRestorePoint).toBeUndefined();

    const running = await armFetch(emu, "GET", put.headers["azure-asyncoperation"]!);
    expect(running.body).toMatchObject({ status: "InProgress" });
    expect(running.body.endTime).toBeUndefined();
    const done = await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
    expect(done.body).toMatchObject({ status: "Succeeded" });
    expect(done.body.endTime).toEqual(expect.any(String));

    const get = await armFetch(emu, "GET", `${p.restorePoint("rpc-cap", "rp1")}?${CV}`);
    expect(get.body.properties.provisioningState).toBe("Succeeded");
    expect(get.body.properties.consistencyMode).toBe("ApplicationConsistent");
    const storage = get.body.properties.sourceMetadata.storageProfile;
    expect(storage.dataDisks.map((d: { lun: number }) => d.lun)).toEqual([0, 1]);
    expect(storage.dataDisks[0].diskSizeGB).toBe(128);
    expect(storage.osDisk.diskRestorePoint.id).toMatch(
      /\/diskRestorePoints\/web_OsDisk_1_[0-9a-f]+_[0-9a-f-]{36}$/,
    );

    const list = await armFetch(emu, "GET", `${p.restorePoint("rpc-cap", "rp1")}/diskRestorePoints?${DV}`);
    expect(list.status).toBe(200);
    expect(list.body.value).toHaveLength(3);
    const withInstanceView = await armFetch(
      emu,
      "GET",
      `${p.restorePoint("rpc-cap", "rp1")}?${CV}&$expand=instanceView`,
    );
    expect(
      withInstanceView.body.properties.instanceView.diskRestorePoints[0].replicationStatus.completionPercent,
    ).toBe(100);
  });

  it("refuses an unexcluded shared disk, a foreign exclusion, and a change to an existing point", async () => {
    await createCollection("rpc-rules");
    const shared = await armFetch(emu, "PUT", `${p.restorePoint("rpc-rules", "bad")}?${CV}`, { body: {} });
    expect(shared.status).toBe(400);
    expect(shared.body.error.code).toBe("VMRestorePointClientError");
    const foreign = await armFetch(emu, "PUT", `${p.restorePoint("rpc-rules", "bad")}?${CV}`, {
      body: { properties: { excludeDisks: [{ id: `${p.rg}/providers/Microsoft.Compute/disks/not-mine` }] } },
    });
    expect(foreign.body.error.code).toBe("InvalidParameter");
    const missing = await armFetch(emu, "GET", `${p.restorePoint("rpc-rules", "bad")}?${CV}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      code: "NotFound",
      message: "The entity was not found in this Azure location.",
    });
  });

  it("copies to another region: Succeeded at once, replication advances in steps to 100", async () => {
    await createCollection("rpc-src");
    const body = { properties: { excludeDisks: [{ id: vm.dataDiskIds[2]! }] } };
    const src = await armFetch(emu, "PUT", `${p.restorePoint("rpc-src", "rp1")}?${CV}`, { body });
    await waitForOperation(emu, src.headers["azure-asyncoperation"]!);
    const target = await createCollection("rpc-tgt", "northeurope", p.collection("rpc-src"));
    expect(target.status).toBe(201);
    expect(target.body.properties.source).toMatchObject({ location: "westeurope" });
    const copy = await armFetch(emu, "PUT", `${p.restorePoint("rpc-tgt", "rp1-copy")}?${CV}`, {
      body: { properties: { sourceRestorePoint: { id: src.body.id } } },
    });
    expect(copy.status).toBe(201);
    await waitForOperation(emu, copy.headers["azure-asyncoperation"]!);
    const seen: number[] = [];
    for (let i = 0; i < 100; i++) {
      const view = await armFetch(
        emu,
        "GET",
        `${p.restorePoint("rpc-tgt", "rp1-copy")}?${CV}&$expand=instanceView`,
      );
      expect(view.body.properties.provisioningState).toBe("Succeeded");
      const percent = view.body.properties.instanceView.diskRestorePoints[0].replicationStatus
        .completionPercent as number;
      seen.push(percent);
      if (percent === 100) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen[0]).toBeLessThan(100);
    expect(seen.at(-1)).toBe(100);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(new Set(seen).size).toBeGreaterThan(2);
    const again = await armFetch(emu, "PUT", `${p.restorePoint("rpc-tgt", "rp1-copy2")}?${CV}`, {
      body: { properties: { sourceRestorePoint: { id: src.body.id } } },
    });
    expect(again.status).toBe(400);
  });

  it("grants SAS (same URL on a second grant), refuses delete while active, revokes, deletes", async () => {
    await createCollection("rpc-sas");
    const put = await armFetch(emu, "PUT", `${p.restorePoint("rpc-sas", "rp1")}?${CV}`, {
      body: { properties: { excludeDisks: [{ id: vm.dataDiskIds[2]! }] } },
    });
    await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
    const disks = await armFetch(emu, "GET", `${p.restorePoint("rpc-sas", "rp1")}/diskRestorePoints?${DV}`);
    const drp = disks.body.value[0].id as string;
    const grant = async () => {
      const started = await armFetch(emu, "POST", `${drp}/beginGetAccess?${DV}`, {
        body: { access: "Read", durationInSeconds: 3600 },
      });
      expect(started.status).toBe(202);
      expect(started.headers.location).toMatch(/DiskOperations\/.*&monitor=true$/);
      let res = await armFetch(emu, "GET", started.headers.location!);
      while (res.status === 202) res = await armFetch(emu, "GET", started.headers.location!);
      return res;
    };
    const first = await grant();
    expect(first.status).toBe(200);
    expect(first.body.accessSAS).toMatch(/^https:\/\/md-.*sig=/);
    const second = await grant();
    expect(second.body.accessSAS).toBe(first.body.accessSAS);
    const blocked = await armFetch(emu, "DELETE", `${p.restorePoint("rpc-sas", "rp1")}?${CV}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe("DiskRestorePointUsedByCustomer");
    const revoke = await armFetch(emu, "POST", `${drp}/endGetAccess?${DV}`);
    expect(revoke.status).toBe(202);
    await waitForOperation(emu, revoke.headers["azure-asyncoperation"]!);
    const del = await armFetch(emu, "DELETE", `${p.restorePoint("rpc-sas", "rp1")}?${CV}`);
    expect(del.status).toBe(202);
    expect(del.headers.location).toContain("&monitor=true");
    await waitForOperation(emu, del.headers["azure-asyncoperation"]!);
    expect((await armFetch(emu, "GET", `${p.restorePoint("rpc-sas", "rp1")}?${CV}`)).status).toBe(404);
  });
});

describe("front door", () => {
  it("answers 401 without a token and 400 for api-version problems", async () => {
    const noAuth = await armFetch(emu, "GET", `${p.collection("rpc-a")}?${CV}`, { noAuth: true });
    expect(noAuth.status).toBe(401);
    expect(noAuth.body.error.code).toBe("AuthenticationFailed");
    expect(noAuth.headers["www-authenticate"]).toMatch(/^Bearer /);
    const badToken = await armFetch(emu, "GET", `${p.collection("rpc-a")}?${CV}`, {
      noAuth: true,
      headers: { authorization: "Bearer nope" },
    });
    expect(badToken.body.error.code).toBe("InvalidAuthenticationToken");
    expect((await armFetch(emu, "GET", p.collection("rpc-a"))).body.error.code).toBe(
      "MissingApiVersionParameter",
    );
    expect(
      (await armFetch(emu, "GET", `${p.collection("rpc-a")}?api-version=2020-06-01`)).body.error.code,
    ).toBe("BadRequest");
    expect((await armFetch(emu, "GET", `${p.collection("rpc-a")}?api-version=2026-04-01`)).status).toBe(200);
    expect(
      (await armFetch(emu, "GET", `${p.collection("rpc-a")}?api-version=2099-01-01`)).body.error.code,
    ).toBe("NoRegisteredProviderFound");
    expect((await armFetch(emu, "GET", `${p.collection("rpc-a")}?api-version=latest`)).body.error.code).toBe(
      "InvalidApiVersionParameter",
    );
  });

  it("answers malformed JSON with 400 and keeps state", async () => {
    const res = await armFetch(emu, "PUT", `${p.collection("rpc-json")}?${CV}`, { rawBody: "{not json" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("InvalidRequestContent");
    expect((await armFetch(emu, "GET", `${p.collection("rpc-json")}?${CV}`)).status).toBe(404);
  });
});
