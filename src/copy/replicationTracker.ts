import type { AbortSignalLike } from "@azure/abort-controller";
import { delay } from "@azure/core-util";
import type { ArmContext, ArmResponse } from "../internal/armContext.js";
import type { JsonObject } from "../internal/json.js";
import { objectAt, stringAt } from "../internal/json.js";
import type { ReplicationProgress } from "../models/replication.js";
import { toReplicationProgress } from "../models/replication.js";
import { toSourceMetadata } from "../models/sourceMetadata.js";
import type { LroMode } from "../lro/lroMode.js";
import type { FollowUpPhase } from "../lro/followUpPhase.js";
import { ReplicationProgressEstimator } from "./progressEstimator.js";
import { describeReplicationFailure } from "./replicationFailure.js";

/**
 * Keeps a copy poller running until the copied data has replicated. Azure reports the copy
 * operation `Succeeded` once the copy has *started*; the data then takes minutes to hours, visible
 * only in the restore point's instance view. After the operation succeeds the poller's operation
 * location is switched to `restorePoint?$expand=instanceView` (so `serialize()` captures the phase
 * and a resumed poller continues it), and each poll of that URL is answered with a synthetic
 * status response in the form the LRO mode expects.
 */
export class ReplicationTracker implements FollowUpPhase {
  /** Latest progress, never lower than an earlier one within this poller, with an ETA when known. */
  progress: ReplicationProgress | undefined;
  /** The restore point body (with instance view) seen when replication completed. */
  finalBody: JsonObject | undefined;
  readonly #ctx: ArmContext;
  readonly #estimator = new ReplicationProgressEstimator();
  readonly #description: string;
  /** When the instance view was last read; the next read waits the replication interval. */
  #lastReadAt: number | undefined;

  /**
   * @param ctx - for the instance-view reads
   * @param progressUrl - `GET restorePoint?api-version=...&$expand=instanceView`
   * @param description - the copy, for failure messages that follow the operation's own description
   */
  constructor(
    ctx: ArmContext,
    readonly progressUrl: string,
    description = "the copy",
  ) {
    this.#ctx = ctx;
    this.#description = description;
  }

  /**
   * A copy PUT answered without polling headers and already `Succeeded` would end the poller at
   * once, before any replication check; report it as still running so the poller polls.
   */
  adjustInitialResponse(response: ArmResponse, mode: LroMode | undefined): ArmResponse {
    const properties = objectAt(response.body, "properties");
    if (mode !== "Body" || !/succeeded/i.test(stringAt(properties, "provisioningState") ?? ""))
      return response;
    const body = {
      ...(response.body as JsonObject),
      properties: { ...properties, provisioningState: "Replicating" },
    };
    return { ...response, body };
  }

  /**
   * Reads the instance view and answers as the operation status would. The poller calls this at
   * its operation polling interval; reads after the first are spaced by the client's (longer)
   * `replicationPollIntervalInMs` instead.
   */
  async check(mode: LroMode | undefined, abortSignal: AbortSignalLike | undefined): Promise<ArmResponse> {
    if (this.#lastReadAt !== undefined) {
      const wait = this.#lastReadAt + this.#ctx.replicationPollIntervalInMs - Date.now();
      if (wait > 0) await delay(wait, { abortSignal });
    }
    this.#lastReadAt = Date.now();
    const body = await this.#ctx.getJson(this.progressUrl, abortSignal);
    const properties = objectAt(body, "properties");
    const metadata = objectAt(properties, "sourceMetadata");
    const current = toReplicationProgress(
      body,
      metadata === undefined ? undefined : toSourceMetadata(metadata),
    );
    this.progress = this.#estimator.observe(current);
    const done = current.state === "Succeeded" || current.state === "NotApplicable";
    const failed = current.state === "Failed";
    const error = failed ? describeReplicationFailure(this.progress, this.#description) : undefined;
    const request = { method: "GET", url: this.progressUrl };
    if (mode === "Body") {
      // In body mode the poller reads provisioningState of the resource itself.
      const provisioningState = stringAt(properties, "provisioningState") ?? "Succeeded";
      const creating = !/succeeded/i.test(provisioningState);
      const state = failed ? "Failed" : creating ? provisioningState : done ? "Succeeded" : "Replicating";
      if (done && !creating) this.finalBody = body;
      const synthetic = {
        ...body,
        properties: { ...properties, provisioningState: state },
        ...(error ? { error } : {}),
      };
      return { status: 200, headers: {}, body: synthetic, request };
    }
    if (done) {
      this.finalBody = body;
      return { status: 200, headers: {}, body: { status: "Succeeded" }, request };
    }
    if (failed) return { status: 500, headers: {}, body: { status: "Failed", error }, request };
    return {
      status: 202,
      headers: { "azure-asyncoperation": this.progressUrl, location: this.progressUrl },
      body: { status: "InProgress" },
      request,
    };
  }
}
