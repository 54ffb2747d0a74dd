/**
 * How the CLI prints results: a table for people, or stable JSON for scripts (`--output json`).
 * Dates print as ISO strings in both; nothing else is transformed, so JSON keeps every field.
 */

export type OutputFormat = "table" | "json";

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => unknown;
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(cell).join(", ");
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return value.toString();
  // Objects and arrays print as JSON; functions and symbols never reach a table.
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

/** JSON with dates as ISO strings and a stable key order as produced by the SDK models. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Date ? v.toISOString() : v), 2);
}

export class Printer {
  constructor(
    readonly format: OutputFormat,
    private readonly write: (text: string) => void = (text) => process.stdout.write(text),
    private readonly writeErr: (text: string) => void = (text) => process.stderr.write(text),
  ) {}

  /**
   * Prints bare values one per line (nothing else on stdout, for `$(...)` in shells), or the JSON
   * of `json`.
   */
  bare(values: readonly string[], json: unknown): void {
    this.write(this.format === "json" ? `${formatJson(json)}\n` : `${values.join("\n")}\n`);
  }

  /** A line for people on stderr, so that stdout keeps only the result; silent in JSON mode. */
  aside(text: string): void {
    if (this.format === "table") this.writeErr(`${text}\n`);
  }

  /** Prints rows as a table, or the JSON of `json` (default: the rows themselves). */
  rows<T>(rows: readonly T[], columns: readonly Column<T>[], json: unknown = rows): void {
    this.write(`${this.format === "json" ? formatJson(json) : formatTable(rows, columns)}\n`);
  }

  /** Prints one object as key/value lines, or as JSON. */
  object(value: Record<string, unknown>, json: unknown = value): void {
    if (this.format === "json") {
      this.write(`${formatJson(json)}\n`);
      return;
    }
    const width = Math.max(...Object.keys(value).map((k) => k.length));
    this.write(
      `${Object.entries(value)
        .map(([k, v]) => `${k.padEnd(width)}  ${cell(v)}`)
        .join("\n")}\n`,
    );
  }

  /** A line for people; silent in JSON mode so stdout stays parseable. */
  note(text: string): void {
    if (this.format === "table") this.write(`${text}\n`);
  }
}
