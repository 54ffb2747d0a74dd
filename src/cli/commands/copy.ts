/**
 * `vmrp copy` (cross-region copy that waits for the data to arrive, with a progress bar and ETA; or
 * `--no-wait`, which shows where replication stands) and `vmrp progress` (replication progress of a
 * copy, once or until done).
 */
import { Option, type Command } from "commander";
import {
  normalizeRegion,
  type ReplicationProgress,
  type RestorePointClient,
  type RestorePointEncryptionOptions,
  type RestorePointEncryptionType,
  type VmRestorePoint,
  type VmRestorePointClient,
} from "../../index.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exitCodes.js";
import { resumeCommand } from "../lro.js";
import { restorePointTargets, withRestorePointNames, type NameOptions } from "../names.js";
import { parseChoice, parseInteger } from "../parsers.js";
import { createProgress, etaText } from "../progress.js";
import { restorePointFromId } from "../resolve.js";
import { one, plain } from "../view.js";

const ENCRYPTION_TYPES: readonly RestorePointEncryptionType[] = [
  "EncryptionAtRestWithCustomerKey",
  "EncryptionAtRestWithPlatformAndCustomerKeys",
  "EncryptionAtRestWithPlatformKey",
];

interface CopyOptions extends NameOptions {
  targetLocation: string;
  targetResourceGroup?: string;
  targetCollection?: string;
  targetName?: string;
  diskEncryptionSet?: string;
  encryptionType?: RestorePointEncryptionType;
  skipPreflight?: boolean;
  resume?: string;
  wait: boolean;
}

function progressRows(progress: ReplicationProgress) {
  return progress.disks.map((d) => ({
    disk: d.name,
    state: d.state,
    percent: d.percentComplete,
    sizeGB: d.sizeGB,
  }));
}

/** `--disk-encryption-set`: every disk of the copy encrypted with it (the LUNs come from the source). */
async function encryptionFor(
  source: VmRestorePointClient,
  o: CopyOptions,
): Promise<RestorePointEncryptionOptions | undefined> {
  if (o.diskEncryptionSet === undefined) {
    if (o.encryptionType !== undefined)
      throw new UsageError("--encryption-type needs --disk-encryption-set.");
    return undefined;
  }
  const type = o.encryptionType ?? "EncryptionAtRestWithCustomerKey";
  const disk = { diskEncryptionSetId: o.diskEncryptionSet, type };
  const point = await source.get();
  return {
    osDisk: disk,
    dataDisks: point.diskRestorePoints
      .filter((d) => !d.isOsDisk && d.lun !== undefined)
      .map((d) => ({ ...disk, lun: d.lun ?? 0 })),
  };
}

interface CopyRow {
  readonly copy: VmRestorePoint;
  readonly location: string;
  readonly replication: ReplicationProgress;
}

function replicationText(r: ReplicationProgress): string {
  return r.state === "InProgress"
    ? `InProgress ${r.percentComplete}% ${etaText(r.estimatedCompletionOn)}`
    : `${r.state} ${r.percentComplete}%`;
}

async function copyOne(
  context: CliContext,
  client: RestorePointClient,
  source: VmRestorePointClient,
  o: CopyOptions,
): Promise<CopyRow> {
  const encryption = await encryptionFor(source, o);
  const progress = createProgress(context.progressEnabled(), "replicating");
  const poller = client.beginCopyToRegion(source.id, {
    abortSignal: context.abortSignal(),
    targetLocation: o.targetLocation,
    waitForReplication: o.wait,
    ...(o.targetResourceGroup === undefined ? {} : { targetResourceGroup: o.targetResourceGroup }),
    ...(o.targetCollection === undefined ? {} : { targetCollectionName: o.targetCollection }),
    ...(o.targetName === undefined ? {} : { targetRestorePointName: o.targetName }),
    ...(encryption === undefined ? {} : { encryption }),
    ...(o.skipPreflight === true ? { skipPreflight: true } : {}),
    ...(o.resume === undefined ? {} : { resumeFrom: o.resume }),
  });
  let token: string | undefined;
  context.setInterruptNotice(() => {
    const copyId = poller.operationState?.result?.id;
    const lines = [
      `Still running in Azure: the copy of ${source.id} to ${o.targetLocation}${copyId === undefined ? "" : ` (${copyId})`}.`,
    ];
    if (token !== undefined) {
      lines.push(
        `Pick it up with: ${resumeCommand(context, ["copy", "--ids", source.id, "--target-location", o.targetLocation, "--resume", token])}`,
      );
    }
    if (copyId !== undefined) {
      lines.push(
        `Or wait for the data with: ${resumeCommand(context, ["restore-point", "wait", "--ids", copyId, "--replicated"])}`,
      );
    }
    return lines;
  });
  poller.onProgress((state) => {
    if (state.replication !== undefined) {
      progress.update(state.replication.percentComplete, etaText(state.replication.estimatedCompletionOn));
    }
  });
  // The resume token exists once the first request was accepted.
  void poller.submitted().then(
    async () => {
      token = await poller.serialize();
    },
    () => undefined,
  );
  try {
    const copy = await poller;
    progress.update(100, "done");
    progress.stop();
    const replication =
      copy.replication ?? (await restorePointFromId(client, copy.id).getReplicationProgress());
    // A copy's body may not carry its region; it is its collection's, the target region.
    return { copy, replication, location: copy.location ?? normalizeRegion(o.targetLocation) };
  } finally {
    progress.stop();
  }
}

export function registerCopyCommands(program: Command, context: CliContext): void {
  withRestorePointNames(program.command("copy [sourceRestorePointId]"), "source restore point name")
    .description(
      "Copy a restore point to another region and wait until every disk has replicated. Prints the " +
        "target collection, region, replication state and the copy's id.",
    )
    .requiredOption("--target-location <region>", "region to copy to")
    .option(
      "--target-resource-group <name>",
      "resource group of the target collection (default: the source's)",
    )
    .option("--target-collection <name>", "target collection (created when missing)")
    .option("--target-name <name>", "name of the copy (default: the source's)")
    .option(
      "--disk-encryption-set <id>",
      "encrypt every disk of the copy with this disk encryption set (target region)",
    )
    .addOption(
      new Option("--encryption-type <type>", "key type with --disk-encryption-set").argParser(
        parseChoice("--encryption-type", ENCRYPTION_TYPES),
      ),
    )
    .option("--skip-preflight", "skip the SDK's client-side checks (regions, copy rules)")
    .option("--resume <token>", "continue an interrupted copy (the token Ctrl-C printed)")
    .option(
      "--no-wait",
      "return once the copy operation is done, with the replication state; 'restore-point wait --replicated' waits for the data",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ vmrp copy /subscriptions/.../restorePoints/rp-1 --target-location northeurope\n  $ vmrp copy -g rg --collection-name web-rpc -n rp-1 --target-location northeurope --no-wait",
    )
    .action(async (sourceId: string | undefined, o: CopyOptions) => {
      const client = await context.client();
      const rows: CopyRow[] = [];
      for (const source of restorePointTargets(context, client, [sourceId], o)) {
        context.setTarget(source.id);
        rows.push(await copyOne(context, client, source, o));
      }
      context.printer.rows(
        rows,
        [
          { header: "NAME", value: (r) => r.copy.name },
          { header: "TARGET COLLECTION", value: (r) => `${r.copy.resourceGroup}/${r.copy.collectionName}` },
          { header: "REGION", value: (r) => r.location },
          { header: "REPLICATION", value: (r) => replicationText(r.replication) },
          { header: "ID", value: (r) => r.copy.id },
        ],
        one(rows.map((r) => ({ ...plain(r.copy), location: r.location, replication: r.replication }))),
      );
      for (const r of rows.filter((row) => row.replication.state === "InProgress")) {
        context.printer.aside(
          `The data is still replicating; wait for it with: ${resumeCommand(context, ["restore-point", "wait", "--ids", r.copy.id, "--replicated"])}`,
        );
      }
    });

  withRestorePointNames(program.command("progress [restorePointId]"))
    .description(
      "Replication progress of a cross-region copy (NotApplicable for a restore point that is not a copy).",
    )
    .option("--watch", "keep polling until replication ends")
    .option("--interval-ms <ms>", "polling interval with --watch", parseInteger("--interval-ms", 0), 30000)
    .action(async (id: string | undefined, o: NameOptions & { watch?: boolean; intervalMs: number }) => {
      const targets = restorePointTargets(context, await context.client(), [id], o);
      const results: ReplicationProgress[] = [];
      for (const point of targets) {
        context.setTarget(point.id);
        if (o.watch === true) {
          const bar = createProgress(context.progressEnabled(), "replicating");
          context.setInterruptNotice(() => [
            `Nothing was changed in Azure; the copy ${point.id} replicates on.`,
          ]);
          try {
            results.push(
              await point.waitForReplication({
                abortSignal: context.abortSignal(),
                updateIntervalInMs: o.intervalMs,
                onProgress: (p) => {
                  bar.update(p.percentComplete, etaText(p.estimatedCompletionOn));
                },
              }),
            );
          } finally {
            bar.stop();
          }
        } else {
          results.push(await point.getReplicationProgress());
        }
      }
      context.printer.result(one(results), () =>
        results
          .map((final) =>
            [
              `${final.state} ${final.percentComplete}% ${final.state === "InProgress" ? etaText(final.estimatedCompletionOn) : ""}`.trimEnd(),
              context.printer.tableText(progressRows(final), [
                { header: "DISK", value: (r) => r.disk },
                { header: "STATE", value: (r) => r.state },
                { header: "PERCENT", value: (r) => r.percent },
                { header: "SIZE GB", value: (r) => r.sizeGB },
              ]),
            ].join("\n"),
          )
          .join("\n\n"),
      );
    });
}
