/** Placeholder: routes for this resource type are being written. */
import type { OperationEngine } from "../operations.js";
import type { RouteDefinition } from "../router.js";

export const diskRoutes: RouteDefinition[] = [];

export function registerDisksEffects(_engine: OperationEngine): void {
  // No effects yet.
}
