import { isJsonObject, objectAt } from "../internal/json.js";

/**
 * The tag every resource made by `restoreVm` / `restoreVmInPlace` carries. Its value is the
 * restore operation id (`RestoreVmResult.operationId`), so a re-run of the same restore after a
 * crash recognises its own resources (and only those) and picks them up instead of creating
 * duplicates; it also lets you find them, e.g. to clean up.
 *
 * @public
 */
export const RESTORE_OPERATION_TAG = "vmrp-restore-operation";

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/**
 * A deterministic id for one restore: the same inputs (compared case-insensitively, as ARM ids
 * are) always give the same id. FNV-1a 64 is enough: the id only has to tell apart the restores of
 * one subscription, and it keeps the SDK free of `node:crypto`.
 */
export function restoreOperationId(kind: "vm" | "inPlace", ...parts: readonly string[]): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode([kind, ...parts].join("\n").toLowerCase())) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  }
  return `restore-${hash.toString(16).padStart(16, "0")}`;
}

/** Whether an ARM resource body carries this operation's tag. */
export function hasOperationTag(resource: unknown, operationId: string): boolean {
  const tags = objectAt(resource, "tags");
  return isJsonObject(tags) && tags[RESTORE_OPERATION_TAG] === operationId;
}
