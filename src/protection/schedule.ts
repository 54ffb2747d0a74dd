/**
 * A policy's slots: the instants at which a restore point is due. Interval schedules are plain
 * arithmetic (slots at whole multiples of the interval since the Unix epoch, so they line up with
 * UTC midnight whenever the interval divides a day); cron schedules are enumerated by croner, in
 * the policy's time zone, never by hand.
 */
import type { Cron } from "croner";
import { lazyRequire } from "../internal/lazyRequire.js";

const MINUTE_MS = 60_000;

/** A schedule ready to enumerate. */
export interface SlotSchedule {
  /** The latest slot at or before `at`; `undefined` when the schedule has none. */
  slotAtOrBefore(at: Date): Date | undefined;
  /** The first slot strictly after `at`; `undefined` when the schedule has none. */
  slotAfter(at: Date): Date | undefined;
  /** A human description, e.g. `every 4 hours` or `cron "0 2 * * *" (Europe/Berlin)`. */
  readonly description: string;
}

/** Slots every `intervalMs`, at multiples since 1970-01-01T00:00Z. */
export function intervalSchedule(intervalMs: number, description: string): SlotSchedule {
  if (!Number.isInteger(intervalMs) || intervalMs < MINUTE_MS) {
    throw new RangeError(`a schedule interval must be a whole number of minutes, got ${intervalMs} ms`);
  }
  return {
    description,
    slotAtOrBefore: (at) => new Date(Math.floor(at.getTime() / intervalMs) * intervalMs),
    slotAfter: (at) => new Date((Math.floor(at.getTime() / intervalMs) + 1) * intervalMs),
  };
}

/**
 * Slots of a five-field cron expression in `timeZone`.
 *
 * @throws RangeError when croner refuses the expression or the time zone
 */
export function cronSchedule(expression: string, timeZone: string): SlotSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new RangeError(
      `cron "${expression}" has ${fields.length} fields; use five (minute hour day-of-month month day-of-week), since restore points are named to the minute`,
    );
  }
  let cron: Cron;
  try {
    // croner loads on the first cron schedule (see lazyRequire for why not at import).
    const croner = lazyRequire("croner") as { Cron: typeof Cron };
    cron = new croner.Cron(expression, { timezone: timeZone, paused: true });
    cron.nextRun(new Date(0)); // croner checks the time zone only when it converts a date
  } catch (e) {
    throw new RangeError(
      `cron "${expression}" in time zone "${timeZone}" is not usable: ${(e as Error).message}`,
      { cause: e },
    );
  }
  return {
    description: `cron "${expression}" (${timeZone})`,
    // croner leaves out a run exactly at the reference; 1 ms later includes it.
    slotAtOrBefore: (at) => cron.previousRuns(1, new Date(at.getTime() + 1))[0],
    slotAfter: (at) => cron.nextRun(at) ?? undefined,
  };
}
