/**
 * `vmrp emulator`: runs the emulator in the foreground until interrupted, printing its URL and the
 * path of the connection file other `vmrp` processes use with `--emulator`.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { startEmulator } from "../../emulator/index.js";
import { writeConnectionFile } from "../connectionFile.js";
import type { CliContext } from "../context.js";
import { parseInteger } from "../parsers.js";

interface EmulatorCommandOptions {
  port: number;
  dataDir?: string;
  connectionFile?: string;
  operationDelayMs: number;
  replicationDurationMs: number;
}

export function registerEmulatorCommand(program: Command, context: CliContext): void {
  program
    .command("emulator")
    .description("Run the local ARM emulator in the foreground (Ctrl-C stops it).")
    .option("--port <port>", "TCP port on 127.0.0.1 (0 = any free port)", parseInteger("--port", 0, 65535), 0)
    .option("--data-dir <dir>", "persist state in this directory so it survives a restart")
    .option(
      "--connection-file <file>",
      "where to write the connection file (default: <data-dir>/connection.json or a temp dir)",
    )
    .option(
      "--operation-delay-ms <ms>",
      "how long long-running operations stay InProgress",
      parseInteger("--operation-delay-ms", 0),
      500,
    )
    .option(
      "--replication-duration-ms <ms>",
      "how long a cross-region copy takes to reach 100 %",
      parseInteger("--replication-duration-ms", 0),
      30000,
    )
    .addHelpText(
      "after",
      `
Examples:
  $ vmrp emulator --port 8443 --data-dir ./emu-state
  $ vmrp --emulator ./emu-state/connection.json collection list`,
    )
    .action(async (options: EmulatorCommandOptions) => {
      const emu = await startEmulator({
        port: options.port,
        operationDelayMs: options.operationDelayMs,
        replicationDurationMs: options.replicationDurationMs,
        ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      });
      const file =
        options.connectionFile ??
        join(options.dataDir ?? mkdtempSync(join(tmpdir(), "vmrp-emulator-")), "connection.json");
      writeConnectionFile(file, {
        url: emu.url,
        subscriptionId: emu.subscriptionId,
        token: emu.token,
        certificatePem: emu.certificatePem,
        replicationPollIntervalInMs: emu.clientOptions.replicationPollIntervalInMs,
      });
      context.printer.object(
        { url: emu.url, subscriptionId: emu.subscriptionId, connectionFile: file },
        { url: emu.url, subscriptionId: emu.subscriptionId, connectionFile: file },
      );
      context.printer.note(`Use it with: vmrp --emulator ${file} <command>. Press Ctrl-C to stop.`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      await emu.close();
    });
}
