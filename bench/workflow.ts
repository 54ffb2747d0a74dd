/**
 * The same workflow through our client and through `@azure/arm-compute`, against one emulator in
 * another process: create a collection, create a restore point and wait, get it with its instance
 * view, list the restore points, delete the restore point and the collection. Counts HTTP attempts
 * (a per-retry pipeline policy in each client) and wall time, medians over interleaved runs.
 */
import { ComputeManagementClient } from "@azure/arm-compute";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import { RestorePointClient } from "./sdk.js";
import { startRemoteEmulator, type RemoteEmulator } from "./emulatorProcess.js";
import { median, type BenchRow } from "./stats.js";

const RUNS = 7;
const POLL_MS = 10;

function counter(): { policy: PipelinePolicy; count: () => number; reset: () => void } {
  let n = 0;
  return {
    policy: { name: "countRequests", sendRequest: (request, next) => ((n += 1), next(request)) },
    count: () => n,
    reset: () => {
      n = 0;
    },
  };
}

async function ours(
  remote: RemoteEmulator,
  vmId: string,
  run: string,
  policy: PipelinePolicy,
  guards: boolean,
): Promise<void> {
  const client = new RestorePointClient(remote.subscriptionId, remote.credential, {
    endpoint: remote.url,
    tlsOptions: { ca: remote.certificatePem },
    updateIntervalInMs: POLL_MS,
    additionalPolicies: [{ policy, position: "perRetry" }],
  });
  const collection = client.getCollectionClient("bench", `ours-${run}`);
  await collection.create({ location: "eastus", sourceVmId: vmId, skipPreflight: !guards });
  const point = collection.getRestorePointClient("rp");
  await point.beginCreate({ skipPreflight: !guards });
  await point.get({ instanceView: true });
  let listed = 0;
  for await (const p of collection.listRestorePoints()) listed += p.name === "rp" ? 1 : 0;
  if (listed !== 1) throw new Error("the restore point was not listed");
  await point.beginDelete();
  await collection.beginDelete();
}

async function armCompute(
  remote: RemoteEmulator,
  vmId: string,
  run: number,
  policy: PipelinePolicy,
): Promise<void> {
  const client = new ComputeManagementClient(remote.credential, remote.subscriptionId, {
    endpoint: remote.url,
    tlsOptions: { ca: remote.certificatePem },
    credentials: { scopes: [`${remote.url}/.default`] },
    additionalPolicies: [{ policy, position: "perRetry" }],
  });
  const name = `arm-${run}`;
  await client.restorePointCollections.createOrUpdate("bench", name, {
    location: "eastus",
    source: { id: vmId },
  });
  await client.restorePoints.create("bench", name, "rp", {}, { updateIntervalInMs: POLL_MS });
  await client.restorePoints.get("bench", name, "rp", { expand: "instanceView" });
  const listed = await client.restorePointCollections.get("bench", name, { expand: "restorePoints" });
  if (listed.restorePoints?.length !== 1) throw new Error("the restore point was not listed");
  await client.restorePoints.delete("bench", name, "rp", { updateIntervalInMs: POLL_MS });
  await client.restorePointCollections.delete("bench", name, { updateIntervalInMs: POLL_MS });
}

export async function workflowBench(): Promise<BenchRow[]> {
  const remote = await startRemoteEmulator({ operationDelayMs: 20 }, [
    { resourceGroup: "bench", name: "vm-ours", location: "eastus", dataDisks: [{ lun: 0 }] },
    { resourceGroup: "bench", name: "vm-arm", location: "eastus", dataDisks: [{ lun: 0 }] },
  ]);
  try {
    const [vmOurs, vmArm] = remote.vms;
    if (vmOurs === undefined || vmArm === undefined) throw new Error("VMs were not created");
    const oursCount = counter();
    const armCount = counter();
    const samples = {
      oursMs: [] as number[],
      armMs: [] as number[],
      oursReq: [] as number[],
      armReq: [] as number[],
      guardedReq: [] as number[],
    };
    for (let run = 0; run < RUNS; run++) {
      oursCount.reset();
      let t0 = performance.now();
      await ours(remote, vmOurs.id, `${run}`, oursCount.policy, false);
      samples.oursMs.push(performance.now() - t0);
      samples.oursReq.push(oursCount.count());
      oursCount.reset();
      await ours(remote, vmOurs.id, `guarded-${run}`, oursCount.policy, true);
      samples.guardedReq.push(oursCount.count());
      armCount.reset();
      t0 = performance.now();
      await armCompute(remote, vmArm.id, run, armCount.policy);
      samples.armMs.push(performance.now() - t0);
      samples.armReq.push(armCount.count());
    }
    return [
      {
        benchmark: "workflow",
        measure: "HTTP requests with pre-flight guards (context)",
        ours: median(samples.guardedReq),
        baselineName: "@azure/arm-compute (no guards)",
        baseline: median(samples.armReq),
        unit: "req",
      },
      {
        benchmark: "workflow",
        measure: "HTTP requests, guards off, median",
        ours: median(samples.oursReq),
        baselineName: "@azure/arm-compute",
        baseline: median(samples.armReq),
        unit: "req",
        target: 1,
      },
      {
        benchmark: "workflow",
        measure: "wall time, median",
        ours: median(samples.oursMs),
        baselineName: "@azure/arm-compute",
        baseline: median(samples.armMs),
        unit: "ms",
      },
    ];
  } finally {
    await remote.stop();
  }
}
