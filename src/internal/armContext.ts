import type { AbortSignalLike } from "@azure/abort-controller";
import type { HttpClient, HttpMethods, Pipeline, PipelineResponse } from "@azure/core-rest-pipeline";
import { createPipelineRequest, isRestError, RestError } from "@azure/core-rest-pipeline";
import type { OperationOptions } from "@azure/core-client";
import type { CallOptions } from "./callOptions.js";
import { applyCallOptions, mergeCallOptions, notifyResponse } from "./callOptions.js";
import { isJsonObject } from "./json.js";
import type { JsonObject } from "./json.js";
import { restErrorFromResponse, sanitizeRestError } from "./restErrors.js";
import { RateLimitState } from "./rateLimitState.js";
import { markIdempotent } from "./retryPolicy.js";
import { armUrl, pathOf } from "./urls.js";

/** One ARM request. */
export interface ArmRequest {
  readonly method: HttpMethods;
  /** Absolute URL, including `api-version`. */
  readonly url: string;
  /** JSON body. */
  readonly body?: unknown;
  readonly abortSignal?: AbortSignalLike | undefined;
  /** Hand back these responses >= 400 instead of throwing (LRO `Location` polling reads them). */
  readonly allowErrorStatus?: (status: number) => boolean;
  /** A POST that is safe to resend after an ambiguous failure (see retryPolicy.ts). */
  readonly idempotent?: boolean;
}

/** One ARM response, headers lower-cased, body parsed. */
export interface ArmResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON; `undefined` for an empty body. */
  readonly body: unknown;
  readonly request: { readonly method: string; readonly url: string };
}

/** What the clients share: the pipeline, the target and the defaults. */
export interface ArmContextInit {
  readonly pipeline: Pipeline;
  readonly httpClient: HttpClient;
  readonly endpoint: string;
  readonly subscriptionId: string;
  readonly computeApiVersion: string;
  readonly diskApiVersion: string;
  readonly updateIntervalInMs: number;
  readonly replicationPollIntervalInMs: number;
  readonly copyRegions: readonly string[] | "any";
  /** Throttling counts seen by the pipeline's rate-limit observer; a fresh one when absent. */
  readonly rateLimits?: RateLimitState;
  /** The settings of the public call this context serves (see `forCall`). */
  readonly call?: CallOptions | undefined;
  /** The client-level context a per-call one was made from. */
  readonly root?: ArmContext | undefined;
}

/**
 * A client's connection to ARM, as the sub-clients it creates receive it. Opaque: only the SDK
 * makes one (see `armContextOf`); it appears in the public types only as the parameter of
 * the sub-clients' internal constructors.
 *
 * @internal
 */
export interface ClientContext {
  /** Marks the SDK's own contexts. */
  readonly contextKind: "arm";
}

/**
 * The ArmContext behind a ClientContext. A sub-client constructor called with anything else (it is
 * internal, but JavaScript cannot hide it) fails here rather than on its first request.
 */
export function armContextOf(context: ClientContext): ArmContext {
  if (context instanceof ArmContext) return context;
  throw new TypeError(
    "Sub-clients are created by RestorePointClient (getCollectionClient, getRestorePointClientById, ...), not with new",
  );
}

/**
 * The protocol layer every client holds (one per RestorePointClient, shared by its sub-clients):
 * sends ARM requests through the shared pipeline and turns error responses into `RestError`s.
 * Resource-specific reads and writes for the high-level helpers live in armResources.ts.
 */
export class ArmContext implements ClientContext {
  readonly contextKind = "arm";
  readonly pipeline: Pipeline;
  readonly httpClient: HttpClient;
  readonly endpoint: string;
  readonly subscriptionId: string;
  readonly computeApiVersion: string;
  readonly diskApiVersion: string;
  readonly updateIntervalInMs: number;
  /** Delay between replication progress reads (see `RestorePointClientOptions`). */
  readonly replicationPollIntervalInMs: number;
  readonly copyRegions: readonly string[] | "any";
  /** What the responses said about the throttling buckets (see rateLimitState.ts). */
  readonly rateLimits: RateLimitState;
  /** Custom headers, timeout, tracing context and `onResponse` of the current public call. */
  readonly call: CallOptions | undefined;
  /**
   * The client-level context (this one, unless made by `forCall`): the key of what belongs to
   * the client rather than to one call, such as the guards' settings and caches.
   */
  readonly root: ArmContext;

  constructor(init: ArmContextInit) {
    this.pipeline = init.pipeline;
    this.httpClient = init.httpClient;
    this.endpoint = init.endpoint;
    this.subscriptionId = init.subscriptionId;
    this.computeApiVersion = init.computeApiVersion;
    this.diskApiVersion = init.diskApiVersion;
    this.updateIntervalInMs = init.updateIntervalInMs;
    this.replicationPollIntervalInMs = init.replicationPollIntervalInMs;
    this.copyRegions = init.copyRegions;
    this.rateLimits = init.rateLimits ?? new RateLimitState();
    this.call = init.call;
    this.root = init.root ?? this;
  }

  /**
   * This context for one public call: every request sent through it carries the call's
   * `requestOptions` and `tracingOptions` and reports to its `onResponse`. Inside another call
   * (a helper using a client method), the outer call's settings fill what `options` leaves out.
   */
  forCall(options: OperationOptions): ArmContext {
    return new ArmContext({ ...this.#init(this.subscriptionId), call: mergeCallOptions(this.call, options) });
  }

  #init(subscriptionId: string): ArmContextInit {
    return {
      pipeline: this.pipeline,
      httpClient: this.httpClient,
      endpoint: this.endpoint,
      subscriptionId,
      computeApiVersion: this.computeApiVersion,
      diskApiVersion: this.diskApiVersion,
      updateIntervalInMs: this.updateIntervalInMs,
      replicationPollIntervalInMs: this.replicationPollIntervalInMs,
      copyRegions: this.copyRegions,
      rateLimits: this.rateLimits,
      root: this.root,
    };
  }

  /**
   * The same pipeline, credential, api-versions and throttling counts, aimed at another
   * subscription (for clients made from ids in that subscription). No pipeline is created.
   */
  withSubscription(subscriptionId: string): ArmContext {
    // A context of its own (guards are configured per subscription) that keeps the call's settings.
    return new ArmContext({ ...this.root.#init(subscriptionId), root: undefined, call: this.call });
  }

  /** `/subscriptions/{id}` */
  get subscriptionPath(): string {
    return pathOf("subscriptions", this.subscriptionId);
  }

  /** `/subscriptions/{id}/resourceGroups/{rg}/providers/{provider}/{type}/{name}/...` */
  providerPath(resourceGroup: string, provider: string, ...typesAndNames: readonly string[]): string {
    return `${this.subscriptionPath}${pathOf("resourceGroups", resourceGroup, "providers", provider, ...typesAndNames)}`;
  }

  /** An absolute URL of a path on this endpoint. */
  url(path: string, apiVersion: string, query?: Readonly<Record<string, string>>): string {
    return armUrl(this.endpoint, path, apiVersion, query);
  }

  /** An absolute URL for an ARM id returned by the service (its segments are already safe). */
  urlForId(id: string, apiVersion: string, query?: Readonly<Record<string, string>>): string {
    return armUrl(this.endpoint, id.split("/").map(encodeSegment).join("/"), apiVersion, query);
  }

  /** Sends a request; throws `RestError` for responses >= 400 unless `allowErrorStatus` accepts them. */
  async send(request: ArmRequest): Promise<ArmResponse> {
    const pipelineRequest = createPipelineRequest({
      url: request.url,
      method: request.method,
      abortSignal: request.abortSignal,
    });
    pipelineRequest.headers.set("Accept", "application/json");
    if (request.body !== undefined) {
      pipelineRequest.headers.set("Content-Type", "application/json");
      pipelineRequest.body = JSON.stringify(request.body);
    }
    if (request.idempotent === true) markIdempotent(pipelineRequest);
    applyCallOptions(pipelineRequest, this.call);
    let response: PipelineResponse;
    try {
      response = await this.pipeline.sendRequest(this.httpClient, pipelineRequest);
    } catch (e) {
      const error = isRestError(e) ? sanitizeRestError(e) : e;
      if (isRestError(error) && error.response !== undefined) {
        notifyResponse(this.call, error.response, undefined, error);
      }
      throw error;
    }
    let body: unknown;
    try {
      body = parseBody(response);
    } catch (e) {
      notifyResponse(this.call, response, undefined, e);
      throw e;
    }
    if (response.status >= 400 && request.allowErrorStatus?.(response.status) !== true) {
      const error = restErrorFromResponse(response, body);
      notifyResponse(this.call, response, body, error);
      throw error;
    }
    notifyResponse(this.call, response, body);
    return {
      status: response.status,
      headers: response.headers.toJSON({ preserveCase: false }),
      body,
      request: { method: request.method, url: request.url },
    };
  }

  /** Whether a GET of `url` succeeds: `false` on 404, `RestError` for other failures. */
  async exists(url: string, abortSignal?: AbortSignalLike): Promise<boolean> {
    try {
      await this.send({ method: "GET", url, abortSignal });
      return true;
    } catch (e) {
      if (isRestError(e) && e.statusCode === 404) return false;
      throw e;
    }
  }

  /** GETs a JSON object; a 2xx without an object body is a protocol error. */
  async getJson(url: string, abortSignal?: AbortSignalLike): Promise<JsonObject> {
    const response = await this.send({ method: "GET", url, abortSignal });
    if (!isJsonObject(response.body)) {
      throw new RestError(`GET returned status ${response.status} without a JSON object body`, {
        code: RestError.PARSE_ERROR,
        statusCode: response.status,
      });
    }
    return response.body;
  }
}

function encodeSegment(segment: string): string {
  try {
    return encodeURIComponent(decodeURIComponent(segment));
  } catch {
    return encodeURIComponent(segment);
  }
}

function parseBody(response: PipelineResponse): unknown {
  const text = response.bodyAsText;
  if (text === undefined || text === null || text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (response.status >= 400) return undefined;
    throw new RestError(`Status ${response.status} response body is not JSON`, {
      code: RestError.PARSE_ERROR,
      statusCode: response.status,
    });
  }
}
