/**
 * Argument checks that run before any request: TypeError for a wrong type or an empty value,
 * RangeError for a value outside ARM's naming rules or a documented range.
 */
import { redactSecrets } from "./redactSecrets.js";

// Compute names (collections, restore points) start with a letter, digit or underscore.
const COLLECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$/;
const RESOURCE_GROUP_NAME = /^[\p{L}\p{N}_.()-]{1,90}$/u;
// Service-made names are `<diskName>_<guid>`: up to 80 + 37 characters.
const DISK_RESTORE_POINT_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
const DISK_NAME = /^[A-Za-z0-9_.-]{1,80}$/;

function requireString(value: unknown, what: string): string {
  if (typeof value !== "string") throw new TypeError(`${what} must be a string, got ${describe(value)}`);
  if (value === "") throw new TypeError(`${what} must not be empty`);
  return value;
}

function checkName(value: unknown, what: string, pattern: RegExp, rule: string): string {
  const name = requireString(value, what);
  if (!pattern.test(name) || name.endsWith(".")) {
    throw new RangeError(`${what} "${redactSecrets(name)}" is not a valid name: ${rule}`);
  }
  return name;
}

export function validateResourceGroupName(value: unknown): string {
  return checkName(
    value,
    "resourceGroup",
    RESOURCE_GROUP_NAME,
    "use 1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending in a period",
  );
}

export function validateCollectionName(value: unknown): string {
  return checkName(
    value,
    "collectionName",
    COLLECTION_NAME,
    "use 1-80 letters, digits, underscores, hyphens or periods, starting with a letter, digit or underscore and not ending in a period",
  );
}

export function validateRestorePointName(value: unknown): string {
  return checkName(
    value,
    "restorePointName",
    COLLECTION_NAME,
    "use 1-80 letters, digits, underscores, hyphens or periods, starting with a letter, digit or underscore and not ending in a period",
  );
}

export function validateDiskRestorePointName(value: unknown): string {
  return checkName(
    value,
    "diskRestorePointName",
    DISK_RESTORE_POINT_NAME,
    "use 1-128 letters, digits, underscores, hyphens or periods, not ending in a period",
  );
}

export function validateDiskName(value: unknown): string {
  return checkName(
    value,
    "diskName",
    DISK_NAME,
    "use 1-80 letters, digits, underscores, hyphens or periods, not ending in a period",
  );
}

export function validateNonEmptyString(value: unknown, what: string): string {
  return requireString(value, what);
}

export function validateOptionalString(value: unknown, what: string): string | undefined {
  return value === undefined ? undefined : requireString(value, what);
}

export function validateOptionalBoolean(value: unknown, what: string): boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") {
    throw new TypeError(`${what} must be a boolean, got ${describe(value)}`);
  }
  return value;
}

/** An integer in `[min, max]`. */
export function validateIntegerInRange(
  value: unknown,
  what: string,
  range: { min: number; max: number },
): number {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`${what} must be a number, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new RangeError(`${what} must be a whole number from ${range.min} to ${range.max}, got ${value}`);
  }
  return value;
}

/** A delay in ms: a finite number >= 0. */
export function validateOptionalInterval(value: unknown, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`${what} must be a number of milliseconds, got ${describe(value)}`);
  }
  if (value < 0 || !Number.isFinite(value)) {
    throw new RangeError(`${what} must be a finite number of milliseconds >= 0, got ${value}`);
  }
  return value;
}

export function validateOptionalTags(value: unknown, what = "tags"): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${what} must be an object of string values, got ${describe(value)}`);
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new TypeError(`${what}.${k} must be a string, got ${describe(v)}`);
  }
  return { ...(value as Record<string, string>) };
}

export function validateOneOf<T extends string>(
  value: unknown,
  what: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new TypeError(`${what} must be a string, got ${describe(value)}`);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new RangeError(`${what} must be one of ${allowed.join(", ")}, got "${redactSecrets(value)}"`);
  }
  return value as T;
}

/**
 * A value of an open service enumeration (Azure's `KnownX` values plus `string`): a known value in
 * any casing comes back in its canonical spelling, so that local checks can compare it; any other
 * non-empty string comes back as given, for the service to decide.
 */
export function validateOpenEnum(value: unknown, what: string, known: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new TypeError(`${what} must be a string, got ${describe(value)}`);
  if (value.trim() === "") {
    throw new RangeError(`${what} must not be empty (known values: ${known.join(", ")})`);
  }
  const lower = value.toLowerCase();
  return known.find((k) => k.toLowerCase() === lower) ?? value;
}

/** Options bags must be objects when given, so a stray positional argument fails loudly. */
export function validateOptionsBag<T extends object>(
  value: T | undefined,
  what: string,
): T | Record<string, never> {
  if (value === undefined) return {};
  if (typeof value !== "object" || (value as unknown) === null || Array.isArray(value)) {
    throw new TypeError(`${what} must be an object, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `"${redactSecrets(value)}"` : typeof value;
}

/** The options every `begin*` method shares. */
export function validateLroOptions(options: { updateIntervalInMs?: unknown; resumeFrom?: unknown }): void {
  validateOptionalInterval(options.updateIntervalInMs, "updateIntervalInMs");
  if (options.resumeFrom !== undefined && typeof options.resumeFrom !== "string") {
    throw new TypeError("resumeFrom must be the string returned by poller.serialize()");
  }
}
