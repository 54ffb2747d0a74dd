/** The NICs of a restored VM: the caller's, checked before anything is created, or a new one. */
import type { AbortSignalLike } from "@azure/abort-controller";
import type { ArmContext } from "../internal/armContext.js";
import { putNetworkInterface } from "../lro/armResources.js";
import { normalizeRegion } from "../regions.js";
import { objectAt, stringAt } from "../internal/json.js";
import { sameResourceId } from "../resourceId.js";
import { hasOperationTag } from "./operationTag.js";
import { preflightError } from "./restorePointSource.js";
import type { CreatedResources } from "./rollback.js";
import { getIfExists, trackCreate } from "./rollback.js";
import { networkInterfaceBody } from "./vmBody.js";

/** Reuse the caller's NICs (never deleted), or create `<vmName>-nic` (ours, rolled back). */
export type NetworkPlan =
  | { readonly kind: "reuse"; readonly ids: readonly string[] }
  | {
      readonly kind: "create";
      readonly name: string;
      readonly id: string;
      readonly subnetId: string;
      /** A NIC of an interrupted run of this restore already stands there. */
      readonly existing: boolean;
    };

/** Checks the NICs the restore will use; a conflict is refused before anything is created. */
export async function planNetwork(
  ctx: ArmContext,
  init: {
    resourceGroup: string;
    vmName: string;
    vmId: string;
    location: string;
    networkInterfaceIds: readonly string[] | undefined;
    subnetId: string | undefined;
    operationId: string;
    abortSignal: AbortSignalLike | undefined;
  },
): Promise<NetworkPlan> {
  if (init.networkInterfaceIds !== undefined) {
    await Promise.all(
      init.networkInterfaceIds.map(async (id) => {
        const nic = await getIfExists(ctx, id, init.abortSignal);
        if (nic === undefined)
          throw preflightError(`Cannot restore: network interface '${id}' does not exist.`);
        checkFree(nic, id, init.vmId);
        const location = stringAt(nic, "location");
        if (location !== undefined && normalizeRegion(location) !== normalizeRegion(init.location)) {
          throw preflightError(
            `Cannot restore: network interface '${id}' is in '${location}', but the restore point's VM is restored in '${init.location}'.`,
          );
        }
      }),
    );
    return { kind: "reuse", ids: init.networkInterfaceIds };
  }
  const name = `${init.vmName}-nic`;
  const id = ctx.providerPath(init.resourceGroup, "Microsoft.Network", "networkInterfaces", name);
  const found = await getIfExists(ctx, id, init.abortSignal);
  if (found !== undefined && !hasOperationTag(found, init.operationId)) {
    throw preflightError(
      `Cannot restore: network interface '${name}' already exists in resource group '${init.resourceGroup}' ` +
        "and was not made by this restore. Pass it in networkInterfaceIds to use it, or delete it.",
    );
  }
  if (found !== undefined) checkFree(found, id, init.vmId);
  return { kind: "create", name, id, subnetId: init.subnetId ?? "", existing: found !== undefined };
}

function checkFree(nic: unknown, id: string, vmId: string): void {
  const owner = stringAt(objectAt(objectAt(nic, "properties"), "virtualMachine"), "id");
  if (owner !== undefined && !sameResourceId(owner, vmId)) {
    throw preflightError(`Cannot restore: network interface '${id}' is attached to VM '${owner}'.`);
  }
}

/** Creates the planned NIC (or takes the one of an interrupted run); returns the VM's NIC ids. */
export async function ensureNetwork(
  ctx: ArmContext,
  plan: NetworkPlan,
  init: {
    resourceGroup: string;
    location: string;
    tags: Readonly<Record<string, string>>;
    created: CreatedResources;
    updateIntervalInMs: number | undefined;
  },
): Promise<readonly string[]> {
  if (plan.kind === "reuse") return plan.ids;
  if (plan.existing) {
    init.created.add("nic", plan.id);
    return [plan.id];
  }
  const poller = putNetworkInterface(
    ctx,
    init.resourceGroup,
    plan.name,
    networkInterfaceBody(init.location, plan.subnetId, init.tags),
    { updateIntervalInMs: init.updateIntervalInMs },
  );
  const nic = await trackCreate(ctx, init.created, "nic", plan.id, poller);
  return [stringAt(nic, "id") ?? plan.id];
}
