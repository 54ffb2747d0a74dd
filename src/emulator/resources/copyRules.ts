/**
 * The rules of cross-region copy (SERVICE-RULES.md "Cross-region"): allowed regions, no same-region
 * copy, no copy of a copy, one target collection per source collection and region, one copy at a
 * time per source and target, no out-of-order copy, no copy of private-link disks.
 */
import { armErrors } from "../armErrors.js";
import type { HandlerContext } from "../http.js";
import {
  keyOf,
  normalizeLocation,
  sameId,
  type CollectionRecord,
  type RestorePointRecord,
} from "../state.js";
import { isReplicating } from "./replication.js";

function checkRegion(context: HandlerContext, region: string): void {
  const allowed = context.options.rules.copyRegions;
  if (allowed === "any") return;
  if (!allowed.some((r) => normalizeLocation(r) === normalizeLocation(region))) {
    throw armErrors.copyNotAllowed(
      `Cross-region copy of restore points is not supported in region '${region}'. Supported regions: ${allowed.join(", ")}.`,
    );
  }
}

/** A new collection whose source is another collection: the target of cross-region copies. */
export function checkCopyTarget(
  context: HandlerContext,
  name: string,
  location: string,
  source: CollectionRecord,
): void {
  if (
    context.state.virtualMachines[keyOf(source.sourceId)] === undefined &&
    context.state.collections[keyOf(source.sourceId)] !== undefined
  ) {
    throw armErrors.copyNotAllowed(
      `Restore point collection '${source.name}' is itself the target of a cross-region copy; a copy of a copy is not supported. Use the original collection '${source.sourceId}' as the source.`,
    );
  }
  if (normalizeLocation(source.location) === normalizeLocation(location)) {
    throw armErrors.copyNotAllowed(
      `Restore point collection '${name}' is in the same region ('${location}') as its source collection '${source.name}'; a copy must target another region.`,
    );
  }
  checkRegion(context, source.location);
  checkRegion(context, location);
  const other = Object.values(context.state.collections).find(
    (c) => sameId(c.sourceId, source.id) && normalizeLocation(c.location) === normalizeLocation(location),
  );
  if (other !== undefined) {
    throw armErrors.copyNotAllowed(
      `Source collection '${source.name}' already has the copy target '${other.id}' in region '${location}'; copy into that collection instead.`,
    );
  }
}

/** A restore point PUT with `sourceRestorePoint` into a target collection. */
export function checkCopyRequest(
  context: HandlerContext,
  target: CollectionRecord,
  source: RestorePointRecord,
  excludeDisks: readonly unknown[],
): void {
  const state = context.state;
  if (!sameId(target.sourceId, source.collectionId)) {
    throw armErrors.copyNotAllowed(
      `Restore point collection '${target.name}' is not a copy target of collection '${source.collectionId}': its source is '${target.sourceId}'. Create a collection in the target region whose source is the restore point's collection.`,
    );
  }
  if (source.sourceRestorePointId !== undefined) {
    throw armErrors.copyNotAllowed(
      `Restore point '${source.name}' is itself a copy; a copy of a copy is not supported.`,
    );
  }
  if (source.provisioningState !== "Succeeded") {
    throw armErrors.copyNotAllowed(
      `Restore point '${source.name}' is '${source.provisioningState}'; only a restore point that succeeded can be copied.`,
    );
  }
  if (excludeDisks.length > 0) {
    throw armErrors.copyNotAllowed(
      "Disks cannot be excluded when copying a restore point; remove excludeDisks.",
    );
  }
  checkRegion(context, target.location);
  const copiesInTarget = Object.values(state.restorePoints).filter(
    (p) => sameId(p.collectionId, target.id) && p.sourceRestorePointId !== undefined,
  );
  const duplicate = Object.values(state.restorePoints).find(
    (p) =>
      sameId(p.sourceRestorePointId, source.id) &&
      normalizeLocation(p.location) === normalizeLocation(target.location),
  );
  if (duplicate !== undefined) {
    throw armErrors.copyNotAllowed(
      `Restore point '${source.name}' was already copied to region '${target.location}' as '${duplicate.id}'.`,
    );
  }
  const inFlight = copiesInTarget.find((p) =>
    isReplicating(
      p,
      p.diskRestorePointIds.flatMap((id) => state.diskRestorePoints[keyOf(id)] ?? []),
      context,
    ),
  );
  if (inFlight !== undefined) {
    throw armErrors.copyInProgress(source.collectionId, target.id, inFlight.id);
  }
  const newer = copiesInTarget
    .map((p) => state.restorePoints[keyOf(p.sourceRestorePointId ?? "")])
    .find((p) => p !== undefined && p.sequence > source.sequence);
  if (newer !== undefined) {
    throw armErrors.copyNotAllowed(
      `Restore point '${source.name}' is older than '${newer.name}', which was already copied to '${target.name}'; restore points must be copied in order.`,
    );
  }
  const privateDisk = source.diskRestorePointIds
    .map((id) => state.diskRestorePoints[keyOf(id)])
    .find((d) => d !== undefined && d.networkAccessPolicy === "AllowPrivate");
  if (privateDisk !== undefined) {
    throw armErrors.copyNotAllowed(
      `Disk restore point '${privateDisk.name}' uses private network access ('${privateDisk.networkAccessPolicy}'); restore points of such disks cannot be copied across regions.`,
    );
  }
}
