/**
 * VM PATCH (`VirtualMachineUpdate`): the Compute RP applies the given fields to the VM's model and
 * leaves the rest as it is. The emulator does the same by merging the request into the model a
 * GET shows (a JSON merge patch: objects merge, arrays and values replace, `null` removes) and
 * running the result through the PUT's checks, so a PATCH can change nothing a PUT could not.
 * `tags` are replaced as a whole, as ARM replaces a resource's tags on PATCH.
 */
import { isObject, type JsonObject } from "./common.js";

function merge(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) Reflect.deleteProperty(result, key);
    else result[key] = merge(result[key], value);
  }
  return result;
}

/** The PUT body a PATCH of `current` (the VM as rendered) amounts to. */
export function patchedVmBody(current: JsonObject, patch: JsonObject): JsonObject {
  const { tags, ...rest } = patch;
  const merged = merge(current, rest) as JsonObject;
  if (tags !== undefined) merged.tags = tags === null ? {} : tags;
  return merged;
}
