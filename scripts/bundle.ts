/**
 * Second build step, after tshy: turns the one-file-per-module JavaScript that tsc wrote into one
 * bundle per entry point, so that importing the package reads one file of ours instead of about a
 * hundred. Loading ~100 small ES modules cost more than everything else in
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
import { build, type Format, type Plugin } from "esbuild";
import { readdir, rm, rename, mkdir } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const esmInput = join(dist, "esm");

interface Dialect {
  readonly dir: "esm" | "commonjs";
  readonly format: Format;
  readonly entries: readonly string[];
}

/**
 * Per dialect: the entry points that package.json `exports` and `bin` name, each bundled on its
 * own into one file, so that importing the SDK reads one file of ours. (Splitting the rarely used
 * helpers into lazily loaded chunks was measured and saved nothing: V8 only pre-parses functions
 * that do not run.) The CLI imports the SDK and emulator entries at run time rather than carrying
 * copies of them (see `entriesStayExternal`).
 */
const DIALECTS: readonly Dialect[] = [
  { dir: "esm", format: "esm", entries: ["index.js", "emulator/index.js", "cli/bin.js"] },
  // The `vmrp` bin runs the ESM build, so CommonJS carries only the two importable entries.
  { dir: "commonjs", format: "cjs", entries: ["index.js", "emulator/index.js"] },
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

/**
 * The CLI (`cli/bin.js`) imports only the package's public entries; they stay separate files that
 * it loads at run time, so the bin is small and a process holds one copy of the SDK.
 */
function entriesStayExternal(importerEntry: string): Plugin {
  const publicEntries = new Map([
    [join(esmInput, "index.js"), "index.js"],
    [join(esmInput, "emulator", "index.js"), "emulator/index.js"],
  ]);
  const from = dirname(join(esmInput, importerEntry));
  return {
    name: "entries-stay-external",
    setup(onBuild) {
      onBuild.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = publicEntries.get(resolve(args.resolveDir, args.path));
        if (target === undefined) return undefined;
        return { path: relative(from, join(esmInput, target)).split(sep).join("/"), external: true };
      });
    },
  };
}

async function bundle({ dir, format, entries }: Dialect): Promise<string> {
  const staging = join(dist, `.bundle-${dir}`);
  await rm(staging, { recursive: true, force: true });
  // One run per entry: a run with several entries would share code between them in chunks.
  for (const entry of entries) {
    await build({
      absWorkingDir: root,
      entryPoints: [join(esmInput, entry)],
      plugins: entry.startsWith("cli/") ? [entriesStayExternal(entry)] : [],
      outbase: esmInput,
      outdir: staging,
      bundle: true,
      format,
      platform: "node",
      target: "node20",
      packages: "external",
      sourcemap: true,
      sourcesContent: true,
      // No `keepNames`: it wraps every function, closures made per item included, in a naming call,
      // which showed in listing profiles. Error classes set `name` as literals, so nothing depends on it.
      logLevel: "warning",
      // The CommonJS bundle is made from ESM input: give it the `import.meta.url` that
      // src/internal/lazyRequire.ts resolves dependencies from (tshy's -cjs.cts polyfill only
      // reaches tsc's CommonJS output, which this step replaces).
      ...(format === "cjs"
        ? {
            define: { "import.meta.url": "__importMetaUrl" },
            banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
          }
        : {}),
    });
  }
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
