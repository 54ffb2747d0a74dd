/**
 * `vmrp restore-point create|show|list|delete|disks|wait`: VM restore points.
 */
import type { Command } from "commander";
import type { ConsistencyMode, VmRestorePoint } from "../../index.js";
import type { CliContext } from "../context.js";
import { runLro } from "../lro.js";
import {
  parentCollectionTargets,
  restorePointTargets,
  withRestorePointNames,
  type NameOptions,
} from "../names.js";
import { CONSISTENCY_MODE_CHOICES, knownValues } from "../choices.js";
import { collect, parseInteger, parseOpenChoice } from "../parsers.js";
import { createProgress } from "../progress.js";
import { diskRestorePointColumns, one, plain, restorePointColumns } from "../view.js";
import {
  waitableRestorePoint,
  waitCondition,
  waitForReplicated,
  waitForState,
  withWaitOptions,
  type WaitOptions,
} from "../wait.js";

interface CreateOptions extends NameOptions {
  excludeDisk?: string[];
  excludeUnsupported?: boolean;
  consistency?: ConsistencyMode;
  instantAccessMinutes?: number;
  skipPreflight?: boolean;
  wait: boolean;
}

type Positional = string | undefined;

export function registerRestorePointCommands(program: Command, context: CliContext): void {
  const group = program.command("restore-point").description("VM restore points.");

  withRestorePointNames(group.command("create [resourceGroup] [collection] [name]"))
    .description("Capture a restore point of the collection's VM and wait until it is created.")
    .option("--exclude-disk <id>", "managed disk id to leave out, repeatable", collect)
    .option(
      "--exclude-unsupported",
      "leave out disks restore points cannot include (shared, Ultra under crash consistency, ...)",
    )
    .option(
      "--consistency <mode>",
      `CrashConsistent (omit for application consistency; ${knownValues(CONSISTENCY_MODE_CHOICES)})`,
      parseOpenChoice("--consistency", CONSISTENCY_MODE_CHOICES),
    )
    .option(
      "--instant-access-minutes <n>",
      "instant access duration, 60..300",
      parseInteger("--instant-access-minutes", 60, 300),
    )
    .option("--skip-preflight", "skip the SDK's client-side service-rule checks")
    .option(
      "--no-wait",
      "return once Azure has accepted the request ('restore-point wait --created' waits later)",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ vmrp restore-point create -g rg --collection-name web-rpc -n rp-1 --exclude-unsupported\n  $ vmrp restore-point create rg web-rpc rp-1 --exclude-disk /subscriptions/.../disks/scratch",
    )
    .action(async (resourceGroup: Positional, collection: Positional, name: Positional, o: CreateOptions) => {
      const client = await context.client();
      const created: VmRestorePoint[] = [];
      const started: string[] = [];
      for (const point of restorePointTargets(context, client, [resourceGroup, collection, name], o)) {
        context.setTarget(point.id);
        const progress = createProgress(context.progressEnabled(), "create");
        const poller = point.beginCreate({
          abortSignal: context.abortSignal(),
          ...(o.excludeDisk === undefined ? {} : { excludeDiskIds: o.excludeDisk }),
          ...(o.excludeUnsupported === true ? { excludeUnsupportedDisks: true } : {}),
          ...(o.consistency === undefined ? {} : { consistencyMode: o.consistency }),
          ...(o.instantAccessMinutes === undefined
            ? {}
            : { instantAccessDurationMinutes: o.instantAccessMinutes }),
          ...(o.skipPreflight === true ? { skipPreflight: true } : {}),
        });
        poller.onProgress((state) => {
          progress.update(state.status === "succeeded" ? 100 : 50, state.status);
        });
        try {
          const result = await runLro(context, poller, {
            noWait: !o.wait,
            what: `restore point ${point.id} (being created)`,
            request: { method: "PUT", id: point.id },
            resume: ["restore-point", "wait", "--ids", point.id, "--created"],
          });
          if (result === undefined) started.push(point.id);
          else created.push(result);
        } finally {
          progress.stop();
        }
      }
      if (!o.wait) {
        const rows = started.map((id) => ({ id, provisioningState: "Creating" }));
        context.printer.rows(
          rows,
          [
            { header: "STATE", value: (r) => r.provisioningState },
            { header: "ID", value: (r) => r.id },
          ],
          one(rows),
        );
        return;
      }
      context.printer.rows(created, restorePointColumns, one(created.map(plain)));
    });

  withRestorePointNames(group.command("show [resourceGroup] [collection] [name]"))
    .description("Show a restore point.")
    .option("--instance-view", "include per-disk replication status ($expand=instanceView)")
    .action(
      async (
        resourceGroup: Positional,
        collection: Positional,
        name: Positional,
        o: NameOptions & { instanceView?: boolean },
      ) => {
        const client = await context.client();
        const found = [];
        for (const point of restorePointTargets(context, client, [resourceGroup, collection, name], o)) {
          context.setTarget(point.id);
          found.push(await point.get({ instanceView: o.instanceView === true }));
        }
        context.printer.rows(found, restorePointColumns, one(found.map(plain)));
      },
    );

  group
    .command("list [resourceGroup] [collection]")
    .description("List the restore points of a collection, oldest first.")
    .option("-g, --resource-group <name>", "resource group (default: 'vmrp configure --defaults group=')")
    .option("--collection-name <name>", "restore point collection name")
    .option("--ids <id...>", "ARM ids of one or more collections")
    .action(async (resourceGroup: Positional, collection: Positional, o: NameOptions) => {
      const client = await context.client();
      const found = [];
      for (const target of parentCollectionTargets(context, client, [resourceGroup, collection], o)) {
        context.setTarget(target.id);
        for await (const p of target.listRestorePoints()) found.push(p);
      }
      context.printer.rows(found, restorePointColumns, found.map(plain));
    });

  withRestorePointNames(group.command("delete [resourceGroup] [collection] [name]"))
    .description("Delete a restore point (revoke any SAS on its disks first). Asks first; -y to skip.")
    .option("-y, --yes", "do not ask for confirmation")
    .option("--no-wait", "return once Azure has accepted the deletion")
    .action(
      async (
        resourceGroup: Positional,
        collection: Positional,
        name: Positional,
        o: NameOptions & { yes?: boolean; wait: boolean },
      ) => {
        const client = await context.client();
        const targets = restorePointTargets(context, client, [resourceGroup, collection, name], o);
        await context.confirm(`Delete restore point ${targets.map((t) => t.id).join(", ")}?`, o.yes);
        const deleted = [];
        for (const point of targets) {
          context.setTarget(point.id);
          await runLro(context, point.beginDelete({ abortSignal: context.abortSignal() }), {
            noWait: !o.wait,
            what: `the deletion of restore point ${point.id}`,
            request: { method: "DELETE", id: point.id },
            resume: ["restore-point", "wait", "--ids", point.id, "--deleted"],
          });
          deleted.push({ id: point.id, status: o.wait ? "Deleted" : "Deleting" });
        }
        context.printer.rows(
          deleted,
          [
            { header: "STATUS", value: (d) => d.status },
            { header: "ID", value: (d) => d.id },
          ],
          one(deleted),
        );
      },
    );

  withRestorePointNames(group.command("disks [resourceGroup] [collection] [name]"))
    .description("List the disk restore points of a restore point.")
    .action(async (resourceGroup: Positional, collection: Positional, name: Positional, o: NameOptions) => {
      const client = await context.client();
      const found = [];
      for (const point of restorePointTargets(context, client, [resourceGroup, collection, name], o)) {
        context.setTarget(point.id);
        for await (const d of point.listDiskRestorePoints()) found.push(d);
      }
      context.printer.rows(found, diskRestorePointColumns, found.map(plain));
    });

  withWaitOptions(withRestorePointNames(group.command("wait [resourceGroup] [collection] [name]")), true)
    .description("Wait until a restore point is created, deleted, or (a copy) replicated.")
    .addHelpText(
      "after",
      "\nExample:\n  $ vmrp restore-point wait --ids /subscriptions/.../restorePoints/rp-1 --replicated --timeout 7200",
    )
    .action(
      async (
        resourceGroup: Positional,
        collection: Positional,
        name: Positional,
        o: NameOptions & WaitOptions,
      ) => {
        const condition = waitCondition(o);
        const client = await context.client();
        for (const point of restorePointTargets(context, client, [resourceGroup, collection, name], o)) {
          context.setTarget(point.id);
          context.setInterruptNotice(() => [
            `Nothing was changed in Azure; run the same command again to keep waiting for ${point.id}.`,
          ]);
          if (condition === "replicated") await waitForReplicated(context, point, o);
          else await waitForState(context, waitableRestorePoint(point), condition, o);
        }
      },
    );
}
