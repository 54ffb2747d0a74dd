/**
 * Turns ARM ids given on the command line into SDK sub-clients, with a usage error (not a stack
 * trace) when an id is not of the expected kind. The SDK's `…ById` methods do the parsing, so an
 * id in another subscription reaches that subscription.
 */
import type {
  DiskRestorePointClient,
  RestorePointClient,
  RestorePointCollectionClient,
  VmRestorePointClient,
} from "../index.js";
import { UsageError } from "./exitCodes.js";

function asUsageError<T>(make: () => T, usage: string): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof TypeError) throw new UsageError(usage);
    throw e;
  }
}

export function collectionFromId(client: RestorePointClient, id: string): RestorePointCollectionClient {
  return asUsageError(
    () => client.getCollectionClientById(id),
    `'${id}' is not the id of a restore point collection (…/resourceGroups/<g>/providers/Microsoft.Compute/restorePointCollections/<c>).`,
  );
}

export function restorePointFromId(client: RestorePointClient, id: string): VmRestorePointClient {
  return asUsageError(
    () => client.getRestorePointClientById(id),
    `'${id}' is not the id of a restore point (…/restorePointCollections/<c>/restorePoints/<r>).`,
  );
}

export function diskRestorePointFromId(client: RestorePointClient, id: string): DiskRestorePointClient {
  return asUsageError(
    () => client.getDiskRestorePointClientById(id),
    `'${id}' is not the id of a disk restore point (…/restorePoints/<r>/diskRestorePoints/<d>).`,
  );
}
