/**
 * The built `vmrp` bin on a real pseudo-terminal, driven through test/support/run_in_pty.py (python3's
 * `pty` module, which works on Linux and macOS; util-linux `script` is not needed). A test reacts to
 * what the terminal shows (`when`) by typing (`type`), e.g. answering a prompt or pressing Ctrl-C.
 */
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { builtBin, childEnv } from "./builtBin.js";

const script = resolve(import.meta.dirname, "run_in_pty.py");

/** Whether python3 is there; tests skip visibly without it, except in CI where it must be. */
export const hasPython = spawnSync("python3", ["-c", "import pty"], { stdio: "ignore" }).status === 0;

export interface TerminalStep {
  /** Type once the output matches this. */
  readonly when: RegExp;
  /** What to type ("\u0003" is Ctrl-C). */
  readonly type: string;
}

export interface TerminalResult {
  readonly code: number | null;
  readonly output: string;
}

export async function inTerminal(
  args: readonly string[],
  steps: readonly TerminalStep[] = [],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<TerminalResult> {
  const bin = await builtBin();
  return new Promise((resolvePromise, reject) => {
    const child = spawn("python3", [script, process.execPath, bin, ...args], {
      env: childEnv({ COLUMNS: "120", TERM: "xterm", ...options.env }),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    const pending = [...steps];
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      while (pending[0] !== undefined && pending[0].when.test(output)) {
        child.stdin.write(pending[0].type);
        pending.shift();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, output });
    });
  });
}
