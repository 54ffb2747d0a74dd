/**
 * Small helpers shared by the resource modules: ids, request body reading, name rules, and the
 * lookups that every nested resource starts with (resource group, parent resource).
 */
import { armErrors } from "../armErrors.js";
import type { ArmRequest, HandlerContext } from "../http.js";
import { checkName } from "../rules/namesAndVersions.js";
import { keyOf, type ResourceGroupRecord } from "../state.js";

export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

/** `/subscriptions/{s}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}[/{type}/{name}...]` */
export function providerResourceId(
  subscriptionId: string,
  resourceGroup: string,
  namespace: string,
  ...typeNamePairs: string[]
): string {
  return `${resourceGroupId(subscriptionId, resourceGroup)}/providers/${namespace}/${typeNamePairs.join("/")}`;
}

/** The resource group named in a request; a nested resource under a missing group is a 404. */
export function requireResourceGroup(context: HandlerContext, name: string): ResourceGroupRecord {
  const group = context.state.resourceGroups[keyOf(resourceGroupId(context.options.subscriptionId, name))];
  if (group === undefined) throw armErrors.resourceGroupNotFound(name);
  return group;
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The request body as an object; ARM answers 400 for a missing or non-object body. */
export function requireObjectBody(request: ArmRequest): JsonObject {
  if (request.body === undefined) throw armErrors.invalidRequestContent("the request body is required");
  if (!isObject(request.body))
    throw armErrors.invalidRequestContent("the request body must be a JSON object");
  return request.body;
}

/** Reads `obj[key]` as an object (absent → empty object); wrong type → 400 naming the target. */
export function objectAt(obj: JsonObject, key: string, target: string): JsonObject {
  const value = obj[key];
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw armErrors.invalidParameter(target, `Property '${target}' must be an object.`);
  return value;
}

export function optionalString(obj: JsonObject, key: string, target: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw armErrors.invalidParameter(target, `Property '${target}' must be a string.`);
  return value;
}

export function requiredString(obj: JsonObject, key: string, target: string): string {
  const value = optionalString(obj, key, target);
  if (value === undefined || value === "") throw armErrors.missingParameter(target);
  return value;
}

export function optionalBoolean(obj: JsonObject, key: string, target: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean")
    throw armErrors.invalidParameter(target, `Property '${target}' must be a boolean.`);
  return value;
}

export function optionalInteger(obj: JsonObject, key: string, target: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw armErrors.invalidParameter(target, `Property '${target}' must be an integer.`);
  }
  return value;
}

/** Tags follow ARM's rules, kept in one module. */
export { readTags } from "../rules/tags.js";

/** Name rule of restore point collections and restore points (see rules/namesAndVersions.ts). */
export function checkComputeName(name: string, resourceType: string): void {
  checkName(resourceType.endsWith("/restorePoints") ? "restorePoint" : "restorePointCollection", name);
}

/** Resource group names (see rules/namesAndVersions.ts). */
export function checkResourceGroupName(name: string): void {
  checkName("resourceGroup", name);
}

/** The location of a request body, required on tracked resources. */
export function requireLocation(body: JsonObject): string {
  return requiredString(body, "location", "location");
}

/**
 * One page of a list and its `nextLink`, which carries a skip token ARM-style. The page size is
 * small on purpose so that clients are made to follow `nextLink`.
 */
export function paginate<T>(
  items: readonly T[],
  request: ArmRequest,
  context: HandlerContext,
  pageSize: number,
): { value: T[]; nextLink?: string } {
  const skip = Number.parseInt(request.query.get("$skiptoken") ?? "0", 10);
  const start = Number.isFinite(skip) && skip > 0 ? skip : 0;
  const value = items.slice(start, start + pageSize);
  if (start + pageSize >= items.length) return { value };
  const next = new URLSearchParams({
    "api-version": request.apiVersion,
    $skiptoken: String(start + pageSize),
  });
  return { value, nextLink: `${context.baseUrl}${request.path}?${next.toString()}` };
}
