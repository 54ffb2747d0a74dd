/**
 * `vmrp copy` (cross-region copy that waits for the data to arrive, with a progress bar and ETA) and
 * `vmrp progress` (replication progress of a copy, once or until done).
 */
import type { Command } from "commander";
import type { ReplicationProgress } from "../../index.js";
import type { CliContext } from "../context.js";
import { parseInteger } from "../parsers.js";
import { createProgress, etaText } from "../progress.js";
import { restorePointFromId } from "../resolve.js";
import { plain, restorePointColumns } from "../view.js";

function progressRows(progress: ReplicationProgress) {
  return progress.disks.map((d) => ({
    disk: d.name,
    state: d.state,
    percent: d.percentComplete,
    sizeGB: d.sizeGB,
  }));
}

export function registerCopyCommands(program: Command, context: CliContext): void {
  program
    .command("copy <sourceRestorePointId>")
    .description("Copy a restore point to another region and wait until every disk has replicated.")
    .requiredOption("--target-location <region>", "region to copy to")
    .option(
      "--target-resource-group <name>",
      "resource group of the target collection (default: the source's)",
    )
    .option("--target-collection <name>", "target collection (created when missing)")
    .option("--target-name <name>", "name of the copy (default: the source's)")
    .option("--no-wait", "return once the copy has started instead of waiting for replication")
    .addHelpText(
      "after",
      "\nExample:\n  $ vmrp copy /subscriptions/.../restorePoints/rp-1 --target-location northeurope",
    )
    .action(
      async (
        sourceId: string,
        o: {
          targetLocation: string;
          targetResourceGroup?: string;
          targetCollection?: string;
          targetName?: string;
          wait: boolean;
        },
      ) => {
        const client = await context.client();
        const progress = createProgress(context.progressEnabled(), "replicating");
        const poller = client.beginCopyToRegion(sourceId, {
          targetLocation: o.targetLocation,
          waitForReplication: o.wait,
          ...(o.targetResourceGroup === undefined ? {} : { targetResourceGroup: o.targetResourceGroup }),
          ...(o.targetCollection === undefined ? {} : { targetCollectionName: o.targetCollection }),
          ...(o.targetName === undefined ? {} : { targetRestorePointName: o.targetName }),
        });
        poller.onProgress((state) => {
          if (state.replication !== undefined) {
            progress.update(
              state.replication.percentComplete,
              etaText(state.replication.estimatedCompletionOn),
            );
          }
        });
        try {
          const copy = await poller;
          progress.update(100, "done");
          progress.stop();
          context.printer.rows([copy], restorePointColumns, plain(copy));
        } finally {
          progress.stop();
        }
      },
    );

  program
    .command("progress <restorePointId>")
    .description(
      "Replication progress of a cross-region copy (NotApplicable for a restore point that is not a copy).",
    )
    .option("--watch", "keep polling until replication ends")
    .option("--interval-ms <ms>", "polling interval with --watch", parseInteger("--interval-ms", 0), 30000)
    .action(async (id: string, o: { watch?: boolean; intervalMs: number }) => {
      const point = restorePointFromId(await context.client(), id);
      let final: ReplicationProgress;
      if (o.watch === true) {
        const bar = createProgress(context.progressEnabled(), "replicating");
        try {
          final = await point.waitForReplication({
            intervalInMs: o.intervalMs,
            onProgress: (p) => {
              bar.update(p.percentComplete, etaText(p.estimatedCompletionOn));
            },
          });
        } finally {
          bar.stop();
        }
      } else {
        final = await point.getReplicationProgress();
      }
      context.printer.note(
        `${final.state} ${final.percentComplete}% ${final.state === "InProgress" ? etaText(final.estimatedCompletionOn) : ""}`.trimEnd(),
      );
      context.printer.rows(
        progressRows(final),
        [
          { header: "DISK", value: (r) => r.disk },
          { header: "STATE", value: (r) => r.state },
          { header: "PERCENT", value: (r) => r.percent },
          { header: "SIZE GB", value: (r) => r.sizeGB },
        ],
        final,
      );
    });
}
