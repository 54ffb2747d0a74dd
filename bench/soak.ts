/**
 * `npm run soak`: 2,000 mixed operations with random faults against an in-process emulator on
 * loopback (see soak/runSoak.ts). Exits non-zero when a resource is left unnamed, a SAS stays
 * active, an undocumented error appears or the heap after GC grows past 2x its warm-up value.
 * Options: `--operations N`, `--seed S`.
 */
import { formatSoakResult, runSoak } from "./soak/runSoak.js";

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`--${name} must be a whole number >= 1`);
  return value;
}

const started = Date.now();
const result = await runSoak({ operations: argument("operations", 2000), seed: argument("seed", 1) });
console.log(formatSoakResult(result));
console.log(`duration:             ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const id of result.unnamedResources) console.log(`  unnamed: ${id}`);
for (const id of result.activeSas) console.log(`  active SAS: ${id}`);
for (const e of result.unexpectedErrors.slice(0, 10)) console.log(`  unexpected: ${e}`);
const heapOk =
  result.heapAfterWarmUp === undefined ||
  result.heapAtEnd === undefined ||
  result.heapAtEnd <= 2 * result.heapAfterWarmUp;
if (
  result.unnamedResources.length > 0 ||
  result.activeSas.length > 0 ||
  result.unexpectedErrors.length > 0 ||
  !heapOk
) {
  process.exitCode = 1;
}
