/**
 * Managed disks (Disk RP): PUT as a long-running operation on the `DiskOperations` URLs (create
 * `Empty`, `Restore` from a disk restore point, `Copy` from a disk or disk restore point; update of
 * tags, SKU, size and a few settings), GET, list by resource group and subscription (paged), and
 * DELETE (LRO; an attached disk cannot be deleted).
 */
import { armErrors } from "../armErrors.js";
import type { ArmRequest, ArmResponse, HandlerContext } from "../http.js";
import type { OperationEngine } from "../operations.js";
import type { RouteDefinition } from "../router.js";
import { keyOf, normalizeLocation, type DiskRecord, type OperationRecord } from "../state.js";
import { subscriptionPrefix } from "../subscriptions.js";
import { objectAt, paginate, requireLocation, requireObjectBody, requireResourceGroup } from "./common.js";
import { checkDiskName, diskId, diskPerformance, DISK_TYPE, readZone, skuTier } from "./diskModel.js";
import { applySettings, checkUpdate, planCreate, readSettings } from "./diskRequests.js";

const PAGE_SIZE = 10;

export function renderDisk(disk: DiskRecord): Record<string, unknown> {
  const performance = diskPerformance(disk.sku, disk.sizeGB);
  const creationData: Record<string, unknown> = { createOption: disk.createOption };
  if (disk.sourceResourceId !== undefined) creationData.sourceResourceId = disk.sourceResourceId;
  // The recorded restore from a disk restore point shows no sourceUniqueId; copies of disks do.
  if (disk.sourceUniqueId !== undefined && disk.createOption === "Copy")
    creationData.sourceUniqueId = disk.sourceUniqueId;
  const properties: Record<string, unknown> = {};
  if (disk.osType !== undefined) properties.osType = disk.osType;
  if (disk.hyperVGeneration !== undefined) properties.hyperVGeneration = disk.hyperVGeneration;
  properties.creationData = creationData;
  properties.diskSizeGB = disk.sizeGB;
  properties.diskIOPSReadWrite = performance.iops;
  properties.diskMBpsReadWrite = performance.mbps;
  properties.encryption = {
    ...(disk.diskEncryptionSetId === undefined ? {} : { diskEncryptionSetId: disk.diskEncryptionSetId }),
    type: disk.encryptionType,
  };
  if (disk.maxShares !== undefined) properties.maxShares = disk.maxShares;
  properties.networkAccessPolicy = disk.networkAccessPolicy;
  if (disk.diskAccessId !== undefined) properties.diskAccessId = disk.diskAccessId;
  properties.publicNetworkAccess = "Enabled";
  if (disk.securityProfile !== undefined) properties.securityProfile = disk.securityProfile;
  properties.timeCreated = disk.timeCreated;
  properties.provisioningState = disk.provisioningState;
  properties.diskState = disk.managedBy === undefined ? "Unattached" : "Attached";
  properties.diskSizeBytes = disk.sizeGB * 1024 ** 3;
  properties.uniqueId = disk.uniqueId;
  if (performance.tier !== undefined) properties.tier = performance.tier;
  const body: Record<string, unknown> = {
    name: disk.name,
    id: disk.id,
    type: DISK_TYPE,
    location: disk.location,
    // The Disk RP always shows tags, `{}` included (recording).
    tags: disk.tags,
  };
  if (disk.managedBy !== undefined) body.managedBy = disk.managedBy;
  body.sku = { name: disk.sku, tier: skuTier(disk.sku) };
  if (disk.zone !== undefined) body.zones = [disk.zone];
  body.properties = properties;
  return body;
}

/** The 202 body: the Disk RP echoes the request's resource with `provisioningState: Updating`. */
function renderAccepted(disk: DiskRecord): Record<string, unknown> {
  const creationData: Record<string, unknown> = { createOption: disk.createOption };
  if (disk.sourceResourceId !== undefined) creationData.sourceResourceId = disk.sourceResourceId;
  const properties: Record<string, unknown> = {};
  if (disk.osType !== undefined) properties.osType = disk.osType;
  if (disk.hyperVGeneration !== undefined) properties.hyperVGeneration = disk.hyperVGeneration;
  properties.creationData = creationData;
  properties.diskSizeGB = disk.sizeGB;
  properties.provisioningState = disk.provisioningState;
  const body: Record<string, unknown> = {
    name: disk.name,
    id: disk.id,
    type: DISK_TYPE,
    location: disk.location,
    tags: disk.tags,
  };
  body.sku = { name: disk.sku };
  if (disk.zone !== undefined) body.zones = [disk.zone];
  body.properties = properties;
  return body;
}

/** DiskOperations answers carry both polling URLs but, unlike Compute, no `azure-asyncnotification` (recording). */
function diskOperationHeaders(context: HandlerContext, op: OperationRecord): Record<string, string> {
  const { "azure-asyncnotification": _notification, ...headers } = context.operations.acceptedHeaders(
    context,
    op,
    true,
  );
  return headers;
}

function put(request: ArmRequest, context: HandlerContext): ArmResponse {
  const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
  const name = request.params.diskName ?? "";
  checkDiskName(name);
  const body = requireObjectBody(request);
  const location = normalizeLocation(requireLocation(body));
  const properties = objectAt(body, "properties", "properties");
  const settings = readSettings(body, properties);
  const id = diskId(context.options.subscriptionId, group.name, name);
  let disk = context.state.disks[keyOf(id)];
  if (disk === undefined) {
    const place = { id, name, resourceGroup: group.name, location, zone: readZone(body) };
    disk = planCreate(context, place, properties, settings);
    context.state.disks[keyOf(id)] = disk;
  } else {
    if (location !== normalizeLocation(disk.location)) {
      throw armErrors.invalidResourceLocation(name, disk.location, group.name, location);
    }
    checkUpdate(context, disk, body, properties, settings);
    applySettings(disk, settings);
    if (settings.sku !== undefined) disk.sku = settings.sku;
    if (settings.sizeGB !== undefined) disk.sizeGB = settings.sizeGB;
    disk.provisioningState = "Updating";
  }
  const op = context.operations.start(context, {
    family: "DiskOperations",
    location,
    apiVersion: request.apiVersion,
    effect: { type: "disk.put", targetId: disk.id },
  });
  return { status: 202, headers: diskOperationHeaders(context, op), body: renderAccepted(disk) };
}

function get(request: ArmRequest, context: HandlerContext): ArmResponse {
  const resourceGroup = request.params.resourceGroupName ?? "";
  const name = request.params.diskName ?? "";
  requireResourceGroup(context, resourceGroup);
  const disk = context.state.disks[keyOf(diskId(context.options.subscriptionId, resourceGroup, name))];
  if (disk === undefined) throw armErrors.resourceNotFound(DISK_TYPE, name, resourceGroup);
  return { status: 200, body: renderDisk(disk) };
}

function list(request: ArmRequest, context: HandlerContext, prefix: string | undefined): ArmResponse {
  const items = Object.entries(context.state.disks)
    .filter(([key]) => prefix === undefined || key.startsWith(prefix))
    .map(([, disk]) => renderDisk(disk));
  return { status: 200, body: paginate(items, request, context, PAGE_SIZE) };
}

function remove(request: ArmRequest, context: HandlerContext): ArmResponse {
  const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
  const disk =
    context.state.disks[
      keyOf(diskId(context.options.subscriptionId, group.name, request.params.diskName ?? ""))
    ];
  // ARM answers a delete of something that is not there with 204, not 404.
  if (disk === undefined) return { status: 204 };
  if (disk.managedBy !== undefined) throw armErrors.resourceInUse("Disk", disk.name, disk.managedBy);
  disk.provisioningState = "Deleting";
  const op = context.operations.start(context, {
    family: "DiskOperations",
    location: disk.location,
    apiVersion: request.apiVersion,
    effect: { type: "disk.delete", targetId: disk.id },
  });
  return { status: 202, headers: diskOperationHeaders(context, op) };
}

export function registerDisksEffects(engine: OperationEngine): void {
  engine.register("disk.put", (state, effect, outcome) => {
    const disk = state.disks[keyOf(effect.targetId)];
    if (disk === undefined || disk.provisioningState === "Deleting") return undefined;
    if (outcome.error !== undefined) {
      disk.provisioningState = "Failed";
      return undefined;
    }
    disk.provisioningState = "Succeeded";
    return renderDisk(disk);
  });
  engine.register("disk.delete", (state, effect, outcome) => {
    const disk = state.disks[keyOf(effect.targetId)];
    if (disk === undefined) return undefined;
    if (outcome.error !== undefined) {
      disk.provisioningState = "Failed";
      return undefined;
    }
    Reflect.deleteProperty(state.disks, keyOf(disk.id));
    return undefined;
  });
}

const RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute";

export const diskRoutes: RouteDefinition[] = [
  {
    pattern: `${RG}/disks/{diskName}`,
    family: "disk",
    resourceType: DISK_TYPE,
    throttleGroup: "disk",
    methods: { PUT: put, GET: get, DELETE: remove },
  },
  {
    pattern: `${RG}/disks`,
    family: "disk",
    resourceType: DISK_TYPE,
    throttleGroup: "diskRead",
    methods: {
      GET: (request, context) => {
        const group = requireResourceGroup(context, request.params.resourceGroupName ?? "");
        return list(request, context, `${keyOf(group.id)}/`);
      },
    },
  },
  {
    pattern: "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/disks",
    family: "disk",
    resourceType: DISK_TYPE,
    throttleGroup: "diskRead",
    methods: {
      GET: (request, context) => list(request, context, subscriptionPrefix(context.options.subscriptionId)),
    },
  },
];
