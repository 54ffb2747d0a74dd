/**
 * Disk restore points (Disk RP api-versions): GET, paged list, and SAS access through
 * `beginGetAccess` / `endGetAccess`, both LROs whose final result comes from the `Location` URL.
 * A second grant while one is active extends it and returns the same URL.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { API_VERSION_FLOORS } from "../rules/namesAndVersions.js";
import { armErrors } from "../armErrors.js";
import type { ArmRequest, ArmResponse, HandlerContext } from "../http.js";
import type { OperationEngine } from "../operations.js";
import type { RouteDefinition } from "../router.js";
import { keyOf, type DiskAccessRecord, type DiskRestorePointRecord } from "../state.js";
import { optionalBoolean, optionalString, paginate, requireObjectBody } from "./common.js";
import { diskReplication } from "./replication.js";
import { diskRestorePointsOf } from "./restorePointModel.js";
import { requireRestorePoint } from "./restorePoints.js";

const TYPE = "Microsoft.Compute/restorePointCollections/restorePoints/diskRestorePoints";
/** Disk and snapshot SAS lifetimes are capped at 60 days. */
const MAX_SAS_SECONDS = 5_184_000;
const PAGE_SIZE = 10;

function requireDiskRestorePoint(request: ArmRequest, context: HandlerContext): DiskRestorePointRecord {
  const { point } = requireRestorePoint(context, request.params);
  const name = (request.params.diskRestorePointName ?? "").toLowerCase();
  const found = diskRestorePointsOf(context.state, point).find((d) => d.name.toLowerCase() === name);
  if (found === undefined) throw armErrors.entityNotFound();
  return found;
}

export function renderDiskRestorePoint(
  record: DiskRestorePointRecord,
  context: HandlerContext,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    timeCreated: record.timeCreated,
    sourceResourceId: record.sourceResourceId,
  };
  if (record.osType !== undefined) properties.osType = record.osType;
  if (record.hyperVGeneration !== undefined) properties.hyperVGeneration = record.hyperVGeneration;
  properties.familyId = record.familyId;
  properties.sourceUniqueId = record.sourceUniqueId;
  properties.encryption =
    record.diskEncryptionSetId === undefined
      ? { type: record.encryptionType }
      : { type: record.encryptionType, diskEncryptionSetId: record.diskEncryptionSetId };
  properties.networkAccessPolicy = record.networkAccessPolicy;
  properties.publicNetworkAccess = record.networkAccessPolicy === "AllowAll" ? "Enabled" : "Disabled";
  const point = context.state.restorePoints[keyOf(record.restorePointId)];
  const replication = point === undefined ? undefined : diskReplication(point, record, context);
  if (replication !== undefined) {
    properties.replicationState = replication.state;
    properties.completionPercent = replication.completionPercent;
    if (record.sourceResourceLocation !== undefined)
      properties.sourceResourceLocation = record.sourceResourceLocation;
  }
  if (record.logicalSectorSize !== undefined) properties.logicalSectorSize = record.logicalSectorSize;
  return { id: record.id, name: record.name, type: TYPE, properties };
}

function get(request: ArmRequest, context: HandlerContext): ArmResponse {
  return { status: 200, body: renderDiskRestorePoint(requireDiskRestorePoint(request, context), context) };
}

function list(request: ArmRequest, context: HandlerContext): ArmResponse {
  const { point } = requireRestorePoint(context, request.params);
  const items = diskRestorePointsOf(context.state, point).map((d) => renderDiskRestorePoint(d, context));
  return { status: 200, body: paginate(items, request, context, PAGE_SIZE) };
}

function grant(request: ArmRequest, context: HandlerContext): ArmResponse {
  const record = requireDiskRestorePoint(request, context);
  const body = requireObjectBody(request);
  const access = optionalString(body, "access", "access");
  if (access === undefined) throw armErrors.missingParameter("access");
  if (access !== "Read" && access !== "Write") {
    throw armErrors.invalidParameter(
      "access",
      `Access level '${access}' is invalid for a disk restore point; use 'Read' or 'Write'.`,
    );
  }
  const duration = body.durationInSeconds;
  if (duration === undefined || duration === null) throw armErrors.missingParameter("durationInSeconds");
  if (
    typeof duration !== "number" ||
    !Number.isInteger(duration) ||
    duration < 1 ||
    duration > MAX_SAS_SECONDS
  ) {
    throw armErrors.invalidParameter(
      "durationInSeconds",
      `durationInSeconds must be an integer from 1 to ${MAX_SAS_SECONDS} (60 days).`,
    );
  }
  const fileFormat = optionalString(body, "fileFormat", "fileFormat");
  if (fileFormat !== undefined && fileFormat !== "VHD" && fileFormat !== "VHDX") {
    throw armErrors.invalidParameter(
      "fileFormat",
      `fileFormat '${fileFormat}' is invalid; use 'VHD' or 'VHDX'.`,
    );
  }
  const guestState = optionalBoolean(body, "getSecureVMGuestStateSAS", "getSecureVMGuestStateSAS") ?? false;
  const point = context.state.restorePoints[keyOf(record.restorePointId)];
  if (point?.provisioningState !== "Succeeded") {
    throw armErrors.resourceInUse("Disk restore point", record.name, "its restore point, which is not ready");
  }
  const op = context.operations.start(context, {
    family: "DiskOperations",
    location: record.location,
    apiVersion: request.apiVersion,
    effect: { type: "diskRestorePoint.grant", targetId: record.id, data: { duration, guestState } },
  });
  return { status: 202, headers: context.operations.acceptedHeaders(context, op, true) };
}

function revoke(request: ArmRequest, context: HandlerContext): ArmResponse {
  const record = requireDiskRestorePoint(request, context);
  const op = context.operations.start(context, {
    family: "DiskOperations",
    location: record.location,
    apiVersion: request.apiVersion,
    effect: { type: "diskRestorePoint.revoke", targetId: record.id },
  });
  return { status: 202, headers: context.operations.acceptedHeaders(context, op, true) };
}

/** A SAS URL shaped like Azure's disk export URLs; the signature is random, never a real key. */
function sasUrl(blobName: string, expiresAt: number): string {
  const host = `md-${randomBytes(6).toString("hex")}.z${randomBytes(1)[0] ?? 1}.blob.storage.azure.net`;
  const query = new URLSearchParams({
    sv: "2018-03-28",
    sr: "b",
    si: randomUUID(),
    sig: randomBytes(32).toString("base64"),
    se: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
    sp: "r",
  });
  return `https://${host}/${randomBytes(6).toString("hex")}/${blobName}?${query.toString()}`;
}

export function registerDiskRestorePointEffects(engine: OperationEngine): void {
  engine.register("diskRestorePoint.grant", (state, effect, outcome, context) => {
    const record = state.diskRestorePoints[keyOf(effect.targetId)];
    if (record === undefined || outcome.error !== undefined) return undefined;
    const duration = Number(effect.data?.duration ?? 3600);
    const expiresAt = context.now + duration * 1000;
    const active =
      record.access !== undefined && record.access.expiresAt > context.now ? record.access : undefined;
    const access: DiskAccessRecord = active ?? { accessSas: sasUrl("abcd", expiresAt), expiresAt };
    access.expiresAt = Math.max(access.expiresAt, expiresAt);
    if (effect.data?.guestState === true && access.securityDataAccessSas === undefined) {
      access.securityDataAccessSas = sasUrl("abcd_vmgs", access.expiresAt);
    }
    record.access = access;
    const output: Record<string, string> = { accessSAS: access.accessSas };
    if (access.securityDataAccessSas !== undefined)
      output.securityDataAccessSAS = access.securityDataAccessSas;
    return output;
  });
  engine.register("diskRestorePoint.revoke", (state, effect) => {
    const record = state.diskRestorePoints[keyOf(effect.targetId)];
    if (record !== undefined) Reflect.deleteProperty(record, "access");
    return undefined;
  });
}

const BASE =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/restorePointCollections/{restorePointCollectionName}/restorePoints/{vmRestorePointName}/diskRestorePoints";

/**
 * The oldest Disk RP versions with disk restore points: GET and list came with incremental restore
 * points (2020-09-30), grant and revoke access with 2020-12-01 (azure-rest-api-specs PR #14505).
 * Older Disk RP versions exist (for disks) and must not reach these routes.
 */
const DISK_RESTORE_POINT_MIN_API_VERSION = API_VERSION_FLOORS.diskRestorePoints;
const DISK_RESTORE_POINT_ACCESS_MIN_API_VERSION = API_VERSION_FLOORS.diskRestorePointAccess;

export const diskRestorePointRoutes: RouteDefinition[] = [
  {
    pattern: BASE,
    family: "disk",
    resourceType: TYPE,
    minApiVersion: DISK_RESTORE_POINT_MIN_API_VERSION,
    throttleGroup: "diskRestorePoint",
    methods: { GET: list },
  },
  {
    pattern: `${BASE}/{diskRestorePointName}`,
    family: "disk",
    resourceType: TYPE,
    minApiVersion: DISK_RESTORE_POINT_MIN_API_VERSION,
    throttleGroup: "diskRestorePoint",
    methods: { GET: get },
  },
  {
    pattern: `${BASE}/{diskRestorePointName}/beginGetAccess`,
    family: "disk",
    resourceType: TYPE,
    minApiVersion: DISK_RESTORE_POINT_ACCESS_MIN_API_VERSION,
    throttleGroup: "diskRestorePoint",
    methods: { POST: grant },
  },
  {
    pattern: `${BASE}/{diskRestorePointName}/endGetAccess`,
    family: "disk",
    resourceType: TYPE,
    minApiVersion: DISK_RESTORE_POINT_ACCESS_MIN_API_VERSION,
    throttleGroup: "diskRestorePoint",
    methods: { POST: revoke },
  },
];
