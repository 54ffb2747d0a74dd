/**
 * Builds and packs the package once per test file, in a staged copy of the project under temp/ (as
 * pack.test.ts explains, tshy rewrites files while it builds), and installs the tarball into fresh
 * consumer projects the way `npm install` would, offline: the tarball's files under
 * `node_modules/azure-vm-restore-points`, its `vmrp` bin linked in `node_modules/.bin`, and its
 * dependencies found in the repository's node_modules (the consumers live inside the repository).
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);
export const repo = resolve(import.meta.dirname, "../..");
export const PKG = "azure-vm-restore-points";
const NOT_STAGED = new Set(["node_modules", ".git", "dist", "temp", "coverage", ".tshy-build"]);

/** Runs a command; a failure carries its output. */
export async function sh(
  file: string,
  args: readonly string[],
  cwd: string,
  options: { timeout?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  try {
    return (
      await execFileAsync(file, [...args], {
        cwd,
        timeout: options.timeout ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
        env: options.env ?? process.env,
      })
    ).stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(" ")} failed:\n${(stdout + stderr).slice(-8000)}`, { cause: error });
  }
}

/** Builds the package in a staged copy and returns the work directory and the tarball's path. */
export async function packTarball(): Promise<{ work: string; tarball: string }> {
  await mkdir(join(repo, "temp"), { recursive: true });
  const work = await mkdtemp(join(repo, "temp", "pack-docs-"));
  const stage = join(work, "stage");
  for (const entry of await readdir(repo)) {
    if (!NOT_STAGED.has(entry)) await cp(join(repo, entry), join(stage, entry), { recursive: true });
  }
  await sh("npm", ["run", "build"], stage, { timeout: 240_000 });
  const [result] = JSON.parse(await sh("npm", ["pack", "--json", "--pack-destination", work], stage)) as [
    { filename: string },
  ];
  return { work, tarball: join(work, result.filename) };
}

/** Installs the tarball into `project` (which has a package.json) as `npm install <pkg>` would. */
export async function installTarball(project: string, tarball: string): Promise<void> {
  const installed = join(project, "node_modules", PKG);
  await mkdir(installed, { recursive: true });
  await sh("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], project);
  const manifest = JSON.parse(await readFile(join(installed, "package.json"), "utf8")) as {
    bin: Record<string, string>;
    version: string;
  };
  await mkdir(join(project, "node_modules", ".bin"), { recursive: true });
  for (const [name, target] of Object.entries(manifest.bin)) {
    await symlink(join("..", PKG, target), join(project, "node_modules", ".bin", name));
  }
  const pkgFile = join(project, "package.json");
  const pkg = JSON.parse(await readFile(pkgFile, "utf8")) as { dependencies?: Record<string, string> };
  pkg.dependencies = { ...pkg.dependencies, [PKG]: `^${manifest.version}` };
  await writeFile(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
}

/** `npm install --save-dev <name>` for packages the repository has installed: linked from there. */
export async function linkDevDependency(
  project: string,
  name: string,
  bins: readonly string[] = [],
): Promise<void> {
  const target = join(project, "node_modules", name);
  await mkdir(resolve(target, ".."), { recursive: true });
  await symlink(join(repo, "node_modules", name), target, "dir");
  for (const bin of bins) {
    await symlink(join(repo, "node_modules", ".bin", bin), join(project, "node_modules", ".bin", bin));
  }
}

/** The fenced blocks of a language that follow a heading in a markdown file. */
export async function blocksUnder(file: string, heading: string, language: string): Promise<string[]> {
  const text = await readFile(join(repo, file), "utf8");
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`${file} has no heading '${heading}'`);
  const next = text.slice(start + heading.length + 2).search(/\n#{1,2} /);
  const body = text.slice(start, next < 0 ? undefined : start + heading.length + 2 + next);
  return [...body.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)\\n```", "g"))].map(
    (m) => m[1] ?? "",
  );
}
