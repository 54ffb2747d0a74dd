import type { AbortSignalLike } from "@azure/abort-controller";
import { isRestError } from "@azure/core-rest-pipeline";
import { CopyNotAllowedError } from "../errors/copyNotAllowedError.js";
import type { ArmContext } from "../internal/armContext.js";
import { listArmPages } from "../internal/paging.js";
import { pathOf } from "../internal/urls.js";
import type { RestorePointCollection } from "../models/collection.js";
import { toRestorePointCollection } from "../models/collection.js";
import { normalizeRegion } from "../regions.js";
import { sameResourceId } from "../resourceId.js";
import type { CopyTargetCollection, CopyTargetCollectionFactory } from "./collectionPort.js";

/** ARM's limit on collection names. */
const MAX_COLLECTION_NAME = 80;

/**
 * The name `beginCopyToRegion` gives a target collection it creates:
 * `<source collection>-<target region>`, e.g. `web-points-northeurope`, with the source part
 * shortened when the whole would exceed 80 characters.
 *
 * @param sourceCollectionName - the source collection's name
 * @param targetLocation - the normalised target region
 */
export function defaultTargetCollectionName(sourceCollectionName: string, targetLocation: string): string {
  const suffix = `-${targetLocation}`;
  const head = sourceCollectionName.slice(0, MAX_COLLECTION_NAME - suffix.length).replace(/\.+$/, "");
  return `${head}${suffix}`;
}

/** What the copy needs to know to find or create its target collection. */
export interface TargetCollectionRequest {
  readonly sourceCollectionId: string;
  readonly sourceCollectionName: string;
  readonly sourceResourceGroup: string;
  /** Normalised. */
  readonly targetLocation: string;
  readonly targetResourceGroup: string | undefined;
  readonly targetCollectionName: string | undefined;
  readonly skipPreflight: boolean;
  readonly abortSignal: AbortSignalLike | undefined;
}

/** The target collection, and whether this call created it (and so may delete it again). */
export interface TargetCollection {
  readonly client: CopyTargetCollection;
  readonly created: boolean;
}

/**
 * Finds the collection in the target region that receives copies of the source collection, or
 * creates it. With `targetCollectionName` that collection is used (and must be such a target);
 * otherwise an existing target of the source collection in the target region is reused, searched
 * in `targetResourceGroup` when given, else in the whole subscription (the default name first),
 * and only when there is none is `<source>-<region>` created in `targetResourceGroup` (default:
 * the source's resource group).
 */
export async function findOrCreateTargetCollection(
  ctx: ArmContext,
  collections: CopyTargetCollectionFactory,
  request: TargetCollectionRequest,
): Promise<TargetCollection> {
  const resourceGroup = request.targetResourceGroup ?? request.sourceResourceGroup;
  if (request.targetCollectionName !== undefined) {
    const client = collections(resourceGroup, request.targetCollectionName);
    const existing = await getIfExists(client, request.abortSignal);
    if (existing !== undefined) {
      checkIsTarget(existing, request);
      return { client, created: false };
    }
    return { client: await create(client, request), created: true };
  }
  const name = defaultTargetCollectionName(request.sourceCollectionName, request.targetLocation);
  const all = await listCollections(ctx, request.targetResourceGroup, request.abortSignal);
  const targets = all
    .filter(
      (c) =>
        sameResourceId(c.sourceId, request.sourceCollectionId) &&
        normalizeRegion(c.location) === request.targetLocation,
    )
    .sort((a, b) => rank(a) - rank(b) || (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : 1));
  function rank(c: RestorePointCollection): number {
    return c.name.toLowerCase() === name.toLowerCase() ? 0 : 1;
  }
  const found = targets[0];
  if (found !== undefined) {
    return { client: collections(found.resourceGroup, found.name), created: false };
  }
  const clash = all.find(
    (c) =>
      c.name.toLowerCase() === name.toLowerCase() &&
      c.resourceGroup.toLowerCase() === resourceGroup.toLowerCase(),
  );
  if (clash !== undefined) checkIsTarget(clash, request);
  return { client: await create(collections(resourceGroup, name), request), created: true };
}

async function getIfExists(
  client: CopyTargetCollection,
  abortSignal: AbortSignalLike | undefined,
): Promise<RestorePointCollection | undefined> {
  try {
    return await client.get(abortSignal === undefined ? {} : { abortSignal });
  } catch (e) {
    if (isRestError(e) && e.statusCode === 404) return undefined;
    throw e;
  }
}

async function listCollections(
  ctx: ArmContext,
  resourceGroup: string | undefined,
  abortSignal: AbortSignalLike | undefined,
): Promise<RestorePointCollection[]> {
  const path =
    resourceGroup === undefined
      ? `${ctx.subscriptionPath}${pathOf("providers", "Microsoft.Compute", "restorePointCollections")}`
      : ctx.providerPath(resourceGroup, "Microsoft.Compute", "restorePointCollections");
  const result: RestorePointCollection[] = [];
  const pages = listArmPages(
    ctx,
    ctx.url(path, ctx.computeApiVersion),
    toRestorePointCollection,
    abortSignal,
  );
  for await (const collection of pages) result.push(collection);
  return result;
}

function checkIsTarget(collection: RestorePointCollection, request: TargetCollectionRequest): void {
  const where = `Collection '${collection.name}' (resource group '${collection.resourceGroup}')`;
  if (!sameResourceId(collection.sourceId, request.sourceCollectionId)) {
    throw new CopyNotAllowedError({
      reason: "TargetHasOtherSource",
      resourceId: collection.id,
      message:
        `${where} cannot receive copies from collection '${request.sourceCollectionId}': its source is ` +
        `'${collection.sourceId ?? "unknown"}', and a target collection has exactly one source collection. ` +
        `Pass another targetCollectionName.`,
    });
  }
  if (normalizeRegion(collection.location) !== request.targetLocation) {
    throw new CopyNotAllowedError({
      reason: "TargetInOtherRegion",
      resourceId: collection.id,
      message:
        `${where} is in '${collection.location}', not in the target region '${request.targetLocation}'. ` +
        `Pass another targetCollectionName.`,
    });
  }
}

function create(
  client: CopyTargetCollection,
  request: TargetCollectionRequest,
): Promise<CopyTargetCollection> {
  return client
    .create({
      location: request.targetLocation,
      sourceCollectionId: request.sourceCollectionId,
      skipPreflight: request.skipPreflight,
      ...(request.abortSignal === undefined ? {} : { abortSignal: request.abortSignal }),
    })
    .then(() => client);
}
