/**
 * Client CPU per operation, ours vs `@azure/arm-compute`, on a collection of 1,000 restore points
 * served by an emulator in another process (so only client work is measured): a GET of one restore
 * point, and a listing of all 1,000 (ARM returns them in one `$expand=restorePoints` body).
 *
 * Both clients run in the same process, so the order matters: whoever runs second inherits a grown
 * heap and fewer collections. The candidates therefore alternate in rounds (ours first in even
 * rounds, arm-compute first in odd ones) and each side's per-round costs give a median.
 */
import { ComputeManagementClient } from "@azure/arm-compute";
import { startRemoteEmulator } from "./emulatorProcess.js";
import { RestorePointClient } from "./sdk.js";
import { median, type BenchRow } from "./stats.js";

const POINTS = 1000;
const ROUNDS = 9;
const GETS_PER_ROUND = 50;
const LISTS_PER_ROUND = 3;

/** CPU (user + system, all threads, so GC counts) per call of `op`, over `times` calls. */
async function cpuMsPerOp(times: number, op: () => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < times; i++) await op();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / times;
}

/** Medians of per-round CPU per op for two candidates, alternating which goes first. */
async function alternate(
  times: number,
  ours: () => Promise<void>,
  baseline: () => Promise<void>,
): Promise<{ ours: number; baseline: number }> {
  await ours(); // warm-up: connection, JIT
  await baseline();
  const samples = { ours: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      samples.ours.push(await cpuMsPerOp(times, ours));
      samples.baseline.push(await cpuMsPerOp(times, baseline));
    } else {
      samples.baseline.push(await cpuMsPerOp(times, baseline));
      samples.ours.push(await cpuMsPerOp(times, ours));
    }
  }
  return { ours: median(samples.ours), baseline: median(samples.baseline) };
}

export async function cpuPerOpBench(): Promise<BenchRow[]> {
  const vms = Array.from({ length: POINTS / 250 }, (_, i) => ({
    resourceGroup: "cpu",
    name: `vm${i}`,
    location: "eastus",
  }));
  const remote = await startRemoteEmulator(
    { operationDelayMs: 0, rules: { maxRestorePointsPerVm: 1000 } },
    vms,
  );
  try {
    const ours = new RestorePointClient(remote.subscriptionId, remote.credential, {
      endpoint: remote.url,
      tlsOptions: { ca: remote.certificatePem },
      updateIntervalInMs: 0,
    });
    const collection = ours.getCollectionClient("cpu", "big");
    await collection.create({ location: "eastus", sourceVmId: remote.vms[0]?.id ?? "" });
    // One collection may hold points of one VM only; 1,000 points of one VM need the raised limit.
    for (let i = 0; i < POINTS; i++) {
      await collection
        .getRestorePointClient(`rp-${String(i).padStart(4, "0")}`)
        .beginCreate({ skipPreflight: true });
    }
    const arm = new ComputeManagementClient(remote.credential, remote.subscriptionId, {
      endpoint: remote.url,
      tlsOptions: { ca: remote.certificatePem },
      credentials: { scopes: [`${remote.url}/.default`] },
    });
    const point = collection.getRestorePointClient("rp-0500");
    const get = await alternate(
      GETS_PER_ROUND,
      async () => {
        await point.get();
      },
      async () => {
        await arm.restorePoints.get("cpu", "big", "rp-0500");
      },
    );
    const list = await alternate(
      LISTS_PER_ROUND,
      async () => {
        let n = 0;
        for await (const p of collection.listRestorePoints()) n += p.name.length > 0 ? 1 : 0;
        if (n !== POINTS) throw new Error(`listed ${n} points`);
      },
      async () => {
        const got = await arm.restorePointCollections.get("cpu", "big", { expand: "restorePoints" });
        if (got.restorePoints?.length !== POINTS) throw new Error("wrong count");
      },
    );
    return [
      {
        benchmark: "client CPU",
        measure: "get one restore point",
        ours: get.ours,
        baselineName: "@azure/arm-compute",
        baseline: get.baseline,
        unit: "ms/op",
        target: 1,
      },
      {
        benchmark: "client CPU",
        measure: "list 1,000 restore points",
        ours: list.ours,
        baselineName: "@azure/arm-compute",
        baseline: list.baseline,
        unit: "ms/op",
        target: 1,
      },
    ];
  } finally {
    await remote.stop();
  }
}
