/**
 * Every TypeScript code block in README.md and docs/*.md is type-checked against the package's
 * public entry points and run against the emulator, so the documentation cannot drift from the code.
 *
 * Conventions for authors: a block tagged ```ts is a complete program (it starts its own emulator);
 * ```ts compile-only is type-checked but not run (for code that needs a real Azure login);
 * other languages are ignored.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const outDir = join(root, "temp", "snippets");

interface Snippet {
  readonly file: string;
  readonly index: number;
  readonly line: number;
  readonly run: boolean;
  readonly code: string;
}

function markdownFiles(): string[] {
  const docs = join(root, "docs");
  const found = ["README.md"];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== "api") walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.name.endsWith(".md")) found.push(`docs/${prefix}${entry.name}`);
    }
  };
  walk(docs, "");
  return found;
}

function extract(file: string): Snippet[] {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript)(\s+compile-only)?\s*$/.exec(lines[i] ?? "");
    if (open === null) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== "```") end++;
    snippets.push({
      file,
      index: snippets.length,
      line: start,
      run: open[2] === undefined,
      code: lines.slice(start, end).join("\n"),
    });
    i = end;
  }
  return snippets;
}

/** Points the package's own specifiers at the sources, as a user's install would at dist. */
function localize(code: string): string {
  const src = (file: string): string => join(root, "src", file).replace(/\\/g, "/");
  return code
    .replace(/from "azure-vm-restore-points\/emulator"/g, `from "${src("emulator/index.ts")}"`)
    .replace(/from "azure-vm-restore-points"/g, `from "${src("index.ts")}"`);
}

const snippets = markdownFiles().flatMap(extract);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const written = snippets.map((s) => {
  const name = `${s.file.replace(/[^A-Za-z0-9]+/g, "_")}_${s.index}.ts`;
  const path = join(outDir, name);
  // `export {}` makes every snippet a module, so top-level await and local names are allowed.
  writeFileSync(path, `${localize(s.code)}\nexport {};\n`);
  return { ...s, path };
});

describe("documentation code blocks", () => {
  it("exist", () => {
    expect(snippets.length).toBeGreaterThan(0);
  });

  it("type-check against the public API", () => {
    const program = ts.createProgram(
      written.map((w) => w.path),
      {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        allowImportingTsExtensions: true,
        types: ["node"],
      },
    );
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName.includes("temp/snippets") === true)
      .map((d) => {
        const at =
          d.file === undefined || d.start === undefined
            ? undefined
            : d.file.getLineAndCharacterOfPosition(d.start);
        const source = written.find((w) => w.path === d.file?.fileName);
        const where =
          source === undefined || at === undefined ? "?" : `${source.file}:${source.line + at.line + 1}`;
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    expect(problems).toEqual([]);
  }, 60_000);

  for (const snippet of written.filter((w) => w.run)) {
    it(`run ${snippet.file} block ${snippet.index + 1} (line ${snippet.line})`, async () => {
      await import(pathToFileURL(snippet.path).href);
    });
  }
});
