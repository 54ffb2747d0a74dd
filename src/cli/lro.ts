/**
 * Long-running operations on the command line: wait (interruptible by Ctrl-C) or, with
 * `--no-wait`, return once Azure has accepted the request, printing the command that waits later.
 */
import type { OperationState, PollerLike } from "../index.js";
import type { CliContext } from "./context.js";
import { shellQuote } from "./quote.js";

export interface LroRun {
  /** `--no-wait`: return after the initial request. */
  readonly noWait: boolean;
  /** The `vmrp ... wait` arguments (after the prefix) that pick the operation up again. */
  readonly resume: readonly string[];
  /** What still runs in Azure, in words ("restore point /subscriptions/..."). */
  readonly what: string;
  /** The request that starts the operation; if it was never sent, nothing runs in Azure. */
  readonly request?: { readonly method: string; readonly id: string };
}

/** The full command line that resumes waiting, ready to paste. */
export function resumeCommand(context: CliContext, args: readonly string[]): string {
  return `${context.commandPrefix()} ${args.map(shellQuote).join(" ")}`;
}

/** Lines printed on Ctrl-C: what still runs and how to pick it up. */
export function stillRunning(context: CliContext, what: string, args: readonly string[]): string[] {
  return [`Still running in Azure: ${what}.`, `Pick it up with: ${resumeCommand(context, args)}`];
}

/**
 * Runs a poller: `undefined` once submitted with --no-wait (and a hint on stderr), else its result.
 * Ctrl-C while waiting prints {@link stillRunning}.
 */
export async function runLro<T>(
  context: CliContext,
  poller: PollerLike<OperationState<T>, T>,
  run: LroRun,
): Promise<T | undefined> {
  context.setInterruptNotice(() =>
    run.request === undefined || context.witness.sent(run.request.method, run.request.id)
      ? stillRunning(context, run.what, run.resume)
      : [`Nothing was sent to Azure yet; run the same command again: ${context.rerunCommand()}`],
  );
  if (run.noWait) {
    await poller.submitted();
    context.printer.aside(`Started; wait for it with: ${resumeCommand(context, run.resume)}`);
    return undefined;
  }
  return await poller;
}

/** Sleeps, or rejects with an AbortError when the signal fires. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = (): void => {
      clearTimeout(timer);
      const error = new Error("The wait was interrupted.");
      error.name = "AbortError";
      reject(error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
  });
}
