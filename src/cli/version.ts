/**
 * The package version for `vmrp --version`: read from the package's own package.json, found by
 * walking up from the running script (the bin, through any `node_modules/.bin` link). No
 * `import.meta` here: tshy compiles the CLI for CommonJS too.
 */
import { readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";

const PACKAGE_NAME = "azure-vm-restore-points";

export function packageVersion(from: string = scriptDir()): string {
  let dir = from;
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === "string") return manifest.version;
    } catch {
      // No package.json here (or not ours): keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

function scriptDir(): string {
  const script = process.argv[1];
  if (script === undefined) return process.cwd();
  try {
    return dirname(realpathSync(script));
  } catch {
    return process.cwd();
  }
}
