/**
 * How commands name the resources they work on, as `az` does: `-g/--resource-group`,
 * `--collection-name`, `-n/--name`, or `--ids` with one or more ARM ids; and the positional forms of
 * earlier versions (`vmrp restore-point show rg web-rpc rp-1`, or an id as the argument). The
 * resource group falls back to the `vmrp configure` / `AZURE_DEFAULTS_GROUP` default.
 */
import type { Command } from "commander";
import type {
  DiskRestorePointClient,
  RestorePointClient,
  RestorePointCollectionClient,
  VmRestorePointClient,
} from "../index.js";
import type { CliContext } from "./context.js";
import { UsageError } from "./exitCodes.js";
import { collectionFromId, diskRestorePointFromId, restorePointFromId } from "./resolve.js";

export interface NameOptions {
  resourceGroup?: string;
  collectionName?: string;
  restorePointName?: string;
  name?: string;
  ids?: string[];
}

const IDS_HELP = "one or more ARM ids (instead of the name options)";

export function withCollectionNames(command: Command): Command {
  return command
    .option("-g, --resource-group <name>", "resource group (default: 'vmrp configure --defaults group=')")
    .option("-n, --name <name>", "collection name")
    .option("--ids <id...>", IDS_HELP);
}

export function withRestorePointNames(command: Command, nameHelp = "restore point name"): Command {
  return command
    .option("-g, --resource-group <name>", "resource group (default: 'vmrp configure --defaults group=')")
    .option("--collection-name <name>", "restore point collection name")
    .option("-n, --name <name>", nameHelp)
    .option("--ids <id...>", IDS_HELP);
}

export function withDiskRestorePointNames(command: Command): Command {
  return command
    .option("-g, --resource-group <name>", "resource group (default: 'vmrp configure --defaults group=')")
    .option("--collection-name <name>", "restore point collection name")
    .option("--restore-point-name <name>", "VM restore point name")
    .option("-n, --name <name>", "disk restore point name")
    .option("--ids <id...>", IDS_HELP);
}

/**
 * Fills the name slots (resource group first) from the positional arguments, then the flags, then
 * the default group. Returns undefined when nothing at all names a resource.
 */
function fill(
  context: CliContext,
  labels: readonly string[],
  positional: readonly (string | undefined)[],
  flags: readonly (string | undefined)[],
): string[] | undefined {
  const given = positional.filter((p): p is string => p !== undefined);
  if (given.length === 0 && flags.every((f) => f === undefined)) return undefined;
  const values = labels.map((label, i) => {
    const fromPositional = given[i];
    const fromFlag = flags[i];
    if (fromPositional !== undefined && fromFlag !== undefined && fromPositional !== fromFlag) {
      throw new UsageError(`The ${label} is given twice ('${fromPositional}' and '${fromFlag}').`);
    }
    return fromPositional ?? fromFlag ?? (i === 0 ? context.defaults("group") : undefined);
  });
  const missing = labels.filter((_, i) => values[i] === undefined);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.join(", ")}.`);
  return values as string[];
}

const MIXED =
  "Give either ARM ids (--ids, or an id as the argument) or names (-g, --collection-name, -n, or arguments), not both.";

/** Splits positional arguments into ARM ids (they start with '/') and names. */
function split(positional: readonly (string | undefined)[]): { ids: string[]; names: string[] } {
  const given = positional.filter((p): p is string => p !== undefined);
  return { ids: given.filter((p) => p.startsWith("/")), names: given.filter((p) => !p.startsWith("/")) };
}

export function collectionTargets(
  context: CliContext,
  client: RestorePointClient,
  positional: readonly (string | undefined)[],
  o: NameOptions,
): RestorePointCollectionClient[] {
  const given = split(positional);
  const ids = [...given.ids, ...(o.ids ?? [])];
  if (ids.length > 0) {
    if (given.names.length > 0 || o.name !== undefined) throw new UsageError(MIXED);
    return ids.map((id) => collectionFromId(client, id));
  }
  const names = fill(context, ["resource group (-g)", "collection name (-n)"], given.names, [
    o.resourceGroup,
    o.name,
  ]);
  if (names === undefined) throw new UsageError("Name the collection: -g <group> -n <name>, or --ids <id>.");
  const [group, name] = names as [string, string];
  return [client.getCollectionClient(group, name)];
}

export function restorePointTargets(
  context: CliContext,
  client: RestorePointClient,
  positional: readonly (string | undefined)[],
  o: NameOptions,
): VmRestorePointClient[] {
  const given = split(positional);
  const ids = [...given.ids, ...(o.ids ?? [])];
  if (ids.length > 0) {
    if (given.names.length > 0 || o.collectionName !== undefined || o.name !== undefined) {
      throw new UsageError(MIXED);
    }
    return ids.map((id) => restorePointFromId(client, id));
  }
  const names = fill(
    context,
    ["resource group (-g)", "collection name (--collection-name)", "restore point name (-n)"],
    given.names,
    [o.resourceGroup, o.collectionName, o.name],
  );
  if (names === undefined) {
    throw new UsageError(
      "Name the restore point: -g <group> --collection-name <collection> -n <name>, or --ids <id>.",
    );
  }
  const [group, collection, name] = names as [string, string, string];
  return [client.getCollectionClient(group, collection).getRestorePointClient(name)];
}

/** A collection named for a command on its restore points (list, prune): `--collection-name` or `-n`. */
export function parentCollectionTargets(
  context: CliContext,
  client: RestorePointClient,
  positional: readonly (string | undefined)[],
  o: NameOptions,
): RestorePointCollectionClient[] {
  if (o.collectionName !== undefined && o.name !== undefined && o.collectionName !== o.name) {
    throw new UsageError("Give the collection with --collection-name or -n, not both.");
  }
  return collectionTargets(context, client, positional, { ...o, name: o.collectionName ?? o.name });
}

export function diskRestorePointTargets(
  context: CliContext,
  client: RestorePointClient,
  positional: readonly (string | undefined)[],
  o: NameOptions,
): DiskRestorePointClient[] {
  const given = split(positional);
  const ids = [...given.ids, ...(o.ids ?? [])];
  if (given.names.length > 0) {
    throw new UsageError(`'${given.names[0] ?? ""}' is not an ARM id of a disk restore point.`);
  }
  if (ids.length > 0) {
    if (o.collectionName !== undefined || o.restorePointName !== undefined || o.name !== undefined) {
      throw new UsageError(MIXED);
    }
    return ids.map((id) => diskRestorePointFromId(client, id));
  }
  const names = fill(
    context,
    ["resource group (-g)", "collection name", "restore point name", "disk restore point name (-n)"],
    [],
    [o.resourceGroup, o.collectionName, o.restorePointName, o.name],
  );
  if (names === undefined) {
    throw new UsageError(
      "Name the disk restore point: its id, --ids <id>, or -g, --collection-name, --restore-point-name and -n.",
    );
  }
  const [group, collection, point, name] = names as [string, string, string, string];
  return [
    client
      .getCollectionClient(group, collection)
      .getRestorePointClient(point)
      .getDiskRestorePointClient(name),
  ];
}
