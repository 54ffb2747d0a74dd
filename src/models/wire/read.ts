/**
 * Tolerant readers of wire values. Mappers read members by name from the wire interfaces
 * (`str(properties?.timeCreated)`), so a misspelled member does not compile, and these check the
 * value at run time: the service adds fields and examples omit some, so a missing or mistyped
 * value reads as `undefined`. Reading members directly at each call site, rather than through a
 * reader taking the key, keeps every property load monomorphic: listings read about thirty members
 * per restore point, a thousand points at a time (bench/cpuPerOp.ts).
 */

/** The element type of an array. */
type ElementOf<A> = A extends readonly (infer E)[] ? E : never;

function isObject(v: unknown): v is object {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A string member. */
export function str(value: string | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A finite number member; a numeric string counts (some services serialise numbers as strings). */
export function num(value: number | undefined): number | undefined {
  const v: unknown = value;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** A boolean member. */
export function bool(value: boolean | undefined): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

/** A date-time string member as a `Date`; an unparseable value reads as `undefined`. */
export function date(value: string | undefined): Date | undefined {
  if (typeof value !== "string") return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** An object member (not an array, not null). */
export function obj<T extends object>(value: T | undefined): T | undefined {
  return isObject(value) ? value : undefined;
}

/** The object elements of an array member, in order (other elements are skipped). */
export function objects<A extends readonly object[]>(value: A | undefined): ReadonlyArray<ElementOf<A>> {
  const v: unknown = value;
  if (!Array.isArray(v) || v.length === 0) return [];
  // Bodies almost always hold objects only: then the array itself is the answer, no copy.
  for (const item of v) if (!isObject(item)) return v.filter(isObject) as ElementOf<A>[];
  return v as ElementOf<A>[];
}

/** The string elements of an array member, in order. */
export function strings(value: readonly string[] | undefined): readonly string[] {
  const v: unknown = value;
  if (!Array.isArray(v)) return [];
  return v.filter((item): item is string => typeof item === "string");
}

/** A map of string values (ARM tags), frozen; other values are left out. */
export function stringMap(
  value: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  }
  return Object.freeze(out);
}
