/**
 * The request and response shapes that route handlers work with, independent of `node:http`.
 */
import type { ResolvedOptions } from "./options.js";
import type { EmulatorState } from "./state.js";
import type { OperationEngine } from "./operations.js";

/** Which resource provider a route belongs to: it decides the accepted api-versions. */
export type ProviderFamily = "compute" | "disk" | "resources" | "network" | "operations";

export interface ArmRequest {
  readonly method: string;
  /** Path without query, as sent (case preserved). */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Parsed JSON body, or undefined when the request had none. */
  readonly body: unknown;
  readonly apiVersion: string;
  /** Path parameters of the matched route, as sent. */
  readonly params: Readonly<Record<string, string>>;
}

export interface ArmResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON; `undefined` sends an empty body. */
  body?: unknown;
}

/** Everything a handler may touch. */
export interface HandlerContext {
  readonly state: EmulatorState;
  readonly operations: OperationEngine;
  readonly options: ResolvedOptions;
  /** `https://127.0.0.1:<port>`: the base of ids in polling URLs. */
  readonly baseUrl: string;
  readonly now: number;
}

export type Handler = (request: ArmRequest, context: HandlerContext) => ArmResponse;
