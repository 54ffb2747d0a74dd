/**
 * `vmrp restore-vm`: a new VM from a restore point (disks in parallel, NIC, VM), with step
 * progress; on failure everything this call created is deleted again unless --no-rollback.
 */
import type { Command } from "commander";
import type { DiskSku } from "../../index.js";
import { DISK_SKU_CHOICES } from "../choices.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exitCodes.js";
import { collect, parseChoice, parseInteger } from "../parsers.js";
import { createProgress } from "../progress.js";

interface RestoreVmCommandOptions {
  vmName: string;
  resourceGroup?: string;
  subnetId?: string;
  nicId?: string[];
  vmSize?: string;
  diskSku?: DiskSku;
  zone?: string;
  rollback: boolean;
  allowMissingDisks?: boolean;
  allowIncomplete?: boolean;
  concurrency?: number;
}

export function registerRestoreVmCommand(program: Command, context: CliContext): void {
  program
    .command("restore-vm <restorePointId>")
    .description("Create a new VM from a restore point: every disk restored in parallel, NIC, VM.")
    .requiredOption("--vm-name <name>", "name of the new VM")
    .option("--resource-group <name>", "resource group of the new VM (default: the restore point's)")
    .option("--subnet-id <id>", "subnet for a new NIC '<vm-name>-nic'")
    .option("--nic-id <id>", "existing NIC to attach instead, repeatable", collect)
    .option("--vm-size <size>", "VM size (default: the size recorded in the restore point)")
    .option(
      "--disk-sku <sku>",
      "SKU of the restored disks (default: each source disk's)",
      parseChoice("--disk-sku", DISK_SKU_CHOICES),
    )
    .option("--zone <zone>", "availability zone")
    .option("--no-rollback", "keep what was created if a step fails")
    .option("--allow-missing-disks", "restore even if some data disks were excluded from the restore point")
    .option("--allow-incomplete", "restore from a cross-region copy that has not finished replicating")
    .option("--concurrency <n>", "disks restored at once", parseInteger("--concurrency", 1, 64))
    .addHelpText(
      "after",
      "\nExample:\n  $ vmrp restore-vm /subscriptions/.../restorePoints/rp-1 --vm-name web-restored --subnet-id /subscriptions/.../subnets/default",
    )
    .action(async (restorePointId: string, o: RestoreVmCommandOptions) => {
      if ((o.subnetId === undefined) === (o.nicId === undefined))
        throw new UsageError("Give exactly one of --subnet-id and --nic-id.");
      const client = await context.client();
      const bar = createProgress(context.progressEnabled(), "restore-vm");
      try {
        const result = await client.restoreVm({
          restorePointId,
          vmName: o.vmName,
          rollbackOnFailure: o.rollback,
          ...(o.resourceGroup === undefined ? {} : { resourceGroup: o.resourceGroup }),
          ...(o.subnetId === undefined ? {} : { subnetId: o.subnetId }),
          ...(o.nicId === undefined ? {} : { networkInterfaceIds: o.nicId }),
          ...(o.vmSize === undefined ? {} : { vmSize: o.vmSize }),
          ...(o.diskSku === undefined ? {} : { diskSku: o.diskSku }),
          ...(o.zone === undefined ? {} : { zone: o.zone }),
          ...(o.allowMissingDisks === true ? { allowMissingDisks: true } : {}),
          ...(o.allowIncomplete === true ? { allowIncompleteReplication: true } : {}),
          ...(o.concurrency === undefined ? {} : { maxConcurrency: o.concurrency }),
          onProgress: (event) => {
            bar.update(event.percentComplete, event.step);
          },
        });
        bar.stop();
        context.printer.object(
          {
            vmId: result.vmId,
            osDiskId: result.osDiskId,
            dataDisks: result.dataDisks.map((d) => `LUN ${d.lun}: ${d.diskId.split("/").at(-1) ?? ""}`),
            networkInterfaceIds: result.networkInterfaceIds,
          },
          result,
        );
      } finally {
        bar.stop();
      }
    });
}
