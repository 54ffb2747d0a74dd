/**
 * `npm run bench`: runs every benchmark, prints one table of ratios against baselines measured in
 * the same run, and writes the rows to bench/results.json. Benchmarks talk only to emulators on
 * 127.0.0.1. Pass names to run a subset: `npm run bench -- import install`.
 */
import { writeFileSync } from "node:fs";
import { coldImportBench } from "./coldImport.js";
import { cpuPerOpBench } from "./cpuPerOp.js";
import { fleetBench } from "./fleet.js";
import { installSizeBench } from "./installSize.js";
import { protectionBench } from "./protection.js";
import { restoreVmBench } from "./restoreVm.js";
import { formatRows, type BenchRow } from "./stats.js";
import { workflowBench } from "./workflow.js";

type Bench = () => BenchRow[] | Promise<BenchRow[]>;

const BENCHES: Record<string, Bench> = {
  import: coldImportBench,
  install: installSizeBench,
  workflow: workflowBench,
  cpu: cpuPerOpBench,
  restoreVm: restoreVmBench,
  fleet: fleetBench,
  protection: protectionBench,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length === 0 ? Object.keys(BENCHES) : wanted;
  const rows: BenchRow[] = [];
  for (const name of names) {
    const bench = BENCHES[name];
    if (bench === undefined)
      throw new Error(`Unknown benchmark '${name}'. Known: ${Object.keys(BENCHES).join(", ")}.`);
    process.stderr.write(`running ${name}...\n`);
    rows.push(...(await bench()));
  }
  process.stdout.write(`${formatRows(rows)}\n`);
  writeFileSync(
    new URL("./results.json", import.meta.url),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
  );
}

await main();
