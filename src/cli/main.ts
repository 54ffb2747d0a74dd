/**
 * `vmrp`: the command line over the SDK. `run(argv)` parses, dispatches and returns the exit code;
 * errors become one line on stderr and a code from {@link EXIT} that says what kind of failure it was.
 */
import { Command, CommanderError, Option } from "commander";
import { isRestError, isRestorePointError, type RestorePointClient } from "../index.js";
import { registerCommands } from "./commands/index.js";
import { buildClient, type CliContext, type GlobalOptions } from "./context.js";
import { EXIT, UsageError } from "./exitCodes.js";
import { Printer } from "./output.js";
import { parseInteger } from "./parsers.js";
import { redact } from "./redact.js";

export interface RunIo {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
}

export async function run(argv: readonly string[], io: RunIo = {}): Promise<number> {
  const stdout = io.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => process.stderr.write(text));
  const program = new Command("vmrp");
  let printer = new Printer("table", stdout, stderr);
  let client: Promise<RestorePointClient> | undefined;
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  const context: CliContext = {
    get printer() {
      return printer;
    },
    globals,
    progressEnabled: () => globals().progress && globals().output === "table" && process.stderr.isTTY,
    client: () => (client ??= buildClient(globals())),
  };
  program
    .description(
      "Azure VM restore points: collections, restore points, disk restore points, copy, restore, SAS, retention.",
    )
    .option("--subscription <id>", "Azure subscription id (default: AZURE_SUBSCRIPTION_ID)")
    .option("--endpoint <url>", "Resource Manager endpoint (default: the cloud's)")
    .addOption(
      new Option("--cloud <name>", "Azure cloud").choices([
        "AzurePublicCloud",
        "AzureChinaCloud",
        "AzureUSGovernment",
      ]),
    )
    .option(
      "--emulator <file>",
      "use the emulator described by this connection file (see 'vmrp emulator'; env VMRP_EMULATOR)",
    )
    .addOption(new Option("--output <format>", "output format").choices(["table", "json"]).default("table"))
    .option(
      "--poll-interval-ms <ms>",
      "how often to poll long-running operations and copy progress (default 2000 and 60000)",
      parseInteger("--poll-interval-ms", 0),
    )
    .option("--no-progress", "do not draw progress bars (never drawn when stderr is not a terminal)")
    .option("--verbose", "print details of errors", false)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: stdout, writeErr: stderr })
    .hook("preAction", () => {
      printer = new Printer(globals().output, stdout, stderr);
    });
  registerCommands(program, context);
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    return report(error, stderr, globals().verbose);
  }
}

function report(error: unknown, stderr: (text: string) => void, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version "errors" are successful exits; commander already printed the text.
    if (error.exitCode === 0) return EXIT.ok;
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  const line = (prefix: string): void => {
    stderr(`${prefix}${redact(message)}\n`);
    if (verbose && error instanceof Error && error.stack !== undefined) stderr(`${redact(error.stack)}\n`);
  };
  if (error instanceof UsageError || error instanceof TypeError || error instanceof RangeError) {
    line("vmrp: ");
    return EXIT.usage;
  }
  if (isRestorePointError(error)) {
    line(`vmrp: ${error.code}: `);
    return error.code === "OperationFailed" ? EXIT.service : EXIT.rule;
  }
  if (isRestError(error)) {
    line(`vmrp: ${error.code ?? `HTTP ${error.statusCode ?? "error"}`}: `);
    return EXIT.service;
  }
  if (error instanceof Error && error.name === "AbortError") {
    line("vmrp: interrupted: ");
    return EXIT.interrupted;
  }
  line("vmrp: ");
  return EXIT.failure;
}
