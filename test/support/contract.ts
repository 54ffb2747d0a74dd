/**
 * Contract fixtures and a pure comparer for ARM responses.
 *
 * The fixtures in `test/fixtures/contract/*.json` are our own normalised summary of recorded Azure traffic
 * and of the REST spec examples (see that folder's README.md). Each exchange lists what a response must
 * look like: status, protocol headers, operation-URL forms, rate-limit policy names, body key paths and the
 * body values that drive behaviour. `checkExchange` compares a real (emulator or live) response against
 * one of those expectations and returns human-readable mismatches; an empty list means "matches".
 *
 * Conventions shared with the fixtures:
 * - Body key paths are leaf paths joined with `.`; array elements are `[]` (`a.b[].c`). An empty array is
 *   the leaf `a[]`, an empty object the leaf `a`.
 * - In `bodyValues`, `[n]` selects element n and `[]` means "every element (at least one)".
 * - `{name}` placeholders (see {@link KNOWN_PLACEHOLDERS}) match any value unless `options.vars` gives one.
 *   Placeholders that stand for a whole ARM id (`{vmId}`, `{sourceRestorePointId}`, ...) may span `/`;
 *   the others match a single path segment.
 * - `…` in a header pattern's query marks an opaque value that must be present (`p`), except for the
 *   signature parameters `t`, `c`, `s`, `h`, which are optional.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";

/** Placeholders allowed in fixture paths, bodies, values and header patterns. */
export const KNOWN_PLACEHOLDERS = [
  "subscriptionId",
  "resourceGroup",
  "vmName",
  "vmId",
  "location",
  "targetLocation",
  "collection",
  "collection2",
  "collectionId",
  "targetCollection",
  "restorePoint",
  "restorePointId",
  "sourceRestorePointId",
  "diskRestorePoint",
  "diskRestorePointId",
  "diskName",
  "dataDiskId",
  "snapshotName",
  "nicName",
  "operationId",
] as const;

export type Placeholder = (typeof KNOWN_PLACEHOLDERS)[number];

/** Placeholders standing for a complete ARM resource id (they contain `/`). */
const FULL_ID_PLACEHOLDERS: ReadonlySet<string> = new Set([
  "vmId",
  "collectionId",
  "restorePointId",
  "sourceRestorePointId",
  "diskRestorePointId",
  "dataDiskId",
]);

const PLACEHOLDER_RE = /\{([A-Za-z0-9_-]+)\}/g;
const OPAQUE = "…";
const OPTIONAL_SIGNED_QUERY_KEYS: ReadonlySet<string> = new Set(["t", "c", "s", "h"]);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type FixtureMethod = "GET" | "PUT" | "PATCH" | "DELETE" | "POST";
export const FIXTURE_METHODS: readonly FixtureMethod[] = ["GET", "PUT", "PATCH", "DELETE", "POST"];

/** What a response must look like. Every field except `status` is optional. */
export interface FixtureResponse {
  status: number;
  /** Lower-case header names that must be present. */
  headersPresent?: string[];
  /** Lower-case header names that must be absent. */
  headersAbsent?: string[];
  /** Header name -> URL form (path + query, no host) the header value must have. */
  headerPatterns?: Record<string, string>;
  /** Policies (`Microsoft.Compute/<Policy>`) that `x-ms-ratelimit-remaining-resource` must name. */
  rateLimitPolicies?: string[];
  /** Leaf key paths that must exist in the body (the actual body may have more). */
  bodyKeys?: string[];
  /** Values at key paths that matter for behaviour. */
  bodyValues?: Record<string, JsonValue>;
  /** Key paths that must NOT exist in the body. */
  bodyAbsent?: string[];
  /** The body must be empty (no content). */
  bodyEmpty?: boolean;
}

export interface FixtureExchange {
  id: string;
  operation: string;
  method: FixtureMethod;
  path: string;
  apiVersion: string;
  query?: Record<string, string>;
  requestBody?: JsonValue;
  response: FixtureResponse;
  notes?: string;
}

export interface FixtureSetup {
  osType?: "Windows" | "Linux";
  dataDisks?: number;
  location?: string;
  targetLocation?: string;
  notes?: string;
  [key: string]: unknown;
}

export interface FixtureFile {
  source: string;
  setup?: FixtureSetup;
  exchanges: FixtureExchange[];
}

export interface LoadedFixture extends FixtureFile {
  /** File name inside the fixture folder. */
  file: string;
}

export interface ContractResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface CheckOptions {
  /** Key paths (and everything below them) to leave out of the bodyKeys/bodyValues/bodyAbsent checks. */
  ignoreKeys?: string[];
  /**
   * Check `rateLimitPolicies` against `x-ms-ratelimit-remaining-resource`. Default true. `false` also skips the
   * presence check of every `x-ms-ratelimit-remaining-*` header listed in `headersPresent`.
   */
  checkRateLimits?: boolean;
  /** Check `headerPatterns` (operation URL forms). Default true. */
  checkHeaderPatterns?: boolean;
  /** Concrete values for placeholders; placeholders without a value match anything. */
  vars?: Partial<Record<Placeholder, string>>;
}

/** Folder holding the contract fixtures. */
export const FIXTURE_DIR = fileURLToPath(new URL("../fixtures/contract/", import.meta.url));

/** Reads every `*.json` file of the fixture folder, sorted by name. */
export function loadFixtures(dir: string = FIXTURE_DIR): LoadedFixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const parsed = JSON.parse(readFileSync(join(dir, file), "utf8")) as FixtureFile;
      return { ...parsed, file };
    });
}

/** Default placeholder values of a fixture file: its setup regions. */
export function fixtureVars(fixture: FixtureFile): Partial<Record<Placeholder, string>> {
  const vars: Partial<Record<Placeholder, string>> = {};
  if (typeof fixture.setup?.location === "string") vars.location = fixture.setup.location;
  if (typeof fixture.setup?.targetLocation === "string") vars.targetLocation = fixture.setup.targetLocation;
  return vars;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Leaf key paths of a JSON body, in first-seen order, without duplicates.
 * Objects join with `.`, array elements become `[]`; an empty array is the leaf `x[]`, an empty object the
 * leaf `x`. A primitive or empty body has no keys.
 */
export function bodyKeyPaths(body: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string): void => {
    if (p !== "" && !seen.has(p)) {
      seen.add(p);
      out.push(p);
    }
  };
  const walk = (v: unknown, prefix: string): void => {
    if (Array.isArray(v)) {
      const p = `${prefix}[]`;
      if (v.length === 0) add(p);
      for (const item of v) walk(item, p);
    } else if (isPlainObject(v)) {
      const entries = Object.entries(v);
      if (entries.length === 0) add(prefix);
      for (const [k, child] of entries) walk(child, prefix === "" ? k : `${prefix}.${k}`);
    } else {
      add(prefix);
    }
  };
  if (Array.isArray(body) || isPlainObject(body)) walk(body, "");
  return out;
}

/** `a[3].b` -> `a[].b` */
function normalizePath(path: string): string {
  return path.replace(/\[\d+\]/g, "[]");
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

function keyPresent(keys: readonly string[], path: string): boolean {
  return keys.some((k) => isUnder(k, path));
}

type PathToken = { kind: "key"; key: string } | { kind: "index"; index: number | "every" };

function parsePath(path: string): PathToken[] {
  const tokens: PathToken[] = [];
  const re = /([^.[\]]+)|\[(\d*)\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) tokens.push({ kind: "key", key: m[1] });
    else tokens.push({ kind: "index", index: m[2] === "" || m[2] === undefined ? "every" : Number(m[2]) });
  }
  return tokens;
}

/**
 * Values at a bodyValues path; `[]` fans out to every element. `found` is false when any branch lacks a step
 * (so `a[].b` requires every element of `a` to have `b`, and `a` to be non-empty).
 */
function valuesAt(body: unknown, path: string): { found: boolean; values: unknown[] } {
  const notFound = { found: false, values: [] };
  let current: unknown[] = [body];
  for (const token of parsePath(path)) {
    const next: unknown[] = [];
    for (const v of current) {
      if (token.kind === "key") {
        if (!isPlainObject(v) || !Object.hasOwn(v, token.key)) return notFound;
        next.push(v[token.key]);
      } else {
        if (!Array.isArray(v)) return notFound;
        const items = v as unknown[];
        if (token.index === "every") {
          if (items.length === 0) return notFound;
          next.push(...items);
        } else {
          if (token.index >= items.length) return notFound;
          next.push(items[token.index]);
        }
      }
    }
    current = next;
  }
  return { found: true, values: current };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function hasPlaceholder(s: string): boolean {
  return s.includes(OPAQUE) || [...s.matchAll(PLACEHOLDER_RE)].some((m) => isKnown(m[1]));
}

function isKnown(name: string | undefined): name is Placeholder {
  return name !== undefined && (KNOWN_PLACEHOLDERS as readonly string[]).includes(name);
}

/** Regular expression for an expected string with placeholders. */
function templateRegExp(template: string, vars: CheckOptions["vars"], ignoreCase: boolean): RegExp {
  let source = "";
  let last = 0;
  const re = new RegExp(`${PLACEHOLDER_RE.source}|${OPAQUE}`, "g");
  for (const m of template.matchAll(re)) {
    const start = m.index;
    source += escapeRegExp(template.slice(last, start));
    const name = m[1];
    if (m[0] === OPAQUE) source += ".*";
    else if (isKnown(name)) {
      const given = vars?.[name];
      if (given !== undefined) source += escapeRegExp(given);
      else source += FULL_ID_PLACEHOLDERS.has(name) ? ".+" : "[^/]+";
    } else source += escapeRegExp(m[0]);
    last = start + m[0].length;
  }
  source += escapeRegExp(template.slice(last));
  return new RegExp(`^${source}$`, ignoreCase ? "i" : "");
}

function isLocationKey(path: string): boolean {
  const last = normalizePath(path).replace(/\[\]/g, "").split(".").pop() ?? "";
  return last.toLowerCase().endsWith("location");
}

function valueMatches(
  expected: JsonValue,
  actual: unknown,
  path: string,
  vars: CheckOptions["vars"],
): boolean {
  if (typeof expected === "string") {
    if (typeof actual !== "string") return false;
    const ignoreCase = isLocationKey(path);
    if (hasPlaceholder(expected)) return templateRegExp(expected, vars, ignoreCase).test(actual);
    return ignoreCase ? expected.toLowerCase() === actual.toLowerCase() : expected === actual;
  }
  return isDeepStrictEqual(expected, actual);
}

function show(v: unknown): string {
  if (v === undefined) return "undefined";
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || (typeof body === "string" && body.trim() === "");
}

function parsedBody(body: unknown): unknown {
  if (typeof body === "string" && body.trim() !== "") {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return body;
    }
  }
  return body;
}

/**
 * Checks an operation URL (Azure-AsyncOperation / Location header) against a fixture URL form such as
 * `/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/operations/{operationId}?p=…&monitor=true&api-version=2023-09-01`.
 * Host and scheme are not compared, but the URL must be absolute. Path segments compare case-insensitively.
 * `monitor` must be present exactly when the pattern has it.
 */
export function matchUrlPattern(pattern: string, actual: string, vars?: CheckOptions["vars"]): string[] {
  let url: URL;
  try {
    url = new URL(actual);
  } catch {
    return [`"${actual}" is not an absolute URL`];
  }
  const problems: string[] = [];
  const q = pattern.indexOf("?");
  const patternPath = q === -1 ? pattern : pattern.slice(0, q);
  const patternQuery = q === -1 ? "" : pattern.slice(q + 1);
  const want = patternPath.split("/");
  const got = url.pathname.split("/").map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  if (want.length !== got.length) {
    problems.push(`path "${url.pathname}" does not have the form "${patternPath}"`);
  } else {
    want.forEach((seg, i) => {
      const actualSeg = got[i] ?? "";
      const ph = /^\{([A-Za-z0-9_-]+)\}$/.exec(seg)?.[1];
      if (isKnown(ph)) {
        const given = vars?.[ph];
        if (actualSeg === "") problems.push(`path segment ${i} for {${ph}} is empty`);
        else if (given !== undefined && given.toLowerCase() !== actualSeg.toLowerCase()) {
          problems.push(`path segment {${ph}}: expected "${given}", got "${actualSeg}"`);
        }
      } else if (seg.toLowerCase() !== actualSeg.toLowerCase()) {
        problems.push(`path segment ${i}: expected "${seg}", got "${actualSeg}"`);
      }
    });
  }
  const wantedKeys = new Set<string>();
  for (const part of patternQuery.split("&").filter((p) => p !== "")) {
    const eq = part.indexOf("=");
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? "" : part.slice(eq + 1);
    wantedKeys.add(key);
    const actualValue = url.searchParams.get(key);
    if (value === OPAQUE) {
      if (actualValue === null && !OPTIONAL_SIGNED_QUERY_KEYS.has(key))
        problems.push(`query parameter "${key}" missing`);
    } else if (actualValue === null) {
      problems.push(`query parameter "${key}" missing (expected "${value}")`);
    } else if (actualValue !== value) {
      problems.push(`query parameter "${key}": expected "${value}", got "${actualValue}"`);
    }
  }
  if (!wantedKeys.has("monitor") && url.searchParams.has("monitor")) {
    problems.push(`unexpected query parameter "monitor" (only the Location/monitor URL carries it)`);
  }
  return problems;
}

/**
 * Compares a response with a fixture expectation. Returns one message per mismatch; `[]` means it matches.
 */
export function checkExchange(
  expected: FixtureResponse,
  actual: ContractResponse,
  options: CheckOptions = {},
): string[] {
  const problems: string[] = [];
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(actual.headers)) headers.set(k.toLowerCase(), v);
  const ignore = (options.ignoreKeys ?? []).map(normalizePath);
  const ignored = (path: string): boolean => ignore.some((i) => isUnder(normalizePath(path), i));

  if (actual.status !== expected.status)
    problems.push(`status: expected ${expected.status}, got ${actual.status}`);

  const skipRateLimits = options.checkRateLimits === false;
  for (const h of expected.headersPresent ?? []) {
    if (skipRateLimits && h.toLowerCase().startsWith("x-ms-ratelimit-remaining-")) continue;
    if (!headers.has(h.toLowerCase())) problems.push(`header "${h}" missing`);
  }
  for (const h of expected.headersAbsent ?? []) {
    const v = headers.get(h.toLowerCase());
    if (v !== undefined) problems.push(`header "${h}" must be absent, got ${show(v)}`);
  }

  if (options.checkHeaderPatterns !== false) {
    for (const [h, pattern] of Object.entries(expected.headerPatterns ?? {})) {
      const v = headers.get(h.toLowerCase());
      if (v === undefined) {
        if (!(expected.headersPresent ?? []).some((p) => p.toLowerCase() === h.toLowerCase())) {
          problems.push(`header "${h}" missing (expected the form ${pattern})`);
        }
        continue;
      }
      for (const p of matchUrlPattern(pattern, v, options.vars)) problems.push(`header "${h}": ${p}`);
    }
  }

  if (!skipRateLimits && (expected.rateLimitPolicies ?? []).length > 0) {
    const raw = headers.get("x-ms-ratelimit-remaining-resource");
    if (raw === undefined) {
      problems.push(
        `header "x-ms-ratelimit-remaining-resource" missing (expected ${(expected.rateLimitPolicies ?? []).join(", ")})`,
      );
    } else {
      const named = new Set<string>();
      for (const part of raw.split(",").map((p) => p.trim())) {
        const m = /^([^;\s]+);(\d+)$/.exec(part);
        if (m?.[1] === undefined)
          problems.push(
            `x-ms-ratelimit-remaining-resource: malformed entry ${show(part)} (want Microsoft.Compute/<Policy>;<n>)`,
          );
        else named.add(m[1].toLowerCase());
      }
      for (const policy of expected.rateLimitPolicies ?? []) {
        if (!named.has(policy.toLowerCase()))
          problems.push(`x-ms-ratelimit-remaining-resource does not name ${policy} (got ${show(raw)})`);
      }
    }
  }

  const body = parsedBody(actual.body);
  if (expected.bodyEmpty === true && !isEmptyBody(body))
    problems.push(`body must be empty, got ${show(body)}`);

  const keys = bodyKeyPaths(body);
  for (const k of expected.bodyKeys ?? []) {
    if (!ignored(k) && !keyPresent(keys, k)) problems.push(`body key "${k}" missing`);
  }
  for (const k of expected.bodyAbsent ?? []) {
    if (!ignored(k) && keyPresent(keys, normalizePath(k))) problems.push(`body key "${k}" must be absent`);
  }
  for (const [path, want] of Object.entries(expected.bodyValues ?? {})) {
    if (ignored(path)) continue;
    const { found, values } = valuesAt(body, path);
    if (!found) {
      problems.push(`body value "${path}" missing (expected ${show(want)})`);
      continue;
    }
    for (const got of values) {
      if (!valueMatches(want, got, path, options.vars)) {
        problems.push(`body value "${path}": expected ${show(want)}, got ${show(got)}`);
        break;
      }
    }
  }
  return problems;
}

/** Placeholder names used in a string (known or not). */
export function placeholdersIn(s: string): string[] {
  return [...s.matchAll(PLACEHOLDER_RE)].map((m) => m[1] ?? "");
}
