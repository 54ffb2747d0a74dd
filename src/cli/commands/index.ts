/** Every `vmrp` command, registered in the order `--help` lists them. */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { registerCollectionCommands } from "./collection.js";
import { registerCopyCommands } from "./copy.js";
import { registerDiskRestorePointCommands } from "./diskRestorePoint.js";
import { registerEmulatorCommand } from "./emulator.js";
import { registerRestorePointCommands } from "./restorePoint.js";

export function registerCommands(program: Command, context: CliContext): void {
  registerCollectionCommands(program, context);
  registerRestorePointCommands(program, context);
  registerDiskRestorePointCommands(program, context);
  registerCopyCommands(program, context);
  registerEmulatorCommand(program, context);
}
