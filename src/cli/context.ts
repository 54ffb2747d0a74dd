/**
 * What every command gets: the printer, whether to draw progress bars, and a lazily built
 * `RestorePointClient` for the chosen target (Azure through `DefaultAzureCredential`, or an emulator
 * through its connection file). `@azure/identity` is imported only when Azure is the target, because
 * loading it costs more than the rest of the CLI.
 */
import type { TokenCredential } from "@azure/core-auth";
import { RestorePointClient, type RestorePointClientOptions } from "../index.js";
import { readConnectionFile } from "./connectionFile.js";
import { UsageError } from "./exitCodes.js";
import type { Printer } from "./output.js";

export interface GlobalOptions {
  subscription?: string;
  endpoint?: string;
  emulator?: string;
  cloud?: "AzurePublicCloud" | "AzureChinaCloud" | "AzureUSGovernment";
  output: "table" | "json";
  progress: boolean;
  pollIntervalMs?: number;
  verbose: boolean;
}

export interface CliContext {
  readonly printer: Printer;
  /** Progress bars only for people: not with --no-progress, JSON output, or a non-TTY stderr. */
  readonly progressEnabled: () => boolean;
  readonly globals: () => GlobalOptions;
  readonly client: () => Promise<RestorePointClient>;
}

export async function buildClient(globals: GlobalOptions): Promise<RestorePointClient> {
  const emulatorFile = globals.emulator ?? process.env.VMRP_EMULATOR;
  if (emulatorFile !== undefined && emulatorFile !== "") {
    const connection = readConnectionFile(emulatorFile);
    const credential: TokenCredential = {
      getToken: () => Promise.resolve({ token: connection.token, expiresOnTimestamp: Date.now() + 3600_000 }),
    };
    const options: RestorePointClientOptions = {
      ...(connection.replicationPollIntervalInMs === undefined
        ? {}
        : { replicationPollIntervalInMs: connection.replicationPollIntervalInMs }),
      ...pollInterval(globals),
      endpoint: globals.endpoint ?? connection.url,
      tlsOptions: { ca: connection.certificatePem },
      credentialScopes: [`${connection.url}/.default`],
    };
    return new RestorePointClient(globals.subscription ?? connection.subscriptionId, credential, options);
  }
  const subscription = globals.subscription ?? process.env.AZURE_SUBSCRIPTION_ID;
  if (subscription === undefined || subscription === "") {
    throw new UsageError(
      "No subscription: pass --subscription <id>, set AZURE_SUBSCRIPTION_ID, or use --emulator <file>.",
    );
  }
  const { DefaultAzureCredential } = await loadIdentity();
  const options: RestorePointClientOptions = { ...pollInterval(globals) };
  if (globals.endpoint !== undefined) options.endpoint = globals.endpoint;
  if (globals.cloud !== undefined) options.cloud = globals.cloud;
  return new RestorePointClient(subscription, new DefaultAzureCredential(), options);
}

/** `--poll-interval-ms` paces both operation polls and replication progress reads. */
function pollInterval(
  globals: GlobalOptions,
): Pick<RestorePointClientOptions, "updateIntervalInMs" | "replicationPollIntervalInMs"> {
  const ms = globals.pollIntervalMs;
  return ms === undefined ? {} : { updateIntervalInMs: ms, replicationPollIntervalInMs: ms };
}

/**
 * `@azure/identity` is an optional peer dependency: the SDK takes any `TokenCredential`, and only
 * the CLI against Azure needs `DefaultAzureCredential`. Its absence is a usage problem, not a crash.
 */
// The return type is inferred: the ESM and CommonJS builds see different declaration files.
async function loadIdentity() {
  try {
    return await import("@azure/identity");
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" ||
      (error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND"
    ) {
      throw new UsageError(
        "Signing in to Azure needs @azure/identity: run 'npm install @azure/identity' (or use --emulator <file>).",
      );
    }
    throw error;
  }
}
