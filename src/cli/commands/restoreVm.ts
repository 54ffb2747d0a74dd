/**
 * `vmrp restore-vm`: a new VM from a restore point (disks in parallel, NIC, VM), with step
 * progress; on failure everything this call created is deleted again unless --no-rollback. With
 * `--in-place`, the restore point's disks replace those of an existing VM (asks first).
 *
 * A restore is re-runnable: after an interruption, the same command finds what the earlier run
 * made and goes on from there; the output says which resources it re-used. It has no `--no-wait`:
 * it is several operations in a row, not one that Azure runs on its own.
 */
import type { Command } from "commander";
import {
  parseResourceId,
  type DiskSku,
  type RestorePointClient,
  type RestoreVmProgressEvent,
} from "../../index.js";
import { DISK_SKU_CHOICES, knownValues } from "../choices.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exitCodes.js";
import { collect, parseInteger, parseOpenChoice, parseTags } from "../parsers.js";
import { createProgress } from "../progress.js";
import { collectionFromId } from "../resolve.js";

interface RestoreVmCommandOptions {
  ids?: string[];
  vmName?: string;
  resourceGroup?: string;
  subnetId?: string;
  nicId?: string[];
  vmSize?: string;
  diskSku?: DiskSku;
  zone?: string;
  tags?: string[];
  rollback: boolean;
  allowMissingDisks?: boolean;
  allowIncomplete?: boolean;
  concurrency?: number;
  inPlace?: boolean;
  vmId?: string;
  keepOriginalDisks: boolean;
  yes?: boolean;
}

/** The VM a restore point was taken of: its collection's source. */
async function sourceVmOf(client: RestorePointClient, restorePointId: string): Promise<string> {
  const parts = parseResourceId(restorePointId);
  const collectionId = restorePointId.slice(0, restorePointId.toLowerCase().lastIndexOf("/restorepoints/"));
  if (parts.restorePointName === undefined || collectionId === "") {
    throw new UsageError(`'${restorePointId}' is not the id of a restore point.`);
  }
  const source = (await collectionFromId(client, collectionId).get()).sourceId;
  if (source === undefined)
    throw new UsageError(`The collection of ${restorePointId} names no VM; pass --vm-id.`);
  return source;
}

export function registerRestoreVmCommand(program: Command, context: CliContext): void {
  program
    .command("restore-vm [restorePointId]")
    .description(
      "Create a new VM from a restore point: every disk restored in parallel, NIC, VM. With --in-place, " +
        "put the restore point's disks into the existing VM instead.",
    )
    .option("--ids <id...>", "ARM id of the restore point (instead of the argument)")
    .option("--vm-name <name>", "name of the new VM")
    .option("-g, --resource-group <name>", "resource group of the new VM (default: the restore point's)")
    .option("--subnet-id <id>", "subnet for a new NIC '<vm-name>-nic'")
    .option("--nic-id <id>", "existing NIC to attach instead, repeatable", collect)
    .option("--vm-size <size>", "VM size (default: the size recorded in the restore point)")
    .option(
      "--disk-sku <sku>",
      `SKU of the restored disks (default: each source disk's; ${knownValues(DISK_SKU_CHOICES)})`,
      parseOpenChoice("--disk-sku", DISK_SKU_CHOICES),
    )
    .option("--zone <zone>", "availability zone")
    .option("--tags <key=value...>", "tags for every resource the restore creates, space-separated")
    .option("--no-rollback", "keep what was created if a step fails")
    .option("--allow-missing-disks", "restore even if some data disks were excluded from the restore point")
    .option("--allow-incomplete", "restore from a cross-region copy that has not finished replicating")
    .option("--concurrency <n>", "disks restored at once", parseInteger("--concurrency", 1, 64))
    .option("--in-place", "replace the disks of an existing VM (asks first; -y to skip)")
    .option("--vm-id <id>", "with --in-place: the VM (default: the VM the restore point was taken of)")
    .option(
      "--no-keep-original-disks",
      "with --in-place: delete the replaced disks once the VM runs on the restored ones",
    )
    .option("-y, --yes", "do not ask for confirmation (--in-place)")
    .addHelpText(
      "after",
      "\nExamples:\n  $ vmrp restore-vm /subscriptions/.../restorePoints/rp-1 --vm-name web-restored --subnet-id /subscriptions/.../subnets/default\n  $ vmrp restore-vm --ids /subscriptions/.../restorePoints/rp-1 --in-place --yes",
    )
    .action(async (restorePointIdArg: string | undefined, o: RestoreVmCommandOptions) => {
      const ids = [...(restorePointIdArg === undefined ? [] : [restorePointIdArg]), ...(o.ids ?? [])];
      if (ids.length !== 1) throw new UsageError("Give exactly one restore point id (argument or --ids).");
      const restorePointId = ids[0] ?? "";
      context.setTarget(restorePointId);
      const tags = parseTags(o.tags);
      const client = await context.client();
      const bar = createProgress(context.progressEnabled(), "restore-vm");
      const onProgress = (event: RestoreVmProgressEvent): void => {
        bar.update(event.percentComplete, event.step);
      };
      context.setInterruptNotice(() => [
        "Resources this restore already made stay in Azure (each tagged with its operation id).",
        `Pick it up with the same command (it re-uses them): ${context.rerunCommand()}`,
      ]);
      try {
        if (o.inPlace === true) {
          if (o.vmName !== undefined || o.subnetId !== undefined || o.nicId !== undefined) {
            throw new UsageError(
              "--in-place restores into an existing VM: drop --vm-name, --subnet-id and --nic-id.",
            );
          }
          const vmId = o.vmId ?? (await sourceVmOf(client, restorePointId));
          await context.confirm(`Replace the disks of VM ${vmId} with those of ${restorePointId}?`, o.yes);
          const result = await client.restoreVmInPlace({
            abortSignal: context.abortSignal(),
            vmId,
            restorePointId,
            keepOriginalDisks: o.keepOriginalDisks,
            rollbackOnFailure: o.rollback,
            ...(o.diskSku === undefined ? {} : { diskSku: o.diskSku }),
            ...(o.allowIncomplete === true ? { allowIncompleteReplication: true } : {}),
            ...(o.concurrency === undefined ? {} : { maxConcurrency: o.concurrency }),
            ...(tags === undefined ? {} : { tags }),
            onProgress,
          });
          bar.stop();
          const reused = result.createdResourceIds.filter((id) => context.witness.existedBefore(id));
          reportReuse(context, reused);
          context.printer.object(
            {
              vmId: result.vmId,
              osDiskId: result.osDiskId,
              dataDisks: result.dataDisks.map((d) => `LUN ${d.lun}: ${d.diskId.split("/").at(-1) ?? ""}`),
              originalDiskIds: result.originalDiskIds,
            },
            { ...result, reusedResourceIds: reused },
          );
          return;
        }
        if (o.vmName === undefined) throw new UsageError("Give --vm-name (or --in-place).");
        if ((o.subnetId === undefined) === (o.nicId === undefined))
          throw new UsageError("Give exactly one of --subnet-id and --nic-id.");
        const result = await client.restoreVm({
          abortSignal: context.abortSignal(),
          restorePointId,
          vmName: o.vmName,
          rollbackOnFailure: o.rollback,
          ...(o.resourceGroup === undefined ? {} : { resourceGroup: o.resourceGroup }),
          ...(o.subnetId === undefined ? {} : { subnetId: o.subnetId }),
          ...(o.nicId === undefined ? {} : { networkInterfaceIds: o.nicId }),
          ...(o.vmSize === undefined ? {} : { vmSize: o.vmSize }),
          ...(o.diskSku === undefined ? {} : { diskSku: o.diskSku }),
          ...(o.zone === undefined ? {} : { zone: o.zone }),
          ...(tags === undefined ? {} : { tags }),
          ...(o.allowMissingDisks === true ? { allowMissingDisks: true } : {}),
          ...(o.allowIncomplete === true ? { allowIncompleteReplication: true } : {}),
          ...(o.concurrency === undefined ? {} : { maxConcurrency: o.concurrency }),
          onProgress,
        });
        bar.stop();
        const reused = result.createdResourceIds.filter((id) => context.witness.existedBefore(id));
        reportReuse(context, reused);
        context.printer.object(
          {
            vmId: result.vmId,
            osDiskId: result.osDiskId,
            dataDisks: result.dataDisks.map((d) => `LUN ${d.lun}: ${d.diskId.split("/").at(-1) ?? ""}`),
            networkInterfaceIds: result.networkInterfaceIds,
            reused: reused.length === 0 ? "nothing" : reused.map((id) => id.split("/").at(-1) ?? id),
          },
          { ...result, reusedResourceIds: reused },
        );
      } finally {
        bar.stop();
      }
    });
}

function reportReuse(context: CliContext, reused: readonly string[]): void {
  if (reused.length === 0) return;
  context.printer.warn(
    `Re-used ${reused.length} resource(s) of an earlier, interrupted run of this restore: ${reused.map((id) => id.split("/").at(-1) ?? id).join(", ")}`,
  );
}
