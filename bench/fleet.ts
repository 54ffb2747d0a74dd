/**
 * Fleet snapshot under throttling: `createRestorePoints` on 500 VMs against an emulator (in its own
 * process, so that the client does not share a CPU with it) whose `PutRestorePointSubscriptionMaximum`
 * bucket is shrunk to 150 tokens refilled at 50/s (150 per 3 s). Every other bucket is unlimited
 * (`preset: "none"`), so that bucket is the only limit.
 *
 * The best any client can do is the 150-token burst, then 50 creates/s: (500 - 150) / 50 = 7 s.
 * Reported: the creates/s achieved beyond the burst, as a share of the refill (target 0.9); the
 * 429s received, counted by a per-retry pipeline policy (target: at most 1 % of the creates); and
 * failed VMs (target 0).
 */
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import type { AddVmOptions } from "../src/emulator/index.js";
import { RestorePointClient } from "./sdk.js";
import { startRemoteEmulator } from "./emulatorProcess.js";
import type { BenchRow } from "./stats.js";

const VMS = 500;
const CAPACITY = 150;
const REFILL_PER_SECOND = 50;
const CONCURRENCY = 32;

export async function fleetBench(): Promise<BenchRow[]> {
  // 10 resource groups in one region: Compute's buckets are per region.
  const vms: AddVmOptions[] = Array.from({ length: VMS }, (_, i) => ({
    resourceGroup: `fleet-rg${i % 10}`,
    name: `vm${i}`,
    location: "eastus",
  }));
  const remote = await startRemoteEmulator(
    {
      operationDelayMs: 5,
      throttle: {
        preset: "none",
        buckets: {
          PutRestorePointSubscriptionMaximum: { capacity: CAPACITY, refillPerSecond: REFILL_PER_SECOND },
        },
      },
    },
    vms,
  );
  try {
    let throttled = 0;
    const count429: PipelinePolicy = {
      name: "count429",
      sendRequest: async (request, next) => {
        const response = await next(request);
        if (response.status === 429) throttled += 1;
        return response;
      },
    };
    const client = new RestorePointClient(remote.subscriptionId, remote.credential, {
      endpoint: remote.url,
      tlsOptions: { ca: remote.certificatePem },
      updateIntervalInMs: 10,
      additionalPolicies: [{ policy: count429, position: "perRetry" }],
    });
    const started = performance.now();
    const results = await client.createRestorePoints(
      remote.vms.map((vm) => vm.id),
      { concurrency: CONCURRENCY },
    );
    const seconds = (performance.now() - started) / 1000;
    const failed = results.filter((r) => r.status === "failed").length;
    return [
      {
        benchmark: "fleet",
        measure: `creates/s beyond the ${CAPACITY} burst (${VMS} VMs, ${seconds.toFixed(1)} s)`,
        ours: (VMS - CAPACITY) / seconds,
        baselineName: "bucket refill",
        baseline: REFILL_PER_SECOND,
        unit: "/s",
        target: 0.9,
        higherIsBetter: true,
      },
      {
        benchmark: "fleet",
        measure: "429 responses received",
        ours: throttled,
        baselineName: "creates",
        baseline: VMS,
        unit: "",
        target: 0.01,
      },
      {
        benchmark: "fleet",
        measure: "VMs failed",
        ours: failed,
        baselineName: "VMs",
        baseline: VMS,
        unit: "",
        target: 0,
      },
    ];
  } finally {
    await remote.stop();
  }
}
