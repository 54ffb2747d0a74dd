/**
 * Regions that support cross-region copy of VM restore points, as published in February 2022 (the
 * last list Microsoft published). Newer documentation gives no list, so the client lets users
 * replace it (`copyRegions`) or switch the check off (`copyRegions: "any"`).
 *
 * @public
 */
export const CROSS_REGION_SUPPORTED_REGIONS: readonly string[] = Object.freeze([
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
]);

/**
 * Normalises an Azure region to its programmatic name: lower case, without spaces, so that the
 * display name "West Europe", "WestEurope" and "westeurope" compare equal. ARM itself mixes cases
 * (recordings show `eastus2euap` next to `EastUS2EUAP` in the same body).
 *
 * @param region - a region name or display name
 * @returns the normalised name, e.g. `"westeurope"`
 * @throws TypeError when `region` is not a string
 *
 * @example
 * ```ts
 * normalizeRegion("West Europe"); // "westeurope"
 * ```
 *
 * @public
 */
export function normalizeRegion(region: string): string {
  if (typeof region !== "string") {
    throw new TypeError(`region must be a string, got ${typeof region}`);
  }
  return region.replace(/\s+/g, "").toLowerCase();
}

/**
 * Whether a region is in {@link CROSS_REGION_SUPPORTED_REGIONS}, ignoring case and spaces.
 *
 * @param region - a region name or display name ("West Europe" and "westeurope" both work)
 * @returns `true` when restore points can be copied to or from that region
 * @throws TypeError when `region` is not a string
 *
 * @example
 * ```ts
 * isRegionSupportedForCrossRegion("West Europe"); // true
 * isRegionSupportedForCrossRegion("swedencentral"); // false
 * ```
 *
 * @public
 */
export function isRegionSupportedForCrossRegion(region: string): boolean {
  return CROSS_REGION_SUPPORTED_REGIONS.includes(normalizeRegion(region));
}
