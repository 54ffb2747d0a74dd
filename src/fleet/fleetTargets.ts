/**
 * Argument checks of `createRestorePoints`, all before any request: VM ids, duplicates, and the
 * collection and restore point name of every VM.
 */
import { validateCollectionName, validateRestorePointName, describe } from "../internal/validation.js";
import { parseResourceIdOfType } from "../resourceId.js";
import type { CreateRestorePointsOptions, FleetVm } from "./fleetTypes.js";

/** One VM's work. */
export interface FleetTarget {
  /** Position in the caller's list, where its result goes. */
  readonly index: number;
  readonly vm: FleetVm;
  readonly collectionName: string;
  readonly restorePointName: string;
}

/** `rp-20261125T101500Z` */
export function defaultRestorePointName(now: Date): string {
  return `rp-${now.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
}

/**
 * Checks the VM ids and works out every VM's names.
 *
 * @throws TypeError for a malformed or duplicate id, a VM of another subscription, or two VMs that would share a collection
 * @throws RangeError for a name that breaks ARM's naming rules
 */
export function planFleetTargets(
  subscriptionId: string,
  vmIds: readonly string[],
  options: Pick<CreateRestorePointsOptions, "collectionName" | "restorePointName">,
  now: Date,
): FleetTarget[] {
  if (!Array.isArray(vmIds)) throw new TypeError("vmIds must be an array of virtual machine ids");
  const collectionName = namer(options.collectionName, "collectionName", (vm) => `${vm.name}-rpc`);
  const fixedPointName = defaultRestorePointName(now);
  const pointName = namer(options.restorePointName, "restorePointName", () => fixedPointName);
  const seenVms = new Map<string, string>();
  const seenCollections = new Map<string, string>();
  return vmIds.map((id, index) => {
    const parsed = parseResourceIdOfType(id, `vmIds[${index}]`, "Microsoft.Compute/virtualMachines");
    if (parsed.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase()) {
      throw new TypeError(
        `vmIds[${index}] is in subscription ${parsed.subscriptionId}, but this client works in ${subscriptionId}; use a client per subscription`,
      );
    }
    const key = parsed.id.toLowerCase();
    const earlier = seenVms.get(key);
    if (earlier !== undefined) {
      // Two creations on one VM at once would fail in Azure: refuse before doing anything.
      throw new TypeError(`vmIds[${index}] repeats ${earlier}: give every VM once`);
    }
    seenVms.set(key, `vmIds[${index}]`);
    const vm: FleetVm = { id: parsed.id, name: parsed.name, resourceGroup: parsed.resourceGroup };
    const target: FleetTarget = {
      index,
      vm,
      collectionName: validateCollectionName(collectionName(vm)),
      restorePointName: validateRestorePointName(pointName(vm)),
    };
    const collectionKey = `${vm.resourceGroup}/${target.collectionName}`.toLowerCase();
    const sharer = seenCollections.get(collectionKey);
    if (sharer !== undefined) {
      // A collection captures one VM; a second VM's points cannot go into it.
      throw new TypeError(
        `VMs ${sharer} and ${vm.name} would share collection '${target.collectionName}' in resource group '${vm.resourceGroup}'; give collectionName as a function of the VM`,
      );
    }
    seenCollections.set(collectionKey, vm.name);
    return target;
  });
}

function namer(
  option: string | ((vm: FleetVm) => string) | undefined,
  what: string,
  fallback: (vm: FleetVm) => string,
): (vm: FleetVm) => string {
  if (option === undefined) return fallback;
  if (typeof option === "string") return () => option;
  if (typeof option === "function") return option;
  throw new TypeError(`${what} must be a string or a function of the VM, got ${describe(option)}`);
}
