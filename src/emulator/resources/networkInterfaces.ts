/** Placeholder: routes for this resource type are being written. */
import type { OperationEngine } from "../operations.js";
import type { RouteDefinition } from "../router.js";

export const networkInterfaceRoutes: RouteDefinition[] = [];

export function registerNetworkInterfacesEffects(_engine: OperationEngine): void {
  // No effects yet.
}
