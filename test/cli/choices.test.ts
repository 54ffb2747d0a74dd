import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { CONSISTENCY_MODE_CHOICES, DISK_SKU_CHOICES, knownValues } from "../../src/cli/choices.js";
import { parseOpenChoice } from "../../src/cli/parsers.js";
import { KnownConsistencyMode, KnownDiskSku } from "../../src/index.js";

describe("open choices of the CLI", () => {
  it("offer the SDK's known values in help", () => {
    expect(DISK_SKU_CHOICES).toEqual(Object.values(KnownDiskSku));
    expect(CONSISTENCY_MODE_CHOICES).toEqual(Object.values(KnownConsistencyMode));
    expect(knownValues(DISK_SKU_CHOICES)).toContain("PremiumV2_LRS");
  });

  it("spell a known value canonically, pass any other value on, and refuse an empty one", () => {
    const sku = parseOpenChoice("--sku", DISK_SKU_CHOICES);
    expect(sku("premium_lrs")).toBe("Premium_LRS");
    expect(sku("PremiumV3_LRS")).toBe("PremiumV3_LRS");
    expect(() => sku(" ")).toThrow(InvalidArgumentError);
  });
});
