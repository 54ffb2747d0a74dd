import type { ArmJson, Complete, DiskSku } from "./common.js";
import { idParts } from "./common.js";
import type { WireDisk } from "./wire/disk.js";
import { num, obj, str, strings } from "./wire/read.js";

/**
 * A managed disk, e.g. one restored from a disk restore point. A plain frozen object; members the
 * service did not report are `undefined`.
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
  readonly sku?: DiskSku;
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
  const wire: WireDisk = body;
  const id = str(wire.id) ?? "";
  const parts = idParts(id);
  const properties = obj(wire.properties);
  const creationData = obj(properties?.creationData);
  const disk: Complete<ManagedDisk> = {
    id,
    name: str(wire.name) ?? parts.diskName ?? "",
    resourceGroup: parts.resourceGroup ?? "",
    location: str(wire.location) ?? "",
    sizeGB: num(properties?.diskSizeGB),
    sku: str(obj(wire.sku)?.name),
    zone: strings(wire.zones)[0],
    sourceResourceId: str(creationData?.sourceResourceId),
    createOption: str(creationData?.createOption),
    provisioningState: str(properties?.provisioningState),
    diskState: str(properties?.diskState),
    raw: Object.freeze(body),
  };
  return Object.freeze(disk);
}
