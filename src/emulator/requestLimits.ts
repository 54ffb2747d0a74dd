/**
 * The limits every request body must keep before anything in it can be stored: total size, JSON
 * nesting depth and the size of each stored property. They are checked on the raw text and the
 * parsed value before a handler runs, so that nothing a client sends can later overflow
 * `JSON.stringify` (a response, the state file, an etag) or bloat the state.
 *
 * ARM itself refuses bodies over 4 MiB, and its JSON reader stops at a nesting depth of 64; the
 * per-property limit is the emulator's own (Azure's largest free-form property, a VM's `userData`,
 * is at most 64 KiB of base64), generous enough for every real body.
 */
import { armErrors } from "./armErrors.js";

/** Defaults of the request limits; see {@link EmulatorOptions}. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_JSON_DEPTH = 64;
export const DEFAULT_MAX_PROPERTY_BYTES = 256 * 1024;

/** The request limits with every default filled in. */
export interface RequestLimits {
  /** Largest accepted body, in bytes (413 above). */
  readonly maxBodyBytes: number;
  /** Deepest accepted nesting of JSON objects and arrays (the top-level value is depth 1). */
  readonly maxJsonDepth: number;
  /** Largest accepted JSON text of one stored property (a member of the body or of `properties`). */
  readonly maxPropertyBytes: number;
}

/**
 * Throws 400 `InvalidRequestContent` when the JSON text nests deeper than `maxDepth`. It scans the
 * text without recursion and before `JSON.parse`, so even a megabyte of `[` costs one pass.
 */
export function checkJsonDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) index++;
      else if (char === 0x22 /* " */) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      depth++;
      if (depth > maxDepth) {
        throw armErrors.invalidRequestContent(
          `The JSON nests deeper than the limit of ${maxDepth} levels (at position ${index})`,
        );
      }
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) depth--;
  }
}

/**
 * Throws 400 `InvalidParameter` naming the first stored property whose JSON text is larger than
 * `maxBytes`: every member of the body and of its `properties` object.
 */
export function checkPropertySizes(body: unknown, maxBytes: number): void {
  if (!isPlainObject(body)) return;
  // The members of `properties` first, so that the most specific property is named.
  const members: [string, unknown][] = [];
  const properties = body.properties;
  if (isPlainObject(properties)) {
    for (const [key, value] of Object.entries(properties)) members.push([`properties.${key}`, value]);
  }
  members.push(...Object.entries(body));
  for (const [target, value] of members) {
    // Depth is already bounded, so this cannot overflow the stack.
    const bytes = Buffer.byteLength(JSON.stringify(value));
    if (bytes > maxBytes) throw armErrors.propertyTooLarge(target, bytes, maxBytes);
  }
}

/**
 * A request body as JSON within the limits; `undefined` for an empty body. ARM reads nothing but
 * JSON: a body sent with another media type is refused (415).
 */
export function parseRequestBody(
  raw: string,
  contentType: string | undefined,
  limits: RequestLimits,
): unknown {
  if (raw.trim() === "") return undefined;
  if (contentType !== undefined && contentType.trim() !== "") {
    const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
    if (mediaType !== "application/json" && !/^application\/[\w.+-]*\+json$/.test(mediaType)) {
      throw armErrors.unsupportedMediaType(contentType);
    }
  }
  return parseLimitedBody(raw, limits);
}

/** Parses a request body within the limits; `undefined` for an empty body. */
export function parseLimitedBody(raw: string, limits: RequestLimits): unknown {
  if (raw.trim() === "") return undefined;
  checkJsonDepth(raw, limits.maxJsonDepth);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw) as unknown;
  } catch (error) {
    throw armErrors.invalidRequestContent(error instanceof Error ? error.message : "malformed JSON");
  }
  checkPropertySizes(parsed, limits.maxPropertyBytes);
  return parsed;
}

/**
 * Checks a value that reaches the state without a request (e.g. `emu.addVm({ securityProfile })`)
 * against the same limits, so that it can be stored and serialised later: JSON data only (no
 * cycles, functions, symbols, bigints or non-finite numbers), nested no deeper than `maxDepth`.
 * @throws TypeError or RangeError naming `name`
 */
export function checkStorableValue(value: unknown, name: string, limits: RequestLimits): void {
  const seen = new Set<object>();
  // Explicit stack: a hostile value must not overflow the call stack here either.
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: name }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const current = item.value;
    if (current === null || typeof current === "string" || typeof current === "boolean") continue;
    if (typeof current === "number") {
      if (!Number.isFinite(current))
        throw new RangeError(`${item.path} must be a finite number, got ${current}.`);
      continue;
    }
    if (typeof current !== "object") {
      throw new TypeError(`${item.path} must be JSON data, got a ${typeof current}.`);
    }
    const depth = item.depth + 1;
    if (depth > limits.maxJsonDepth) {
      throw new RangeError(`${name} nests deeper than the limit of ${limits.maxJsonDepth} levels.`);
    }
    // A shared object is walked once; a cycle is left to the serialisation below.
    if (seen.has(current)) continue;
    seen.add(current);
    const entries = Array.isArray(current)
      ? current.map((element, index): [string, unknown] => [`[${index}]`, element])
      : Object.entries(current).map(([key, element]): [string, unknown] => [`.${key}`, element]);
    for (const [suffix, element] of entries)
      stack.push({ value: element, depth, path: `${item.path}${suffix}` });
  }
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    throw new TypeError(`${name} cannot be serialised as JSON (it refers back to itself).`);
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > limits.maxPropertyBytes) {
    throw new RangeError(
      `${name} is ${bytes} bytes of JSON; at most ${limits.maxPropertyBytes} are accepted.`,
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The limits of {@link EmulatorOptions} with their defaults, each checked to be a positive integer. */
export function resolveRequestLimits(options: {
  maxBodyBytes?: number;
  maxJsonDepth?: number;
  maxPropertyBytes?: number;
}): RequestLimits {
  return {
    maxBodyBytes: positiveInteger("maxBodyBytes", options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES),
    maxJsonDepth: positiveInteger("maxJsonDepth", options.maxJsonDepth, DEFAULT_MAX_JSON_DEPTH),
    maxPropertyBytes: positiveInteger(
      "maxPropertyBytes",
      options.maxPropertyBytes,
      DEFAULT_MAX_PROPERTY_BYTES,
    ),
  };
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be an integer >= 1, got ${String(value)}.`);
  }
  return value;
}
