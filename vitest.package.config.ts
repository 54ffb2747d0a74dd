import { defineConfig } from "vitest/config";

// `npm run test:package`: builds, packs and installs the package into a scratch consumer.
export default defineConfig({
  test: {
    include: ["test/package/**/*.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
