/**
 * The emulator's clock: the one source of "now" for everything the emulated Azure does in time
 * (restore point and operation times, operation completion, replication progress, SAS expiry,
 * platform restore points). Tests set it to a date and move it forward, so months of schedule run
 * in seconds.
 *
 * By default it is the host's clock. `startEmulator({ now })` starts it at another time, from which
 * it runs on in real time; with `freezeTime` it stands still until `setTime`/`advanceTime` move it.
 * It never goes backwards: the state holds times that must stay in order (operations due, copies
 * started, SAS expiry).
 *
 * Not on this clock, on purpose: throttling (buckets refill in real time, so a client that waits
 * for `Retry-After` is let in again, and a jump of days does not hand out a burst), the TLS
 * certificate and token lifetimes (clients check those against their own clock).
 *
 * With a data directory the clock is kept in `clock.json` (as an offset from the host's clock, or
 * the frozen time), written whenever it is set or moved, so a restarted emulator goes on where the
 * simulated time was.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const CLOCK_FILE = "clock.json";

/** The host's time, for what deliberately stays off the emulator's clock (throttling). */
export function realTime(): number {
  return Date.now();
}

/** What `clock.json` holds: how the simulated time relates to the host's clock. */
export interface ClockReading {
  /** Simulated minus real milliseconds, for a running clock. */
  readonly offsetMs?: number;
  /** The time a frozen clock stands at, in milliseconds since the epoch. */
  readonly frozenAt?: number;
}

export class EmulatorClock {
  /** Simulated minus real time while running. */
  private offsetMs: number;
  /** Set while frozen. */
  private frozenAt: number | undefined;

  constructor(
    reading: ClockReading = {},
    private readonly realNow: () => number = realTime,
  ) {
    this.offsetMs = reading.offsetMs ?? 0;
    this.frozenAt = reading.frozenAt;
  }

  /** A clock that starts at `start` (when given) and runs on, or stands still when `frozen`. */
  static starting(
    start: number | undefined,
    frozen: boolean,
    realNow: () => number = realTime,
  ): EmulatorClock {
    const real = realNow();
    const at = start ?? real;
    return new EmulatorClock(frozen ? { frozenAt: at } : { offsetMs: at - real }, realNow);
  }

  /** The simulated time, in milliseconds since the epoch. */
  now(): number {
    return this.frozenAt ?? this.realNow() + this.offsetMs;
  }

  /** Whether the clock stands still between `set`/`advance` calls. */
  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }

  /** Moves the clock to `ms` (not earlier than now); a running clock runs on from there. */
  set(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError("The emulator's time must be a valid date.");
    const current = this.now();
    if (ms < current) {
      throw new RangeError(
        `The emulator's clock only moves forward: ${new Date(ms).toISOString()} is before its current time ${new Date(current).toISOString()}.`,
      );
    }
    if (this.frozenAt !== undefined) this.frozenAt = ms;
    else this.offsetMs = ms - this.realNow();
  }

  /** Moves the clock forward by `ms` milliseconds (0 or more). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError("advanceTime needs a number of milliseconds >= 0.");
    this.set(this.now() + ms);
  }

  reading(): ClockReading {
    return this.frozenAt !== undefined ? { frozenAt: this.frozenAt } : { offsetMs: this.offsetMs };
  }
}

/** The clock kept in a data directory, if there is one. */
export function loadClock(dataDir: string): ClockReading | undefined {
  let text: string;
  try {
    text = readFileSync(join(dataDir, CLOCK_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as ClockReading;
  const valid = (value: unknown): boolean =>
    value === undefined || (typeof value === "number" && Number.isFinite(value));
  if (!valid(parsed.offsetMs) || !valid(parsed.frozenAt)) {
    throw new Error(`${join(dataDir, CLOCK_FILE)} is not an emulator clock file.`);
  }
  return parsed;
}

/** Writes the clock next to the state, atomically and readable by its owner only. */
export function saveClock(dataDir: string, clock: EmulatorClock): void {
  const file = join(dataDir, CLOCK_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(clock.reading()), { mode: 0o600 });
  renameSync(temp, file);
}
