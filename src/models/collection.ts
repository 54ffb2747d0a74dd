import type { ArmJson, Complete } from "./common.js";
import { idParts } from "./common.js";
import { bool, obj, str, stringMap } from "./wire/read.js";
import type { WireRestorePointCollection } from "./wire/restorePoint.js";

/**
 * A restore point collection: the container of a VM's restore points, in the VM's region (or, as
 * the target of a cross-region copy, in the target region with the source collection as source).
 * A plain frozen object; members the service did not report are `undefined`.
 *
 * @public
 */
export interface RestorePointCollection {
  /** ARM id. */
  readonly id: string;
  /** Collection name. */
  readonly name: string;
  /** Region of the collection, as ARM returned it. */
  readonly location: string;
  /** Resource group, taken from the id (ARM sometimes upper-cases it in lists). */
  readonly resourceGroup: string;
  /** The VM the collection captures, or the source collection of a cross-region copy target. */
  readonly sourceId?: string;
  /** Region of the source. */
  readonly sourceLocation?: string;
  /** ARM provisioning state, e.g. `Succeeded` or `Deleting`. */
  readonly provisioningState?: string;
  /** Resource tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** Whether instant-access snapshots are enabled (api-version 2025-04-01 and later). */
  readonly instantAccess?: boolean;
  /** The service's GUID for the collection. */
  readonly restorePointCollectionId?: string;
  /** The response body as ARM sent it. */
  readonly raw: ArmJson;
}

/** Maps an ARM `RestorePointCollection` body. */
export function toRestorePointCollection(body: ArmJson): RestorePointCollection {
  const wire: WireRestorePointCollection = body;
  const id = str(wire.id) ?? "";
  const parts = idParts(id);
  const properties = obj(wire.properties);
  const source = obj(properties?.source);
  const collection: Complete<RestorePointCollection> = {
    id,
    name: str(wire.name) ?? parts.collectionName ?? "",
    location: str(wire.location) ?? "",
    resourceGroup: parts.resourceGroup ?? "",
    sourceId: str(source?.id),
    sourceLocation: str(source?.location),
    provisioningState: str(properties?.provisioningState),
    tags: stringMap(wire.tags),
    instantAccess: bool(properties?.instantAccess),
    restorePointCollectionId: str(properties?.restorePointCollectionId),
    raw: Object.freeze(body),
  };
  return Object.freeze(collection);
}
