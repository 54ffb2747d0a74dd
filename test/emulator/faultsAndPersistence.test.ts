import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { armFetch, paths, waitForOperation } from "../support/armFetch.js";

const CV = "api-version=2025-04-01";
const DV = "api-version=2025-01-02";

describe("fault injection", () => {
  let emu: Emulator;
  let p: ReturnType<typeof paths>;
  let vmId: string;
  beforeAll(async () => {
    emu = await startEmulator({ operationDelayMs: 10, replicationDurationMs: 100 });
    p = paths(emu, "rg");
    vmId = (
      await emu.addVm({
        resourceGroup: "rg",
        name: "vm",
        location: "eastus",
        dataDisks: [{ lun: 0 }, { lun: 1 }],
      })
    ).id;
    await armFetch(emu, "PUT", `${p.collection("c")}?${CV}`, {
      body: { location: "eastus", properties: { source: { id: vmId } } },
    });
  });
  afterAll(async () => {
    await emu.close();
  });

  it("answers matching requests with the injected status and code, a given number of times", async () => {
    const fault = emu.injectFault({
      method: "GET",
      pathPattern: "/restorePointCollections/c$",
      status: 429,
      retryAfterSeconds: 2,
      times: 2,
    });
    const first = await armFetch(emu, "GET", `${p.collection("c")}?${CV}`);
    expect(first.status).toBe(429);
    expect(first.headers["retry-after"]).toBe("2");
    expect(first.body.error.code).toBe("TooManyRequests");
    expect(fault.remaining).toBe(1);
    expect((await armFetch(emu, "GET", `${p.collection("c")}?${CV}`)).status).toBe(429);
    expect((await armFetch(emu, "GET", `${p.collection("c")}?${CV}`)).status).toBe(200);
    const faulted = emu.requestLog.filter((e) => e.faulted);
    expect(faulted).toHaveLength(2);
  });

  it("drops the connection before or after processing", async () => {
    emu.injectFault({ method: "PUT", pathPattern: "/restorePoints/lost", resetAfterProcessing: true });
    await expect(
      armFetch(emu, "PUT", `${p.restorePoint("c", "lost")}?${CV}`, { body: {} }),
    ).rejects.toThrow();
    // The change happened although the client never heard of it; the retry is idempotent.
    const retry = await armFetch(emu, "PUT", `${p.restorePoint("c", "lost")}?${CV}`, { body: {} });
    expect(retry.status).toBe(201);
    await waitForOperation(emu, retry.headers["azure-asyncoperation"]!);
    emu.injectFault({ pathPattern: "/restorePointCollections/c$", resetConnection: true });
    await expect(armFetch(emu, "GET", `${p.collection("c")}?${CV}`)).rejects.toThrow();
    expect(emu.requestLog.at(-1)).toMatchObject({ status: 0, faulted: true });
  });

  it("fails the operation a request starts", async () => {
    emu.injectFault({
      method: "PUT",
      pathPattern: "/restorePoints/doomed",
      operationError: { code: "InternalOperationError" },
    });
    const put = await armFetch(emu, "PUT", `${p.restorePoint("c", "doomed")}?${CV}`, { body: {} });
    expect(put.status).toBe(201);
    const op = await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
    expect(op.body).toMatchObject({ status: "Failed", error: { code: "InternalOperationError" } });
  });

  it("keeps a failed-operation fault for the next request that starts an operation", async () => {
    const fault = emu.injectFault({
      method: "PUT",
      pathPattern: "/restorePoints/patient",
      operationError: { code: "InternalOperationError" },
    });
    // Refused before any operation starts: the fault has nothing to act on yet.
    const refused = await armFetch(emu, "PUT", `${p.restorePoint("c", "patient")}?${CV}`, {
      body: { properties: { consistencyMode: "NoSuchMode" } },
    });
    expect(refused.status).toBe(400);
    expect(fault.remaining).toBe(1);
    const put = await armFetch(emu, "PUT", `${p.restorePoint("c", "patient")}?${CV}`, { body: {} });
    expect(put.status).toBe(201);
    expect(fault.remaining).toBe(0);
    const op = await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
    expect(op.body).toMatchObject({ status: "Failed", error: { code: "InternalOperationError" } });
  });

  it("fails the replication of chosen disks of the next copy", async () => {
    const src = await armFetch(emu, "PUT", `${p.restorePoint("c", "src")}?${CV}`, { body: {} });
    await waitForOperation(emu, src.headers["azure-asyncoperation"]!);
    await armFetch(emu, "PUT", `${p.collection("t")}?${CV}`, {
      body: { location: "westus", properties: { source: { id: p.collection("c") } } },
    });
    emu.failReplication({ diskNamePattern: "DataDisk_1" });
    const copy = await armFetch(emu, "PUT", `${p.restorePoint("t", "copy")}?${CV}`, {
      body: { properties: { sourceRestorePoint: { id: src.body.id } } },
    });
    await waitForOperation(emu, copy.headers["azure-asyncoperation"]!);
    await new Promise((r) => setTimeout(r, 150));
    const view = await armFetch(emu, "GET", `${p.restorePoint("t", "copy")}?${CV}&$expand=instanceView`);
    const states = view.body.properties.instanceView.diskRestorePoints.map(
      (d: any) => d.replicationStatus.status.code,
    );
    expect(states.filter((s: string) => s === "ReplicationState/failed")).toHaveLength(1);
    expect(view.body.properties.instanceView.statuses[0].code).toBe("ReplicationState/failed");
    const disks = await armFetch(emu, "GET", `${p.restorePoint("t", "copy")}/diskRestorePoints?${DV}`);
    const failed = disks.body.value.find((d: any) => d.properties.replicationState === "Failed");
    expect(failed.name).toMatch(/DataDisk_1_/);
    expect(failed.properties.sourceResourceLocation).toBe("eastus");
  });

  it("reset forgets resources, faults and the log", async () => {
    emu.injectFault({ pathPattern: "never-matches-anything" });
    emu.reset();
    expect(emu.requestLog).toHaveLength(0);
    expect((await armFetch(emu, "GET", `${p.collection("c")}?${CV}`)).body.error.code).toBe(
      "ResourceGroupNotFound",
    );
  });
});

describe("persistence", () => {
  it("keeps resources, but not the token, across a restart with the same data directory", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "vmrp-emu-"));
    try {
      const first = await startEmulator({ dataDir, operationDelayMs: 0 });
      const p = paths(first, "rg");
      const vm = await first.addVm({ resourceGroup: "rg", name: "vm", location: "northeurope" });
      await armFetch(first, "PUT", `${p.collection("c")}?${CV}`, {
        body: { location: "northeurope", properties: { source: { id: vm.id } } },
      });
      const put = await armFetch(first, "PUT", `${p.restorePoint("c", "r")}?${CV}`, { body: {} });
      await waitForOperation(first, put.headers["azure-asyncoperation"]!);
      await first.close();

      const second = await startEmulator({ dataDir });
      try {
        // The token is not persisted: clients read the new one with the new certificate.
        expect(second.token).not.toBe(first.token);
        expect(readFileSync(join(dataDir, "state.json"), "utf8")).not.toContain(first.token);
        const got = await armFetch(second, "GET", `${p.restorePoint("c", "r")}?${CV}`);
        expect(got.status).toBe(200);
        expect(got.body.properties.provisioningState).toBe("Succeeded");
        expect(got.body.properties.sourceMetadata.storageProfile.osDisk.diskRestorePoint.id).toContain(
          "/diskRestorePoints/",
        );
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("fault injection and throttling together", () => {
  it("keeps a lost-response fault while the request is throttled, and drops the processed one", async () => {
    const emu = await startEmulator({
      operationDelayMs: 5,
      throttle: {
        buckets: { PutRestorePointCollectionSubscriptionMaximum: { capacity: 1, refillPerSecond: 50 } },
      },
    });
    try {
      const vm = await emu.addVm({ resourceGroup: "rg", name: "vm", location: "eastus" });
      const p = paths(emu, "rg");
      const put = (name: string) =>
        armFetch(emu, "PUT", `${p.collection(name)}?${CV}`, {
          body: { location: "eastus", properties: { source: { id: vm.id } } },
        });
      expect((await put("first")).status).toBe(201);
      const fault = emu.injectFault({ method: "PUT", pathPattern: "/second$", resetAfterProcessing: true });
      // The bucket is empty: throttled, answered normally, and the fault still waits.
      const throttled = await put("second");
      expect(throttled.status).toBe(429);
      expect(fault.remaining).toBe(1);
      await new Promise((r) => setTimeout(r, 60));
      await expect(put("second")).rejects.toThrow();
      expect(fault.remaining).toBe(0);
      expect(emu.requestLog.at(-1)).toMatchObject({ status: 0, faulted: true });
      expect((await armFetch(emu, "GET", `${p.collection("second")}?${CV}`)).status).toBe(200);
    } finally {
      await emu.close();
    }
  });
});
