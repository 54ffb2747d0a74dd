import type { PipelinePolicy, PipelineRequest } from "@azure/core-rest-pipeline";
import { logger } from "./logger.js";

/**
 * Request logging at info level with redaction. It replaces core-rest-pipeline's logPolicy, whose
 * sanitizer misses response headers (they are logged in clear), which would print the signed
 * `Azure-AsyncOperation`/`Location` operation URLs. Everything not allow-listed is `REDACTED`:
 * header values, and query parameter values (so `sig=`, `s=`, `c=`... never reach a log line).
 * Bodies are never logged: they hold SAS URLs.
 */
export function redactingLogPolicy(options: {
  additionalAllowedHeaderNames?: readonly string[];
  additionalAllowedQueryParameters?: readonly string[];
}): PipelinePolicy {
  warnAboutSecretHeaders(options.additionalAllowedHeaderNames ?? []);
  const headers = new Set([...SAFE_HEADERS, ...(options.additionalAllowedHeaderNames ?? [])].map(lower));
  const query = new Set(["api-version", ...(options.additionalAllowedQueryParameters ?? [])].map(lower));
  const redactHeaders = (all: Iterable<[string, string]>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, value] of all) out[name] = headers.has(lower(name)) ? value : "REDACTED";
    return out;
  };
  return {
    name: REDACTING_LOG_POLICY_NAME,
    async sendRequest(request: PipelineRequest, next) {
      if (!logger.info.enabled) return next(request);
      logger.info(
        `Request: ${request.method} ${redactQuery(request.url, query)} ${JSON.stringify(redactHeaders(request.headers))}`,
      );
      const response = await next(request);
      logger.info(
        `Response: ${response.status} for ${request.method} ${redactQuery(request.url, query)} ` +
          JSON.stringify(redactHeaders(response.headers)),
      );
      return response;
    },
  };
}

/** Name of {@link redactingLogPolicy} in the pipeline. */
export const REDACTING_LOG_POLICY_NAME = "restorePointsLogPolicy";

/** Headers whose values are credentials or signed URLs: logging them leaks access. */
const SECRET_HEADERS = new Set([
  "authorization",
  "x-ms-authorization-auxiliary",
  "cookie",
  "set-cookie",
  "location",
  "azure-asyncoperation",
  "operation-location",
]);
let warnedAboutSecretHeaders = false;

/**
 * Warns once per process when `loggingOptions` lets a credential-bearing header into logs: every
 * request line would then carry the bearer token (or a signed operation URL) in clear text.
 */
function warnAboutSecretHeaders(allowed: readonly string[]): void {
  const secret = allowed.filter((name) => SECRET_HEADERS.has(lower(name)));
  if (secret.length === 0 || warnedAboutSecretHeaders) return;
  warnedAboutSecretHeaders = true;
  logger.warning(
    `loggingOptions.additionalAllowedHeaderNames allows ${secret.join(", ")} into logs: their values ` +
      "(bearer tokens, signed operation URLs) will be written in clear text. Remove them outside local debugging.",
  );
}

function lower(s: string): string {
  return s.toLowerCase();
}

function redactQuery(url: string, allowed: ReadonlySet<string>): string {
  const at = url.indexOf("?");
  if (at < 0) return url;
  const params = url
    .slice(at + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const key = eq < 0 ? pair : pair.slice(0, eq);
      return eq < 0 || allowed.has(lower(decodeSafely(key))) ? pair : `${key}=REDACTED`;
    });
  return `${url.slice(0, at)}?${params.join("&")}`;
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Headers whose values never hold a credential (the core pipeline's list plus ARM diagnostics). */
const SAFE_HEADERS = [
  "x-ms-client-request-id",
  "x-ms-return-client-request-id",
  "x-ms-useragent",
  "x-ms-correlation-request-id",
  "x-ms-request-id",
  "x-ms-routing-request-id",
  "client-request-id",
  "ms-cv",
  "return-client-request-id",
  "traceparent",
  "accept",
  "accept-encoding",
  "cache-control",
  "connection",
  "content-length",
  "content-type",
  "date",
  "etag",
  "expires",
  "if-match",
  "if-none-match",
  "last-modified",
  "pragma",
  "request-id",
  "retry-after",
  "retry-after-ms",
  "x-ms-retry-after-ms",
  "server",
  "transfer-encoding",
  "user-agent",
  "www-authenticate",
  "x-ms-ratelimit-remaining-resource",
  "x-ms-ratelimit-remaining-subscription-reads",
  "x-ms-ratelimit-remaining-subscription-writes",
  "x-ms-ratelimit-remaining-subscription-deletes",
  "x-ms-failure-cause",
  "azure-asyncnotification",
];
