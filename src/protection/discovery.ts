/**
 * Finding the VMs a policy selects: one list of virtual machines per subscription, or per
 * resource group when the selector names them (`GET …/providers/Microsoft.Compute/virtualMachines`,
 * paged, with tags), through the client's pipeline. `includeVmIds` outside those lists are read
 * one by one.
 */
import type { AbortSignalLike } from "@azure/abort-controller";
import { isRestError } from "@azure/core-rest-pipeline";
import type { ArmContext } from "../internal/armContext.js";
import { booleanAt, objectAt, stringAt, stringMapAt } from "../internal/json.js";
import type { JsonObject } from "../internal/json.js";
import { listArmPages } from "../internal/paging.js";
import { pathOf } from "../internal/urls.js";
import { idParts } from "../models/common.js";
import { parseResourceId } from "../resourceId.js";
import type { ProtectionSelector } from "./policyTypes.js";
import { isSelected } from "./selector.js";

/** A VM as the listing shows it. */
export interface DiscoveredVm {
  readonly id: string;
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Whether Basic data protection (`resiliencyProfile.periodicRestorePoints`) is on. */
  readonly platformProtection: boolean;
}

/** Maps one VM of a list or GET. */
export function toDiscoveredVm(body: JsonObject): DiscoveredVm {
  const id = stringAt(body, "id") ?? "";
  const parsed = idParts(id);
  const periodic = objectAt(
    objectAt(objectAt(body, "properties"), "resiliencyProfile"),
    "periodicRestorePoints",
  );
  return {
    id,
    name: stringAt(body, "name") ?? parsed.name ?? "",
    subscriptionId: parsed.subscriptionId ?? "",
    resourceGroup: parsed.resourceGroup ?? "",
    location: stringAt(body, "location") ?? "",
    tags: stringMapAt(body, "tags"),
    platformProtection: booleanAt(periodic, "isEnabled") === true,
  };
}

/**
 * The VMs of one subscription the selector selects.
 *
 * @param ctx - a context in that subscription
 */
export async function discoverVms(
  ctx: ArmContext,
  selector: ProtectionSelector,
  abortSignal: AbortSignalLike | undefined,
): Promise<DiscoveredVm[]> {
  const paths =
    selector.resourceGroups === undefined
      ? [`${ctx.subscriptionPath}${pathOf("providers", "Microsoft.Compute", "virtualMachines")}`]
      : [...new Set(selector.resourceGroups.map((g) => g.toLowerCase()))].map((g) =>
          ctx.providerPath(g, "Microsoft.Compute", "virtualMachines"),
        );
  const found = new Map<string, DiscoveredVm>();
  for (const path of paths) {
    try {
      for await (const vm of listArmPages(
        ctx,
        ctx.url(path, ctx.computeApiVersion),
        toDiscoveredVm,
        abortSignal,
      )) {
        if (isSelected(selector, vm)) found.set(vm.id.toLowerCase(), vm);
      }
    } catch (e) {
      // A named resource group that does not exist selects nothing.
      if (!(isRestError(e) && e.statusCode === 404 && selector.resourceGroups !== undefined)) throw e;
    }
  }
  const sub = ctx.subscriptionId.toLowerCase();
  for (const id of selector.includeVmIds ?? []) {
    if (found.has(id.toLowerCase()) || parseResourceId(id).subscriptionId.toLowerCase() !== sub) continue;
    if ((selector.excludeVmIds ?? []).some((x) => x.toLowerCase() === id.toLowerCase())) continue;
    try {
      const body = await ctx.getJson(ctx.urlForId(id, ctx.computeApiVersion), abortSignal);
      const vm = toDiscoveredVm(body);
      found.set(vm.id.toLowerCase(), vm);
    } catch (e) {
      if (!(isRestError(e) && e.statusCode === 404)) throw e;
    }
  }
  return [...found.values()];
}
