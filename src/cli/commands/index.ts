/** Every `vmrp` command, registered in the order `--help` lists them. */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { registerCollectionCommands } from "./collection.js";
import { registerConfigureCommand } from "./configure.js";
import { registerCopyCommands } from "./copy.js";
import { registerDemoCommand } from "./demo.js";
import { registerDiskRestorePointCommands } from "./diskRestorePoint.js";
import { registerEmulatorCommand } from "./emulator.js";
import { registerSnapshotCommand } from "./snapshot.js";
import { registerProtectCommands } from "./protect.js";
import { registerPruneCommand } from "./prune.js";
import { registerRestorePointCommands } from "./restorePoint.js";
import { registerRestoreVmCommand } from "./restoreVm.js";

export function registerCommands(program: Command, context: CliContext): void {
  registerCollectionCommands(program, context);
  registerRestorePointCommands(program, context);
  registerDiskRestorePointCommands(program, context);
  registerCopyCommands(program, context);
  registerRestoreVmCommand(program, context);
  registerPruneCommand(program, context);
  registerSnapshotCommand(program, context);
  registerProtectCommands(program, context);
  registerEmulatorCommand(program, context);
  registerConfigureCommand(program, context);
  registerDemoCommand(program, context);
}
