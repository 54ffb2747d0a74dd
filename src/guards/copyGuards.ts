/**
 * The rules of cross-region copy (SERVICE-RULES.md "Cross-region"): no copy of a copy, only a
 * finished source, the target collection must have the source's collection as its source, one
 * target collection per source collection and region, each source copied once per region, copies
 * in order, no private-link disks. Regions are checked by regionGuards.ts.
 */
import { CopyNotAllowedError } from "../errors/copyNotAllowedError.js";
import type { RestorePointError } from "../errors/restorePointError.js";
import { normalizeRegion } from "../regions.js";
import type { CollectionFacts, ExpandedCollectionFacts, PointFacts } from "./guardTypes.js";
import { isCollectionId, sameId } from "./guardTypes.js";
import { checkCopyRegions } from "./regionGuards.js";

/** A disk restore point of the source, with its network access policy. */
export interface DiskRestorePointAccess {
  readonly id: string;
  readonly name: string;
  /** `AllowAll`, `AllowPrivate` or `DenyAll`; undefined when the service did not say. */
  readonly networkAccessPolicy: string | undefined;
}

/** Everything a copy of `source` into `target` is checked against. */
export interface CopyFacts {
  /** The restore point to create in the target collection. */
  readonly restorePointId: string;
  readonly target: ExpandedCollectionFacts;
  readonly sourceCollection: ExpandedCollectionFacts;
  /** The source restore point; undefined when it is not in its collection (the service will say). */
  readonly source: PointFacts | undefined;
  readonly sourceRestorePointId: string;
  readonly sourceDisks: readonly DiskRestorePointAccess[];
  readonly copyRegions: readonly string[] | "any";
}

function refuse(
  reason: CopyNotAllowedError["reason"],
  resourceId: string,
  message: string,
): CopyNotAllowedError {
  return new CopyNotAllowedError({ reason, resourceId, message });
}

/**
 * Checks a copy of a restore point into a target collection.
 *
 * @returns every copy rule the copy would break (regions included)
 */
export function checkCopy(facts: CopyFacts): RestorePointError[] {
  const { target, sourceCollection, source, restorePointId: id } = facts;
  const sourceId = facts.sourceRestorePointId;
  const violations: RestorePointError[] = [];
  const into = `Cannot copy '${sourceId}' into '${id}'`;
  if (source?.sourceRestorePointId !== undefined || isCollectionId(sourceCollection.sourceId)) {
    violations.push(
      refuse(
        "CopyOfCopy",
        id,
        `${into}: the source is itself a cross-region copy, and a copy of a copy is not supported. ` +
          `Copy the original restore point${source?.sourceRestorePointId === undefined ? "" : ` '${source.sourceRestorePointId}'`} instead.`,
      ),
    );
  }
  if (source?.provisioningState !== undefined && source.provisioningState.toLowerCase() !== "succeeded") {
    violations.push(
      refuse(
        "SourceNotReady",
        id,
        `${into}: the source restore point is '${source.provisioningState}', and only a restore point that ` +
          `succeeded can be copied. Wait for it to finish.`,
      ),
    );
  }
  if (!sameId(target.sourceId, sourceCollection.id)) {
    violations.push(
      refuse(
        "TargetHasOtherSource",
        id,
        `${into}: collection '${target.id}' is not a copy target of '${sourceCollection.id}' (its source is ` +
          `'${target.sourceId ?? "unknown"}'). Copy into a collection created with sourceCollectionId ` +
          `'${sourceCollection.id}'.`,
      ),
    );
  }
  violations.push(...checkCopyRegions(sourceCollection.location, target.location, facts.copyRegions, id));
  const copies = target.points.filter((p) => p.sourceRestorePointId !== undefined);
  const duplicate = copies.find((p) => sameId(p.sourceRestorePointId, sourceId));
  if (duplicate !== undefined) {
    violations.push(
      refuse(
        "AlreadyCopied",
        id,
        `${into}: it was already copied to '${target.location}' as '${duplicate.id}', and a restore point is ` +
          `copied at most once per region. Use that copy.`,
      ),
    );
  }
  const newer = source === undefined ? undefined : newerCopy(copies, source, sourceCollection.points);
  if (newer !== undefined) {
    violations.push(
      refuse(
        "OutOfOrder",
        id,
        `${into}: the newer restore point '${newer.sourceRestorePointId ?? newer.id}' was already copied to ` +
          `'${target.id}', and copies must go in order. Copy a restore point newer than that one.`,
      ),
    );
  }
  // Only private-link disks (`AllowPrivate`) are documented as not copyable; `DenyAll` ("cannot be
  // exported") is left for the service to judge.
  const privateDisk = facts.sourceDisks.find((d) => d.networkAccessPolicy?.toLowerCase() === "allowprivate");
  if (privateDisk !== undefined) {
    violations.push(
      refuse(
        "PrivateLink",
        id,
        `${into}: disk restore point '${privateDisk.id}' uses network access policy ` +
          `'${privateDisk.networkAccessPolicy ?? ""}' (private link), which cross-region copy does not support.`,
      ),
    );
  }
  return violations;
}

/** A copy in the target whose source was taken after `source`; ties are not refused. */
function newerCopy(
  copies: readonly PointFacts[],
  source: PointFacts,
  sourcePoints: readonly PointFacts[],
): PointFacts | undefined {
  const takenAt = source.createdOn?.getTime();
  if (takenAt === undefined) return undefined;
  return copies.find((copy) => {
    // A copy reports its source's capture time; prefer the source itself when it still exists.
    const original = sourcePoints.find((p) => sameId(p.id, copy.sourceRestorePointId));
    const copiedAt = (original ?? copy).createdOn?.getTime();
    return copiedAt !== undefined && copiedAt > takenAt;
  });
}

/**
 * Checks a new copy-target collection: its source must be an original (not a copy target), in
 * another allowed region, without another target in the same region.
 *
 * @param collectionId - the collection to create
 * @param location - its region
 * @param source - the source collection
 * @param others - the subscription's collections (to find an existing target in that region)
 */
export function checkCopyTargetCollection(
  collectionId: string,
  location: string,
  source: CollectionFacts,
  others: readonly CollectionFacts[],
  copyRegions: readonly string[] | "any",
): RestorePointError[] {
  const violations: RestorePointError[] = [];
  const creating = `Cannot create '${collectionId}' as a copy target of '${source.id}'`;
  if (isCollectionId(source.sourceId)) {
    violations.push(
      refuse(
        "CopyOfCopy",
        collectionId,
        `${creating}: that collection is itself a copy target, and a copy of a copy is not supported. ` +
          `Use the original collection '${source.sourceId ?? ""}' as the source.`,
      ),
    );
  }
  violations.push(...checkCopyRegions(source.location, location, copyRegions, collectionId));
  const region = normalizeRegion(location);
  const existing = others.find(
    (c) => sameId(c.sourceId, source.id) && c.location === region && !sameId(c.id, collectionId),
  );
  if (existing !== undefined) {
    violations.push(
      refuse(
        "DuplicateTarget",
        collectionId,
        `${creating}: '${existing.id}' already is its copy target in '${region}', and a source collection has ` +
          `one target collection per region. Copy into '${existing.id}' instead.`,
      ),
    );
  }
  return violations;
}

/** A capture into a collection that only receives copies. */
export function checkCaptureCollection(
  collection: CollectionFacts,
  restorePointId: string,
): RestorePointError[] {
  if (!isCollectionId(collection.sourceId)) return [];
  return [
    refuse(
      "CopyTargetCollection",
      restorePointId,
      `Cannot create '${restorePointId}': collection '${collection.id}' is the target of a cross-region copy ` +
        `(its source is '${collection.sourceId ?? ""}') and only receives copies. Capture into the source VM's ` +
        `collection, or copy a restore point here with beginCopy.`,
    ),
  ];
}
