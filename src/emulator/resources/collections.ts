/**
 * Restore point collections: PUT (201 new, 200 existing, synchronous), PATCH, GET with
 * `$expand=restorePoints`, list by resource group and subscription (paged), DELETE as an LRO that
 * removes every restore point inside.
 */
import { randomUUID } from "node:crypto";
import { armErrors } from "../armErrors.js";
import type { ArmRequest, ArmResponse, HandlerContext } from "../http.js";
import type { OperationEngine } from "../operations.js";
import type { RouteDefinition } from "../router.js";
import { keyOf, normalizeLocation, sameId, type CollectionRecord, type EmulatorState } from "../state.js";
import {
  checkComputeName,
  objectAt,
  optionalBoolean,
  paginate,
  providerResourceId,
  readTags,
  requireLocation,
  requireObjectBody,
  requireResourceGroup,
  requiredString,
} from "./common.js";
import { subscriptionPrefix } from "../subscriptions.js";
import { checkCopyTarget } from "./copyRules.js";
import { removeRestorePoint, renderRestorePoint, restorePointsOf } from "./restorePointModel.js";

export const COLLECTION_TYPE = "Microsoft.Compute/restorePointCollections";
const PAGE_SIZE = 10;

export function collectionId(subscriptionId: string, resourceGroup: string, name: string): string {
  return providerResourceId(
    subscriptionId,
    resourceGroup,
    "Microsoft.Compute",
    "restorePointCollections",
    name,
  );
}

/** The collection of a request, or the 404 ARM's gateway gives for a missing tracked resource. */
export function requireCollection(
  context: HandlerContext,
  resourceGroup: string,
  name: string,
): CollectionRecord {
  requireResourceGroup(context, resourceGroup);
  const found =
    context.state.collections[keyOf(collectionId(context.options.subscriptionId, resourceGroup, name))];
  if (found === undefined) throw armErrors.resourceNotFound(COLLECTION_TYPE, name, resourceGroup);
  return found;
}

export function renderCollection(
  collection: CollectionRecord,
  context: HandlerContext,
  expandRestorePoints = false,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    source: { location: collection.sourceLocation, id: collection.sourceId },
    restorePointCollectionId: collection.restorePointCollectionId,
    provisioningState: collection.provisioningState,
  };
  if (collection.instantAccess !== undefined) properties.instantAccess = collection.instantAccess;
  if (expandRestorePoints) {
    properties.restorePoints = restorePointsOf(context.state, collection.id).map((point) =>
      renderRestorePoint(point, context),
    );
  }
  const body: Record<string, unknown> = {
    name: collection.name,
    id: collection.id,
    type: COLLECTION_TYPE,
    location: collection.location,
  };
  if (Object.keys(collection.tags).length > 0) body.tags = collection.tags;
  body.properties = properties;
  return body;
}

/** Where the collection's source lives, after checking the source exists and the rules allow it. */
function resolveSource(context: HandlerContext, name: string, location: string, sourceId: string): string {
  const vm = context.state.virtualMachines[keyOf(sourceId)];
  if (vm !== undefined) {
    if (normalizeLocation(vm.location) !== location) {
      throw armErrors.collectionRegionMismatch(name, location, vm.location);
    }
    return vm.location;
  }
  const sourceCollection = context.state.collections[keyOf(sourceId)];
  if (sourceCollection !== undefined) {
    checkCopyTarget(context, name, location, sourceCollection);
    return sourceCollection.location;
  }
  throw armErrors.invalidParameter(
    "properties.source.id",
    `The source '${sourceId}' of restore point collection '${name}' was not found: it must be a virtual machine or, for a cross-region copy, a restore point collection.`,
  );
}

function put(request: ArmRequest, context: HandlerContext): ArmResponse {
  const resourceGroup = request.params.resourceGroupName ?? "";
  const name = request.params.restorePointCollectionName ?? "";
  const group = requireResourceGroup(context, resourceGroup);
  checkComputeName(name, COLLECTION_TYPE);
  const body = requireObjectBody(request);
  const location = normalizeLocation(requireLocation(body));
  const properties = objectAt(body, "properties", "properties");
  const source = objectAt(properties, "source", "properties.source");
  const tags = readTags(body);
  const instantAccess = optionalBoolean(properties, "instantAccess", "properties.instantAccess");
  const id = collectionId(context.options.subscriptionId, group.name, name);
  const existing = context.state.collections[keyOf(id)];
  if (existing !== undefined) {
    if (existing.provisioningState === "Deleting")
      throw armErrors.beingDeleted("Restore point collection", name);
    // Only tags (and, since 2025-04-01, instantAccess) may change on an existing collection.
    // ARM refuses a move of any tracked resource the same way (as for VMs and disks).
    if (location !== existing.location)
      throw armErrors.invalidResourceLocation(name, existing.location, group.name, location);
    const sourceId = source.id;
    if (typeof sourceId === "string" && !sameId(sourceId, existing.sourceId)) {
      throw armErrors.collectionPropertyImmutable(name, "properties.source.id");
    }
    if (tags !== undefined) existing.tags = tags;
    if (instantAccess !== undefined) existing.instantAccess = instantAccess;
    return { status: 200, body: renderCollection(existing, context) };
  }
  const sourceId = requiredString(source, "id", "properties.source.id");
  const sourceLocation = resolveSource(context, name, location, sourceId);
  const record: CollectionRecord = {
    id,
    name,
    resourceGroup: group.name,
    location,
    sourceId: canonicalSourceId(context.state, sourceId),
    sourceLocation,
    restorePointCollectionId: randomUUID(),
    provisioningState: "Succeeded",
    tags: tags ?? {},
  };
  if (instantAccess !== undefined) record.instantAccess = instantAccess;
  context.state.collections[keyOf(id)] = record;
  return { status: 201, body: renderCollection(record, context) };
}

/** The source id as the source resource spells it (clients may send other casings). */
function canonicalSourceId(state: EmulatorState, sourceId: string): string {
  return state.virtualMachines[keyOf(sourceId)]?.id ?? state.collections[keyOf(sourceId)]?.id ?? sourceId;
}

function patch(request: ArmRequest, context: HandlerContext): ArmResponse {
  const collection = requireCollection(
    context,
    request.params.resourceGroupName ?? "",
    request.params.restorePointCollectionName ?? "",
  );
  const body = requireObjectBody(request);
  const properties = objectAt(body, "properties", "properties");
  const source = objectAt(properties, "source", "properties.source");
  if (collection.provisioningState === "Deleting") {
    throw armErrors.beingDeleted("Restore point collection", collection.name);
  }
  if (typeof source.id === "string" && !sameId(source.id, collection.sourceId)) {
    throw armErrors.collectionPropertyImmutable(collection.name, "properties.source.id");
  }
  const tags = readTags(body);
  const instantAccess = optionalBoolean(properties, "instantAccess", "properties.instantAccess");
  if (tags !== undefined) collection.tags = tags;
  if (instantAccess !== undefined) collection.instantAccess = instantAccess;
  return { status: 200, body: renderCollection(collection, context) };
}

function get(request: ArmRequest, context: HandlerContext): ArmResponse {
  const collection = requireCollection(
    context,
    request.params.resourceGroupName ?? "",
    request.params.restorePointCollectionName ?? "",
  );
  const expand = request.query.get("$expand");
  if (expand !== null && expand.toLowerCase() !== "restorepoints") {
    throw armErrors.invalidParameter(
      "$expand",
      `The value '${expand}' of '$expand' is invalid; the only allowed value is 'restorePoints'.`,
    );
  }
  return { status: 200, body: renderCollection(collection, context, expand !== null) };
}

function listInGroup(request: ArmRequest, context: HandlerContext): ArmResponse {
  const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
  const prefix = `${keyOf(group.id)}/`;
  const items = Object.entries(context.state.collections)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, collection]) => renderCollection(collection, context));
  return { status: 200, body: paginate(items, request, context, PAGE_SIZE) };
}

function listAll(request: ArmRequest, context: HandlerContext): ArmResponse {
  const prefix = subscriptionPrefix(context.options.subscriptionId);
  const items = Object.entries(context.state.collections)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, collection]) => renderCollection(collection, context));
  return { status: 200, body: paginate(items, request, context, PAGE_SIZE) };
}

function remove(request: ArmRequest, context: HandlerContext): ArmResponse {
  requireResourceGroup(context, request.params.resourceGroupName ?? "");
  const id = collectionId(
    context.options.subscriptionId,
    request.params.resourceGroupName ?? "",
    request.params.restorePointCollectionName ?? "",
  );
  const collection = context.state.collections[keyOf(id)];
  // ARM answers a delete of something that is not there with 204, not 404.
  if (collection === undefined) return { status: 204 };
  for (const point of restorePointsOf(context.state, collection.id)) {
    if (point.provisioningState === "Creating") {
      throw armErrors.resourceInUse("Restore point collection", collection.name, point.id);
    }
    for (const diskPointId of point.diskRestorePointIds) {
      const diskPoint = context.state.diskRestorePoints[keyOf(diskPointId)];
      if (diskPoint?.access !== undefined && diskPoint.access.expiresAt > context.now) {
        throw armErrors.diskRestorePointUsedByCustomer(diskPoint.name);
      }
    }
  }
  collection.provisioningState = "Deleting";
  const op = context.operations.start(context, {
    family: "operations",
    location: collection.location,
    apiVersion: request.apiVersion,
    effect: { type: "collection.delete", targetId: collection.id },
  });
  return { status: 202, headers: context.operations.acceptedHeaders(context, op, true) };
}

export function registerCollectionEffects(engine: OperationEngine): void {
  engine.register("collection.delete", (state, effect, outcome) => {
    const collection = state.collections[keyOf(effect.targetId)];
    if (collection === undefined) return undefined;
    if (outcome.error !== undefined) {
      collection.provisioningState = "Failed";
      return undefined;
    }
    for (const point of restorePointsOf(state, collection.id)) removeRestorePoint(state, point);
    Reflect.deleteProperty(state.collections, keyOf(collection.id));
    return undefined;
  });
}

const RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute";

export const collectionRoutes: RouteDefinition[] = [
  {
    pattern: `${RG}/restorePointCollections/{restorePointCollectionName}`,
    family: "compute",
    resourceType: COLLECTION_TYPE,
    restorePointFloor: true,
    throttleGroup: "collection",
    methods: { PUT: put, PATCH: patch, GET: get, DELETE: remove },
  },
  {
    pattern: `${RG}/restorePointCollections`,
    family: "compute",
    resourceType: COLLECTION_TYPE,
    restorePointFloor: true,
    throttleGroup: "collectionList",
    methods: { GET: listInGroup },
  },
  {
    pattern: "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/restorePointCollections",
    family: "compute",
    resourceType: COLLECTION_TYPE,
    restorePointFloor: true,
    throttleGroup: "collectionList",
    methods: { GET: listAll },
  },
];
