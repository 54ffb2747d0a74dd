/**
 * Package identity, API versions and service limits shared by the SDK.
 *
 * The version string is kept in sync with package.json by a unit test rather than read at runtime:
 * reading package.json would need a JSON import or file I/O at module load, which the dual ESM/CJS
 * build and bundlers handle differently.
 */

/** npm package name, used in the User-Agent. */
export const SDK_NAME = "azure-vm-restore-points";

/** npm package version, used in the User-Agent. */
export const SDK_VERSION = "0.1.0";

/** Compute RP api-version for restore point collections, restore points and VMs. */
export const DEFAULT_COMPUTE_API_VERSION = "2025-04-01";

/** Disk RP api-version for disk restore points and managed disks. */
export const DEFAULT_DISK_API_VERSION = "2025-01-02";

/** Network RP api-version for the NIC writes of the restore helpers. */
export const NETWORK_API_VERSION = "2024-05-01";

/** The first Compute api-version that has restore points at all. */
export const MIN_COMPUTE_API_VERSION = "2021-03-01";

/**
 * The first Disk api-version with everything the SDK uses of disk restore points: SAS access
 * (`beginGetAccess`) came in 2020-12-01, disk restore points themselves in 2020-09-30.
 */
export const MIN_DISK_API_VERSION = "2020-12-01";

/** core-lro's own default, restated so the client-level default is explicit and documented. */
export const DEFAULT_UPDATE_INTERVAL_IN_MS = 2000;

/**
 * Replication progress is refreshed by Azure about every ten minutes; one read a minute sees each
 * change soon enough without spending the restore point read quota.
 */
export const DEFAULT_REPLICATION_POLL_INTERVAL_IN_MS = 60_000;

/**
 * Maximum number of restore points one VM can have across all collections, resource groups and
 * consistency modes (Microsoft Learn, restore point limits; older preview docs said 200).
 *
 * @public
 */
export const MAX_RESTORE_POINTS_PER_VM = 500;

/** Allowed `instantAccessDurationMinutes` (api-version 2025-04-01 and later). */
export const INSTANT_ACCESS_MINUTES_RANGE = { min: 60, max: 300 } as const;

/** Allowed SAS lifetime of a disk (restore point) grant: 60 days at most. */
export const SAS_DURATION_SECONDS_RANGE = { min: 1, max: 5_184_000 } as const;

/** ARM endpoints and token audiences of the sovereign clouds we know. */
export const CLOUD_ENDPOINTS = {
  AzurePublicCloud: "https://management.azure.com",
  AzureChinaCloud: "https://management.chinacloudapi.cn",
  AzureUSGovernment: "https://management.usgovcloudapi.net",
} as const;

/**
 * How long the client reuses what the guards read beyond the collection and the VM themselves
 * (the subscription's collections, the restore points of a VM's other collections, the
 * `maxShares` of its disks). Cached facts can only let a check pass: before refusing on them the
 * guards read everything again.
 */
export const DEFAULT_PREFLIGHT_CACHE_TTL_IN_MS = 300_000;
