/**
 * The npm package as users get it: build and `npm pack` once, check what the tarball holds, install
 * it into a throwaway project and use both entries (SDK and emulator) from ESM and from CommonJS,
 * and run the `vmrp` bin from the packed files.
 *
 * The build runs in a staged copy of the project (under `temp/`), not in the working tree: tshy
 * rewrites `package.json`, toggles `src/package.json` and replaces `dist/` while it runs, which would
 * race with other test files and with other people editing the tree.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const execFileAsync = promisify(execFile);
const repo = resolve(import.meta.dirname, "../..");
const PKG = "azure-vm-restore-points";
/** Top-level entries not staged: installed or generated, or scratch space (the stage lives in temp/). */
const NOT_STAGED = new Set(["node_modules", ".git", "dist", "temp", "coverage", ".tshy-build"]);

interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

let work: string;
let consumer: string;
let installed: string;
let packed: PackResult;

/** Runs a command; a failure carries its stdout too (tsc prints its errors there). */
async function sh(file: string, args: string[], cwd: string, timeout = 60_000): Promise<string> {
  try {
    return (await execFileAsync(file, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(" ")} failed:\n${(stdout + stderr).slice(-6000)}`, { cause: error });
  }
}

/** The same scenario for both module systems; `where` tells which file a specifier resolved to. */
const SCENARIO = `
const emu = await startEmulator({ operationDelayMs: 5 });
try {
  const vm = await emu.addVm({ resourceGroup: "rg", name: "app", location: "eastus", dataDisks: [{ lun: 0 }] });
  const client = new RestorePointClient(emu.subscriptionId, emu.credential, {
    ...emu.clientOptions,
    updateIntervalInMs: 5,
  });
  const collection = client.getCollectionClient("rg", "app-rpc");
  const created = await collection.create({ location: "eastus", sourceVmId: vm.id });
  const point = await collection.getRestorePointClient("rp-1").beginCreate();
  const refused = await collection
    .getRestorePointClient("rp-2")
    .beginCreate({ excludeDiskIds: [vm.osDiskId + "-not-attached"] })
    .then(() => undefined, (error) => error);
  console.log(JSON.stringify({
    main: where("${PKG}"),
    emulator: where("${PKG}/emulator"),
    collection: created.name,
    point: point.name,
    state: point.provisioningState,
    disks: point.diskRestorePoints.length,
    parsed: parseResourceId(point.id),
    refused: isRestorePointError(refused, "InvalidExcludedDisk"),
  }));
} finally {
  await emu.close();
}`;

const ESM = `import { fileURLToPath } from "node:url";
import { RestorePointClient, parseResourceId, isRestorePointError } from "${PKG}";
import { startEmulator } from "${PKG}/emulator";
const where = (specifier) => fileURLToPath(import.meta.resolve(specifier));
${SCENARIO}
`;

const CJS = `"use strict";
const { RestorePointClient, parseResourceId, isRestorePointError } = require("${PKG}");
const { startEmulator } = require("${PKG}/emulator");
const where = (specifier) => require.resolve(specifier);
(async () => {${SCENARIO}
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

beforeAll(async () => {
  await mkdir(join(repo, "temp"), { recursive: true });
  // Inside the repo, so that the packed copy finds its dependencies in the repo's node_modules.
  work = await mkdtemp(join(repo, "temp", "pack-"));
  const stage = join(work, "stage");
  for (const entry of await readdir(repo)) {
    if (!NOT_STAGED.has(entry)) await cp(join(repo, entry), join(stage, entry), { recursive: true });
  }
  await sh("npm", ["run", "build"], stage, 240_000);
  const [result] = JSON.parse(await sh("npm", ["pack", "--json", "--pack-destination", work], stage)) as [
    PackResult,
  ];
  packed = result;
  consumer = join(work, "consumer");
  installed = join(consumer, "node_modules", PKG);
  await mkdir(installed, { recursive: true });
  await sh("tar", ["-xzf", join(work, packed.filename), "-C", installed, "--strip-components=1"], work);
  // Without a package.json of its own the consumer sits in the repo's package scope, and Node would
  // resolve "azure-vm-restore-points" to the repo itself (package self-reference), not to the packed copy.
  await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "pack-consumer", private: true }));
  await writeFile(join(consumer, "esm.mjs"), ESM);
  await writeFile(join(consumer, "cjs.cjs"), CJS);
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("holds the dual build, package.json, README and CHANGELOG, and nothing users do not need", () => {
    const paths = packed.files.map((f) => f.path);
    for (const dialect of ["esm", "commonjs"]) {
      for (const file of ["index.js", "index.d.ts", "emulator/index.js", "emulator/index.d.ts"]) {
        expect(paths).toContain(`dist/${dialect}/${file}`);
      }
    }
    // The bin runs the ESM build only.
    expect(paths).toContain("dist/esm/cli/bin.js");
    // Bundled: one file per entry point, not one per source module (see scripts/bundle.ts).
    const javascript = paths.filter((p) => p.endsWith(".js"));
    expect(javascript.filter((p) => p.startsWith("dist/esm/")).sort()).toEqual([
      "dist/esm/cli/bin.js",
      "dist/esm/emulator/index.js",
      "dist/esm/index.js",
    ]);
    expect(javascript.filter((p) => p.startsWith("dist/commonjs/")).sort()).toEqual([
      "dist/commonjs/emulator/index.js",
      "dist/commonjs/index.js",
    ]);
    expect(paths).toEqual(expect.arrayContaining(["package.json", "README.md", "CHANGELOG.md"]));
    const unwanted = paths.filter(
      (p) =>
        /^(src|test|bench|docs|\.ci|review|temp|coverage|\.tshy)\//.test(p) ||
        /\.test\./.test(p) ||
        /(^|\/)tsconfig[^/]*$/.test(p) ||
        // TypeScript sources: declarations are fine, and maps are allowed (they carry the sources' text).
        (/\.[cm]?ts$/.test(p) && !/\.d\.[cm]?ts$/.test(p)),
    );
    expect(unwanted).toEqual([]);
    expect(packed.files.filter((f) => f.size > 1_000_000)).toEqual([]);
    console.info(
      `${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KiB packed, ` +
        `${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked`,
    );
  });
});

describe("the packed package in a consumer project", () => {
  async function runScenario(file: string): Promise<Record<string, unknown>> {
    const stdout = await sh(process.execPath, [file], consumer, 60_000);
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as Record<string, unknown>;
  }
  const expected = {
    collection: "app-rpc",
    point: "rp-1",
    state: "Succeeded",
    disks: 2,
    parsed: { resourceGroup: "rg", name: "rp-1" },
    refused: true,
  };

  it("works from ESM, resolving the packed ESM build", async () => {
    const result = await runScenario("esm.mjs");
    expect(result).toMatchObject(expected);
    expect(result["main"]).toBe(join(installed, "dist", "esm", "index.js"));
    expect(result["emulator"]).toBe(join(installed, "dist", "esm", "emulator", "index.js"));
  });

  it("works from CommonJS, resolving the packed CommonJS build", async () => {
    const result = await runScenario("cjs.cjs");
    expect(result).toMatchObject(expected);
    expect(result["main"]).toBe(join(installed, "dist", "commonjs", "index.js"));
    expect(result["emulator"]).toBe(join(installed, "dist", "commonjs", "emulator", "index.js"));
  });

  it("maps stack traces to the TypeScript sources, whose text the maps carry", async () => {
    for (const map of packed.files.filter((f) => f.path.endsWith(".js.map"))) {
      const parsed = JSON.parse(await readFile(join(installed, map.path), "utf8")) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      expect(parsed.sourcesContent?.filter((text) => typeof text === "string")).toHaveLength(
        parsed.sources.length,
      );
    }
    const script = `import { RestorePointClient } from "${PKG}";
try { new RestorePointClient("", { getToken: async () => null }); }
catch (error) { console.log(error.stack); }`;
    const stack = await sh(
      process.execPath,
      ["--enable-source-maps", "--input-type=module", "-e", script],
      consumer,
    );
    expect(stack).toMatch(/^TypeError: /);
    expect(stack).toMatch(/src\/client\/restorePointClient\.ts:\d+:\d+/);
  });

  it("loads ajv, yaml and croner only when a protection policy is read (cold import cost)", async () => {
    // Every dependency loaded through `require` is in require.cache, which the CommonJS bundle uses
    // for all of its imports; the ESM run shows the lazy loads resolve from the ESM build too.
    const probe = (load: string) => `${load}
const loaded = () => [...new Set(Object.keys(require.cache)
  .map((k) => /node_modules[\\/](ajv|yaml|croner)[\\/]/.exec(k)?.[1]).filter(Boolean))].sort();
const before = loaded();
sdk.parseProtectionPolicy("name: gold\\nselector: { resourceGroups: [rg] }\\nschedule: { cron: '0 */4 * * *' }\\nretention: { keepLast: 3 }\\n");
console.log(JSON.stringify({ before, after: loaded() }));`;
    const cjs = await sh(process.execPath, ["-e", probe(`const sdk = require("${PKG}");`)], consumer);
    const esm = await sh(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        probe(`import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const sdk = await import("${PKG}");`),
      ],
      consumer,
    );
    for (const out of [cjs, esm]) {
      expect(JSON.parse(out.trim())).toEqual({ before: [], after: ["ajv", "croner", "yaml"] });
    }
  });

  it("ships a runnable vmrp bin", async () => {
    const manifest = JSON.parse(await readFile(join(installed, "package.json"), "utf8")) as {
      bin: Record<string, string>;
    };
    const bin = resolve(installed, manifest.bin["vmrp"] ?? "");
    expect(bin.startsWith(installed + sep)).toBe(true);
    expect(await readFile(bin, "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
    const help = await sh(process.execPath, [bin, "--help"], consumer);
    expect(help).toMatch(/^Usage: vmrp/);
    for (const command of ["collection", "restore-point", "disk-restore-point", "copy", "emulator", "demo"]) {
      expect(help).toMatch(new RegExp(`^ {2}${command}\\b`, "m"));
    }
    const unknown = await sh(process.execPath, [bin, "no-such-command"], consumer).then(
      () => "exit 0",
      (error: unknown) => String(error),
    );
    expect(unknown).toMatch(/unknown command/);
  });
});
