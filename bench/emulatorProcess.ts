/**
 * Starts `emulatorServer.ts` in a child process and gives back what a client needs to reach it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import type { AddedVm, AddVmOptions, EmulatorOptions } from "../src/emulator/index.js";

export interface RemoteEmulator {
  readonly url: string;
  readonly subscriptionId: string;
  readonly certificatePem: string;
  readonly credential: TokenCredential;
  readonly token: string;
  /** The VMs created at start-up, in order. */
  readonly vms: readonly AddedVm[];
  stop(): Promise<void>;
}

export async function startRemoteEmulator(
  options: EmulatorOptions,
  vms: AddVmOptions[] = [],
): Promise<RemoteEmulator> {
  const json = JSON.stringify({ options, vms });
  // Command lines are limited (128 KiB an argument on Linux): large estates go through a file.
  const dir = json.length > 64_000 ? mkdtempSync(join(tmpdir(), "vmrp-bench-")) : undefined;
  if (dir !== undefined) writeFileSync(join(dir, "emulator.json"), json);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      new URL("./emulatorServer.ts", import.meta.url).pathname,
      dir === undefined ? json : `@${join(dir, "emulator.json")}`,
    ],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  if (child.stdout === null || child.stdin === null) throw new Error("emulator child has no pipes");
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => {
      reject(new Error(`emulator process exited with ${String(code)}`));
    });
  });
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  const connection = JSON.parse(first) as {
    url: string;
    subscriptionId: string;
    token: string;
    certificatePem: string;
    vms: AddedVm[];
  };
  const stdin = child.stdin;
  return {
    ...connection,
    credential: {
      getToken: (): Promise<AccessToken> =>
        Promise.resolve({ token: connection.token, expiresOnTimestamp: Date.now() + 3600_000 }),
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => {
          resolve();
        });
        stdin.end();
      }),
  };
}
