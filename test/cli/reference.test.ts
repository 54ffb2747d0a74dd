/**
 * docs/cli.md is generated from the command definitions: it must be current, agree with what the
 * built bin prints for --help, and be the one place that lists the exit codes.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cliReference } from "../../src/cli/reference.js";
import { spawnVmrp } from "../support/builtBin.js";

const root = resolve(import.meta.dirname, "../..");
const doc = readFileSync(join(root, "docs", "cli.md"), "utf8");

function section(title: string): string {
  const start = doc.indexOf(`### ${title}\n`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const block = /```text\n([\s\S]*?)\n```/.exec(doc.slice(start));
  return block?.[1] ?? "";
}

describe("docs/cli.md", () => {
  it("is what 'npm run docs:cli' writes (run it after changing a command)", () => {
    expect(doc).toBe(cliReference());
  });

  it("shows what the built bin prints for --help", async () => {
    for (const command of [[], ["copy"], ["restore-point", "wait"], ["emulator", "add-vm"]]) {
      const res = await spawnVmrp([...command, "--help"], { env: { COLUMNS: "80" } });
      expect(res.code).toBe(0);
      expect(res.stdout.trimEnd()).toBe(section(["vmrp", ...command].join(" ")));
    }
  });

  it("is the only list of exit codes; README and the errors guide link to it", () => {
    for (const file of ["README.md", "docs/guides/errors.md", "docs/troubleshooting.md"]) {
      const text = readFileSync(join(root, file), "utf8");
      expect(text, file).not.toMatch(/130 interrupted|\b4 any other error answer/);
    }
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(
      "https://github.com/azure-vm-restore-points/azure-vm-restore-points/blob/main/docs/cli.md",
    );
    expect(readFileSync(join(root, "docs/guides/errors.md"), "utf8")).toMatch(
      /\]\(\.\.\/cli\.md#exit-codes\)/,
    );
  });
});
