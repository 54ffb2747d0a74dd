/**
 * `vmrp disk-restore-point show|grant-access|revoke-access|restore-disk`, addressed by ARM id (list
 * them with `vmrp restore-point disks`) or by names.
 */
import type { Command } from "commander";
import type { DiskAccess, DiskSku, ManagedDisk } from "../../index.js";
import { ACCESS_LEVEL_CHOICES, DISK_SKU_CHOICES, FILE_FORMAT_CHOICES, knownValues } from "../choices.js";
import type { CliContext } from "../context.js";
import { runLro } from "../lro.js";
import { diskRestorePointTargets, withDiskRestorePointNames, type NameOptions } from "../names.js";
import { parseInteger, parseOpenChoice, parseTags } from "../parsers.js";
import { diskRestorePointColumns, one, plain } from "../view.js";

interface RestoreDiskOptions {
  ids?: string[];
  diskName: string;
  resourceGroup?: string;
  location?: string;
  sku?: DiskSku;
  zone?: string;
  diskEncryptionSet?: string;
  tags?: string[];
  allowIncomplete?: boolean;
  wait: boolean;
}

export function registerDiskRestorePointCommands(program: Command, context: CliContext): void {
  const group = program
    .command("disk-restore-point")
    .description("Disk restore points: SAS access and restoring disks.");

  withDiskRestorePointNames(group.command("show [diskRestorePointId]"))
    .description("Show a disk restore point, with replication state for copies.")
    .action(async (id: string | undefined, o: NameOptions) => {
      const found = [];
      for (const point of diskRestorePointTargets(context, await context.client(), [id], o)) {
        context.setTarget(point.id);
        found.push(await point.get());
      }
      context.printer.rows(found, diskRestorePointColumns, one(found.map(plain)));
    });

  withDiskRestorePointNames(group.command("grant-access [diskRestorePointId]"))
    .description(
      "Grant a time-limited SAS to read the disk restore point. Prints only the URL on stdout (the guest " +
        "state URLs on further lines with --guest-state), the expiry on stderr; --output json prints all as " +
        "JSON. It always waits: the SAS is the operation's result.",
    )
    .requiredOption(
      "--duration <seconds>",
      "lifetime of the SAS, 1..5184000",
      parseInteger("--duration", 1, 5_184_000),
    )
    .option(
      "--access <level>",
      `Read or Write (${knownValues(ACCESS_LEVEL_CHOICES)})`,
      parseOpenChoice("--access", ACCESS_LEVEL_CHOICES),
      "Read",
    )
    .option(
      "--file-format <format>",
      `VHD or VHDX (${knownValues(FILE_FORMAT_CHOICES)})`,
      parseOpenChoice("--file-format", FILE_FORMAT_CHOICES),
    )
    .option("--guest-state", "also return a SAS for the VM guest state (trusted launch / confidential VMs)")
    .addHelpText(
      "after",
      "\nExample:\n  $ vmrp disk-restore-point grant-access /subscriptions/.../diskRestorePoints/web_OsDisk_1_... --duration 3600",
    )
    .action(
      async (
        id: string | undefined,
        o: NameOptions & {
          duration: number;
          access: "Read" | "Write";
          fileFormat?: "VHD" | "VHDX";
          guestState?: boolean;
        },
      ) => {
        const granted: { id: string; access: DiskAccess }[] = [];
        for (const point of diskRestorePointTargets(context, await context.client(), [id], o)) {
          context.setTarget(point.id);
          const poller = point.beginGrantAccess({
            abortSignal: context.abortSignal(),
            durationInSeconds: o.duration,
            access: o.access,
            ...(o.fileFormat === undefined ? {} : { fileFormat: o.fileFormat }),
            ...(o.guestState === true ? { includeVmGuestState: true } : {}),
          });
          const access = await runLro(context, poller, {
            noWait: false,
            what: `a SAS grant on ${point.id}`,
            resume: ["disk-restore-point", "revoke-access", "--ids", point.id],
          });
          if (access !== undefined) granted.push({ id: point.id, access });
        }
        const urls = granted.flatMap(({ access }) =>
          [access.accessSas, access.securityDataAccessSas, access.securityMetadataAccessSas].filter(
            (url): url is string => url !== undefined,
          ),
        );
        context.printer.bare(
          urls,
          one(
            granted.map(({ id: grantedId, access }) => ({
              ...(granted.length > 1 ? { id: grantedId } : {}),
              accessSas: access.accessSas,
              securityDataAccessSas: access.securityDataAccessSas,
              securityMetadataAccessSas: access.securityMetadataAccessSas,
              expiresOn: access.expiresOn,
            })),
          ),
        );
        for (const { access } of granted) {
          context.printer.aside(
            `SAS expires ${access.expiresOn.toISOString()}; revoke it with revoke-access.`,
          );
        }
      },
    );

  withDiskRestorePointNames(group.command("revoke-access [diskRestorePointId]"))
    .description("Revoke the SAS of a disk restore point.")
    .option("--no-wait", "return once Azure has accepted the request")
    .action(async (id: string | undefined, o: NameOptions & { wait: boolean }) => {
      const revoked = [];
      for (const point of diskRestorePointTargets(context, await context.client(), [id], o)) {
        context.setTarget(point.id);
        await runLro(context, point.beginRevokeAccess({ abortSignal: context.abortSignal() }), {
          noWait: !o.wait,
          what: `the SAS revocation of ${point.id}`,
          resume: ["disk-restore-point", "revoke-access", "--ids", point.id],
        });
        revoked.push({ revoked: point.id });
      }
      context.printer.rows(revoked, [{ header: "REVOKED", value: (r) => r.revoked }], one(revoked));
    });

  group
    .command("restore-disk [diskRestorePointId]")
    .description("Create a managed disk from a disk restore point (named by its id, or by --ids).")
    .option("--ids <id...>", "ARM ids of one or more disk restore points")
    .requiredOption("--disk-name <name>", "name of the new managed disk")
    .option("-g, --resource-group <name>", "resource group of the new disk (default: the restore point's)")
    .option("-l, --location <region>", "region of the new disk (default: the restore point's)")
    .option(
      "--sku <sku>",
      `disk SKU (${knownValues(DISK_SKU_CHOICES)})`,
      parseOpenChoice("--sku", DISK_SKU_CHOICES),
    )
    .option("--zone <zone>", "availability zone")
    .option("--disk-encryption-set <id>", "encrypt the new disk with this disk encryption set")
    .option("--tags <key=value...>", "tags of the new disk, space-separated")
    .option("--allow-incomplete", "restore even if a cross-region copy has not finished replicating")
    .option("--no-wait", "return once Azure has accepted the request")
    .addHelpText(
      "after",
      "\nExample:\n  $ vmrp disk-restore-point restore-disk --ids /subscriptions/.../diskRestorePoints/web_OsDisk_1_... --disk-name web-os",
    )
    .action(async (id: string | undefined, o: RestoreDiskOptions) => {
      const targets = diskRestorePointTargets(context, await context.client(), [id], {
        ...(o.ids === undefined ? {} : { ids: o.ids }),
      });
      const tags = parseTags(o.tags);
      const disks: (ManagedDisk | { id: string; provisioningState: string })[] = [];
      for (const point of targets) {
        context.setTarget(point.id);
        const poller = point.beginRestoreDisk({
          abortSignal: context.abortSignal(),
          diskName: o.diskName,
          ...(o.resourceGroup === undefined ? {} : { resourceGroup: o.resourceGroup }),
          ...(o.location === undefined ? {} : { location: o.location }),
          ...(o.sku === undefined ? {} : { sku: o.sku }),
          ...(o.zone === undefined ? {} : { zone: o.zone }),
          ...(o.diskEncryptionSet === undefined ? {} : { diskEncryptionSetId: o.diskEncryptionSet }),
          ...(tags === undefined ? {} : { tags }),
          ...(o.allowIncomplete === true ? { allowIncompleteReplication: true } : {}),
        });
        const disk = await runLro(context, poller, {
          noWait: !o.wait,
          what: `the restore of disk '${o.diskName}' from ${point.id}`,
          resume: ["disk-restore-point", "show", "--ids", point.id],
        });
        disks.push(disk ?? { id: o.diskName, provisioningState: "Creating" });
      }
      context.printer.rows(
        disks,
        [
          { header: "NAME", value: (d) => ("name" in d ? d.name : d.id) },
          { header: "LOCATION", value: (d) => ("location" in d ? d.location : undefined) },
          { header: "SIZE GB", value: (d) => ("sizeGB" in d ? d.sizeGB : undefined) },
          { header: "SKU", value: (d) => ("sku" in d ? d.sku : undefined) },
          { header: "STATE", value: (d) => ("provisioningState" in d ? d.provisioningState : "Succeeded") },
          { header: "ID", value: (d) => d.id },
        ],
        one(disks.map((d) => ("raw" in d ? plain(d) : d))),
      );
    });
}
