/**
 * What every command gets: the printer, the global options, defaults, confirmation, Ctrl-C
 * handling, and a lazily built `RestorePointClient` for the chosen target (Azure through
 * `DefaultAzureCredential`, or an emulator through its connection file). `@azure/identity` is
 * imported only when Azure is the target, because loading it costs more than the rest of the CLI.
 */
import type { TokenCredential } from "@azure/core-auth";
import { RestorePointClient, type AzureCloud, type RestorePointClientOptions } from "../index.js";
import type { DefaultKey } from "./config.js";
import { readConnectionFile } from "./connectionFile.js";
import { UsageError } from "./exitCodes.js";
import type { OutputFormat, Printer } from "./output.js";
import type { ResourceWitness } from "./witness.js";

export interface GlobalOptions {
  subscription?: string;
  endpoint?: string;
  emulator?: string;
  cloud?: AzureCloud;
  output: OutputFormat;
  query?: string;
  progress: boolean;
  pollIntervalMs?: number;
  verbose?: boolean;
  debug?: boolean;
  onlyShowErrors?: boolean;
  copyRegions?: string;
}

export interface CliContext {
  readonly printer: Printer;
  /** Progress bars only for people: not with --no-progress, other outputs, or a non-TTY stderr. */
  readonly progressEnabled: () => boolean;
  readonly globals: () => GlobalOptions;
  readonly client: () => Promise<RestorePointClient>;
  /** Which resources existed before this process first touched them (see witness.ts). */
  readonly witness: ResourceWitness;
  /** A `vmrp configure` / `AZURE_DEFAULTS_*` default. */
  readonly defaults: (key: DefaultKey) => string | undefined;
  /** Aborted by Ctrl-C; asking for it is what makes a command interruptible. */
  readonly abortSignal: () => AbortSignal;
  /** What to print if Ctrl-C interrupts the command: what still runs, and how to pick it up. */
  readonly setInterruptNotice: (lines: () => readonly string[]) => void;
  /** The resource the command works on, for error objects that do not name one. */
  readonly setTarget: (id: string) => void;
  /**
   * Asks before a destructive step: passes with `--yes`; on a terminal asks; without a terminal
   * refuses with a usage error (exit 2) before anything is sent.
   */
  readonly confirm: (question: string, yes: boolean | undefined) => Promise<void>;
  /** `vmrp` plus the global options that select the target, for commands printed to resume. */
  readonly commandPrefix: () => string;
  /** This very command line, quoted, for commands that resume by running again (`restore-vm`). */
  readonly rerunCommand: () => string;
}

/** The identity authority of each cloud, so a credential signs in against its own cloud. */
export const AUTHORITY_HOSTS: Readonly<Record<AzureCloud, string>> = {
  AzurePublicCloud: "https://login.microsoftonline.com",
  AzureChinaCloud: "https://login.chinacloudapi.cn",
  AzureUSGovernment: "https://login.microsoftonline.us",
};

/** The ARM endpoint of each cloud (for messages; the SDK picks the same from `cloud`). */
export const ARM_ENDPOINTS: Readonly<Record<AzureCloud, string>> = {
  AzurePublicCloud: "https://management.azure.com",
  AzureChinaCloud: "https://management.chinacloudapi.cn",
  AzureUSGovernment: "https://management.usgovcloudapi.net",
};

/** The endpoint the client talks to, for "cannot reach ..." messages. */
export function endpointOf(globals: GlobalOptions): string {
  if (globals.endpoint !== undefined) return globals.endpoint;
  const emulatorFile = emulatorFileOf(globals);
  if (emulatorFile !== undefined) {
    try {
      return readConnectionFile(emulatorFile).url;
    } catch {
      return "the emulator";
    }
  }
  return ARM_ENDPOINTS[globals.cloud ?? "AzurePublicCloud"];
}

export function emulatorFileOf(globals: GlobalOptions): string | undefined {
  const file = globals.emulator ?? process.env["VMRP_EMULATOR"];
  return file === undefined || file === "" ? undefined : file;
}

/**
 * The sign-in authority `DefaultAzureCredential` uses (for "cannot reach ..." messages): the
 * cloud's under `--cloud`, else `AZURE_AUTHORITY_HOST` as identity reads it, else the public cloud's.
 * None with the emulator, which needs no sign-in.
 */
export function authorityOf(globals: GlobalOptions): string | undefined {
  if (emulatorFileOf(globals) !== undefined) return undefined;
  if (globals.cloud !== undefined) return AUTHORITY_HOSTS[globals.cloud];
  const fromEnv = process.env["AZURE_AUTHORITY_HOST"];
  return fromEnv === undefined || fromEnv === "" ? AUTHORITY_HOSTS.AzurePublicCloud : fromEnv;
}

/** Options for `DefaultAzureCredential` under `--cloud`. */
export function credentialOptions(cloud: AzureCloud | undefined): { authorityHost?: string } {
  return cloud === undefined ? {} : { authorityHost: AUTHORITY_HOSTS[cloud] };
}

function copyRegions(globals: GlobalOptions): Pick<RestorePointClientOptions, "copyRegions"> {
  const value = globals.copyRegions;
  if (value === undefined) return {};
  if (value.toLowerCase() === "any") return { copyRegions: "any" };
  const regions = value
    .split(",")
    .map((r) => r.trim())
    .filter((r) => r !== "");
  if (regions.length === 0) throw new UsageError("--copy-regions expects 'any' or a comma-separated list.");
  return { copyRegions: regions };
}

export async function buildClient(
  globals: GlobalOptions,
  witness?: ResourceWitness,
): Promise<RestorePointClient> {
  const common: RestorePointClientOptions = {
    ...pollInterval(globals),
    ...copyRegions(globals),
    ...(witness === undefined
      ? {}
      : { additionalPolicies: [{ policy: witness.policy, position: "perCall" }] }),
  };
  const emulatorFile = emulatorFileOf(globals);
  if (emulatorFile !== undefined) {
    const connection = readConnectionFile(emulatorFile);
    const credential: TokenCredential = {
      getToken: () => Promise.resolve({ token: connection.token, expiresOnTimestamp: Date.now() + 3600_000 }),
    };
    const options: RestorePointClientOptions = {
      ...(connection.replicationPollIntervalInMs === undefined
        ? {}
        : { replicationPollIntervalInMs: connection.replicationPollIntervalInMs }),
      ...common,
      endpoint: globals.endpoint ?? connection.url,
      tlsOptions: { ca: connection.certificatePem },
      credentialScopes: [`${connection.url}/.default`],
    };
    return new RestorePointClient(globals.subscription ?? connection.subscriptionId, credential, options);
  }
  const subscription = globals.subscription ?? process.env["AZURE_SUBSCRIPTION_ID"];
  if (subscription === undefined || subscription === "") {
    throw new UsageError(
      "No subscription: pass --subscription <id>, set AZURE_SUBSCRIPTION_ID, or use --emulator <file>.",
    );
  }
  const { DefaultAzureCredential } = await loadIdentity();
  const options: RestorePointClientOptions = { ...common };
  if (globals.endpoint !== undefined) options.endpoint = globals.endpoint;
  if (globals.cloud !== undefined) options.cloud = globals.cloud;
  return new RestorePointClient(
    subscription,
    new DefaultAzureCredential(credentialOptions(globals.cloud)),
    options,
  );
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
