/** Builders of protection facts for the pure planner's tests. */
import { toVmRestorePoint } from "../../src/models/vmRestorePoint.js";
import type { VmRestorePoint } from "../../src/index.js";
import { collectionNameOf, POLICY_TAG } from "../../src/protection/naming.js";
import type { ProtectedVmFacts, ProtectionCollectionFacts } from "../../src/protection/protectionFacts.js";

export const SUB = "00000000-0000-0000-0000-000000000001";

export function vmId(name: string, rg = "rg-prod", sub = SUB): string {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
}

export function point(
  collectionId: string,
  name: string,
  createdOn: Date,
  state = "Succeeded",
  extra: Record<string, unknown> = {},
): VmRestorePoint {
  return toVmRestorePoint({
    id: `${collectionId}/restorePoints/${name}`,
    name,
    properties: { timeCreated: createdOn.toISOString(), provisioningState: state, ...extra },
  });
}

export function collectionId(name: string, rg = "rg-prod", sub = SUB): string {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/restorePointCollections/${name}`;
}

/** The policy's own collection of a VM in a region. */
export function ownCollection(
  vm: string,
  policy: string,
  region: string,
  points: (collectionId: string) => VmRestorePoint[],
  tags: Record<string, string> = {},
): ProtectionCollectionFacts {
  const name = collectionNameOf(vm, policy, region);
  const id = collectionId(name);
  return {
    id,
    name,
    resourceGroup: "rg-prod",
    location: region,
    tags: { [POLICY_TAG]: policy, ...tags },
    points: points(id),
  };
}

export function vmFacts(
  name: string,
  collections: ProtectionCollectionFacts[] = [],
  extra: Partial<ProtectedVmFacts> = {},
): ProtectedVmFacts {
  return {
    id: vmId(name),
    name,
    subscriptionId: SUB,
    resourceGroup: "rg-prod",
    location: "westeurope",
    tags: { backup: "gold" },
    collections,
    ...extra,
  };
}
