/**
 * The shapes of the emulator's answers that do not depend on the server's state: ARM error
 * responses (refusals, injected faults, the 500 of an emulator bug), header merging, and the
 * request headers read as plain strings.
 */
import type { IncomingMessage } from "node:http";
import { ArmError, armErrors } from "./armErrors.js";
import type { FaultSpec } from "./faults.js";
import type { ArmResponse } from "./http.js";

export function errorResponse(error: ArmError): ArmResponse {
  return {
    status: error.status,
    headers: { ...error.extra.headers, "x-ms-error-code": error.code },
    body: error.toBody(),
  };
}

export function withHeaders(response: ArmResponse, headers: Record<string, string>): ArmResponse {
  return { ...response, headers: { ...headers, ...response.headers } };
}

export function injectedError(fault: FaultSpec): ArmError {
  const status = fault.status ?? 500;
  const code = fault.code ?? (status === 429 ? "TooManyRequests" : "InternalExecutionError");
  const error = armErrors.injected(status, code, fault.message);
  if (fault.retryAfterSeconds === undefined) return error;
  return new ArmError(error.status, error.code, error.message, {
    headers: { "retry-after": String(fault.retryAfterSeconds) },
  });
}

export function internalError(error: unknown): ArmError {
  // A bug in the emulator must surface as an ARM 500, not as a hung or dropped connection.
  process.emitWarning(
    `emulator handler failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return armErrors.internal();
}

export function errorCodeOf(response: ArmResponse): string | undefined {
  if (response.status < 400) return undefined;
  const body = response.body as { error?: { code?: unknown } } | undefined;
  return typeof body?.error?.code === "string" ? body.error.code : undefined;
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function flattenHeaders(req: IncomingMessage): Record<string, string | undefined> {
  // Null prototype: a header named `__proto__` is just a header.
  const result = Object.create(null) as Record<string, string | undefined>;
  for (const [name, value] of Object.entries(req.headers)) result[name] = headerValue(value);
  return result;
}
