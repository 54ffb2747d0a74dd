import type { OperationState, PollerLike } from "@azure/core-lro";
import type { ArmContext } from "../internal/armContext.js";
import { validateLroOptions, validateOptionsBag } from "../internal/validation.js";
import { createDeletePoller } from "../lro/armPoller.js";
import type { LroOptions } from "../models/operationOptions.js";

/**
 * The body of every sub-client's `beginDelete` (collection, restore point): checks the options,
 * then deletes the Compute resource at `url` as a poller.
 *
 * @param what - the resource, e.g. `restore point 'p' in collection 'c' (resource group 'rg')`
 */
export function beginDeleteComputeResource(
  ctx: ArmContext,
  url: string,
  what: string,
  options: LroOptions,
): PollerLike<OperationState<void>, void> {
  const opts = validateOptionsBag(options, "options") as LroOptions;
  validateLroOptions(opts);
  return createDeletePoller(ctx, url, ctx.computeApiVersion, `Deleting ${what}`, opts);
}
