/**
 * Virtual networks and their subnets (Network RP), thinly: enough that a NIC can only reference a
 * subnet that exists, in its own region, as Azure requires at the NIC step (`restoreVm` creates a
 * NIC in a given subnet). PUT answers synchronously (201 new, 200 existing) with the network
 * already `Succeeded`, like the NICs; subnets are written as part of their network (there is no
 * separate subnet PUT), and a subnet that a NIC uses cannot be removed or deleted.
 */
import { createHash, randomUUID } from "node:crypto";
import { ArmError, armErrors } from "../armErrors.js";
import type { ArmRequest, ArmResponse, HandlerContext } from "../http.js";
import type { RouteDefinition } from "../router.js";
import { checkNetworkName } from "../rules/namesAndVersions.js";
import {
  keyOf,
  normalizeLocation,
  sameId,
  type EmulatorState,
  type SubnetRecord,
  type VirtualNetworkRecord,
} from "../state.js";
import {
  isObject,
  objectAt,
  optionalString,
  paginate,
  providerResourceId,
  readTags,
  requireLocation,
  requireObjectBody,
  requireResourceGroup,
  requiredString,
} from "./common.js";
import { newTagRecord } from "../rules/tags.js";

export const VNET_TYPE = "Microsoft.Network/virtualNetworks";
const SUBNET_TYPE = "Microsoft.Network/virtualNetworks/subnets";
const PAGE_SIZE = 10;
const DEFAULT_ADDRESS_SPACE = "10.0.0.0/16";
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
/** `/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}` */
export const SUBNET_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i;

export function virtualNetworkId(subscriptionId: string, resourceGroup: string, name: string): string {
  return providerResourceId(subscriptionId, resourceGroup, "Microsoft.Network", "virtualNetworks", name);
}

function etagOf(value: unknown): string {
  const hash = createHash("sha256").update(JSON.stringify(value)).digest("hex");
  return `W/"${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}"`;
}

/** NICs whose IP configuration is in `subnetId`. */
function nicsInSubnet(state: EmulatorState, subnetId: string): string[] {
  return Object.values(state.networkInterfaces)
    .filter((nic) => sameId(nic.subnetId, subnetId))
    .map((nic) => nic.id);
}

function renderSubnet(
  vnet: VirtualNetworkRecord,
  subnet: SubnetRecord,
  state: EmulatorState,
): Record<string, unknown> {
  const id = `${vnet.id}/subnets/${subnet.name}`;
  const properties: Record<string, unknown> = {
    provisioningState: "Succeeded",
    addressPrefix: subnet.addressPrefix,
    privateEndpointNetworkPolicies: "Disabled",
    privateLinkServiceNetworkPolicies: "Enabled",
  };
  const users = nicsInSubnet(state, id);
  if (users.length > 0)
    properties.ipConfigurations = users.map((nicId) => ({ id: `${nicId}/ipConfigurations/ipconfig1` }));
  return {
    name: subnet.name,
    id,
    etag: etagOf({ vnet: vnet.resourceGuid, subnet, users }),
    type: SUBNET_TYPE,
    properties,
  };
}

export function renderVirtualNetwork(
  vnet: VirtualNetworkRecord,
  state: EmulatorState,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: vnet.name,
    id: vnet.id,
    etag: etagOf(vnet),
    type: VNET_TYPE,
    location: vnet.location,
  };
  if (Object.keys(vnet.tags).length > 0) body.tags = vnet.tags;
  body.properties = {
    provisioningState: "Succeeded",
    resourceGuid: vnet.resourceGuid,
    addressSpace: { addressPrefixes: vnet.addressPrefixes },
    subnets: vnet.subnets.map((subnet) => renderSubnet(vnet, subnet, state)),
    virtualNetworkPeerings: [],
    enableDdosProtection: false,
  };
  return body;
}

function checkCidr(value: string, target: string): string {
  const match = CIDR.exec(value);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const bits = Number(match?.[5]);
  if (match === null || octets.some((o) => o > 255) || bits > 32) {
    throw armErrors.invalidParameter(
      target,
      `'${value}' is not a valid address prefix in CIDR notation (e.g. 10.0.0.0/24).`,
    );
  }
  return value;
}

/** What a network body (or `emu.addVirtualNetwork`) asks for, checked completely. */
export interface VirtualNetworkSpec {
  readonly addressPrefixes: string[];
  readonly subnets: SubnetRecord[];
}

function readSubnets(properties: Record<string, unknown>): SubnetRecord[] {
  const value = properties.subnets;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw armErrors.invalidParameter("properties.subnets", "Property 'properties.subnets' must be an array.");
  const seen = new Set<string>();
  return value.map((item: unknown, index) => {
    const target = `properties.subnets[${index}]`;
    if (!isObject(item)) throw armErrors.invalidParameter(target, "Each subnet must be an object.");
    const name = requiredString(item, "name", `${target}.name`);
    checkNetworkName(name, SUBNET_TYPE);
    if (seen.has(name.toLowerCase()))
      throw armErrors.invalidParameter(`${target}.name`, `Subnet '${name}' is given twice.`);
    seen.add(name.toLowerCase());
    const subnetProperties = objectAt(item, "properties", `${target}.properties`);
    const prefix =
      optionalString(subnetProperties, "addressPrefix", `${target}.properties.addressPrefix`) ??
      `10.0.${index}.0/24`;
    return { name, addressPrefix: checkCidr(prefix, `${target}.properties.addressPrefix`) };
  });
}

function readAddressPrefixes(properties: Record<string, unknown>): string[] {
  const space = objectAt(properties, "addressSpace", "properties.addressSpace");
  const value = space.addressPrefixes;
  if (value === undefined || value === null) return [DEFAULT_ADDRESS_SPACE];
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== "string")) {
    throw armErrors.invalidParameter(
      "properties.addressSpace.addressPrefixes",
      "Address prefixes must be a non-empty array of strings.",
    );
  }
  return (value as string[]).map((prefix, i) =>
    checkCidr(prefix, `properties.addressSpace.addressPrefixes[${i}]`),
  );
}

/** The error for a write that would drop a subnet some NIC still uses, if any. */
function droppedSubnetInUse(
  state: EmulatorState,
  vnet: VirtualNetworkRecord,
  keep: readonly SubnetRecord[],
): ArmError | undefined {
  for (const subnet of vnet.subnets) {
    if (keep.some((k) => k.name.toLowerCase() === subnet.name.toLowerCase())) continue;
    const users = nicsInSubnet(state, `${vnet.id}/subnets/${subnet.name}`);
    if (users[0] !== undefined) return subnetInUse(subnet.name, users[0]);
  }
  return undefined;
}

function subnetInUse(subnet: string, nicId: string): ArmError {
  return new ArmError(
    400,
    "InUseSubnetCannotBeDeleted",
    `Subnet ${subnet} is in use by ${nicId}/ipConfigurations/ipconfig1 and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet.`,
  );
}

/**
 * Creates or replaces a virtual network after every check passed; shared by PUT and
 * `emu.addVirtualNetwork`. Returns the record and whether it is new.
 */
export function writeVirtualNetwork(
  context: HandlerContext,
  place: { resourceGroup: string; name: string; location: string },
  spec: VirtualNetworkSpec,
  tags: Record<string, string> | undefined,
): { vnet: VirtualNetworkRecord; created: boolean } {
  const id = virtualNetworkId(context.options.subscriptionId, place.resourceGroup, place.name);
  const location = normalizeLocation(place.location);
  const existing = context.state.virtualNetworks[keyOf(id)];
  if (existing !== undefined) {
    if (location !== existing.location) {
      throw armErrors.invalidResourceLocation(place.name, existing.location, place.resourceGroup, location);
    }
    const inUse = droppedSubnetInUse(context.state, existing, spec.subnets);
    if (inUse !== undefined) throw inUse;
    existing.addressPrefixes = spec.addressPrefixes;
    existing.subnets = spec.subnets;
    if (tags !== undefined) existing.tags = tags;
    return { vnet: existing, created: false };
  }
  const vnet: VirtualNetworkRecord = {
    id,
    name: place.name,
    resourceGroup: place.resourceGroup,
    location,
    addressPrefixes: spec.addressPrefixes,
    subnets: spec.subnets,
    resourceGuid: randomUUID(),
    tags: tags ?? newTagRecord(),
  };
  context.state.virtualNetworks[keyOf(id)] = vnet;
  return { vnet, created: true };
}

/** Reads the network part of a body: `properties.addressSpace` and `properties.subnets`. */
export function readVirtualNetworkSpec(properties: Record<string, unknown>): VirtualNetworkSpec {
  return { addressPrefixes: readAddressPrefixes(properties), subnets: readSubnets(properties) };
}

/**
 * The subnet a NIC refers to, or the Network RP's `InvalidResourceReference` (400) naming what is
 * missing: the virtual network (with a `NotFound` detail), the subnet, or a network in another
 * region than the NIC's.
 */
export function requireSubnet(
  context: HandlerContext,
  subnetId: string,
  nicId: string,
  nicLocation: string,
): void {
  const match = SUBNET_ID.exec(subnetId);
  if (match === null) {
    throw armErrors.invalidParameter(
      "properties.ipConfigurations[0].properties.subnet.id",
      `Subnet id '${subnetId}' is not a valid subnet resource id.`,
    );
  }
  const [, subscriptionId = "", resourceGroup = "", vnetName = "", subnetName = ""] = match;
  const vnetId = virtualNetworkId(subscriptionId, resourceGroup, vnetName);
  const vnet = sameId(subscriptionId, context.options.subscriptionId)
    ? context.state.virtualNetworks[keyOf(vnetId)]
    : undefined;
  if (vnet === undefined) {
    throw armErrors.invalidResourceReference(vnetId, nicId, [
      { code: "NotFound", message: `Resource ${vnetId} not found.` },
    ]);
  }
  const subnet = vnet.subnets.find((s) => s.name.toLowerCase() === subnetName.toLowerCase());
  if (subnet === undefined || normalizeLocation(nicLocation) !== vnet.location) {
    throw armErrors.invalidResourceReference(subnetId, nicId);
  }
}

function put(request: ArmRequest, context: HandlerContext): ArmResponse {
  const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
  const name = request.params.virtualNetworkName ?? "";
  checkNetworkName(name, VNET_TYPE);
  const body = requireObjectBody(request);
  const location = requireLocation(body);
  const spec = readVirtualNetworkSpec(objectAt(body, "properties", "properties"));
  const tags = readTags(body);
  const { vnet, created } = writeVirtualNetwork(
    context,
    { resourceGroup: group.name, name, location },
    spec,
    tags,
  );
  return { status: created ? 201 : 200, body: renderVirtualNetwork(vnet, context.state) };
}

function find(request: ArmRequest, context: HandlerContext): VirtualNetworkRecord {
  const resourceGroup = request.params.resourceGroupName ?? "";
  const name = request.params.virtualNetworkName ?? "";
  requireResourceGroup(context, resourceGroup);
  const vnet =
    context.state.virtualNetworks[
      keyOf(virtualNetworkId(context.options.subscriptionId, resourceGroup, name))
    ];
  if (vnet === undefined) throw armErrors.resourceNotFound(VNET_TYPE, name, resourceGroup);
  return vnet;
}

function get(request: ArmRequest, context: HandlerContext): ArmResponse {
  return { status: 200, body: renderVirtualNetwork(find(request, context), context.state) };
}

function remove(request: ArmRequest, context: HandlerContext): ArmResponse {
  const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
  const key = keyOf(
    virtualNetworkId(context.options.subscriptionId, group.name, request.params.virtualNetworkName ?? ""),
  );
  const vnet = context.state.virtualNetworks[key];
  if (vnet === undefined) return { status: 204 };
  const inUse = droppedSubnetInUse(context.state, vnet, []);
  if (inUse !== undefined) throw inUse;
  Reflect.deleteProperty(context.state.virtualNetworks, key);
  return { status: 200 };
}

function listInGroup(request: ArmRequest, context: HandlerContext): ArmResponse {
  const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
  const prefix = `${keyOf(group.id)}/`;
  const items = Object.entries(context.state.virtualNetworks)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, vnet]) => renderVirtualNetwork(vnet, context.state));
  return { status: 200, body: paginate(items, request, context, PAGE_SIZE) };
}

function getSubnet(request: ArmRequest, context: HandlerContext): ArmResponse {
  const vnet = find(request, context);
  const name = request.params.subnetName ?? "";
  const subnet = vnet.subnets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (subnet === undefined) throw armErrors.linkedResourceNotFound(`${vnet.id}/subnets/${name}`, "subnet");
  return { status: 200, body: renderSubnet(vnet, subnet, context.state) };
}

function listSubnets(request: ArmRequest, context: HandlerContext): ArmResponse {
  const vnet = find(request, context);
  return {
    status: 200,
    body: { value: vnet.subnets.map((subnet) => renderSubnet(vnet, subnet, context.state)) },
  };
}

const RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network";

export const virtualNetworkRoutes: RouteDefinition[] = [
  {
    pattern: `${RG}/virtualNetworks/{virtualNetworkName}`,
    family: "network",
    resourceType: VNET_TYPE,
    throttleGroup: "network",
    methods: { PUT: put, GET: get, DELETE: remove },
  },
  {
    pattern: `${RG}/virtualNetworks`,
    family: "network",
    resourceType: VNET_TYPE,
    throttleGroup: "network",
    methods: { GET: listInGroup },
  },
  {
    pattern: `${RG}/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}`,
    family: "network",
    resourceType: SUBNET_TYPE,
    throttleGroup: "network",
    methods: { GET: getSubnet },
  },
  {
    pattern: `${RG}/virtualNetworks/{virtualNetworkName}/subnets`,
    family: "network",
    resourceType: SUBNET_TYPE,
    throttleGroup: "network",
    methods: { GET: listSubnets },
  },
];
