/** Request bodies of the VM and NIC a restore creates. */
import type { JsonObject } from "../internal/json.js";
import type { RestorePointSourceMetadata } from "../models/sourceMetadata.js";
import type { SourceDisk } from "./restorePointSource.js";

/** A restored disk and the restore point disk it came from. */
export interface RestoredDisk {
  readonly id: string;
  readonly source: SourceDisk;
}

/** What the new VM is built from. */
export interface RestoredVmSpec {
  readonly location: string;
  readonly zone: string | undefined;
  readonly vmSize: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly metadata: RestorePointSourceMetadata;
  readonly osDisk: RestoredDisk;
  readonly dataDisks: readonly RestoredDisk[];
  readonly networkInterfaceIds: readonly string[];
}

/**
 * The PUT body of a VM around restored disks: every disk attached (`createOption: Attach`) at its
 * original LUN with its original caching, and the settings the restore point recorded. No
 * `osProfile`: Azure refuses one for a VM whose OS disk is attached, the OS is already configured.
 */
export function restoredVmBody(spec: RestoredVmSpec): JsonObject {
  const { metadata } = spec;
  const properties: Record<string, unknown> = {
    hardwareProfile: { vmSize: spec.vmSize },
    storageProfile: {
      osDisk: {
        ...(metadata.osType === undefined ? {} : { osType: metadata.osType }),
        createOption: "Attach",
        ...diskSettings(spec.osDisk),
      },
      dataDisks: spec.dataDisks.map((disk) => ({
        lun: disk.source.lun,
        createOption: "Attach",
        ...diskSettings(disk),
      })),
      ...(metadata.diskControllerType === undefined
        ? {}
        : { diskControllerType: metadata.diskControllerType }),
    },
    networkProfile: {
      networkInterfaces: spec.networkInterfaceIds.map((id, index) =>
        spec.networkInterfaceIds.length > 1 ? { id, properties: { primary: index === 0 } } : { id },
      ),
    },
  };
  // Trusted launch / confidential settings, license and user data come back as they were recorded.
  if (metadata.securityProfile !== undefined) properties["securityProfile"] = clone(metadata.securityProfile);
  if (metadata.licenseType !== undefined) properties["licenseType"] = metadata.licenseType;
  if (metadata.userData !== undefined) properties["userData"] = metadata.userData;
  if (metadata.diagnosticsProfile !== undefined) {
    properties["diagnosticsProfile"] = clone(metadata.diagnosticsProfile);
  }
  return {
    location: spec.location,
    tags: { ...spec.tags },
    ...(spec.zone === undefined ? {} : { zones: [spec.zone] }),
    properties,
  };
}

function diskSettings(disk: RestoredDisk): Record<string, unknown> {
  return {
    ...(disk.source.caching === undefined ? {} : { caching: disk.source.caching }),
    ...(disk.source.writeAcceleratorEnabled === true ? { writeAcceleratorEnabled: true } : {}),
    managedDisk: { id: disk.id },
  };
}

/** The PUT body of a NIC with one dynamic IP configuration in `subnetId`. */
export function networkInterfaceBody(
  location: string,
  subnetId: string,
  tags: Readonly<Record<string, string>>,
): JsonObject {
  return {
    location,
    tags: { ...tags },
    properties: {
      ipConfigurations: [
        { name: "ipconfig1", properties: { subnet: { id: subnetId }, privateIPAllocationMethod: "Dynamic" } },
      ],
    },
  };
}

function clone(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
