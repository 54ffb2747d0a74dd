/**
 * `vmrp demo`: the whole tour on an embedded emulator (no Azure subscription needed).
 */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { runDemo } from "../demo/tour.js";

export function registerDemoCommand(program: Command, context: CliContext): void {
  program
    .command("demo")
    .description("Run the whole tour on an embedded emulator: no Azure subscription needed.")
    .addHelpText("after", "\nExample:\n  $ vmrp demo --no-progress")
    .action(async () => {
      await runDemo({
        progress: context.progressEnabled(),
        write: (text) => process.stdout.write(text),
      });
    });
}
