/**
 * Turns ARM ids given on the command line into SDK sub-clients, with a usage error (not a stack
 * trace) when an id is not of the expected kind.
 */
import {
  parseResourceId,
  type DiskRestorePointClient,
  type RestorePointClient,
  type VmRestorePointClient,
} from "../index.js";
import { UsageError } from "./exitCodes.js";

function parse(id: string, what: string): ReturnType<typeof parseResourceId> {
  try {
    return parseResourceId(id);
  } catch {
    throw new UsageError(`'${id}' is not an ARM id of a ${what}.`);
  }
}

export function restorePointFromId(client: RestorePointClient, id: string): VmRestorePointClient {
  const parts = parse(id, "restore point");
  if (
    parts.resourceGroup === undefined ||
    parts.collectionName === undefined ||
    parts.restorePointName === undefined ||
    parts.diskRestorePointName !== undefined
  ) {
    throw new UsageError(
      `'${id}' is not the id of a restore point (…/restorePointCollections/<c>/restorePoints/<r>).`,
    );
  }
  return client
    .getCollectionClient(parts.resourceGroup, parts.collectionName)
    .getRestorePointClient(parts.restorePointName);
}

export function diskRestorePointFromId(client: RestorePointClient, id: string): DiskRestorePointClient {
  const parts = parse(id, "disk restore point");
  if (
    parts.resourceGroup === undefined ||
    parts.collectionName === undefined ||
    parts.restorePointName === undefined ||
    parts.diskRestorePointName === undefined
  ) {
    throw new UsageError(
      `'${id}' is not the id of a disk restore point (…/restorePoints/<r>/diskRestorePoints/<d>).`,
    );
  }
  return client
    .getCollectionClient(parts.resourceGroup, parts.collectionName)
    .getRestorePointClient(parts.restorePointName)
    .getDiskRestorePointClient(parts.diskRestorePointName);
}
