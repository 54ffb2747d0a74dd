/**
 * Options of {@link startEmulator} and the service rules it enforces, with their defaults.
 *
 * Rules that SERVICE-RULES.md marks as unverified are switches here, so a test can pick the
 * behaviour it wants to exercise.
 */
import { BASIC_DATA_PROTECTION_REGIONS } from "../index.js";
import { resolveRequestLimits, type RequestLimits } from "./requestLimits.js";
import { resolveServerTimeouts, type ServerTimeouts } from "./serverTimeouts.js";

/**
 * The service rules the emulator enforces. Every field has the default that mirrors Azure.
 * @public
 */
export interface EmulatorRules {
  /**
   * Restore points per VM across every collection and resource group.
   * @defaultValue 500
   */
  maxRestorePointsPerVm?: number;
  /**
   * Regions between which a cross-region copy is allowed; `"any"` turns the check off.
   * @defaultValue the 13 regions of the February 2022 allow-list
   */
  copyRegions?: readonly string[] | "any";
  /**
   * How a second create on a VM that is still creating a restore point is refused: a synchronous
   * `409 VMRestorePointClientError` (`"conflict"`) or an accepted operation that ends `Failed`
   * (`"failedOperation"`). Azure's choice is undocumented; clients must handle both.
   * @defaultValue "conflict"
   */
  concurrentCreate?: "conflict" | "failedOperation";
  /**
   * Whether an explicit `ApplicationConsistent`/`FileSystemConsistent` in a create request is
   * refused (the spec says only `CrashConsistent` is accepted as input; unverified).
   * @defaultValue false
   */
  rejectExplicitAppConsistency?: boolean;
  /**
   * Oldest accepted Compute api-version for restore-point resources.
   * @defaultValue "2021-03-01"
   */
  minComputeApiVersion?: string;
  /**
   * Extra api-versions to accept beyond the published ones the emulator knows.
   * @defaultValue []
   */
  extraApiVersions?: readonly string[];
  /**
   * How long a cross-region copy may run before the service terminates it.
   * @defaultValue 14 days
   */
  copyTimeoutMs?: number;
}

/**
 * Size of one token bucket: `capacity` requests, refilled by `refillPerSecond`.
 * @public
 */
export interface TokenBucketSize {
  /** Tokens the bucket holds when full: the burst a client can send at once. */
  capacity: number;
  /** Tokens added back per second, up to `capacity`: the sustained rate. */
  refillPerSecond: number;
}

/**
 * Throttling like ARM (per-subscription read/write/delete token buckets) and Compute (named
 * policies, per resource and per subscription). With options present, an empty bucket answers
 * `429` with `Retry-After`; without them nothing is refused, but the `x-ms-ratelimit-remaining-*`
 * headers still count down from the Azure sizes. `"azure"` mirrors the documented and recorded
 * sizes; `buckets` can shrink single buckets for tests.
 * @public
 */
export interface EmulatorThrottleOptions {
  /** Start from the Azure sizes (`"azure"`) or from no limits (`"none"`). @defaultValue "azure" */
  preset?: "azure" | "none";
  /** Shorthand for the refill of ARM's `reads` bucket (capacity = `burst`, else 250). */
  readsPerSecond?: number;
  /** Shorthand for the refill of ARM's `writes` bucket (capacity = `burst`, else 200). */
  writesPerSecond?: number;
  /** Capacity of ARM's `reads` and `writes` buckets, with or without the per-second shorthands. */
  burst?: number;
  /**
   * Seconds in which an empty restore-point policy bucket (e.g. `PutRestorePointResource`) refills
   * completely; Azure does not publish these windows.
   * @defaultValue 180
   */
  computeWindowSeconds?: number;
  /**
   * Sizes by bucket name; they win over the preset and the shorthands. Names: ARM's `reads`,
   * `writes`, `deletes`, `globalReads`, `globalWrites`, `globalDeletes` (15 times the others unless
   * given) and Compute policies as they appear in `x-ms-ratelimit-remaining-resource` without the
   * `Microsoft.Compute/` prefix, e.g. `PutRestorePointSubscriptionMaximum`. Unknown names are refused.
   */
  buckets?: Record<string, TokenBucketSize>;
}

/**
 * Basic data protection: the platform's daily crash-consistent restore points of a VM whose
 * `properties.resiliencyProfile.periodicRestorePoints.isEnabled` is `true` (Compute api-version
 * 2025-04-01 or later; a preview). Every field has the default that mirrors the preview's
 * documentation; the ones Azure does not document are marked as the emulator's assumption.
 * @public
 */
export interface BasicDataProtectionOptions {
  /**
   * Regions in which the switch can be turned on; `"any"` turns the check off.
   * @defaultValue the preview's regions: eastasia, uksouth, northeurope, westcentralus, eastus2,
   * eastus, eastus2euap, centraluseuap
   */
  regions?: readonly string[] | "any";
  /**
   * Time from turning the switch on to the first restore point (the preview says 3 to 6 hours).
   * @defaultValue 3 hours
   */
  firstPointDelayMs?: number;
  /**
   * Time between two restore points of a VM; at least a minute.
   * @defaultValue 24 hours
   */
  intervalMs?: number;
  /**
   * How long the platform keeps its restore points: one whose age reaches this is deleted (5 days
   * keeps 5 daily points; the private preview kept 10).
   * @defaultValue 5 days
   */
  retentionMs?: number;
  /**
   * Name of the restore point collection the platform keeps a VM's points in, in the VM's
   * resource group and region; `{vmName}` stands for the VM's name. Azure does not document it:
   * this is the emulator's assumption.
   * @defaultValue "\{vmName\}-basic-protection"
   */
  collectionName?: string;
}

/**
 * Options of {@link startEmulator}.
 * @public
 */
export interface EmulatorOptions {
  /** TCP port on 127.0.0.1. @defaultValue 0 (an ephemeral port) */
  port?: number;
  /** Subscription the emulator hosts. @defaultValue "00000000-0000-0000-0000-000000000001" */
  subscriptionId?: string;
  /** How long a long-running operation stays `InProgress`. @defaultValue 50 */
  operationDelayMs?: number;
  /** How long a cross-region copy takes to reach 100 %. @defaultValue 2000 */
  replicationDurationMs?: number;
  /**
   * Number of coarse steps in which replication progress advances (Azure updates about every ten
   * minutes and small disks often jump from 0 to 100, which is `1`).
   * @defaultValue 4
   */
  replicationSteps?: number;
  /** `Retry-After` seconds on 201/202 responses and status polls; none when absent, as recorded. */
  retryAfterSeconds?: number;
  /** Throttling; off when absent (like Azurite). */
  throttle?: EmulatorThrottleOptions;
  /**
   * Directory to persist state in, so it survives a restart; in memory when absent. The emulator
   * makes it owner-only (700) and writes its files 600, whatever the umask.
   */
  dataDir?: string;
  /** Service rules; see {@link EmulatorRules}. */
  rules?: EmulatorRules;
  /**
   * Bearer token the emulator accepts; random when absent, a new one at every start (it is not
   * kept in `dataDir`: a restarted emulator has a new certificate, which clients must read anyway).
   */
  token?: string;
  /** Largest accepted request body, in bytes; larger ones get 413. @defaultValue 4 MiB (as ARM) */
  maxBodyBytes?: number;
  /**
   * Where the emulator's clock starts; from there it runs on in real time (or stands still with
   * `freezeTime`) and moves with `emu.setTime`/`emu.advanceTime`. Everything the emulated Azure
   * does in time follows it, except throttling. With a `dataDir` and no `now`, the clock goes on
   * from where it was kept.
   * @defaultValue the host's time
   */
  now?: Date;
  /**
   * Whether the clock stands still between `emu.setTime`/`emu.advanceTime` calls, so that nothing
   * happens unless a test moves time: operations stay `InProgress`, replication does not advance.
   * @defaultValue false
   */
  freezeTime?: boolean;
  /**
   * Largest number of VMs on one page of a VM list (a subscription's or a resource group's);
   * further pages come through `nextLink`.
   * @defaultValue 50, as Azure pages VM lists
   */
  vmListPageSize?: number;
  /** Basic data protection; see {@link BasicDataProtectionOptions}. */
  basicDataProtection?: BasicDataProtectionOptions;
  /**
   * Deepest accepted nesting of JSON objects and arrays in a request body (the body itself is
   * level 1); deeper ones get 400 `InvalidRequestContent` before anything is stored.
   * @defaultValue 64
   */
  maxJsonDepth?: number;
  /**
   * Largest accepted JSON text, in bytes, of one stored property: each member of a request body
   * and of its `properties` object (e.g. `properties.securityProfile`); larger ones get 400
   * `InvalidParameter` naming the property.
   * @defaultValue 256 KiB
   */
  maxPropertyBytes?: number;
  /**
   * How long a client may take to send a request's headers before the connection is closed
   * (Node's `headersTimeout`; also the TLS handshake timeout).
   * @defaultValue 30000
   */
  headersTimeoutMs?: number;
  /**
   * How long a client may take to send a whole request, body included, before the connection is
   * closed (Node's `requestTimeout`).
   * @defaultValue 60000
   */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open (Node's `keepAliveTimeout`). @defaultValue 5000 */
  keepAliveTimeoutMs?: number;
}

/** The rules with every default filled in. */
export interface ResolvedRules {
  maxRestorePointsPerVm: number;
  copyRegions: readonly string[] | "any";
  concurrentCreate: "conflict" | "failedOperation";
  rejectExplicitAppConsistency: boolean;
  minComputeApiVersion: string;
  extraApiVersions: readonly string[];
  copyTimeoutMs: number;
}

/**
 * Regions of the February 2022 cross-region copy allow-list (newer docs publish none); the
 * emulator's default for `rules.copyRegions`.
 * @public
 */
export const DEFAULT_COPY_REGIONS: readonly string[] = [
  "eastus",
  "eastus2",
  "centralus",
  "northcentralus",
  "southcentralus",
  "westcentralus",
  "westus",
  "westus2",
  "centralindia",
  "southindia",
  "germanywestcentral",
  "northeurope",
  "westeurope",
];

export function resolveRules(rules: EmulatorRules = {}): ResolvedRules {
  return {
    maxRestorePointsPerVm: rules.maxRestorePointsPerVm ?? 500,
    copyRegions: rules.copyRegions ?? DEFAULT_COPY_REGIONS,
    concurrentCreate: rules.concurrentCreate ?? "conflict",
    rejectExplicitAppConsistency: rules.rejectExplicitAppConsistency ?? false,
    minComputeApiVersion: rules.minComputeApiVersion ?? "2021-03-01",
    extraApiVersions: rules.extraApiVersions ?? [],
    copyTimeoutMs: rules.copyTimeoutMs ?? 14 * 24 * 3600 * 1000,
  };
}

/** Options with defaults applied, as the request handlers see them. */
export interface ResolvedOptions {
  subscriptionId: string;
  operationDelayMs: number;
  replicationDurationMs: number;
  replicationSteps: number;
  retryAfterSeconds: number | undefined;
  limits: RequestLimits;
  timeouts: ServerTimeouts;
  rules: ResolvedRules;
  vmListPageSize: number;
  basicDataProtection: ResolvedBasicDataProtection;
}

export interface ResolvedBasicDataProtection {
  regions: readonly string[] | "any";
  firstPointDelayMs: number;
  intervalMs: number;
  retentionMs: number;
  collectionName: string;
}

const HOUR_MS = 3600_000;

function resolveBasicDataProtection(options: BasicDataProtectionOptions = {}): ResolvedBasicDataProtection {
  const duration = (value: number | undefined, fallback: number, label: string, min: number): number => {
    const result = value ?? fallback;
    if (typeof result !== "number" || !Number.isFinite(result) || result < min) {
      throw new RangeError(`basicDataProtection.${label} must be a number >= ${min}.`);
    }
    return result;
  };
  const collectionName = options.collectionName ?? "{vmName}-basic-protection";
  if (typeof collectionName !== "string" || !collectionName.includes("{vmName}")) {
    throw new RangeError("basicDataProtection.collectionName must contain '{vmName}'.");
  }
  const regions = options.regions ?? BASIC_DATA_PROTECTION_REGIONS;
  if (regions !== "any" && !Array.isArray(regions)) {
    throw new RangeError('basicDataProtection.regions must be an array of regions or "any".');
  }
  return {
    regions,
    firstPointDelayMs: duration(options.firstPointDelayMs, 3 * HOUR_MS, "firstPointDelayMs", 0),
    // At least a minute, so that advancing months cannot mean billions of platform moments.
    intervalMs: duration(options.intervalMs, 24 * HOUR_MS, "intervalMs", 60_000),
    retentionMs: duration(options.retentionMs, 5 * 24 * HOUR_MS, "retentionMs", 1),
    collectionName,
  };
}

export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const delay = options.operationDelayMs ?? 50;
  if (!Number.isFinite(delay) || delay < 0) throw new RangeError("operationDelayMs must be a number >= 0.");
  const replication = options.replicationDurationMs ?? 2000;
  if (!Number.isFinite(replication) || replication < 0) {
    throw new RangeError("replicationDurationMs must be a number >= 0.");
  }
  const steps = options.replicationSteps ?? 4;
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError("replicationSteps must be an integer >= 1.");
  return {
    subscriptionId: options.subscriptionId ?? "00000000-0000-0000-0000-000000000001",
    operationDelayMs: delay,
    replicationDurationMs: replication,
    replicationSteps: steps,
    retryAfterSeconds: options.retryAfterSeconds,
    limits: resolveRequestLimits(options),
    timeouts: resolveServerTimeouts(options),
    rules: resolveRules(options.rules),
    vmListPageSize: resolvePageSize(options.vmListPageSize),
    basicDataProtection: resolveBasicDataProtection(options.basicDataProtection),
  };
}

function resolvePageSize(pageSize: number | undefined): number {
  const size = pageSize ?? 50;
  if (!Number.isInteger(size) || size < 1) throw new RangeError("vmListPageSize must be an integer >= 1.");
  return size;
}
