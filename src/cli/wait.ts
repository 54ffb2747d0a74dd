/**
 * `vmrp <group> wait --created|--deleted|--replicated`, as `az ... wait`: poll until the resource
 * reaches the state, fail on a terminal failure, give up after `--timeout` (exit 6).
 */
import type { Command } from "commander";
import {
  isRestError,
  isRestorePointError,
  type RestorePointCollectionClient,
  type VmRestorePointClient,
} from "../index.js";
import type { CliContext } from "./context.js";
import { UsageError, WaitTimeoutError } from "./exitCodes.js";
import { delay } from "./lro.js";
import { parseSeconds } from "./parsers.js";

export interface WaitOptions {
  created?: boolean;
  deleted?: boolean;
  replicated?: boolean;
  interval?: number;
  timeout?: number;
}

/** A resource that reached a failed state while we waited for it. */
export class ResourceFailedError extends Error {
  override readonly name = "ResourceFailedError";
}

export function withWaitOptions(command: Command, replicated: boolean): Command {
  command
    .option("--created", "wait until it exists and its provisioning state is Succeeded")
    .option("--deleted", "wait until it no longer exists");
  if (replicated) command.option("--replicated", "wait until a cross-region copy has replicated every disk");
  return command
    .option(
      "--interval <seconds>",
      "seconds between checks (default: --poll-interval-ms, else 30)",
      parseSeconds("--interval"),
    )
    .option(
      "--timeout <seconds>",
      "give up after this many seconds (exit 6)",
      parseSeconds("--timeout"),
      3600,
    );
}

export function waitCondition(o: WaitOptions): "created" | "deleted" | "replicated" {
  const chosen = (["created", "deleted", "replicated"] as const).filter((k) => o[k] === true);
  if (chosen.length !== 1) throw new UsageError("Give exactly one of --created, --deleted and --replicated.");
  return chosen[0] ?? "created";
}

interface Waitable {
  readonly id: string;
  /** The provisioning state, or undefined when the resource does not exist. */
  state(signal: AbortSignal): Promise<string | undefined>;
}

export function waitableRestorePoint(point: VmRestorePointClient): Waitable {
  return {
    id: point.id,
    state: async (signal) => {
      try {
        return (await point.get({ abortSignal: signal })).provisioningState ?? "Succeeded";
      } catch (error) {
        if (isRestError(error) && error.statusCode === 404) return undefined;
        throw error;
      }
    },
  };
}

export function waitableCollection(collection: RestorePointCollectionClient): Waitable {
  return {
    id: collection.id,
    state: async (signal) => {
      try {
        return (await collection.get({ abortSignal: signal })).provisioningState ?? "Succeeded";
      } catch (error) {
        if (isRestError(error) && error.statusCode === 404) return undefined;
        throw error;
      }
    },
  };
}

export async function waitForState(
  context: CliContext,
  target: Waitable,
  condition: "created" | "deleted",
  o: WaitOptions,
): Promise<void> {
  const signal = context.abortSignal();
  const intervalMs = intervalOf(context, o);
  const deadline = Date.now() + (o.timeout ?? 3600) * 1000;
  for (;;) {
    const state = await target.state(signal);
    if (condition === "deleted" && state === undefined) return;
    if (condition === "created" && state !== undefined) {
      if (/^succeeded$/i.test(state)) return;
      if (/^(failed|canceled)$/i.test(state)) {
        throw new ResourceFailedError(`${target.id} is in provisioning state ${state}.`);
      }
    }
    if (Date.now() + intervalMs > deadline) {
      throw new WaitTimeoutError(
        `Gave up after ${o.timeout ?? 3600} s: ${target.id} is ${state === undefined ? "not there" : `in state ${state}`}.`,
      );
    }
    await delay(intervalMs, signal);
  }
}

export async function waitForReplicated(
  context: CliContext,
  point: VmRestorePointClient,
  o: WaitOptions,
): Promise<void> {
  const timeoutInMs = (o.timeout ?? 3600) * 1000;
  const started = Date.now();
  try {
    await point.waitForReplication({
      abortSignal: context.abortSignal(),
      timeoutInMs,
      ...(o.interval === undefined && context.globals().pollIntervalMs === undefined
        ? {}
        : { intervalInMs: intervalOf(context, o) }),
    });
  } catch (error) {
    if (isRestorePointError(error, "ReplicationIncomplete") && Date.now() - started >= timeoutInMs) {
      throw new WaitTimeoutError(`Gave up after ${o.timeout ?? 3600} s: ${error.message}`);
    }
    throw error;
  }
}

function intervalOf(context: CliContext, o: WaitOptions): number {
  if (o.interval !== undefined) return o.interval * 1000;
  return context.globals().pollIntervalMs ?? 30_000;
}
