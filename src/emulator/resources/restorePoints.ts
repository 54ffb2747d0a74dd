/**
 * VM restore points: PUT (201 `Creating` + `Azure-AsyncOperation`) for a capture of the
 * collection's VM or a cross-region copy, GET with `$expand=instanceView`, DELETE as an LRO.
 * Restore points are immutable: an identical PUT is idempotent, a different one is refused.
 */
import { armErrors } from "../armErrors.js";
import type { ArmRequest, ArmResponse, HandlerContext } from "../http.js";
import type { OperationEngine } from "../operations.js";
import type { RouteDefinition } from "../router.js";
import { keyOf, type CollectionRecord, type RestorePointRecord } from "../state.js";
import {
  checkComputeName,
  isObject,
  objectAt,
  optionalInteger,
  optionalString,
  requireObjectBody,
} from "./common.js";
import { COLLECTION_TYPE, requireCollection } from "./collections.js";
import { checkCopyRequest } from "./copyRules.js";
import { planCapture } from "./captureRules.js";
import {
  diskRestorePointsOf,
  metadataDiskEntries,
  removeRestorePoint,
  renderRestorePoint,
  restorePointId,
} from "./restorePointModel.js";
import { registerRestorePointEffects } from "./restorePointEffects.js";
import { readRequestedEncryption } from "./restorePointEncryption.js";
import type { ReplicationFaults } from "./replication.js";

const RESTORE_POINT_TYPE = "Microsoft.Compute/restorePointCollections/restorePoints";
const CONSISTENCY_MODES = ["CrashConsistent", "FileSystemConsistent", "ApplicationConsistent"];

/** The restore point of a request, or the Compute RP's 404 for a missing one. */
export function requireRestorePoint(
  context: HandlerContext,
  params: Readonly<Record<string, string>>,
): { collection: CollectionRecord; point: RestorePointRecord } {
  const collection = requireCollection(
    context,
    params.resourceGroupName ?? "",
    params.restorePointCollectionName ?? "",
  );
  const point =
    context.state.restorePoints[
      keyOf(
        restorePointId(
          context.options.subscriptionId,
          collection.resourceGroup,
          collection.name,
          params.restorePointName ?? params.vmRestorePointName ?? "",
        ),
      )
    ];
  if (point === undefined) throw armErrors.entityNotFound();
  return { collection, point };
}

/** A canonical form of the create request, to tell an identical retry from a change. */
function fingerprint(properties: Record<string, unknown>): string {
  const excluded = Array.isArray(properties.excludeDisks)
    ? properties.excludeDisks
        .map((d) => (isObject(d) && typeof d.id === "string" ? d.id.toLowerCase() : ""))
        .sort()
    : [];
  const source = isObject(properties.sourceRestorePoint) ? properties.sourceRestorePoint.id : undefined;
  return JSON.stringify({
    excluded,
    consistencyMode: properties.consistencyMode ?? null,
    source: typeof source === "string" ? source.toLowerCase() : null,
    instantAccessDurationMinutes: properties.instantAccessDurationMinutes ?? null,
    encryption: encryptionFingerprint(properties),
  });
}

/** The requested per-disk encryption in a canonical form (null when the request names none). */
function encryptionFingerprint(properties: Record<string, unknown>): unknown {
  try {
    const requested = readRequestedEncryption(properties);
    if (requested === undefined) return null;
    return Object.keys(requested)
      .sort()
      .map((disk) => {
        const e = requested[disk];
        return [disk, e?.type ?? null, e?.diskEncryptionSetId?.toLowerCase() ?? null];
      });
  } catch {
    // A malformed request is refused by the validation that follows; it matches nothing.
    return "invalid";
  }
}

function createdResponse(point: RestorePointRecord, context: HandlerContext): ArmResponse {
  const headers: Record<string, string> = {};
  const op =
    point.createOperationId === undefined ? undefined : context.state.operations[point.createOperationId];
  if (op !== undefined) Object.assign(headers, context.operations.acceptedHeaders(context, op, false));
  return { status: 201, headers, body: renderRestorePoint(point, context, { createResponse: true }) };
}

function put(request: ArmRequest, context: HandlerContext): ArmResponse {
  const collection = requireCollection(
    context,
    request.params.resourceGroupName ?? "",
    request.params.restorePointCollectionName ?? "",
  );
  const name = request.params.restorePointName ?? "";
  checkComputeName(name, RESTORE_POINT_TYPE);
  const body = requireObjectBody(request);
  const properties = objectAt(body, "properties", "properties");
  const id = restorePointId(context.options.subscriptionId, collection.resourceGroup, collection.name, name);
  const existing = context.state.restorePoints[keyOf(id)];
  const print = fingerprint(properties);
  if (collection.provisioningState === "Deleting") {
    throw armErrors.beingDeleted("Restore point collection", collection.name);
  }
  if (existing?.provisioningState === "Deleting") throw armErrors.beingDeleted("Restore point", name);
  if (existing !== undefined) {
    if (existing.requestFingerprint !== print) throw armErrors.restorePointImmutable(name);
    return createdResponse(existing, context);
  }
  const excludeDisks = properties.excludeDisks ?? [];
  if (!Array.isArray(excludeDisks)) {
    throw armErrors.invalidParameter(
      "properties.excludeDisks",
      "Property 'excludeDisks' must be an array of {id}.",
    );
  }
  const consistencyMode = optionalString(properties, "consistencyMode", "properties.consistencyMode");
  if (consistencyMode !== undefined && !CONSISTENCY_MODES.includes(consistencyMode)) {
    throw armErrors.invalidParameter(
      "properties.consistencyMode",
      `The value '${consistencyMode}' of 'consistencyMode' is invalid; allowed values are ${CONSISTENCY_MODES.join(", ")}.`,
    );
  }
  const instantAccess = optionalInteger(
    properties,
    "instantAccessDurationMinutes",
    "properties.instantAccessDurationMinutes",
  );
  if (instantAccess !== undefined && (instantAccess < 60 || instantAccess > 300)) {
    throw armErrors.invalidParameter(
      "properties.instantAccessDurationMinutes",
      `instantAccessDurationMinutes must be between 60 and 300 minutes (got ${instantAccess}).`,
    );
  }
  const requestedEncryption = readRequestedEncryption(properties);
  const base = {
    id,
    name,
    collectionId: collection.id,
    resourceGroup: collection.resourceGroup,
    location: collection.location,
    provisioningState: "Creating",
    diskRestorePointIds: [],
    requestFingerprint: print,
    sequence: 0,
    ...(instantAccess === undefined ? {} : { instantAccessDurationMinutes: instantAccess }),
    ...(requestedEncryption === undefined ? {} : { requestedEncryption }),
  };
  const sourcePoint = objectAt(properties, "sourceRestorePoint", "properties.sourceRestorePoint");
  const point: RestorePointRecord =
    sourcePoint.id === undefined
      ? capture(context, collection, base, excludeDisks, consistencyMode)
      : copy(context, collection, base, sourcePoint.id, excludeDisks);
  point.sequence = ++context.state.sequence;
  const op = context.operations.start(context, {
    family: "operations",
    location: collection.location,
    apiVersion: request.apiVersion,
    effect: {
      type: point.sourceRestorePointId === undefined ? "restorePoint.create" : "restorePoint.copy",
      targetId: id,
    },
  });
  point.createOperationId = op.id;
  context.state.restorePoints[keyOf(id)] = point;
  return createdResponse(point, context);
}

type BaseFields = Omit<
  RestorePointRecord,
  | "consistencyMode"
  | "consistencyModeRequested"
  | "excludeDiskIds"
  | "sourceVmId"
  | "sourceMetadata"
  | "timeCreated"
>;

function capture(
  context: HandlerContext,
  collection: CollectionRecord,
  base: BaseFields,
  excludeDisks: readonly unknown[],
  consistencyMode: string | undefined,
): RestorePointRecord {
  const plan = planCapture(context, collection, excludeDisks, consistencyMode);
  if (plan.concurrentFailure !== undefined) context.operations.failNextOperation(plan.concurrentFailure);
  return {
    ...base,
    consistencyMode:
      consistencyMode ?? (plan.vm.osType === "Windows" ? "ApplicationConsistent" : "FileSystemConsistent"),
    consistencyModeRequested: consistencyMode !== undefined,
    excludeDiskIds: plan.excludeDiskIds,
    sourceVmId: plan.vm.id,
    vmModelSequence: plan.vm.entitySequence,
    sourceMetadata: plan.sourceMetadata,
    timeCreated: new Date(context.now).toISOString().replace("Z", "0000+00:00"),
  };
}

function copy(
  context: HandlerContext,
  target: CollectionRecord,
  base: BaseFields,
  sourceId: unknown,
  excludeDisks: readonly unknown[],
): RestorePointRecord {
  if (typeof sourceId !== "string") {
    throw armErrors.invalidParameter(
      "properties.sourceRestorePoint.id",
      "Property 'sourceRestorePoint.id' must be a string.",
    );
  }
  const source = context.state.restorePoints[keyOf(sourceId)];
  if (source === undefined) {
    throw armErrors.invalidParameter(
      "properties.sourceRestorePoint.id",
      `The source restore point '${sourceId}' was not found.`,
    );
  }
  checkCopyRequest(context, target, source, excludeDisks);
  const metadata = structuredClone(source.sourceMetadata);
  // The copy gets its own disk restore points when its operation completes; until then its disks
  // carry none (recorded copy 201: no diskRestorePoint, not even the source's).
  for (const entry of metadataDiskEntries(metadata)) Reflect.deleteProperty(entry, "diskRestorePoint");
  return {
    ...base,
    consistencyMode: source.consistencyMode,
    // A copy reports the source's mode from the start (recorded create response of a copy).
    consistencyModeRequested: true,
    excludeDiskIds: [],
    sourceVmId: source.sourceVmId,
    sourceRestorePointId: source.id,
    sourceMetadata: metadata,
    // The copy keeps the source's capture time (recordings).
    timeCreated: source.timeCreated,
    copy: {
      startedAt: context.now,
      durationMs: context.options.replicationDurationMs,
      failingDiskRestorePointIds: [],
    },
  };
}

function get(request: ArmRequest, context: HandlerContext): ArmResponse {
  const { point } = requireRestorePoint(context, request.params);
  const expand = request.query.get("$expand");
  if (expand !== null && expand.toLowerCase() !== "instanceview") {
    throw armErrors.invalidParameter(
      "$expand",
      `The value '${expand}' of '$expand' is invalid; the only allowed value is 'instanceView'.`,
    );
  }
  return { status: 200, body: renderRestorePoint(point, context, { instanceView: expand !== null }) };
}

function remove(request: ArmRequest, context: HandlerContext): ArmResponse {
  let found: RestorePointRecord;
  try {
    found = requireRestorePoint(context, request.params).point;
  } catch (error) {
    // ARM answers a delete of something that is not there with 204 (the collection must exist).
    if (error instanceof Error && "code" in error && error.code === "NotFound") return { status: 204 };
    throw error;
  }
  if (found.provisioningState === "Creating")
    throw armErrors.resourceInUse("Restore point", found.name, "a create operation in progress");
  for (const diskPoint of diskRestorePointsOf(context.state, found)) {
    if (diskPoint.access !== undefined && diskPoint.access.expiresAt > context.now) {
      throw armErrors.diskRestorePointUsedByCustomer(diskPoint.name);
    }
  }
  // Restore points that were copied from this one keep working: a copy is independent data.
  found.provisioningState = "Deleting";
  const op = context.operations.start(context, {
    family: "operations",
    location: found.location,
    apiVersion: request.apiVersion,
    effect: { type: "restorePoint.delete", targetId: found.id },
  });
  return { status: 202, headers: context.operations.acceptedHeaders(context, op, true) };
}

export function registerRestorePointModule(
  engine: OperationEngine,
  replicationFaults: ReplicationFaults,
): void {
  registerRestorePointEffects(engine, replicationFaults);
  engine.register("restorePoint.delete", (state, effect, outcome) => {
    const point = state.restorePoints[keyOf(effect.targetId)];
    if (point === undefined) return undefined;
    if (outcome.error !== undefined) {
      point.provisioningState = "Failed";
      return undefined;
    }
    removeRestorePoint(state, point);
    return undefined;
  });
}

export const restorePointRoutes: RouteDefinition[] = [
  {
    pattern:
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/restorePointCollections/{restorePointCollectionName}/restorePoints/{restorePointName}",
    family: "compute",
    resourceType: `${COLLECTION_TYPE}/restorePoints`,
    restorePointFloor: true,
    throttleGroup: "restorePoint",
    methods: { PUT: put, GET: get, DELETE: remove },
  },
];
