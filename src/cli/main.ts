/**
 * `vmrp`: the command line over the SDK. `run(argv)` parses, dispatches and returns the exit code;
 * errors become one line on stderr (a JSON object with `--output json`) and a code from
 * {@link EXIT} that says what kind of failure it was.
 */
import { createInterface } from "node:readline/promises";
import { getLogLevel, setLogLevel } from "@azure/logger";
import { Command, Option } from "commander";
import type { RestorePointClient } from "../index.js";
import { registerCommands } from "./commands/index.js";
import { defaultValue } from "./config.js";
import {
  authorityOf,
  buildClient,
  emulatorFileOf,
  endpointOf,
  type CliContext,
  type GlobalOptions,
} from "./context.js";
import { EXIT, EXIT_CODE_DOCS, UsageError } from "./exitCodes.js";
import { OUTPUT_FORMATS } from "./formats.js";
import { Printer } from "./output.js";
import { parseInteger } from "./parsers.js";
import { shellQuote } from "./quote.js";
import { reportError } from "./report.js";
import { packageVersion } from "./version.js";
import { ResourceWitness } from "./witness.js";

export interface RunIo {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  /** Whether standard input is a terminal (default: `process.stdin.isTTY`). */
  readonly stdinIsTTY?: boolean;
  /** Asks a question on the terminal and returns the answer (default: readline on stdin/stderr). */
  readonly ask?: (question: string) => Promise<string>;
  /** Environment for defaults (default: `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

/** Help and docs are wrapped at this width everywhere, so `docs/cli.md` matches `--help`. */
export const HELP_WIDTH = 100;

interface ProgramState {
  printer: Printer;
  client: Promise<RestorePointClient> | undefined;
  controller: AbortController | undefined;
  interruptNotice: () => readonly string[];
  target: string | undefined;
}

/** Builds the whole command tree (also used to generate docs/cli.md). */
export function createProgram(
  io: RunIo = {},
  argv: readonly string[] = [],
): {
  program: Command;
  context: CliContext;
  state: ProgramState;
  dispose: () => void;
} {
  const stdout = io.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => process.stderr.write(text));
  const env = io.env ?? process.env;
  const program = new Command("vmrp");
  const witness = new ResourceWitness();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  const state: ProgramState = {
    printer: new Printer({ format: "table", write: stdout, writeErr: stderr }),
    client: undefined,
    controller: undefined,
    interruptNotice: () => [],
    target: undefined,
  };
  const context: CliContext = {
    get printer() {
      return state.printer;
    },
    globals,
    progressEnabled: () =>
      globals().progress &&
      state.printer.forPeople &&
      globals().onlyShowErrors !== true &&
      process.stderr.isTTY,
    client: () => (state.client ??= buildClient(globals(), witness)),
    witness,
    defaults: (key) => defaultValue(key, env),
    abortSignal: () => {
      if (state.controller === undefined) {
        const controller = new AbortController();
        state.controller = controller;
        process.on("SIGINT", onSigint);
      }
      return state.controller.signal;
    },
    setInterruptNotice: (lines) => {
      state.interruptNotice = lines;
    },
    setTarget: (id) => {
      state.target = id;
    },
    confirm: async (question, yes) => {
      if (yes === true) return;
      const tty = io.stdinIsTTY ?? process.stdin.isTTY;
      if (!tty) {
        throw new UsageError(
          `${question} Standard input is not a terminal, so nobody can confirm: nothing was sent. Pass --yes (-y) to go ahead.`,
        );
      }
      const answer = await (io.ask ?? askOnTerminal)(`${question} Continue? [y/N] `);
      if (!/^y(es)?$/i.test(answer.trim())) throw new UsageError("Not confirmed; nothing was sent.");
    },
    commandPrefix: () => {
      const g = globals();
      const parts = ["vmrp"];
      const file = emulatorFileOf(g);
      if (file !== undefined) parts.push("--emulator", file);
      if (g.subscription !== undefined) parts.push("--subscription", g.subscription);
      if (g.endpoint !== undefined) parts.push("--endpoint", g.endpoint);
      if (g.cloud !== undefined) parts.push("--cloud", g.cloud);
      return parts.map(shellQuote).join(" ");
    },
    rerunCommand: () => ["vmrp", ...argv].map(shellQuote).join(" "),
  };
  function onSigint(): void {
    // A second Ctrl-C leaves at once; the first stops the waiting and lets the command say what runs on.
    if (state.controller?.signal.aborted === true) process.exit(EXIT.interrupted);
    state.controller?.abort();
  }

  program
    .description(
      "Azure VM restore points: collections, restore points, disk restore points, copy, restore, SAS, retention.",
    )
    .version(packageVersion(), "-v, --version", "print the package version")
    .option("--subscription <id>", "Azure subscription id (default: AZURE_SUBSCRIPTION_ID)")
    .option("--endpoint <url>", "Resource Manager endpoint (default: the cloud's)")
    .addOption(
      new Option("--cloud <name>", "Azure cloud: its ARM endpoint and its sign-in authority").choices([
        "AzurePublicCloud",
        "AzureChinaCloud",
        "AzureUSGovernment",
      ]),
    )
    .option(
      "--emulator <file>",
      "use the emulator described by this connection file (see 'vmrp emulator'; env VMRP_EMULATOR)",
    )
    .addOption(new Option("-o, --output <format>", "output format").choices(OUTPUT_FORMATS).default("table"))
    .option("--query <jmespath>", "JMESPath query applied to the JSON result before formatting")
    .option(
      "--poll-interval-ms <ms>",
      "how often to poll long-running operations and copy progress (default 2000 and 60000)",
      parseInteger("--poll-interval-ms", 0),
    )
    .option(
      "--copy-regions <regions>",
      "regions allowed for cross-region copy, comma-separated, or 'any' to skip the region check",
    )
    .option("--no-progress", "do not draw progress bars (never drawn when stderr is not a terminal)")
    .option("--only-show-errors", "print only errors on stderr (no notes, warnings or SDK logs)")
    .option("--verbose", "SDK log level info, and details of errors")
    .option("--debug", "SDK log level verbose (every request), and details of errors")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureHelp({ helpWidth: HELP_WIDTH })
    .configureOutput({ writeOut: stdout, writeErr: stderr })
    .addHelpText(
      "after",
      `\nExit codes:\n${EXIT_CODE_DOCS.map(([code, text]) => `  ${String(code).padStart(3)}  ${text.replace(/`/g, "")}`).join("\n")}`,
    )
    .hook("preAction", () => {
      // Ctrl-C is ours from the start of every command, so it can never kill one half-way in silence.
      context.abortSignal();
      const g = globals();
      state.printer = new Printer({
        format: g.output,
        query: g.query,
        quiet: g.onlyShowErrors === true,
        color: process.stdout.isTTY && env["NO_COLOR"] === undefined,
        write: stdout,
        writeErr: stderr,
      });
      if (g.debug === true) setLogLevel("verbose");
      else if (g.verbose === true) setLogLevel("info");
      else if (g.onlyShowErrors === true) setLogLevel("error");
    });
  registerCommands(program, context);
  const dispose = (): void => {
    if (state.controller !== undefined) process.off("SIGINT", onSigint);
  };
  return { program, context, state, dispose };
}

export async function run(argv: readonly string[], io: RunIo = {}): Promise<number> {
  const stderr = io.stderr ?? ((text: string) => process.stderr.write(text));
  const { program, state, dispose } = createProgram(io, argv);
  const logLevel = getLogLevel();
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    const g = program.opts<GlobalOptions>();
    const interrupted = state.controller?.signal.aborted === true;
    return reportError(interrupted ? abortError(error) : error, {
      stderr,
      verbose: g.verbose === true || g.debug === true,
      json: g.output === "json" || g.output === "jsonc",
      endpoint: safeEndpoint(g),
      authority: authorityOf(g),
      target: state.target,
      interruptNotice: interrupted ? state.interruptNotice() : [],
    });
  } finally {
    dispose();
    setLogLevel(logLevel);
  }
}

function safeEndpoint(g: GlobalOptions): string | undefined {
  try {
    return endpointOf(g);
  } catch {
    return undefined;
  }
}

/** Whatever the SDK threw after Ctrl-C, the command was interrupted. */
function abortError(error: unknown): Error {
  if (error instanceof Error && error.name === "AbortError") return error;
  const wrapped = new Error(error instanceof Error ? error.message : String(error), { cause: error });
  wrapped.name = "AbortError";
  return wrapped;
}

async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
