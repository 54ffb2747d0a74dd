import { describe, expect, it } from "vitest";
import type { EmulatorThrottleOptions } from "../../src/emulator/options.js";
import type { RouteDefinition } from "../../src/emulator/router.js";
import {
  EMULATOR_ACTOR,
  NO_REFILL_RETRY_SECONDS,
  Throttler,
  TokenBucket,
  type ThrottleDecision,
} from "../../src/emulator/throttle.js";
import { resourceKey } from "../../src/emulator/throttlePolicies.js";

const SUB = "00000000-0000-0000-0000-000000000001";
const COMPUTE = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute`;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function route(pattern: string, throttleGroup?: string): RouteDefinition {
  return {
    pattern,
    family: "compute",
    resourceType: "Microsoft.Compute/test",
    methods: {},
    ...(throttleGroup === undefined ? {} : { throttleGroup }),
  };
}

const RGP = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute";
const routes = {
  groups: route("/subscriptions/{subscriptionId}/resourcegroups"),
  collection: route(`${RGP}/restorePointCollections/{restorePointCollectionName}`, "collection"),
  collectionList: route(`${RGP}/restorePointCollections`, "collectionList"),
  restorePoint: route(
    `${RGP}/restorePointCollections/{restorePointCollectionName}/restorePoints/{restorePointName}`,
    "restorePoint",
  ),
  operation: route(
    "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/operations/{operationId}",
    "operation",
  ),
  diskOperation: route(
    "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/DiskOperations/{operationId}",
    "operation",
  ),
  vm: route(`${RGP}/virtualMachines/{vmName}`, "vm"),
  vmInstanceView: route(`${RGP}/virtualMachines/{vmName}/instanceView`, "vmRead"),
  vmAction: route(`${RGP}/virtualMachines/{vmName}/deallocate`, "vm"),
  vmRestart: route(`${RGP}/virtualMachines/{vmName}/restart`, "vm"),
  vmList: route(`${RGP}/virtualMachines`, "vmRead"),
  diskList: route(`${RGP}/disks`, "diskRead"),
  diskRestorePoints: route(
    `${RGP}/restorePointCollections/{restorePointCollectionName}/restorePoints/{restorePointName}/diskRestorePoints`,
    "diskRestorePoint",
  ),
  diskRestorePointAccess: route(
    `${RGP}/restorePointCollections/{restorePointCollectionName}/restorePoints/{restorePointName}/diskRestorePoints/{diskRestorePointName}/beginGetAccess`,
    "diskRestorePoint",
  ),
  disk: route(`${RGP}/disks/{diskName}`, "disk"),
  network: route(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/networkInterfaces/{nicName}",
    "network",
  ),
};

/** A small driver: one throttler, a fake clock, and request shorthands. */
function driver(options: EmulatorThrottleOptions | undefined) {
  const throttler = new Throttler(options);
  let now = T0;
  const send = (method: string, r: RouteDefinition, path: string, body?: unknown): ThrottleDecision =>
    throttler.take({ method, path, body }, r, now);
  return {
    throttler,
    advance(ms: number) {
      now += ms;
    },
    listGroups: () => send("GET", routes.groups, `/subscriptions/${SUB}/resourcegroups`),
    putGroup: (name: string) => send("PUT", routes.groups, `/subscriptions/${SUB}/resourcegroups/${name}`),
    putCollection: (name: string) =>
      send("PUT", routes.collection, `${COMPUTE}/restorePointCollections/${name}`),
    getCollection: (name: string) =>
      send("GET", routes.collection, `${COMPUTE}/restorePointCollections/${name}`),
    listCollections: () => send("GET", routes.collectionList, `${COMPUTE}/restorePointCollections`),
    putRestorePoint: (collection: string, name: string, body?: unknown) =>
      send(
        "PUT",
        routes.restorePoint,
        `${COMPUTE}/restorePointCollections/${collection}/restorePoints/${name}`,
        body,
      ),
    deleteRestorePoint: (collection: string, name: string) =>
      send(
        "DELETE",
        routes.restorePoint,
        `${COMPUTE}/restorePointCollections/${collection}/restorePoints/${name}`,
      ),
    poll: (id: string) =>
      send(
        "GET",
        routes.operation,
        `/subscriptions/${SUB}/providers/Microsoft.Compute/locations/westeurope/operations/${id}`,
      ),
    pollDisk: (id: string) =>
      send(
        "GET",
        routes.diskOperation,
        `/subscriptions/${SUB}/providers/Microsoft.Compute/locations/westeurope/DiskOperations/${id}`,
      ),
    send,
  };
}

const crash = { properties: { consistencyMode: "CrashConsistent" } };

function detailOf(decision: ThrottleDecision): {
  code: string;
  target: string;
  message: string;
  parsed: Record<string, unknown>;
} {
  const body = decision.rejection?.toBody().error as {
    details: { code: string; target: string; message: string }[];
  };
  const detail = body.details[0]!;
  return { ...detail, parsed: JSON.parse(detail.message) as Record<string, unknown> };
}

describe("TokenBucket", () => {
  it("starts full, refills lazily from the clock and never beyond its capacity", () => {
    const bucket = new TokenBucket(10, 2);
    expect(bucket.remaining(T0)).toBe(10);
    for (let i = 0; i < 10; i++) bucket.take(T0);
    expect(bucket.remaining(T0)).toBe(0);
    expect(bucket.canTake(T0)).toBe(false);
    expect(bucket.level(T0 + 1500)).toBeCloseTo(3);
    expect(bucket.remaining(T0 + 1500)).toBe(3);
    expect(bucket.remaining(T0 + 60_000)).toBe(10);
  });

  it("refills nothing when the clock goes backwards, and clamps a take of an empty bucket at 0", () => {
    const bucket = new TokenBucket(1, 1);
    bucket.take(T0 + 1000);
    expect(bucket.remaining(T0)).toBe(0);
    bucket.take(T0 + 1000);
    expect(bucket.level(T0 + 1000)).toBe(0);
    expect(bucket.remaining(T0 + 2000)).toBe(1);
  });

  it("rounds the wait for one token up to whole seconds, at least 1", () => {
    const bucket = new TokenBucket(1, 1);
    bucket.take(T0);
    expect(bucket.secondsUntilToken(T0)).toBe(1);
    expect(bucket.secondsUntilToken(T0 + 800)).toBe(1); // 0.2 s left
    const slow = new TokenBucket(2, 0.25);
    slow.take(T0);
    slow.take(T0);
    expect(slow.secondsUntilToken(T0)).toBe(4);
    expect(slow.secondsUntilToken(T0 + 2500)).toBe(2); // 0.625 tokens, 1.5 s left
    const never = new TokenBucket(1, 0);
    never.take(T0);
    expect(never.secondsUntilToken(T0)).toBe(NO_REFILL_RETRY_SECONDS);
  });
});

describe("Throttler headers (no options: Azure sizes, nothing refused)", () => {
  it("counts down ARM's per-principal and global buckets by method", () => {
    const d = driver(undefined);
    expect(d.listGroups().headers).toEqual({
      "x-ms-ratelimit-remaining-subscription-reads": "249",
      "x-ms-ratelimit-remaining-subscription-global-reads": "3749",
    });
    expect(d.putGroup("a").headers).toEqual({
      "x-ms-ratelimit-remaining-subscription-writes": "199",
      "x-ms-ratelimit-remaining-subscription-global-writes": "2999",
    });
    expect(d.deleteRestorePoint("c1", "rp1").headers["x-ms-ratelimit-remaining-subscription-deletes"]).toBe(
      "199",
    );
    expect(d.listGroups().headers["x-ms-ratelimit-remaining-subscription-reads"]).toBe("248");
  });

  it("names the Compute policies exactly as the recordings do", () => {
    const d = driver(undefined);
    expect(d.putCollection("c1").headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/PutRestorePointCollectionResource;14,Microsoft.Compute/PutRestorePointCollectionSubscriptionMaximum;149",
    );
    expect(d.putRestorePoint("c1", "rp1").headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/PutRestorePointResource;5,Microsoft.Compute/PutRestorePointSubscriptionMaximum;149",
    );
    expect(d.putRestorePoint("c2", "rp1", crash).headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/PutRestorePointResource;5,Microsoft.Compute/PutRestorePointSubscriptionMaximum;148,Microsoft.Compute/CreateCrashConsistentRestorePoint;2",
    );
    expect(d.getCollection("c1").headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/LowCostGetRestorePointSubscriptionMaximum;599",
    );
    expect(d.listCollections().headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/HighCostGetRestorePointSubscriptionMaximum;299",
    );
    expect(d.deleteRestorePoint("c1", "rp1").headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/DeleteRestorePointSubscriptionMaximum;359",
    );
    expect(d.poll("op1").headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/GetOperationResource;59,Microsoft.Compute/GetOperationSubscriptionMaximum;14999",
    );
    expect(d.poll("op1").headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/GetOperationResource;58,Microsoft.Compute/GetOperationSubscriptionMaximum;14998",
    );
    expect(d.poll("op2").headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/GetOperationResource;59,Microsoft.Compute/GetOperationSubscriptionMaximum;14997",
    );
    expect(d.pollDisk("op3").headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/GetOperation3Min;49999,Microsoft.Compute/GetOperation30Min;399999",
    );
    expect(
      d.send("GET", routes.vm, `${COMPUTE}/virtualMachines/vm1`).headers["x-ms-ratelimit-remaining-resource"],
    ).toBe("Microsoft.Compute/LowCostGetSubscriptionMaximum;23999,Microsoft.Compute/LowCostGetResource;35");
    expect(
      d.send("PUT", routes.disk, `${COMPUTE}/disks/d1`).headers["x-ms-ratelimit-remaining-resource"],
    ).toBe("Microsoft.Compute/CreateUpdateDisks3Min;2999,Microsoft.Compute/CreateUpdateDisks30Min;24999");
    expect(
      d.send("GET", routes.disk, `${COMPUTE}/disks/d1`).headers["x-ms-ratelimit-remaining-resource"],
    ).toBe("Microsoft.Compute/LowCostGet3Min;14999,Microsoft.Compute/LowCostGet30Min;119999");
  });

  it("tells lists from single reads, and actions from updates", () => {
    const d = driver(undefined);
    const policies = (method: string, r: RouteDefinition, path: string): string[] =>
      (d.send(method, r, path).headers["x-ms-ratelimit-remaining-resource"] ?? "")
        .split(",")
        .map((part) => part.replace(/^Microsoft\.Compute\/|;\d+$/g, ""));
    const vm = `${COMPUTE}/virtualMachines/vm1`;
    const rp = `${COMPUTE}/restorePointCollections/c1/restorePoints/rp1`;
    expect(policies("GET", routes.vmInstanceView, `${vm}/instanceView`)).toEqual([
      "LowCostGetSubscriptionMaximum",
      "LowCostGetResource",
    ]);
    expect(policies("GET", routes.vmList, `${COMPUTE}/virtualMachines`)).toEqual([
      "HighCostGetVMSubscriptionMaximum",
    ]);
    expect(policies("POST", routes.vmAction, `${vm}/deallocate`)).toEqual([
      "DeleteVMResource",
      "DeleteVMSubscriptionMaximum",
    ]);
    expect(policies("POST", routes.vmRestart, `${vm}/restart`)).toEqual([
      "UpdateVMResource",
      "UpdateVMSubscriptionMaximum",
    ]);
    expect(policies("PUT", routes.vm, vm)).toEqual(["PutVMResource", "PutVMSubscriptionMaximum"]);
    expect(policies("GET", routes.diskList, `${COMPUTE}/disks`)).toEqual([
      "HighCostGet3Min",
      "HighCostGet30Min",
    ]);
    expect(policies("GET", routes.diskRestorePoints, `${rp}/diskRestorePoints`)).toEqual([
      "HighCostGetRestorePointSubscriptionMaximum",
    ]);
    expect(
      policies("POST", routes.diskRestorePointAccess, `${rp}/diskRestorePoints/d/beginGetAccess`),
    ).toEqual(["DiskRestorePointAccessSubscriptionMaximum"]);
  });

  it("keeps per-resource policies per collection, and sends no resource header outside Compute", () => {
    const d = driver(undefined);
    d.putRestorePoint("c1", "rp1");
    d.putRestorePoint("c1", "rp2");
    expect(d.putRestorePoint("C1", "rp3").headers["x-ms-ratelimit-remaining-resource"]).toMatch(
      /^Microsoft\.Compute\/PutRestorePointResource;3,/,
    );
    expect(d.putRestorePoint("c2", "rp1").headers["x-ms-ratelimit-remaining-resource"]).toMatch(
      /^Microsoft\.Compute\/PutRestorePointResource;5,/,
    );
    expect(d.listGroups().headers["x-ms-ratelimit-remaining-resource"]).toBeUndefined();
    expect(
      d.send(
        "PUT",
        routes.network,
        `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/n`,
      ).headers["x-ms-ratelimit-remaining-resource"],
    ).toBeUndefined();
    expect(resourceKey(`${COMPUTE}/restorePointCollections/C1/restorePoints/rp/diskRestorePoints/x`)).toBe(
      `${COMPUTE}/restorePointCollections/c1`.toLowerCase(),
    );
  });

  it("never refuses without options; remaining counts clamp at 0", () => {
    const d = driver(undefined);
    let last: ThrottleDecision | undefined;
    for (let i = 0; i < 300; i++) {
      last = d.listGroups();
      expect(last.rejection).toBeUndefined();
    }
    expect(last?.headers["x-ms-ratelimit-remaining-subscription-reads"]).toBe("0");
    for (let i = 0; i < 5; i++) last = d.putRestorePoint("c1", `rp${i}`, crash);
    expect(last?.rejection).toBeUndefined();
    expect(last?.headers["x-ms-ratelimit-remaining-resource"]).toContain(
      "CreateCrashConsistentRestorePoint;0",
    );
  });
});

describe("Throttler refusals", () => {
  it("refuses the 4th read of a 3-token bucket with ARM's body and a whole-second Retry-After", () => {
    const d = driver({ buckets: { reads: { capacity: 3, refillPerSecond: 1 } } });
    expect(
      [1, 2, 3].map(() => d.listGroups().headers["x-ms-ratelimit-remaining-subscription-reads"]),
    ).toEqual(["2", "1", "0"]);
    const refused = d.listGroups();
    expect(refused.rejection?.status).toBe(429);
    expect(refused.rejection?.code).toBe("SubscriptionRequestsThrottled");
    expect(refused.rejection?.message).toBe(
      `Number of 'read' requests for subscription '${SUB}' actor '${EMULATOR_ACTOR}' exceeded. Please try again after '1' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
    );
    expect(refused.rejection?.extra.headers).toEqual({ "retry-after": "1" });
    expect(refused.headers["x-ms-ratelimit-remaining-subscription-reads"]).toBe("0");
    // The global bucket is 15 times the per-principal one and was not charged for the refusal.
    expect(refused.headers["x-ms-ratelimit-remaining-subscription-global-reads"]).toBe("42");
    // Writes have their own bucket.
    expect(d.putGroup("a").rejection).toBeUndefined();
    d.advance(999);
    expect(d.listGroups().rejection).toBeDefined();
    d.advance(1);
    expect(d.listGroups().rejection).toBeUndefined();
  });

  it("names no actor when only the global bucket is empty", () => {
    const d = driver({ buckets: { globalWrites: { capacity: 1, refillPerSecond: 0.1 } } });
    d.putGroup("a");
    const refused = d.putGroup("b");
    expect(refused.rejection?.message).toMatch(
      /^Number of 'write' requests for subscription '[^']+' exceeded\./,
    );
    expect(refused.rejection?.extra.headers?.["retry-after"]).toBe("10");
  });

  it("refuses with Compute's body naming the policy, and charges no other bucket", () => {
    const d = driver({
      buckets: { PutRestorePointCollectionSubscriptionMaximum: { capacity: 1, refillPerSecond: 0.5 } },
    });
    expect(d.putCollection("c1").headers["x-ms-ratelimit-remaining-subscription-writes"]).toBe("199");
    const refused = d.putCollection("c2");
    expect(refused.rejection?.status).toBe(429);
    expect(refused.rejection?.code).toBe("OperationNotAllowed");
    expect(refused.rejection?.message).toBe(
      "The server rejected the request because too many requests have been received for this subscription.",
    );
    expect(refused.rejection?.extra.headers).toEqual({ "retry-after": "2" });
    const detail = detailOf(refused);
    expect(detail.code).toBe("TooManyRequests");
    expect(detail.target).toBe("PutRestorePointCollectionSubscriptionMaximum");
    expect(detail.parsed).toEqual({
      operationGroup: "PutRestorePointCollectionSubscriptionMaximum",
      startTime: "2026-01-01T12:00:00.0000000+00:00",
      endTime: "2026-01-01T12:00:02.0000000+00:00",
      allowedRequestCount: 1,
      measuredRequestCount: 2,
    });
    expect(refused.headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/PutRestorePointCollectionResource;15,Microsoft.Compute/PutRestorePointCollectionSubscriptionMaximum;0",
    );
    expect(refused.headers["x-ms-ratelimit-remaining-subscription-writes"]).toBe("199");
    d.advance(1999);
    expect(d.putCollection("c2").rejection).toBeDefined();
    d.advance(1);
    const later = d.putCollection("c2");
    expect(later.rejection).toBeUndefined();
    expect(later.headers["x-ms-ratelimit-remaining-resource"]).toContain(
      "PutRestorePointCollectionResource;14,",
    );
  });

  it("charges no Compute policy when ARM refuses", () => {
    const d = driver({
      buckets: {
        reads: { capacity: 1, refillPerSecond: 1 },
        LowCostGetRestorePointSubscriptionMaximum: { capacity: 10, refillPerSecond: 0.001 },
      },
    });
    expect(d.getCollection("c1").headers["x-ms-ratelimit-remaining-resource"]).toContain(";9");
    const refused = d.getCollection("c1");
    expect(refused.rejection?.code).toBe("SubscriptionRequestsThrottled");
    expect(refused.headers["x-ms-ratelimit-remaining-resource"]).toBeUndefined();
    d.advance(1000);
    expect(d.getCollection("c1").headers["x-ms-ratelimit-remaining-resource"]).toContain(";8");
  });

  it("enforces the Azure sizes with the azure preset: a 4th crash-consistent create within the hour", () => {
    const d = driver({ preset: "azure" });
    for (let i = 0; i < 3; i++) expect(d.putRestorePoint("c1", `rp${i}`, crash).rejection).toBeUndefined();
    expect(d.putRestorePoint("c1", "rp3").rejection).toBeUndefined(); // not crash-consistent
    const refused = d.putRestorePoint("c1", "rp4", crash);
    expect(detailOf(refused).target).toBe("CreateCrashConsistentRestorePoint");
    expect(refused.rejection?.extra.headers?.["retry-after"]).toBe("1200");
    expect(detailOf(refused).parsed).toMatchObject({ allowedRequestCount: 3, measuredRequestCount: 4 });
    expect(d.putRestorePoint("c2", "rp0", crash).rejection).toBeUndefined();
  });

  it("reports the policy with the longest wait and uses that wait as Retry-After", () => {
    const d = driver({
      buckets: {
        PutRestorePointResource: { capacity: 1, refillPerSecond: 1 },
        PutRestorePointSubscriptionMaximum: { capacity: 1, refillPerSecond: 0.2 },
      },
    });
    d.putRestorePoint("c1", "rp1");
    const refused = d.putRestorePoint("c1", "rp2");
    expect(detailOf(refused).target).toBe("PutRestorePointSubscriptionMaximum");
    expect(refused.rejection?.extra.headers?.["retry-after"]).toBe("5");
  });

  it("uses computeWindowSeconds for the unpublished restore-point windows", () => {
    const d = driver({ computeWindowSeconds: 60 });
    for (let i = 0; i < 6; i++) expect(d.putRestorePoint("c1", `rp${i}`).rejection).toBeUndefined();
    const refused = d.putRestorePoint("c1", "rp6");
    expect(detailOf(refused).target).toBe("PutRestorePointResource");
    expect(refused.rejection?.extra.headers?.["retry-after"]).toBe("10");
    expect(detailOf(refused).parsed).toMatchObject({
      startTime: "2026-01-01T12:00:00.0000000+00:00",
      endTime: "2026-01-01T12:01:00.0000000+00:00",
    });
  });

  it("applies the per-second shorthands and burst to ARM's buckets", () => {
    const d = driver({ readsPerSecond: 2, writesPerSecond: 1, burst: 2 });
    expect(d.listGroups().rejection).toBeUndefined();
    expect(d.listGroups().rejection).toBeUndefined();
    expect(d.listGroups().rejection?.extra.headers?.["retry-after"]).toBe("1");
    d.advance(500);
    expect(d.listGroups().rejection).toBeUndefined();
    d.putGroup("a");
    d.putGroup("b");
    expect(d.putGroup("c").rejection?.message).toContain("'write'");
    // An explicit bucket wins over the shorthands.
    const e = driver({
      readsPerSecond: 2,
      burst: 2,
      buckets: { reads: { capacity: 5, refillPerSecond: 1 } },
    });
    expect(e.listGroups().headers["x-ms-ratelimit-remaining-subscription-reads"]).toBe("4");
  });

  it("refuses nothing with the none preset, except buckets given explicitly", () => {
    const d = driver({ preset: "none" });
    let last: ThrottleDecision | undefined;
    for (let i = 0; i < 1000; i++) {
      last = d.putRestorePoint("c1", `rp${i}`, crash);
      expect(last.rejection).toBeUndefined();
    }
    expect(last?.headers).toEqual({
      "x-ms-ratelimit-remaining-subscription-writes": "199",
      "x-ms-ratelimit-remaining-subscription-global-writes": "2999",
      "x-ms-ratelimit-remaining-resource":
        "Microsoft.Compute/PutRestorePointResource;5,Microsoft.Compute/PutRestorePointSubscriptionMaximum;149,Microsoft.Compute/CreateCrashConsistentRestorePoint;2",
    });
    const e = driver({ preset: "none", buckets: { reads: { capacity: 1, refillPerSecond: 1 } } });
    expect(e.listGroups().rejection).toBeUndefined();
    expect(e.listGroups().rejection?.code).toBe("SubscriptionRequestsThrottled");
  });

  it("refills everything on reset()", () => {
    const d = driver({ buckets: { reads: { capacity: 1, refillPerSecond: 0.01 } } });
    d.listGroups();
    expect(d.listGroups().rejection).toBeDefined();
    d.throttler.reset();
    expect(d.listGroups().headers["x-ms-ratelimit-remaining-subscription-reads"]).toBe("0");
    expect(d.listGroups().rejection).toBeDefined();
  });
});

describe("Throttler option validation", () => {
  const bad: [string, unknown][] = [
    ["negative capacity", { buckets: { reads: { capacity: -1, refillPerSecond: 1 } } }],
    ["NaN refill", { buckets: { writes: { capacity: 1, refillPerSecond: Number.NaN } } }],
    ["infinite capacity", { buckets: { reads: { capacity: Number.POSITIVE_INFINITY, refillPerSecond: 1 } } }],
    ["missing refill", { buckets: { reads: { capacity: 1 } } }],
    ["not an object", { buckets: { reads: 5 } }],
    ["unknown bucket", { buckets: { PutRestorePointz: { capacity: 1, refillPerSecond: 1 } } }],
    ["unknown preset", { preset: "fast" }],
    ["negative shorthand", { readsPerSecond: -1 }],
    ["NaN burst", { burst: Number.NaN }],
    ["zero window", { computeWindowSeconds: 0 }],
  ];
  it.each(bad)("throws RangeError on %s", (_name, options) => {
    expect(() => new Throttler(options as EmulatorThrottleOptions)).toThrow(RangeError);
  });

  it("accepts zero sizes (a bucket that is always empty)", () => {
    const d = driver({ buckets: { deletes: { capacity: 0, refillPerSecond: 0 } } });
    const refused = d.deleteRestorePoint("c1", "rp1");
    expect(refused.rejection?.message).toContain("'delete'");
    expect(refused.rejection?.extra.headers?.["retry-after"]).toBe(String(NO_REFILL_RETRY_SECONDS));
  });
});
