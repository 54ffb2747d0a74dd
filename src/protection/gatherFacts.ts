/**
 * The reads behind a plan or a status: per subscription (in parallel) the selected VMs, the
 * subscription's collections (one list), then for each VM its collections of the policy (its own
 * region and every copy region) and its platform collections with their points, and the
 * replication state of its newest copies. The pure cores decide from these facts.
 */
import type { AbortSignalLike } from "@azure/abort-controller";
import type { ArmContext } from "../internal/armContext.js";
import { forEachBounded } from "../internal/boundedParallel.js";
import { listArmPages } from "../internal/paging.js";
import { pathOf } from "../internal/urls.js";
import type { RestorePointCollection } from "../models/collection.js";
import { toRestorePointCollection } from "../models/collection.js";
import type { VmRestorePoint } from "../models/vmRestorePoint.js";
import { toVmRestorePoint } from "../models/vmRestorePoint.js";
import { normalizeRegion } from "../regions.js";
import { sameResourceId } from "../resourceId.js";
import { loadCollectionWithPoints } from "../retention/pruneFacts.js";
import { discoverVms } from "./discovery.js";
import type { DiscoveredVm } from "./discovery.js";
import { collectionNameOf, POLICY_TAG } from "./naming.js";
import type { ProtectedVmFacts, ProtectionCollectionFacts } from "./protectionFacts.js";
import type { ResolvedPolicy } from "./resolvePolicy.js";
import { protectionShardOf, selectorSubscriptions } from "./selector.js";

/** Reads at once per subscription. */
const READ_CONCURRENCY = 8;
/** Basic data protection names its points after their UTC creation time. */
const PLATFORM_POINT = /^rp-\d{8}-\d{6}/i;

export interface GatherOptions {
  readonly shard: { index: number; count: number } | undefined;
  readonly activeAccess: readonly string[];
  readonly abortSignal: AbortSignalLike | undefined;
}

/** The facts of one subscription, with the context its writes go through. */
export interface SubscriptionFacts {
  readonly ctx: ArmContext;
  readonly vms: ProtectedVmFacts[];
}

/** The contexts of the selector's subscriptions: the client's own, and siblings for the others. */
export function subscriptionContexts(ctx: ArmContext, policy: ResolvedPolicy): ArmContext[] {
  return selectorSubscriptions(policy.source.selector, ctx.subscriptionId).map((s) =>
    s.toLowerCase() === ctx.subscriptionId.toLowerCase() ? ctx : ctx.withSubscription(s),
  );
}

/** Gathers every subscription's facts, subscriptions in parallel. */
export async function gatherFacts(
  ctx: ArmContext,
  policy: ResolvedPolicy,
  options: GatherOptions,
): Promise<SubscriptionFacts[]> {
  return Promise.all(
    subscriptionContexts(ctx, policy).map(async (sub) => ({
      ctx: sub,
      vms: await gatherSubscription(sub, policy, options),
    })),
  );
}

async function gatherSubscription(
  ctx: ArmContext,
  policy: ResolvedPolicy,
  options: GatherOptions,
): Promise<ProtectedVmFacts[]> {
  const { shard, abortSignal } = options;
  const vms = (await discoverVms(ctx, policy.source.selector, abortSignal)).filter(
    (vm) => shard === undefined || protectionShardOf(vm.id, shard.count) === shard.index,
  );
  if (vms.length === 0) return [];
  const url = ctx.url(
    `${ctx.subscriptionPath}${pathOf("providers", "Microsoft.Compute", "restorePointCollections")}`,
    ctx.computeApiVersion,
  );
  const byKey = new Map<string, RestorePointCollection>();
  const bySource = new Map<string, RestorePointCollection[]>();
  for await (const c of listArmPages(ctx, url, toRestorePointCollection, abortSignal)) {
    byKey.set(`${c.resourceGroup}/${c.name}`.toLowerCase(), c);
    if (c.sourceId !== undefined) {
      const key = c.sourceId.toLowerCase();
      bySource.set(key, [...(bySource.get(key) ?? []), c]);
    }
  }
  const facts: ProtectedVmFacts[] = [];
  await forEachBounded(
    vms,
    READ_CONCURRENCY,
    async (vm, index) => {
      facts[index] = await vmFacts(ctx, policy, vm, byKey, bySource, options);
    },
    abortSignal,
  );
  return facts;
}

async function vmFacts(
  ctx: ArmContext,
  policy: ResolvedPolicy,
  vm: DiscoveredVm,
  byKey: ReadonlyMap<string, RestorePointCollection>,
  bySource: ReadonlyMap<string, readonly RestorePointCollection[]>,
  options: GatherOptions,
): Promise<ProtectedVmFacts> {
  const home = normalizeRegion(vm.location);
  const regions = [home, ...policy.copyRegions.filter((r) => r !== home)];
  const wanted: Array<{ collection: RestorePointCollection; platform: boolean }> = [];
  for (const region of regions) {
    const c = byKey.get(
      `${vm.resourceGroup}/${collectionNameOf(vm.name, policy.name, region)}`.toLowerCase(),
    );
    if (c !== undefined) wanted.push({ collection: c, platform: false });
  }
  if (vm.platformProtection) {
    for (const c of bySource.get(vm.id.toLowerCase()) ?? []) {
      if (
        !Object.keys(c.tags).some((k) => k.toLowerCase() === POLICY_TAG) &&
        sameResourceId(c.sourceId, vm.id)
      ) {
        wanted.push({ collection: c, platform: true });
      }
    }
  }
  const collections: ProtectionCollectionFacts[] = [];
  for (const { collection, platform } of wanted) {
    const { points } = await loadCollectionWithPoints(
      ctx,
      ctx.urlForId(collection.id, ctx.computeApiVersion),
      options.abortSignal,
    );
    const region = normalizeRegion(collection.location);
    const kept = platform ? points.filter((p) => PLATFORM_POINT.test(p.name)) : points;
    collections.push({
      id: collection.id,
      name: collection.name,
      resourceGroup: collection.resourceGroup,
      location: collection.location,
      tags: collection.tags,
      ...(platform ? { platform: true } : {}),
      points:
        region === home || platform ? kept : await withNewestReplication(ctx, kept, options.abortSignal),
    });
  }
  const activeAccess = options.activeAccess.filter((id) =>
    id.toLowerCase().startsWith(`/subscriptions/${vm.subscriptionId.toLowerCase()}/`),
  );
  return {
    id: vm.id,
    name: vm.name,
    subscriptionId: vm.subscriptionId,
    resourceGroup: vm.resourceGroup,
    location: vm.location,
    tags: vm.tags,
    collections,
    ...(activeAccess.length === 0 ? {} : { activeAccess }),
  };
}

/**
 * A copy's listing says `Succeeded` while its data may still be on the way: the newest copy is
 * read again with its instance view, so the planner sees whether it still replicates.
 */
async function withNewestReplication(
  ctx: ArmContext,
  points: readonly VmRestorePoint[],
  abortSignal: AbortSignalLike | undefined,
): Promise<VmRestorePoint[]> {
  const newest = [...points]
    .filter((p) => p.provisioningState?.toLowerCase() === "succeeded" && p.sourceRestorePointId !== undefined)
    .sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0))[0];
  if (newest === undefined) return [...points];
  const fresh = toVmRestorePoint(
    await ctx.getJson(
      ctx.urlForId(newest.id, ctx.computeApiVersion, { $expand: "instanceView" }),
      abortSignal,
    ),
  );
  return points.map((p) => (p === newest ? fresh : p));
}
