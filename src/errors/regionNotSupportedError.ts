import { RestorePointError } from "./restorePointError.js";

/**
 * Thrown before any request when a cross-region copy targets (or starts from) a region that is not
 * in the client's `copyRegions` list (default {@link CROSS_REGION_SUPPORTED_REGIONS}), by
 * `beginCopy`, `beginCopyToRegion` and `collection.create` with `sourceCollectionId`. Choose
 * another region, or construct the client with `copyRegions: "any"` if Azure has added the region.
 *
 * Also thrown by `collection.create` with `sourceVmId` when the collection's location is not the
 * VM's: cross-region creation was retired, so the VM's region is the only supported one
 * (`supportedRegions` holds just that region).
 *
 * When the client's check was skipped (`skipPreflight`), the service's refusal is mapped to this
 * class and the `RestError` is kept as `cause`.
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
  /** The regions the client accepts here. */
  readonly supportedRegions: readonly string[];

  /**
   * @param init - the region, the accepted regions, optionally a custom message and the service
   *   error it was mapped from (`cause`)
   */
  constructor(init: {
    region: string;
    supportedRegions: readonly string[];
    message?: string;
    cause?: unknown;
  }) {
    super(
      init.message ??
        `Region '${init.region}' does not support cross-region copy of restore points. ` +
          `Use one of: ${init.supportedRegions.join(", ")}; or pass copyRegions: "any" to the client to skip this check.`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.region = init.region;
    this.supportedRegions = Object.freeze([...init.supportedRegions]);
  }
}
