/**
 * Restores the disks of a restore point as managed disks (`createOption: Restore`), in parallel
 * with bounded concurrency, picking up finished disks of an interrupted run of the same restore.
 */
import { AbortError } from "@azure/abort-controller";
import type { AbortSignalLike } from "@azure/abort-controller";
import { delay } from "@azure/core-util";
import { DISK_SKUS } from "../models/common.js";
import { createRestoreDiskPoller } from "../disks/restoreDiskPoller.js";
import type { RestoreDiskSource } from "../disks/restoreDiskSource.js";
import type { ArmContext } from "../internal/armContext.js";
import { objectAt, stringAt } from "../internal/json.js";
import type { DiskSku } from "../models/common.js";
import { sameResourceId } from "../resourceId.js";
import { runBounded } from "./concurrency.js";
import { hasOperationTag } from "./operationTag.js";
import type { RestorePointRef } from "./restoreOptions.js";
import type { SourceDisk } from "./restorePointSource.js";
import { preflightError } from "./restorePointSource.js";
import type { CreatedResources } from "./rollback.js";
import { deleteAndConfirm, getIfExists, trackCreate } from "./rollback.js";

/** A disk to restore and what already stands at its name. */
export interface DiskTarget {
  readonly source: SourceDisk;
  readonly name: string;
  readonly id: string;
  /** A disk of this restore found at the name: finished, failed, or still being created. */
  readonly existing: "none" | "finished" | "failed" | "busy";
}

/**
 * Looks at every target name. A disk there that this restore did not make (no operation tag), or
 * that another VM uses, is a conflict: refused before anything is created.
 */
export async function findDiskTargets(
  ctx: ArmContext,
  wanted: ReadonlyArray<{ source: SourceDisk; name: string }>,
  init: {
    resourceGroup: string;
    operationId: string;
    allowedOwnerId: string;
    abortSignal: AbortSignalLike | undefined;
  },
): Promise<DiskTarget[]> {
  return Promise.all(
    wanted.map(async ({ source, name }): Promise<DiskTarget> => {
      const id = ctx.providerPath(init.resourceGroup, "Microsoft.Compute", "disks", name);
      const found = await getIfExists(ctx, id, init.abortSignal);
      if (found === undefined) return { source, name, id, existing: "none" };
      if (!hasOperationTag(found, init.operationId)) {
        throw preflightError(
          `Cannot restore: disk '${name}' already exists in resource group '${init.resourceGroup}' and was ` +
            "not made by this restore. Delete or rename it, or restore under another VM name.",
        );
      }
      const owner = stringAt(found, "managedBy");
      if (owner !== undefined && !sameResourceId(owner, init.allowedOwnerId)) {
        throw preflightError(
          `Cannot restore: disk '${name}' from an earlier run of this restore is now used by '${owner}'. Detach it first.`,
        );
      }
      return { source, name, id: stringAt(found, "id") ?? id, existing: diskState(found) };
    }),
  );
}

function diskState(disk: unknown): "finished" | "failed" | "busy" {
  const state = stringAt(objectAt(disk, "properties"), "provisioningState") ?? "Succeeded";
  if (/^succeeded$/i.test(state)) return "finished";
  return /^(failed|canceled)$/i.test(state) ? "failed" : "busy";
}

/** What {@link restoreDisks} needs besides the targets. */
export interface RestoreDisksInit {
  readonly restorePoint: RestorePointRef;
  readonly resourceGroup: string;
  readonly location: string;
  /** OS type and Hyper-V generation of the source VM, carried over to the restored OS disk. */
  readonly osType: string | undefined;
  readonly hyperVGeneration: string | undefined;
  readonly zone: string | undefined;
  readonly diskSku: DiskSku | undefined;
  readonly tags: Readonly<Record<string, string>>;
  readonly maxConcurrency: number;
  readonly updateIntervalInMs: number | undefined;
  readonly abortSignal: AbortSignalLike | undefined;
  readonly created: CreatedResources;
  readonly onStarted: (target: DiskTarget) => void;
  readonly onFinished: (target: DiskTarget) => void;
}

/**
 * Restores every target. After a failure or an abort no further disk starts, but the running
 * ones are awaited (deleting a disk that is still being created is not safe), so `created` holds
 * every disk made when this returns or throws.
 * @throws the first failure, or an AbortError when aborted before every disk was started
 */
export async function restoreDisks(
  targets: readonly DiskTarget[],
  ctx: ArmContext,
  init: RestoreDisksInit,
): Promise<void> {
  const run = await runBounded(
    targets,
    init.maxConcurrency,
    async (target) => {
      init.onStarted(target);
      await restoreOne(ctx, target, init);
      init.onFinished(target);
    },
    () => init.abortSignal?.aborted === true,
  );
  if (run.errors.length > 0) throw run.errors[0];
  if (run.skipped > 0) throw new AbortError("The restore was aborted");
}

async function restoreOne(ctx: ArmContext, target: DiskTarget, init: RestoreDisksInit): Promise<void> {
  let existing = target.existing;
  if (existing !== "none") init.created.add("disk", target.id);
  if (existing === "busy") existing = await waitUntilSettled(ctx, target.id, init.updateIntervalInMs);
  if (existing === "finished") return;
  // A failed restore holds no usable data; replace it rather than trust a retried PUT.
  if (existing === "failed" && !(await deleteAndConfirm(ctx, target.id, init.updateIntervalInMs))) {
    throw new Error(`Disk '${target.name}' from an earlier run failed and could not be deleted`);
  }
  init.created.remove(target.id);
  const { restorePoint } = init;
  const sku = init.diskSku ?? knownSku(target.source.storageAccountType);
  // What the disk inherits is known from the restore point read once for all disks; the
  // replication check was made then too.
  const source: RestoreDiskSource = {
    location: init.location,
    sizeGB: target.source.sizeGB,
    osType: target.source.isOsDisk ? init.osType : undefined,
    hyperVGeneration: target.source.isOsDisk ? init.hyperVGeneration : undefined,
  };
  const poller = createRestoreDiskPoller({
    ctx,
    request: {
      diskName: target.name,
      resourceGroup: init.resourceGroup,
      location: init.location,
      sku,
      zone: init.zone,
      diskEncryptionSetId: undefined,
      tags: { ...init.tags },
      allowIncompleteReplication: true,
    },
    diskRestorePointId: target.source.diskRestorePointId,
    sourceDescription:
      `disk restore point '${target.source.diskRestorePointName}' of restore point ` +
      `'${restorePoint.restorePointName}' in collection '${restorePoint.collectionName}' ` +
      `(resource group '${restorePoint.resourceGroup}')`,
    options: init.updateIntervalInMs === undefined ? {} : { updateIntervalInMs: init.updateIntervalInMs },
    source: () => Promise.resolve(source),
  });
  await trackCreate(ctx, init.created, "disk", target.id, poller);
}

function knownSku(value: string | undefined): DiskSku | undefined {
  return DISK_SKUS.find((sku) => sku.toLowerCase() === value?.toLowerCase());
}

/** Waits for a disk an interrupted run left being created (no abort: it must settle first). */
async function waitUntilSettled(
  ctx: ArmContext,
  id: string,
  updateIntervalInMs: number | undefined,
): Promise<"none" | "finished" | "failed"> {
  for (;;) {
    const disk = await getIfExists(ctx, id);
    if (disk === undefined) return "none";
    const state = diskState(disk);
    if (state !== "busy") return state;
    await delay(updateIntervalInMs ?? ctx.updateIntervalInMs);
  }
}
