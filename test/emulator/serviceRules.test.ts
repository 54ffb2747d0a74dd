import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { armFetch, paths, waitForOperation } from "../support/armFetch.js";

const CV = "api-version=2025-04-01";

let emu: Emulator;
let p: ReturnType<typeof paths>;

beforeAll(async () => {
  // Long enough that "still creating" holds on a loaded machine; the waits poll every 5 ms.
  emu = await startEmulator({
    operationDelayMs: 250,
    replicationDurationMs: 200,
    rules: { maxRestorePointsPerVm: 3 },
  });
  p = paths(emu, "rg-rules");
});
afterAll(async () => {
  await emu.close();
});

let vmCounter = 0;
async function vmWithCollection(
  spec: Partial<Parameters<Emulator["addVm"]>[0]> = {},
  location = "westeurope",
) {
  vmCounter += 1;
  const name = `vm${vmCounter}`;
  const vm = await emu.addVm({ resourceGroup: "rg-rules", name, location, ...spec });
  const collection = `rpc-${name}`;
  const res = await armFetch(emu, "PUT", `${p.collection(collection)}?${CV}`, {
    body: { location, properties: { source: { id: vm.id } } },
  });
  expect(res.status).toBe(201);
  return { vm, collection };
}

async function createPoint(collection: string, name: string, properties: Record<string, unknown> = {}) {
  return armFetch(emu, "PUT", `${p.restorePoint(collection, name)}?${CV}`, { body: { properties } });
}

describe("service rules enforced by the emulator", () => {
  it("allows one creation at a time per VM (409 VMRestorePointClientError)", async () => {
    const { collection } = await vmWithCollection();
    const first = await createPoint(collection, "a");
    expect(first.status).toBe(201);
    const second = await createPoint(collection, "b");
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("VMRestorePointClientError");
    expect(second.body.error.message).toContain(first.body.id);
    await waitForOperation(emu, first.headers["azure-asyncoperation"]!);
    expect((await createPoint(collection, "b")).status).toBe(201);
  });

  it("counts restore points per VM across collections", async () => {
    const { vm, collection } = await vmWithCollection();
    const other = "rpc-second";
    await armFetch(emu, "PUT", `${p.collection(other)}?${CV}`, {
      body: { location: "westeurope", properties: { source: { id: vm.id } } },
    });
    for (const [coll, name] of [
      [collection, "p1"],
      [other, "p2"],
      [collection, "p3"],
    ] as const) {
      const res = await createPoint(coll, name);
      expect(res.status).toBe(201);
      await waitForOperation(emu, res.headers["azure-asyncoperation"]!);
    }
    const over = await createPoint(other, "p4");
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("VMRestorePointClientError");
    expect(over.body.error.message).toContain("can't exceed 3");
  });

  it("refuses Ultra / Premium v2 / write-accelerated disks only under crash consistency", async () => {
    const { vm, collection } = await vmWithCollection({
      dataDisks: [
        { lun: 0, sku: "PremiumV2_LRS" },
        { lun: 1, writeAcceleratorEnabled: true },
      ],
    });
    const crash = await createPoint(collection, "crash", { consistencyMode: "CrashConsistent" });
    expect(crash.status).toBe(400);
    expect(crash.body.error.message).toContain("PremiumV2_LRS");
    const excluded = await createPoint(collection, "crash", {
      consistencyMode: "CrashConsistent",
      excludeDisks: vm.dataDiskIds.map((id) => ({ id })),
    });
    expect(excluded.status).toBe(201);
    expect(excluded.body.properties.consistencyMode).toBe("CrashConsistent");
    await waitForOperation(emu, excluded.headers["azure-asyncoperation"]!);
    const app = await createPoint(collection, "app");
    expect(app.status).toBe(201);
  });

  it("refuses ephemeral OS disks and excluding every disk", async () => {
    const eph = await vmWithCollection({ osDisk: { ephemeral: true } });
    const res = await createPoint(eph.collection, "x");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("ephemeral");
    const { vm, collection } = await vmWithCollection({ dataDisks: [{ lun: 0 }] });
    const all = await createPoint(collection, "x", {
      excludeDisks: [vm.osDiskId, ...vm.dataDiskIds].map((id) => ({ id })),
    });
    expect(all.status).toBe(400);
    expect(all.body.error.code).toBe("InvalidParameter");
  });

  it("treats an identical PUT as idempotent and a different one as an update (refused)", async () => {
    const { collection } = await vmWithCollection();
    const first = await createPoint(collection, "same");
    const retry = await createPoint(collection, "same");
    expect(retry.status).toBe(201);
    expect(retry.headers["azure-asyncoperation"]).toBe(first.headers["azure-asyncoperation"]);
    await waitForOperation(emu, first.headers["azure-asyncoperation"]!);
    const changed = await createPoint(collection, "same", { consistencyMode: "CrashConsistent" });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe("OperationNotAllowed");
  });

  it("enforces the copy rules", async () => {
    const { collection } = await vmWithCollection();
    const src = await createPoint(collection, "r1");
    await waitForOperation(emu, src.headers["azure-asyncoperation"]!);
    const sourceCollectionId = src.body.id.replace(/\/restorePoints\/.*$/, "");
    const sameRegion = await armFetch(emu, "PUT", `${p.collection("tgt-same")}?${CV}`, {
      body: { location: "westeurope", properties: { source: { id: sourceCollectionId } } },
    });
    expect(sameRegion.status).toBe(400);
    const unsupported = await armFetch(emu, "PUT", `${p.collection("tgt-brazil")}?${CV}`, {
      body: { location: "brazilsouth", properties: { source: { id: sourceCollectionId } } },
    });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.error.message).toContain("brazilsouth");
    const target = await armFetch(emu, "PUT", `${p.collection("tgt")}?${CV}`, {
      body: { location: "West US 2", properties: { source: { id: sourceCollectionId } } },
    });
    expect(target.status).toBe(201);
    expect(target.body.location).toBe("westus2");
    const second = await armFetch(emu, "PUT", `${p.collection("tgt-2")}?${CV}`, {
      body: { location: "westus2", properties: { source: { id: sourceCollectionId } } },
    });
    expect(second.status).toBe(400);
    const copyOfCopyTarget = await armFetch(emu, "PUT", `${p.collection("tgt-3")}?${CV}`, {
      body: { location: "eastus", properties: { source: { id: target.body.id } } },
    });
    expect(copyOfCopyTarget.status).toBe(400);
    expect(copyOfCopyTarget.body.error.message).toContain("copy of a copy");
    const excluded = await createPoint("tgt", "c1", {
      sourceRestorePoint: { id: src.body.id },
      excludeDisks: [{ id: "x" }],
    });
    expect(excluded.status).toBe(400);
    const capture = await createPoint("tgt", "c1");
    expect(capture.status).toBe(400);
    const copy = await createPoint("tgt", "c1", { sourceRestorePoint: { id: src.body.id } });
    expect(copy.status).toBe(201);
    expect(copy.body.properties.sourceRestorePoint.id).toBe(src.body.id);
    expect(copy.body.properties.timeCreated).toBe(src.body.properties.timeCreated);
  });

  it("orders copies: one in flight per source/target and no out-of-order copy", async () => {
    const { collection } = await vmWithCollection();
    const points: string[] = [];
    for (const name of ["o1", "o2", "o3"]) {
      const res = await createPoint(collection, name);
      await waitForOperation(emu, res.headers["azure-asyncoperation"]!);
      points.push(res.body.id);
    }
    const sourceCollectionId = points[0]!.replace(/\/restorePoints\/.*$/, "");
    await armFetch(emu, "PUT", `${p.collection("order-tgt")}?${CV}`, {
      body: { location: "eastus", properties: { source: { id: sourceCollectionId } } },
    });
    const c3 = await createPoint("order-tgt", "c3", { sourceRestorePoint: { id: points[2] } });
    expect(c3.status).toBe(201);
    const busy = await createPoint("order-tgt", "c1", { sourceRestorePoint: { id: points[0] } });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe("OperationNotAllowed");
    await waitForOperation(emu, c3.headers["azure-asyncoperation"]!);
    await new Promise((r) => setTimeout(r, 250));
    const outOfOrder = await createPoint("order-tgt", "c1", { sourceRestorePoint: { id: points[0] } });
    expect(outOfOrder.status).toBe(400);
    expect(outOfOrder.body.error.message).toContain("in order");
  });
});

describe("configurable rules", () => {
  it("can refuse a concurrent create as a failed operation instead of a 409", async () => {
    const other = await startEmulator({
      operationDelayMs: 250,
      rules: { concurrentCreate: "failedOperation" },
    });
    try {
      const q = paths(other, "rg");
      const vm = await other.addVm({ resourceGroup: "rg", name: "vm", location: "eastus" });
      await armFetch(other, "PUT", `${q.collection("c")}?${CV}`, {
        body: { location: "eastus", properties: { source: { id: vm.id } } },
      });
      await armFetch(other, "PUT", `${q.restorePoint("c", "a")}?${CV}`, { body: {} });
      const second = await armFetch(other, "PUT", `${q.restorePoint("c", "b")}?${CV}`, { body: {} });
      expect(second.status).toBe(201);
      const op = await waitForOperation(other, second.headers["azure-asyncoperation"]!);
      expect(op.body.status).toBe("Failed");
      expect(op.body.error.code).toBe("VMRestorePointClientError");
      const get = await armFetch(other, "GET", `${q.restorePoint("c", "b")}?${CV}`);
      expect(get.body.properties.provisioningState).toBe("Failed");
    } finally {
      await other.close();
    }
  });
});
