import type { AbortSignalLike } from "@azure/abort-controller";
import type { ArmResponse } from "../internal/armContext.js";
import { stringAt } from "../internal/json.js";
import type { LroMode } from "./lroMode.js";

/**
 * A phase an ARM poller keeps polling after the operation itself succeeded (a cross-region copy
 * waits for its data to replicate: see copy/replicationTracker.ts). The poller only needs these
 * hooks; what the phase reads and when it is done is the feature's business.
 */
export interface FollowUpPhase {
  /** The URL the poller polls during the phase (its operation location once switched). */
  readonly progressUrl: string;
  /** The resource body seen when the phase completed; the poller's result is built from it. */
  readonly finalBody: unknown;
  /** Lets the phase rewrite an initial response that would end the poller too early. */
  adjustInitialResponse(response: ArmResponse, mode: LroMode | undefined): ArmResponse;
  /** One poll of the phase, answered as the operation status would be in `mode`. */
  check(mode: LroMode | undefined, abortSignal: AbortSignalLike | undefined): Promise<ArmResponse>;
}

/** Whether a poll response of the copy operation itself says it succeeded. */
export function operationSucceeded(response: ArmResponse, mode: LroMode | undefined): boolean {
  if (mode === "OperationLocation") return /succeeded/i.test(stringAt(response.body, "status") ?? "");
  if (mode === "ResourceLocation")
    return response.status >= 200 && response.status < 300 && response.status !== 202;
  return false;
}
