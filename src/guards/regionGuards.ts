/**
 * Region rules: cross-region copy only between regions of the allow-list (the client's
 * `copyRegions`, default CROSS_REGION_SUPPORTED_REGIONS, `"any"` turns it off), never within one
 * region, and a capture collection only in its VM's region (cross-region creation was retired in
 * October 2023). Regions compare case- and space-insensitively.
 */
import { CopyNotAllowedError } from "../errors/copyNotAllowedError.js";
import { RegionNotSupportedError } from "../errors/regionNotSupportedError.js";
import type { RestorePointError } from "../errors/restorePointError.js";
import { normalizeRegion } from "../regions.js";

/** A copy from `sourceRegion` to `targetRegion`: both allowed, and not the same. */
export function checkCopyRegions(
  sourceRegion: string,
  targetRegion: string,
  allowed: readonly string[] | "any",
  resourceId: string,
): RestorePointError[] {
  const source = normalizeRegion(sourceRegion);
  const target = normalizeRegion(targetRegion);
  const violations: RestorePointError[] = [];
  if (source === target) {
    violations.push(
      new CopyNotAllowedError({
        reason: "SameRegion",
        resourceId,
        message:
          `Cannot copy to '${resourceId}': source and target are both in '${target}', and a cross-region copy ` +
          `must go to another region. Use a target collection in another region.`,
      }),
    );
  }
  for (const region of source === target ? [target] : [source, target]) {
    const refused = checkCopyRegion(region, allowed);
    if (refused !== undefined) violations.push(refused);
  }
  return violations;
}

/** One region of a copy against the allow-list. */
export function checkCopyRegion(
  region: string,
  allowed: readonly string[] | "any",
): RegionNotSupportedError | undefined {
  if (allowed === "any") return undefined;
  const normalized = normalizeRegion(region);
  if (allowed.some((r) => normalizeRegion(r) === normalized)) return undefined;
  return new RegionNotSupportedError({ region: normalized, supportedRegions: allowed });
}

/** A capture collection must be in its VM's region. */
export function checkCollectionInVmRegion(
  collectionId: string,
  location: string,
  vm: { readonly id: string; readonly location: string },
): RestorePointError[] {
  const wanted = normalizeRegion(location);
  const vmRegion = normalizeRegion(vm.location);
  if (wanted === vmRegion) return [];
  return [
    new RegionNotSupportedError({
      region: wanted,
      supportedRegions: [vmRegion],
      message:
        `Cannot create '${collectionId}' in '${wanted}': a restore point collection must be in the region of its ` +
        `VM '${vm.id}' ('${vmRegion}'), as cross-region creation was retired. Create it in '${vmRegion}' and copy ` +
        `restore points to '${wanted}' instead.`,
    }),
  ];
}
