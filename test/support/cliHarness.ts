/**
 * Runs `vmrp` in-process against an emulator through a connection file, capturing its output.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeConnectionFile } from "../../src/cli/connectionFile.js";
import { run } from "../../src/cli/main.js";
import type { Emulator } from "../../src/emulator/index.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliHarness {
  readonly dir: string;
  readonly connection: string;
  vmrp(...args: string[]): Promise<CliResult>;
  dispose(): void;
}

/** Writes the connection file through which `vmrp --emulator FILE` reaches `emu`. */
export function writeEmulatorConnection(emu: Emulator, path: string): void {
  writeConnectionFile(path, {
    url: emu.url,
    subscriptionId: emu.subscriptionId,
    token: emu.token,
    certificatePem: emu.certificatePem,
  });
}

export function cliHarness(emu: Emulator): CliHarness {
  const dir = mkdtempSync(join(tmpdir(), "vmrp-cli-"));
  const connection = join(dir, "connection.json");
  writeEmulatorConnection(emu, connection);
  return {
    dir,
    connection,
    async vmrp(...args) {
      let stdout = "";
      let stderr = "";
      const code = await run(
        ["--emulator", connection, "--no-progress", "--poll-interval-ms", "10", ...args],
        {
          stdout: (t) => (stdout += t),
          stderr: (t) => (stderr += t),
        },
      );
      return { code, stdout, stderr };
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
