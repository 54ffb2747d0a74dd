/**
 * Fault injection: make matching requests fail the way Azure sometimes does (a status with an ARM
 * code, throttling with Retry-After, a dropped connection, or an operation that is accepted and
 * later fails), a given number of times.
 */

/**
 * A fault to inject with `emu.injectFault`.
 * @public
 */
export interface FaultSpec {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Regular expression (a string is compiled case-insensitively) tested against the path. */
  pathPattern?: string | RegExp;
  /** Status to answer with. @defaultValue 500 */
  status?: number;
  /** ARM error code of the answer. @defaultValue "InternalExecutionError" (or "TooManyRequests" for 429) */
  code?: string;
  /** Message of the answer. */
  message?: string;
  /** Adds a `Retry-After` header with this many seconds. */
  retryAfterSeconds?: number;
  /** How many matching requests fail; afterwards the fault is gone. @defaultValue 1 */
  times?: number;
  /** Drop the connection instead of answering. */
  resetConnection?: boolean;
  /**
   * Drop the connection AFTER the request was processed, as when a response is lost on the way:
   * the change happened but the client never heard of it (tests retries of writes).
   */
  resetAfterProcessing?: boolean;
  /** Let the request through, but make the long-running operation it starts end `Failed`. */
  operationError?: {
    /** ARM error code of the failed operation, e.g. `InternalExecutionError`. */
    code: string;
    /** Its message; a generic one naming the code when absent. */
    message?: string;
  };
}

/**
 * A fault that was injected; `remaining` counts down as requests match it.
 * @public
 */
export interface InjectedFault {
  /** The fault as given. */
  readonly spec: Readonly<FaultSpec>;
  /** How many more matching requests it will act on; 0 once used up. */
  readonly remaining: number;
  /** Removes the fault before it is used up. */
  cancel(): void;
}

/** A fault that matched a request; `use` counts one of its `times`. */
export interface MatchedFault {
  readonly spec: Readonly<FaultSpec>;
  use(): void;
}

interface ActiveFault {
  spec: FaultSpec;
  pattern: RegExp | undefined;
  remaining: number;
}

export class FaultInjector {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): InjectedFault {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError("FaultSpec.times must be an integer >= 1.");
    if (
      spec.status !== undefined &&
      (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)
    ) {
      throw new RangeError("FaultSpec.status must be an HTTP status code.");
    }
    const pattern =
      spec.pathPattern === undefined
        ? undefined
        : typeof spec.pathPattern === "string"
          ? new RegExp(spec.pathPattern, "i")
          : spec.pathPattern;
    const active: ActiveFault = { spec: { ...spec }, pattern, remaining: times };
    this.faults.push(active);
    return {
      spec: active.spec,
      get remaining() {
        return active.remaining;
      },
      cancel: () => {
        this.faults = this.faults.filter((f) => f !== active);
      },
    };
  }

  /**
   * The first fault matching the request, without using it up: a fault that acts on what the
   * request does (a failed operation, a lost response) is only used once the request did it.
   */
  match(method: string, path: string): MatchedFault | undefined {
    const found = this.faults.find(
      (f) =>
        (f.spec.method === undefined || f.spec.method.toUpperCase() === method.toUpperCase()) &&
        (f.pattern === undefined || f.pattern.test(path)),
    );
    if (found === undefined) return undefined;
    return {
      spec: found.spec,
      use: () => {
        found.remaining -= 1;
        if (found.remaining <= 0) this.faults = this.faults.filter((f) => f !== found);
      },
    };
  }

  /** Takes one use of the first fault matching the request, if any. */
  take(method: string, path: string): FaultSpec | undefined {
    const matched = this.match(method, path);
    matched?.use();
    return matched?.spec;
  }

  clear(): void {
    this.faults = [];
  }
}
