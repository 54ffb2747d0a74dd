/**
 * The facts the guards decide on: plain data read from ARM once per check (see guardReads.ts), so
 * that every guard is a pure function of them and can be tested without a server.
 */
import type { ConsistencyMode } from "../models/common.js";

/** One restore point, as the guards need it. */
export interface PointFacts {
  readonly id: string;
  readonly name: string;
  /** ARM provisioning state, e.g. `Creating`, `Succeeded`. */
  readonly provisioningState: string | undefined;
  /** Set for a cross-region copy: the restore point it was copied from. */
  readonly sourceRestorePointId: string | undefined;
  /** Capture time (a copy reports its source's). */
  readonly createdOn: Date | undefined;
}

/** One restore point collection. */
export interface CollectionFacts {
  readonly id: string;
  readonly name: string;
  /** Normalised region (`westeurope`). */
  readonly location: string;
  /** The VM (capture collection) or the source collection (copy target). */
  readonly sourceId: string | undefined;
}

/** A collection with its restore points (`$expand=restorePoints`). */
export interface ExpandedCollectionFacts extends CollectionFacts {
  readonly points: readonly PointFacts[];
}

/** One disk of a VM, from the VM's storage profile (and the disk itself for `maxShares`). */
export interface DiskFacts {
  /** Managed disk id; undefined for an ephemeral OS disk or an unmanaged VHD. */
  readonly diskId: string | undefined;
  readonly name: string;
  readonly isOsDisk: boolean;
  /** Storage SKU, e.g. `UltraSSD_LRS`. */
  readonly sku: string | undefined;
  readonly ephemeral: boolean;
  readonly unmanaged: boolean;
  readonly writeAcceleratorEnabled: boolean;
  /** From the disk resource; undefined when not read (OS disks, or no read needed). */
  readonly maxShares: number | undefined;
}

/** The source VM of a capture. */
export interface VmFacts {
  readonly id: string;
  readonly name: string;
  /** Normalised region. */
  readonly location: string;
  readonly disks: readonly DiskFacts[];
}

/** What a capture asks for, after argument validation. */
export interface CaptureRequest {
  readonly restorePointId: string;
  readonly excludeDiskIds: readonly string[];
  readonly excludeUnsupportedDisks: boolean;
  readonly consistencyMode: ConsistencyMode | undefined;
}

/** Case-insensitive ARM id comparison (ARM upper-cases resource groups in places). */
export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Whether an ARM id names a restore point collection (a copy target's source). */
export function isCollectionId(id: string | undefined): boolean {
  return id !== undefined && /\/providers\/microsoft\.compute\/restorepointcollections\/[^/]+\/?$/i.test(id);
}

/** Whether a restore point is a capture of a VM rather than a cross-region copy. */
export function isCapture(point: PointFacts): boolean {
  return point.sourceRestorePointId === undefined;
}

/** `Creating` in any casing. */
export function isCreating(point: PointFacts): boolean {
  return point.provisioningState?.toLowerCase() === "creating";
}
