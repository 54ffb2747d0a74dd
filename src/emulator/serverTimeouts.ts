/**
 * Timeouts of the emulator's HTTPS server, so that a client that opens a connection, sends part of
 * a request (or nothing) and goes quiet cannot hold a socket forever. Node's own defaults are
 * generous (5 minutes for a request, none for an idle TLS socket); an emulator on loopback needs
 * far less, and tests set them to a fraction of a second.
 */
import type { Server } from "node:https";

/** The timeouts with every default filled in, in milliseconds. */
export interface ServerTimeouts {
  /** Time to receive the request headers (also the TLS handshake time); Node's `headersTimeout`. */
  readonly headersTimeoutMs: number;
  /** Time to receive the whole request; Node's `requestTimeout`. */
  readonly requestTimeoutMs: number;
  /** Idle time of a keep-alive connection between requests; Node's `keepAliveTimeout`. */
  readonly keepAliveTimeoutMs: number;
}

export const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000;

export function resolveServerTimeouts(options: {
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
}): ServerTimeouts {
  const headersTimeoutMs = timeout("headersTimeoutMs", options.headersTimeoutMs, DEFAULT_HEADERS_TIMEOUT_MS);
  const requestTimeoutMs = timeout("requestTimeoutMs", options.requestTimeoutMs, DEFAULT_REQUEST_TIMEOUT_MS);
  const keepAliveTimeoutMs = timeout(
    "keepAliveTimeoutMs",
    options.keepAliveTimeoutMs,
    DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  );
  // Node refuses a headers timeout longer than the request timeout; so do we, with a clear message.
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new RangeError(
      `headersTimeoutMs (${headersTimeoutMs}) must not be longer than requestTimeoutMs (${requestTimeoutMs}).`,
    );
  }
  return { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs };
}

/**
 * Node checks the header and request timeouts of open connections every
 * `connectionsCheckingInterval` ms (30 s by default), which would make a short timeout late by
 * up to that much: check at a quarter of the shortest timeout, between 10 ms and 30 s.
 */
export function connectionsCheckingInterval(timeouts: ServerTimeouts): number {
  const shortest = Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs);
  return Math.min(30_000, Math.max(10, Math.floor(shortest / 4)));
}

/** Applies the timeouts that are properties of a created server. */
export function applyServerTimeouts(server: Server, timeouts: ServerTimeouts): void {
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
}

function timeout(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > 2_147_483_647) {
    throw new RangeError(
      `${name} must be an integer number of milliseconds 1..2147483647, got ${String(value)}.`,
    );
  }
  return value;
}
