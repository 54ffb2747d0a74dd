/**
 * `restoreVm` wall time for a VM with 1 data disk against one with 8, on one emulator whose
 * long-running operations take a fixed 200 ms. Disks are restored in parallel, so 8 disks should
 * cost little more than 1: target 8-disk time <= 1.5 x 1-disk time. Medians over interleaved runs.
 */
import { startEmulator } from "../src/emulator/index.js";
import type { Emulator } from "../src/emulator/index.js";
import { RestorePointClient } from "./sdk.js";
import { median, type BenchRow } from "./stats.js";

const RUNS = 5;
const OPERATION_DELAY_MS = 200;
const POLL_MS = 20;

async function restorePointOf(emu: Emulator, client: RestorePointClient, dataDisks: number): Promise<string> {
  const name = `vm-${dataDisks}`;
  const vm = await emu.addVm({
    resourceGroup: "bench",
    name,
    location: "eastus",
    dataDisks: Array.from({ length: dataDisks }, (_, lun) => ({ lun })),
  });
  const collection = client.getCollectionClient("bench", `rpc-${dataDisks}`);
  await collection.create({ location: "eastus", sourceVmId: vm.id });
  const point = await collection.getRestorePointClient("rp").beginCreate();
  return point.id;
}

async function timeRestore(
  client: RestorePointClient,
  restorePointId: string,
  vmName: string,
  subnetId: string,
): Promise<number> {
  const t0 = performance.now();
  const result = await client.restoreVm({ restorePointId, vmName, subnetId });
  const elapsed = performance.now() - t0;
  if (result.dataDisks.length === 0) throw new Error("the restored VM has no data disk");
  return elapsed;
}

export async function restoreVmBench(): Promise<BenchRow[]> {
  const emu = await startEmulator({ operationDelayMs: OPERATION_DELAY_MS });
  try {
    const client = new RestorePointClient(emu.subscriptionId, emu.credential, {
      ...emu.clientOptions,
      updateIntervalInMs: POLL_MS,
    });
    const one = await restorePointOf(emu, client, 1);
    const eight = await restorePointOf(emu, client, 8);
    const network = await emu.addVirtualNetwork({
      resourceGroup: "bench",
      name: "bench-vnet",
      location: "eastus",
    });
    const subnetId = `${network.id}/subnets/default`;
    const samples = { one: [] as number[], eight: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      samples.one.push(await timeRestore(client, one, `one-${run}`, subnetId));
      samples.eight.push(await timeRestore(client, eight, `eight-${run}`, subnetId));
    }
    return [
      {
        benchmark: "restoreVm",
        measure: `wall time, 8 data disks, median (operations take ${OPERATION_DELAY_MS} ms)`,
        ours: median(samples.eight),
        baselineName: "1 data disk",
        baseline: median(samples.one),
        unit: "ms",
        target: 1.5,
      },
    ];
  } finally {
    await emu.close();
  }
}
