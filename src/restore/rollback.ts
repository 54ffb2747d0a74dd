import type { AbortSignalLike } from "@azure/abort-controller";
import type { OperationState, PollerLike } from "@azure/core-lro";
import { isRestError } from "@azure/core-rest-pipeline";
import type { ArmContext } from "../internal/armContext.js";
import { apiVersionForId, deleteResource } from "../lro/armResources.js";
import type { JsonObject } from "../internal/json.js";
import { logger } from "../internal/logger.js";
import { sameResourceId } from "../resourceId.js";

/** What a restore creates, in the order it must be deleted: VMs, then disks, then NICs. */
export type CreatedKind = "vm" | "disk" | "nic";

const DELETE_ORDER: readonly CreatedKind[] = ["vm", "disk", "nic"];

/** The resources one restore call created (or picked up from an interrupted run of itself). */
export class CreatedResources {
  readonly #items: Array<{ kind: CreatedKind; id: string }> = [];

  add(kind: CreatedKind, id: string): void {
    if (!this.has(id)) this.#items.push({ kind, id });
  }

  has(id: string): boolean {
    return this.#items.some((item) => sameResourceId(item.id, id));
  }

  remove(id: string): void {
    const index = this.#items.findIndex((item) => sameResourceId(item.id, id));
    if (index >= 0) this.#items.splice(index, 1);
  }

  ofKind(kind: CreatedKind): string[] {
    return this.#items.filter((item) => item.kind === kind).map((item) => item.id);
  }

  /** Ids in creation order. */
  get ids(): string[] {
    return this.#items.map((item) => item.id);
  }
}

/** GETs a resource by id; `undefined` on 404. */
export async function getIfExists(
  ctx: ArmContext,
  id: string,
  abortSignal?: AbortSignalLike,
): Promise<JsonObject | undefined> {
  try {
    return await ctx.getJson(ctx.urlForId(id, apiVersionForId(ctx, id)), abortSignal);
  } catch (e) {
    if (isRestError(e) && e.statusCode === 404) return undefined;
    throw e;
  }
}

/** Whether a resource exists; `true` when that cannot be found out (it may be left behind). */
async function mayExist(ctx: ArmContext, id: string): Promise<boolean> {
  try {
    return (await getIfExists(ctx, id)) !== undefined;
  } catch {
    return true;
  }
}

/**
 * Sends the create of `id` and records the resource once ARM accepted it. When the initial
 * request fails, the resource may still have been made (a lost response, a retry after the
 * service acted), so a GET decides. Then waits for the operation; a resource whose operation
 * fails stays recorded, because it exists (in state Failed) and must be rolled back.
 */
export async function trackCreate<TResult>(
  ctx: ArmContext,
  created: CreatedResources,
  kind: CreatedKind,
  id: string,
  poller: PollerLike<OperationState<TResult>, TResult>,
): Promise<TResult> {
  try {
    await poller.submitted();
  } catch (e) {
    if (await mayExist(ctx, id)) created.add(kind, id);
    throw e;
  }
  created.add(kind, id);
  return await poller;
}

/** Deletes one resource; `true` when it is gone afterwards (also when the DELETE failed but a GET finds nothing). */
export async function deleteAndConfirm(
  ctx: ArmContext,
  id: string,
  updateIntervalInMs: number | undefined,
): Promise<boolean> {
  try {
    await deleteResource(ctx, id, { updateIntervalInMs });
    return true;
  } catch (e) {
    const gone = !(await mayExist(ctx, id));
    if (!gone)
      logger.warning(`Rollback could not delete '${id}': ${e instanceof Error ? e.message : String(e)}`);
    return gone;
  }
}

/**
 * Deletes what a restore created, VMs first (they hold the disks and NICs), then the disks in
 * parallel, then the NICs; never anything else. A resource whose deletion fails stays in
 * `created`, so that afterwards `created.ids` is exactly what is left.
 */
export async function deleteCreated(
  ctx: ArmContext,
  created: CreatedResources,
  options: { updateIntervalInMs: number | undefined; onDeleted: (id: string) => void },
): Promise<void> {
  for (const kind of DELETE_ORDER) {
    await Promise.all(
      created.ofKind(kind).map(async (id) => {
        if (await deleteAndConfirm(ctx, id, options.updateIntervalInMs)) {
          created.remove(id);
          options.onDeleted(id);
        }
      }),
    );
  }
}
