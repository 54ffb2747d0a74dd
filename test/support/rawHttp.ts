/**
 * Wire-level requests that `armFetch` cannot send: a request target exactly as given (no URL
 * normalisation of `..`, `%2e` or `\`), and raw TLS sockets for slow or half-sent requests.
 */
import { request as httpsRequest } from "node:https";
import { connect, type TLSSocket } from "node:tls";
import type { Emulator } from "../../src/emulator/index.js";
import type { WireResponse } from "./armFetch.js";

/** Sends one request with `target` as the literal request target. */
export function rawRequest(
  emu: Emulator,
  method: string,
  target: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<WireResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${emu.token}`, ...options.headers };
  if (options.body !== undefined) headers["content-length"] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: "127.0.0.1",
        port: emu.port,
        method,
        path: target,
        headers,
        ca: emu.certificatePem,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(", ") : v;
          let body: unknown;
          try {
            body = text === "" ? undefined : JSON.parse(text);
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: flat, body, text });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Opens a TLS connection to the emulator (handshake done). */
export function openTls(emu: Emulator): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(
      { host: "127.0.0.1", port: emu.port, ca: emu.certificatePem, servername: "localhost" },
      () => {
        resolve(socket);
      },
    );
    socket.once("error", reject);
  });
}

/** Milliseconds until the server closes `socket` (or `limitMs`, then -1). */
export function timeUntilClosed(
  socket: { once(event: "close", cb: () => void): unknown; destroy(): void; resume(): unknown },
  limitMs: number,
): Promise<number> {
  const started = Date.now();
  // Read (and drop) whatever the server sends, such as its 408, so that its close is seen.
  socket.resume();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(-1);
    }, limitMs);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}
