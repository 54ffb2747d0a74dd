/**
 * `vmrp prune`: retention for a collection (keep-last, maximum age, daily/weekly/monthly), with a
 * dry run that prints the plan and the reason for every point.
 */
import type { Command } from "commander";
import type { RestorePointCollectionClient, RetentionPolicy } from "../../index.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exitCodes.js";
import { parentCollectionTargets, type NameOptions } from "../names.js";
import { collect, parseInteger } from "../parsers.js";
import { createProgress } from "../progress.js";

interface PruneCommandOptions extends NameOptions {
  yes?: boolean;
  keepLast?: number;
  maxAgeDays?: number;
  keepDaily?: number;
  keepWeekly?: number;
  keepMonthly?: number;
  protect?: string[];
  dryRun?: boolean;
  concurrency?: number;
}

export function registerPruneCommand(program: Command, context: CliContext): void {
  program
    .command("prune [resourceGroup] [collection]")
    .description(
      "Delete old restore points by a retention policy; the newest and protected points always stay.",
    )
    .option("--keep-last <n>", "keep the newest n points", parseInteger("--keep-last", 1))
    .option(
      "--max-age-days <n>",
      "delete points older than n days (unless another rule keeps them)",
      parseInteger("--max-age-days", 1),
    )
    .option(
      "--keep-daily <n>",
      "keep the newest point of each of the last n days",
      parseInteger("--keep-daily", 1),
    )
    .option(
      "--keep-weekly <n>",
      "keep the newest point of each of the last n ISO weeks",
      parseInteger("--keep-weekly", 1),
    )
    .option(
      "--keep-monthly <n>",
      "keep the newest point of each of the last n months",
      parseInteger("--keep-monthly", 1),
    )
    .option("--protect <name>", "never delete this restore point, repeatable", collect)
    .option("-g, --resource-group <name>", "resource group (default: 'vmrp configure --defaults group=')")
    .option("--collection-name <name>", "restore point collection name")
    .option("--ids <id...>", "ARM ids of one or more collections")
    .option("--dry-run", "print the plan, and the rule behind every point, without deleting anything")
    .option("-y, --yes", "do not ask for confirmation")
    .option("--concurrency <n>", "deletions at once", parseInteger("--concurrency", 1, 32))
    .addHelpText(
      "after",
      "\nExample:\n  $ vmrp prune rg web-rpc --keep-daily 7 --keep-weekly 4 --keep-monthly 12 --dry-run",
    )
    .action(
      async (
        resourceGroup: string | undefined,
        collectionName: string | undefined,
        o: PruneCommandOptions,
      ) => {
        const policy: RetentionPolicy = {
          ...(o.keepLast === undefined ? {} : { keepLast: o.keepLast }),
          ...(o.maxAgeDays === undefined ? {} : { maxAgeInDays: o.maxAgeDays }),
          ...(o.keepDaily === undefined ? {} : { keepDaily: o.keepDaily }),
          ...(o.keepWeekly === undefined ? {} : { keepWeekly: o.keepWeekly }),
          ...(o.keepMonthly === undefined ? {} : { keepMonthly: o.keepMonthly }),
          ...(o.protect === undefined ? {} : { protectedNames: o.protect }),
        };
        if (Object.keys(policy).filter((k) => k !== "protectedNames").length === 0) {
          throw new UsageError(
            "Give at least one rule: --keep-last, --max-age-days, --keep-daily, --keep-weekly or --keep-monthly.",
          );
        }
        const client = await context.client();
        for (const collection of parentCollectionTargets(
          context,
          client,
          [resourceGroup, collectionName],
          o,
        )) {
          context.setTarget(collection.id);
          await pruneOne(context, collection, policy, o);
        }
      },
    );
}

async function pruneOne(
  context: CliContext,
  collection: RestorePointCollectionClient,
  policy: RetentionPolicy,
  o: PruneCommandOptions,
): Promise<void> {
  if (o.dryRun !== true) {
    const plan = await collection.planPrune(policy);
    if (plan.remove.length > 0) {
      await context.confirm(
        `Delete ${plan.remove.length} restore point(s) of ${collection.id}: ${plan.remove.map((p) => p.name).join(", ")}?`,
        o.yes,
      );
    }
  }
  context.setInterruptNotice(() => [
    "Deletions already sent go on in Azure.",
    `Pick it up with the same command: ${context.rerunCommand()}`,
  ]);
  const bar = createProgress(context.progressEnabled() && o.dryRun !== true, "prune");
  try {
    const result = await collection.prune(policy, {
      abortSignal: context.abortSignal(),
      dryRun: o.dryRun === true,
      ...(o.concurrency === undefined ? {} : { maxConcurrency: o.concurrency }),
      onProgress: (event) => {
        bar.update((event.completed / Math.max(1, event.total)) * 100, event.name);
      },
    });
    bar.stop();
    const rows = [
      ...result.plan.keep.map((p) => ({
        name: p.name,
        id: p.id,
        createdOn: p.createdOn,
        action: "keep",
        reason: result.plan.reasons[p.name] ?? "",
      })),
      ...result.plan.remove.map((p) => ({
        name: p.name,
        id: p.id,
        createdOn: p.createdOn,
        action:
          o.dryRun === true ? "would delete" : result.deleted.includes(p.name) ? "deleted" : "delete failed",
        reason: result.plan.reasons[p.name] ?? "",
      })),
    ].sort((a, b) => (a.createdOn?.getTime() ?? 0) - (b.createdOn?.getTime() ?? 0));
    context.printer.rows(
      rows,
      [
        { header: "NAME", value: (r) => r.name },
        { header: "CREATED", value: (r) => r.createdOn },
        { header: "ACTION", value: (r) => r.action },
        { header: "REASON", value: (r) => r.reason },
        { header: "ID", value: (r) => r.id },
      ],
      {
        collection: collection.id,
        dryRun: o.dryRun === true,
        points: rows,
        deleted: result.deleted,
        kept: result.kept,
        failed: result.failed.map((f) => ({ name: f.name, reason: f.reason, message: f.error.message })),
        reasons: result.plan.reasons,
      },
    );
    if (result.failed.length > 0) {
      throw new Error(
        `${result.failed.length} restore point(s) could not be deleted: ${result.failed.map((f) => `${f.name} (${f.reason})`).join(", ")}`,
      );
    }
  } finally {
    bar.stop();
  }
}
