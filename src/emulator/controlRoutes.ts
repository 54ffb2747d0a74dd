/**
 * The emulator's control routes: what a test or `vmrp emulator add-vm` needs that ARM has no single
 * call for (a VM with its disks and NIC, a resource group), over HTTPS from another process.
 *
 * They live under `/_emulator/`, a path ARM never uses (every ARM path starts with
 * `/subscriptions`, `/providers` or `/tenants`), and take the emulator's bearer token like every
 * other request. Bodies and answers are JSON:
 *
 * - `GET  /_emulator/status`: `{ subscriptionId }`, to check that the emulator runs.
 * - `POST /_emulator/resourceGroups` with `{ name, location }`: creates the group (idempotent), 201.
 * - `POST /_emulator/virtualMachines` with the options of `emu.addVm`: 201 with what `addVm` returns
 *   (in the emulator's own subscription).
 * - `GET  /_emulator/time`: `{ now, frozen }`, the emulator's clock (`now` in ISO 8601).
 * - `POST /_emulator/time` with `{ now }` (an ISO 8601 time, not before the current one) or
 *   `{ advanceMs }`: moves the clock as `emu.setTime` / `emu.advanceTime` do, 200 with `{ now, frozen }`.
 *
 * A malformed request gets a 400 `InvalidControlRequest` with the reason.
 */
import { ArmError } from "./armErrors.js";
import type { ArmResponse, HandlerContext } from "./http.js";
import { ensureResourceGroup } from "./resources/resourceGroups.js";
import { seedVirtualMachine, type AddVmOptions } from "./seed.js";

export const CONTROL_PREFIX = "/_emulator/";

export function isControlPath(path: string): boolean {
  return path.toLowerCase().startsWith(CONTROL_PREFIX);
}

function invalid(message: string): ArmError {
  return new ArmError(400, "InvalidControlRequest", message);
}

function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw invalid("The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

/** The emulator's clock as the control routes see and move it (moving it persists it too). */
export interface ControlClock {
  now(): number;
  readonly frozen: boolean;
  set(ms: number): void;
  advance(ms: number): void;
}

function timeBody(clock: ControlClock): Record<string, unknown> {
  return { now: new Date(clock.now()).toISOString(), frozen: clock.frozen };
}

function moveTime(clock: ControlClock, body: unknown): void {
  const { now, advanceMs } = objectBody(body);
  if ((now === undefined) === (advanceMs === undefined)) {
    throw invalid("Give either 'now' (an ISO 8601 time) or 'advanceMs' (milliseconds >= 0).");
  }
  try {
    if (now !== undefined) {
      const ms = typeof now === "string" ? Date.parse(now) : Number.NaN;
      if (Number.isNaN(ms)) throw new RangeError("'now' must be an ISO 8601 time.");
      clock.set(ms);
    } else {
      if (typeof advanceMs !== "number") throw new RangeError("'advanceMs' must be a number.");
      clock.advance(advanceMs);
    }
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error));
  }
}

/** Answers a control request; throws an ArmError for the server to send. */
export function handleControl(
  method: string,
  path: string,
  body: unknown,
  context: HandlerContext,
  clock?: ControlClock,
): ArmResponse {
  const route = `${method.toUpperCase()} ${path
    .slice(CONTROL_PREFIX.length - 1)
    .replace(/\/+$/, "")
    .toLowerCase()}`;
  switch (route) {
    case "GET /status":
      return { status: 200, body: { subscriptionId: context.options.subscriptionId } };
    case "GET /time":
    case "POST /time":
      if (clock === undefined) break;
      if (method.toUpperCase() === "POST") moveTime(clock, body);
      return { status: 200, body: timeBody(clock) };
    case "POST /resourcegroups": {
      const { name, location } = objectBody(body);
      if (typeof name !== "string" || typeof location !== "string") {
        throw invalid("A resource group needs a string 'name' and 'location'.");
      }
      const group = ensureResourceGroup(context, name, location);
      return { status: 201, body: { id: group.id, name: group.name, location: group.location } };
    }
    case "POST /virtualmachines": {
      const { subscriptionId } = objectBody(body);
      if (
        subscriptionId !== undefined &&
        (typeof subscriptionId !== "string" ||
          subscriptionId.toLowerCase() !== context.options.subscriptionId.toLowerCase())
      ) {
        // Other subscriptions are hosted by `emu.addVm` in the emulator's own process.
        throw invalid(`The control route adds VMs to subscription ${context.options.subscriptionId} only.`);
      }
      try {
        return {
          status: 201,
          body: seedVirtualMachine(context, objectBody(body) as unknown as AddVmOptions),
        };
      } catch (error) {
        if (error instanceof ArmError) throw error;
        throw invalid(error instanceof Error ? error.message : String(error));
      }
    }
    default:
      break;
  }
  throw new ArmError(
    404,
    "ControlRouteNotFound",
    `No emulator control route ${method.toUpperCase()} ${path}.`,
  );
}
