/** Every `vmrp` command, registered in the order `--help` lists them. */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { registerEmulatorCommand } from "./emulator.js";

export function registerCommands(program: Command, context: CliContext): void {
  registerEmulatorCommand(program, context);
}
