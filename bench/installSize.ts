/**
 * Installed size of production dependencies: the closure of `dependencies` as installed in
 * node_modules (sizes of the package folders, deduplicated), for our package and for
 * `@azure/arm-compute`.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { BenchRow } from "./stats.js";

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // Nested node_modules belong to other packages of the closure (counted on their own).
      if (entry.name !== "node_modules") total += folderSize(path);
    } else if (entry.isFile()) {
      total += statSync(path).size;
    }
  }
  return total;
}

function packageDir(name: string): string {
  return join(process.cwd(), "node_modules", name);
}

function closure(root: Record<string, string>): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep);
  };
  for (const dep of Object.keys(root)) visit(dep);
  return seen;
}

export function installSizeBench(): BenchRow[] {
  const ourManifest = JSON.parse(readFileSync("package.json", "utf8")) as {
    dependencies: Record<string, string>;
  };
  const ours = [...closure(ourManifest.dependencies)].reduce(
    (sum, name) => sum + folderSize(packageDir(name)),
    0,
  );
  const ownDist = folderSize(join(process.cwd(), "dist"));
  const arm = [...closure({ "@azure/arm-compute": "*" })].reduce(
    (sum, name) => sum + folderSize(packageDir(name)),
    0,
  );
  const mb = (n: number): number => n / 1024 / 1024;
  return [
    {
      benchmark: "install size",
      measure: "package + production dependencies",
      ours: mb(ours + ownDist),
      baselineName: "@azure/arm-compute + deps",
      baseline: mb(arm),
      unit: "MiB",
      target: 0.5,
    },
  ];
}
