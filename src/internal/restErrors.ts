import type { PipelineRequest, PipelineResponse } from "@azure/core-rest-pipeline";
import { createHttpHeaders, createPipelineRequest, RestError } from "@azure/core-rest-pipeline";
import { objectAt, stringAt } from "./json.js";
import { withServiceHint } from "./serviceErrorHints.js";
import { redactUrl } from "./urls.js";

/**
 * Builds the `RestError` for an ARM error response: `code` is ARM's `error.code`, `details` the
 * parsed error body. Its `request`/`response` are copies without `Authorization` and with the URL
 * redacted, so that nothing reachable from the error holds a token or signature.
 */
export function restErrorFromResponse(response: PipelineResponse, body: unknown): RestError {
  const error = objectAt(body, "error");
  const code = stringAt(error, "code") ?? `HttpStatus${response.status}`;
  const message = withServiceHint(
    code,
    stringAt(error, "message") ??
      `${response.request.method} ${redactUrl(response.request.url) ?? ""} failed with status ${response.status}`,
  );
  const safeRequest = sanitizeRequest(response.request);
  const restError = new RestError(message, {
    code,
    statusCode: response.status,
    request: safeRequest,
    response: { ...response, request: safeRequest },
  });
  restError.details = body;
  return restError;
}

/** Replaces the `request` of a transport-level RestError with a sanitised copy, in place. */
export function sanitizeRestError(error: RestError): RestError {
  if (error.request !== undefined) {
    const safeRequest = sanitizeRequest(error.request);
    Object.defineProperty(error, "request", { value: safeRequest, enumerable: false, configurable: true });
    if (error.response !== undefined) {
      Object.defineProperty(error, "response", {
        value: { ...error.response, request: safeRequest },
        enumerable: false,
        configurable: true,
      });
    }
  }
  return error;
}

/** A copy of a response whose `request` holds no `Authorization` header and a redacted URL. */
export function sanitizeResponse(response: PipelineResponse): PipelineResponse {
  return { ...response, request: sanitizeRequest(response.request) };
}

function sanitizeRequest(request: PipelineRequest): PipelineRequest {
  const headers = createHttpHeaders();
  for (const [name, value] of request.headers) {
    if (!name.toLowerCase().includes("authorization")) headers.set(name, value);
  }
  return createPipelineRequest({
    url: redactUrl(request.url) ?? "",
    method: request.method,
    headers,
    requestId: request.requestId,
  });
}
