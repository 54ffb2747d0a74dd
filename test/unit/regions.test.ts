import { describe, expect, it } from "vitest";
import {
  CROSS_REGION_SUPPORTED_REGIONS,
  isRegionSupportedForCrossRegion,
  MAX_RESTORE_POINTS_PER_VM,
  normalizeRegion,
} from "../../src/index.js";

describe("regions", () => {
  it("lists the 13 published cross-region copy regions", () => {
    expect([...CROSS_REGION_SUPPORTED_REGIONS].sort()).toEqual(
      [
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
      ].sort(),
    );
    expect(Object.isFrozen(CROSS_REGION_SUPPORTED_REGIONS)).toBe(true);
  });

  it.each([
    ["West Europe", true],
    ["westeurope", true],
    ["WestEurope", true],
    ["  East US 2 ", true],
    ["EastUS2EUAP", false],
    ["swedencentral", false],
  ])("isRegionSupportedForCrossRegion(%j) is %s", (region, expected) => {
    expect(isRegionSupportedForCrossRegion(region)).toBe(expected);
  });

  it("normalizes display names", () => {
    expect(normalizeRegion("Germany West Central")).toBe("germanywestcentral");
    expect(() => normalizeRegion(1 as unknown as string)).toThrow(TypeError);
  });

  it("exposes the per-VM limit", () => {
    expect(MAX_RESTORE_POINTS_PER_VM).toBe(500);
  });
});
