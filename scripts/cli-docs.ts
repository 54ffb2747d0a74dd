/**
 * `npm run docs:cli`: writes docs/cli.md from the commander definitions; `--check` fails (exit 1)
 * when the file differs, for CI.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cliReference } from "../src/cli/reference.js";

const file = join(import.meta.dirname, "..", "docs", "cli.md");
const text = cliReference();
if (process.argv.includes("--check")) {
  const current = readFileSync(file, "utf8");
  if (current !== text) {
    console.error("docs/cli.md is stale: run 'npm run docs:cli'.");
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
