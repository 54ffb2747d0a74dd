/** Placeholder: routes for this resource type are being written. */
import type { OperationEngine } from "../operations.js";
import type { RouteDefinition } from "../router.js";

export const vmRoutes: RouteDefinition[] = [];

export function registerVirtualMachinesEffects(_engine: OperationEngine): void {
  // No effects yet.
}
