/**
 * The HTTPS front door: reads a request, applies faults, authentication, routing, api-version
 * checks and throttling in the order ARM does, then runs the handler against the state.
 *
 * Everything after the body has been read runs synchronously, so two requests never interleave
 * inside a handler; a write that fails is undone by restoring a snapshot taken before it.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ArmError, armErrors } from "./armErrors.js";
import {
  errorCodeOf,
  errorResponse,
  flattenHeaders,
  headerValue,
  injectedError,
  internalError,
  withHeaders,
} from "./responses.js";
import { checkApiVersion } from "./apiVersions.js";
import { checkAuthorization } from "./auth.js";
import { realTime, type EmulatorClock } from "./clock.js";
import { handleControl, isControlPath, type ControlClock } from "./controlRoutes.js";
import type { FaultInjector } from "./faults.js";
import type { ArmRequest, ArmResponse, HandlerContext } from "./http.js";
import type { OperationEngine } from "./operations.js";
import type { ResolvedOptions } from "./options.js";
import { saveState } from "./persistence.js";
import type { Router } from "./router.js";
import type { EmulatorState } from "./state.js";
import { hostedSubscription, optionsFor } from "./subscriptions.js";
import type { Throttler } from "./throttle.js";
import { parseRequestBody } from "./requestLimits.js";
import {
  apiVersionParameter,
  decodeSegment,
  parseRequestTarget,
  type RequestTarget,
} from "./requestTarget.js";
import { applyServerTimeouts, connectionsCheckingInterval } from "./serverTimeouts.js";

/**
 * One request the emulator served.
 * @public
 */
export interface RequestLogEntry {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** The query string without the leading `?` (may be empty). */
  readonly query: string;
  /** Status sent, or 0 when the connection was dropped by an injected fault. */
  readonly status: number;
  /** ARM error code of an error answer. */
  readonly errorCode?: string;
  /** Whether an injected fault decided the answer. */
  readonly faulted: boolean;
  /** When the request was answered, on the emulator's clock, in milliseconds since the epoch. */
  readonly timestamp: number;
}

export interface ServerParts {
  readonly options: ResolvedOptions;
  readonly router: Router;
  readonly operations: OperationEngine;
  readonly throttler: Throttler;
  readonly faults: FaultInjector;
  readonly token: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly dataDir: string | undefined;
  readonly initialState: EmulatorState;
  /** The emulator's time. */
  readonly clock: EmulatorClock;
  /**
   * Brings the state up to `context.now` before anything reads it: completes due operations and
   * whatever else happens in time (platform restore points).
   */
  readonly settle: (context: HandlerContext) => void;
  /** The clock as `/_emulator/time` moves it (persisting it, as `emu.setTime` does). */
  readonly controlClock?: ControlClock;
}

export class EmulatorServer {
  state: EmulatorState;
  readonly requestLog: RequestLogEntry[] = [];
  private readonly server: Server;
  private baseUrl = "";

  constructor(private readonly parts: ServerParts) {
    this.state = parts.initialState;
    const timeouts = parts.options.timeouts;
    this.server = createServer(
      {
        key: parts.keyPem,
        cert: parts.certPem,
        handshakeTimeout: timeouts.headersTimeoutMs,
        headersTimeout: timeouts.headersTimeoutMs,
        requestTimeout: timeouts.requestTimeoutMs,
        keepAliveTimeout: timeouts.keepAliveTimeoutMs,
        connectionsCheckingInterval: connectionsCheckingInterval(timeouts),
      },
      (req, res) => {
        this.receive(req, res);
      },
    );
    applyServerTimeouts(this.server, timeouts);
  }

  async listen(port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `https://127.0.0.1:${address.port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
      this.server.closeAllConnections();
    });
  }

  /**
   * A context for a request to `subscriptionId` (a hosted one), or for work done outside a request
   * (e.g. `emu.addVm`), with the state brought up to the emulator's time. Handlers find the
   * subscription they serve in `context.options.subscriptionId`.
   */
  context(subscriptionId: string = this.parts.options.subscriptionId): HandlerContext {
    const context: HandlerContext = {
      state: this.state,
      operations: this.parts.operations,
      options: optionsFor(this.parts.options, subscriptionId),
      baseUrl: this.baseUrl,
      now: this.parts.clock.now(),
    };
    this.parts.settle(context);
    return context;
  }

  /** Writes the state to the data directory, if there is one. */
  persist(): void {
    if (this.parts.dataDir !== undefined) saveState(this.parts.dataDir, this.state);
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > this.parts.options.limits.maxBodyBytes) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      // The last line of defence: nothing a request does may throw out of the request handler
      // (that would end the process, and an embedding test run with it).
      try {
        this.process(req, res, tooLarge ? undefined : Buffer.concat(chunks).toString("utf8"));
      } catch (error) {
        this.sendUnexpected(req, res, error);
      }
    });
    req.on("error", () => {
      res.destroy();
    });
  }

  private process(req: IncomingMessage, res: ServerResponse, rawBody: string | undefined): void {
    const method = (req.method ?? "GET").toUpperCase();
    let target: RequestTarget;
    try {
      target = parseRequestTarget(req.url);
    } catch (error) {
      const refusal = error instanceof ArmError ? error : internalError(error);
      const rawPath = (req.url ?? "").split("?")[0] ?? "";
      this.requestLog.push({
        method,
        path: rawPath,
        query: "",
        status: refusal.status,
        faulted: false,
        timestamp: Date.now(),
        errorCode: refusal.code,
      });
      this.send(req, res, errorResponse(refusal));
      return;
    }
    const path = target.path;
    const log = (status: number, faulted: boolean, errorCode?: string): void => {
      const entry: RequestLogEntry = {
        method,
        path,
        query: target.query,
        status,
        faulted,
        timestamp: this.parts.clock.now(),
      };
      this.requestLog.push(errorCode === undefined ? entry : { ...entry, errorCode });
    };
    const matched = this.parts.faults.match(method, path);
    const fault = matched?.spec;
    if (fault?.resetConnection === true) {
      matched?.use();
      log(0, true);
      req.socket.destroy();
      return;
    }
    let response: ArmResponse;
    let faulted = false;
    let acted: boolean;
    if (fault !== undefined && fault.operationError === undefined && fault.resetAfterProcessing !== true) {
      response = errorResponse(injectedError(fault));
      faulted = true;
      acted = true;
    } else {
      if (fault?.operationError !== undefined) {
        const { code, message } = fault.operationError;
        this.parts.operations.failNextOperation({
          code,
          message: message ?? `Injected operation failure: ${code}.`,
        });
      }
      response = this.dispatch(method, path, target.searchParams, req, rawBody);
      const operationFailed = !this.parts.operations.clearPendingFailure();
      // A failed-operation fault acts only on a request that started an operation, and a
      // lost-response fault only on a request that was processed (not throttled): otherwise the
      // fault waits for the next matching request, as a test that injected it expects.
      acted = fault?.operationError !== undefined ? operationFailed : response.status !== 429;
    }
    if (acted) matched?.use();
    const errorCode = errorCodeOf(response);
    if (fault?.resetAfterProcessing === true && acted) {
      log(0, true, errorCode);
      req.socket.destroy();
      return;
    }
    log(response.status, faulted, errorCode);
    this.send(req, res, response);
  }

  private dispatch(
    method: string,
    path: string,
    query: URLSearchParams,
    req: IncomingMessage,
    rawBody: string | undefined,
  ): ArmResponse {
    try {
      if (rawBody === undefined) throw armErrors.requestTooLarge(this.parts.options.limits.maxBodyBytes);
      const authError = checkAuthorization(req.headers.authorization, this.parts.token);
      if (authError !== undefined) throw authError;
      if (isControlPath(path)) {
        const answer = handleControl(
          method,
          path,
          parseRequestBody(rawBody, req.headers["content-type"], this.parts.options.limits),
          this.context(),
          this.parts.controlClock,
        );
        this.persist();
        return answer;
      }
      const subscription = /^\/subscriptions\/([^/]+)/i.exec(path)?.[1];
      if (subscription === undefined) throw armErrors.unknownPath(path);
      const subscriptionId = hostedSubscription(this.state, this.parts.options, decodeSegment(subscription));
      if (subscriptionId === undefined) throw armErrors.subscriptionNotFound(decodeSegment(subscription));
      const match = this.parts.router.match(method, path);
      const apiVersion = checkApiVersion(
        apiVersionParameter(query),
        match.route.family,
        match.route.resourceType,
        this.parts.options.rules,
        match.route.restorePointFloor === true
          ? this.parts.options.rules.minComputeApiVersion
          : match.route.minApiVersion,
      );
      const context = this.context(subscriptionId);
      const request: ArmRequest = {
        method,
        path,
        query,
        headers: flattenHeaders(req),
        body: parseRequestBody(rawBody, req.headers["content-type"], this.parts.options.limits),
        apiVersion,
        params: match.params,
      };
      // After the body is parsed: a crash-consistent restore point is charged to one more policy.
      // Buckets refill in real time, not on the emulator's clock (see clock.ts).
      const throttle = this.parts.throttler.take(request, match.route, realTime());
      if (throttle.rejection !== undefined) {
        return withHeaders(errorResponse(throttle.rejection), throttle.headers);
      }
      // Azure sends the rate-limit headers on error answers of a handler too.
      try {
        return withHeaders(
          this.runHandler(() => match.handler(request, context)),
          throttle.headers,
        );
      } catch (error) {
        // The gateway answers a missing tracked resource without asking the resource provider:
        // no Compute budget is spent and no rate-limit headers come back (recorded 404s).
        if (error instanceof ArmError && error.extra.headers?.["x-ms-failure-cause"] === "gateway") {
          throttle.refund?.();
          return errorResponse(error);
        }
        if (error instanceof ArmError) return withHeaders(errorResponse(error), throttle.headers);
        throw error;
      } finally {
        // Operations settled by this request count even when the handler failed.
        this.persist();
      }
    } catch (error) {
      return errorResponse(error instanceof ArmError ? error : internalError(error));
    }
  }

  /**
   * Runs a handler. Handlers validate a request completely before they change anything, so a
   * refused request leaves no trace; the robustness test checks that on the whole state. (A full
   * copy of the state before every write did the same job, but cost more than the write itself
   * once the state held hundreds of VMs.)
   */
  private runHandler(run: () => ArmResponse): ArmResponse {
    return run();
  }

  /** Answers a request whose processing threw: a 500 ARM error, or a dropped socket if too late. */
  private sendUnexpected(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    const refusal = internalError(error);
    try {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      this.send(req, res, errorResponse(refusal));
    } catch {
      res.destroy();
    }
  }

  private send(req: IncomingMessage, res: ServerResponse, response: ArmResponse): void {
    const headers: Record<string, string> = {
      "cache-control": "no-cache",
      pragma: "no-cache",
      expires: "-1",
      "x-content-type-options": "nosniff",
      "strict-transport-security": "max-age=31536000; includeSubDomains",
      "x-ms-request-id": randomUUID(),
      "x-ms-correlation-request-id": headerValue(req.headers["x-ms-correlation-request-id"]) ?? randomUUID(),
      ...response.headers,
    };
    const clientRequestId = headerValue(req.headers["x-ms-client-request-id"]);
    if (clientRequestId !== undefined) headers["x-ms-client-request-id"] = clientRequestId;
    let payload = "";
    if (response.body !== undefined) {
      payload = JSON.stringify(response.body);
      headers["content-type"] = "application/json; charset=utf-8";
    }
    if (req.method?.toUpperCase() === "HEAD") payload = "";
    headers["content-length"] = String(Buffer.byteLength(payload));
    res.writeHead(response.status, headers);
    res.end(payload);
  }
}
