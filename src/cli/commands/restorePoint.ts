/**
 * `vmrp restore-point create|show|list|delete`: VM restore points.
 */
import type { Command } from "commander";
import type { ConsistencyMode } from "../../index.js";
import type { CliContext } from "../context.js";
import { collect, parseChoice, parseInteger } from "../parsers.js";
import { createProgress } from "../progress.js";
import { diskRestorePointColumns, plain, restorePointColumns } from "../view.js";

export function registerRestorePointCommands(program: Command, context: CliContext): void {
  const group = program.command("restore-point").description("VM restore points.");

  group
    .command("create <resourceGroup> <collection> <name>")
    .description("Capture a restore point of the collection's VM and wait until it is created.")
    .option("--exclude-disk <id>", "managed disk id to leave out, repeatable", collect)
    .option(
      "--exclude-unsupported",
      "leave out disks restore points cannot include (shared, Ultra under crash consistency, ...)",
    )
    .option(
      "--consistency <mode>",
      "CrashConsistent (omit for application consistency)",
      parseChoice("--consistency", [
        "CrashConsistent",
        "FileSystemConsistent",
        "ApplicationConsistent",
      ] as const),
    )
    .option(
      "--instant-access-minutes <n>",
      "instant access duration, 60..300",
      parseInteger("--instant-access-minutes", 60, 300),
    )
    .addHelpText(
      "after",
      "\nExample:\n  $ vmrp restore-point create rg web-rpc rp-1 --exclude-disk /subscriptions/.../disks/scratch",
    )
    .action(
      async (
        resourceGroup: string,
        collection: string,
        name: string,
        o: {
          excludeDisk?: string[];
          excludeUnsupported?: boolean;
          consistency?: ConsistencyMode;
          instantAccessMinutes?: number;
        },
      ) => {
        const point = (await context.client())
          .getCollectionClient(resourceGroup, collection)
          .getRestorePointClient(name);
        const progress = createProgress(context.progressEnabled(), "create");
        const poller = point.beginCreate({
          ...(o.excludeDisk === undefined ? {} : { excludeDiskIds: o.excludeDisk }),
          ...(o.excludeUnsupported === true ? { excludeUnsupportedDisks: true } : {}),
          ...(o.consistency === undefined ? {} : { consistencyMode: o.consistency }),
          ...(o.instantAccessMinutes === undefined
            ? {}
            : { instantAccessDurationMinutes: o.instantAccessMinutes }),
        });
        poller.onProgress((state) => {
          progress.update(state.status === "succeeded" ? 100 : 50, state.status);
        });
        try {
          const created = await poller;
          progress.update(100, "done");
          progress.stop();
          context.printer.rows([created], restorePointColumns, plain(created));
        } finally {
          progress.stop();
        }
      },
    );

  group
    .command("show <resourceGroup> <collection> <name>")
    .description("Show a restore point.")
    .option("--instance-view", "include per-disk replication status ($expand=instanceView)")
    .action(
      async (resourceGroup: string, collection: string, name: string, o: { instanceView?: boolean }) => {
        const point = (await context.client())
          .getCollectionClient(resourceGroup, collection)
          .getRestorePointClient(name);
        const found = await point.get({ instanceView: o.instanceView === true });
        context.printer.rows([found], restorePointColumns, plain(found));
      },
    );

  group
    .command("list <resourceGroup> <collection>")
    .description("List the restore points of a collection, oldest first.")
    .action(async (resourceGroup: string, collection: string) => {
      const found = [];
      for await (const p of (await context.client())
        .getCollectionClient(resourceGroup, collection)
        .listRestorePoints()) {
        found.push(p);
      }
      context.printer.rows(found, restorePointColumns, found.map(plain));
    });

  group
    .command("delete <resourceGroup> <collection> <name>")
    .description("Delete a restore point (revoke any SAS on its disks first).")
    .action(async (resourceGroup: string, collection: string, name: string) => {
      const point = (await context.client())
        .getCollectionClient(resourceGroup, collection)
        .getRestorePointClient(name);
      await point.beginDelete();
      context.printer.object({ deleted: point.id });
    });

  group
    .command("disks <resourceGroup> <collection> <name>")
    .description("List the disk restore points of a restore point.")
    .action(async (resourceGroup: string, collection: string, name: string) => {
      const point = (await context.client())
        .getCollectionClient(resourceGroup, collection)
        .getRestorePointClient(name);
      const found = [];
      for await (const d of point.listDiskRestorePoints()) found.push(d);
      context.printer.rows(found, diskRestorePointColumns, found.map(plain));
    });
}
