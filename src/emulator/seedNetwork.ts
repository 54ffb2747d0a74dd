/**
 * `emu.addVirtualNetwork`, and the default network `emu.addVm` puts its NIC in: virtual networks
 * straight into the state, checked by the same rules as a PUT, so that tests have real subnets to
 * give `restoreVm` (the emulator refuses NICs in subnets that do not exist, as Azure does).
 */
import type { HandlerContext } from "./http.js";
import { ensureResourceGroup } from "./resources/resourceGroups.js";
import {
  readVirtualNetworkSpec,
  requireSubnet,
  virtualNetworkId,
  writeVirtualNetwork,
  VNET_TYPE,
} from "./resources/virtualNetworks.js";
import { checkNetworkName } from "./rules/namesAndVersions.js";
import { checkSeedTags } from "./rules/tags.js";
import { keyOf, normalizeLocation } from "./state.js";
import { ArmError } from "./armErrors.js";

/**
 * A subnet of a network made by `emu.addVirtualNetwork`.
 * @public
 */
export interface SeedSubnetSpec {
  /** Subnet name, unique in its network. */
  name: string;
  /**
   * Address range in CIDR notation.
   * @defaultValue `10.0.<index>.0/24`
   */
  addressPrefix?: string;
}

/**
 * The virtual network that `emu.addVirtualNetwork` creates (or replaces).
 * @public
 */
export interface AddVirtualNetworkOptions {
  /** Resource group of the network; created (in `location`) when it does not exist. */
  resourceGroup: string;
  /** Network name (2 to 64 characters), unique in its resource group. */
  name: string;
  /** Region; NICs can only use its subnets in the same region. */
  location: string;
  /**
   * Address space of the network.
   * @defaultValue ["10.0.0.0/16"]
   */
  addressPrefixes?: readonly string[];
  /**
   * Its subnets.
   * @defaultValue one subnet named `default`
   */
  subnets?: readonly SeedSubnetSpec[];
  /** Tags of the network (Azure's tag rules apply). */
  tags?: Record<string, string>;
}

/**
 * What `emu.addVirtualNetwork` created.
 * @public
 */
export interface AddedVirtualNetwork {
  /** ARM id of the network. */
  readonly id: string;
  /** ARM ids of its subnets, in the order given (pass one as `restoreVm`'s `subnetId`). */
  readonly subnetIds: readonly string[];
}

/** Name of the network `emu.addVm` puts a VM's NIC in unless told otherwise. */
export function defaultNetworkName(location: string): string {
  return `vnet-${normalizeLocation(location)}`;
}

export const DEFAULT_SUBNET_NAME = "default";

/** Turns an ArmError of a rule into the TypeError/RangeError a JavaScript caller expects. */
function asArgumentError(error: unknown, name: string): never {
  if (error instanceof ArmError) throw new RangeError(`${name}: ${error.code}: ${error.message}`);
  throw error;
}

export function seedVirtualNetwork(
  context: HandlerContext,
  spec: AddVirtualNetworkOptions,
): AddedVirtualNetwork {
  if (typeof spec.name !== "string") throw new TypeError("addVirtualNetwork: name must be a string.");
  if (typeof spec.location !== "string" || spec.location === "") {
    throw new TypeError("addVirtualNetwork: location is required.");
  }
  const tags = spec.tags === undefined ? undefined : checkSeedTags(spec.tags, "addVirtualNetwork: tags");
  const subnets: readonly SeedSubnetSpec[] = spec.subnets ?? [{ name: DEFAULT_SUBNET_NAME }];
  if (!(subnets instanceof Array)) throw new TypeError("addVirtualNetwork: subnets must be an array.");
  let parsed;
  try {
    checkNetworkName(spec.name, VNET_TYPE);
    // The same reader as a PUT body, so that both refuse the same things.
    parsed = readVirtualNetworkSpec({
      ...(spec.addressPrefixes === undefined
        ? {}
        : { addressSpace: { addressPrefixes: [...spec.addressPrefixes] } }),
      subnets: subnets.map((subnet) => ({
        name: subnet.name,
        ...(subnet.addressPrefix === undefined
          ? {}
          : { properties: { addressPrefix: subnet.addressPrefix } }),
      })),
    });
  } catch (error) {
    asArgumentError(error, "addVirtualNetwork");
  }
  const group = ensureResourceGroup(context, spec.resourceGroup, spec.location);
  let written;
  try {
    written = writeVirtualNetwork(
      context,
      { resourceGroup: group.name, name: spec.name, location: spec.location },
      parsed,
      tags,
    );
  } catch (error) {
    asArgumentError(error, "addVirtualNetwork");
  }
  return {
    id: written.vnet.id,
    subnetIds: written.vnet.subnets.map((subnet) => `${written.vnet.id}/subnets/${subnet.name}`),
  };
}

/**
 * The subnet for a VM that `emu.addVm` creates: the given one (which must exist in the VM's
 * region), or `default` of the resource group's `vnet-<location>`, created when missing.
 */
export function subnetForSeededVm(
  context: HandlerContext,
  place: { resourceGroup: string; location: string; nicId: string },
  subnetId: string | undefined,
): string {
  if (subnetId !== undefined) {
    try {
      requireSubnet(context, subnetId, place.nicId, place.location);
    } catch (error) {
      asArgumentError(error, "addVm: subnetId");
    }
    return subnetId;
  }
  const name = defaultNetworkName(place.location);
  const id = virtualNetworkId(context.options.subscriptionId, place.resourceGroup, name);
  const existing = context.state.virtualNetworks[keyOf(id)];
  if (existing === undefined) {
    return (
      seedVirtualNetwork(context, { resourceGroup: place.resourceGroup, name, location: place.location })
        .subnetIds[0] ?? ""
    );
  }
  if (!existing.subnets.some((s) => s.name.toLowerCase() === DEFAULT_SUBNET_NAME)) {
    existing.subnets.push({
      name: DEFAULT_SUBNET_NAME,
      addressPrefix: `10.0.${existing.subnets.length}.0/24`,
    });
  }
  return `${existing.id}/subnets/${DEFAULT_SUBNET_NAME}`;
}
