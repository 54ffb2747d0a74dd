/**
 * A tiny HTTPS JSON client for talking to the emulator at the wire level in tests, with the
 * emulator's certificate trusted and its bearer token sent (unless told otherwise).
 */
import { request as httpsRequest } from "node:https";
import type { Emulator } from "../../src/emulator/index.js";

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: any;
  text: string;
}

export interface WireOptions {
  body?: unknown;
  /** Raw text body (sent as is). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Omit the Authorization header. */
  noAuth?: boolean;
}

/** Sends one request. `pathOrUrl` may be a path (joined to `emu.url`) or an absolute URL. */
export function armFetch(
  emu: Emulator,
  method: string,
  pathOrUrl: string,
  options: WireOptions = {},
): Promise<WireResponse> {
  const url = new URL(pathOrUrl, emu.url);
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.noAuth !== true) headers.authorization = `Bearer ${emu.token}`;
  if (payload !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method, headers, ca: emu.certificatePem, agent: false }, (res) => {
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
    });
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Polls an `Azure-AsyncOperation` URL until the status is terminal. */
export async function waitForOperation(
  emu: Emulator,
  statusUrl: string,
  maxPolls = 200,
): Promise<WireResponse> {
  for (let i = 0; i < maxPolls; i++) {
    const res = await armFetch(emu, "GET", statusUrl);
    if (res.status !== 200 || res.body?.status !== "InProgress") return res;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`operation did not finish: ${statusUrl}`);
}

/** Common path prefixes. */
export function paths(emu: Emulator, resourceGroup: string) {
  const sub = `/subscriptions/${emu.subscriptionId}`;
  const rg = `${sub}/resourceGroups/${resourceGroup}`;
  const compute = `${rg}/providers/Microsoft.Compute`;
  return {
    sub,
    rg,
    collection: (name: string) => `${compute}/restorePointCollections/${name}`,
    restorePoint: (collection: string, name: string) =>
      `${compute}/restorePointCollections/${collection}/restorePoints/${name}`,
    disk: (name: string) => `${compute}/disks/${name}`,
    vm: (name: string) => `${compute}/virtualMachines/${name}`,
  };
}
