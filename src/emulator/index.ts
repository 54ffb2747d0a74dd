/**
 * A local emulator of the Azure Resource Manager endpoints for VM restore points: HTTPS on
 * 127.0.0.1 with a certificate made at start-up, bearer-token authentication, long-running
 * operations, cross-region copy with replication progress, throttling, fault injection and
 * optional persistence. Tests, the demo and benchmarks of `azure-vm-restore-points` run on it.
 *
 * @packageDocumentation
 */
import type { TokenCredential } from "@azure/core-auth";
import { createToken, emulatorCredential } from "./auth.js";
import { EmulatorClock, loadClock, saveClock } from "./clock.js";
import { FaultInjector, type FaultSpec, type InjectedFault } from "./faults.js";
import { OperationEngine } from "./operations.js";
import { resolveOptions, type EmulatorOptions, type ResolvedOptions } from "./options.js";
import { loadState } from "./persistence.js";
import { buildRouter } from "./resources/index.js";
import { seedVirtualMachine, type AddedVm, type AddVmOptions } from "./seed.js";
import {
  seedVirtualNetwork,
  type AddedVirtualNetwork,
  type AddVirtualNetworkOptions,
} from "./seedNetwork.js";
import { EmulatorServer, type RequestLogEntry } from "./server.js";
import { emptyState } from "./state.js";
import {
  checkSubscriptionId,
  hostedSubscription,
  hostedSubscriptions,
  hostSubscription,
} from "./subscriptions.js";
import { Throttler } from "./throttle.js";
import { createSelfSignedCertificate } from "./tls/selfSignedCertificate.js";
import { ReplicationFaults, type ReplicationFailureSpec } from "./resources/replication.js";
import { settleInTime } from "./resources/periodicRestorePoints.js";

export type {
  BasicDataProtectionOptions,
  EmulatorOptions,
  EmulatorRules,
  EmulatorThrottleOptions,
  TokenBucketSize,
} from "./options.js";
export { DEFAULT_COPY_REGIONS } from "./options.js";
export type { Caching, DiskSkuName, OsType } from "./state.js";
export type { FaultSpec, InjectedFault } from "./faults.js";
export type { RequestLogEntry } from "./server.js";
export type { AddVmOptions, AddedVm, SeedDiskSpec } from "./seed.js";
export type { AddVirtualNetworkOptions, AddedVirtualNetwork, SeedSubnetSpec } from "./seedNetwork.js";
export type { ReplicationFailureSpec } from "./resources/replication.js";

/**
 * What a client needs to talk to the emulator: pass it as (part of) the client options.
 * @public
 */
export interface EmulatorClientOptions {
  /** `https://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** Trust for the emulator's self-signed certificate. */
  readonly tlsOptions: {
    /** The certificate in PEM form, to trust as a certificate authority. */
    readonly ca: string;
  };
  /** Scopes to request tokens for (any value is accepted by the emulator's credential). */
  readonly credentialScopes: readonly string[];
  /**
   * How often to read replication progress: the emulator replicates in seconds, not hours, so
   * clients read it a few times per progress step instead of once a minute.
   */
  readonly replicationPollIntervalInMs: number;
}

/**
 * A running emulator.
 * @public
 */
export interface Emulator {
  /** Base URL, `https://127.0.0.1:<port>`. */
  readonly url: string;
  /** The TCP port it listens on (chosen by the system unless `options.port` was given). */
  readonly port: number;
  /**
   * The emulator's own subscription (`options.subscriptionId`). It hosts others too: see
   * {@link Emulator.addSubscription} and {@link AddVmOptions.subscriptionId}.
   */
  readonly subscriptionId: string;
  /** A credential whose tokens the emulator accepts. Requests without one get 401. */
  readonly credential: TokenCredential;
  /** The bearer token itself, for clients in other processes (keep it out of logs). */
  readonly token: string;
  /** PEM of the emulator's self-signed certificate. */
  readonly certificatePem: string;
  /** Endpoint, TLS trust and scopes to pass to `RestorePointClient` (or `@azure/arm-compute`). */
  readonly clientOptions: EmulatorClientOptions;
  /** Every request served, in order. */
  readonly requestLog: readonly RequestLogEntry[];
  /**
   * Creates a VM with managed disks and a NIC (and its resource group when missing), in
   * `options.subscriptionId` (which the emulator then hosts) or the emulator's own subscription.
   */
  addVm(options: AddVmOptions): Promise<AddedVm>;
  /**
   * Makes the emulator host another subscription, empty until something is created in it; the
   * emulator's token serves it too. Requests to subscriptions it does not host get ARM's
   * `404 SubscriptionNotFound`. Hosting one twice (in any casing) changes nothing.
   */
  addSubscription(subscriptionId: string): void;
  /** Every subscription the emulator hosts, its own first. */
  readonly subscriptionIds: readonly string[];
  /**
   * The emulator's current time: the host's time, unless `options.now`, `setTime` or `advanceTime`
   * moved it. Restore points, operations, replication, SAS expiry and platform restore points
   * follow it; throttling does not (it refills in real time).
   */
  now(): Date;
  /**
   * Moves the emulator's clock to `date` (not earlier than its current time) and brings everything
   * up to it at once: operations due by then complete, copies replicate, SAS URLs expire, platform
   * restore points are taken and pruned. A running clock runs on from `date`.
   * @throws TypeError when `date` is not a `Date`
   * @throws RangeError when `date` is invalid or before the emulator's current time
   */
  setTime(date: Date): void;
  /**
   * Moves the emulator's clock forward by `ms` milliseconds, with the effects of
   * {@link Emulator.setTime}. Instant, however far: 90 days take no longer than a second.
   * @throws RangeError when `ms` is negative or not a finite number
   */
  advanceTime(ms: number): void;
  /**
   * Creates (or replaces) a virtual network with its subnets, and its resource group when
   * missing. NICs, including those `restoreVm` creates, can only use subnets that exist in their
   * own region; the result's `subnetIds` are ready to pass as `subnetId`.
   */
  addVirtualNetwork(options: AddVirtualNetworkOptions): Promise<AddedVirtualNetwork>;
  /** Makes matching requests fail; see {@link FaultSpec}. */
  injectFault(fault: FaultSpec): InjectedFault;
  /** Makes the replication of matching disks of the next cross-region copies fail. */
  failReplication(spec?: ReplicationFailureSpec): void;
  /** A deep copy of the emulator's whole state as JSON-able data, for debugging and tests. */
  exportState(): unknown;
  /**
   * Forgets every resource, subscription added besides the emulator's own, fault and log entry
   * (the port, the token and the clock stay).
   */
  reset(): void;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts an emulator on 127.0.0.1.
 *
 * @example
 * ```ts
 * import { startEmulator } from "azure-vm-restore-points/emulator";
 * import { RestorePointClient } from "azure-vm-restore-points";
 *
 * const emu = await startEmulator();
 * const vm = await emu.addVm({ resourceGroup: "rg", name: "web", location: "westeurope", dataDisks: [{ lun: 0 }] });
 * const client = new RestorePointClient(emu.subscriptionId, emu.credential, emu.clientOptions);
 * // ... use the client ...
 * await emu.close();
 * ```
 * @public
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError("port must be 0..65535.");
  const loaded = options.dataDir === undefined ? undefined : loadState(options.dataDir);
  const clock = startClock(options);
  const token = options.token ?? createToken();
  const certificate = createSelfSignedCertificate();
  const operations = new OperationEngine();
  const faults = new FaultInjector();
  const replicationFaults = new ReplicationFaults();
  const throttler = new Throttler(options.throttle);
  const server = new EmulatorServer({
    options: resolved,
    router: buildRouter(operations, replicationFaults),
    operations,
    throttler,
    faults,
    token,
    certPem: certificate.certPem,
    keyPem: certificate.keyPem,
    dataDir: options.dataDir,
    initialState: loaded?.state ?? emptyState(),
    clock,
    settle: settleInTime,
    controlClock: {
      now: () => clock.now(),
      get frozen() {
        return clock.frozen;
      },
      set: (ms) => {
        moveClock(() => {
          clock.set(ms);
        });
      },
      advance: (ms) => {
        moveClock(() => {
          clock.advance(ms);
        });
      },
    },
  });
  const moveClock = (move: () => void): void => {
    move();
    if (options.dataDir !== undefined) saveClock(options.dataDir, clock);
    server.context();
    server.persist();
  };
  const url = await server.listen(port);
  return {
    url,
    port: Number(new URL(url).port),
    subscriptionId: resolved.subscriptionId,
    credential: emulatorCredential(token),
    token,
    certificatePem: certificate.certPem,
    clientOptions: {
      endpoint: url,
      tlsOptions: { ca: certificate.certPem },
      credentialScopes: [`${url}/.default`],
      replicationPollIntervalInMs: replicationPollInterval(resolved),
    },
    get requestLog() {
      return server.requestLog;
    },
    addVm(spec) {
      try {
        const wanted =
          spec.subscriptionId === undefined
            ? resolved.subscriptionId
            : checkSubscriptionId(spec.subscriptionId, "addVm");
        const subscriptionId = hostedSubscription(server.state, resolved, wanted) ?? wanted;
        const added = seedVirtualMachine(server.context(subscriptionId), spec);
        hostSubscription(server.state, resolved, subscriptionId);
        server.persist();
        return Promise.resolve(added);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    addSubscription(subscriptionId) {
      hostSubscription(server.state, resolved, checkSubscriptionId(subscriptionId, "addSubscription"));
      server.persist();
    },
    get subscriptionIds() {
      return hostedSubscriptions(server.state, resolved);
    },
    now: () => new Date(clock.now()),
    setTime(date) {
      if (!(date instanceof Date)) throw new TypeError("setTime needs a Date.");
      moveClock(() => {
        clock.set(date.getTime());
      });
    },
    advanceTime(ms) {
      moveClock(() => {
        clock.advance(ms);
      });
    },
    addVirtualNetwork(spec) {
      try {
        const added = seedVirtualNetwork(server.context(), spec);
        server.persist();
        return Promise.resolve(added);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    injectFault: (fault) => faults.add(fault),
    failReplication: (spec) => {
      replicationFaults.add(spec ?? {});
    },
    exportState: () => JSON.parse(JSON.stringify(server.state)) as unknown,
    reset() {
      server.state = emptyState();
      server.requestLog.length = 0;
      faults.clear();
      replicationFaults.clear();
      throttler.reset();
      server.persist();
    },
    close: () => server.close(),
  };
}

/**
 * The clock a start-up asks for: `options.now` (running, or frozen with `freezeTime`), else the one
 * kept in the data directory, else the host's time.
 */
function startClock(options: EmulatorOptions): EmulatorClock {
  const start: unknown = options.now;
  if (start !== undefined && !(start instanceof Date)) throw new TypeError("now must be a Date.");
  if (start !== undefined && Number.isNaN(start.getTime())) throw new RangeError("now must be a valid Date.");
  const kept = start === undefined && options.dataDir !== undefined ? loadClock(options.dataDir) : undefined;
  let clock =
    kept === undefined
      ? EmulatorClock.starting(start?.getTime(), options.freezeTime === true)
      : new EmulatorClock(kept);
  // A restart may freeze a kept running clock, or let a kept frozen one run, at the time it shows.
  if (options.freezeTime !== undefined && clock.frozen !== options.freezeTime) {
    clock = EmulatorClock.starting(clock.now(), options.freezeTime);
  }
  if (options.dataDir !== undefined) saveClock(options.dataDir, clock);
  return clock;
}

/** Half a replication progress step, kept between 5 ms and a minute. */
function replicationPollInterval(options: ResolvedOptions): number {
  const step = options.replicationDurationMs / options.replicationSteps;
  return Math.min(60_000, Math.max(5, Math.round(step / 2)));
}
