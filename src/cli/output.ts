/**
 * How the CLI prints results. Every command hands the printer its result as JSON (the SDK model
 * shape, minus `raw`) and, for people, a table or key/value view. `--query` (JMESPath, evaluated on
 * the JSON as `az` does) runs first; then `--output` picks the format. Lines meant for people go to
 * stderr or only appear in table output, so stdout stays parseable.
 */
import { search } from "@jmespath-community/jmespath";
import type { JSONValue } from "@jmespath-community/jmespath";
import { UsageError } from "./exitCodes.js";
import {
  cell,
  formatGenericTable,
  formatJson,
  formatJsonc,
  formatTable,
  formatTsv,
  formatYaml,
  toJsonValue,
  type Column,
  type OutputFormat,
} from "./formats.js";

export type { Column, OutputFormat } from "./formats.js";
export { formatJson, formatTable } from "./formats.js";

export interface PrinterOptions {
  readonly format: OutputFormat;
  readonly query?: string | undefined;
  /** `--only-show-errors`: no notes or asides on stderr. */
  readonly quiet?: boolean;
  /** Colour for `jsonc` (stdout is a terminal and NO_COLOR is not set). */
  readonly color?: boolean;
  readonly write?: (text: string) => void;
  readonly writeErr?: (text: string) => void;
}

/** Applies a JMESPath expression; a malformed one is a usage error (exit 2). */
export function applyQuery(value: unknown, query: string | undefined): unknown {
  const json = toJsonValue(value);
  if (query === undefined) return json;
  try {
    return search(json as JSONValue, query);
  } catch (error) {
    throw new UsageError(
      `--query '${query}' is not a valid JMESPath expression: ${(error as Error).message}`,
    );
  }
}

export class Printer {
  readonly format: OutputFormat;
  private readonly query: string | undefined;
  private readonly quiet: boolean;
  private readonly color: boolean;
  private readonly write: (text: string) => void;
  private readonly writeErr: (text: string) => void;

  constructor(options: PrinterOptions) {
    this.format = options.format;
    this.query = options.query;
    this.quiet = options.quiet ?? false;
    this.color = options.color ?? false;
    this.write = options.write ?? ((text) => process.stdout.write(text));
    this.writeErr = options.writeErr ?? ((text) => process.stderr.write(text));
  }

  /** Whether the output is for people (a table without `--query`). */
  get forPeople(): boolean {
    return this.format === "table" && this.query === undefined;
  }

  /** Prints `json` in the chosen format; `table` is the people's view when no query reshaped it. */
  result(json: unknown, table: () => string): void {
    if (this.format === "none") {
      // Still evaluate the query, so that a malformed one fails as it would with any format.
      if (this.query !== undefined) applyQuery(json, this.query);
      return;
    }
    if (this.forPeople) {
      this.write(`${table()}\n`);
      return;
    }
    const value = applyQuery(json, this.query);
    const text = ((): string => {
      switch (this.format) {
        case "json":
          return formatJson(value);
        case "jsonc":
          return formatJsonc(value, this.color);
        case "yaml":
          return formatYaml(value);
        case "tsv":
          return formatTsv(value);
        default:
          return formatGenericTable(value);
      }
    })();
    this.write(`${text}\n`);
  }

  /** Prints bare values one per line for people and for tsv (for `$(...)` in shells), else `json`. */
  bare(values: readonly string[], json: unknown): void {
    if (this.format === "tsv" && this.query === undefined) {
      this.write(`${values.join("\n")}\n`);
      return;
    }
    this.result(json, () => values.join("\n"));
  }

  /** The table of rows as text, for views that combine tables. */
  tableText<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
    return formatTable(rows, columns);
  }

  /** Prints rows as a table, or `json` (default: the rows themselves) in the chosen format. */
  rows<T>(rows: readonly T[], columns: readonly Column<T>[], json: unknown = rows): void {
    this.result(json, () => formatTable(rows, columns));
  }

  /** Prints one object as key/value lines, or `json` in the chosen format. */
  object(value: Record<string, unknown>, json: unknown = value): void {
    this.result(json, () => {
      const width = Math.max(0, ...Object.keys(value).map((k) => k.length));
      return Object.entries(value)
        .map(([k, v]) => `${k.padEnd(width)}  ${cell(v)}`)
        .join("\n");
    });
  }

  /** A line for people on stdout; only in table output without a query. */
  note(text: string): void {
    if (this.forPeople) this.write(`${text}\n`);
  }

  /** A line for people on stderr (stdout keeps only the result); only in table output. */
  aside(text: string): void {
    if (!this.quiet && this.format === "table") this.writeErr(`${text}\n`);
  }

  /** A warning on stderr in every format, unless --only-show-errors. */
  warn(text: string): void {
    if (!this.quiet) this.writeErr(`${text}\n`);
  }
}
