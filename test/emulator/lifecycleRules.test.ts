/**
 * Rules about resources whose state moves while a request arrives: writes into something being
 * deleted, a VM changed while its restore point is captured, a copy terminated at the time limit,
 * and a repeated create that asks for something else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { armFetch, paths, waitForOperation, type WireResponse } from "../support/armFetch.js";

const CV = "api-version=2025-04-01";

let emu: Emulator;
let p: ReturnType<typeof paths>;
let vmId: string;

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 150 });
  p = paths(emu, "rg-life");
  vmId = (
    await emu.addVm({
      resourceGroup: "rg-life",
      name: "app",
      location: "eastus",
      dataDisks: [{ lun: 0 }, { lun: 1 }],
    })
  ).id;
});
afterAll(async () => {
  await emu.close();
});

const putCollection = (name: string, tags?: Record<string, string>) =>
  armFetch(emu, "PUT", `${p.collection(name)}?${CV}`, {
    body: { location: "eastus", properties: { source: { id: vmId } }, ...(tags ? { tags } : {}) },
  });

async function settledPoint(collection: string, name: string, body: object = {}) {
  const put = await armFetch(emu, "PUT", `${p.restorePoint(collection, name)}?${CV}`, { body });
  expect(put.status).toBe(201);
  return waitForOperation(emu, put.headers["azure-asyncoperation"]!);
}

/** A restore point captured in eastus, and the PUT of its copy into a collection in westus. */
async function putCopy(target: Emulator): Promise<{ q: ReturnType<typeof paths>; copy: WireResponse }> {
  const q = paths(target, "rg");
  const vm = await target.addVm({ resourceGroup: "rg", name: "vm", location: "eastus" });
  await armFetch(target, "PUT", `${q.collection("src")}?${CV}`, {
    body: { location: "eastus", properties: { source: { id: vm.id } } },
  });
  const src = await armFetch(target, "PUT", `${q.restorePoint("src", "rp")}?${CV}`, { body: {} });
  await waitForOperation(target, src.headers["azure-asyncoperation"]!);
  await armFetch(target, "PUT", `${q.collection("dst")}?${CV}`, {
    body: { location: "westus", properties: { source: { id: q.collection("src") } } },
  });
  const copy = await armFetch(target, "PUT", `${q.restorePoint("dst", "rp")}?${CV}`, {
    body: { properties: { sourceRestorePoint: { id: src.body.id } } },
  });
  return { q, copy };
}

describe("writes to what is being deleted", () => {
  it("refuses a restore point in a collection being deleted, and a change to that collection", async () => {
    expect((await putCollection("going")).status).toBe(201);
    const del = await armFetch(emu, "DELETE", `${p.collection("going")}?${CV}`);
    expect(del.status).toBe(202);
    const before = JSON.stringify(emu.exportState());

    const point = await armFetch(emu, "PUT", `${p.restorePoint("going", "late")}?${CV}`, { body: {} });
    expect(point.status).toBe(409);
    expect(point.body.error.code).toBe("OperationNotAllowed");
    expect((await putCollection("going", { a: "b" })).status).toBe(409);
    const patch = await armFetch(emu, "PATCH", `${p.collection("going")}?${CV}`, {
      body: { tags: { a: "b" } },
    });
    expect(patch.status).toBe(409);
    expect(JSON.stringify(emu.exportState())).toBe(before);

    await waitForOperation(emu, del.headers["azure-asyncoperation"]!);
    expect((await armFetch(emu, "GET", `${p.collection("going")}?${CV}`)).status).toBe(404);
  });

  it("refuses a repeated create of a restore point being deleted", async () => {
    expect((await putCollection("keep")).status).toBe(201);
    await settledPoint("keep", "old");
    const del = await armFetch(emu, "DELETE", `${p.restorePoint("keep", "old")}?${CV}`);
    expect(del.status).toBe(202);
    const again = await armFetch(emu, "PUT", `${p.restorePoint("keep", "old")}?${CV}`, { body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("OperationNotAllowed");
    await waitForOperation(emu, del.headers["azure-asyncoperation"]!);
    // Once gone, the name is free again.
    expect((await settledPoint("keep", "old")).body.status).toBe("Succeeded");
  });
});

describe("a collection PUT naming another region", () => {
  it("is refused like any tracked resource ARM already holds elsewhere", async () => {
    expect((await putCollection("here")).status).toBe(201);
    const moved = await armFetch(emu, "PUT", `${p.collection("here")}?${CV}`, {
      body: { location: "westus", properties: { source: { id: vmId } } },
    });
    expect([moved.status, moved.body.error.code]).toEqual([409, "InvalidResourceLocation"]);
  });
});

describe("capture while the VM changes", () => {
  it("fails the restore point when the VM model changes before the capture completes", async () => {
    expect((await putCollection("moving")).status).toBe(201);
    // The emulator, like Azure, changes a VM's data disks only while it is deallocated.
    const deallocate = await armFetch(emu, "POST", `${vmId}/deallocate?${CV}`);
    expect(deallocate.status).toBe(202);
    await waitForOperation(emu, deallocate.headers["azure-asyncoperation"]!);
    const put = await armFetch(emu, "PUT", `${p.restorePoint("moving", "mid")}?${CV}`, { body: {} });
    expect(put.status).toBe(201);
    // Detach LUN 1 while the restore point is being created.
    const vm = await armFetch(emu, "GET", `${vmId}?api-version=2024-07-01`);
    const body = structuredClone(vm.body);
    body.properties.storageProfile.dataDisks = body.properties.storageProfile.dataDisks.filter(
      (d: { lun: number }) => d.lun !== 1,
    );
    const update = await armFetch(emu, "PUT", `${vmId}?api-version=2024-07-01`, { body });
    expect(update.status).toBe(200);

    const op = await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
    expect(op.body).toMatchObject({ status: "Failed", error: { code: "OperationNotAllowed" } });
    expect(op.body.error.message).toMatch(/model changed/);
    const point = await armFetch(emu, "GET", `${p.restorePoint("moving", "mid")}?${CV}`);
    expect(point.body.properties.provisioningState).toBe("Failed");

    // A capture that starts after the change succeeds, with the disks the VM has now.
    const after = await settledPoint("moving", "after");
    expect(after.body.status).toBe("Succeeded");
    const captured = await armFetch(emu, "GET", `${p.restorePoint("moving", "after")}?${CV}`);
    expect(captured.body.properties.sourceMetadata.storageProfile.dataDisks).toHaveLength(1);
  });
});

describe("a repeated create", () => {
  it("refuses a PUT that asks for another encryption than the existing restore point's", async () => {
    expect((await putCollection("enc")).status).toBe(201);
    await settledPoint("enc", "rp");
    const changed = await armFetch(emu, "PUT", `${p.restorePoint("enc", "rp")}?${CV}`, {
      body: {
        properties: {
          sourceMetadata: {
            storageProfile: {
              osDisk: { diskRestorePoint: { encryption: { type: "EncryptionAtRestWithPlatformKey" } } },
            },
          },
        },
      },
    });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe("OperationNotAllowed");
    // The identical request is still an idempotent retry.
    expect((await armFetch(emu, "PUT", `${p.restorePoint("enc", "rp")}?${CV}`, { body: {} })).status).toBe(
      201,
    );
  });
});

describe("a copy terminated at the time limit", () => {
  it("stays Failed at the percentage it had reached, however long it is watched", async () => {
    const copyEmu = await startEmulator({
      operationDelayMs: 5,
      replicationDurationMs: 800,
      replicationSteps: 10,
      rules: { copyTimeoutMs: 200 },
    });
    try {
      const { q, copy } = await putCopy(copyEmu);
      await waitForOperation(copyEmu, copy.headers["azure-asyncoperation"]!);
      const view = async () => {
        const got = await armFetch(
          copyEmu,
          "GET",
          `${q.restorePoint("dst", "rp")}?${CV}&$expand=instanceView`,
        );
        const disk = got.body.properties.instanceView.diskRestorePoints[0].replicationStatus;
        return [disk.status.code, disk.completionPercent];
      };
      await new Promise((r) => setTimeout(r, 300));
      const terminated = await view();
      expect(terminated[0]).toBe("ReplicationState/failed");
      // Well past the time the copy would have needed: still failed, at the same percentage.
      await new Promise((r) => setTimeout(r, 700));
      expect(await view()).toEqual(terminated);
    } finally {
      await copyEmu.close();
    }
  });
});

describe("operations settled after a quiet period", () => {
  it("end, and start what they start, when they were due, not when the client next asks", async () => {
    const quietEmu = await startEmulator({
      operationDelayMs: 20,
      replicationDurationMs: 300,
      replicationSteps: 3,
    });
    try {
      const { q, copy } = await putCopy(quietEmu);
      // Nobody asks for 500 ms: the copy operation was due after 20 ms, its replication after 320.
      await new Promise((r) => setTimeout(r, 500));
      const op = await armFetch(quietEmu, "GET", copy.headers["azure-asyncoperation"]!);
      expect(op.body.status).toBe("Succeeded");
      const took = Date.parse(op.body.endTime) - Date.parse(op.body.startTime);
      expect(took).toBeLessThan(200);
      const view = await armFetch(
        quietEmu,
        "GET",
        `${q.restorePoint("dst", "rp")}?${CV}&$expand=instanceView`,
      );
      expect(view.body.properties.instanceView.diskRestorePoints[0].replicationStatus.completionPercent).toBe(
        100,
      );
    } finally {
      await quietEmu.close();
    }
  });
});

describe("disk restore point api-versions", () => {
  it("refuses Disk RP versions older than disk restore points themselves", async () => {
    expect((await putCollection("versions")).status).toBe(201);
    await settledPoint("versions", "rp");
    const list = (version: string) =>
      armFetch(emu, "GET", `${p.restorePoint("versions", "rp")}/diskRestorePoints?api-version=${version}`);
    expect((await list("2019-07-01")).status).toBe(400);
    expect((await list("2020-09-30")).status).toBe(200);
    const drp = (await list("2025-01-02")).body.value[0].id as string;
    const grant = (version: string) =>
      armFetch(emu, "POST", `${drp}/beginGetAccess?api-version=${version}`, {
        body: { access: "Read", durationInSeconds: 60 },
      });
    expect((await grant("2020-09-30")).status).toBe(400);
    const granted = await grant("2020-12-01");
    expect(granted.status).toBe(202);
    await waitForOperation(emu, granted.headers["azure-asyncoperation"]!);
    const revoked = await armFetch(emu, "POST", `${drp}/endGetAccess?api-version=2025-01-02`);
    await waitForOperation(emu, revoked.headers["azure-asyncoperation"]!);
  });
});
