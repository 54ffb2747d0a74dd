/**
 * Second build step, after tshy: turns the one-file-per-module JavaScript that tsc wrote into one
 * bundle per entry point (plus shared chunks for ESM), so that importing the package reads a few
 * files instead of about a hundred. Loading ~100 small ES modules cost more than everything else in
 * a cold import (see bench/coldImport.ts); the bundles halve our share of it.
 *
 * - Input is tsc's ESM output for both dialects: esbuild turns it into CommonJS with the export
 *   names annotated for Node's CJS lexer, which bundling tsc's CommonJS output would not give.
 * - Dependencies stay external (`packages: "external"`): users get security fixes of the Azure core
 *   packages through their own installs, and there is a single copy of each in their tree.
 * - The declaration files (`.d.ts`, `.d.ts.map`) stay as tsc wrote them: API Extractor and editors
 *   read them; only the JavaScript and its maps are replaced.
 * - Source maps chain through tsc's maps to `src/`, and carry the sources' text so that stack traces
 *   and debuggers work from the installed package, which does not ship `src/`.
 */
import { build, type Format } from "esbuild";
import { readdir, rm, rename, mkdir } from "node:fs/promises";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const esmInput = join(dist, "esm");

interface Dialect {
  readonly dir: "esm" | "commonjs";
  readonly format: Format;
  readonly entries: readonly string[];
  /** Shared chunks between entries; esbuild supports them for ESM only. */
  readonly splitting: boolean;
}

/** Per dialect: the entry points that package.json `exports` and `bin` name. */
const DIALECTS: readonly Dialect[] = [
  { dir: "esm", format: "esm", entries: ["index.js", "emulator/index.js", "cli/bin.js"], splitting: true },
  // The `vmrp` bin runs the ESM build, so CommonJS carries only the two importable entries.
  { dir: "commonjs", format: "cjs", entries: ["index.js", "emulator/index.js"], splitting: false },
];

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** tsc's per-module JavaScript and maps; declarations and the dialect's package.json are kept. */
function isModuleOutput(path: string): boolean {
  return /\.js(\.map)?$/.test(path);
}

async function bundle({ dir, format, entries, splitting }: Dialect): Promise<string> {
  const staging = join(dist, `.bundle-${dir}`);
  await rm(staging, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: entries.map((e) => join(esmInput, e)),
    outbase: esmInput,
    outdir: staging,
    bundle: true,
    splitting,
    chunkNames: "chunks/[name]-[hash]",
    format,
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: true,
    sourcesContent: true,
    // No `keepNames`: it wraps every function, closures made per item included, in a naming call,
    // which showed in listing profiles. Error classes set `name` as literals, so nothing depends on it.
    logLevel: "warning",
  });
  return staging;
}

async function replace(dir: string, staging: string): Promise<void> {
  const target = join(dist, dir);
  for await (const path of walk(target)) if (isModuleOutput(path)) await rm(path);
  for await (const path of walk(staging)) {
    const to = join(target, relative(staging, path));
    await mkdir(dirname(to), { recursive: true });
    await rename(path, to);
  }
  await rm(staging, { recursive: true, force: true });
}

// Bundle both dialects from the ESM input first, then swap the outputs in.
const staged: [string, string][] = [];
for (const dialect of DIALECTS) staged.push([dialect.dir, await bundle(dialect)]);
for (const [dir, staging] of staged) await replace(dir, staging);

// Empty directories left behind by removed modules (those without declarations) are pruned.
async function pruneEmpty(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await pruneEmpty(join(dir, entry.name));
  }
  if ((await readdir(dir)).length === 0) await rm(dir, { recursive: true });
}
await pruneEmpty(dist);
