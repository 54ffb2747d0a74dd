import { Agent, request } from "node:https";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { armFetch, paths } from "../support/armFetch.js";

const GROUPS = "resourcegroups?api-version=2021-04-01";
const CV = "api-version=2025-04-01";

const running: Emulator[] = [];
async function start(options: Parameters<typeof startEmulator>[0]): Promise<Emulator> {
  const emu = await startEmulator(options);
  running.push(emu);
  return emu;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.close()));
});

/** Many GETs over one keep-alive connection (armFetch makes a TLS handshake per request). */
async function quickGets(emu: Emulator, path: string, count: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: emu.certificatePem });
  const one = () =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>(
      (resolve, reject) => {
        const req = request(
          new URL(path, emu.url),
          { method: "GET", agent, headers: { authorization: `Bearer ${emu.token}` } },
          (res) => {
            res.resume();
            res.on("end", () => {
              resolve({ status: res.statusCode ?? 0, headers: res.headers });
            });
          },
        );
        req.on("error", reject);
        req.end();
      },
    );
  try {
    const results = [];
    for (let i = 0; i < count; i++) results.push(await one());
    return results;
  } finally {
    agent.destroy();
  }
}

describe("throttling over HTTPS", () => {
  it("answers the 4th quick read of a 3-token bucket with ARM's 429", async () => {
    const emu = await start({ throttle: { buckets: { reads: { capacity: 3, refillPerSecond: 1 } } } });
    const url = `/subscriptions/${emu.subscriptionId}/${GROUPS}`;
    const allowed = [];
    for (let i = 0; i < 3; i++) allowed.push(await armFetch(emu, "GET", url));
    expect(allowed.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(allowed.map((r) => r.headers["x-ms-ratelimit-remaining-subscription-reads"])).toEqual([
      "2",
      "1",
      "0",
    ]);

    const refused = await armFetch(emu, "GET", url);
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toBe("1");
    expect(refused.headers["x-ms-error-code"]).toBe("SubscriptionRequestsThrottled");
    expect(refused.headers["x-ms-ratelimit-remaining-subscription-reads"]).toBe("0");
    expect(refused.body).toEqual({
      error: {
        code: "SubscriptionRequestsThrottled",
        message: expect.stringMatching(
          new RegExp(
            `^Number of 'read' requests for subscription '${emu.subscriptionId}' actor '[0-9a-f-]+' exceeded\\. Please try again after '1' seconds`,
          ),
        ),
      },
    });
    expect(emu.requestLog.at(-1)).toMatchObject({ status: 429, errorCode: "SubscriptionRequestsThrottled" });
    // Writes are counted in their own bucket.
    const write = await armFetch(
      emu,
      "PUT",
      `/subscriptions/${emu.subscriptionId}/resourcegroups/rg2?api-version=2021-04-01`,
      {
        body: { location: "westeurope" },
      },
    );
    expect(write.status).toBeLessThan(300);
    expect(write.headers["x-ms-ratelimit-remaining-subscription-writes"]).toBe("199");
  });

  it("never answers 429 by default, but sends the rate-limit headers", async () => {
    const emu = await start({});
    const url = `/subscriptions/${emu.subscriptionId}/${GROUPS}`;
    const started = Date.now();
    const responses = await quickGets(emu, url, 280);
    const seconds = (Date.now() - started) / 1000;
    expect(responses.every((r) => r.status === 200)).toBe(true);
    for (const r of responses) {
      expect(r.headers["x-ms-ratelimit-remaining-subscription-reads"]).toMatch(/^\d+$/);
      expect(r.headers["x-ms-ratelimit-remaining-subscription-global-reads"]).toMatch(/^\d+$/);
    }
    // 280 reads against 250 tokens + 25/s: the Azure-sized bucket ran dry, yet nothing was refused.
    const lowest = Math.min(
      ...responses.map((r) => Number(r.headers["x-ms-ratelimit-remaining-subscription-reads"])),
    );
    expect(lowest).toBeLessThan(Math.max(1, 250 + 25 * seconds - 279));
  });

  it("refuses a collection PUT with Compute's body when its subscription policy is empty", async () => {
    const emu = await start({
      throttle: {
        buckets: { PutRestorePointCollectionSubscriptionMaximum: { capacity: 2, refillPerSecond: 0.01 } },
      },
    });
    const vm = await emu.addVm({ resourceGroup: "rg", name: "vm1", location: "westeurope" });
    const p = paths(emu, "rg");
    const put = (name: string) =>
      armFetch(emu, "PUT", `${p.collection(name)}?${CV}`, {
        body: { location: "westeurope", properties: { source: { id: vm.id } } },
      });

    const first = await put("c1");
    expect(first.status).toBe(201);
    expect(first.headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/PutRestorePointCollectionResource;14,Microsoft.Compute/PutRestorePointCollectionSubscriptionMaximum;1",
    );
    expect((await put("c2")).status).toBe(201);

    const refused = await put("c3");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(99);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(100);
    expect(refused.headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/PutRestorePointCollectionResource;15,Microsoft.Compute/PutRestorePointCollectionSubscriptionMaximum;0",
    );
    expect(refused.body.error).toMatchObject({
      code: "OperationNotAllowed",
      message:
        "The server rejected the request because too many requests have been received for this subscription.",
      details: [{ code: "TooManyRequests", target: "PutRestorePointCollectionSubscriptionMaximum" }],
    });
    const detail = JSON.parse(refused.body.error.details[0].message);
    expect(detail).toEqual({
      operationGroup: "PutRestorePointCollectionSubscriptionMaximum",
      startTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/),
      endTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/),
      allowedRequestCount: 2,
      measuredRequestCount: 3,
    });
    expect(Date.parse(detail.endTime) - Date.parse(detail.startTime)).toBe(200_000);

    // The refused PUT changed nothing; reads are not limited by the write policy, and the gateway's
    // 404 costs no Compute budget.
    const missing = await armFetch(emu, "GET", `${p.collection("c3")}?${CV}`);
    expect(missing.status).toBe(404);
    const existing = await armFetch(emu, "GET", `${p.collection("c1")}?${CV}`);
    expect(existing.status).toBe(200);
    expect(existing.headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/LowCostGetRestorePointSubscriptionMaximum;599",
    );
  });

  it("charges a crash-consistent restore point to CreateCrashConsistentRestorePoint", async () => {
    const emu = await start({ operationDelayMs: 10 });
    const vm = await emu.addVm({ resourceGroup: "rg", name: "vm1", location: "westeurope" });
    const p = paths(emu, "rg");
    const rpc = await armFetch(emu, "PUT", `${p.collection("c1")}?${CV}`, {
      body: { location: "westeurope", properties: { source: { id: vm.id } } },
    });
    expect(rpc.status).toBe(201);
    const created = await armFetch(emu, "PUT", `${p.restorePoint("c1", "rp1")}?${CV}`, {
      body: { properties: { consistencyMode: "CrashConsistent" } },
    });
    expect(created.status).toBe(201);
    expect(created.headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/PutRestorePointResource;5,Microsoft.Compute/PutRestorePointSubscriptionMaximum;149,Microsoft.Compute/CreateCrashConsistentRestorePoint;2",
    );
    expect(created.headers["x-ms-ratelimit-remaining-subscription-writes"]).toMatch(/^19\d$/);
    const poll = await armFetch(emu, "GET", created.headers["azure-asyncoperation"]!);
    expect(poll.headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/GetOperationResource;59,Microsoft.Compute/GetOperationSubscriptionMaximum;14999",
    );
  });
});

describe("answers of the ARM gateway", () => {
  it("carry no rate-limit headers and spend nothing from the Compute or read buckets", async () => {
    const emu = await start({});
    const vm = await emu.addVm({ resourceGroup: "rg", name: "vm1", location: "westeurope" });
    const p = paths(emu, "rg");
    await armFetch(emu, "PUT", `${p.collection("here")}?${CV}`, {
      body: { location: "westeurope", properties: { source: { id: vm.id } } },
    });
    const remaining = async () => {
      const got = await armFetch(emu, "GET", `${p.collection("here")}?${CV}`);
      return [
        got.headers["x-ms-ratelimit-remaining-subscription-reads"],
        got.headers["x-ms-ratelimit-remaining-resource"],
      ];
    };
    const before = await remaining();
    const missing = await armFetch(emu, "GET", `${p.collection("gone")}?${CV}`);
    expect(missing.status).toBe(404);
    expect(missing.headers["x-ms-failure-cause"]).toBe("gateway");
    expect(missing.headers["x-ms-ratelimit-remaining-resource"]).toBeUndefined();
    expect(missing.headers["x-ms-ratelimit-remaining-subscription-reads"]).toBeUndefined();
    const after = await remaining();
    // One more Compute read was spent (the second GET of "here"), not two. (The ARM read bucket
    // refills within milliseconds, so only the Compute policy is compared exactly.)
    expect(after[1]).toBe(String(before[1]).replace(/;(\d+)/g, (_m, n: string) => `;${Number(n) - 1}`));
  });
});
