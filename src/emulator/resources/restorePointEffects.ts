/**
 * What happens when a restore point's create or copy operation completes: the disk restore points
 * come into being (named `<disk>_<guid>` as the service names them) and their ids are stamped into
 * `sourceMetadata`, which is why the create response has no ids and later GETs do.
 */
import { randomUUID } from "node:crypto";
import type { HandlerContext } from "../http.js";
import { OperationFailure, type OperationEngine } from "../operations.js";
import { keyOf, type DiskRestorePointRecord, type EmulatorState, type RestorePointRecord } from "../state.js";
import { metadataDiskEntries } from "./restorePointModel.js";
import type { ReplicationFaults } from "./replication.js";
import { applyRequestedEncryption } from "./restorePointEncryption.js";

function fail(point: RestorePointRecord, code: string, message: string): never {
  point.provisioningState = "Failed";
  throw new OperationFailure(code, message);
}

function diskRestorePointName(diskName: string): string {
  return `${diskName}_${randomUUID()}`;
}

/** Completes a capture: its disk restore points come into being; throws {@link OperationFailure}. */
export function completeCapture(state: EmulatorState, point: RestorePointRecord): void {
  const vm = state.virtualMachines[keyOf(point.sourceVmId)];
  if (vm === undefined) {
    fail(
      point,
      "OperationNotAllowed",
      "The virtual machine was deleted while 'Create Restore Point' was in progress.",
    );
  }
  // Any update of the VM (a disk attached, detached or resized, a new size) changes its model;
  // the service then refuses to finish the restore point rather than capture a mix.
  if (point.vmModelSequence !== undefined && vm.entitySequence !== point.vmModelSequence) {
    fail(
      point,
      "OperationNotAllowed",
      "The VM model changed while 'Create Restore Point' was in progress. Retry the operation.",
    );
  }
  const created: DiskRestorePointRecord[] = [];
  for (const entry of metadataDiskEntries(point.sourceMetadata)) {
    const managed = entry.managedDisk as { id?: string } | undefined;
    const disk = managed?.id === undefined ? undefined : state.disks[keyOf(managed.id)];
    if (disk === undefined) {
      fail(
        point,
        "OperationNotAllowed",
        `The virtual machine changed while 'Create Restore Point' was in progress: disk '${String(entry.name)}' is gone.`,
      );
    }
    const name = diskRestorePointName(disk.name);
    const record: DiskRestorePointRecord = {
      id: `${point.id}/diskRestorePoints/${name}`,
      name,
      restorePointId: point.id,
      location: point.location,
      sourceResourceId: disk.id,
      sourceDiskId: disk.id,
      sourceUniqueId: disk.uniqueId,
      sizeGB: disk.sizeGB,
      sku: disk.sku,
      isOsDisk: entry.osType !== undefined,
      caching: (entry.caching as DiskRestorePointRecord["caching"] | undefined) ?? "None",
      familyId: randomUUID(),
      timeCreated: point.timeCreated,
      encryptionType: disk.encryptionType,
      networkAccessPolicy: disk.networkAccessPolicy,
    };
    if (typeof entry.lun === "number") record.lun = entry.lun;
    if (disk.osType !== undefined) record.osType = disk.osType;
    if (disk.hyperVGeneration !== undefined) record.hyperVGeneration = disk.hyperVGeneration;
    if (disk.diskEncryptionSetId !== undefined) record.diskEncryptionSetId = disk.diskEncryptionSetId;
    if (disk.sku === "UltraSSD_LRS" || disk.sku === "PremiumV2_LRS") record.logicalSectorSize = 4096;
    created.push(record);
    entry.diskRestorePoint = {
      encryption: applyRequestedEncryption(record, point.requestedEncryption),
      id: record.id,
    };
  }
  for (const record of created) state.diskRestorePoints[keyOf(record.id)] = record;
  point.diskRestorePointIds = created.map((d) => d.id);
  point.provisioningState = "Succeeded";
}

function completeCopy(
  state: EmulatorState,
  point: RestorePointRecord,
  context: HandlerContext,
  replicationFaults: ReplicationFaults,
): void {
  const source = state.restorePoints[keyOf(point.sourceRestorePointId ?? "")];
  if (source === undefined) {
    fail(point, "OperationNotAllowed", "The source restore point was deleted while the copy was starting.");
  }
  const created: DiskRestorePointRecord[] = [];
  const entries = metadataDiskEntries(point.sourceMetadata);
  for (const sourceId of source.diskRestorePointIds) {
    const sourceDisk = state.diskRestorePoints[keyOf(sourceId)];
    if (sourceDisk === undefined) continue;
    // The copy's metadata has no disk restore point ids yet: find the disk by its slot.
    const entry = entries.find((e) =>
      sourceDisk.isOsDisk ? e.osType !== undefined : e.lun === sourceDisk.lun,
    );
    const diskName =
      typeof entry?.name === "string" ? entry.name : sourceDisk.name.replace(/_[0-9a-f-]{36}$/i, "");
    const name = diskRestorePointName(diskName);
    const record: DiskRestorePointRecord = {
      ...structuredClone(sourceDisk),
      id: `${point.id}/diskRestorePoints/${name}`,
      name,
      restorePointId: point.id,
      location: point.location,
      sourceResourceId: sourceDisk.id,
      sourceResourceLocation: source.location,
      familyId: randomUUID(),
      // Customer-key encrypted sources arrive platform-key encrypted unless a DES is chosen.
      encryptionType: "EncryptionAtRestWithPlatformKey",
    };
    Reflect.deleteProperty(record, "access");
    Reflect.deleteProperty(record, "diskEncryptionSetId");
    const encryption = applyRequestedEncryption(record, point.requestedEncryption);
    created.push(record);
    if (entry !== undefined) {
      entry.diskRestorePoint = {
        sourceDiskRestorePoint: { id: sourceDisk.id },
        encryption,
        id: record.id,
      };
    }
  }
  for (const record of created) state.diskRestorePoints[keyOf(record.id)] = record;
  point.diskRestorePointIds = created.map((d) => d.id);
  point.copy = {
    startedAt: context.now,
    durationMs: context.options.replicationDurationMs,
    failingDiskRestorePointIds: replicationFaults.take(created),
  };
  point.provisioningState = "Succeeded";
}

export function registerRestorePointEffects(
  engine: OperationEngine,
  replicationFaults: ReplicationFaults,
): void {
  const run =
    (complete: (state: EmulatorState, point: RestorePointRecord, context: HandlerContext) => void) =>
    (
      state: EmulatorState,
      effect: { targetId: string },
      outcome: { error?: { code: string; message: string } },
      context: HandlerContext,
    ) => {
      const point = state.restorePoints[keyOf(effect.targetId)];
      // Gone with its resource group while the operation ran: it did not complete.
      if (point === undefined) {
        throw new OperationFailure(
          "OperationNotAllowed",
          "The restore point was deleted while its creation was in progress.",
        );
      }
      Reflect.deleteProperty(point, "createOperationId");
      if (outcome.error !== undefined) {
        point.provisioningState = "Failed";
        return undefined;
      }
      complete(state, point, context);
      return undefined;
    };
  engine.register("restorePoint.create", run(completeCapture));
  engine.register(
    "restorePoint.copy",
    run((state, point, context) => {
      completeCopy(state, point, context, replicationFaults);
    }),
  );
}
