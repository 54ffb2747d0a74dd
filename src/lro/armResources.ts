import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationState, PollerLike } from "@azure/core-lro";
import { NETWORK_API_VERSION } from "../constants.js";
import type { ArmPollerOptions } from "./armPoller.js";
import { createArmPoller, createDeletePoller } from "./armPoller.js";
import { parseResourceId } from "../resourceId.js";
import type { ArmContext } from "../internal/armContext.js";
import { isJsonObject } from "../internal/json.js";
import type { JsonObject } from "../internal/json.js";

/**
 * Reads and writes of the resources around restore points (VMs, disks, NICs) that the high-level
 * helpers (restoreVm, guards) need. Internal: not part of the public API.
 */

/** The api-version ARM expects for a resource id, by provider and type. */
export function apiVersionForId(ctx: ArmContext, id: string): string {
  const type = parseResourceId(id).resourceType?.toLowerCase() ?? "";
  if (type.startsWith("microsoft.network/")) return NETWORK_API_VERSION;
  if (
    type === "microsoft.compute/disks" ||
    type.includes("diskrestorepoints") ||
    type.includes("diskencryptionsets")
  ) {
    return ctx.diskApiVersion;
  }
  return ctx.computeApiVersion;
}

/** GET a VM, optionally with its instance view. */
export function getVirtualMachine(
  ctx: ArmContext,
  resourceGroup: string,
  vmName: string,
  options: { instanceView?: boolean; abortSignal?: AbortSignalLike } = {},
): Promise<JsonObject> {
  const path = ctx.providerPath(resourceGroup, "Microsoft.Compute", "virtualMachines", vmName);
  const query = options.instanceView === true ? { $expand: "instanceView" } : undefined;
  return ctx.getJson(ctx.url(path, ctx.computeApiVersion, query), options.abortSignal);
}

/** PUT a VM, as a poller of the raw VM JSON. */
export function putVirtualMachine(
  ctx: ArmContext,
  resourceGroup: string,
  vmName: string,
  body: JsonObject,
  options: ArmPollerOptions = {},
): PollerLike<OperationState<JsonObject>, JsonObject> {
  const path = ctx.providerPath(resourceGroup, "Microsoft.Compute", "virtualMachines", vmName);
  return putRaw(
    ctx,
    ctx.url(path, ctx.computeApiVersion),
    ctx.computeApiVersion,
    `VM '${vmName}'`,
    body,
    options,
  );
}

/** PUT a network interface, as a poller of the raw NIC JSON. */
export function putNetworkInterface(
  ctx: ArmContext,
  resourceGroup: string,
  nicName: string,
  body: JsonObject,
  options: ArmPollerOptions = {},
): PollerLike<OperationState<JsonObject>, JsonObject> {
  const path = ctx.providerPath(resourceGroup, "Microsoft.Network", "networkInterfaces", nicName);
  return putRaw(
    ctx,
    ctx.url(path, NETWORK_API_VERSION),
    NETWORK_API_VERSION,
    `network interface '${nicName}'`,
    body,
    options,
  );
}

/** DELETE any resource by id (rollback of restoreVm), as a poller. */
export function deleteResource(
  ctx: ArmContext,
  id: string,
  options: ArmPollerOptions = {},
): PollerLike<OperationState<void>, void> {
  const apiVersion = apiVersionForId(ctx, id);
  return createDeletePoller(ctx, ctx.urlForId(id, apiVersion), apiVersion, `Deleting '${id}'`, options);
}

function putRaw(
  ctx: ArmContext,
  url: string,
  apiVersion: string,
  what: string,
  body: JsonObject,
  options: ArmPollerOptions,
): PollerLike<OperationState<JsonObject>, JsonObject> {
  return createArmPoller<JsonObject>({
    ctx,
    method: "PUT",
    url,
    apiVersion,
    description: `Creating ${what}`,
    finalState: "resource",
    mapResult: (result) => (isJsonObject(result) ? result : {}),
    prepare: () => Promise.resolve(body),
    options,
  });
}
