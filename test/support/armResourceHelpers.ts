/**
 * ARM resource reads and writes that only tests use (the SDK's own live in
 * src/models/armResources.ts): kept here so the SDK ships no code without a caller.
 */
import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationState, PollerLike } from "@azure/core-lro";
import type { ArmContext } from "../../src/internal/armContext.js";
import { isJsonObject } from "../../src/internal/json.js";
import type { JsonObject } from "../../src/internal/json.js";
import type { ArmPollerOptions } from "../../src/lro/armPoller.js";
import { createArmPoller } from "../../src/lro/armPoller.js";
import { apiVersionForId } from "../../src/lro/armResources.js";
import type { ManagedDisk } from "../../src/models/managedDisk.js";
import { toManagedDisk } from "../../src/models/managedDisk.js";

/** GET a resource by id (with its type's api-version); the raw JSON. */
export function getResource(ctx: ArmContext, id: string, abortSignal?: AbortSignalLike): Promise<JsonObject> {
  return ctx.getJson(ctx.urlForId(id, apiVersionForId(ctx, id)), abortSignal);
}

/** GET a managed disk. */
export async function getDisk(
  ctx: ArmContext,
  resourceGroup: string,
  diskName: string,
  abortSignal?: AbortSignalLike,
): Promise<ManagedDisk> {
  const path = ctx.providerPath(resourceGroup, "Microsoft.Compute", "disks", diskName);
  return toManagedDisk(await ctx.getJson(ctx.url(path, ctx.diskApiVersion), abortSignal));
}

/** PUT a managed disk (create or update), as a poller of the finished disk. */
export function putDisk(
  ctx: ArmContext,
  resourceGroup: string,
  diskName: string,
  body: JsonObject,
  options: ArmPollerOptions = {},
): PollerLike<OperationState<ManagedDisk>, ManagedDisk> {
  const path = ctx.providerPath(resourceGroup, "Microsoft.Compute", "disks", diskName);
  return createArmPoller<ManagedDisk>({
    ctx,
    method: "PUT",
    url: ctx.url(path, ctx.diskApiVersion),
    apiVersion: ctx.diskApiVersion,
    description: `Creating disk '${diskName}' (resource group '${resourceGroup}')`,
    finalState: "resource",
    mapResult: (result) => toManagedDisk(isJsonObject(result) ? result : {}),
    prepare: () => Promise.resolve(body),
    options,
  });
}
