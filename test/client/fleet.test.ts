import { afterAll, beforeAll, expect, it } from "vitest";
import type { AddedVm, Emulator } from "../../src/emulator/index.js";
import type { FleetProgressEvent, RestorePointClient } from "../../src/index.js";
import { isRestError } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly } from "../support/target.js";

let emu: Emulator;
let client: RestorePointClient;

beforeAll(async () => {
  ({ emu, client } = await startClientOnEmulator({ operationDelayMs: 10 }));
});
afterAll(async () => {
  await emu.close();
});

/** `count` VMs spread over two resource groups and (unless `oneRegion`) two regions. */
async function addVms(
  target: Emulator,
  count: number,
  prefix = uniqueName("f"),
  oneRegion = false,
): Promise<AddedVm[]> {
  const vms: AddedVm[] = [];
  for (let i = 0; i < count; i++) {
    vms.push(
      await target.addVm({
        resourceGroup: `${prefix}-rg${i % 2}`,
        name: `${prefix}-vm${i}`,
        location: i % 2 === 0 || oneRegion ? "westeurope" : "northeurope",
      }),
    );
  }
  return vms;
}

const collectionPuts = (e: Emulator, prefix: string): number =>
  e.requestLog.filter(
    (r) => r.method === "PUT" && new RegExp(`/restorePointCollections/${prefix}-[^/]+$`).test(r.path),
  ).length;

describeEmulatorOnly("fault injection", "client.createRestorePoints against the emulator", () => {
  it("snapshots 20 VMs, creating each collection once, results in input order", async () => {
    const prefix = uniqueName("f");
    const vms = await addVms(emu, 20, prefix);
    const events: FleetProgressEvent[] = [];
    const results = await client.createRestorePoints(
      vms.map((v) => v.id),
      { maxConcurrency: 6, onProgress: (e) => events.push(e) },
    );
    expect(results.map((r) => r.vmId)).toEqual(vms.map((v) => v.id));
    expect(results.every((r) => r.status === "succeeded" && r.collectionCreated)).toBe(true);
    const first = results[3]!;
    expect(first.collectionId).toMatch(
      new RegExp(`/resourceGroups/${prefix}-rg1/.*/restorePointCollections/${prefix}-vm3-rpc$`),
    );
    expect(first.restorePoint?.name).toMatch(/^rp-\d{8}T\d{6}Z$/);
    expect(first.restorePoint?.provisioningState).toBe("Succeeded");
    expect(new Set(results.map((r) => r.restorePoint?.name)).size).toBe(1);
    expect(collectionPuts(emu, prefix)).toBe(20);
    expect(events.filter((e) => e.status === "succeeded")).toHaveLength(20);
    expect(events.at(-1)).toMatchObject({ completed: 20, total: 20 });
    // The northeurope VMs got their collections in northeurope.
    expect((await client.getCollectionClient(`${prefix}-rg1`, `${prefix}-vm1-rpc`).get()).location).toBe(
      "northeurope",
    );

    // Again: the collections exist, so none is written; every VM gets a second point.
    const again = await client.createRestorePoints(
      vms.map((v) => v.id),
      { restorePointName: (vm) => `second-${vm.name}` },
    );
    expect(again.every((r) => r.status === "succeeded" && !r.collectionCreated)).toBe(true);
    expect(collectionPuts(emu, prefix)).toBe(20);
    const points: string[] = [];
    for await (const p of client
      .getCollectionClient(`${prefix}-rg0`, `${prefix}-vm0-rpc`)
      .listRestorePoints()) {
      points.push(p.name);
    }
    expect(points).toHaveLength(2);
  });

  it("reports per-VM failures without stopping the others", async () => {
    const prefix = uniqueName("f");
    const vms = await addVms(emu, 6, prefix);
    emu.injectFault({
      method: "PUT",
      pathPattern: `/restorePointCollections/${prefix}-vm2-rpc/restorePoints/`,
      status: 409,
      code: "OperationNotAllowed",
      times: 5,
    });
    // vm4's collection already exists for another VM: its points would capture the wrong VM.
    await client
      .getCollectionClient(`${prefix}-rg0`, `${prefix}-vm4-rpc`)
      .create({ location: "westeurope", sourceVmId: vms[0]!.id });
    const ghost = vms[0]!.id.replace(/virtualMachines\/.*$/, "virtualMachines/ghost");
    const results = await client.createRestorePoints([...vms.map((v) => v.id), ghost]);
    expect(results.map((r) => r.status)).toEqual([
      "succeeded",
      "succeeded",
      "failed",
      "succeeded",
      "failed",
      "succeeded",
      "failed",
    ]);
    const injected = results[2]!.error;
    expect(isRestError(injected) && injected.code).toBe("OperationNotAllowed");
    expect(results[2]!.collectionCreated).toBe(true);
    expect(results[4]!.error?.message).toMatch(/captures .*vm0.*not VM .*vm4/);
    const missing = results[6]!.error;
    expect(isRestError(missing) && missing.statusCode).toBe(404);
  });

  it("waits out a 429 that outlasts the pipeline's retries, and tries that VM again", async () => {
    const prefix = uniqueName("f");
    const vms = await addVms(emu, 3, prefix);
    // The pipeline tries 4 times (maxRetries 3); the 5th try, from the fleet, gets through.
    const fault = emu.injectFault({
      method: "PUT",
      pathPattern: `/restorePointCollections/${prefix}-vm1-rpc/restorePoints/`,
      status: 429,
      retryAfterSeconds: 0,
      times: 6,
    });
    const events: FleetProgressEvent[] = [];
    const results = await client.createRestorePoints(
      vms.map((v) => v.id),
      { onProgress: (e) => events.push(e) },
    );
    expect(results.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(fault.remaining).toBe(0);
    const throttled = events.filter((e) => e.status === "throttled");
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    expect(throttled.every((e) => e.vmId === vms[1]!.id && e.retryAfterInMs === 0)).toBe(true);
  });

  it("rejects bad arguments before any request", async () => {
    const vms = await addVms(emu, 2);
    const ids = vms.map((v) => v.id);
    const before = emu.requestLog.length;
    await expect(client.createRestorePoints([ids[0]!, ids[1]!, ids[0]!.toUpperCase()])).rejects.toThrow(
      /vmIds\[2\] repeats vmIds\[0\]/,
    );
    await expect(
      client.createRestorePoints([ids[0]!.replace(/\/subscriptions\/[^/]+/, "/subscriptions/other")]),
    ).rejects.toThrow(TypeError);
    await expect(client.createRestorePoints(["/not/a/vm"])).rejects.toThrow(TypeError);
    const sameRg = await addVms(emu, 3);
    await expect(
      client.createRestorePoints([sameRg[0]!.id, sameRg[2]!.id], { collectionName: "shared" }),
    ).rejects.toThrow(/would share collection 'shared'/);
    await expect(client.createRestorePoints(ids, { restorePointName: "bad name!" })).rejects.toThrow(
      RangeError,
    );
    await expect(client.createRestorePoints(ids, { maxConcurrency: 0 })).rejects.toThrow(RangeError);
    // An open enumeration: other strings are sent, an empty one is refused here.
    await expect(client.createRestorePoints(ids, { consistencyMode: "" })).rejects.toThrow(RangeError);
    expect(emu.requestLog.length).toBe(before);
    expect(await client.createRestorePoints([])).toEqual([]);
  });

  it("stops on abort with an AbortError", async () => {
    const vms = await addVms(emu, 8);
    const controller = new AbortController();
    const pending = client.createRestorePoints(
      vms.map((v) => v.id),
      {
        maxConcurrency: 2,
        abortSignal: controller.signal,
        onProgress: (e) => {
          if (e.status === "succeeded") controller.abort();
        },
      },
    );
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});

describeEmulatorOnly(
  "emulator settings",
  "pacing under a shrunk PutRestorePointSubscriptionMaximum bucket",
  () => {
    it("stays under the bucket instead of bouncing off 429s", async () => {
      const throttled = await startClientOnEmulator(
        {
          operationDelayMs: 10,
          throttle: {
            buckets: { PutRestorePointSubscriptionMaximum: { capacity: 10, refillPerSecond: 20 } },
          },
        },
        { retryOptions: { retryDelayInMs: 5, maxRetryDelayInMs: 20, maxRetries: 5 } },
      );
      try {
        const pointPuts429 = (): number =>
          throttled.emu.requestLog.filter(
            (r) => r.status === 429 && r.method === "PUT" && r.path.includes("/restorePoints/"),
          ).length;
        // One region: Compute's buckets are per region in Azure, the emulator's are per subscription.
        const vms = await addVms(throttled.emu, 20, uniqueName("t"), true);
        const started = Date.now();
        const statuses: string[] = [];
        const results = await throttled.client.createRestorePoints(
          vms.map((v) => v.id),
          { maxConcurrency: 20, onProgress: (e) => statuses.push(e.status) },
        );
        const elapsed = Date.now() - started;
        expect(results.every((r) => r.status === "succeeded")).toBe(true);
        const paced429s = pointPuts429();
        expect(paced429s).toBeLessThanOrEqual(1);
        expect(statuses).not.toContain("throttled");
        // 10 at once, then 20/s: about a second with everything else, not rounds of Retry-After waits.
        expect(elapsed).toBeLessThan(6000);

        // The control: the same 20 creations fired at once bounce off the bucket.
        const naive = await Promise.allSettled(
          results.map((r) =>
            throttled.client
              .getCollectionClient(r.restorePoint!.resourceGroup, r.restorePoint!.collectionName)
              .getRestorePointClient("naive")
              .beginCreate()
              .submitted(),
          ),
        );
        expect(naive.every((s) => s.status === "fulfilled")).toBe(true);
        expect(pointPuts429() - paced429s).toBeGreaterThanOrEqual(5);
      } finally {
        await throttled.emu.close();
      }
    });
  },
);
