/**
 * The emulator's clock: everything the emulated Azure does in time follows `now`, `setTime` and
 * `advanceTime` (restore point and operation times, LRO completion, replication, SAS expiry),
 * while throttling keeps real time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { RestorePointClient } from "../../src/index.js";
import { armFetch, paths, waitForOperation } from "../support/armFetch.js";

const CV = "api-version=2025-04-01";
const DV = "api-version=2025-01-02";
const START = new Date("2026-01-05T00:00:00Z");
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const started: Emulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((emu) => emu.close()));
});
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startEmulator>[0]): Promise<Emulator> {
  const emu = await startEmulator(options);
  started.push(emu);
  return emu;
}

/** A VM with a collection, in a fresh resource group. */
async function vmWithCollection(emu: Emulator, location = "westeurope") {
  const vm = await emu.addVm({ resourceGroup: "rg", name: "app", location, dataDisks: [{ lun: 0 }] });
  const p = paths(emu, "rg");
  const put = await armFetch(emu, "PUT", `${p.collection("app-rpc")}?${CV}`, {
    body: { location, properties: { source: { id: vm.id } } },
  });
  expect(put.status).toBe(201);
  return { vm, p };
}

const isoSeconds = (value: string): string => new Date(value.replace(/(\.\d{3})\d*/, "$1")).toISOString();

describe("emulator clock", () => {
  it("starts at `now`, stands still when frozen and moves only forward", async () => {
    const emu = await start({ now: START, freezeTime: true });
    expect(emu.now().toISOString()).toBe(START.toISOString());
    await new Promise((r) => setTimeout(r, 20));
    expect(emu.now().getTime()).toBe(START.getTime());
    emu.advanceTime(90 * DAY);
    expect(emu.now().toISOString()).toBe("2026-04-05T00:00:00.000Z");
    emu.setTime(new Date("2026-05-01T12:00:00Z"));
    expect(emu.now().toISOString()).toBe("2026-05-01T12:00:00.000Z");
    expect(() => {
      emu.setTime(START);
    }).toThrow(RangeError);
    expect(() => {
      emu.advanceTime(-1);
    }).toThrow(RangeError);
    expect(() => {
      emu.advanceTime(Number.NaN);
    }).toThrow(RangeError);
    expect(() => {
      emu.setTime(new Date("nonsense"));
    }).toThrow(RangeError);
    expect(() => {
      emu.setTime("2027-01-01" as unknown as Date);
    }).toThrow(TypeError);
    expect(emu.now().toISOString()).toBe("2026-05-01T12:00:00.000Z");
  });

  it("runs on in real time from `now` unless frozen", async () => {
    const emu = await start({ now: START });
    const first = emu.now().getTime();
    expect(first).toBeGreaterThanOrEqual(START.getTime());
    expect(first - START.getTime()).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 30));
    expect(emu.now().getTime()).toBeGreaterThan(first);
    emu.advanceTime(DAY);
    expect(emu.now().getTime() - first).toBeGreaterThanOrEqual(DAY);
  });

  it("refuses a `now` that is not a valid Date", async () => {
    await expect(startEmulator({ now: "2026-01-01" as unknown as Date })).rejects.toThrow(TypeError);
    await expect(startEmulator({ now: new Date(Number.NaN) })).rejects.toThrow(RangeError);
  });

  it("stamps restore points with the simulated time over 90 days, and completes LROs only when time is advanced", async () => {
    const emu = await start({ now: START, freezeTime: true, operationDelayMs: 60_000 });
    const { p } = await vmWithCollection(emu);
    const created: string[] = [];
    // 90 days in 3 steps of 30 days, one restore point per step.
    for (let step = 0; step < 3; step++) {
      const name = `rp-${step}`;
      const put = await armFetch(emu, "PUT", `${p.restorePoint("app-rpc", name)}?${CV}`, {
        body: { properties: {} },
      });
      expect(put.status).toBe(201);
      const statusUrl = put.headers["azure-asyncoperation"]!;
      const running = await armFetch(emu, "GET", statusUrl);
      expect(running.body.status).toBe("InProgress");
      expect(isoSeconds(running.body.startTime)).toBe(emu.now().toISOString());
      // The clock stands still: however long the test waits, the operation does not complete.
      await new Promise((r) => setTimeout(r, 20));
      expect((await armFetch(emu, "GET", statusUrl)).body.status).toBe("InProgress");
      emu.advanceTime(59_999);
      expect((await armFetch(emu, "GET", statusUrl)).body.status).toBe("InProgress");
      emu.advanceTime(1);
      // Settled by advanceTime itself, before any request looks.
      const state = emu.exportState() as { operations: Record<string, { status: string }> };
      expect(Object.values(state.operations).map((op) => op.status)).not.toContain("InProgress");
      const done = await armFetch(emu, "GET", statusUrl);
      expect(done.body.status).toBe("Succeeded");
      expect(isoSeconds(done.body.endTime)).toBe(emu.now().toISOString());
      created.push(new Date(emu.now().getTime() - 60_000).toISOString());
      emu.advanceTime(30 * DAY - 60_000);
    }
    expect(emu.now().toISOString()).toBe("2026-04-05T00:00:00.000Z");
    const collection = await armFetch(emu, "GET", `${p.collection("app-rpc")}?${CV}&$expand=restorePoints`);
    const times = (collection.body.properties.restorePoints as { properties: { timeCreated: string } }[]).map(
      (point) => isoSeconds(point.properties.timeCreated),
    );
    expect(times).toEqual([
      "2026-01-05T00:00:00.000Z",
      "2026-02-04T00:00:00.000Z",
      "2026-03-06T00:00:00.000Z",
    ]);
    expect(times).toEqual(created);
    // The request log is on the emulator's clock too.
    expect(emu.requestLog.at(-1)?.timestamp).toBe(emu.now().getTime());
  });

  it("gives the SDK's createdOn from the simulated clock", async () => {
    const emu = await start({ now: START, freezeTime: true, operationDelayMs: 0 });
    const { vm } = await vmWithCollection(emu);
    const client = new RestorePointClient(emu.subscriptionId, emu.credential, {
      ...emu.clientOptions,
      updateIntervalInMs: 5,
    });
    const collection = client.getCollectionClient("rg", "app-rpc");
    const first = await collection.getRestorePointClient("first").beginCreate();
    emu.advanceTime(45 * DAY);
    const second = await collection.getRestorePointClient("second").beginCreate();
    expect(first.createdOn?.toISOString()).toBe(START.toISOString());
    expect(second.createdOn?.toISOString()).toBe("2026-02-19T00:00:00.000Z");
    const listed: string[] = [];
    for await (const point of collection.listRestorePoints())
      listed.push(point.createdOn?.toISOString() ?? "");
    expect(listed).toEqual([START.toISOString(), "2026-02-19T00:00:00.000Z"]);
    expect(vm.id).toContain(emu.subscriptionId);
  });

  it("expires a SAS when time passes its end, not before", async () => {
    const emu = await start({ now: START, freezeTime: true, operationDelayMs: 0 });
    const { p } = await vmWithCollection(emu);
    const put = await armFetch(emu, "PUT", `${p.restorePoint("app-rpc", "rp")}?${CV}`, {
      body: { properties: {} },
    });
    await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
    const point = await armFetch(emu, "GET", `${p.restorePoint("app-rpc", "rp")}?${CV}`);
    const diskPointId = point.body.properties.sourceMetadata.storageProfile.osDisk.diskRestorePoint
      .id as string;
    const grant = await armFetch(emu, "POST", `${diskPointId}/beginGetAccess?${DV}`, {
      body: { access: "Read", durationInSeconds: 3600 },
    });
    expect(grant.status).toBe(202);
    const granted = await armFetch(emu, "GET", grant.headers.location!);
    const sas = new URL(granted.body.accessSAS as string);
    expect(sas.searchParams.get("se")).toBe("2026-01-05T01:00:00Z");
    const remove = () => armFetch(emu, "DELETE", `${p.restorePoint("app-rpc", "rp")}?${CV}`);
    emu.advanceTime(HOUR - 1000);
    const refused = await remove();
    expect([refused.status, refused.body.error.code]).toEqual([409, "DiskRestorePointUsedByCustomer"]);
    emu.advanceTime(1000);
    expect((await remove()).status).toBe(202);
  });

  it("replicates a copy to 100 % when time passes the replication duration", async () => {
    const emu = await start({
      now: START,
      freezeTime: true,
      operationDelayMs: 0,
      replicationDurationMs: 6 * HOUR,
      replicationSteps: 4,
    });
    const { p } = await vmWithCollection(emu);
    const put = await armFetch(emu, "PUT", `${p.restorePoint("app-rpc", "rp")}?${CV}`, {
      body: { properties: {} },
    });
    await waitForOperation(emu, put.headers["azure-asyncoperation"]!);
    const target = await armFetch(emu, "PUT", `${p.collection("app-rpc-neu")}?${CV}`, {
      body: { location: "northeurope", properties: { source: { id: p.collection("app-rpc") } } },
    });
    expect(target.status).toBe(201);
    const sourceId = (await armFetch(emu, "GET", `${p.restorePoint("app-rpc", "rp")}?${CV}`)).body
      .id as string;
    const copy = await armFetch(emu, "PUT", `${p.restorePoint("app-rpc-neu", "rp")}?${CV}`, {
      body: { properties: { sourceRestorePoint: { id: sourceId } } },
    });
    await waitForOperation(emu, copy.headers["azure-asyncoperation"]!);
    const percents = async (): Promise<number[]> => {
      const view = await armFetch(
        emu,
        "GET",
        `${p.restorePoint("app-rpc-neu", "rp")}?${CV}&$expand=instanceView`,
      );
      return (
        view.body.properties.instanceView.diskRestorePoints as {
          replicationStatus: { completionPercent: number };
        }[]
      ).map((d) => d.replicationStatus.completionPercent);
    };
    expect(await percents()).toEqual([0, 0]);
    emu.advanceTime(3 * HOUR);
    expect(await percents()).toEqual([50, 50]);
    emu.advanceTime(3 * HOUR);
    expect(await percents()).toEqual([100, 100]);
  });

  it("keeps the clock across a restart with a data directory, and through reset()", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "emu-clock-"));
    dirs.push(dataDir);
    const first = await startEmulator({ now: START, freezeTime: true, dataDir });
    first.advanceTime(10 * DAY);
    first.reset();
    expect(first.now().toISOString()).toBe("2026-01-15T00:00:00.000Z");
    await first.close();
    const second = await start({ dataDir });
    expect(second.now().toISOString()).toBe("2026-01-15T00:00:00.000Z");
    await second.close();
    started.pop();
    // A restart may let the kept clock run; an explicit `now` starts it anew.
    const running = await start({ dataDir, freezeTime: false });
    expect(running.now().getTime()).toBeGreaterThanOrEqual(Date.parse("2026-01-15T00:00:00Z"));
    expect(running.now().getTime()).toBeLessThan(Date.parse("2026-01-15T00:01:00Z"));
    await running.close();
    started.pop();
    const fresh = await start({ dataDir, now: new Date("2030-01-01T00:00:00Z"), freezeTime: true });
    expect(fresh.now().toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("leaves throttling on real time: a jump of days hands out no burst", async () => {
    const emu = await start({
      now: START,
      freezeTime: true,
      throttle: { buckets: { reads: { capacity: 2, refillPerSecond: 0.001 } } },
    });
    const url = `/subscriptions/${emu.subscriptionId}/resourcegroups?${CV}`;
    expect((await armFetch(emu, "GET", url)).status).toBe(200);
    expect((await armFetch(emu, "GET", url)).status).toBe(200);
    emu.advanceTime(30 * DAY);
    const refused = await armFetch(emu, "GET", url);
    expect(refused.status).toBe(429);
  });
});
