/**
 * Listing virtual machines as the Compute RP answers `GET .../providers/Microsoft.Compute/virtualMachines`
 * for a subscription ("List All") and for a resource group ("List"): `{ value, nextLink? }` pages of
 * full VM models (tags included), at most `vmListPageSize` VMs a page (50 by default, the page size
 * users have long observed: azure-sdk-for-node#4769, azure-powershell#3227), in creation order.
 *
 * Query parameters, as the REST API defines them:
 * - `$expand=instanceView` adds each VM's instance view;
 * - `statusOnly=true` (subscription list) fetches the VMs' run-time status: the instance view too;
 * - `$filter` accepts only `virtualMachineScaleSet/id eq '<id>'` (the one filter the API offers);
 *   the emulator has no scale sets, so such a filter matches no VM.
 * A `nextLink` keeps these parameters and adds a `$skiptoken`.
 */
import { armErrors } from "../armErrors.js";
import type { ArmRequest, ArmResponse, HandlerContext } from "../http.js";
import type { VirtualMachineRecord } from "../state.js";
import { subscriptionPrefix } from "../subscriptions.js";
import { renderVmForApiVersion } from "./periodicRestorePoints.js";

const SCALE_SET_FILTER = /^\s*'?virtualMachineScaleSet\/id'?\s+eq\s+'[^']*'\s*$/i;

/** Whether the request asks for instance views, after checking its list parameters. */
function readListQuery(
  request: ArmRequest,
  subscriptionList: boolean,
): { instanceView: boolean; none: boolean } {
  const expand = request.query.get("$expand");
  if (expand !== null && expand.toLowerCase() !== "instanceview") {
    throw armErrors.invalidParameter(
      "$expand",
      `The value '${expand}' of '$expand' is invalid; the only allowed value is 'instanceView'.`,
    );
  }
  const statusOnly = request.query.get("statusOnly");
  if (statusOnly !== null && (!subscriptionList || !/^(true|false)$/i.test(statusOnly))) {
    throw armErrors.invalidParameter(
      "statusOnly",
      subscriptionList
        ? `The value '${statusOnly}' of 'statusOnly' is invalid; use 'true' or 'false'.`
        : "'statusOnly' is only supported when listing the virtual machines of a subscription.",
    );
  }
  const filter = request.query.get("$filter");
  if (filter !== null && !SCALE_SET_FILTER.test(filter)) {
    throw armErrors.invalidParameter(
      "$filter",
      `The filter '${filter}' is not supported; the only supported filter is "'virtualMachineScaleSet/id' eq '<scale set id>'".`,
    );
  }
  return {
    instanceView: expand !== null || statusOnly?.toLowerCase() === "true",
    none: filter !== null,
  };
}

/** The VMs whose table key starts with `prefix`, in the order they were created. */
function vmsUnder(context: HandlerContext, prefix: string): VirtualMachineRecord[] {
  return Object.entries(context.state.virtualMachines)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, vm]) => vm);
}

function readSkip(request: ArmRequest): number {
  const token = request.query.get("$skiptoken");
  if (token === null) return 0;
  if (!/^\d+$/.test(token)) {
    throw armErrors.invalidParameter("$skiptoken", `The skip token '${token}' is invalid or expired.`);
  }
  return Number(token);
}

/**
 * One page of VMs. `groupKey` is the lower-cased resource group id for a group list, absent for
 * the subscription list.
 */
export function listVirtualMachines(
  request: ArmRequest,
  context: HandlerContext,
  groupKey: string | undefined,
): ArmResponse {
  const { instanceView, none } = readListQuery(request, groupKey === undefined);
  const start = readSkip(request);
  const vms = none
    ? []
    : vmsUnder(
        context,
        groupKey === undefined ? subscriptionPrefix(context.options.subscriptionId) : `${groupKey}/`,
      );
  const pageSize = context.options.vmListPageSize;
  const value = vms
    .slice(start, start + pageSize)
    .map((vm) => renderVmForApiVersion(vm, context, request.apiVersion, { instanceView }));
  if (start + pageSize >= vms.length) return { status: 200, body: { value } };
  const next = new URLSearchParams(request.query);
  next.set("$skiptoken", String(start + pageSize));
  return { status: 200, body: { value, nextLink: `${context.baseUrl}${request.path}?${next.toString()}` } };
}
