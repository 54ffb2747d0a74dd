/**
 * The throttling buckets of ARM and of the Compute resource provider, their Azure sizes, and which
 * Compute policies a request touches. The token-bucket mechanics live in throttle.ts.
 *
 * Confidence as in SERVICE-RULES.md: **H** = current Microsoft text or a recording, **M** = an older
 * or indirect source, **U** = invented by analogy (a plausible name or size, not seen anywhere).
 *
 * - ARM (H, "request limits and throttling", 2024 token-bucket architecture): per subscription and
 *   principal, reads 250 (+25/s), writes 200 (+10/s), deletes 200 (+10/s); global subscription
 *   limits across principals are 15 times those (the 2025 recordings show `...-global-reads: 3749`
 *   and `...-global-writes: 2999`).
 * - Compute restore-point policies (names H from the 2023–2025 recordings; capacities H where a
 *   recording shows `capacity - 1` after one request; windows U, hence `computeWindowSeconds`).
 * - Compute VM policies (sizes H from "Compute throttling limits": refill per minute, capacity three
 *   times that, so a 180 s window; names H for the low-cost GET, U for the others).
 * - Disk RP policies keep the old `3Min`/`30Min` pairs (M: recorded 2025 with these remaining counts).
 */
import type { RouteDefinition } from "./router.js";

/** ARM's per-principal and global subscription buckets. */
export type ArmBucketName = "reads" | "writes" | "deletes" | "globalReads" | "globalWrites" | "globalDeletes";

export const ARM_BUCKETS: Readonly<Record<ArmBucketName, { capacity: number; refillPerSecond: number }>> = {
  reads: { capacity: 250, refillPerSecond: 25 },
  writes: { capacity: 200, refillPerSecond: 10 },
  deletes: { capacity: 200, refillPerSecond: 10 },
  globalReads: { capacity: 3750, refillPerSecond: 375 },
  globalWrites: { capacity: 3000, refillPerSecond: 150 },
  globalDeletes: { capacity: 3000, refillPerSecond: 150 },
};

export interface ComputePolicy {
  /** Tokens when full; also the `allowedRequestCount` of a 429. */
  readonly capacity: number;
  /**
   * Seconds in which an empty bucket refills completely (refill = capacity / window), or
   * `"compute"` for the unpublished restore-point windows (`computeWindowSeconds`, default 180).
   */
  readonly windowSeconds: number | "compute";
  /** `resource`: one bucket per collection, VM or operation; `subscription`: one in all. */
  readonly scope: "resource" | "subscription";
}

const perResource = (capacity: number, windowSeconds: number | "compute" = "compute"): ComputePolicy => ({
  capacity,
  windowSeconds,
  scope: "resource",
});
const perSubscription = (capacity: number, windowSeconds: number | "compute" = "compute"): ComputePolicy => ({
  capacity,
  windowSeconds,
  scope: "subscription",
});

export const COMPUTE_POLICIES = {
  // Restore point collections and restore points (2023-07 and later).
  PutRestorePointCollectionResource: perResource(15), // H: recorded 14
  PutRestorePointCollectionSubscriptionMaximum: perSubscription(150), // H: recorded 149
  PutRestorePointResource: perResource(6), // H: recorded 5 (per collection)
  PutRestorePointSubscriptionMaximum: perSubscription(150), // H: recorded 149
  CreateCrashConsistentRestorePoint: perResource(3, 3600), // H name, recorded 2; M: "3 per hour per VM per mode"
  LowCostGetRestorePointSubscriptionMaximum: perSubscription(600), // H: recorded 599
  HighCostGetRestorePointSubscriptionMaximum: perSubscription(300), // U: name by analogy, size guessed
  DeleteRestorePointSubscriptionMaximum: perSubscription(360), // H: recorded 359
  DiskRestorePointAccessSubscriptionMaximum: perSubscription(150), // U: SAS grant/revoke, nothing recorded
  GetOperationResource: perResource(60), // H: recorded 59 (per operation)
  GetOperationSubscriptionMaximum: perSubscription(15000), // H: recorded 14999
  // Virtual machines ("Compute throttling limits": per-minute refill, capacity = 3 minutes of refill).
  PutVMResource: perResource(12, 180), // sizes H, name U
  PutVMSubscriptionMaximum: perSubscription(1500, 180), // sizes H, name U
  UpdateVMResource: perResource(12, 180), // sizes H, name U
  UpdateVMSubscriptionMaximum: perSubscription(1500, 180), // sizes H, name U
  DeleteVMResource: perResource(12, 180), // sizes H, name U
  DeleteVMSubscriptionMaximum: perSubscription(1500, 180), // sizes H, name U
  LowCostGetResource: perResource(36, 180), // H: recorded 32 for a VM GET
  LowCostGetSubscriptionMaximum: perSubscription(24000, 180), // H: recorded 23999
  HighCostGetVMSubscriptionMaximum: perSubscription(900, 180), // sizes H, name U
  // Managed disks and their long-running operations (old-style fixed windows, recorded 2025).
  CreateUpdateDisks3Min: perSubscription(3000, 180), // M: recorded 2998
  CreateUpdateDisks30Min: perSubscription(25000, 1800), // M: recorded 24987
  DeleteDisks3Min: perSubscription(3000, 180), // U
  DeleteDisks30Min: perSubscription(25000, 1800), // U
  LowCostGet3Min: perSubscription(15000, 180), // M: recorded 14983
  LowCostGet30Min: perSubscription(120000, 1800), // M: recorded 119792
  HighCostGet3Min: perSubscription(1000, 180), // U
  HighCostGet30Min: perSubscription(5000, 1800), // U
  GetOperation3Min: perSubscription(50000, 180), // M: recorded 49975 (DiskOperations polls)
  GetOperation30Min: perSubscription(400000, 1800), // M: recorded 399765
} as const satisfies Record<string, ComputePolicy>;

export type ComputePolicyName = keyof typeof COMPUTE_POLICIES;

/** What the throttler needs to know about a request (an `ArmRequest` fits). */
export interface ThrottleRequest {
  readonly method: string;
  /** Path without query. */
  readonly path: string;
  readonly body?: unknown;
}

/** One Compute policy a request is charged against, with the key of its bucket. */
export interface PolicyUse {
  readonly policy: ComputePolicyName;
  /** `""` for subscription policies; the lower-cased resource path for per-resource ones. */
  readonly key: string;
}

/** ARM's bucket kind for a method: GET/HEAD read, DELETE delete, everything else write. */
export function armKind(method: string): "reads" | "writes" | "deletes" {
  const upper = method.toUpperCase();
  if (upper === "GET" || upper === "HEAD") return "reads";
  return upper === "DELETE" ? "deletes" : "writes";
}

/**
 * The Compute policies a request is charged against, in the order Azure lists them in
 * `x-ms-ratelimit-remaining-resource`. Unknown or absent groups (resource groups, network) have none.
 */
export function policiesFor(route: RouteDefinition, request: ThrottleRequest): PolicyUse[] {
  const method = request.method.toUpperCase();
  // A list ends in a collection segment; a single resource (or its instanceView) does not.
  const single = !/\/(?:restorePointCollections|virtualMachines|disks|diskRestorePoints)\/?$/i.test(
    route.pattern,
  );
  const resource = resourceKey(request.path);
  const use = (...names: ComputePolicyName[]): PolicyUse[] =>
    names.map((policy) => ({ policy, key: COMPUTE_POLICIES[policy].scope === "resource" ? resource : "" }));
  switch (route.throttleGroup) {
    case "collection":
      if (method === "PUT" || method === "PATCH") {
        return use("PutRestorePointCollectionResource", "PutRestorePointCollectionSubscriptionMaximum");
      }
      return readOrDelete(method, use);
    case "collectionList":
      return use("HighCostGetRestorePointSubscriptionMaximum");
    case "restorePoint":
      if (method === "PUT") {
        const names: ComputePolicyName[] = ["PutRestorePointResource", "PutRestorePointSubscriptionMaximum"];
        if (isCrashConsistent(request.body)) names.push("CreateCrashConsistentRestorePoint");
        return use(...names);
      }
      return readOrDelete(method, use);
    case "diskRestorePoint":
      if (method === "POST") return use("DiskRestorePointAccessSubscriptionMaximum");
      return single
        ? use("LowCostGetRestorePointSubscriptionMaximum")
        : use("HighCostGetRestorePointSubscriptionMaximum");
    case "operation":
      return /\/diskoperations\//i.test(request.path)
        ? use("GetOperation3Min", "GetOperation30Min")
        : use("GetOperationResource", "GetOperationSubscriptionMaximum");
    case "vm":
    case "vmRead":
      if (method === "GET" || method === "HEAD") {
        return single
          ? use("LowCostGetSubscriptionMaximum", "LowCostGetResource")
          : use("HighCostGetVMSubscriptionMaximum");
      }
      if (method === "PUT") return use("PutVMResource", "PutVMSubscriptionMaximum");
      // The docs count deallocate and simulate-eviction as deletes, other actions as updates.
      if (method === "DELETE" || /\/(?:deallocate|simulateEviction)\/?$/i.test(request.path)) {
        return use("DeleteVMResource", "DeleteVMSubscriptionMaximum");
      }
      return use("UpdateVMResource", "UpdateVMSubscriptionMaximum");
    case "disk":
    case "diskRead":
      if (method === "GET" || method === "HEAD") {
        return single ? use("LowCostGet3Min", "LowCostGet30Min") : use("HighCostGet3Min", "HighCostGet30Min");
      }
      if (method === "DELETE") return use("DeleteDisks3Min", "DeleteDisks30Min");
      return use("CreateUpdateDisks3Min", "CreateUpdateDisks30Min");
    default:
      return [];
  }
}

function readOrDelete(method: string, use: (...names: ComputePolicyName[]) => PolicyUse[]): PolicyUse[] {
  if (method === "DELETE") return use("DeleteRestorePointSubscriptionMaximum");
  if (method === "GET" || method === "HEAD") return use("LowCostGetRestorePointSubscriptionMaximum");
  return [];
}

function isCrashConsistent(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const properties = (body as { properties?: unknown }).properties;
  if (typeof properties !== "object" || properties === null) return false;
  const mode = (properties as { consistencyMode?: unknown }).consistencyMode;
  return typeof mode === "string" && mode.toLowerCase() === "crashconsistent";
}

/**
 * The resource a per-resource policy counts for: the collection of a restore point (or of a
 * collection), the VM, the disk, or else the whole path (an operation).
 */
export function resourceKey(path: string): string {
  const lower = path.toLowerCase().replace(/\/+$/, "");
  const tracked =
    /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.compute\/(?:restorepointcollections|virtualmachines|disks)\/[^/]+/.exec(
      lower,
    );
  return tracked?.[0] ?? lower;
}
