import { RG_PATH, SUBSCRIPTION } from "./fakeHttpClient.js";

/** ARM JSON shaped like the recorded traffic (azure-cli / azure-sdk-for-net / go recordings). */

export const VM_ID = `${RG_PATH}/virtualMachines/vm1`;
export const OS_DISK_ID = `${RG_PATH}/disks/vm1_OsDisk_1`;
export const DATA_DISK_ID = `${RG_PATH}/disks/vm1_DataDisk_0`;

export function collectionUrlPath(name = "rpc1"): string {
  return `${RG_PATH}/restorePointCollections/${name}`;
}

export function restorePointId(name = "rp1", collection = "rpc1"): string {
  return `${collectionUrlPath(collection)}/restorePoints/${name}`;
}

export function collectionBody(name = "rpc1", extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    id: collectionUrlPath(name),
    type: "Microsoft.Compute/restorePointCollections",
    location: "westeurope",
    tags: { team: "infra" },
    properties: {
      source: { id: VM_ID, location: "westeurope" },
      restorePointCollectionId: "59f04a5d-f783-4200-a1bd-d3f464e8c4b4",
      provisioningState: "Succeeded",
      instantAccess: false,
    },
    ...extra,
  };
}

export interface RestorePointBodyOptions {
  collection?: string;
  provisioningState?: string;
  timeCreated?: string;
  /** Disk restore point ids present (absent while Creating). */
  withDiskRestorePoints?: boolean;
  sourceRestorePointId?: string;
  /** Per-disk [code, percent] for an instance view, OS disk first. */
  replication?: Array<[string, number]>;
}

export function restorePointBody(name = "rp1", o: RestorePointBodyOptions = {}): Record<string, unknown> {
  const collection = o.collection ?? "rpc1";
  const id = restorePointId(name, collection);
  const osDrp = `${id}/diskRestorePoints/vm1_OsDisk_1_22b4bdfe-6c54-4f72-84d8-85d8860f0c57`;
  const dataDrp = `${id}/diskRestorePoints/vm1_DataDisk_0_68785190-1acb-4d5e-a8ae-705b45f3dca5`;
  const withDrps = o.withDiskRestorePoints ?? true;
  const properties: Record<string, unknown> = {
    excludeDisks: [],
    sourceMetadata: {
      vmId: "76d6541e-80bd-4dc1-932b-3cae4cfb80e7",
      hardwareProfile: { vmSize: "Standard_D2s_v5" },
      storageProfile: {
        osDisk: {
          osType: "Linux",
          name: "vm1_OsDisk_1",
          caching: "ReadWrite",
          diskSizeGB: 30,
          managedDisk: { storageAccountType: "Premium_LRS", id: OS_DISK_ID },
          ...(withDrps
            ? { diskRestorePoint: { encryption: { type: "EncryptionAtRestWithPlatformKey" }, id: osDrp } }
            : {}),
        },
        dataDisks: [
          {
            lun: 0,
            name: "vm1_DataDisk_0",
            caching: "None",
            diskSizeGB: 90,
            managedDisk: { storageAccountType: "Premium_LRS", id: DATA_DISK_ID },
            ...(withDrps ? { diskRestorePoint: { id: dataDrp } } : {}),
          },
        ],
        diskControllerType: "SCSI",
      },
      location: "westeurope",
      hyperVGeneration: "V2",
    },
    provisioningState: o.provisioningState ?? "Succeeded",
    consistencyMode: "FileSystemConsistent",
    timeCreated: o.timeCreated ?? "2026-11-25T08:00:00.1234567+00:00",
  };
  if (o.sourceRestorePointId !== undefined) properties["sourceRestorePoint"] = { id: o.sourceRestorePointId };
  if (o.replication !== undefined) {
    const ids = [osDrp, dataDrp];
    properties["instanceView"] = {
      diskRestorePoints: o.replication.map(([code, percent], i) => ({
        id: ids[i],
        replicationStatus: {
          status: { code, level: "Info", displayStatus: code.split("/")[1] },
          completionPercent: percent,
        },
      })),
      statuses: [],
    };
  }
  return { name, id, properties };
}

export const OPERATION_URL =
  `https://management.azure.com/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Compute/locations/westeurope/operations/` +
  "4f2d1b5e-0000-4000-8000-000000000001";

/** A recorded-style signed Azure-AsyncOperation URL (signature parameters must be sent back verbatim). */
export const SIGNED_OPERATION_URL =
  `${OPERATION_URL}?p=571046f6-b640-41c1-86f7-f9f044b5adf9&api-version=2025-04-01&t=638334295046154421` +
  "&c=MIIHADCCBeigAwIBAgITfwHP%2Bj0m+abc/def==&s=Sig-Value_with%2Bplus==&h=Q3r4Ab5";
