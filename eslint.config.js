import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { createNodeResolver, importX } from "eslint-plugin-import-x";

/*
 * The SDK's layers, bottom up. A file may import its own layer and the layers below it, never one
 * above. Feature folders sit in one layer and may use each other (no-cycle keeps that acyclic);
 * `protection/` works on a RestorePointClient and so sits above `client/`. One exception: `lro/`
 * turns failed operations into OperationFailedError, so it may import `errors/` (which in turn
 * imports only `internal/` and must never import `lro/`).
 */
const layers = [
  ["internal", "resourceId.ts", "regions.ts", "constants.ts"],
  ["lro"],
  ["models", "errors"],
  ["guards"],
  ["copy", "restore", "fleet", "retention", "disks", "capture"],
  ["client"],
  ["protection"],
  ["index.ts"],
];
const consumers = ["emulator", "cli"];
const inSrc = (entry) => `./src/${entry}`;
const allowedUpward = { lro: ["errors"] };
const forbiddenSideways = { errors: ["lro", "models"] };

const layerZones = layers.flatMap((layer, i) =>
  layer.map((target) => ({
    target: inSrc(target),
    from: [
      ...layers
        .slice(i + 1)
        .flat()
        .filter((above) => !(allowedUpward[target] ?? []).includes(above)),
      ...(forbiddenSideways[target] ?? []),
      ...consumers,
    ].map(inSrc),
    message:
      "Layers go one way: internal -> lro -> models/errors -> guards -> features -> client -> index.ts (see eslint.config.js).",
  })),
);

// The emulator and the CLI use the SDK only as its users do: through the public entry points.
const consumerZones = [
  {
    target: inSrc("emulator"),
    from: "./src",
    except: ["./emulator", "./index.ts"],
    message: "The emulator imports only the SDK's public entry (src/index.ts) and its own folder.",
  },
  {
    target: inSrc("cli"),
    from: "./src",
    except: ["./cli", "./index.ts", "./emulator/index.ts"],
    message:
      "The CLI imports only the public entries (src/index.ts, src/emulator/index.ts) and its own folder.",
  },
];

export default tseslint.config(
  {
    ignores: [
      "dist",
      "docs/api",
      "temp",
      "coverage",
      ".tshy",
      ".tshy-build",
      "eslint.config.js",
      "scripts/*.mjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      // Without these, import-x skips .ts files when it follows imports, and no-cycle sees nothing.
      "import-x/extensions": [".ts"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/resolver-next": [
        createNodeResolver({ extensions: [".ts", ".js"], extensionAlias: { ".js": [".ts", ".js"] } }),
      ],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": ["error", { zones: [...layerZones, ...consumerZones] }],
    },
  },
  {
    // The SDK never depends on the emulator or the CLI; both are consumers of it.
    files: ["src/**/*.ts"],
    ignores: ["src/emulator/**", "src/cli/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/emulator/**", "**/cli/**"],
              message: "SDK code must not import the emulator or the CLI.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
);
