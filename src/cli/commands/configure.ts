/**
 * `vmrp configure --defaults group=rg location=westeurope` and `vmrp configure --list-defaults`,
 * as `az configure` does (see config.ts for where the file lives and what wins over it).
 */
import type { Command } from "commander";
import {
  configFile,
  DEFAULT_KEYS,
  parseDefaults,
  readConfig,
  writeConfig,
  type DefaultKey,
} from "../config.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exitCodes.js";

export function registerConfigureCommand(program: Command, context: CliContext): void {
  program
    .command("configure")
    .description(
      "Set defaults for -g and -l (stored in the user's config directory; AZURE_DEFAULTS_GROUP and AZURE_DEFAULTS_LOCATION win over them).",
    )
    .option(
      "--defaults <key=value...>",
      "set defaults: group=<resource group>, location=<region>; an empty value removes one",
    )
    .option("-l, --list-defaults", "print the defaults and where each comes from")
    .addHelpText(
      "after",
      "\nExamples:\n  $ vmrp configure --defaults group=rg location=westeurope\n  $ vmrp configure --list-defaults",
    )
    .action((o: { defaults?: string[]; listDefaults?: boolean }) => {
      if (o.defaults === undefined && o.listDefaults !== true) {
        throw new UsageError("Give --defaults key=value... or --list-defaults.");
      }
      if (o.defaults !== undefined) {
        const changes = parseDefaults(o.defaults);
        const config = readConfig();
        const merged = { ...config.defaults, ...changes };
        const defaults = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== ""));
        const file = writeConfig({ ...config, defaults });
        context.printer.aside(`Saved to ${file}.`);
      }
      const stored = readConfig().defaults ?? {};
      const rows = (Object.keys(DEFAULT_KEYS) as DefaultKey[]).flatMap((key) => {
        const fromEnv = process.env[DEFAULT_KEYS[key]];
        if (fromEnv !== undefined && fromEnv !== "")
          return [{ name: key, value: fromEnv, source: DEFAULT_KEYS[key] }];
        const value = stored[key];
        return value === undefined ? [] : [{ name: key, value, source: configFile() }];
      });
      context.printer.rows(rows, [
        { header: "NAME", value: (r) => r.name },
        { header: "VALUE", value: (r) => r.value },
        { header: "SOURCE", value: (r) => r.source },
      ]);
    });
}
