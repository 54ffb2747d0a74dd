import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationResponse, OperationState, PollerLike, RawResponse } from "@azure/core-lro";
import { createHttpPoller } from "@azure/core-lro";
import { delay } from "@azure/core-util";
import type { ArmContext, ArmResponse } from "../internal/armContext.js";
import { isJsonObject, objectAt } from "../internal/json.js";
import { logger } from "../internal/logger.js";
import { parseRetryAfterHeaders } from "../internal/retryPolicy.js";
import { normalizeOperationUrl, redactUrl } from "../internal/urls.js";
import type { LroMode } from "./lroMode.js";
import { PollingUrlAliases } from "./pollingUrlAliases.js";
import { inferLroMode, modeOf, operationLocationOf } from "./lroMode.js";
import { operationFailure, wrapPoller } from "./pollerWrapper.js";
import { parseResumeState } from "./resumeState.js";
import type { FollowUpPhase } from "./followUpPhase.js";
import { operationSucceeded } from "./followUpPhase.js";

/** Poller options as users give them (names of the old ARM clients, mapped to core-lro's). */
export interface ArmPollerOptions {
  readonly updateIntervalInMs?: number | undefined;
  readonly resumeFrom?: string | undefined;
  readonly abortSignal?: AbortSignalLike | undefined;
}

/** Everything the glue needs to know about one long-running ARM operation. */
export interface ArmLroSpec<TResult> {
  readonly ctx: ArmContext;
  readonly method: "PUT" | "DELETE" | "POST";
  /** Absolute URL of the initial request (with api-version); also the resource URL of a PUT. */
  readonly url: string;
  /** api-version for operation URLs that lack one. */
  readonly apiVersion: string;
  /** "Creating restore point 'rp' in collection 'c' (resource group 'rg')": used in messages. */
  readonly description: string;
  /** Runs first inside `sendInitialRequest` (preflight, look-ups) and returns the request body. */
  readonly prepare?: (abortSignal: AbortSignalLike | undefined) => Promise<unknown>;
  /**
   * Where the result comes from: `resource` (PUT: the DiskRP operation's `properties.output`, or a
   * GET of the resource), `location` (POST with final-state-via location: the body of the
   * `Location` URL once done), `none` (no result).
   */
  readonly finalState: "resource" | "location" | "none";
  readonly mapResult: (body: unknown) => TResult;
  /** A POST that may be resent after an ambiguous failure (see retryPolicy.ts). */
  readonly idempotent?: boolean;
  /** For copies that must wait for the data, not just the operation. */
  readonly replication?: FollowUpPhase | undefined;
  /** Copies extra information into the poller state after every poll. */
  readonly decorateState?: (state: OperationState<TResult>) => void;
  /**
   * Turns the service's refusal (of the initial request, or a failed operation) into a typed
   * error where the ARM code is known; see errors/mapServiceError.ts.
   */
  readonly mapError?: (error: unknown) => unknown;
  /**
   * The resource a PUT creates, which a failed operation leaves behind in the `Failed` state: the
   * OperationFailedError names it (`remainingResourceId` and the message).
   */
  readonly remainsOnFailure?: { readonly id: string; readonly what: string } | undefined;
  readonly options: ArmPollerOptions;
}

/**
 * The single place where ARM long-running operations meet `@azure/core-lro`: returns the poller
 * synchronously (the initial request starts at once), honours `Retry-After` on the initial
 * response (core-lro polls immediately), repairs operation URLs, maps failures to
 * OperationFailedError and never lets an abort cancel the service operation.
 */
export function createArmPoller<TResult, TState extends OperationState<TResult> = OperationState<TResult>>(
  spec: ArmLroSpec<TResult>,
): PollerLike<TState, TResult> {
  const { ctx, options } = spec;
  const resumed = options.resumeFrom === undefined ? undefined : parseResumeState(options.resumeFrom, spec);
  let mode: LroMode | undefined = resumed?.mode;
  let initialDelayMs = 0;
  let lastRaw: RawResponse | undefined;
  const aliases = new PollingUrlAliases();

  const toOperationResponse = (response: ArmResponse): OperationResponse => {
    const headers = { ...response.headers };
    for (const name of ["azure-asyncoperation", "operation-location", "location"]) {
      const value = headers[name];
      if (value !== undefined) headers[name] = aliases.alias(normalizeOperationUrl(value, spec.apiVersion));
    }
    lastRaw = { statusCode: response.status, request: response.request, headers, body: response.body };
    return { flatResponse: response.body, rawResponse: lastRaw };
  };

  const sendInitialRequest = async (): Promise<OperationResponse> => {
    const body = spec.prepare === undefined ? undefined : await spec.prepare(options.abortSignal);
    const response = await ctx
      .send({
        method: spec.method,
        url: spec.url,
        body,
        abortSignal: options.abortSignal,
        idempotent: spec.idempotent === true,
      })
      .catch((error: unknown) => {
        throw spec.mapError === undefined ? error : spec.mapError(error);
      });
    mode = inferLroMode(spec.method, response.headers);
    if (response.status === 201 || response.status === 202) {
      initialDelayMs = parseRetryAfterHeaders((name) => response.headers[name]) ?? 0;
    }
    logger.info(
      `${spec.description}: accepted with status ${response.status}, polling mode ${mode ?? "none"}`,
    );
    return toOperationResponse(spec.replication?.adjustInitialResponse(response, mode) ?? response);
  };

  const sendPollRequest = async (
    pollUrl: string,
    pollOptions?: { abortSignal?: AbortSignalLike },
  ): Promise<OperationResponse> => {
    // core-lro sends no signal with the final GET of a POST's Location; fall back to the caller's.
    const abortSignal = pollOptions?.abortSignal ?? options.abortSignal;
    if (initialDelayMs > 0) {
      const wait = initialDelayMs;
      initialDelayMs = 0;
      await delay(wait, { abortSignal });
    }
    const url = normalizeOperationUrl(aliases.resolve(pollUrl), spec.apiVersion);
    const tracker = spec.replication;
    if (tracker !== undefined && (url === tracker.progressUrl || (mode === "Body" && url === spec.url))) {
      return toOperationResponse(await tracker.check(mode, abortSignal));
    }
    const response = await ctx.send({
      method: "GET",
      url,
      abortSignal,
      // A Location URL answers a failed operation with its error status: that is the outcome,
      // not a transport failure. Throttling and timeouts stay errors.
      allowErrorStatus: (status) => mode === "ResourceLocation" && status !== 408 && status !== 429,
    });
    if (tracker !== undefined && operationSucceeded(response, mode)) {
      return toOperationResponse(await tracker.check(mode, abortSignal));
    }
    return toOperationResponse(response);
  };

  const processResult = async (flat: unknown, state: TState): Promise<TResult> => {
    if (spec.finalState === "none") return undefined as TResult;
    const output = objectAt(objectAt(flat, "properties"), "output");
    if (spec.finalState === "location") return spec.mapResult(output ?? flat);
    if (spec.replication?.finalBody !== undefined) return spec.mapResult(spec.replication.finalBody);
    const currentMode = modeOf(state);
    if ((currentMode === "Body" || currentMode === undefined) && isJsonObject(flat)) {
      return spec.mapResult(flat);
    }
    // Disk RP operations carry the finished disk; everything else needs a GET of the resource.
    if (output !== undefined) return spec.mapResult(output);
    return spec.mapResult(await ctx.getJson(spec.url, options.abortSignal));
  };

  const updateState = (state: TState, response: OperationResponse): void => {
    const operationUrl = operationLocationOf(state);
    if (state.status === "failed" || state.status === "canceled") {
      const failure = operationFailure(
        spec.description,
        response.rawResponse.body,
        state.status,
        operationUrl,
        spec.remainsOnFailure,
      );
      const mapped = spec.mapError?.(failure);
      state.error = mapped instanceof Error ? mapped : failure;
    }
    spec.decorateState?.(state);
    logger.info(`${spec.description}: ${state.status} (polled ${redactUrl(operationUrl) ?? "the resource"})`);
  };

  const inner = createHttpPoller<TResult, TState>(
    { sendInitialRequest, sendPollRequest },
    {
      intervalInMs: options.updateIntervalInMs ?? ctx.updateIntervalInMs,
      restoreFrom: resumed === undefined ? undefined : aliases.shrink(resumed.serialized),
      // "location": a POST's result is the body of its Location URL (final-state-via location).
      // Otherwise core-lro would still GET that URL after a POST that has no result.
      resourceLocationConfig: spec.finalState === "location" ? "location" : "azure-async-operation",
      // PUT results are fetched by processResult, which can use properties.output instead.
      skipFinalGet: spec.method === "PUT",
      processResult,
      updateState,
    },
  );
  return wrapPoller(inner, {
    abortSignal: options.abortSignal,
    description: spec.description,
    expectsResult: spec.finalState !== "none",
    lastResponseBody: () => lastRaw?.body,
    expandSerialized: (text) => aliases.expand(text),
    // A resource's result can be read again (a copy's with its instance view); a POST's cannot.
    refetchResult:
      spec.finalState === "resource"
        ? async (abortSignal) =>
            spec.mapResult(await ctx.getJson(spec.replication?.progressUrl ?? spec.url, abortSignal))
        : undefined,
  });
}

/** A DELETE of an ARM resource, as a poller with no result. */
export function createDeletePoller(
  ctx: ArmContext,
  url: string,
  apiVersion: string,
  description: string,
  options: ArmPollerOptions,
): PollerLike<OperationState<void>, void> {
  return createArmPoller({
    ctx,
    method: "DELETE",
    url,
    apiVersion,
    description,
    finalState: "none",
    mapResult: () => undefined,
    options,
  });
}
