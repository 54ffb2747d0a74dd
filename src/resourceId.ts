import { describe } from "./internal/validation.js";
import { isValidResourceName, nameRuleOf } from "./internal/nameRules.js";
import type { NameKind } from "./internal/nameRules.js";
import { redactSecrets } from "./internal/redactSecrets.js";

/**
 * The parts of an Azure Resource Manager id, as returned by {@link parseResourceId}.
 *
 * Resource-type segment names are matched case-insensitively (ARM sometimes returns
 * `resourcegroups` or upper-cases the resource group name); the values keep the case they had.
 *
 * @public
 */
export interface ParsedResourceId {
  /** The id as given. */
  readonly id: string;
  /** The subscription GUID. */
  readonly subscriptionId: string;
  /** The resource group, for ids below a resource group. */
  readonly resourceGroup?: string;
  /** The resource provider namespace, e.g. `Microsoft.Compute`. */
  readonly provider?: string;
  /** The full resource type, e.g. `Microsoft.Compute/restorePointCollections/restorePoints`. */
  readonly resourceType?: string;
  /** The name of the innermost resource. */
  readonly name?: string;
  /** The region, for location-scoped ids such as operation URLs (`.../locations/{location}/...`). */
  readonly location?: string;
  /** `restorePointCollections/{collectionName}` */
  readonly collectionName?: string;
  /** `restorePoints/{restorePointName}` */
  readonly restorePointName?: string;
  /** `diskRestorePoints/{diskRestorePointName}` */
  readonly diskRestorePointName?: string;
  /** `disks/{diskName}` */
  readonly diskName?: string;
  /** `virtualMachines/{vmName}` */
  readonly vmName?: string;
  /** `networkInterfaces/{networkInterfaceName}` */
  readonly networkInterfaceName?: string;
  /** `diskEncryptionSets/{diskEncryptionSetName}` */
  readonly diskEncryptionSetName?: string;
  /** `virtualNetworks/{virtualNetworkName}` */
  readonly virtualNetworkName?: string;
  /** `subnets/{subnetName}` */
  readonly subnetName?: string;
}

type NamedPart = Exclude<
  keyof ParsedResourceId,
  "id" | "subscriptionId" | "resourceGroup" | "provider" | "resourceType" | "name"
>;

const NAMED_SEGMENTS: Readonly<Record<string, NamedPart>> = {
  locations: "location",
  restorepointcollections: "collectionName",
  restorepoints: "restorePointName",
  diskrestorepoints: "diskRestorePointName",
  disks: "diskName",
  virtualmachines: "vmName",
  networkinterfaces: "networkInterfaceName",
  diskencryptionsets: "diskEncryptionSetName",
  virtualnetworks: "virtualNetworkName",
  subnets: "subnetName",
};

/**
 * Splits an ARM resource id into its parts.
 *
 * @param id - an ARM id such as
 *   `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/restorePointCollections/{c}/restorePoints/{rp}`
 * @returns the subscription, resource group, provider, type and the names this SDK cares about
 * @throws TypeError when `id` is not a string or is not a well-formed ARM id (this includes `.` or
 *   `..` segments, a query, a fragment and control characters)
 *
 * @example
 * ```ts
 * const { resourceGroup, collectionName, restorePointName } = parseResourceId(restorePoint.id);
 * ```
 *
 * @public
 */
export function parseResourceId(id: string): ParsedResourceId {
  if (typeof id !== "string") {
    throw new TypeError(`A resource id must be a string, got ${describe(id)}`);
  }
  const fail = (why: string): never => {
    throw new TypeError(`"${redactSecrets(id)}" is not an Azure resource id: ${why}`);
  };
  if (!id.startsWith("/")) fail("it must start with /subscriptions/");
  const segments = id.replace(/\/+$/, "").split("/").slice(1);
  if (segments.some((s) => s === "")) fail("it contains an empty segment");
  // `.` and `..` would be normalised away by any URL parser and address another resource.
  if (segments.some((s) => s === "." || s === "..")) fail('it contains a "." or ".." segment');
  // No ARM id holds these; a query, fragment or line break appended to an id must not pass as a name.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[?#\u0000-\u001f\u007f]/.test(id)) fail("it contains a query, a fragment or a control character");
  if (segments[0]?.toLowerCase() !== "subscriptions" || segments[1] === undefined) {
    fail("it must start with /subscriptions/{subscriptionId}");
  }
  const result: Record<string, string> = { id, subscriptionId: segments[1] ?? "" };
  let i = 2;
  if (segments[i]?.toLowerCase() === "resourcegroups") {
    const rg = segments[i + 1];
    if (rg === undefined) fail("the resource group name is missing");
    result["resourceGroup"] = rg ?? "";
    i += 2;
  }
  const types: string[] = [];
  let name: string | undefined;
  while (i < segments.length) {
    const key = segments[i] ?? "";
    const value = segments[i + 1];
    if (value === undefined) fail(`the segment "${redactSecrets(key)}" has no value`);
    if (key.toLowerCase() === "providers") {
      result["provider"] = value ?? "";
      types.length = 0;
      types.push(value ?? "");
    } else {
      const part = NAMED_SEGMENTS[key.toLowerCase()];
      if (part !== undefined) result[part] = value ?? "";
      types.push(key);
      name = value;
    }
    i += 2;
  }
  if (result["provider"] !== undefined && types.length > 1) {
    result["resourceType"] = types.join("/");
  }
  if (name !== undefined) result["name"] = name;
  return result as unknown as ParsedResourceId;
}

/**
 * Parses an id and checks that it names a resource of the expected kind (TypeError otherwise; the
 * message says which) and that every name in it keeps Azure's rules (RangeError otherwise).
 * @internal
 */
export function parseResourceIdOfType(
  id: unknown,
  parameterName: string,
  expectedType: string,
): ParsedResourceId & { readonly resourceGroup: string; readonly name: string } {
  if (typeof id !== "string" || id === "") {
    throw new TypeError(`${parameterName} must be a non-empty resource id string`);
  }
  const parsed = parseResourceId(id);
  if (
    parsed.resourceGroup === undefined ||
    parsed.name === undefined ||
    parsed.resourceType?.toLowerCase() !== expectedType.toLowerCase()
  ) {
    throw new TypeError(`${parameterName} must be the id of a ${expectedType}, got "${redactSecrets(id)}"`);
  }
  // Every name in the id keeps Azure's rules, so no helper creates anything before a later step
  // refuses a name taken from the id (e.g. a copy's restore point name).
  checkIdName(id, parameterName, "resource group", parsed.resourceGroup, "resourceGroup");
  for (const [part, kind] of ID_NAME_KINDS) {
    const value = parsed[part];
    if (value !== undefined) checkIdName(id, parameterName, part, value, kind);
  }
  return parsed as ParsedResourceId & { readonly resourceGroup: string; readonly name: string };
}

const ID_NAME_KINDS: readonly (readonly [NamedPart, NameKind])[] = [
  ["collectionName", "restorePointCollection"],
  ["restorePointName", "restorePoint"],
  ["diskRestorePointName", "diskRestorePoint"],
  ["diskName", "disk"],
  ["vmName", "virtualMachine"],
  ["networkInterfaceName", "networkInterface"],
  ["virtualNetworkName", "virtualNetwork"],
  ["subnetName", "subnet"],
];

function checkIdName(id: string, parameterName: string, part: string, value: string, kind: NameKind): void {
  if (!isValidResourceName(kind, value)) {
    throw new RangeError(
      `${parameterName} "${redactSecrets(id)}" has an invalid ${part} "${redactSecrets(value)}": use ${nameRuleOf(kind)}`,
    );
  }
}

/** Compares two ARM ids the way ARM does: case-insensitively. @internal */
export function sameResourceId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
