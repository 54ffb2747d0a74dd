import { randomUUID } from "node:crypto";
import type { Emulator, EmulatorOptions } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { RestorePointClient } from "../../src/index.js";
import type { RestorePointClientOptions } from "../../src/index.js";

/** One emulator per test file, and a client on it with instant polling and quick retries. */
export async function startClientOnEmulator(
  emulatorOptions: EmulatorOptions = {},
  clientOptions: RestorePointClientOptions = {},
): Promise<{
  emu: Emulator;
  client: RestorePointClient;
  newClient: (o?: RestorePointClientOptions) => RestorePointClient;
}> {
  const emu = await startEmulator({ operationDelayMs: 20, replicationDurationMs: 200, ...emulatorOptions });
  const newClient = (o: RestorePointClientOptions = {}): RestorePointClient =>
    new RestorePointClient(emu.subscriptionId, emu.credential, {
      ...emu.clientOptions,
      updateIntervalInMs: 5,
      retryOptions: { retryDelayInMs: 5, maxRetryDelayInMs: 20 },
      ...clientOptions,
      ...o,
    });
  return { emu, client: newClient(), newClient };
}

/** A name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
