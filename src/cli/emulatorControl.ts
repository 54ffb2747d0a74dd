/**
 * A client for the emulator's control routes (`/_emulator/...`, see src/emulator/controlRoutes.ts),
 * authenticated and TLS-pinned with the connection file, as every `vmrp` process talks to it.
 */
import { request } from "node:https";
import type { AddedVm, AddVmOptions } from "../emulator/index.js";
import type { EmulatorConnection } from "./connectionFile.js";

export class EmulatorControlError extends Error {
  override readonly name = "EmulatorControlError";
  constructor(
    message: string,
    readonly code: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

function call(
  connection: EmulatorConnection,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const url = new URL(path, connection.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: connection.certificatePem,
        headers: {
          authorization: `Bearer ${connection.token}`,
          ...(payload === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const parsed = text === "" ? undefined : (JSON.parse(text) as unknown);
          const status = res.statusCode ?? 0;
          if (status >= 400) {
            const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
            reject(
              new EmulatorControlError(
                error?.message ?? `HTTP ${status}`,
                error?.code ?? `HTTP${status}`,
                status,
              ),
            );
            return;
          }
          resolve(parsed);
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** The emulator's clock, as `/_emulator/time` answers. */
export interface EmulatorTime {
  readonly now: string;
  readonly frozen: boolean;
}

export const emulatorControl = {
  status: (connection: EmulatorConnection) =>
    call(connection, "GET", "/_emulator/status") as Promise<{ subscriptionId: string }>,
  addResourceGroup: (connection: EmulatorConnection, name: string, location: string) =>
    call(connection, "POST", "/_emulator/resourceGroups", { name, location }) as Promise<{ id: string }>,
  time: (connection: EmulatorConnection) =>
    call(connection, "GET", "/_emulator/time") as Promise<EmulatorTime>,
  moveTime: (connection: EmulatorConnection, move: { now: string } | { advanceMs: number }) =>
    call(connection, "POST", "/_emulator/time", move) as Promise<EmulatorTime>,
  addVm: (connection: EmulatorConnection, options: AddVmOptions) =>
    call(connection, "POST", "/_emulator/virtualMachines", options) as Promise<AddedVm>,
};
