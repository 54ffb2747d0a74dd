/**
 * Network interfaces (Network RP), thinly: a VM needs one, and a restore builds a VM around one.
 * PUT answers synchronously (201 new, 200 existing) with the NIC already `Succeeded`, so clients'
 * pollers finish at once. The subnet must exist in a virtual network of the NIC's region
 * (virtualNetworks.ts), or the PUT gets Azure's 400 `InvalidResourceReference`.
 */
import { createHash, randomUUID } from "node:crypto";
import { armErrors } from "../armErrors.js";
import { checkName } from "../rules/namesAndVersions.js";
import type { ArmRequest, ArmResponse, HandlerContext } from "../http.js";
import type { OperationEngine } from "../operations.js";
import type { RouteDefinition } from "../router.js";
import { keyOf, normalizeLocation, type NetworkInterfaceRecord } from "../state.js";
import {
  isObject,
  objectAt,
  paginate,
  providerResourceId,
  readTags,
  requireLocation,
  requireObjectBody,
  requireResourceGroup,
  requiredString,
} from "./common.js";
import { requireSubnet } from "./virtualNetworks.js";

const NIC_TYPE = "Microsoft.Network/networkInterfaces";
const PAGE_SIZE = 10;
const IP_CONFIGURATION = "ipconfig1";

function nicId(subscriptionId: string, resourceGroup: string, name: string): string {
  return providerResourceId(subscriptionId, resourceGroup, "Microsoft.Network", "networkInterfaces", name);
}

/** Network RP name rule (see rules/namesAndVersions.ts). */
function checkNicName(name: string): void {
  checkName("networkInterface", name);
}

/** A weak etag that changes whenever the NIC does (the record keeps none of its own). */
function etagOf(nic: NetworkInterfaceRecord): string {
  const hash = createHash("sha256").update(JSON.stringify(nic)).digest("hex");
  return `W/"${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}"`;
}

export function renderNetworkInterface(nic: NetworkInterfaceRecord): Record<string, unknown> {
  const etag = etagOf(nic);
  const ipConfiguration: Record<string, unknown> = {
    name: IP_CONFIGURATION,
    id: `${nic.id}/ipConfigurations/${IP_CONFIGURATION}`,
    etag,
    type: `${NIC_TYPE}/ipConfigurations`,
    properties: {
      provisioningState: nic.provisioningState,
      privateIPAllocationMethod: "Dynamic",
      ...(nic.subnetId === undefined ? {} : { subnet: { id: nic.subnetId } }),
      primary: true,
      privateIPAddressVersion: "IPv4",
    },
  };
  const properties: Record<string, unknown> = {
    provisioningState: nic.provisioningState,
    resourceGuid: nic.resourceGuid,
    ipConfigurations: [ipConfiguration],
    enableAcceleratedNetworking: false,
    enableIPForwarding: false,
    nicType: "Standard",
  };
  if (nic.virtualMachineId !== undefined) {
    properties.virtualMachine = { id: nic.virtualMachineId };
    properties.primary = true;
  }
  const body: Record<string, unknown> = {
    name: nic.name,
    id: nic.id,
    etag,
    type: NIC_TYPE,
    location: nic.location,
  };
  if (Object.keys(nic.tags).length > 0) body.tags = nic.tags;
  body.properties = properties;
  return body;
}

/** The subnet of the first IP configuration, which every NIC needs. */
function readSubnetId(properties: Record<string, unknown>): string {
  const configurations = properties.ipConfigurations;
  const target = "properties.ipConfigurations[0].properties.subnet.id";
  if (!Array.isArray(configurations) || configurations.length === 0) {
    throw armErrors.missingParameter("properties.ipConfigurations");
  }
  const first: unknown = configurations[0];
  if (!isObject(first))
    throw armErrors.invalidParameter(
      "properties.ipConfigurations[0]",
      "Each IP configuration must be an object.",
    );
  const subnet = objectAt(
    objectAt(first, "properties", "properties.ipConfigurations[0].properties"),
    "subnet",
    "properties.ipConfigurations[0].properties.subnet",
  );
  return requiredString(subnet, "id", target);
}

function put(request: ArmRequest, context: HandlerContext): ArmResponse {
  const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
  const name = request.params.networkInterfaceName ?? "";
  checkNicName(name);
  const body = requireObjectBody(request);
  const location = normalizeLocation(requireLocation(body));
  const properties = objectAt(body, "properties", "properties");
  const subnetId = readSubnetId(properties);
  const tags = readTags(body);
  const id = nicId(context.options.subscriptionId, group.name, name);
  const existing = context.state.networkInterfaces[keyOf(id)];
  if (existing !== undefined && location !== normalizeLocation(existing.location)) {
    throw armErrors.invalidResourceLocation(name, existing.location, group.name, location);
  }
  requireSubnet(context, subnetId, id, location);
  if (existing !== undefined) {
    existing.subnetId = subnetId;
    if (tags !== undefined) existing.tags = tags;
    return { status: 200, body: renderNetworkInterface(existing) };
  }
  const nic: NetworkInterfaceRecord = {
    id,
    name,
    resourceGroup: group.name,
    location,
    subnetId,
    provisioningState: "Succeeded",
    resourceGuid: randomUUID(),
    tags: tags ?? {},
  };
  context.state.networkInterfaces[keyOf(id)] = nic;
  return { status: 201, body: renderNetworkInterface(nic) };
}

function get(request: ArmRequest, context: HandlerContext): ArmResponse {
  const resourceGroup = request.params.resourceGroupName ?? "";
  const name = request.params.networkInterfaceName ?? "";
  requireResourceGroup(context, resourceGroup);
  const nic =
    context.state.networkInterfaces[keyOf(nicId(context.options.subscriptionId, resourceGroup, name))];
  if (nic === undefined) throw armErrors.resourceNotFound(NIC_TYPE, name, resourceGroup);
  return { status: 200, body: renderNetworkInterface(nic) };
}

function remove(request: ArmRequest, context: HandlerContext): ArmResponse {
  const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
  const key = keyOf(
    nicId(context.options.subscriptionId, group.name, request.params.networkInterfaceName ?? ""),
  );
  const nic = context.state.networkInterfaces[key];
  if (nic === undefined) return { status: 204 };
  if (nic.virtualMachineId !== undefined)
    throw armErrors.resourceInUse("Network interface", nic.name, nic.virtualMachineId);
  Reflect.deleteProperty(context.state.networkInterfaces, key);
  return { status: 200 };
}

function listInGroup(request: ArmRequest, context: HandlerContext): ArmResponse {
  const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
  const prefix = `${keyOf(group.id)}/`;
  const items = Object.entries(context.state.networkInterfaces)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, nic]) => renderNetworkInterface(nic));
  return { status: 200, body: paginate(items, request, context, PAGE_SIZE) };
}

export function registerNetworkInterfacesEffects(_engine: OperationEngine): void {
  // Every NIC operation completes synchronously.
}

const RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network";

export const networkInterfaceRoutes: RouteDefinition[] = [
  {
    pattern: `${RG}/networkInterfaces/{networkInterfaceName}`,
    family: "network",
    resourceType: NIC_TYPE,
    throttleGroup: "network",
    methods: { PUT: put, GET: get, DELETE: remove },
  },
  {
    pattern: `${RG}/networkInterfaces`,
    family: "network",
    resourceType: NIC_TYPE,
    throttleGroup: "network",
    methods: { GET: listInGroup },
  },
];
