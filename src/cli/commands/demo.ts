/**
 * `vmrp demo`: the whole tour on an embedded emulator (no Azure subscription needed).
 */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { runDemo } from "../demo/tour.js";
import { parseInteger } from "../parsers.js";

export function registerDemoCommand(program: Command, context: CliContext): void {
  program
    .command("demo")
    .description("Run the whole tour on an embedded emulator: no Azure subscription needed.")
    .option(
      "--operation-delay-ms <ms>",
      "how long operations stay InProgress (default 300)",
      parseInteger("--operation-delay-ms", 0),
    )
    .option(
      "--replication-duration-ms <ms>",
      "how long the copy takes to replicate (default 5000)",
      parseInteger("--replication-duration-ms", 0),
    )
    .addHelpText("after", "\nExample:\n  $ vmrp demo --no-progress")
    .action(async (o: { operationDelayMs?: number; replicationDurationMs?: number }) => {
      const poll = context.globals().pollIntervalMs;
      await runDemo({
        progress: context.progressEnabled(),
        write: (text) => process.stdout.write(text),
        ...(o.operationDelayMs === undefined ? {} : { operationDelayMs: o.operationDelayMs }),
        ...(o.replicationDurationMs === undefined ? {} : { replicationDurationMs: o.replicationDurationMs }),
        ...(poll === undefined ? {} : { pollIntervalMs: poll }),
      });
    });
}
