/** The VM reads and power actions of the in-place restore (Compute RP). */
import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationState, PollerLike } from "@azure/core-lro";
import { isRestError } from "@azure/core-rest-pipeline";
import type { ArmContext } from "../internal/armContext.js";
import { arrayAt, isJsonObject, stringAt } from "../internal/json.js";
import type { JsonObject } from "../internal/json.js";
import { createArmPoller } from "../lro/armPoller.js";

function vmPath(ctx: ArmContext, resourceGroup: string, vmName: string, ...more: string[]): string {
  return ctx.providerPath(resourceGroup, "Microsoft.Compute", "virtualMachines", vmName, ...more);
}

/**
 * GETs a VM with its user data (a PUT without `userData` would clear it); `undefined` on 404.
 */
export async function getVmForUpdate(
  ctx: ArmContext,
  resourceGroup: string,
  vmName: string,
  abortSignal: AbortSignalLike | undefined,
): Promise<JsonObject | undefined> {
  const url = ctx.url(vmPath(ctx, resourceGroup, vmName), ctx.computeApiVersion, { $expand: "userData" });
  try {
    return await ctx.getJson(url, abortSignal);
  } catch (e) {
    if (isRestError(e) && e.statusCode === 404) return undefined;
    throw e;
  }
}

/** The VM's power state (`running`, `deallocated`...) from its instance view; `undefined` when not reported. */
export async function getPowerState(
  ctx: ArmContext,
  resourceGroup: string,
  vmName: string,
  abortSignal: AbortSignalLike | undefined,
): Promise<string | undefined> {
  const url = ctx.url(vmPath(ctx, resourceGroup, vmName, "instanceView"), ctx.computeApiVersion);
  const view = await ctx.getJson(url, abortSignal);
  for (const status of arrayAt(view, "statuses")) {
    const code = isJsonObject(status) ? stringAt(status, "code") : undefined;
    if (code?.toLowerCase().startsWith("powerstate/") === true) return code.slice("powerstate/".length);
  }
  return undefined;
}

/** `deallocate` or `start` (POST, long-running, safe to resend), as a poller. */
export function beginPowerAction(
  ctx: ArmContext,
  resourceGroup: string,
  vmName: string,
  action: "deallocate" | "start",
  updateIntervalInMs: number | undefined,
): PollerLike<OperationState<void>, void> {
  return createArmPoller({
    ctx,
    method: "POST",
    url: ctx.url(vmPath(ctx, resourceGroup, vmName, action), ctx.computeApiVersion),
    apiVersion: ctx.computeApiVersion,
    description: `${action === "start" ? "Starting" : "Deallocating"} VM '${vmName}' (resource group '${resourceGroup}')`,
    finalState: "none",
    idempotent: true,
    mapResult: () => undefined,
    options: { updateIntervalInMs },
  });
}
