/**
 * What `new RestorePointClient(...)` does before it has a client: checks every argument and
 * option (before any request can be sent) and builds the root context that the client and all
 * its sub-clients share (pipeline, rate-limit state, api-versions, intervals, copy regions).
 */
import type { TokenCredential } from "@azure/core-auth";
import { createDefaultHttpClient } from "@azure/core-rest-pipeline";
import {
  DEFAULT_COMPUTE_API_VERSION,
  DEFAULT_DISK_API_VERSION,
  DEFAULT_REPLICATION_POLL_INTERVAL_IN_MS,
  DEFAULT_UPDATE_INTERVAL_IN_MS,
  MIN_COMPUTE_API_VERSION,
  MIN_DISK_API_VERSION,
} from "../constants.js";
import { ArmContext } from "../internal/armContext.js";
import { RateLimitState } from "../internal/rateLimitState.js";
import { redactSecrets } from "../internal/redactSecrets.js";
import {
  validateApiVersion,
  validateLoggingOptions,
  validateOptionalInterval,
  validateOptionsBag,
  validateRetryOptions,
  validateSubscriptionId,
} from "../internal/validation.js";
import { CROSS_REGION_SUPPORTED_REGIONS, normalizeRegion } from "../regions.js";
import type { RestorePointClientOptions } from "./options.js";
import { createArmPipeline, resolveArmTarget } from "./pipeline.js";

/** The checked options and the root context of a new client. */
export interface RootContext {
  readonly ctx: ArmContext;
  readonly endpoint: string;
  readonly options: RestorePointClientOptions;
}

/** Checks the constructor's arguments and builds the client's root context. */
export function createRootContext(
  subscriptionId: string,
  credential: TokenCredential,
  options: RestorePointClientOptions,
): RootContext {
  validateSubscriptionId(subscriptionId);
  if (typeof (credential as Partial<TokenCredential> | undefined)?.getToken !== "function") {
    throw new TypeError("credential must be a TokenCredential (an object with a getToken method)");
  }
  const opts = validateOptionsBag(options, "options") as RestorePointClientOptions;
  const computeApiVersion = validateApiVersion(
    opts.computeApiVersion,
    "computeApiVersion",
    DEFAULT_COMPUTE_API_VERSION,
    MIN_COMPUTE_API_VERSION,
  );
  const diskApiVersion = validateApiVersion(
    opts.diskApiVersion,
    "diskApiVersion",
    DEFAULT_DISK_API_VERSION,
    MIN_DISK_API_VERSION,
  );
  validateRetryOptions(opts.retryOptions);
  validateLoggingOptions(opts.loggingOptions);
  const target = resolveArmTarget(opts);
  const rateLimits = new RateLimitState();
  const ctx = new ArmContext({
    pipeline: createArmPipeline(credential, target.scopes, opts, rateLimits),
    rateLimits,
    httpClient: opts.httpClient ?? createDefaultHttpClient(),
    endpoint: target.endpoint,
    subscriptionId,
    computeApiVersion,
    diskApiVersion,
    updateIntervalInMs:
      validateOptionalInterval(opts.updateIntervalInMs, "updateIntervalInMs") ??
      DEFAULT_UPDATE_INTERVAL_IN_MS,
    replicationPollIntervalInMs:
      validateOptionalInterval(opts.replicationPollIntervalInMs, "replicationPollIntervalInMs") ??
      DEFAULT_REPLICATION_POLL_INTERVAL_IN_MS,
    copyRegions: validateCopyRegions(opts.copyRegions),
  });
  return { ctx, endpoint: target.endpoint, options: opts };
}

function validateCopyRegions(value: unknown): readonly string[] | "any" {
  if (value === undefined) return CROSS_REGION_SUPPORTED_REGIONS;
  if (value === "any") return "any";
  if (!Array.isArray(value) || value.some((r) => typeof r !== "string" || r.trim() === "")) {
    throw new TypeError('copyRegions must be an array of region names or "any"');
  }
  const regions = (value as string[]).map(normalizeRegion);
  // Region names are letters and digits ("West Europe" normalises to "westeurope").
  const odd = regions.find((r) => !/^[a-z0-9]+$/.test(r));
  if (odd !== undefined) {
    throw new RangeError(
      `copyRegions holds "${redactSecrets(odd)}", which is not a region name such as "westeurope"`,
    );
  }
  return Object.freeze(regions);
}
