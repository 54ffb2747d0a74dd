import { isJsonObject, objectAt, stringAt } from "../internal/json.js";
import { comparablePath, redactUrl } from "../internal/urls.js";
import type { LroMode } from "./lroMode.js";

const TERMINAL = new Set(["succeeded", "failed", "canceled"]);

/**
 * Checks a `resumeFrom` string before handing it to core-lro: it must be a serialized poller state
 * of the same operation (method and resource path), so a state of another resource cannot silently
 * poll the wrong thing. Returns the LRO mode stored in it.
 */
export function parseResumeState(
  text: unknown,
  operation: { readonly method: string; readonly url: string },
): { serialized: string; mode: LroMode | undefined } {
  if (typeof text !== "string" || text === "") {
    throw new TypeError("resumeFrom must be the string returned by poller.serialize()");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TypeError("resumeFrom is not a serialized poller state (it is not JSON)");
  }
  const state = objectAt(parsed, "state");
  const config = objectAt(state, "config");
  if (state === undefined || typeof state["status"] !== "string" || config === undefined) {
    throw new TypeError("resumeFrom is not a serialized poller state (no state/config)");
  }
  const method = stringAt(config, "requestMethod");
  const initialUrl = stringAt(config, "initialRequestUrl");
  if (
    (method !== undefined && method.toUpperCase() !== operation.method) ||
    (initialUrl !== undefined && comparablePath(initialUrl) !== comparablePath(operation.url))
  ) {
    throw new RangeError(
      `resumeFrom belongs to another operation (${method ?? "?"} ${redactUrl(initialUrl) ?? "?"}), ` +
        `not to ${operation.method} ${redactUrl(operation.url) ?? ""}`,
    );
  }
  const mode = stringAt(objectAt(config, "metadata"), "mode");
  return {
    serialized: text,
    mode: mode === "OperationLocation" || mode === "ResourceLocation" || mode === "Body" ? mode : undefined,
  };
}

/**
 * What `serialize()` returns: core-lro's state without results, errors or progress. Results can
 * hold secrets (a grant's SAS) and do not survive JSON (Dates, Error objects); a finished operation
 * that has somewhere to poll is stored as running, so the resumed poller asks the service again.
 */
export function sanitizeSerializedState(text: string): string {
  const parsed: unknown = JSON.parse(text);
  const state = objectAt(parsed, "state");
  if (state === undefined) return text;
  const copy: Record<string, unknown> = { ...state };
  delete copy["result"];
  delete copy["error"];
  delete copy["replication"];
  const status = stringAt(state, "status");
  if (
    status !== undefined &&
    TERMINAL.has(status) &&
    stringAt(state["config"], "operationLocation") !== undefined
  ) {
    copy["status"] = "running";
  }
  return JSON.stringify({ ...(isJsonObject(parsed) ? parsed : {}), state: copy });
}
