import type {
  PipelinePolicy,
  PipelineRequest,
  PipelineResponse,
  PipelineRetryOptions,
  RetryStrategy,
} from "@azure/core-rest-pipeline";
import { retryPolicy } from "@azure/core-rest-pipeline";
import { calculateRetryDelay } from "@azure/core-util";

/**
 * The SDK's retry policy, replacing the pipeline's `defaultRetryPolicy` so there is one retry loop:
 *
 * 1. 429/503 with `Retry-After` (or `retry-after-ms`/`x-ms-retry-after-ms`): wait as told. Safe for
 *    every method: ARM rejected the request before doing anything.
 * 2. 429 WITHOUT a Retry-After header: back off exponentially. The stock policy returns these at
 *    once, yet ARM's Compute throttling documents 429 as "try again later" with the header missing
 *    on some gateways. Also safe for every method, for the same reason.
 * 3. 408, 5xx (except 501/505) and network errors: back off exponentially, but only for idempotent
 *    requests, because the service may have acted before failing. ARM PUT/DELETE/PATCH (a merge of
 *    the same body) and GET are idempotent. Our two POSTs are too: a second `beginGetAccess` while
 *    a grant is active extends it and returns the same SAS URL, and `endGetAccess` on revoked
 *    access is a no-op. Any other POST is not retried on these errors.
 */
export function armRetryPolicy(options: PipelineRetryOptions = {}): PipelinePolicy {
  const delays = {
    retryDelayInMs: options.retryDelayInMs ?? 1000,
    maxRetryDelayInMs: options.maxRetryDelayInMs ?? 64_000,
  };
  const policy = retryPolicy(
    [retryAfterStrategy(), throttledWithoutRetryAfterStrategy(delays), transientStrategy(delays)],
    {
      maxRetries: options.maxRetries ?? 3,
    },
  );
  return { name: ARM_RETRY_POLICY_NAME, sendRequest: (request, next) => policy.sendRequest(request, next) };
}

/** Name of {@link armRetryPolicy} in the pipeline. */
export const ARM_RETRY_POLICY_NAME = "restorePointsRetryPolicy";

const idempotentPosts = new WeakSet<PipelineRequest>();

/** Marks a POST as safe to resend after an ambiguous failure (see {@link armRetryPolicy}). */
export function markIdempotent(request: PipelineRequest): void {
  idempotentPosts.add(request);
}

function isIdempotent(request: PipelineRequest): boolean {
  return request.method !== "POST" || idempotentPosts.has(request);
}

function retryAfterStrategy(): RetryStrategy {
  return {
    name: "retryAfter",
    retry({ response }) {
      const retryAfterInMs = response === undefined ? undefined : retryAfterMs(response);
      return retryAfterInMs === undefined ? { skipStrategy: true } : { retryAfterInMs };
    },
  };
}

function throttledWithoutRetryAfterStrategy(delays: DelayOptions): RetryStrategy {
  return {
    name: "throttledWithoutRetryAfter",
    retry({ response, retryCount }) {
      if (response?.status !== 429 || retryAfterMs(response) !== undefined) return { skipStrategy: true };
      return calculateRetryDelay(retryCount, delays);
    },
  };
}

function transientStrategy(delays: DelayOptions): RetryStrategy {
  return {
    name: "transient",
    retry({ response, responseError, retryCount }) {
      const request = response?.request ?? responseError?.request;
      const transientStatus =
        response !== undefined &&
        (response.status === 408 ||
          (response.status >= 500 && response.status !== 501 && response.status !== 505));
      const networkError =
        response === undefined && responseError !== undefined && isNetworkError(responseError);
      if (
        !(transientStatus || networkError) ||
        (response !== undefined && retryAfterMs(response) !== undefined)
      ) {
        return { skipStrategy: true };
      }
      if (request !== undefined && !isIdempotent(request)) return { skipStrategy: true };
      return calculateRetryDelay(retryCount, delays);
    },
  };
}

interface DelayOptions {
  retryDelayInMs: number;
  maxRetryDelayInMs: number;
}

const NETWORK_ERROR_CODES = new Set([
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOENT",
  "ENOTFOUND",
  "EPIPE",
  "EAI_AGAIN",
]);

function isNetworkError(error: { code?: string }): boolean {
  return error.code !== undefined && NETWORK_ERROR_CODES.has(error.code);
}

/** Server-requested delay of a 429/503, in ms; `undefined` when there is none. */
export function retryAfterMs(response: PipelineResponse): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  return parseRetryAfterHeaders(response.headers.get.bind(response.headers));
}

/**
 * Reads `retry-after-ms`, `x-ms-retry-after-ms` (milliseconds) and `Retry-After` (seconds or an
 * HTTP date). Used for throttling and for the delay before an LRO's first poll.
 */
export function parseRetryAfterHeaders(get: (name: string) => string | undefined): number | undefined {
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const ms = Number(get(name));
    if (get(name) !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = get("retry-after");
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}
