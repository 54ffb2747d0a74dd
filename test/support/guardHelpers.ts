import type { Emulator, RequestLogEntry } from "../../src/emulator/index.js";

/** A position in the emulator's request log, and what was served after it. */
export function logMark(emu: Emulator): { writes: () => RequestLogEntry[]; gets: () => RequestLogEntry[] } {
  const start = emu.requestLog.length;
  const after = (): RequestLogEntry[] => emu.requestLog.slice(start);
  return {
    writes: () => after().filter((e) => e.method !== "GET"),
    gets: () => after().filter((e) => e.method === "GET"),
  };
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error as Error & Record<string, unknown>;
    throw new Error(`rejected with a non-Error: ${String(error)}`, { cause: error });
  }
  throw new Error("expected a rejection, but the promise resolved");
}
