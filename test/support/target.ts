/**
 * One suite, two targets. The client tests get their client, their VMs and their names from here;
 * without `RP_LIVE` they run on an emulator started for the test file, with `RP_LIVE=1` (and the
 * variables of targetConfig.ts) the same tests run in a live Azure subscription, one file at a
 * time, and delete what they created when the file ends.
 *
 * A test that needs a power only the emulator has (fault injection, its clock, its request log, VMs
 * of a chosen shape, its settings) says so with {@link itEmulatorOnly} / {@link describeEmulatorOnly}:
 * its name carries the reason, and a live run lists it as skipped. Reaching for `target.emu` in a
 * live run throws, so an undeclared use fails loudly instead of passing on the wrong target.
 */
import { randomUUID } from "node:crypto";
import type { ComputeManagementClient } from "@azure/arm-compute";
import type { TestFunction } from "vitest";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { Emulator, EmulatorOptions } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import type { RestorePointClientOptions } from "../../src/index.js";
import { parseResourceId, RestorePointClient } from "../../src/index.js";
import { readTargetConfig, TARGET_DOCS } from "./targetConfig.js";

/** The target of this run, read once; a live run with a variable missing fails here. */
export const targetConfig = readTargetConfig(process.env);
/** True when the tests run against live Azure. */
export const live = targetConfig.kind === "live";

/** What only the emulator can do; the reason shown in the name of a test that needs it. */
export type EmulatorPower =
  | "fault injection"
  | "clock"
  | "request log"
  | "VM shapes"
  | "emulator settings"
  | "replication control"
  | "several subscriptions"
  | "restored VMs and NICs (no live cleanup)";

/** A test that runs on the emulator only; live runs list it as skipped, with the reason. */
export function itEmulatorOnly(power: EmulatorPower, name: string, fn: TestFunction, timeout?: number): void {
  it.skipIf(live)(`${name} [emulator only: ${power}]`, fn, timeout);
}

/** A group of tests that run on the emulator only; live runs list them as skipped, with the reason. */
export function describeEmulatorOnly(power: EmulatorPower, name: string, fn: () => void): void {
  describe.skipIf(live)(`${name} [emulator only: ${power}]`, fn);
}

/** Tests that need live Azure; emulator runs list them as skipped and say how to run them. */
export function describeLiveOnly(name: string, fn: () => void): void {
  describe.skipIf(!live)(`${name} [live only: set RP_LIVE=1, see ${TARGET_DOCS}]`, fn);
}

/** Cross-region copies: always on the emulator, live only when RP_LIVE_COPY_LOCATION names a region. */
export const canCopy = targetConfig.kind === "emulator" || targetConfig.copyLocation !== undefined;

/** A copy test; skipped (visibly) in a live run without RP_LIVE_COPY_LOCATION. */
export function itCopies(name: string, fn: TestFunction, timeout?: number): void {
  it.skipIf(!canCopy)(canCopy ? name : `${name} [needs RP_LIVE_COPY_LOCATION]`, fn, timeout);
}

/** A VM whose restore points a test may create. */
export interface TargetVm {
  readonly id: string;
  readonly location: string;
  /** The group the test creates its collections (and restored disks) in; not always the VM's own. */
  readonly resourceGroup: string;
  readonly osDiskId: string | undefined;
  /** The VM's managed data disks, by ascending LUN (at least one). */
  readonly dataDisks: readonly { readonly id: string; readonly lun: number }[];
}

/** What a test file gets from {@link useTarget}. Read its members inside tests and hooks only. */
export interface TestTarget {
  readonly live: boolean;
  readonly client: RestorePointClient;
  readonly subscriptionId: string;
  /** The source region: the VM's. */
  readonly location: string;
  /** A region copies may go to (northeurope on the emulator). */
  readonly copyLocation: string;
  /** A name no other test of this run uses; live, the run's prefix lets cleanup find it. */
  name(prefix: string): string;
  /** A VM with an OS disk and data disks (emulator: a new one with two; live: the configured one). */
  vm(): Promise<TargetVm>;
  /** Another client on the same target (e.g. to resume a poller "in another process"). */
  newClient(options?: RestorePointClientOptions): RestorePointClient;
  /** The emulator itself; throws in a live run (declare the test with itEmulatorOnly). */
  readonly emu: Emulator;
}

export interface UseTargetOptions {
  /** Emulator settings (timings, rules); ignored live, where the service decides. */
  readonly emulator?: EmulatorOptions;
  /** Client options for both targets (the emulator's quick polling and retries are added there). */
  readonly client?: RestorePointClientOptions;
}

/** Starts the target for this test file (beforeAll) and cleans it up (afterAll). */
export function useTarget(options: UseTargetOptions = {}): TestTarget {
  let started: TestTarget | undefined;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = live ? await openLive(options) : await openEmulator(options);
    started = opened.target;
    stop = opened.stop;
  });
  afterAll(
    async () => {
      await stop?.();
    },
    live ? 1_800_000 : undefined,
  );
  const current = (): TestTarget => {
    if (started === undefined) throw new Error("the test target is read before beforeAll started it");
    return started;
  };
  return {
    live,
    get client() {
      return current().client;
    },
    get subscriptionId() {
      return current().subscriptionId;
    },
    get location() {
      return current().location;
    },
    get copyLocation() {
      return current().copyLocation;
    },
    get emu() {
      return current().emu;
    },
    name: (prefix) => current().name(prefix),
    vm: () => current().vm(),
    newClient: (o) => current().newClient(o),
  };
}

function randomPart(): string {
  return randomUUID().slice(0, 8);
}

async function openEmulator(
  options: UseTargetOptions,
): Promise<{ target: TestTarget; stop: () => Promise<void> }> {
  const emu = await startEmulator({ operationDelayMs: 20, replicationDurationMs: 200, ...options.emulator });
  const newClient = (o: RestorePointClientOptions = {}): RestorePointClient =>
    new RestorePointClient(emu.subscriptionId, emu.credential, {
      ...emu.clientOptions,
      updateIntervalInMs: 5,
      retryOptions: { retryDelayInMs: 5, maxRetryDelayInMs: 20 },
      ...options.client,
      ...o,
    });
  const location = "westeurope";
  const name = (prefix: string): string => `${prefix}-${randomPart()}`;
  const target: TestTarget = {
    live: false,
    client: newClient(),
    subscriptionId: emu.subscriptionId,
    location,
    copyLocation: "northeurope",
    emu,
    name,
    newClient,
    vm: async () => {
      const resourceGroup = name("rg");
      const luns = [0, 1];
      const vm = await emu.addVm({
        resourceGroup,
        name: name("vm"),
        location,
        dataDisks: luns.map((lun) => ({ lun, sizeGB: 64 * (lun + 1) })),
      });
      const dataDisks = vm.dataDiskIds.map((id, i) => ({ id, lun: luns[i]! }));
      return { id: vm.id, location, resourceGroup, osDiskId: vm.osDiskId, dataDisks };
    },
  };
  return { target, stop: () => emu.close() };
}

async function openLive(
  options: UseTargetOptions,
): Promise<{ target: TestTarget; stop: () => Promise<void> }> {
  if (targetConfig.kind !== "live") throw new Error("openLive outside a live run");
  const config = targetConfig;
  // Dev dependencies, loaded only live: the credential chain and the official client (for what our
  // SDK does not do: reading the VM's disks, deleting restored disks).
  const [{ DefaultAzureCredential }, { ComputeManagementClient }] = await Promise.all([
    import("@azure/identity"),
    import("@azure/arm-compute"),
  ]);
  const credential = new DefaultAzureCredential();
  const compute = new ComputeManagementClient(credential, config.subscriptionId);
  const newClient = (o: RestorePointClientOptions = {}): RestorePointClient =>
    new RestorePointClient(config.subscriptionId, credential, {
      ...options.client,
      ...o,
      // ARM asks for polls no faster than this; emulator-tuned intervals would only earn 429s.
      updateIntervalInMs: 15_000,
    });
  const client = newClient();
  // Each test file has its own prefix, so its cleanup never touches another file's or run's resources.
  const runPrefix = `vmrpt${Date.now().toString(36)}${randomPart().slice(0, 4)}`;
  const name = (prefix: string): string => `${runPrefix}-${prefix}-${randomPart()}`;
  let vm: TargetVm | undefined;
  const target: TestTarget = {
    live: true,
    client,
    subscriptionId: config.subscriptionId,
    location: config.location,
    copyLocation: config.copyLocation ?? "",
    get emu(): Emulator {
      throw new Error(
        "this test uses the emulator in a live run: declare it with itEmulatorOnly/describeEmulatorOnly",
      );
    },
    name,
    newClient,
    vm: async () => {
      vm ??= await readLiveVm(compute, config.vmId, config.resourceGroup, config.location);
      return vm;
    },
  };
  return {
    target,
    stop: () => deleteWhatTheRunCreated(client, compute, config.resourceGroup, runPrefix),
  };
}

type Compute = ComputeManagementClient;

async function readLiveVm(
  compute: Compute,
  vmId: string,
  resourceGroup: string,
  location: string,
): Promise<TargetVm> {
  const parsed = parseResourceId(vmId);
  const vm = await compute.virtualMachines.get(parsed.resourceGroup ?? "", parsed.vmName ?? "");
  const storage = vm.storageProfile;
  const dataDisks = [...(storage?.dataDisks ?? [])]
    .sort((a, b) => a.lun - b.lun)
    .flatMap((d) => (d.managedDisk?.id === undefined ? [] : [{ id: d.managedDisk.id, lun: d.lun }]));
  if (dataDisks.length === 0) {
    throw new Error(
      `RP_LIVE_VM_ID ${vmId} has no managed data disk; the tests need at least one (${TARGET_DOCS})`,
    );
  }
  return { id: vmId, location, resourceGroup, osDiskId: storage?.osDisk?.managedDisk?.id, dataDisks };
}

/**
 * Deletes the collections (with their restore points) and disks whose names carry this file's
 * prefix: copies' collections first, as a source cannot go while a copy still points at it.
 */
async function deleteWhatTheRunCreated(
  client: RestorePointClient,
  compute: Compute,
  resourceGroup: string,
  runPrefix: string,
): Promise<void> {
  const failures: unknown[] = [];
  const collections = [];
  for await (const c of client.listCollections({ resourceGroup })) {
    if (c.name.startsWith(`${runPrefix}-`)) collections.push(c);
  }
  const isCopy = (c: { sourceId?: string }): boolean => !/\/virtualMachines\//i.test(c.sourceId ?? "");
  const copiesFirst = [...collections.filter(isCopy), ...collections.filter((c) => !isCopy(c))];
  for (const c of copiesFirst) {
    await client
      .getCollectionClient(resourceGroup, c.name)
      .beginDelete()
      .catch((e: unknown) => failures.push(e));
  }
  for await (const disk of compute.disks.listByResourceGroup(resourceGroup)) {
    if (disk.name?.startsWith(`${runPrefix}-`) === true) {
      await Promise.resolve(compute.disks.delete(resourceGroup, disk.name)).catch((e: unknown) =>
        failures.push(e),
      );
    }
  }
  if (failures.length > 0) {
    throw new AggregateError(
      failures,
      `live cleanup left resources with prefix ${runPrefix} in ${resourceGroup}`,
    );
  }
}
