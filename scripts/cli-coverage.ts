/**
 * `npm run coverage:cli`: line coverage of src/cli counting both kinds of test runs, the in-process
 * ones (`run(argv)`, measured by vitest's v8 coverage) and the spawned `vmrp` processes (the built
 * bin in child processes, which vitest cannot see).
 *
 * The children write V8 coverage through `NODE_V8_COVERAGE` (test/support/builtBin.ts passes
 * `$VMRP_CHILD_COVERAGE` on); this script maps it through the bundle's source map to src/ with
 * ast-v8-to-istanbul (the converter vitest itself uses), merges it with vitest's istanbul JSON,
 * prints a summary, writes coverage/cli/html, and fails below {@link THRESHOLD} % of lines.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "acorn";
import convert from "ast-v8-to-istanbul";

/** The parts of the istanbul libraries (dependencies of @vitest/coverage-v8, untyped) used here. */
interface CoverageMap {
  merge(data: object): void;
  filter(keep: (file: string) => boolean): void;
  getCoverageSummary(): { lines: { pct: number } };
}
const require = createRequire(import.meta.url);
const libCoverage = require("istanbul-lib-coverage") as { createCoverageMap(data: object): CoverageMap };
const libReport = require("istanbul-lib-report") as {
  createContext(options: { dir: string; coverageMap: CoverageMap }): unknown;
};
const reports = require("istanbul-reports") as {
  create(name: string, options?: object): { execute(context: unknown): void };
};

const THRESHOLD = 85;
const root = resolve(import.meta.dirname, "..");
const out = join(root, "coverage", "cli");
const childDir = join(out, "v8");
const inProcessDir = join(out, "in-process");
const isCli = (file: string): boolean => relative(root, file).split("\\").join("/").startsWith("src/cli/");

rmSync(out, { recursive: true, force: true });
mkdirSync(childDir, { recursive: true });
for (const entry of existsSync(join(root, "temp")) ? readdirSync(join(root, "temp")) : []) {
  if (entry.startsWith("cli-bin-")) rmSync(join(root, "temp", entry), { recursive: true, force: true });
}

const vitest = spawnSync(
  process.execPath,
  [
    join(root, "node_modules", "vitest", "vitest.mjs"),
    "run",
    "test/cli/",
    "--coverage.enabled=true",
    "--coverage.include=src/cli/**",
    "--coverage.reporter=json",
    `--coverage.reportsDirectory=${inProcessDir}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: "inherit", env: { ...process.env, VMRP_CHILD_COVERAGE: childDir } },
);
if (vitest.status !== 0) process.exit(vitest.status ?? 1);

const map = libCoverage.createCoverageMap(
  JSON.parse(readFileSync(join(inProcessDir, "coverage-final.json"), "utf8")) as object,
);

interface ScriptCoverage {
  url: string;
  functions: {
    functionName: string;
    isBlockCoverage: boolean;
    ranges: { startOffset: number; endOffset: number; count: number }[];
  }[];
}

const bundles = new Map<string, { code: string; sourceMap: unknown }>();
let children = 0;
for (const file of readdirSync(childDir).filter((f) => f.endsWith(".json"))) {
  const { result } = JSON.parse(readFileSync(join(childDir, file), "utf8")) as { result: ScriptCoverage[] };
  for (const script of result) {
    if (!script.url.startsWith("file:") || !/\/temp\/cli-bin-[^/]+\/vmrp\.mjs$/.test(script.url)) continue;
    const path = fileURLToPath(script.url);
    let bundle = bundles.get(path);
    if (bundle === undefined) {
      bundle = {
        code: readFileSync(path, "utf8"),
        sourceMap: JSON.parse(readFileSync(`${path}.map`, "utf8")) as unknown,
      };
      bundles.set(path, bundle);
    }
    children++;
    const data = await convert({
      code: bundle.code,
      ast: parse(bundle.code, { ecmaVersion: "latest", sourceType: "module", locations: true }) as never,
      coverage: { url: script.url, functions: script.functions },
      sourceMap: bundle.sourceMap as never,
    });
    const cli = Object.fromEntries(Object.entries(data).filter(([source]) => isCli(source)));
    map.merge(cli);
  }
}
map.filter((file) => isCli(file));

const context = libReport.createContext({ dir: join(out, "html"), coverageMap: map });
reports.create("text-summary").execute(context);
reports.create("html").execute(context);
reports.create("text", { file: "coverage.txt" }).execute(context);
const lines = map.getCoverageSummary().lines.pct;
console.log(
  `\nsrc/cli lines: ${lines.toFixed(2)} % (in-process runs plus ${children} spawned vmrp processes); threshold ${THRESHOLD} %`,
);
console.log(`report: ${relative(root, join(out, "html", "index.html"))}`);
if (lines < THRESHOLD) process.exit(1);
