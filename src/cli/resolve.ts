/**
 * Turns ARM ids given on the command line into SDK sub-clients, with a usage error (not a stack
 * trace) when an id is not of the expected kind. Each kind goes through one small `*ById` function
 * so that switching to the SDK's own `get*ClientById` methods is a one-line change.
 */
import {
  parseResourceId,
  type DiskRestorePointClient,
  type RestorePointClient,
  type RestorePointCollectionClient,
  type VmRestorePointClient,
} from "../index.js";
import { UsageError } from "./exitCodes.js";

type Parsed = ReturnType<typeof parseResourceId>;

function parse(id: string, what: string): Parsed {
  try {
    return parseResourceId(id);
  } catch {
    throw new UsageError(`'${id}' is not an ARM id of a ${what}.`);
  }
}

function isCollection(p: Parsed): boolean {
  return p.resourceGroup !== undefined && p.collectionName !== undefined && p.restorePointName === undefined;
}

function isRestorePoint(p: Parsed): boolean {
  return (
    p.resourceGroup !== undefined &&
    p.collectionName !== undefined &&
    p.restorePointName !== undefined &&
    p.diskRestorePointName === undefined
  );
}

function isDiskRestorePoint(p: Parsed): boolean {
  return p.restorePointName !== undefined && p.diskRestorePointName !== undefined;
}

function collectionById(client: RestorePointClient, p: Parsed): RestorePointCollectionClient {
  return client.getCollectionClient(p.resourceGroup ?? "", p.collectionName ?? "");
}

function restorePointById(client: RestorePointClient, p: Parsed): VmRestorePointClient {
  return collectionById(client, p).getRestorePointClient(p.restorePointName ?? "");
}

function diskRestorePointById(client: RestorePointClient, p: Parsed): DiskRestorePointClient {
  return restorePointById(client, p).getDiskRestorePointClient(p.diskRestorePointName ?? "");
}

/** Ids of another subscription need the SDK's `get*ClientById` (not merged yet): say so clearly. */
function sameSubscription(client: RestorePointClient, p: Parsed, id: string): void {
  if (client.subscriptionId.toLowerCase() !== p.subscriptionId.toLowerCase()) {
    throw new UsageError(
      `'${id}' is in subscription ${p.subscriptionId}; pass --subscription ${p.subscriptionId} to work on it.`,
    );
  }
}

export function collectionFromId(client: RestorePointClient, id: string): RestorePointCollectionClient {
  const parts = parse(id, "restore point collection");
  if (!isCollection(parts)) {
    throw new UsageError(
      `'${id}' is not the id of a restore point collection (…/resourceGroups/<g>/providers/Microsoft.Compute/restorePointCollections/<c>).`,
    );
  }
  sameSubscription(client, parts, id);
  return collectionById(client, parts);
}

export function restorePointFromId(client: RestorePointClient, id: string): VmRestorePointClient {
  const parts = parse(id, "restore point");
  if (!isRestorePoint(parts)) {
    throw new UsageError(
      `'${id}' is not the id of a restore point (…/restorePointCollections/<c>/restorePoints/<r>).`,
    );
  }
  sameSubscription(client, parts, id);
  return restorePointById(client, parts);
}

export function diskRestorePointFromId(client: RestorePointClient, id: string): DiskRestorePointClient {
  const parts = parse(id, "disk restore point");
  if (!isDiskRestorePoint(parts) || parts.resourceGroup === undefined || parts.collectionName === undefined) {
    throw new UsageError(
      `'${id}' is not the id of a disk restore point (…/restorePoints/<r>/diskRestorePoints/<d>).`,
    );
  }
  sameSubscription(client, parts, id);
  return diskRestorePointById(client, parts);
}
