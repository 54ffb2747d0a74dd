/**
 * `vmrp collection create|show|list|update|delete|wait`: restore point collections.
 */
import type { Command } from "commander";
import type { RestorePointCollection, VmRestorePoint } from "../../index.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exitCodes.js";
import { runLro } from "../lro.js";
import { collectionTargets, withCollectionNames, type NameOptions } from "../names.js";
import { collect, parseTags } from "../parsers.js";
import { collectionColumns, one, plain, restorePointColumns } from "../view.js";
import {
  waitableCollection,
  waitCondition,
  waitForState,
  withWaitOptions,
  type WaitOptions,
} from "../wait.js";

interface CreateOptions extends NameOptions {
  location?: string;
  sourceVm?: string;
  sourceCollection?: string;
  tag?: string[];
  tags?: string[];
  instantAccess?: boolean;
  skipPreflight?: boolean;
}

function tagsOf(o: { tag?: string[]; tags?: string[] }): Record<string, string> | undefined {
  if (o.tag === undefined && o.tags === undefined) return undefined;
  return parseTags([...(o.tag ?? []), ...(o.tags ?? [])]);
}

export function registerCollectionCommands(program: Command, context: CliContext): void {
  const group = program.command("collection").description("Restore point collections.");

  withCollectionNames(group.command("create [resourceGroup] [name]"))
    .description("Create a collection for a VM (or the target collection of a cross-region copy).")
    .option("-l, --location <region>", "region of the collection, the VM's (default: 'vmrp configure')")
    .option("--source-vm <id>", "ARM id of the VM whose restore points the collection holds")
    .option("--source-collection <id>", "ARM id of the source collection (cross-region copy target)")
    .option("--tags <key=value...>", "tags, space-separated")
    .option("--tag <key=value>", "a tag, repeatable", collect)
    .option("--instant-access", "enable instant access snapshots (Premium SSD v2 / Ultra)")
    .option("--skip-preflight", "skip the SDK's client-side service-rule checks")
    .addHelpText(
      "after",
      "\nExample:\n  $ vmrp collection create -g rg -n web-rpc -l westeurope --source-vm /subscriptions/.../virtualMachines/web",
    )
    .action(async (resourceGroup: string | undefined, name: string | undefined, o: CreateOptions) => {
      if ((o.sourceVm === undefined) === (o.sourceCollection === undefined)) {
        throw new UsageError("Give exactly one of --source-vm and --source-collection.");
      }
      const location = o.location ?? context.defaults("location");
      if (location === undefined) {
        throw new UsageError(
          "Missing --location (-l); or set a default: vmrp configure --defaults location=<region>.",
        );
      }
      const client = await context.client();
      const created = [];
      for (const collection of collectionTargets(context, client, [resourceGroup, name], o)) {
        context.setTarget(collection.id);
        const tags = tagsOf(o);
        created.push(
          await collection.create({
            location,
            ...(o.sourceVm === undefined ? {} : { sourceVmId: o.sourceVm }),
            ...(o.sourceCollection === undefined ? {} : { sourceCollectionId: o.sourceCollection }),
            ...(tags === undefined ? {} : { tags }),
            ...(o.instantAccess === true ? { instantAccess: true } : {}),
            ...(o.skipPreflight === true ? { skipPreflight: true } : {}),
          }),
        );
      }
      context.printer.rows(created, collectionColumns, one(created.map(plain)));
    });

  withCollectionNames(group.command("show [resourceGroup] [name]"))
    .description("Show a collection, with its restore points when asked.")
    .option("--restore-points", "also list the restore points ($expand=restorePoints)")
    .action(
      async (
        resourceGroup: string | undefined,
        name: string | undefined,
        o: NameOptions & { restorePoints?: boolean },
      ) => {
        const client = await context.client();
        const shown: { found: RestorePointCollection; points: VmRestorePoint[] }[] = [];
        for (const collection of collectionTargets(context, client, [resourceGroup, name], o)) {
          context.setTarget(collection.id);
          const found = await collection.get();
          const points: VmRestorePoint[] = [];
          if (o.restorePoints === true)
            for await (const point of collection.listRestorePoints()) points.push(point);
          shown.push({ found, points });
        }
        if (o.restorePoints !== true) {
          context.printer.rows(
            shown.map((s) => s.found),
            collectionColumns,
            one(shown.map((s) => plain(s.found))),
          );
          return;
        }
        context.printer.result(
          one(shown.map((s) => ({ ...plain(s.found), restorePoints: s.points.map(plain) }))),
          () =>
            shown
              .map((s) =>
                [
                  context.printer.tableText([s.found], collectionColumns),
                  "",
                  context.printer.tableText(s.points, restorePointColumns),
                ].join("\n"),
              )
              .join("\n\n"),
        );
      },
    );

  group
    .command("list")
    .description("List collections of the subscription or of one resource group.")
    .option("-g, --resource-group <name>", "only this resource group")
    .action(async (o: { resourceGroup?: string }) => {
      const client = await context.client();
      const found = [];
      for await (const c of client.listCollections(
        o.resourceGroup === undefined ? {} : { resourceGroup: o.resourceGroup },
      )) {
        found.push(c);
      }
      context.printer.rows(found, collectionColumns, found.map(plain));
    });

  withCollectionNames(group.command("update [resourceGroup] [name]"))
    .description("Replace the tags or switch instant access.")
    .option("--tags <key=value...>", "tags, space-separated (replaces all tags)")
    .option("--tag <key=value>", "a tag, repeatable (replaces all tags)", collect)
    .option("--instant-access <on|off>", "instant access snapshots")
    .action(
      async (
        resourceGroup: string | undefined,
        name: string | undefined,
        o: NameOptions & { tag?: string[]; tags?: string[]; instantAccess?: string },
      ) => {
        if (o.instantAccess !== undefined && o.instantAccess !== "on" && o.instantAccess !== "off") {
          throw new UsageError("--instant-access must be 'on' or 'off'.");
        }
        const client = await context.client();
        const updated = [];
        const tags = tagsOf(o);
        for (const collection of collectionTargets(context, client, [resourceGroup, name], o)) {
          context.setTarget(collection.id);
          updated.push(
            await collection.update({
              ...(tags === undefined ? {} : { tags }),
              ...(o.instantAccess === undefined ? {} : { instantAccess: o.instantAccess === "on" }),
            }),
          );
        }
        context.printer.rows(updated, collectionColumns, one(updated.map(plain)));
      },
    );

  withCollectionNames(group.command("delete [resourceGroup] [name]"))
    .description("Delete a collection and every restore point in it (asks first; -y to skip).")
    .option("-y, --yes", "do not ask for confirmation")
    .option("--no-wait", "return once Azure has accepted the deletion")
    .action(
      async (
        resourceGroup: string | undefined,
        name: string | undefined,
        o: NameOptions & { yes?: boolean; wait: boolean },
      ) => {
        const client = await context.client();
        const targets = collectionTargets(context, client, [resourceGroup, name], o);
        await context.confirm(
          `Delete ${targets.map((t) => t.id).join(", ")} and every restore point in ${targets.length > 1 ? "them" : "it"}?`,
          o.yes,
        );
        const deleted = [];
        for (const collection of targets) {
          context.setTarget(collection.id);
          await runLro(context, collection.beginDelete({ abortSignal: context.abortSignal() }), {
            noWait: !o.wait,
            what: `the deletion of collection ${collection.id}`,
            request: { method: "DELETE", id: collection.id },
            resume: ["collection", "wait", "--ids", collection.id, "--deleted"],
          });
          deleted.push({ id: collection.id, status: o.wait ? "Deleted" : "Deleting" });
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

  withWaitOptions(withCollectionNames(group.command("wait [resourceGroup] [name]")), false)
    .description("Wait until a collection is created or deleted.")
    .addHelpText("after", "\nExample:\n  $ vmrp collection wait -g rg -n web-rpc --deleted --timeout 600")
    .action(
      async (resourceGroup: string | undefined, name: string | undefined, o: NameOptions & WaitOptions) => {
        const condition = waitCondition(o);
        if (condition === "replicated") throw new UsageError("--replicated applies to restore points.");
        const client = await context.client();
        for (const collection of collectionTargets(context, client, [resourceGroup, name], o)) {
          context.setTarget(collection.id);
          await waitForState(context, waitableCollection(collection), condition, o);
        }
      },
    );
}
