/** Argument parsers of `vmrp protect` (and `vmrp emulator time`): times, shards, durations. */
import { InvalidArgumentError } from "commander";

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** An ISO 8601 time with a date (`2026-11-25T08:00:00Z`, `2026-11-25`); local times need an offset. */
export function parseAt(value: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) {
    throw new InvalidArgumentError("expects an ISO 8601 time such as 2026-11-25T08:00:00Z.");
  }
  return at;
}

/** `i/n` with 0 <= i < n, e.g. `--shard $JOB_COMPLETION_INDEX/3`. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || count > 10_000 || index >= count) {
    throw new InvalidArgumentError("expects i/n with 0 <= i < n <= 10000, e.g. 0/3.");
  }
  return { index, count };
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration such as `4h`, `90d`, `30m`, `1500ms`, or a bare number of milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  if (match === null) throw new InvalidArgumentError("expects a duration such as 4h, 90d, 30m or 1500ms.");
  return Math.round(Number(match[1]) * (UNITS[match[2] ?? "ms"] ?? 1));
}
