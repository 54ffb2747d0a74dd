/**
 * Protection policies at estate scale (`npm run bench -- protection`, or alone with
 * `tsx bench/protection.ts` after a build).
 *
 * 1. Writes under throttling: 2,000 VMs in 4 subscriptions on an emulator in its own process with
 *    the Azure throttle preset, time-compressed 12 times so a run takes half a minute, not six:
 *    Compute's restore point windows 15 s instead of 180 s (so `PutRestorePointSubscriptionMaximum`
 *    is 150 tokens refilled at 10/s per subscription, the budget that binds, as in Azure), ARM's
 *    reads/writes/deletes refills 12 times theirs. A first run creates the collections and the
 *    first slot; the emulator's clock then moves 4 hours (through its control route) and, with
 *    the buckets full again, a second run takes the next slot: 500 restore point PUTs per
 *    subscription, all four subscriptions at once. Reported per subscription: the PUTs made against
 *    its budget over the time it wrote (the full 150-token bucket plus 10/s of refill; target
 *    ≥ 0.9), how long all four wrote at once, and failed VMs (target 0) with the 429s received.
 *    The emulator keeps connections open between the runs, as Azure's front door does for a busy
 *    client: otherwise the second run's hundred TLS handshakes at once, on a loaded machine,
 *    delay some subscriptions' first writes by seconds and measure the handshakes, not the engine.
 * 2. Planning CPU: `planProtectionFromFacts` (pure) at two sizes, 500 VMs × 30 points and
 *    2,000 VMs × 60 points (8× the VM-points). Reported: CPU per VM at the large size, and the CPU
 *    per VM-point of the large size against the small one (target ≤ 1.5: linear in VMs × points).
 *
 * The whole benchmark aborts after 5 minutes and stops its emulator whatever happens.
 */
import { setMaxListeners } from "node:events";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import { emulatorControl } from "../src/cli/emulatorControl.js";
import type { AddVmOptions } from "../src/emulator/index.js";
import type { ProtectionFacts, VmRestorePoint } from "../src/index.js";
import { startRemoteEmulator, type RemoteEmulator } from "./emulatorProcess.js";
import {
  RestorePointClient,
  planProtectionFromFacts,
  runProtection,
  validateProtectionPolicy,
} from "./sdk.js";
import type { BenchRow } from "./stats.js";

const SUBSCRIPTIONS = [
  "",
  "aaaaaaaa-0000-0000-0000-000000000002",
  "aaaaaaaa-0000-0000-0000-000000000003",
  "aaaaaaaa-0000-0000-0000-000000000004",
];
const VMS_PER_SUBSCRIPTION = Number(process.env["VMRP_BENCH_VMS_PER_SUB"] ?? 500);
const log = (text: string): void => {
  process.stderr.write(`  protection: ${text}\n`);
};
const COMPRESSION = 12;
const WINDOW_SECONDS = 180 / COMPRESSION;
const PUT_CAPACITY = 150;
const PUT_REFILL = PUT_CAPACITY / WINDOW_SECONDS;
const HOUR = 3_600_000;
const START = new Date("2026-11-02T00:01:00Z");
const TIME_LIMIT_MS = 5 * 60_000;

interface PutRecord {
  readonly subscription: string;
  readonly sentAt: number;
  readonly at: number;
  readonly status: number;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function estateVms(): AddVmOptions[] {
  return SUBSCRIPTIONS.flatMap((sub, s) =>
    Array.from({ length: VMS_PER_SUBSCRIPTION }, (_, i) => ({
      ...(sub === "" ? {} : { subscriptionId: sub }),
      resourceGroup: `estate-rg${i % 5}`,
      name: `s${s}vm${i}`,
      location: "eastus",
      tags: { backup: "gold" },
    })),
  );
}

async function throttledRuns(signal: AbortSignal): Promise<BenchRow[]> {
  const remote: RemoteEmulator = await startRemoteEmulator(
    {
      now: START,
      operationDelayMs: 5,
      // Connections stay open between the two runs, as a client's would between its requests.
      keepAliveTimeoutMs: 120_000,
      throttle: {
        preset: "azure",
        computeWindowSeconds: WINDOW_SECONDS,
        buckets: {
          reads: { capacity: 250, refillPerSecond: 25 * COMPRESSION },
          writes: { capacity: 200, refillPerSecond: 10 * COMPRESSION },
          deletes: { capacity: 200, refillPerSecond: 10 * COMPRESSION },
        },
      },
    },
    estateVms(),
  );
  log(`emulator up with ${SUBSCRIPTIONS.length * VMS_PER_SUBSCRIPTION} VMs`);
  try {
    const subscriptions = SUBSCRIPTIONS.map((s) => (s === "" ? remote.subscriptionId : s));
    const puts: PutRecord[] = [];
    let throttled = 0;
    let recording = false;
    const recorder: PipelinePolicy = {
      name: "recordRestorePointPuts",
      sendRequest: async (request, next) => {
        const sentAt = performance.now();
        const response = await next(request);
        if (response.status === 429) throttled += 1;
        if (recording && request.method === "PUT" && /\/restorePoints\/[^/?]+\?/i.test(request.url)) {
          const subscription = /\/subscriptions\/([^/]+)/i.exec(request.url)?.[1] ?? "";
          puts.push({
            subscription: subscription.toLowerCase(),
            sentAt,
            at: performance.now(),
            status: response.status,
          });
        }
        return response;
      },
    };
    const client = new RestorePointClient(remote.subscriptionId, remote.credential, {
      endpoint: remote.url,
      tlsOptions: { ca: remote.certificatePem },
      updateIntervalInMs: 100,
      additionalPolicies: [{ policy: recorder, position: "perRetry" }],
    });
    const policy = validateProtectionPolicy({
      name: "gold",
      selector: { subscriptions, tags: { backup: "gold" } },
      schedule: { everyHours: 4 },
      retention: { keepLast: 6 },
      rpo: { hours: 8 },
    });
    const connection = {
      url: remote.url,
      token: remote.token,
      certificatePem: remote.certificatePem,
      subscriptionId: remote.subscriptionId,
    };

    let phase = performance.now();
    const first = await runProtection(client, policy, {
      now: START,
      maxConcurrency: 20,
      abortSignal: signal,
    });
    log(
      `first run (collections and points): ${((performance.now() - phase) / 1000).toFixed(1)} s, ${throttled} 429s`,
    );
    // The next slot, with every bucket full again (they refill in real time, by design).
    const moved = await emulatorControl.moveTime(connection, { advanceMs: 4 * HOUR });
    await new Promise((resolve) => setTimeout(resolve, (WINDOW_SECONDS + 1) * 1000));
    throttled = 0;
    recording = true;
    phase = performance.now();
    const cpu = process.cpuUsage();
    const second = await runProtection(client, policy, {
      now: new Date(moved.now),
      maxConcurrency: 20,
      abortSignal: signal,
    });
    recording = false;
    log(
      `second run: ${((performance.now() - phase) / 1000).toFixed(1)} s, client CPU ${(cpuMs(cpu) / 1000).toFixed(1)} s`,
    );

    const ok = puts.filter((p) => p.status < 300);
    // The window all four share: from the last subscription to start to the first to finish.
    const per = subscriptions.map((sub) => {
      const mine = ok.filter((p) => p.subscription === sub.toLowerCase());
      const times = mine.map((p) => p.at);
      return {
        sub,
        count: mine.length,
        start: Math.min(...times),
        end: Math.max(...times),
        firstSent: Math.min(...mine.map((p) => p.sentAt)),
        slowest: Math.max(...mine.map((p) => p.at - p.sentAt)),
      };
    });
    for (const p of per) {
      log(
        `${p.sub}: ${p.count} PUTs answered from ${((p.start - phase) / 1000).toFixed(1)} s to ${((p.end - phase) / 1000).toFixed(1)} s, first sent at ${((p.firstSent - phase) / 1000).toFixed(1)} s, slowest answer ${(p.slowest / 1000).toFixed(1)} s`,
      );
    }
    // The budget of a subscription over its writing time: the full bucket plus what it refilled.
    const rows: BenchRow[] = per.map((p, i) => ({
      benchmark: "protection",
      measure: `sub ${i + 1}: restore point PUTs in ${((p.end - p.start) / 1000).toFixed(1)} s`,
      ours: p.count,
      baselineName: `budget (${PUT_CAPACITY} + ${PUT_REFILL}/s)`,
      baseline: PUT_CAPACITY + (PUT_REFILL * (p.end - p.start)) / 1000,
      unit: "",
      target: 0.9,
      higherIsBetter: true,
    }));
    const overlapStart = Math.max(...per.map((p) => p.start));
    const overlapEnd = Math.min(...per.map((p) => p.end));
    const longest = Math.max(...per.map((p) => p.end - p.start));
    rows.push(
      {
        benchmark: "protection",
        measure: "time all 4 subscriptions were writing at once",
        ours: Math.max(0, overlapEnd - overlapStart) / 1000,
        baselineName: "longest subscription",
        baseline: longest / 1000,
        unit: "s",
        target: 0.9,
        higherIsBetter: true,
      },
      {
        benchmark: "protection",
        measure: `VMs failed (2 runs; ${throttled} 429s in the second)`,
        ours: first.summary.failed + second.summary.failed,
        baselineName: "VM runs",
        baseline: first.summary.vms + second.summary.vms,
        unit: "",
        target: 0,
      },
      {
        benchmark: "protection",
        measure: "restore points created by the second run",
        ours: second.summary.created,
        baselineName: "VMs",
        baseline: SUBSCRIPTIONS.length * VMS_PER_SUBSCRIPTION,
        unit: "",
        target: 1,
        higherIsBetter: true,
      },
    );
    return rows;
  } finally {
    await remote.stop();
  }
}

function syntheticFacts(vms: number, points: number, now: Date): ProtectionFacts {
  const sub = "bbbbbbbb-0000-0000-0000-000000000001";
  return {
    now,
    vms: Array.from({ length: vms }, (_, v) => {
      const name = `vm${v}`;
      const collectionName = `${name}-gold-eastus-rpc`;
      const collectionId = `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/${collectionName}`;
      return {
        id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}`,
        name,
        subscriptionId: sub,
        resourceGroup: "rg",
        location: "eastus",
        tags: { backup: "gold" },
        collections: [
          {
            id: collectionId,
            name: collectionName,
            resourceGroup: "rg",
            location: "eastus",
            tags: { "vmrp-policy": "gold" },
            points: Array.from({ length: points }, (_, p): VmRestorePoint => {
              const createdOn = new Date(now.getTime() - (p + 1) * 4 * HOUR);
              const slot = createdOn.toISOString().replace(/[-:]/g, "").slice(0, 13) + "Z";
              const pointName = `gold-${slot}`;
              return {
                id: `${collectionId}/restorePoints/${pointName}`,
                name: pointName,
                collectionName,
                resourceGroup: "rg",
                location: "eastus",
                createdOn,
                provisioningState: "Succeeded",
                excludedDiskIds: [],
                diskRestorePoints: [],
                raw: {},
              };
            }),
          },
        ],
      };
    }),
  };
}

function planningCpu(): BenchRow[] {
  const policy = validateProtectionPolicy({
    name: "gold",
    selector: {},
    schedule: { everyHours: 4 },
    retention: { keepLast: 6, keepDaily: 7, keepWeekly: 4, keepMonthly: 12 },
    rpo: { hours: 8 },
  });
  const now = new Date("2026-11-02T00:01:00Z");
  const measure = (vms: number, points: number): number => {
    const facts = syntheticFacts(vms, points, now);
    planProtectionFromFacts(policy, facts); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = process.cpuUsage();
      planProtectionFromFacts(policy, facts);
      const used = process.cpuUsage(before);
      samples.push((used.user + used.system) / 1000);
    }
    return Math.min(...samples);
  };
  const small = { vms: 500, points: 30 };
  const large = { vms: 2000, points: 60 };
  const smallMs = measure(small.vms, small.points);
  const largeMs = measure(large.vms, large.points);
  const perVmPoint = (ms: number, size: { vms: number; points: number }): number =>
    (ms * 1000) / (size.vms * size.points);
  return [
    {
      benchmark: "protection",
      measure: `planning CPU per VM (${large.vms} VMs × ${large.points} points; ${largeMs.toFixed(0)} ms in all)`,
      ours: (largeMs * 1000) / large.vms,
      baselineName: `per VM at ${small.vms} × ${small.points}`,
      baseline: (smallMs * 1000) / small.vms,
      unit: "µs",
    },
    {
      benchmark: "protection",
      measure: `planning CPU per VM-point, ${large.vms}×${large.points} (8× the VM-points)`,
      ours: perVmPoint(largeMs, large),
      baselineName: `${small.vms}×${small.points}`,
      baseline: perVmPoint(smallMs, small),
      unit: "µs",
      target: 1.5,
    },
  ];
}

export async function protectionBench(): Promise<BenchRow[]> {
  const signal = AbortSignal.timeout(TIME_LIMIT_MS);
  // Every VM in flight listens to it.
  setMaxListeners(0, signal);
  return [...planningCpu(), ...(await throttledRuns(signal))];
}

if (import.meta.url === `file://${process.argv[1] ?? ""}`) {
  const { formatRows } = await import("./stats.js");
  process.stdout.write(`${formatRows(await protectionBench())}\n`);
}
