import { objectAt, stringAt } from "../internal/json.js";

/**
 * How a long-running operation is polled, mirroring `@azure/core-lro`'s inference (and stored by it
 * in the serialized state as `config.metadata.mode`): an `Azure-AsyncOperation`/`Operation-Location`
 * status URL first, then a `Location` URL, then (PUT only) the resource itself.
 */
export type LroMode = "OperationLocation" | "ResourceLocation" | "Body";

/** core-lro keeps `config` in its state objects at runtime without typing it. */
export function operationLocationOf(state: unknown): string | undefined {
  return stringAt(objectAt(state, "config"), "operationLocation");
}

/** The LRO mode core-lro recorded in a state object. */
export function modeOf(state: unknown): string | undefined {
  return stringAt(objectAt(objectAt(state, "config"), "metadata"), "mode");
}

export function inferLroMode(method: string, headers: Readonly<Record<string, string>>): LroMode | undefined {
  if (headers["operation-location"] !== undefined || headers["azure-asyncoperation"] !== undefined) {
    return "OperationLocation";
  }
  if (headers["location"] !== undefined) return "ResourceLocation";
  return method.toUpperCase() === "PUT" ? "Body" : undefined;
}
