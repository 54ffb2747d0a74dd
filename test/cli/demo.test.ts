/**
 * `vmrp demo` through the built bin, paced down so that the whole tour runs in a few seconds.
 */
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exitCodes.js";
import { spawnVmrp } from "../support/builtBin.js";

describe("vmrp demo", () => {
  it("runs the whole tour on an embedded emulator", async () => {
    const res = await spawnVmrp(
      [
        "--poll-interval-ms",
        "10",
        "demo",
        "--no-progress",
        "--operation-delay-ms",
        "10",
        "--replication-duration-ms",
        "400",
      ],
      { timeoutMs: 60_000 },
    );
    expect(res.code, res.stderr).toBe(EXIT.ok);
    expect(res.stdout).toMatch(/Emulator listening on https:\/\/127\.0\.0\.1:\d+/);
    expect(res.stdout).toMatch(/Prune: keep the newest restore point only/);
    expect(res.stdout).toMatch(/\d+ HTTPS requests served by the emulator/);
  }, 60_000);
});
