import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The packed-package test builds the whole package (slow); it runs as `npm run test:package`.
    exclude: ["test/package/**", "node_modules/**"],
    testTimeout: 20000,
    hookTimeout: 20000,
    coverage: { provider: "v8", include: ["src/**"] },
  },
});
