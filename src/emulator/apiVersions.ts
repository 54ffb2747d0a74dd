/**
 * Which api-versions each provider accepts. ARM refuses versions a provider never published, so the
 * emulator keeps the published lists; clients newer than the emulator can be let in with
 * `rules.extraApiVersions`. The lists, floors and the format rule live in rules/namesAndVersions.ts.
 */
import { armErrors } from "./armErrors.js";
import type { ProviderFamily } from "./http.js";
import type { ResolvedRules } from "./options.js";
import {
  API_VERSION_FLOORS,
  COMPUTE_API_VERSIONS,
  DISK_API_VERSIONS,
  isWellFormedApiVersion,
} from "./rules/namesAndVersions.js";

const COMPUTE_VERSIONS = COMPUTE_API_VERSIONS;
const DISK_VERSIONS = DISK_API_VERSIONS;

/** Providers whose every well-formed version since this date is accepted (we model them thinly). */
const OPEN_FAMILIES: Partial<Record<ProviderFamily, string>> = {
  resources: API_VERSION_FLOORS.resources,
  network: API_VERSION_FLOORS.network,
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
  if (!isWellFormedApiVersion(version)) throw armErrors.invalidApiVersion(version);
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
