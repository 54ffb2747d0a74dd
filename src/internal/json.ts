/**
 * Tolerant readers for ARM JSON. The service adds fields over time and examples omit fields the
 * spec marks as present, so mapping never trusts a shape: a missing or mistyped field is undefined.
 */

/** A parsed JSON object. */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  const v = isJsonObject(value) ? value[key] : undefined;
  return isJsonObject(v) ? v : undefined;
}

export function stringAt(value: unknown, key: string): string | undefined {
  const v = isJsonObject(value) ? value[key] : undefined;
  return typeof v === "string" ? v : undefined;
}

export function numberAt(value: unknown, key: string): number | undefined {
  const v = isJsonObject(value) ? value[key] : undefined;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  // Some services serialise numbers as strings; accept those rather than dropping the value.
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function booleanAt(value: unknown, key: string): boolean | undefined {
  const v = isJsonObject(value) ? value[key] : undefined;
  return typeof v === "boolean" ? v : undefined;
}

export function arrayAt(value: unknown, key: string): readonly unknown[] {
  const v = isJsonObject(value) ? value[key] : undefined;
  return Array.isArray(v) ? v : [];
}

export function stringMapAt(value: unknown, key: string): Readonly<Record<string, string>> {
  const o = objectAt(value, key);
  const out: Record<string, string> = {};
  if (o !== undefined) {
    for (const [k, v] of Object.entries(o)) if (typeof v === "string") out[k] = v;
  }
  return Object.freeze(out);
}
