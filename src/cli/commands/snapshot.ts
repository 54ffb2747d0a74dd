/**
 * `vmrp snapshot`: restore points of many VMs at once, collections created where missing, paced
 * under Azure's throttling buckets; one line per VM, and a non-zero exit if any VM failed.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { ConsistencyMode } from "../../index.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exitCodes.js";
import { parseChoice, parseInteger } from "../parsers.js";
import { createProgress } from "../progress.js";

interface SnapshotCommandOptions {
  file?: string;
  collectionName?: string;
  restorePointName?: string;
  concurrency?: number;
  consistency?: ConsistencyMode;
  excludeUnsupported?: boolean;
}

export function registerSnapshotCommand(program: Command, context: CliContext): void {
  program
    .command("snapshot [vmIds...]")
    .description("Create a restore point of every VM given (ids as arguments or one per line in --file).")
    .option("--file <path>", "read VM ids from this file, one per line ('-' for stdin is not supported)")
    .option("--collection-name <name>", "collection per VM (default: <vm>-rpc in the VM's resource group)")
    .option("--restore-point-name <name>", "restore point name (default: rp-<UTC timestamp>)")
    .option("--concurrency <n>", "VMs in flight at once", parseInteger("--concurrency", 1, 256))
    .option(
      "--consistency <mode>",
      "CrashConsistent (omit for application consistency)",
      parseChoice("--consistency", ["CrashConsistent"] as const),
    )
    .option("--exclude-unsupported", "leave out disks restore points cannot include")
    .addHelpText(
      "after",
      "\nExample:\n  $ vmrp snapshot --file vms.txt --concurrency 20 --exclude-unsupported",
    )
    .action(async (vmIds: string[], o: SnapshotCommandOptions) => {
      const fromFile =
        o.file === undefined
          ? []
          : readFileSync(o.file, "utf8")
              .split(/\r?\n/)
              .map((l) => l.trim())
              .filter((l) => l !== "" && !l.startsWith("#"));
      const ids = [...vmIds, ...fromFile];
      if (ids.length === 0) throw new UsageError("Give at least one VM id (arguments or --file).");
      const bar = createProgress(context.progressEnabled(), "snapshot");
      context.setInterruptNotice(() => [
        "Restore points already requested go on being created in Azure.",
        `Pick it up with the same command and --restore-point-name (VMs that have the point are skipped by Azure's idempotent create): ${context.rerunCommand()}`,
      ]);
      try {
        const results = await (
          await context.client()
        ).createRestorePoints(ids, {
          abortSignal: context.abortSignal(),
          ...(o.collectionName === undefined ? {} : { collectionName: o.collectionName }),
          ...(o.restorePointName === undefined ? {} : { restorePointName: o.restorePointName }),
          ...(o.concurrency === undefined ? {} : { maxConcurrency: o.concurrency }),
          ...(o.consistency === undefined ? {} : { consistencyMode: o.consistency }),
          ...(o.excludeUnsupported === true ? { excludeUnsupportedDisks: true } : {}),
          onProgress: (event) => {
            bar.update(
              (event.completed / Math.max(1, event.total)) * 100,
              `${event.completed}/${event.total}`,
            );
          },
        });
        bar.stop();
        const rows = results.map((r) => ({
          vm: r.vmId.split("/").at(-1) ?? r.vmId,
          status: r.status,
          restorePoint: r.restorePoint?.id,
          error: r.error === undefined ? undefined : r.error.message,
        }));
        context.printer.rows(
          rows,
          [
            { header: "VM", value: (r) => r.vm },
            { header: "STATUS", value: (r) => r.status },
            {
              header: "RESTORE POINT / ERROR",
              value: (r) => r.error ?? r.restorePoint?.split("/").slice(-3).join("/"),
            },
          ],
          results.map((r) => ({
            vmId: r.vmId,
            status: r.status,
            restorePointId: r.restorePoint?.id,
            error: r.error?.message,
          })),
        );
        const failed = results.filter((r) => r.status === "failed").length;
        if (failed > 0) throw new Error(`${failed} of ${results.length} VMs failed; see the table above.`);
      } finally {
        bar.stop();
      }
    });
}
