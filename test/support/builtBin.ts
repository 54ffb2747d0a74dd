/**
 * The `vmrp` bin as users run it: bundled JavaScript (esbuild, as scripts/bundle.ts does for the
 * package, here from the TypeScript sources in one step) executed by a plain `node`, in a child
 * process with its own stdin/stdout/stderr. Built once per test worker into temp/, with a source
 * map, so that `npm run coverage:cli` can map the children's V8 coverage back to src/cli.
 *
 * Children write V8 coverage to `$VMRP_CHILD_COVERAGE` when it is set (see scripts/cli-coverage.ts).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const repo = resolve(import.meta.dirname, "../..");
let built: Promise<string> | undefined;

export function builtBin(): Promise<string> {
  built ??= (async () => {
    mkdirSync(join(repo, "temp"), { recursive: true });
    const dir = mkdtempSync(join(repo, "temp", "cli-bin-"));
    const outfile = join(dir, "vmrp.mjs");
    await build({
      entryPoints: [join(repo, "src", "cli", "bin.ts")],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      sourcemap: true,
      sourcesContent: true,
      logLevel: "error",
    });
    return outfile;
  })();
  return built;
}

export interface SpawnResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

/** Environment for a child `vmrp`: coverage when asked for, no inherited emulator or defaults. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env["VMRP_EMULATOR"];
  delete env["AZURE_DEFAULTS_GROUP"];
  delete env["AZURE_DEFAULTS_LOCATION"];
  delete env["NODE_OPTIONS"];
  const coverage = process.env["VMRP_CHILD_COVERAGE"];
  if (coverage !== undefined && coverage !== "") env["NODE_V8_COVERAGE"] = coverage;
  return { ...env, ...extra };
}

/** Runs the built bin with `args`; stdin is a pipe (not a terminal), closed after `input`. */
export async function spawnVmrp(args: readonly string[], options: SpawnOptions = {}): Promise<SpawnResult> {
  const bin = await builtBin();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? repo,
      env: childEnv(options.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}
