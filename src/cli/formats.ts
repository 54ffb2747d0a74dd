/**
 * The output formats of `--output`, applied to a JSON value (the command's result after `--query`):
 * `json`, `jsonc` (coloured JSON on a terminal), `yaml`, `tsv` (values only, as `az` prints them for
 * shell loops) and the generic `table` used when a query reshaped the result.
 */
import { stringify as yamlStringify } from "yaml";

export const OUTPUT_FORMATS = ["json", "jsonc", "table", "tsv", "yaml", "none"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => unknown;
}

export function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(cell).join(", ");
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return value.toString();
  // Objects print as JSON; functions and symbols never reach a table.
  return typeof value === "object" ? JSON.stringify(value) : "";
}

/** Renders rows as an aligned text table. */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => cell(c.value(row))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => "-".repeat(w))),
    ...cells.map(line),
  ].join("\n");
}

/** JSON with dates as ISO strings, in the key order the SDK models have. */
export function formatJson(value: unknown): string {
  // `JSON.stringify(undefined)` is undefined at run time, whatever its declared type says.
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof Date ? v.toISOString() : v), 2) as
    string | undefined;
  return text ?? "null";
}

/** The plain JSON value of a result (dates as strings, `undefined` members gone), as a query sees it. */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(formatJson(value)) as unknown);
}

const isScalar = (v: unknown): boolean => v === null || typeof v !== "object";

/** `az`'s table of an arbitrary value: one row per array item, a column per scalar member. */
export function formatGenericTable(value: unknown): string {
  if (isScalar(value)) return cell(value);
  const rows = Array.isArray(value) ? (value as unknown[]) : [value];
  if (rows.every(isScalar)) {
    return formatTable(rows, [{ header: "Result", value: (r) => r }]);
  }
  const keys: string[] = [];
  for (const row of rows) {
    if (row === null || typeof row !== "object" || Array.isArray(row)) continue;
    for (const [key, v] of Object.entries(row)) if (isScalar(v) && !keys.includes(key)) keys.push(key);
  }
  return formatTable(
    rows,
    keys.map((key) => ({
      header: key.charAt(0).toUpperCase() + key.slice(1),
      value: (r: unknown) => (r !== null && typeof r === "object" ? (r as Record<string, unknown>)[key] : r),
    })),
  );
}

/**
 * Tab-separated values as `az -o tsv` prints them: one line per array item; an object gives its
 * scalar members in order (nested objects and arrays are left out), a scalar itself.
 */
export function formatTsv(value: unknown): string {
  const line = (item: unknown): string => {
    if (isScalar(item)) return cell(item);
    if (Array.isArray(item)) return item.filter(isScalar).map(cell).join("\t");
    return Object.values(item as Record<string, unknown>)
      .filter(isScalar)
      .map(cell)
      .join("\t");
  };
  return Array.isArray(value) ? value.map(line).join("\n") : line(value);
}

export function formatYaml(value: unknown): string {
  return yamlStringify(value).trimEnd();
}

/** `jsonc`: JSON with keys, strings and literals coloured (ANSI), as `az -o jsonc` shows it. */
export function formatJsonc(value: unknown, color: boolean): string {
  const text = formatJson(value);
  if (!color) return text;
  return text.replace(
    /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g,
    (match, str: string | undefined, colon: string | undefined, literal: string | undefined) => {
      if (str !== undefined)
        return colon !== undefined ? `\u001b[94m${str}\u001b[0m${colon}` : `\u001b[32m${str}\u001b[0m`;
      if (literal !== undefined) return `\u001b[95m${literal}\u001b[0m`;
      return `\u001b[33m${match}\u001b[0m`;
    },
  );
}
