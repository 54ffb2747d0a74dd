/**
 * What one public call hands to every HTTP request it sends: the `requestOptions`,
 * `tracingOptions` and `onResponse` of core-client's `OperationOptions`. Applied in one place
 * (ArmContext.send), so a helper that sends thirty requests treats them all alike.
 *
 * The abort signal is deliberately not part of it: the SDK passes signals explicitly, because some
 * requests of a call must outlive an abort (rollbacks, the revoke of a SAS).
 */
import type { FullOperationResponse, OperationOptions, OperationRequestOptions } from "@azure/core-client";
import type { PipelineRequest, PipelineResponse } from "@azure/core-rest-pipeline";
import type { OperationTracingOptions } from "@azure/core-tracing";
import { sanitizeResponse } from "./restErrors.js";

/** The per-call settings requests carry. */
export interface CallOptions {
  readonly requestOptions?: OperationRequestOptions | undefined;
  readonly tracingOptions?: OperationTracingOptions | undefined;
  readonly onResponse?: OperationOptions["onResponse"];
}

/**
 * The settings of a call made inside another one (a helper calling a client method): the inner
 * call's own settings win, the outer call's fill the gaps, custom headers are merged.
 */
export function mergeCallOptions(outer: CallOptions | undefined, given: OperationOptions): CallOptions {
  // A malformed options bag is reported by the method's own validation, not here.
  const inner: OperationOptions = typeof given === "object" && (given as unknown) !== null ? given : {};
  if (outer === undefined) return pickCallOptions(inner);
  const outerHeaders = outer.requestOptions?.customHeaders;
  const innerHeaders = inner.requestOptions?.customHeaders;
  const requestOptions =
    outer.requestOptions === undefined
      ? inner.requestOptions
      : inner.requestOptions === undefined
        ? outer.requestOptions
        : {
            ...outer.requestOptions,
            ...inner.requestOptions,
            customHeaders: { ...outerHeaders, ...innerHeaders },
          };
  return {
    requestOptions,
    tracingOptions: inner.tracingOptions ?? outer.tracingOptions,
    onResponse: inner.onResponse ?? outer.onResponse,
  };
}

function pickCallOptions(options: OperationOptions): CallOptions {
  return {
    requestOptions: options.requestOptions,
    tracingOptions: options.tracingOptions,
    onResponse: options.onResponse,
  };
}

/**
 * Puts a call's settings on a request: custom headers (never over the SDK's own `Content-Type`,
 * `Accept` or `Authorization`), the timeout, transfer progress callbacks and the tracing context
 * (so the pipeline's HTTP span becomes a child of the call's span). `allowInsecureConnection` is
 * not applied: the endpoint is https-only so that tokens never travel in clear text.
 */
export function applyCallOptions(request: PipelineRequest, call: CallOptions | undefined): void {
  if (call === undefined) return;
  const requestOptions = call.requestOptions;
  if (requestOptions !== undefined) {
    for (const [name, value] of Object.entries(requestOptions.customHeaders ?? {})) {
      if (PROTECTED_HEADERS.has(name.toLowerCase())) continue;
      request.headers.set(name, value);
    }
    if (requestOptions.timeout !== undefined) request.timeout = requestOptions.timeout;
    if (requestOptions.onUploadProgress !== undefined)
      request.onUploadProgress = requestOptions.onUploadProgress;
    if (requestOptions.onDownloadProgress !== undefined) {
      request.onDownloadProgress = requestOptions.onDownloadProgress;
    }
  }
  if (call.tracingOptions !== undefined) request.tracingOptions = call.tracingOptions;
}

const PROTECTED_HEADERS = new Set(["authorization", "content-type", "accept", "content-length"]);

/**
 * Calls the call's `onResponse` as core-client does: with the response (plus `parsedBody`; its
 * `request` without the `Authorization` header and with a redacted URL), the
 * parsed body as the "flat" response and, for an error response, the error that will be thrown.
 * As in core-client, an error the callback throws fails the request.
 */
export function notifyResponse(
  call: CallOptions | undefined,
  response: PipelineResponse,
  parsedBody: unknown,
  error?: unknown,
): void {
  const onResponse = call?.onResponse;
  if (onResponse === undefined) return;
  // The request as sent holds the bearer token: the callback gets a copy without it.
  const full: FullOperationResponse = { ...sanitizeResponse(response), parsedBody };
  if (error === undefined) onResponse(full, parsedBody);
  else onResponse(full, parsedBody, error);
}
