import { arrayAt, numberAt, objectAt, setIfDefined, stringAt } from "../internal/json.js";
import type { ArmJson, DiskSku } from "./common.js";
import { idParts } from "./common.js";

/**
 * A managed disk, e.g. one restored from a disk restore point.
 *
 * @public
 */
export interface ManagedDisk {
  /** ARM id. */
  readonly id: string;
  /** Disk name. */
  readonly name: string;
  /** Resource group. */
  readonly resourceGroup: string;
  /** Region. */
  readonly location: string;
  /** Size in GiB. */
  readonly sizeGB?: number;
  /** Storage SKU. */
  readonly sku?: DiskSku | (string & {});
  /** Availability zone, when zonal. */
  readonly zone?: string;
  /** What it was created from, e.g. the disk restore point id. */
  readonly sourceResourceId?: string;
  /** How it was created, e.g. `Restore`. */
  readonly createOption?: string;
  /** ARM provisioning state. */
  readonly provisioningState?: string;
  /** `Unattached`, `Attached`, `ActiveSAS`... */
  readonly diskState?: string;
  /** The response body as ARM sent it. */
  readonly raw: ArmJson;
}

/** Maps an ARM `Disk` body. */
export function toManagedDisk(body: ArmJson): ManagedDisk {
  const id = stringAt(body, "id") ?? "";
  const properties = objectAt(body, "properties");
  const creationData = objectAt(properties, "creationData");
  const zone = arrayAt(body, "zones").find((z): z is string => typeof z === "string");
  const result: Record<string, unknown> = {
    id,
    name: stringAt(body, "name") ?? idParts(id).diskName ?? "",
    resourceGroup: idParts(id).resourceGroup ?? "",
    location: stringAt(body, "location") ?? "",
    raw: Object.freeze(body),
  };
  setIfDefined(result, "sizeGB", numberAt(properties, "diskSizeGB"));
  setIfDefined(result, "sku", stringAt(objectAt(body, "sku"), "name"));
  setIfDefined(result, "zone", zone);
  setIfDefined(result, "sourceResourceId", stringAt(creationData, "sourceResourceId"));
  setIfDefined(result, "createOption", stringAt(creationData, "createOption"));
  setIfDefined(result, "provisioningState", stringAt(properties, "provisioningState"));
  setIfDefined(result, "diskState", stringAt(properties, "diskState"));
  return Object.freeze(result) as unknown as ManagedDisk;
}
