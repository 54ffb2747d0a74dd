/**
 * Resource groups (Microsoft.Resources): just enough for clients to create, read and delete the
 * groups their restore points, disks and VMs live in.
 */
import { armErrors } from "../armErrors.js";
import type { ArmRequest, ArmResponse, HandlerContext } from "../http.js";
import type { RouteDefinition } from "../router.js";
import { subscriptionPrefix } from "../subscriptions.js";
import { keyOf, normalizeLocation, type ResourceGroupRecord } from "../state.js";
import {
  checkResourceGroupName,
  readTags,
  requireLocation,
  requireObjectBody,
  resourceGroupId,
} from "./common.js";

const TYPE = "Microsoft.Resources/resourceGroups";

export function renderResourceGroup(group: ResourceGroupRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: group.id,
    name: group.name,
    type: TYPE,
    location: group.location,
    properties: { provisioningState: "Succeeded" },
  };
  if (Object.keys(group.tags).length > 0) body.tags = group.tags;
  return body;
}

/** Creates the group if it is missing (used by `emu.addVm`); returns the record either way. */
export function ensureResourceGroup(
  context: HandlerContext,
  name: string,
  location: string,
): ResourceGroupRecord {
  checkResourceGroupName(name);
  const id = resourceGroupId(context.options.subscriptionId, name);
  const existing = context.state.resourceGroups[keyOf(id)];
  if (existing !== undefined) return existing;
  const group: ResourceGroupRecord = { id, name, location: normalizeLocation(location), tags: {} };
  context.state.resourceGroups[keyOf(id)] = group;
  return group;
}

function find(context: HandlerContext, name: string): ResourceGroupRecord {
  const group = context.state.resourceGroups[keyOf(resourceGroupId(context.options.subscriptionId, name))];
  if (group === undefined) throw armErrors.resourceGroupNotFound(name);
  return group;
}

function put(request: ArmRequest, context: HandlerContext): ArmResponse {
  const name = request.params.resourceGroupName ?? "";
  checkResourceGroupName(name);
  const body = requireObjectBody(request);
  const location = requireLocation(body);
  const id = resourceGroupId(context.options.subscriptionId, name);
  const existing = context.state.resourceGroups[keyOf(id)];
  if (existing !== undefined) {
    if (normalizeLocation(location) !== existing.location) {
      throw armErrors.invalidParameter(
        "location",
        `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`,
      );
    }
    existing.tags = readTags(body) ?? existing.tags;
    return { status: 200, body: renderResourceGroup(existing) };
  }
  const group: ResourceGroupRecord = {
    id,
    name,
    location: normalizeLocation(location),
    tags: readTags(body) ?? {},
  };
  context.state.resourceGroups[keyOf(id)] = group;
  return { status: 201, body: renderResourceGroup(group) };
}

function remove(request: ArmRequest, context: HandlerContext): ArmResponse {
  const group = find(context, request.params.resourceGroupName ?? "");
  const prefix = `${keyOf(group.id)}/`;
  // Deleting a group deletes everything in it, as ARM does; done at once for simplicity.
  for (const table of [
    context.state.virtualMachines,
    context.state.disks,
    context.state.networkInterfaces,
    context.state.virtualNetworks,
    context.state.collections,
    context.state.restorePoints,
    context.state.diskRestorePoints,
  ] as Record<string, unknown>[]) {
    for (const key of Object.keys(table)) if (key.startsWith(prefix)) Reflect.deleteProperty(table, key);
  }
  Reflect.deleteProperty(context.state.resourceGroups, keyOf(group.id));
  return { status: 200 };
}

export const resourceGroupRoutes: RouteDefinition[] = [
  {
    pattern: "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}",
    family: "resources",
    resourceType: TYPE,
    methods: {
      PUT: put,
      GET: (request, context) => ({
        status: 200,
        body: renderResourceGroup(find(context, request.params.resourceGroupName ?? "")),
      }),
      HEAD: (request, context) => {
        const key = keyOf(
          resourceGroupId(context.options.subscriptionId, request.params.resourceGroupName ?? ""),
        );
        return { status: context.state.resourceGroups[key] === undefined ? 404 : 204 };
      },
      DELETE: remove,
    },
  },
  {
    pattern: "/subscriptions/{subscriptionId}/resourcegroups",
    family: "resources",
    resourceType: TYPE,
    methods: {
      GET: (_request, context) => {
        const prefix = subscriptionPrefix(context.options.subscriptionId);
        const groups = Object.entries(context.state.resourceGroups).filter(([key]) => key.startsWith(prefix));
        return { status: 200, body: { value: groups.map(([, group]) => renderResourceGroup(group)) } };
      },
    },
  },
];
