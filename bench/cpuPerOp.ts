/**
 * Client CPU per operation, ours vs `@azure/arm-compute`, on a collection of 1,000 restore points
 * served by an emulator in another process (so only client work is measured): a GET of one restore
 * point, and a listing of all 1,000 (ARM returns them in one `$expand=restorePoints` body).
 */
import { ComputeManagementClient } from "@azure/arm-compute";
import { RestorePointClient } from "../src/index.js";
import { startRemoteEmulator } from "./emulatorProcess.js";
import type { BenchRow } from "./stats.js";

const POINTS = 1000;
const GETS = 300;
const LISTS = 15;

async function cpuMs(times: number, op: () => Promise<void>): Promise<number> {
  await op(); // warm-up: connection, JIT
  const start = process.cpuUsage();
  for (let i = 0; i < times; i++) await op();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / times;
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
    const oursGet = await cpuMs(GETS, async () => {
      await point.get();
    });
    const armGet = await cpuMs(GETS, async () => {
      await arm.restorePoints.get("cpu", "big", "rp-0500");
    });
    const oursList = await cpuMs(LISTS, async () => {
      let n = 0;
      for await (const p of collection.listRestorePoints()) n += p.name.length > 0 ? 1 : 0;
      if (n !== POINTS) throw new Error(`listed ${n} points`);
    });
    const armList = await cpuMs(LISTS, async () => {
      const got = await arm.restorePointCollections.get("cpu", "big", { expand: "restorePoints" });
      if (got.restorePoints?.length !== POINTS) throw new Error("wrong count");
    });
    return [
      {
        benchmark: "client CPU",
        measure: "get one restore point",
        ours: oursGet,
        baselineName: "@azure/arm-compute",
        baseline: armGet,
        unit: "ms/op",
        target: 1,
      },
      {
        benchmark: "client CPU",
        measure: "list 1,000 restore points",
        ours: oursList,
        baselineName: "@azure/arm-compute",
        baseline: armList,
        unit: "ms/op",
        target: 1,
      },
    ];
  } finally {
    await remote.stop();
  }
}
