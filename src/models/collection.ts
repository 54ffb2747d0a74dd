import { booleanAt, objectAt, setIfDefined, stringAt, stringMapAt } from "../internal/json.js";
import type { ArmJson } from "./common.js";
import { idParts } from "./common.js";

/**
 * A restore point collection: the container of a VM's restore points, in the VM's region (or, as
 * the target of a cross-region copy, in the target region with the source collection as source).
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
  const id = stringAt(body, "id") ?? "";
  const properties = objectAt(body, "properties");
  const source = objectAt(properties, "source");
  const result: Record<string, unknown> = {
    id,
    name: stringAt(body, "name") ?? idParts(id).collectionName ?? "",
    location: stringAt(body, "location") ?? "",
    resourceGroup: idParts(id).resourceGroup ?? "",
    tags: stringMapAt(body, "tags"),
    raw: Object.freeze(body),
  };
  setIfDefined(result, "sourceId", stringAt(source, "id"));
  setIfDefined(result, "sourceLocation", stringAt(source, "location"));
  setIfDefined(result, "provisioningState", stringAt(properties, "provisioningState"));
  setIfDefined(result, "instantAccess", booleanAt(properties, "instantAccess"));
  setIfDefined(result, "restorePointCollectionId", stringAt(properties, "restorePointCollectionId"));
  return Object.freeze(result) as unknown as RestorePointCollection;
}
