import { AbortError } from "@azure/abort-controller";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import type { HttpClient, PipelineRequest, PipelineResponse } from "@azure/core-rest-pipeline";
import { createHttpHeaders, RestError } from "@azure/core-rest-pipeline";
import { RestorePointClient } from "../../src/index.js";
import type { RestorePointClientOptions } from "../../src/index.js";

/** A scripted response: a status with headers and a JSON (or text) body, or a network error. */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Throw a transport error with this code (e.g. ECONNRESET) instead of answering. */
  networkError?: string;
}

/** What a request looked like when it reached the fake transport. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** `Date.now()` when it arrived. */
  at: number;
}

type UrlMatcher = string | RegExp | ((url: string) => boolean);

interface Handler {
  method: string | undefined;
  url: UrlMatcher | undefined;
  respond: FakeResponse | ((request: RecordedRequest) => FakeResponse);
  remaining: number;
}

/**
 * An `HttpClient` that answers from a script instead of the network, for pipeline and LRO tests.
 * Handlers are tried in the order they were added; each answers `times` requests (default once).
 * An unscripted request fails the test with a clear message.
 */
export class FakeHttpClient implements HttpClient {
  readonly requests: RecordedRequest[] = [];
  readonly #handlers: Handler[] = [];

  /** Answers the next matching request(s) with `response`. */
  on(
    method: string | undefined,
    url: UrlMatcher | undefined,
    response: FakeResponse | ((request: RecordedRequest) => FakeResponse),
    times = 1,
  ): this {
    this.#handlers.push({ method, url, respond: response, remaining: times });
    return this;
  }

  /** Answers matching requests with `responses`, one each, in order. */
  sequence(method: string, url: UrlMatcher, ...responses: FakeResponse[]): this {
    for (const r of responses) this.on(method, url, r);
    return this;
  }

  /** Requests whose method (and URL, when given) match. */
  requestsTo(method: string, url?: UrlMatcher): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && (url === undefined || matches(url, r.url)));
  }

  /** Handlers that were never used up; tests assert this is empty to catch unsent requests. */
  get pending(): number {
    return this.#handlers.filter((h) => h.remaining > 0 && h.remaining !== Infinity).length;
  }

  sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    if (request.abortSignal?.aborted === true)
      return Promise.reject(new AbortError("The request was aborted"));
    const recorded: RecordedRequest = {
      method: request.method,
      url: request.url,
      headers: request.headers.toJSON({ preserveCase: false }),
      body: typeof request.body === "string" && request.body !== "" ? JSON.parse(request.body) : undefined,
      at: Date.now(),
    };
    this.requests.push(recorded);
    const handler = this.#handlers.find(
      (h) =>
        h.remaining > 0 &&
        (h.method === undefined || h.method === request.method) &&
        (h.url === undefined || matches(h.url, request.url)),
    );
    if (handler === undefined) {
      return Promise.reject(new Error(`FakeHttpClient: unscripted request ${request.method} ${request.url}`));
    }
    handler.remaining -= 1;
    const response = typeof handler.respond === "function" ? handler.respond(recorded) : handler.respond;
    if (response.networkError !== undefined) {
      return Promise.reject(
        new RestError(`socket hang up (${response.networkError})`, { code: response.networkError, request }),
      );
    }
    const body = response.body;
    return Promise.resolve({
      request,
      status: response.status ?? 200,
      headers: createHttpHeaders(response.headers),
      bodyAsText: body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body),
    });
  }
}

function matches(matcher: UrlMatcher, url: string): boolean {
  if (typeof matcher === "string") return url === matcher || url.startsWith(matcher);
  if (matcher instanceof RegExp) return matcher.test(url);
  return matcher(url);
}

/** The secret the fake credential hands out; tests assert it never shows up where it must not. */
export const FAKE_TOKEN = "fake-token-eyJhbGciOi.SECRET-do-not-log";

/** A credential that always returns {@link FAKE_TOKEN} and records the scopes asked for. */
export class FakeCredential implements TokenCredential {
  readonly scopes: string[][] = [];
  getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push(Array.isArray(scopes) ? scopes : [scopes]);
    return Promise.resolve({ token: FAKE_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 });
  }
}

export const SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
export const ARM = "https://management.azure.com";
export const RG_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg1/providers/Microsoft.Compute`;

/** A client on the fake transport with instant polling and millisecond retry delays. */
export function createFakeClient(
  fake: FakeHttpClient,
  options: RestorePointClientOptions = {},
): { client: RestorePointClient; credential: FakeCredential } {
  const credential = new FakeCredential();
  const client = new RestorePointClient(SUBSCRIPTION, credential, {
    httpClient: fake,
    updateIntervalInMs: 0,
    replicationPollIntervalInMs: 0,
    retryOptions: { retryDelayInMs: 1, maxRetryDelayInMs: 5 },
    ...options,
  });
  return { client, credential };
}
