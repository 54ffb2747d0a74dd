/**
 * The protection acceptance run of issue 15: 90 days of the example policy over 30 VMs in two
 * subscriptions on the emulator's clock (about 16,000 restore points). It takes minutes, so
 * `npm test` runs a shorter horizon of the same test and CI runs this one as its own step.
 */
import { spawnSync } from "node:child_process";

const result = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "test/protection/engine.emulator.test.ts"],
  { stdio: "inherit", env: { ...process.env, PROTECT_DAYS: "90", PROTECT_VMS: "30" } },
);
process.exit(result.status ?? 1);
