import {
  validateDiskName,
  validateLroOptions,
  validateNonEmptyString,
  validateOpenEnum,
  validateOptionalBoolean,
  validateOptionalString,
  validateOptionalTags,
  validateResourceGroupName,
} from "../internal/validation.js";
import { DISK_SKUS, type DiskSku } from "../models/common.js";
import type { WireDisk } from "../models/wire/disk.js";
import { parseResourceIdOfType } from "../resourceId.js";
import type { BeginRestoreDiskOptions } from "./restoreDiskOptions.js";

/** `beginRestoreDisk` options after validation. */
export interface RestoreDiskRequest {
  readonly diskName: string;
  readonly resourceGroup: string;
  readonly location: string | undefined;
  readonly sku: DiskSku | undefined;
  readonly zone: string | undefined;
  readonly diskEncryptionSetId: string | undefined;
  readonly tags: Record<string, string> | undefined;
  readonly allowIncompleteReplication: boolean;
}

/** Validates `beginRestoreDisk` options; TypeError/RangeError before any request. */
export function normalizeRestoreDiskOptions(
  options: Partial<BeginRestoreDiskOptions>,
  defaultResourceGroup: string,
): RestoreDiskRequest {
  validateLroOptions(options);
  return {
    diskName: validateDiskName(options.diskName),
    resourceGroup:
      options.resourceGroup === undefined
        ? defaultResourceGroup
        : validateResourceGroupName(options.resourceGroup),
    location:
      options.location === undefined ? undefined : validateNonEmptyString(options.location, "location"),
    sku: validateOpenEnum(options.sku, "sku", DISK_SKUS),
    zone: validateOptionalString(options.zone, "zone"),
    diskEncryptionSetId:
      options.diskEncryptionSetId === undefined
        ? undefined
        : parseResourceIdOfType(
            options.diskEncryptionSetId,
            "diskEncryptionSetId",
            "Microsoft.Compute/diskEncryptionSets",
          ).id,
    tags: validateOptionalTags(options.tags),
    allowIncompleteReplication:
      validateOptionalBoolean(options.allowIncompleteReplication, "allowIncompleteReplication") === true,
  };
}

/**
 * The PUT body of a managed disk restored from a disk restore point (`createOption: Restore`, the
 * form Microsoft Learn documents and the azure-cli recording shows). Size, OS type and Hyper-V
 * generation are carried over from the source explicitly, so the new disk matches it even where
 * the service would otherwise fall back to a default.
 */
export function restoreDiskBody(
  request: RestoreDiskRequest,
  source: {
    readonly location: string;
    readonly sizeGB?: number | undefined;
    readonly osType?: string | undefined;
    readonly hyperVGeneration?: string | undefined;
  },
  diskRestorePointId: string,
): WireDisk {
  return {
    location: source.location,
    ...(request.sku === undefined ? {} : { sku: { name: request.sku } }),
    ...(request.zone === undefined ? {} : { zones: [request.zone] }),
    ...(request.tags === undefined ? {} : { tags: request.tags }),
    properties: {
      creationData: { createOption: "Restore", sourceResourceId: diskRestorePointId },
      ...(source.sizeGB === undefined ? {} : { diskSizeGB: source.sizeGB }),
      ...(source.osType === undefined ? {} : { osType: source.osType }),
      ...(source.hyperVGeneration === undefined ? {} : { hyperVGeneration: source.hyperVGeneration }),
      ...(request.diskEncryptionSetId === undefined
        ? {}
        : {
            encryption: {
              diskEncryptionSetId: request.diskEncryptionSetId,
              type: "EncryptionAtRestWithCustomerKey",
            },
          }),
    },
  };
}
