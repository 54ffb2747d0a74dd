/**
 * `vmrp collection create|show|list|update|delete`: restore point collections.
 */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { UsageError } from "../exitCodes.js";
import { collect } from "../parsers.js";
import { collectionColumns, plain, restorePointColumns } from "../view.js";

function parseTags(pairs: readonly string[] | undefined): Record<string, string> | undefined {
  if (pairs === undefined) return undefined;
  const tags: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--tag expects key=value, got '${pair}'.`);
    tags[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return tags;
}

export function registerCollectionCommands(program: Command, context: CliContext): void {
  const group = program.command("collection").description("Restore point collections.");

  group
    .command("create <resourceGroup> <name>")
    .description("Create a collection for a VM (or the target collection of a cross-region copy).")
    .requiredOption("--location <region>", "region of the collection (the VM's region)")
    .option("--source-vm <id>", "ARM id of the VM whose restore points the collection holds")
    .option("--source-collection <id>", "ARM id of the source collection (cross-region copy target)")
    .option("--tag <key=value>", "tag, repeatable", collect)
    .option("--instant-access", "enable instant access snapshots (Premium SSD v2 / Ultra)")
    .addHelpText(
      "after",
      "\nExample:\n  $ vmrp collection create rg web-rpc --location westeurope --source-vm /subscriptions/.../virtualMachines/web",
    )
    .action(
      async (
        resourceGroup: string,
        name: string,
        o: {
          location: string;
          sourceVm?: string;
          sourceCollection?: string;
          tag?: string[];
          instantAccess?: boolean;
        },
      ) => {
        if ((o.sourceVm === undefined) === (o.sourceCollection === undefined)) {
          throw new UsageError("Give exactly one of --source-vm and --source-collection.");
        }
        const client = await context.client();
        const created = await client.getCollectionClient(resourceGroup, name).create({
          location: o.location,
          ...(o.sourceVm === undefined ? {} : { sourceVmId: o.sourceVm }),
          ...(o.sourceCollection === undefined ? {} : { sourceCollectionId: o.sourceCollection }),
          ...(o.tag === undefined ? {} : { tags: parseTags(o.tag) ?? {} }),
          ...(o.instantAccess === true ? { instantAccess: true } : {}),
        });
        context.printer.rows([created], collectionColumns, plain(created));
      },
    );

  group
    .command("show <resourceGroup> <name>")
    .description("Show a collection, with its restore points when asked.")
    .option("--restore-points", "also list the restore points ($expand=restorePoints)")
    .action(async (resourceGroup: string, name: string, o: { restorePoints?: boolean }) => {
      const collection = (await context.client()).getCollectionClient(resourceGroup, name);
      const found = await collection.get();
      if (o.restorePoints !== true) {
        context.printer.rows([found], collectionColumns, plain(found));
        return;
      }
      const points = [];
      for await (const point of collection.listRestorePoints()) points.push(point);
      if (context.printer.format === "json") {
        context.printer.object({}, { ...plain(found), restorePoints: points.map(plain) });
        return;
      }
      context.printer.rows([found], collectionColumns);
      context.printer.note("");
      context.printer.rows(points, restorePointColumns);
    });

  group
    .command("list")
    .description("List collections of the subscription or of one resource group.")
    .option("--resource-group <name>", "only this resource group")
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

  group
    .command("update <resourceGroup> <name>")
    .description("Replace the tags or switch instant access.")
    .option("--tag <key=value>", "tag, repeatable (replaces all tags)", collect)
    .option("--instant-access <on|off>", "instant access snapshots")
    .action(async (resourceGroup: string, name: string, o: { tag?: string[]; instantAccess?: string }) => {
      if (o.instantAccess !== undefined && o.instantAccess !== "on" && o.instantAccess !== "off") {
        throw new UsageError("--instant-access must be 'on' or 'off'.");
      }
      const updated = await (await context.client()).getCollectionClient(resourceGroup, name).update({
        ...(o.tag === undefined ? {} : { tags: parseTags(o.tag) ?? {} }),
        ...(o.instantAccess === undefined ? {} : { instantAccess: o.instantAccess === "on" }),
      });
      context.printer.rows([updated], collectionColumns, plain(updated));
    });

  group
    .command("delete <resourceGroup> <name>")
    .description("Delete a collection and every restore point in it.")
    .action(async (resourceGroup: string, name: string) => {
      await (await context.client()).getCollectionClient(resourceGroup, name).beginDelete();
      context.printer.object({ deleted: `${resourceGroup}/${name}` });
    });
}
