/**
 * `vmrp emulator` writes where it listens and how to authenticate to a file readable only by the
 * user, so other `vmrp` processes can use it (`--emulator <file>`) without the token ever being
 * printed to a terminal or a log. A missing or unreadable file is a usage error (exit 2).
 */
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { UsageError } from "./exitCodes.js";

export interface EmulatorConnection {
  readonly url: string;
  readonly subscriptionId: string;
  readonly token: string;
  readonly certificatePem: string;
  /** The emulator's suggested replication progress interval (absent in files of older versions). */
  readonly replicationPollIntervalInMs?: number;
  /** Process id of the `vmrp emulator` that wrote the file, for `vmrp emulator stop`. */
  readonly pid?: number;
}

/** Writes the file 600 from its first byte (a temp file renamed over it), whatever the umask. */
export function writeConnectionFile(path: string, connection: EmulatorConnection): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    rmSync(temp, { force: true });
    writeFileSync(temp, JSON.stringify(connection, null, 2), { mode: 0o600, flag: "wx" });
    chmodSync(temp, 0o600);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function readConnectionFile(path: string): EmulatorConnection {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === "ENOENT"
        ? `Connection file ${path} does not exist: start the emulator with 'vmrp emulator' (it prints the file's path).`
        : `Cannot read connection file ${path}: ${(error as Error).message}`,
    );
  }
  let parsed: Partial<EmulatorConnection>;
  try {
    parsed = JSON.parse(text) as Partial<EmulatorConnection>;
  } catch {
    throw new UsageError(`${path} is not an emulator connection file (written by 'vmrp emulator').`);
  }
  const { url, subscriptionId, token, certificatePem, replicationPollIntervalInMs, pid } = parsed;
  if (
    typeof url !== "string" ||
    typeof subscriptionId !== "string" ||
    typeof token !== "string" ||
    typeof certificatePem !== "string"
  ) {
    throw new UsageError(`${path} is not an emulator connection file (written by 'vmrp emulator').`);
  }
  return {
    url,
    subscriptionId,
    token,
    certificatePem,
    ...(typeof replicationPollIntervalInMs === "number" ? { replicationPollIntervalInMs } : {}),
    ...(typeof pid === "number" ? { pid } : {}),
  };
}
