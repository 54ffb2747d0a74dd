import { defineConfig } from "vitest/config";

// RP_LIVE=1 runs the client tests against live Azure (test/support/target.ts): minutes per
// operation, and one file at a time because every file takes restore points of the same VM.
const live = process.env.RP_LIVE === "1";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The packed-package test builds the whole package (slow); it runs as `npm run test:package`.
    exclude: ["test/package/**", "node_modules/**"],
    globalSetup: ["test/support/targetSetup.ts"],
    testTimeout: live ? 1_800_000 : 20000,
    hookTimeout: live ? 1_800_000 : 20000,
    fileParallelism: !live,
    coverage: { provider: "v8", include: ["src/**"] },
  },
});
