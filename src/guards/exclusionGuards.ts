/**
 * Which disks a capture includes: exclusions must name disks of the source VM, disks restore
 * points cannot capture must be excluded (or are, with `excludeUnsupportedDisks`), and at least
 * one disk must remain. Support follows SERVICE-RULES.md "Consistency and disk support".
 */
import type { UnsupportedDisk } from "../errors/unsupportedDiskError.js";
import { UnsupportedDiskError } from "../errors/unsupportedDiskError.js";
import { InvalidExclusionError } from "../errors/invalidExclusionError.js";
import type { RestorePointError } from "../errors/restorePointError.js";
import type { CaptureRequest, DiskFacts, VmFacts } from "./guardTypes.js";
import { sameId } from "./guardTypes.js";

const CRASH_UNSUPPORTED_SKUS = new Set(["ultrassd_lrs", "premiumv2_lrs"]);

/**
 * Why restore points of `mode` cannot capture `disk`, or undefined when they can.
 *
 * @param disk - the disk as the VM and disk resources describe it
 * @param mode - the requested consistency mode (undefined: application-consistent)
 */
export function unsupportedDiskReason(disk: DiskFacts, mode: string | undefined): string | undefined {
  if (disk.ephemeral) return "ephemeral OS disk";
  if (disk.unmanaged || disk.diskId === undefined) return "unmanaged disk";
  if (disk.maxShares !== undefined && disk.maxShares > 1) return `shared disk (maxShares ${disk.maxShares})`;
  if (mode === "CrashConsistent") {
    if (disk.sku !== undefined && CRASH_UNSUPPORTED_SKUS.has(disk.sku.toLowerCase())) {
      return `${disk.sku} disk in a crash-consistent restore point`;
    }
    if (disk.writeAcceleratorEnabled) return "write-accelerated disk in a crash-consistent restore point";
  }
  return undefined;
}

/** The outcome of the disk checks of a capture. */
export interface DiskSelection {
  /** Every disk id to send in `excludeDisks`: the caller's, then the automatically excluded ones. */
  readonly excludeDiskIds: readonly string[];
  /** Disks excluded because of `excludeUnsupportedDisks`, and why. */
  readonly autoExcluded: readonly UnsupportedDisk[];
  readonly violations: readonly RestorePointError[];
}

/**
 * Checks the exclusions and disk support of a capture of `vm`.
 *
 * @param vm - the source VM and its disks
 * @param request - the exclusions, `excludeUnsupportedDisks` and the consistency mode
 * @returns the disks to exclude and every violation found
 */
export function selectCaptureDisks(vm: VmFacts, request: CaptureRequest): DiskSelection {
  const violations: RestorePointError[] = [];
  const notAttached = request.excludeDiskIds.filter((id) => !vm.disks.some((d) => sameId(d.diskId, id)));
  if (notAttached.length > 0) {
    violations.push(
      new InvalidExclusionError({
        diskIds: notAttached,
        message:
          `Cannot create '${request.restorePointId}': excludeDiskIds names ${notAttached.map((d) => `'${d}'`).join(", ")}, ` +
          `which ${notAttached.length === 1 ? "is" : "are"} not attached to VM '${vm.id}'. Only disks of the source VM ` +
          `can be excluded; remove ${notAttached.length === 1 ? "it" : "them"} from excludeDiskIds.`,
      }),
    );
  }
  const isExcluded = (disk: DiskFacts): boolean =>
    request.excludeDiskIds.some((id) => sameId(id, disk.diskId));
  const unsupported = vm.disks.flatMap((disk) => {
    if (isExcluded(disk)) return [];
    const reason = unsupportedDiskReason(disk, request.consistencyMode);
    return reason === undefined ? [] : [{ disk, reason }];
  });
  // Disks without a managed disk id cannot be named in excludeDisks, so they always block.
  const excludable = request.excludeUnsupportedDisks
    ? unsupported.filter((u) => u.disk.diskId !== undefined)
    : [];
  const blocking = unsupported.filter((u) => !excludable.includes(u));
  if (blocking.length > 0) {
    violations.push(
      new UnsupportedDiskError({
        disks: blocking.map((u) => ({ diskId: u.disk.diskId ?? u.disk.name, reason: u.reason })),
        message:
          `Cannot create '${request.restorePointId}': restore points cannot capture ` +
          `${blocking.map((u) => `'${u.disk.diskId ?? u.disk.name}' (${u.reason})`).join(", ")} of VM '${vm.id}'. ` +
          (blocking.every((u) => u.disk.diskId !== undefined)
            ? "Exclude these disks with excludeDiskIds, or pass excludeUnsupportedDisks: true."
            : "Disks without a managed disk id cannot be excluded; such a VM cannot have restore points."),
      }),
    );
  }
  const autoExcluded = excludable.map((u) => ({ diskId: u.disk.diskId ?? u.disk.name, reason: u.reason }));
  const excludeDiskIds = [...request.excludeDiskIds, ...autoExcluded.map((d) => d.diskId)];
  const remaining = vm.disks.filter((d) => !excludeDiskIds.some((id) => sameId(id, d.diskId)));
  if (vm.disks.length > 0 && remaining.length === 0) {
    violations.push(
      new InvalidExclusionError({
        diskIds: excludeDiskIds,
        message:
          `Cannot create '${request.restorePointId}': every disk of VM '${vm.id}' would be excluded ` +
          `(${excludeDiskIds.map((d) => `'${d}'`).join(", ")}), and a restore point needs at least one disk. ` +
          `Exclude fewer disks.`,
      }),
    );
  }
  return { excludeDiskIds, autoExcluded, violations };
}
