/**
 * The fault soak of bench/soak (npm run soak runs 2,000 operations), small enough for the suite:
 * mixed operations with random faults end with every resource named by a result or an error,
 * no active SAS, only documented errors and a heap that does not keep growing.
 */
import { describe, expect, it } from "vitest";
import { formatSoakResult, runSoak } from "../../bench/soak/runSoak.js";

describe("fault soak", () => {
  it("leaves nothing unnamed, no active SAS and a bounded heap", async () => {
    const result = await runSoak({ operations: 150, seed: 7 });
    console.log(formatSoakResult(result));
    expect(result.faultsInjected).toBeGreaterThan(20);
    expect(result.succeeded).toBeGreaterThan(result.operations / 2);
    expect(result.unexpectedErrors).toEqual([]);
    expect(result.unnamedResources).toEqual([]);
    expect(result.activeSas).toEqual([]);
    expect(result.heapAfterWarmUp).toBeDefined();
    expect(result.heapAtEnd ?? Infinity).toBeLessThanOrEqual(2 * (result.heapAfterWarmUp ?? 0));
  }, 60_000);
});
