import { RestorePointError } from "./restorePointError.js";

/**
 * Thrown before any request when a cross-region copy targets (or starts from) a region that is not
 * in the client's `copyRegions` list (default {@link CROSS_REGION_SUPPORTED_REGIONS}). Choose
 * another region, or construct the client with `copyRegions: "any"` if Azure has added the region.
 *
 * @public
 */
export class RegionNotSupportedError extends RestorePointError {
  /** Always `"RegionNotSupportedError"`. */
  override readonly name = "RegionNotSupportedError" as const;
  /** Always `"RegionNotSupported"`. */
  readonly code = "RegionNotSupported" as const;
  /** The rejected region, normalised (e.g. `swedencentral`). */
  readonly region: string;
  /** The regions the client accepts. */
  readonly supportedRegions: readonly string[];

  /**
   * @param init - the region, the accepted regions and optionally a custom message
   */
  constructor(init: { region: string; supportedRegions: readonly string[]; message?: string }) {
    super(
      init.message ??
        `Region '${init.region}' does not support cross-region copy of restore points. ` +
          `Use one of: ${init.supportedRegions.join(", ")}; or pass copyRegions: "any" to the client to skip this check.`,
    );
    this.region = init.region;
    this.supportedRegions = Object.freeze([...init.supportedRegions]);
  }
}
