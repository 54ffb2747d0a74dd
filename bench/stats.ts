/** Small statistics and formatting helpers for the benchmarks. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function ratio(value: number, baseline: number): number {
  return baseline === 0 ? Number.NaN : value / baseline;
}

/** One line of the results table: a measurement, its baseline from the same run, and the target. */
export interface BenchRow {
  readonly benchmark: string;
  readonly measure: string;
  readonly ours: number;
  readonly baselineName: string;
  readonly baseline: number;
  readonly unit: string;
  /** Largest acceptable ours/baseline ratio (or smallest, when `higherIsBetter`). */
  readonly target?: number;
  readonly higherIsBetter?: boolean;
}

export function verdict(row: BenchRow): string {
  if (row.target === undefined) return "";
  const r = ratio(row.ours, row.baseline);
  const ok = row.higherIsBetter === true ? r >= row.target : r <= row.target;
  return `${ok ? "met" : "MISSED"} (${row.higherIsBetter === true ? ">=" : "<="} ${row.target})`;
}

export function formatRows(rows: readonly BenchRow[]): string {
  const table = rows.map((r) => [
    r.benchmark,
    r.measure,
    `${round(r.ours)} ${r.unit}`,
    `${r.baselineName}: ${round(r.baseline)} ${r.unit}`,
    round(ratio(r.ours, r.baseline), 3).toString(),
    verdict(r),
  ]);
  const header = ["benchmark", "measure", "ours", "baseline (same run)", "ratio", "target"];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...table.map(line)].join("\n");
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
