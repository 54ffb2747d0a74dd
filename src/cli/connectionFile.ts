/**
 * `vmrp emulator` writes where it listens and how to authenticate to a file readable only by the
 * user, so other `vmrp` processes can use it (`--emulator <file>`) without the token ever being
 * printed to a terminal or a log.
 */
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

export interface EmulatorConnection {
  readonly url: string;
  readonly subscriptionId: string;
  readonly token: string;
  readonly certificatePem: string;
  /** The emulator's suggested replication progress interval (absent in files of older versions). */
  readonly replicationPollIntervalInMs?: number;
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
  const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<EmulatorConnection>;
  const { url, subscriptionId, token, certificatePem, replicationPollIntervalInMs } = parsed;
  if (
    typeof url !== "string" ||
    typeof subscriptionId !== "string" ||
    typeof token !== "string" ||
    typeof certificatePem !== "string"
  ) {
    throw new Error(`${path} is not an emulator connection file (written by 'vmrp emulator').`);
  }
  return {
    url,
    subscriptionId,
    token,
    certificatePem,
    ...(typeof replicationPollIntervalInMs === "number" ? { replicationPollIntervalInMs } : {}),
  };
}
