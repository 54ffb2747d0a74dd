/**
 * Argument checks that run before any request: TypeError for a wrong type or an empty value,
 * RangeError for a value outside ARM's naming rules or a documented range.
 */
import { isBefore, isValidResourceName, isWellFormedApiVersion, nameRuleOf } from "./nameRules.js";
import type { NameKind } from "./nameRules.js";
import { redactSecrets } from "./redactSecrets.js";
import { validateTags } from "./tagRules.js";

/** The longest delay Node's timers honour: longer ones fire after 1 ms (TimeoutOverflowWarning). */
export const MAX_TIMER_DELAY_IN_MS = 2 ** 31 - 1;

function requireString(value: unknown, what: string): string {
  if (typeof value !== "string") throw new TypeError(`${what} must be a string, got ${describe(value)}`);
  if (value === "") throw new TypeError(`${what} must not be empty`);
  return value;
}

function checkName(value: unknown, what: string, kind: NameKind): string {
  const name = requireString(value, what);
  if (!isValidResourceName(kind, name)) {
    throw new RangeError(`${what} "${redactSecrets(name)}" is not a valid name: use ${nameRuleOf(kind)}`);
  }
  return name;
}

/**
 * A subscription id: one path segment (Azure's are GUIDs; emulators may use other ids), so never
 * `.`, `..`, or text with `/`, `?`, `#`, `%`, whitespace or control characters.
 */
export function validateSubscriptionId(value: unknown, what = "subscriptionId"): string {
  const id = requireString(value, what);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (id === "." || id === ".." || /[/?#%\s\u0000-\u001f\u007f]/.test(id)) {
    throw new RangeError(
      `${what} must be a subscription id such as 00000000-0000-0000-0000-000000000000, got ${describe(id)}`,
    );
  }
  return id;
}

/** A name of `kind` (see nameRules.ts), as parameter `what`. */
export function validateResourceName(value: unknown, what: string, kind: NameKind): string {
  return checkName(value, what, kind);
}

export function validateResourceGroupName(value: unknown, what = "resourceGroup"): string {
  return checkName(value, what, "resourceGroup");
}

export function validateCollectionName(value: unknown, what = "collectionName"): string {
  return checkName(value, what, "restorePointCollection");
}

export function validateRestorePointName(value: unknown, what = "restorePointName"): string {
  return checkName(value, what, "restorePoint");
}

export function validateDiskRestorePointName(value: unknown, what = "diskRestorePointName"): string {
  return checkName(value, what, "diskRestorePoint");
}

export function validateDiskName(value: unknown, what = "diskName"): string {
  return checkName(value, what, "disk");
}

/**
 * An api-version option: `yyyy-mm-dd[-preview]` with a real calendar date, not older than `floor`.
 * @returns `fallback` when not given
 */
export function validateApiVersion(value: unknown, what: string, fallback: string, floor: string): string {
  if (value === undefined) return fallback;
  const version = requireString(value, what);
  if (!isWellFormedApiVersion(version)) {
    throw new RangeError(
      `${what} must be a real date as yyyy-mm-dd (e.g. 2025-04-01 or 2025-04-01-preview), got "${redactSecrets(version)}"`,
    );
  }
  if (isBefore(version, floor)) {
    throw new RangeError(`${what} ${version} is older than this SDK supports; use ${floor} or later`);
  }
  return version;
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
  if (typeof value !== "number") {
    throw new TypeError(
      `${what} must be a whole number from ${range.min} to ${range.max}, got ${describe(value)}`,
    );
  }
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new RangeError(`${what} must be a whole number from ${range.min} to ${range.max}, got ${value}`);
  }
  return value;
}

/**
 * A delay or timeout in ms: a finite number from 0 to 2^31-1 (Node's timers run longer delays
 * after 1 ms, which would turn a long interval into a busy loop).
 */
export function validateOptionalInterval(value: unknown, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number") {
    throw new TypeError(`${what} must be a number of milliseconds, got ${describe(value)}`);
  }
  if (!Number.isFinite(value) || value < 0 || value > MAX_TIMER_DELAY_IN_MS) {
    throw new RangeError(
      `${what} must be a number of milliseconds from 0 to ${MAX_TIMER_DELAY_IN_MS}, got ${describe(value)}`,
    );
  }
  return value;
}

/**
 * Resource tags: a plain object of string values keeping Azure's tag rules (see tagRules.ts).
 * @returns a copy, or undefined when not given
 */
export function validateOptionalTags(value: unknown, what = "tags"): Record<string, string> | undefined {
  return value === undefined ? undefined : validateTags(value, what);
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

/**
 * Options bags must be objects when given, so a stray positional argument fails loudly. The
 * options every operation shares are checked here too: `abortSignal` (an AbortSignal-like
 * object) and `updateIntervalInMs`.
 */
export function validateOptionsBag<T extends object>(
  value: T | undefined,
  what: string,
): T | Record<string, never> {
  if (value === undefined) return {};
  if (typeof value !== "object" || (value as unknown) === null || Array.isArray(value)) {
    throw new TypeError(`${what} must be an object (an options bag) or undefined, got ${describe(value)}`);
  }
  const shared = value as { abortSignal?: unknown; updateIntervalInMs?: unknown };
  validateAbortSignal(shared.abortSignal, `${what}.abortSignal`);
  validateOptionalInterval(shared.updateIntervalInMs, "updateIntervalInMs");
  return value;
}

/** An `abortSignal` option: undefined, or an object with `aborted` and `addEventListener`. */
export function validateAbortSignal(value: unknown, what = "abortSignal"): void {
  if (value === undefined) return;
  const signal = value as { aborted?: unknown; addEventListener?: unknown; removeEventListener?: unknown };
  if (
    typeof value !== "object" ||
    value === null ||
    typeof signal.aborted !== "boolean" ||
    typeof signal.addEventListener !== "function" ||
    typeof signal.removeEventListener !== "function"
  ) {
    throw new TypeError(
      `${what} must be an AbortSignal (e.g. new AbortController().signal or AbortSignal.timeout(ms)), got ${describe(value)}`,
    );
  }
}

/** A short, secret-free description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return `"${redactSecrets(value.length > 100 ? `${value.slice(0, 100)}…` : value)}"`;
    case "number":
      return Number.isNaN(value) ? "NaN" : String(value);
    case "bigint":
      return `${value}n (a bigint)`;
    case "function":
      return "a function";
    case "object": {
      if (value instanceof Map) return "a Map";
      if (value instanceof Set) return "a Set";
      const proto: unknown = Object.getPrototypeOf(value);
      const name = (proto as { constructor?: { name?: unknown } } | null)?.constructor?.name;
      return proto === null || proto === Object.prototype || typeof name !== "string" || name === ""
        ? "an object"
        : `a ${name}`;
    }
    default:
      return typeof value;
  }
}

/**
 * `retryOptions` of the client: `maxRetries` a whole number from 0 to 100, the delays numbers of
 * milliseconds from 0 to 2^31-1 (see {@link validateOptionalInterval}).
 */
export function validateRetryOptions(value: unknown): void {
  if (value === undefined) return;
  const opts = validateOptionsBag(value as object, "retryOptions") as {
    maxRetries?: unknown;
    retryDelayInMs?: unknown;
    maxRetryDelayInMs?: unknown;
  };
  if (opts.maxRetries !== undefined) {
    validateIntegerInRange(opts.maxRetries, "retryOptions.maxRetries", { min: 0, max: MAX_RETRIES });
  }
  validateOptionalInterval(opts.retryDelayInMs, "retryOptions.retryDelayInMs");
  validateOptionalInterval(opts.maxRetryDelayInMs, "retryOptions.maxRetryDelayInMs");
}

/** `loggingOptions` of the client: arrays of header and query parameter names. */
export function validateLoggingOptions(value: unknown): void {
  if (value === undefined) return;
  const opts = validateOptionsBag(value as object, "loggingOptions") as Record<string, unknown>;
  for (const key of ["additionalAllowedHeaderNames", "additionalAllowedQueryParameters"]) {
    const names = opts[key];
    if (names === undefined) continue;
    if (!Array.isArray(names) || names.some((n) => typeof n !== "string" || n === "")) {
      throw new TypeError(
        `loggingOptions.${key} must be an array of non-empty strings, got ${describe(names)}`,
      );
    }
  }
}

/** More retries than anyone needs: past this a typo (1000 for 10) would hammer the service. */
const MAX_RETRIES = 100;

/** The options every `begin*` method shares. */
export function validateLroOptions(options: {
  updateIntervalInMs?: unknown;
  resumeFrom?: unknown;
  abortSignal?: unknown;
}): void {
  validateOptionalInterval(options.updateIntervalInMs, "updateIntervalInMs");
  validateAbortSignal(options.abortSignal, "options.abortSignal");
  if (options.resumeFrom !== undefined && typeof options.resumeFrom !== "string") {
    throw new TypeError(
      `resumeFrom must be the string returned by poller.serialize(), got ${describe(options.resumeFrom)}`,
    );
  }
}
