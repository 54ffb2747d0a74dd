import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import type { RateLimitState } from "./rateLimitState.js";

/** Name of {@link rateLimitObserverPolicy} in the pipeline. */
export const RATE_LIMIT_OBSERVER_POLICY_NAME = "restorePointsRateLimitObserver";

/**
 * Records the `x-ms-ratelimit-remaining-*` counts of every answer into `state`. Placed after the
 * retry policy, so it sees each attempt, 429s included; it never changes a request or response.
 */
export function rateLimitObserverPolicy(state: RateLimitState): PipelinePolicy {
  return {
    name: RATE_LIMIT_OBSERVER_POLICY_NAME,
    async sendRequest(request, next) {
      const response = await next(request);
      state.observe(request.method, request.url, response.status, (name) => response.headers.get(name));
      return response;
    },
  };
}
