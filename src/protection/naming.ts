/**
 * Deterministic names and tags of what the protection engine creates, so that every run, on any
 * machine, arrives at the same names for the same policy, VM, region and slot: a second PUT finds
 * the first instead of making a duplicate, and the engine recognises its own points again.
 *
 * Restore points are ARM proxy resources without tags, so a point's policy and slot live in its
 * name (`<policy>-<yyyyMMddTHHmmZ>`); the collections carry the tags.
 */
import { createHash } from "node:crypto";

/** Collection tag: the policy that owns the collection and the points named after it. */
export const POLICY_TAG = "vmrp-policy";
/** Collection tag: the VM whose points the collection (or its copy) holds. */
export const POLICY_VM_TAG = "vmrp-policy-vm";
/** Collection tag: the slot of the newest point the engine created in it. */
export const POLICY_SLOT_TAG = "vmrp-policy-slot";

const MAX_NAME = 80;
const SLOT_NAME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z$/;

/** `20261125T1000Z`: a slot in UTC, to the minute. */
export function formatSlot(slot: Date): string {
  return slot.toISOString().replace(/[-:]/g, "").slice(0, 13) + "Z";
}

/** `gold-20261125T1000Z` */
export function restorePointNameOf(policyName: string, slot: Date): string {
  return `${policyName}-${formatSlot(slot)}`;
}

/**
 * The slot of a restore point of `policyName`, from its name (case-insensitive, as ARM names are);
 * `undefined` for any other point.
 */
export function slotOfPointName(policyName: string, pointName: string): Date | undefined {
  const prefix = `${policyName}-`.toLowerCase();
  if (!pointName.toLowerCase().startsWith(prefix)) return undefined;
  const match = SLOT_NAME.exec(pointName.slice(prefix.length).toUpperCase());
  if (match === null) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const time = Date.UTC(y, mo - 1, d, h, mi);
  const date = new Date(time);
  // 20261340T2599Z is not a slot: the parts must survive a round trip.
  return formatSlot(date) === pointName.slice(prefix.length).toUpperCase() ? date : undefined;
}

/**
 * The collection of a VM's points of a policy in one region, e.g. `web1-gold-westeurope-rpc`.
 * Within ARM's 80 characters; a longer one keeps a readable prefix and ends in a hash of the
 * whole name, so two VMs never share a collection.
 */
export function collectionNameOf(vmName: string, policyName: string, region: string): string {
  const full = `${vmName}-${policyName}-${region}-rpc`;
  if (full.length <= MAX_NAME) return full;
  const hash = createHash("sha256").update(full.toLowerCase()).digest("hex").slice(0, 12);
  const suffix = `-${hash}-rpc`;
  return `${full.slice(0, MAX_NAME - suffix.length).replace(/[.-]+$/, "")}${suffix}`;
}
