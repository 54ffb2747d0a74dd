/**
 * `vmrp disk-restore-point show|grant-access|revoke-access|restore-disk`, addressed by ARM id
 * (list them with `vmrp restore-point disks`).
 */
import type { Command } from "commander";
import type { DiskSku } from "../../index.js";
import { DISK_SKU_CHOICES } from "../choices.js";
import type { CliContext } from "../context.js";
import { parseChoice, parseInteger } from "../parsers.js";
import { diskRestorePointFromId } from "../resolve.js";
import { diskRestorePointColumns, plain } from "../view.js";

export function registerDiskRestorePointCommands(program: Command, context: CliContext): void {
  const group = program
    .command("disk-restore-point")
    .description("Disk restore points: SAS access and restoring disks.");

  group
    .command("show <diskRestorePointId>")
    .description("Show a disk restore point, with replication state for copies.")
    .action(async (id: string) => {
      const found = await diskRestorePointFromId(await context.client(), id).get();
      context.printer.rows([found], diskRestorePointColumns, plain(found));
    });

  group
    .command("grant-access <diskRestorePointId>")
    .description(
      "Grant a time-limited SAS to read the disk restore point. Prints only the URL on stdout (the guest " +
        "state URL on a second line with --guest-state), the expiry on stderr; --output json prints all as JSON.",
    )
    .requiredOption(
      "--duration <seconds>",
      "lifetime of the SAS, 1..5184000",
      parseInteger("--duration", 1, 5_184_000),
    )
    .option("--access <level>", "Read or Write", parseChoice("--access", ["Read", "Write"] as const), "Read")
    .option("--file-format <format>", "VHD or VHDX", parseChoice("--file-format", ["VHD", "VHDX"] as const))
    .option("--guest-state", "also return a SAS for the VM guest state (trusted launch / confidential VMs)")
    .addHelpText(
      "after",
      "\nExample:\n  $ vmrp disk-restore-point grant-access /subscriptions/.../diskRestorePoints/web_OsDisk_1_... --duration 3600",
    )
    .action(
      async (
        id: string,
        o: { duration: number; access: "Read" | "Write"; fileFormat?: "VHD" | "VHDX"; guestState?: boolean },
      ) => {
        const access = await diskRestorePointFromId(await context.client(), id).beginGrantAccess({
          durationInSeconds: o.duration,
          access: o.access,
          ...(o.fileFormat === undefined ? {} : { fileFormat: o.fileFormat }),
          ...(o.guestState === true ? { includeVmGuestState: true } : {}),
        });
        const urls = [access.accessSas, access.securityDataAccessSas, access.securityMetadataAccessSas];
        context.printer.bare(
          urls.filter((url): url is string => url !== undefined),
          {
            accessSas: access.accessSas,
            securityDataAccessSas: access.securityDataAccessSas,
            securityMetadataAccessSas: access.securityMetadataAccessSas,
            expiresOn: access.expiresOn,
          },
        );
        context.printer.aside(`SAS expires ${access.expiresOn.toISOString()}; revoke it with revoke-access.`);
      },
    );

  group
    .command("revoke-access <diskRestorePointId>")
    .description("Revoke the SAS of a disk restore point.")
    .action(async (id: string) => {
      const point = diskRestorePointFromId(await context.client(), id);
      await point.beginRevokeAccess();
      context.printer.object({ revoked: point.id });
    });

  group
    .command("restore-disk <diskRestorePointId>")
    .description("Create a managed disk from a disk restore point.")
    .requiredOption("--disk-name <name>", "name of the new managed disk")
    .option("--resource-group <name>", "resource group of the new disk (default: the restore point's)")
    .option("--location <region>", "region of the new disk (default: the restore point's)")
    .option("--sku <sku>", "disk SKU", parseChoice("--sku", DISK_SKU_CHOICES))
    .option("--zone <zone>", "availability zone")
    .option("--allow-incomplete", "restore even if a cross-region copy has not finished replicating")
    .action(
      async (
        id: string,
        o: {
          diskName: string;
          resourceGroup?: string;
          location?: string;
          sku?: DiskSku;
          zone?: string;
          allowIncomplete?: boolean;
        },
      ) => {
        const disk = await diskRestorePointFromId(await context.client(), id).beginRestoreDisk({
          diskName: o.diskName,
          ...(o.resourceGroup === undefined ? {} : { resourceGroup: o.resourceGroup }),
          ...(o.location === undefined ? {} : { location: o.location }),
          ...(o.sku === undefined ? {} : { sku: o.sku }),
          ...(o.zone === undefined ? {} : { zone: o.zone }),
          ...(o.allowIncomplete === true ? { allowIncompleteReplication: true } : {}),
        });
        context.printer.object(
          { id: disk.id, name: disk.name, location: disk.location, sizeGB: disk.sizeGB, sku: disk.sku },
          plain(disk),
        );
      },
    );
}
