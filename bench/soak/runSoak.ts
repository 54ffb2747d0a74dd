/**
 * A bounded fault soak on loopback: many mixed operations (create, copy, restore disk, grant,
 * revoke, delete) through the public SDK against an in-process emulator that injects random
 * faults (429, 500, 503, dropped connections, failed operations). It ends by comparing the
 * emulator's state with what the results and errors named:
 *
 * - every resource in the emulator was named by a result or an error (or existed before);
 * - no disk restore point has an active SAS;
 * - the heap after GC at the end stays within a factor of its value after warm-up.
 *
 * Used by `npm run soak` (bench/soak.ts, 2,000 operations) and, smaller, by the test suite.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { isRestError } from "@azure/core-rest-pipeline";
import { startEmulator, type Emulator, type FaultSpec } from "../../src/emulator/index.js";
import { OperationFailedError, RestorePointClient, isRestorePointError } from "../../src/index.js";
import type { VmRestorePoint } from "../../src/index.js";

export interface SoakOptions {
  /** Operations to run. */
  readonly operations: number;
  /** Seed of the random choices (operations and faults). @defaultValue 1 */
  readonly seed?: number;
  /** Probability that a fault is injected before an operation. @defaultValue 0.3 */
  readonly faultRate?: number;
}

export interface SoakResult {
  readonly operations: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly faultsInjected: number;
  /** Failed operations by operation and error name. */
  readonly failures: Readonly<Record<string, number>>;
  /** Failures whose error is not one the SDK documents (TypeError, RestError, RestorePointError, AbortError). */
  readonly unexpectedErrors: readonly string[];
  /** Resources in the emulator that nothing named. */
  readonly unnamedResources: readonly string[];
  /** Disk restore points with an active SAS at the end. */
  readonly activeSas: readonly string[];
  /** Heap used after GC once warmed up, and at the end (bytes); undefined without `--expose-gc`. */
  readonly heapAfterWarmUp: number | undefined;
  readonly heapAtEnd: number | undefined;
}

type Operation = "create" | "copy" | "restoreDisk" | "grantRevoke" | "delete" | "deleteCopy";

const FAULTS: readonly Omit<FaultSpec, "pathPattern" | "method">[] = [
  { status: 429, retryAfterSeconds: 0 },
  { status: 429 },
  { status: 500 },
  { status: 503, retryAfterSeconds: 0 },
  { resetConnection: true },
  { operationError: { code: "InternalExecutionError" } },
];
const FAULT_TARGETS: readonly { method: string; pathPattern: string }[] = [
  { method: "PUT", pathPattern: "/restorePoints/[^/]+$" },
  { method: "PUT", pathPattern: "/disks/[^/]+$" },
  { method: "POST", pathPattern: "/beginGetAccess$" },
  { method: "POST", pathPattern: "/endGetAccess$" },
  { method: "DELETE", pathPattern: "/restorePoints/[^/]+$" },
  { method: "GET", pathPattern: "/operations/" },
  { method: "GET", pathPattern: "/restorePointCollections/" },
];

/** A small seeded PRNG (mulberry32), so a failing run can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ID_PATTERN = /\/subscriptions\/[^\s'",)]+/gi;

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const rand = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const faultRate = options.faultRate ?? 0.3;
  const emu = await startEmulator({ operationDelayMs: 1, replicationDurationMs: 5 });
  try {
    const vm = await emu.addVm({
      resourceGroup: "soak",
      name: "vm",
      location: "eastus",
      dataDisks: [{ lun: 0 }],
    });
    const named = new Set<string>(stateIds(emu).map((id) => id.toLowerCase()));
    const name = (id: string | undefined): void => {
      if (id !== undefined) named.add(id.toLowerCase());
    };
    const client = new RestorePointClient(emu.subscriptionId, emu.credential, {
      ...emu.clientOptions,
      updateIntervalInMs: 1,
      retryOptions: { retryDelayInMs: 1, maxRetryDelayInMs: 4 },
    });
    const collection = client.getCollectionClient("soak", "points");
    name((await collection.create({ location: "eastus", sourceVmId: vm.id })).id);

    const points: VmRestorePoint[] = [];
    const copies: VmRestorePoint[] = [];
    let succeeded = 0;
    let failed = 0;
    let faultsInjected = 0;
    let counter = 0;
    const unexpectedErrors: string[] = [];
    const failures: Record<string, number> = {};
    let heapAfterWarmUp: number | undefined;
    const warmUp = Math.max(1, Math.floor(options.operations / 10));

    const run = async (operation: Operation): Promise<void> => {
      const unique = `${operation}-${++counter}`;
      switch (operation) {
        case "create": {
          const point = await collection.getRestorePointClient(unique).beginCreate({ skipPreflight: true });
          name(point.id);
          points.push(point);
          return;
        }
        case "copy": {
          const source = pick(points);
          const copy = await client.beginCopyToRegion(source.id, {
            targetLocation: "westus",
            targetRestorePointName: unique,
            waitForReplication: false,
          });
          name(copy.id);
          name(copy.id.replace(/\/restorePoints\/[^/]+$/i, ""));
          copies.push(copy);
          return;
        }
        case "restoreDisk": {
          const source = pick(points);
          const drp = source.diskRestorePoints[0];
          if (drp === undefined) return;
          const disk = await client
            .getRestorePointClientById(source.id)
            .getDiskRestorePointClient(drp.name)
            .beginRestoreDisk({ diskName: unique });
          name(disk.id);
          return;
        }
        case "grantRevoke": {
          const source = pick(points);
          const drp = source.diskRestorePoints[0];
          if (drp === undefined) return;
          const drpClient = client.getRestorePointClientById(source.id).getDiskRestorePointClient(drp.name);
          try {
            await drpClient.beginGrantAccess({ durationInSeconds: 3600 });
          } finally {
            // A grant whose answer was lost may still be active: always revoke, as a caller must.
            await revokeWithRetries(() => drpClient.beginRevokeAccess());
          }
          return;
        }
        case "delete":
        case "deleteCopy": {
          const list = operation === "delete" ? points : copies;
          const index = Math.floor(rand() * list.length);
          const point = list[index];
          if (point === undefined) return;
          await client.getRestorePointClientById(point.id).beginDelete();
          list.splice(index, 1);
          return;
        }
      }
    };

    for (let i = 0; i < options.operations; i++) {
      if (rand() < faultRate) {
        emu.injectFault({ ...pick(FAULT_TARGETS), ...pick(FAULTS), times: 1 });
        faultsInjected++;
      }
      const operation: Operation =
        points.length === 0
          ? "create"
          : points.length > 30
            ? "delete"
            : pick([
                "create",
                "create",
                "copy",
                "restoreDisk",
                "grantRevoke",
                "delete",
                "deleteCopy",
              ] as const);
      try {
        await run(operation);
        succeeded++;
      } catch (error) {
        failed++;
        if (error instanceof OperationFailedError) name(error.remainingResourceId);
        for (const id of (error as Error).message.match(ID_PATTERN) ?? []) name(id);
        const kind = `${operation}: ${(error as Error).name}${isRestError(error) ? ` ${error.statusCode ?? ""}` : ""}`;
        failures[kind] = (failures[kind] ?? 0) + 1;
        if (!isRestorePointError(error) && !isRestError(error) && !(error instanceof TypeError)) {
          unexpectedErrors.push(`${operation}: ${String(error)}`);
        }
      }
      // The in-process emulator keeps a request log; drop it so the heap measures the client.
      (emu.requestLog as unknown[]).length = 0;
      if (i + 1 === warmUp) heapAfterWarmUp = heapAfterGc();
    }
    const unnamedResources = stateIds(emu).filter((id) => !named.has(id.toLowerCase()));
    return {
      operations: options.operations,
      succeeded,
      failed,
      faultsInjected,
      failures,
      unexpectedErrors,
      unnamedResources,
      activeSas: activeSasIds(emu),
      heapAfterWarmUp,
      heapAtEnd: heapAfterGc(),
    };
  } finally {
    await emu.close();
  }
}

async function revokeWithRetries(revoke: () => PromiseLike<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await revoke();
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

interface ExportedState {
  collections: Record<string, { id: string }>;
  restorePoints: Record<string, { id: string }>;
  disks: Record<string, { id: string }>;
  networkInterfaces: Record<string, { id: string }>;
  virtualMachines: Record<string, { id: string }>;
  virtualNetworks: Record<string, { id: string }>;
  diskRestorePoints: Record<string, { id: string; access?: { expiresAt: number } }>;
}

function stateIds(emu: Emulator): string[] {
  const state = emu.exportState() as ExportedState;
  return [
    state.collections,
    state.restorePoints,
    state.disks,
    state.networkInterfaces,
    state.virtualMachines,
    state.virtualNetworks,
  ].flatMap((records) => Object.values(records).map((r) => r.id));
}

function activeSasIds(emu: Emulator): string[] {
  const state = emu.exportState() as ExportedState;
  const now = emu.now().getTime();
  return Object.values(state.diskRestorePoints)
    .filter((d) => d.access !== undefined && d.access.expiresAt > now)
    .map((d) => d.id);
}

/** `gc` from `--expose-gc`, or switched on at run time (test runners do not pass the flag). */
function collector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
}

function heapAfterGc(): number | undefined {
  const gc = collector();
  if (gc === undefined) return undefined;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** The numbers of a run, one per line. */
export function formatSoakResult(result: SoakResult): string {
  const mb = (bytes: number | undefined) =>
    bytes === undefined ? "n/a (run with --expose-gc)" : `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const ratio =
    result.heapAfterWarmUp === undefined || result.heapAtEnd === undefined
      ? "n/a"
      : (result.heapAtEnd / result.heapAfterWarmUp).toFixed(2);
  return [
    `operations:           ${result.operations} (${result.succeeded} succeeded, ${result.failed} failed)`,
    `faults injected:      ${result.faultsInjected}`,
    `failures:             ${Object.entries(result.failures)
      .map(([kind, n]) => `${kind} x${n}`)
      .join(", ")}`,
    `unexpected errors:    ${result.unexpectedErrors.length}`,
    `unnamed resources:    ${result.unnamedResources.length}`,
    `active SAS:           ${result.activeSas.length}`,
    `heap after warm-up:   ${mb(result.heapAfterWarmUp)}`,
    `heap at end:          ${mb(result.heapAtEnd)} (ratio ${ratio}, limit 2.00)`,
  ].join("\n");
}
