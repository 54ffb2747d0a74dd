/**
 * Long-running operations without timers: an operation is due at a point in time, and every request
 * first settles the operations that have come due, in order. State therefore never changes behind a
 * request's back, nothing keeps the process alive, and persistence sees a consistent world.
 */
import { createHash, randomUUID } from "node:crypto";
import type { HandlerContext } from "./http.js";
import type { EmulatorState, OperationEffect, OperationRecord } from "./state.js";

/** How an operation ended, as given to the module that owns its effect. */
export interface OperationOutcome {
  /** Set when the operation fails (an injected failure or a rule that fires at completion). */
  readonly error?: { code: string; message: string };
}

/**
 * Applies an operation's effect when it completes. Returns the operation's output (the disk RP's
 * `properties.output`, the body a `Location` poll ends with), or throws an `{code, message}` object
 * via {@link OperationFailure} to fail the operation.
 */
export type EffectRunner = (
  state: EmulatorState,
  effect: OperationEffect,
  outcome: OperationOutcome,
  context: HandlerContext,
) => unknown;

/** Thrown by an effect runner to end its operation as `Failed`. */
export class OperationFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface StartOperationOptions {
  readonly family: OperationRecord["family"];
  readonly location: string;
  readonly apiVersion: string;
  readonly effect: OperationEffect;
  /** Overrides the emulator's `operationDelayMs` for this operation. */
  readonly delayMs?: number;
}

/**
 * The `p=` query value of operation URLs. Azure's is not per operation: every operation of one
 * subscription and region carries the same value, another region another one (recordings: a create
 * and a delete share it). Derived from both, so it is also stable across restarts.
 */
export function pollingPartition(subscriptionId: string, location: string): string {
  const hex = createHash("sha256")
    .update(`${subscriptionId.toLowerCase()}\n${location.toLowerCase()}`)
    .digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Azure's timestamp form: seven fractional digits and an explicit offset. */
export function azureTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$10000+00:00");
}

export class OperationEngine {
  private readonly runners = new Map<string, EffectRunner>();
  /**
   * The operations still in progress, per operations table (a loaded or replaced state has its own):
   * every request settles, and scanning every operation ever started made a request's cost grow
   * with the emulator's history. Built by one scan the first time a table is seen.
   */
  private readonly inProgress = new WeakMap<Record<string, OperationRecord>, Set<OperationRecord>>();
  /** A failure to give the next operation a request starts (set by fault injection). */
  private pendingFailure: { code: string; message: string } | undefined;

  register(type: string, runner: EffectRunner): void {
    this.runners.set(type, runner);
  }

  /** Makes the next {@link start} in this request produce an operation that fails. */
  failNextOperation(error: { code: string; message: string } | undefined): void {
    this.pendingFailure = error;
  }

  /** Clears a failure {@link failNextOperation} set; whether no operation had taken it. */
  clearPendingFailure(): boolean {
    const unused = this.pendingFailure !== undefined;
    this.pendingFailure = undefined;
    return unused;
  }

  start(context: HandlerContext, options: StartOperationOptions): OperationRecord {
    const id = randomUUID();
    const record: OperationRecord = {
      id,
      family: options.family,
      location: options.location,
      startTime: azureTimestamp(context.now),
      dueAt: context.now + (options.delayMs ?? context.options.operationDelayMs),
      status: "InProgress",
      effect: options.effect,
      apiVersion: options.apiVersion,
      p: pollingPartition(context.options.subscriptionId, options.location),
      subscriptionId: context.options.subscriptionId,
    };
    if (this.pendingFailure !== undefined) {
      record.error = this.pendingFailure;
      this.pendingFailure = undefined;
    }
    context.state.operations[id] = record;
    this.inProgress.get(context.state.operations)?.add(record);
    return record;
  }

  private pendingOf(operations: Record<string, OperationRecord>): Set<OperationRecord> {
    let pending = this.inProgress.get(operations);
    if (pending === undefined) {
      pending = new Set(Object.values(operations).filter((op) => op.status === "InProgress"));
      this.inProgress.set(operations, pending);
    }
    return pending;
  }

  /** Completes every operation due by `context.now`; returns whether anything changed. */
  settle(context: HandlerContext): boolean {
    const pending = this.pendingOf(context.state.operations);
    const due: OperationRecord[] = [];
    for (const op of pending) {
      // Whatever ended it (this engine or a handler), it is no longer pending.
      if (op.status !== "InProgress") pending.delete(op);
      else if (op.dueAt <= context.now) due.push(op);
    }
    due.sort((a, b) => a.dueAt - b.dueAt);
    for (const op of due) {
      this.complete(op, context);
      pending.delete(op);
    }
    return due.length > 0;
  }

  private complete(op: OperationRecord, context: HandlerContext): void {
    const runner = this.runners.get(op.effect.type);
    if (runner === undefined) throw new Error(`No effect runner for '${op.effect.type}'.`);
    // Settled lazily (when a request arrives), but it happened when it was due: its end time and
    // everything its effect starts (a copy's replication, a SAS's lifetime) count from then, not
    // from whenever the client next polled.
    op.endTime = azureTimestamp(op.dueAt);
    const at: HandlerContext = { ...context, now: op.dueAt };
    const outcome: OperationOutcome = op.error === undefined ? {} : { error: op.error };
    try {
      const output = runner(context.state, op.effect, outcome, at);
      if (op.error !== undefined) {
        op.status = "Failed";
      } else {
        op.status = "Succeeded";
        if (output !== undefined) op.output = output;
      }
    } catch (error) {
      if (!(error instanceof OperationFailure)) throw error;
      op.status = "Failed";
      op.error = { code: error.code, message: error.message };
    }
  }

  /** The `Azure-AsyncOperation` URL of an operation, in the recorded form. */
  statusUrl(context: HandlerContext, op: OperationRecord): string {
    return (
      `${context.baseUrl}/subscriptions/${op.subscriptionId ?? context.options.subscriptionId}/providers/Microsoft.Compute` +
      `/locations/${op.location}/${op.family}/${op.id}?p=${op.p}&api-version=${op.apiVersion}`
    );
  }

  /** The `Location` (monitor) URL: the status URL plus `monitor=true`. */
  monitorUrl(context: HandlerContext, op: OperationRecord): string {
    return `${this.statusUrl(context, op)}&monitor=true`;
  }

  /**
   * Headers that announce an accepted operation. Restore-point creates carry only
   * `Azure-AsyncOperation`; deletes, disk and access operations add `Location` (recordings).
   */
  acceptedHeaders(
    context: HandlerContext,
    op: OperationRecord,
    withLocation: boolean,
  ): Record<string, string> {
    const headers: Record<string, string> = {
      "azure-asyncoperation": this.statusUrl(context, op),
      "azure-asyncnotification": "Enabled",
    };
    if (withLocation) headers.location = this.monitorUrl(context, op);
    if (context.options.retryAfterSeconds !== undefined) {
      headers["retry-after"] = String(context.options.retryAfterSeconds);
    }
    return headers;
  }
}
