import type { TokenCredential } from "@azure/core-auth";
import type { Pipeline } from "@azure/core-rest-pipeline";
import {
  bearerTokenAuthenticationPolicy,
  createPipelineFromOptions,
  logPolicyName,
} from "@azure/core-rest-pipeline";
import type { RestorePointClientOptions } from "./options.js";
import { CLOUD_ENDPOINTS, SDK_NAME, SDK_VERSION } from "../constants.js";
import { logger } from "../internal/logger.js";
import { redactingLogPolicy } from "../internal/logPolicy.js";
import { armRetryPolicy } from "../internal/retryPolicy.js";
import { rateLimitObserverPolicy } from "../internal/rateLimitObserverPolicy.js";
import type { RateLimitState } from "../internal/rateLimitState.js";

/** Where the client talks to and which token audience it asks for. */
export interface ArmTarget {
  endpoint: string;
  scopes: string[];
}

/**
 * Resolves the endpoint and token scopes. A custom endpoint gets the scope of its own origin, so a
 * token for management.azure.com is never sent to another host.
 */
export function resolveArmTarget(options: RestorePointClientOptions): ArmTarget {
  const cloud = options.cloud ?? "AzurePublicCloud";
  if (!Object.hasOwn(CLOUD_ENDPOINTS, cloud)) {
    throw new RangeError(`Unknown cloud "${cloud}"; use one of ${Object.keys(CLOUD_ENDPOINTS).join(", ")}`);
  }
  const raw = options.endpoint ?? CLOUD_ENDPOINTS[cloud];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`endpoint must be an absolute URL, got "${raw}"`);
  }
  if (url.protocol !== "https:") {
    // The bearer policy refuses to send tokens over http anyway; say so before any request.
    throw new TypeError(`endpoint must use https (bearer tokens are never sent over http), got "${raw}"`);
  }
  const endpoint = `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  const given = options.credentialScopes;
  const scopes =
    given === undefined ? [`${url.origin}/.default`] : typeof given === "string" ? [given] : [...given];
  if (scopes.length === 0 || scopes.some((s) => typeof s !== "string" || s === "")) {
    throw new TypeError("credentialScopes must be a non-empty string or a non-empty array of strings");
  }
  return { endpoint, scopes };
}

/**
 * Builds the pipeline: core-rest-pipeline defaults, our retry and logging policies in place of the
 * default ones, bearer authentication for the resolved scopes, and the package name/version in the
 * User-Agent. With `rateLimits`, every attempt's `x-ms-ratelimit-remaining-*` counts are recorded there.
 */
export function createArmPipeline(
  credential: TokenCredential,
  scopes: string[],
  options: RestorePointClientOptions,
  rateLimits?: RateLimitState,
): Pipeline {
  const ours = `${SDK_NAME}/${SDK_VERSION}`;
  const userPrefix = options.userAgentOptions?.userAgentPrefix;
  const pipeline = createPipelineFromOptions({
    ...options,
    userAgentOptions: {
      ...options.userAgentOptions,
      userAgentPrefix: userPrefix === undefined || userPrefix === "" ? ours : `${userPrefix} ${ours}`,
    },
    // Request logging is ours (redactingLogPolicy); the stock policy is removed below.
    loggingOptions: {},
  });
  pipeline.removePolicy({ name: logPolicyName });
  pipeline.addPolicy(
    redactingLogPolicy({
      additionalAllowedHeaderNames: options.loggingOptions?.additionalAllowedHeaderNames ?? [],
      additionalAllowedQueryParameters: [
        "$expand",
        "monitor",
        ...(options.loggingOptions?.additionalAllowedQueryParameters ?? []),
      ],
    }),
    { afterPhase: "Sign" },
  );
  pipeline.removePolicy({ name: "defaultRetryPolicy" });
  pipeline.addPolicy(armRetryPolicy(options.retryOptions), { phase: "Retry" });
  if (rateLimits !== undefined) {
    pipeline.addPolicy(rateLimitObserverPolicy(rateLimits), { afterPhase: "Retry" });
  }
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes, logger }), { phase: "Sign" });
  for (const { policy, position } of options.additionalPolicies ?? []) {
    pipeline.addPolicy(policy, position === "perRetry" ? { afterPhase: "Sign" } : {});
  }
  return pipeline;
}
