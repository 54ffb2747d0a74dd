/**
 * Operation status endpoints, in the two forms the recordings show: the `Azure-AsyncOperation` URL
 * answers 200 with `{startTime, endTime?, status, name}` (the Disk RP adds `properties.output`), and
 * the `Location` URL (`&monitor=true`) answers 202 while running and the final result when done.
 */
import { armErrors } from "../armErrors.js";
import type { ArmRequest, ArmResponse, HandlerContext } from "../http.js";
import type { RouteDefinition } from "../router.js";
import { sameId, type OperationRecord } from "../state.js";

function find(
  request: ArmRequest,
  context: HandlerContext,
  family: OperationRecord["family"],
): OperationRecord {
  const id = request.params.operationId ?? "";
  const op = context.state.operations[id] ?? context.state.operations[id.toLowerCase()];
  if (
    op?.family !== family ||
    op.location.toLowerCase() !== (request.params.location ?? "").toLowerCase() ||
    // An operation is found only under the subscription that started it.
    (op.subscriptionId !== undefined && !sameId(op.subscriptionId, context.options.subscriptionId))
  ) {
    throw armErrors.operationNotFound(id);
  }
  return op;
}

function failureStatus(code: string): number {
  return /^Internal|Timeout/i.test(code) ? 500 : 400;
}

function status(family: OperationRecord["family"]) {
  return (request: ArmRequest, context: HandlerContext): ArmResponse => {
    const op = find(request, context, family);
    const retryAfter: Record<string, string> =
      context.options.retryAfterSeconds === undefined
        ? {}
        : { "retry-after": String(context.options.retryAfterSeconds) };
    if (request.query.get("monitor")?.toLowerCase() === "true") {
      if (op.status === "InProgress") {
        return {
          status: 202,
          headers: { location: context.operations.monitorUrl(context, op), ...retryAfter },
        };
      }
      if (op.status === "Succeeded")
        return op.output === undefined ? { status: 200 } : { status: 200, body: op.output };
      const error = op.error ?? { code: "OperationFailed", message: "The operation failed." };
      return { status: failureStatus(error.code), body: { error } };
    }
    const body: Record<string, unknown> = { startTime: op.startTime };
    if (op.endTime !== undefined) body.endTime = op.endTime;
    body.status = op.status;
    if (op.error !== undefined) body.error = op.error;
    if (op.family === "DiskOperations" && op.status === "Succeeded" && op.output !== undefined) {
      body.properties = { output: op.output };
    }
    body.name = op.id;
    return { status: 200, headers: op.status === "InProgress" ? retryAfter : {}, body };
  };
}

const BASE = "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}";

export const operationStatusRoutes: RouteDefinition[] = [
  {
    pattern: `${BASE}/operations/{operationId}`,
    family: "operations",
    resourceType: "Microsoft.Compute/locations/operations",
    throttleGroup: "operation",
    methods: { GET: status("operations") },
  },
  {
    pattern: `${BASE}/DiskOperations/{operationId}`,
    family: "operations",
    resourceType: "Microsoft.Compute/locations/DiskOperations",
    throttleGroup: "operation",
    methods: { GET: status("DiskOperations") },
  },
];
