/**
 * `vmrp configure --defaults group=rg location=westeurope`: defaults kept in a small JSON file in the
 * user's config directory, read like `az` reads its own. Precedence, highest first: the command-line
 * flag, `AZURE_DEFAULTS_GROUP` / `AZURE_DEFAULTS_LOCATION`, the config file.
 *
 * The file lives in `$VMRP_CONFIG_DIR` (for tests and sandboxes), else `%APPDATA%\vmrp` on Windows,
 * else `$XDG_CONFIG_HOME/vmrp`, else `~/.config/vmrp`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { UsageError } from "./exitCodes.js";

/** The defaults `configure` knows, with the environment variable `az` reads for each. */
export const DEFAULT_KEYS = {
  group: "AZURE_DEFAULTS_GROUP",
  location: "AZURE_DEFAULTS_LOCATION",
} as const;
export type DefaultKey = keyof typeof DEFAULT_KEYS;

export interface CliConfig {
  defaults?: Partial<Record<DefaultKey, string>>;
}

export function configDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const override = env["VMRP_CONFIG_DIR"];
  if (override !== undefined && override !== "") return override;
  if (platform === "win32" && env["APPDATA"] !== undefined && env["APPDATA"] !== "")
    return join(env["APPDATA"], "vmrp");
  const xdg = env["XDG_CONFIG_HOME"];
  return join(xdg !== undefined && xdg !== "" ? xdg : join(homedir(), ".config"), "vmrp");
}

export function configFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), "config.json");
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const file = configFile(env);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new UsageError(`Cannot read the config file ${file}: ${(error as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as CliConfig;
    return typeof parsed === "object" && (parsed as unknown) !== null ? parsed : {};
  } catch {
    throw new UsageError(`The config file ${file} is not valid JSON; fix or delete it.`);
  }
}

export function writeConfig(config: CliConfig, env: NodeJS.ProcessEnv = process.env): string {
  mkdirSync(configDir(env), { recursive: true });
  const file = configFile(env);
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/** A default value: the environment variable first, then the config file. */
export function defaultValue(key: DefaultKey, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env[DEFAULT_KEYS[key]];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const fromFile = readConfig(env).defaults?.[key];
  return fromFile === "" ? undefined : fromFile;
}

/** Parses `key=value` pairs of `--defaults`; an empty value removes the default, as in `az`. */
export function parseDefaults(pairs: readonly string[]): Partial<Record<DefaultKey, string>> {
  const result: Partial<Record<DefaultKey, string>> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const key = at < 0 ? pair : pair.slice(0, at);
    if (!(key in DEFAULT_KEYS)) {
      throw new UsageError(
        `--defaults: unknown key '${key}'; known keys: ${Object.keys(DEFAULT_KEYS).join(", ")} (as key=value).`,
      );
    }
    if (at < 0) throw new UsageError(`--defaults expects key=value, got '${pair}'.`);
    result[key as DefaultKey] = pair.slice(at + 1);
  }
  return result;
}
