/**
 * Which api-versions each provider accepts. ARM refuses versions a provider never published, so the
 * emulator keeps the published lists; clients newer than the emulator can be let in with
 * `rules.extraApiVersions`.
 */
import { armErrors } from "./armErrors.js";
import type { ProviderFamily } from "./http.js";
import type { ResolvedRules } from "./options.js";

/** Compute RP versions (VMs, restore point collections and restore points). */
const COMPUTE_VERSIONS = [
  "2019-03-01", "2019-07-01", "2019-12-01", "2020-06-01", "2020-12-01",
  "2021-03-01", "2021-04-01", "2021-07-01", "2021-11-01", "2022-03-01", "2022-08-01", "2022-11-01",
  "2023-03-01", "2023-07-01", "2023-09-01", "2024-03-01", "2024-07-01", "2024-11-01", "2025-04-01",
  "2025-11-01", "2026-03-01", "2026-04-01",
]; // prettier-ignore

/** Disk RP versions (disks, disk restore points). */
const DISK_VERSIONS = [
  "2019-07-01", "2019-11-01", "2020-05-01", "2020-06-30", "2020-09-30", "2020-12-01", "2021-04-01",
  "2021-08-01", "2021-12-01", "2022-03-02", "2022-07-02", "2023-01-02", "2023-04-02", "2023-10-02",
  "2024-03-02", "2025-01-02", "2026-03-02",
]; // prettier-ignore

const WELL_FORMED = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

/** Providers whose every well-formed version since this date is accepted (we model them thinly). */
const OPEN_FAMILIES: Partial<Record<ProviderFamily, string>> = {
  resources: "2014-04-01",
  network: "2015-06-15",
};

/**
 * Checks a request's api-version for a route, throwing the ARM error Azure would send.
 * @param minVersion - the oldest version of this resource type (restore points: 2021-03-01)
 */
export function checkApiVersion(
  version: string | null,
  family: ProviderFamily,
  resourceType: string,
  rules: ResolvedRules,
  minVersion?: string,
): string {
  if (version === null || version === "") throw armErrors.missingApiVersion();
  if (!WELL_FORMED.test(version)) throw armErrors.invalidApiVersion(version);
  const date = version.slice(0, 10);
  if (minVersion !== undefined && date < minVersion) {
    throw armErrors.apiVersionTooOld(version, minVersion, resourceType);
  }
  if (rules.extraApiVersions.includes(version)) return version;
  const openSince = OPEN_FAMILIES[family];
  if (openSince !== undefined) {
    if (date >= openSince) return version;
    throw armErrors.noRegisteredProvider(version, resourceType, [`${openSince} or newer`]);
  }
  const known =
    family === "compute"
      ? COMPUTE_VERSIONS
      : family === "disk"
        ? DISK_VERSIONS
        : [...COMPUTE_VERSIONS, ...DISK_VERSIONS];
  if (!known.includes(version)) {
    throw armErrors.noRegisteredProvider(
      version,
      resourceType,
      known.filter((v) => minVersion === undefined || v >= minVersion),
    );
  }
  return version;
}
