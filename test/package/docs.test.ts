/**
 * The documentation's command lines, run as written on the packed package in fresh projects:
 * the README's CLI section (a shell session against a background emulator) and the getting-started
 * page (`npm init -y`, the tsconfig, the first program, `npx tsc && node dist/index.js`).
 *
 * `npm install` lines are the only ones not run literally: the test installs the tarball (and, for
 * `--save-dev`, links the repository's TypeScript and Node types) the way npm would, offline.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blocksUnder, installTarball, linkDevDependency, packTarball, sh } from "./packing.js";

let work: string;
let tarball: string;

beforeAll(async () => {
  ({ work, tarball } = await packTarball());
}, 300_000);
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Runs shell lines one by one with bash -e, after doing the `npm install` lines ourselves. */
async function runShell(project: string, lines: readonly string[]): Promise<string> {
  const script = ["set -euo pipefail", ...lines.filter((line) => !/^npm install\b/.test(line.trim()))].join(
    "\n",
  );
  await writeFile(join(project, "steps.sh"), `${script}\n`);
  return sh("bash", ["steps.sh"], project, {
    timeout: 180_000,
    env: {
      ...process.env,
      npm_config_offline: "true",
      npm_config_update_notifier: "false",
      VMRP_CONFIG_DIR: join(project, ".config"),
      VMRP_EMULATOR: "",
      AZURE_DEFAULTS_GROUP: "",
      AZURE_DEFAULTS_LOCATION: "",
    },
  });
}

describe("README: the command line", () => {
  it("runs as written from a fresh install", async () => {
    const [block] = await blocksUnder("README.md", "## The command line", "sh");
    const lines = (block ?? "").split("\n");
    expect(lines[0]).toBe("npm install azure-vm-restore-points");
    const project = join(work, "readme");
    await mkdir(project, { recursive: true });
    await sh("npm", ["init", "-y"], project);
    await installTarball(project, tarball);
    try {
      const output = await runShell(project, lines);
      // The last commands print the dry-run plan and the list, the copy included.
      expect(output).toMatch(/nightly\s+\S+\s+keep/);
      expect(output).toMatch(/^NAME\s+CREATED\s+STATE/m);
    } finally {
      await sh("bash", ["-c", "npx vmrp emulator stop --connection ./emu/connection.json || true"], project);
    }
  }, 240_000);
});

describe("getting started", () => {
  it("works copy-paste in a fresh npm init -y project", async () => {
    const project = join(work, "getting-started");
    await mkdir(project, { recursive: true });
    const [setup] = await blocksUnder("docs/getting-started.md", "## Set up a project", "sh");
    const [tsconfig] = await blocksUnder("docs/getting-started.md", "## Set up a project", "json");
    const [program] = await blocksUnder(
      "docs/getting-started.md",
      "## Your first collection and restore point, locally",
      "ts",
    );
    const [run] = await blocksUnder(
      "docs/getting-started.md",
      "## Your first collection and restore point, locally",
      "sh",
    );
    const steps = (setup ?? "").split("\n");
    expect(steps).toEqual([
      "npm init -y",
      "npm pkg set type=module",
      "npm install azure-vm-restore-points",
      "npm install --save-dev typescript @types/node",
    ]);
    await runShell(project, steps.slice(0, 2));
    await installTarball(project, tarball);
    await linkDevDependency(project, "typescript", ["tsc"]);
    await linkDevDependency(project, "@types/node");
    await writeFile(join(project, "tsconfig.json"), tsconfig ?? "");
    await writeFile(join(project, "index.ts"), program ?? "");
    expect(run).toBe("npx tsc && node dist/index.js");
    const output = await runShell(project, [run ?? ""]);
    expect(output).toMatch(/^first /m);
    expect(output).toMatch(/OS disk/);
  }, 120_000);
});
