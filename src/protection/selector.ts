/**
 * Which listed VMs a policy selects, and which of them belong to a shard. Pure: discovery lists
 * the VMs, these functions decide.
 */
import { parseResourceId } from "../resourceId.js";
import type { ProtectionSelector } from "./policyTypes.js";

/** What selection needs to know about a listed VM. */
export interface ListedVm {
  readonly id: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The subscriptions a selector looks in: its own list, or the client's, plus those of
 * `includeVmIds` (de-duplicated, case-insensitively, in order).
 */
export function selectorSubscriptions(selector: ProtectionSelector, clientSubscription: string): string[] {
  const given = selector.subscriptions ?? [clientSubscription];
  const extra = (selector.includeVmIds ?? []).map((id) => parseResourceId(id).subscriptionId);
  const seen = new Set<string>();
  return [...given, ...extra].filter((s) => {
    const key = s.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether the selector selects a listed VM (see {@link ProtectionSelector}). */
export function isSelected(selector: ProtectionSelector, vm: ListedVm): boolean {
  const id = vm.id.toLowerCase();
  if ((selector.excludeVmIds ?? []).some((x) => x.toLowerCase() === id)) return false;
  if ((selector.includeVmIds ?? []).some((x) => x.toLowerCase() === id)) return true;
  const parsed = parseResourceId(vm.id);
  if (selector.subscriptions !== undefined) {
    const sub = parsed.subscriptionId.toLowerCase();
    if (!selector.subscriptions.some((s) => s.toLowerCase() === sub)) return false;
  }
  if (selector.resourceGroups !== undefined) {
    const group = (parsed.resourceGroup ?? "").toLowerCase();
    if (!selector.resourceGroups.some((g) => g.toLowerCase() === group)) return false;
  }
  const tags = new Map(Object.entries(vm.tags).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [name, wanted] of Object.entries(selector.tags ?? {})) {
    const value = tags.get(name.toLowerCase());
    if (value === undefined) return false;
    if (wanted !== true && value !== wanted) return false;
  }
  return true;
}

/**
 * The shard (0..count-1) a VM belongs to: FNV-1a of its lower-cased id, modulo `count`. Stable
 * across processes and machines, so `--shard i/n` runs on n machines cover every VM exactly once.
 *
 * @param vmId - the VM's ARM id
 * @param count - the number of shards
 * @returns the shard index
 *
 * @public
 */
export function protectionShardOf(vmId: string, count: number): number {
  if (typeof vmId !== "string" || vmId === "") throw new TypeError("vmId must be a VM id");
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a whole number >= 1, got ${count}`);
  let hash = 0x811c9dc5;
  for (const ch of vmId.toLowerCase()) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

/** Checks a shard option: `{ index, count }` with 0 <= index < count. */
export function checkShard(shard: unknown): { index: number; count: number } | undefined {
  if (shard === undefined) return undefined;
  const s = shard as { index?: unknown; count?: unknown };
  if (typeof shard !== "object" || shard === null) throw new TypeError("shard must be { index, count }");
  if (typeof s.count !== "number" || !Number.isInteger(s.count) || s.count < 1) {
    throw new RangeError(`shard.count must be a whole number >= 1, got ${String(s.count)}`);
  }
  if (typeof s.index !== "number" || !Number.isInteger(s.index) || s.index < 0 || s.index >= s.count) {
    throw new RangeError(
      `shard.index must be a whole number from 0 to ${s.count - 1}, got ${String(s.index)}`,
    );
  }
  return { index: s.index, count: s.count };
}
