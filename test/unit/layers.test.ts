/**
 * The one-way layers of src/ (see eslint.config.js) are enforced by lint: these tests show the
 * rules failing on deliberately bad imports and passing on the tree as it is.
 */
import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

// Only the import rules, without type information: fast, and independent of the other rules.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId.startsWith("import-x/"),
});

async function problemsOf(
  code: string,
  filePath: string,
): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
}

describe("layer rules", () => {
  it("refuses an import from a higher layer", async () => {
    const problems = await problemsOf(
      'export { RestorePointClient } from "../client/restorePointClient.js";\n',
      "src/internal/layerProbe.ts",
    );
    expect(problems).toEqual([
      expect.objectContaining({
        ruleId: "import-x/no-restricted-paths",
        message: expect.stringMatching(/Layers go one way/),
      }),
    ]);
  });

  it("refuses a guard importing a feature, and a feature importing the client", async () => {
    expect(
      await problemsOf('export * from "../copy/copyPoller.js";\n', "src/guards/layerProbe.ts"),
    ).toHaveLength(1);
    expect(
      await problemsOf('export * from "../client/options.js";\n', "src/restore/layerProbe.ts"),
    ).toHaveLength(1);
  });

  it("lets a layer import the layers below it and features import each other", async () => {
    expect(await problemsOf('export * from "../internal/json.js";\n', "src/models/layerProbe.ts")).toEqual(
      [],
    );
    expect(
      await problemsOf('export * from "../disks/restoreDiskRequest.js";\n', "src/restore/layerProbe.ts"),
    ).toEqual([]);
    expect(
      await problemsOf('export * from "../client/restorePointClient.js";\n', "src/protection/layerProbe.ts"),
    ).toEqual([]);
  });

  it("keeps the emulator and the CLI on the public entry points", async () => {
    const emulator = await problemsOf('export * from "../internal/json.js";\n', "src/emulator/layerProbe.ts");
    expect(emulator).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/emulator imports only the SDK's public entry/),
      }),
    ]);
    const cli = await problemsOf('export * from "../client/options.js";\n', "src/cli/layerProbe.ts");
    expect(cli).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/CLI imports only the public/) }),
    ]);
    expect(
      await problemsOf(
        'export * from "../index.js";\nexport * from "../emulator/index.js";\n',
        "src/cli/layerProbe.ts",
      ),
    ).toEqual([]);
  });

  it("refuses an import cycle", async () => {
    // models/collection.ts imports models/common.ts; common importing collection closes a cycle.
    const problems = await problemsOf(
      'import "./collection.js";\nexport const probe = 1;\n',
      "src/models/common.ts",
    );
    expect(problems).toEqual([
      expect.objectContaining({ ruleId: "import-x/no-cycle", message: expect.stringMatching(/cycle/i) }),
    ]);
  });

  it("passes on src as it is", { timeout: 120_000 }, async () => {
    const results = await eslint.lintFiles(["src"]);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}: ${m.message}`));
    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(100);
  });
});
